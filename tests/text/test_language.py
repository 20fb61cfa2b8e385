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
