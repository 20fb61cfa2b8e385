from storydiff import ingest
from storydiff.text import sentences
from storydiff.text.roles import paragraph_role


def split(text):
    return [s.text for s in sentences(ingest.from_text(text))]


def test_abbreviations_and_quotes_do_not_split():
    text = (
        'Mr. Haddad flew to the U.S. on Monday. He said: "We will not sign. Not today." '
        '"Is that final?" one reporter asked.'
    )
    assert split(text) == [
        "Mr. Haddad flew to the U.S. on Monday.",
        'He said: "We will not sign. Not today."',
        '"Is that final?" one reporter asked.',
    ]


def test_offsets_point_into_the_original():
    text = "  Ferry plan approved\n\nThe council voted.  It was close.\n"
    doc = ingest.from_text(text)
    for s in sentences(doc):
        assert text[s.start : s.end] == s.text


def test_roles():
    assert paragraph_role("Ferry terminal approved after long dispute", 0, 5) == "headline"
    assert paragraph_role("By Ana Lindqvist, Coastal Gazette", 1, 5) == "byline"
    assert paragraph_role("EPA Workers unload cargo at the pier at dawnEPA", 2, 5) == "caption"
    assert paragraph_role("Getty A ferry leaves the harbour in the fog.getty", 3, 5) == "caption"
    assert paragraph_role("Leave a Comment", 4, 5) == "boilerplate"
    assert paragraph_role("Share this article", 4, 5) == "boilerplate"
    assert paragraph_role("The council voted on Tuesday to approve the terminal.", 3, 5) == "content"
    assert paragraph_role("Getty said the deal was off.", 3, 5) == "content"


def test_a_sentence_may_open_with_a_currency_sign_or_a_digit():
    from storydiff.text.sentences import split

    text = (
        "The deal was agreed, sources said. £31 million has been set aside. It stands at No. 5 Quay Street."
    )
    assert [text[s:e] for s, e in split(text)] == [
        "The deal was agreed, sources said.",
        "£31 million has been set aside.",
        "It stands at No. 5 Quay Street.",
    ]


def test_an_over_long_sentence_is_cut_at_spaces():
    from storydiff.text.sentences import MAX_SENTENCE_CHARS, split

    text = " ".join(["harbour"] * 1500)  # 11,999 characters, no sentence ending
    spans = split(text)
    assert len(spans) > 1 and all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text


def test_abbreviations_are_initials_or_a_word_cut_short():
    from storydiff.text.spelling import abbreviates

    assert abbreviates("NATO", "North Atlantic Treaty Organization")
    assert abbreviates("Gov.", "Governor") and abbreviates("Sts", "Saints")
    assert not abbreviates("FBI", "Securities and Exchange Commission")
    assert not abbreviates("Gov", "Government Office") and not abbreviates("Sam", "Tamsin")


def test_a_point_before_a_capitalised_word_splits_a_run_on_token():
    from storydiff.text.tokens import tokenize

    assert [t.text for t in tokenize("peaked at 13.The band")] == ["peaked", "at", "13", "The", "band"]
    assert [t.text for t in tokenize("Rovers FC.In June")] == ["Rovers", "FC", "In", "June"]
    assert [t.text for t in tokenize("the U.S. rate of 3.5 at 2 a.m.")] == [
        "the",
        "U.S",
        "rate",
        "of",
        "3.5",
        "at",
        "2",
        "a.m",
    ]


def test_a_list_number_stays_with_its_item_and_alone_is_furniture():
    from storydiff.ingest import from_text
    from storydiff.text import sentences as split

    found = [
        (s.text, s.role)
        for s in split(from_text("Three tips follow.\n1. Rinse the bowl first.\n2) Dry it.\n3.\nDone.", "x"))
    ]
    assert found == [
        ("Three tips follow.", "content"),
        ("1. Rinse the bowl first.", "content"),
        ("2) Dry it.", "content"),
        ("3.", "boilerplate"),
        ("Done.", "content"),
    ]
