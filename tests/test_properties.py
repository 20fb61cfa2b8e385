"""Properties that must hold for any pair of texts."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storydiff

WORDS = [
    "council",
    "harbour",
    "ferry",
    "mayor",
    "she",
    "he",
    "not",
    "never",
    "3",
    "three",
    "million",
    "May",
    "June",
    "said",
    "suggested",
    "will",
    "may",
    "reportedly",
    "Oslo",
    "Bergen",
    "budget",
    "the",
    "a",
    "of",
    "in",
    "and",
    "rose",
    "fell",
    '"quote"',
    "new",
    "old",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
article = st.lists(sentence, min_size=1, max_size=6).map("\n".join)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _covered(result, side):
    ids = [i for al in result.alignments for i in getattr(al, side)]
    ids += list(result.only_a if side == "a" else result.only_b)
    return sorted(ids)


@SETTINGS
@given(article, article)
def test_every_sentence_appears_exactly_once(a, b):
    result = storydiff.compare(a, b)
    assert _covered(result, "a") == list(range(len(result.a.sentences)))
    assert _covered(result, "b") == list(range(len(result.b.sentences)))


@SETTINGS
@given(article)
def test_comparing_a_text_with_itself_changes_nothing(a):
    result = storydiff.compare(a, a)
    assert result.only_a == () and result.only_b == ()
    assert all(al.relation == "identical" and not al.changes for al in result.alignments)


@SETTINGS
@given(article, article)
def test_swapping_a_and_b_mirrors_the_result(a, b):
    ab, ba = storydiff.compare(a, b), storydiff.compare(b, a)
    assert ab.only_a == ba.only_b and ab.only_b == ba.only_a
    forward = {
        (al.a, al.b, al.relation, tuple(sorted((c.type, c.severity, c.a_span, c.b_span) for c in al.changes)))
        for al in ab.alignments
    }
    backward = {
        (al.b, al.a, al.relation, tuple(sorted((c.type, c.severity, c.b_span, c.a_span) for c in al.changes)))
        for al in ba.alignments
    }
    assert forward == backward
