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


def test_in_document_order_keeps_order_and_leaves_a_dropped_sentence_out():
    import numpy as np

    from storydiff.align import in_document_order

    rng = np.random.default_rng(0)
    va = rng.normal(size=(5, 16))
    va /= np.linalg.norm(va, axis=1, keepdims=True)
    vb = np.delete(va, 2, axis=0) + rng.normal(scale=0.05, size=(4, 16))  # the third sentence dropped
    found = in_document_order(va, vb)
    assert [(g.a, g.b) for g in found.groups] == [((0,), (0,)), ((1,), (1,)), ((3,), (2,)), ((4,), (3,))]
    assert found.only_a == (2,) and found.only_b == () and not any(g.moved for g in found.groups)


def test_in_document_order_reads_shared_names_and_figures_where_cosines_cannot_tell():
    import numpy as np

    from storydiff.align import in_document_order

    v = np.ones((1, 8)) / np.sqrt(8)
    va, vb = np.repeat(v, 4, axis=0), np.repeat(v, 3, axis=0)
    anchors_a = [frozenset({"1"}), frozenset({"2"}), frozenset({"3"}), frozenset({"4"})]
    anchors_b = [frozenset({"1"}), frozenset({"3"}), frozenset({"4"})]
    found = in_document_order(va, vb, anchors_a, anchors_b)
    assert [(g.a, g.b) for g in found.groups] == [((0,), (0,)), ((2,), (1,)), ((3,), (2,))]
    assert found.only_a == (1,)
