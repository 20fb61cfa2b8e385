"""The language-analysis pass: one spaCy pass per sentence, carried on the record, and its phrases."""

from storydiff import text
from storydiff.ingest import from_text
from storydiff.text.analysis import analyse


def _analysed(s: str):
    return analyse(text.sentences(from_text(s, "A")))


def test_words_carry_offsets_into_the_document_lemmas_and_parts_of_speech():
    doc = "The flood closed the bridge.\nVolunteers were carrying sandbags to the old mill."
    sentences = _analysed(doc)
    assert len(sentences) == 2
    for s in sentences:
        assert s.analysis is not None
        for w in s.analysis.words:
            assert doc[w.start : w.end] == w.text
    words = {w.text: w for w in sentences[1].analysis.words}
    assert words["carrying"].lemma == "carry" and words["carrying"].pos == "VERB"
    assert words["sandbags"].pos == "NOUN" and not words["to"].content


def test_phrases_cover_every_word_once_in_order():
    [s] = _analysed("The mayor of Leeds has not yet signed the new housing plan in the town hall.")
    chunks = s.analysis.chunks
    assert chunks[0][0] == 0 and chunks[-1][1] == len(s.analysis.words)
    assert all(x[1] == y[0] for x, y in zip(chunks, chunks[1:]))
    phrases = [" ".join(w.text for w in s.analysis.words[a:b]) for a, b in chunks]
    assert "the new housing plan" in phrases
    assert "in the town hall" in phrases  # a preposition opens its noun phrase
    assert any(p.startswith("has") and p.endswith("signed") for p in phrases)  # one verb group


def test_analysis_is_not_part_of_equality_or_repeated():
    [s] = _analysed("Rain fell all day.")
    assert s == text.sentences(from_text("Rain fell all day.", "A"))[0]
    assert analyse([s])[0] is s  # already analysed: not parsed again
