"""Alignment: reordering, merges and splits, and what is left unaligned."""

from tests.conftest import changes_of

A = """The storm reached the coast late on Friday night.
Thousands of homes lost power across the region.
Schools will stay closed until the roads are cleared.
The weather service expects calmer winds by Sunday."""


def test_moved_sentence_is_aligned_not_deleted(cmp):
    b = """The storm reached the coast late on Friday night.
Schools will stay closed until the roads are cleared.
The weather service expects calmer winds by Sunday.
Thousands of homes lost power across the region."""
    result = cmp(A, b)
    assert result.only_a == () and result.only_b == ()
    moved = [al for al in result.alignments if al.moved]
    assert len(moved) == 1
    assert all(al.relation == "identical" for al in result.alignments)


def test_split_sentence_is_one_group(cmp):
    a = "The museum reopened on Saturday after a two-year renovation that cost the city dearly."
    b = "The museum reopened on Saturday. The two-year renovation cost the city dearly."
    result = cmp(a, b)
    assert result.only_a == () and result.only_b == ()
    [group] = result.alignments
    assert group.a == (0,) and group.b == (0, 1)


def test_merged_sentences_are_one_group(cmp):
    a = "The museum reopened on Saturday. The two-year renovation cost the city dearly."
    b = "The museum reopened on Saturday after a two-year renovation that cost the city dearly."
    [group] = cmp(a, b).alignments
    assert group.a == (0, 1) and group.b == (0,)


def test_unrelated_sentence_is_only_in_one_version(cmp):
    b = A + "\nA local bakery handed out free bread to the volunteers."
    result = cmp(A, b)
    assert result.only_b == (4,)
    assert result.only_a == ()
    assert changes_of(result) == []


def test_roles_do_not_align_with_content(cmp):
    a = "Storm hits coast\n\nThe storm reached the coast late on Friday night.\n\nShare this article"
    b = "The storm reached the coast late on Friday night."
    result = cmp(a, b)
    roles = sorted(result.a.sentences[i].role for i in result.only_a)
    assert roles == ["boilerplate", "headline"]
