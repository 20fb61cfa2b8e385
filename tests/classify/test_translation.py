"""Changes that survive translation, over texts written for these tests."""

import pytest

from storydiff.classify import translation
from storydiff.records import Sentence

FR = """Le conseil approuve un nouveau pont

Le conseil municipal de Lyon a approuvé mardi un pont de 2,5 millions d'euros, a déclaré la maire Anne Moreau.
Les travaux commenceront en mars 2027.
« Ce pont reliera enfin les deux quartiers », a déclaré Moreau.
Les opposants critiquent le coût du projet."""

EN = """Council approves new bridge

Lyon city council on Tuesday approved a 2.5 million euro bridge, mayor Anne Moreau said.
Work will begin in March 2027.
"This bridge will finally connect the two districts," Moreau said.
Opponents criticise the cost of the project."""


def one(text: str) -> list[Sentence]:
    return [Sentence(0, text, 0, len(text))]


@pytest.mark.parametrize(
    "lang,text,key",
    [
        ("de", "Die Brücke kostet 1,5 Mio. Euro.", "1500000"),
        ("de", "Die Brücke kostet 1,5 Millionen Euro.", "1500000"),
        ("fr", "Le pont coûte 2 417 000 euros.", "2417000"),
        ("ru", "Мост стоит 25 млн рублей.", "25000000"),
        ("ja", "橋の費用は150万円だ。", "1500000"),
        ("en", "The bridge costs 1.5 million euros.", "1500000"),
    ],
)
def test_figures_are_read_in_each_language(lang, text, key):
    assert key in {f.key for f in translation.facts(one(text), lang) if f.kind == "number"}


@pytest.mark.parametrize(
    "lang,text,key",
    [
        ("de", "Sie kam im März.", "month:3"),
        ("ru", "Это было в январе.", "month:1"),
        ("ja", "7月に始まる。", "month:7"),
    ],
)
def test_months_in_every_inflection(lang, text, key):
    assert key in {f.key for f in translation.facts(one(text), lang) if f.kind == "date"}


def test_an_untouched_translation_is_a_translation(cmp):
    result = cmp(FR, EN)
    assert result.a.language == "fr" and result.b.language == "en"
    assert result.summary["major"] == 0, [c.explanation for _, c in result.changes]
    assert result.summary["relations"].get("translation", 0) >= 4
    assert result.to_dict()["a"]["language"] == "fr"


def test_a_changed_figure_date_and_name_in_a_translation_are_major(cmp):
    changed = (
        EN.replace("2.5 million", "25 million")
        .replace("March", "May")
        .replace("Anne Moreau", "Anne Kowalski")
    )
    result = cmp(FR, changed)
    found = {(c.type, c.b_text) for _, c in result.changes if c.severity == "major"}
    assert ("number", "25 million") in found
    assert ("date", "May") in found
    assert ("entity", "Kowalski") in found


def test_a_dropped_quotation_is_major(cmp):
    dropped = EN.replace('"This bridge will finally connect the two districts," Moreau said.\n', "")
    result = cmp(FR, dropped)
    assert [(x.side, x.change.type, x.change.severity) for x in result.lone] == [("a", "quote", "major")]


def test_languages_are_shown_in_the_reports(cmp):
    from storydiff.report import render_html

    html = render_html(cmp(FR, EN))
    assert 'lang="fr" dir="ltr"' in html and "French" in html


def test_a_translation_that_moves_a_paragraph_aligns_it_as_moved(cmp):
    lines = EN.split("\n")
    moved = "\n".join(lines[:2] + [lines[3], lines[2]] + lines[4:])
    result = cmp(FR, moved)
    assert not result.only_a and not result.only_b
    assert result.summary["moved"] == 1
    assert result.summary["encoder"] == "USE-multilingual-v3"


def test_an_icelandic_version_is_reported_as_uncovered(cmp):
    icelandic = "Borgarráð samþykkti á þriðjudag byggingu nýrrar brúar yfir ána fyrir 2,5 milljónir evra."
    result = cmp(
        icelandic, "The city council on Tuesday approved a new bridge over the river for 2.5 million euros."
    )
    assert any("Icelandic is not among" in n for n in result.summary["language_notes"])


def test_a_japanese_compound_figure_is_one_value():
    """ "1万1000" is 11,000 and "1億5000万" 150,000,000: one figure each, not two."""
    from storydiff.classify.translation import _foreign_values
    from storydiff.records import Sentence

    text = "港の来場者は１万１０００人、予算は1億5000万円だった。"
    found = [(f.kind, f.key) for f in _foreign_values(Sentence(0, text, 0, len(text), "content"), "ja")]
    assert found == [("number", "11000"), ("number", "150000000")]
