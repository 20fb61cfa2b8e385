import pytest

from storydiff.text.numwords import lexicon, spelled


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ru", "двести сорок пять человек", [("двести сорок пять", 245.0, False)]),
        ("ru", "около четырёх тысяч моряков", [("четырёх тысяч", 4000.0, False)]),  # genitive
        (
            "ru",
            "двадцать одну тысячу рублей",
            [("двадцать одну тысячу", 21000.0, False)],
        ),  # feminine accusative
        ("fr", "trente et un ans", [("trente et un", 31.0, False)]),
        ("fr", "plus de quatre milliards", [("quatre milliards", 4e9, False)]),
        ("es", "treinta y dos casas", [("treinta y dos", 32.0, False)]),
        ("de", "viertausend Menschen", [("viertausend", 4000.0, False)]),
        ("ru", "тысячи долларов", [("тысячи", 1000.0, True)]),  # a scale word alone is vague
        ("fr", "une vingtaine de blessés", [("vingtaine", 20.0, True)]),
        ("fr", "placé en quarantaine", []),  # the word for quarantine, not "une quarantaine de"
        ("fr", "des exemples (une soixantaine)", [("soixantaine", 60.0, True)]),  # counted by "une"
        ("fr", "des dizaines de milliers d'euros", [("dizaines de milliers", 10000.0, True)]),
        ("fr", "un accord et une loi", []),  # articles
        ("de", "ein Vertrag", []),
    ],
)
def test_numbers_in_words(lang, text, expected):
    assert [(text[a:b], v, vague) for a, b, v, vague in spelled(text, lang)] == expected


def test_languages_num2words_does_not_know_read_nothing():
    assert lexicon("en") is None  # English has its own reader (classify/features.py)
    assert spelled("quarenta e dois", "xx") == []
