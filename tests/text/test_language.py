from storydiff.ingest import from_text
from storydiff.text import sentences
from storydiff.text.language import detect


def test_detects_the_language_of_each_version():
    assert detect("Le conseil municipal a voté mardi la construction d'un nouveau pont.").code == "fr"
    assert detect("Городской совет во вторник одобрил строительство нового моста.").code == "ru"
    assert detect("市議会は火曜日、新しい橋の建設を承認した。").code == "ja"
    assert detect("THE COUNCIL APPROVED THE NEW BRIDGE ON TUESDAY.").code == "en"


def test_too_little_text_is_undetermined():
    assert detect("12 / 34").code == "und"


def test_coverage_and_direction():
    assert detect("Der Stadtrat hat am Dienstag den Bau einer neuen Brücke beschlossen.").covered
    icelandic = detect("Borgarráð samþykkti á þriðjudag byggingu nýrrar brúar yfir ána.")
    assert icelandic.code == "is" and not icelandic.covered and icelandic.name == "Icelandic"
    assert detect("وافق مجلس المدينة يوم الثلاثاء على بناء جسر جديد.").direction == "rtl"


def test_japanese_lines_are_not_unwrapped_and_closing_brackets_stay():
    text = (
        "市議会が新橋を承認\n市議会は火曜日、新しい橋の建設を承認した。\n"
        "市長は「工事は来年始まる。」と述べた。\n反対派は費用を批判した。"
    )
    found = [s.text for s in sentences(from_text(text))]
    assert found == [
        "市議会が新橋を承認",
        "市議会は火曜日、新しい橋の建設を承認した。",
        "市長は「工事は来年始まる。」と述べた。",
        "反対派は費用を批判した。",
    ]


def test_ordinal_and_scale_dots_end_no_sentence():
    # blingfire cuts after "28." and "Mrd."; "Sie war 12." does end a sentence.
    text = (
        "Die Zahlen vom Donnerstag, dem 28. Mai, waren schlecht.\n"
        "Der Umsatz stieg auf 25,3 Mrd. Euro im ersten Quartal.\nSie war 12. Dann ging sie."
    )
    found = [s.text for s in sentences(from_text(text))]
    assert found == [
        "Die Zahlen vom Donnerstag, dem 28. Mai, waren schlecht.",
        "Der Umsatz stieg auf 25,3 Mrd. Euro im ersten Quartal.",
        "Sie war 12.",
        "Dann ging sie.",
    ]


def test_a_short_english_sentence_the_model_half_misreads_is_english():
    # fastText's first guess for this one is Hungarian (0.72), English second (0.20)
    assert detect("Police found a grey van.").code == "en"
    # a short sentence really in another language keeps its language
    assert detect("Le conseil municipal a voté mardi la construction d'un nouveau pont.").code == "fr"


def test_two_versions_that_share_most_words_are_one_language():
    from storydiff.text.language import of_pair

    a, b = of_pair("A bartender is pour a draft beer.", "A bartender is pouring a draft beer.")
    assert a.code == b.code == "en"
    a, b = of_pair(
        "The council approved the new bridge on Tuesday.",
        "Der Stadtrat hat am Dienstag die Brücke gebilligt.",
    )
    assert (a.code, b.code) == ("en", "de")


def test_a_short_english_pair_is_judged_by_the_change_model():
    import storydiff

    r = storydiff.compare("Police found a grey van.", "Police found a white van.")
    assert r.summary["languages"] == {"a": "en", "b": "en"}
    assert [(c.type, c.severity) for c in r.all_changes] == [("wording", "major")]
    assert r.all_changes[0].confidence is not None
