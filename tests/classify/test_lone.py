"""Material only one version has (texts written for these tests)."""

import pytest

BASE = "The council met on Monday. It approved the new budget for the harbour."


def lone_of(cmp, extra):
    r = cmp(BASE, BASE + " " + extra)
    return [(x.side, x.change.type, x.change.severity) for x in r.lone]


@pytest.mark.parametrize(
    "extra,type_,severity",
    [
        ('"This is a great day for the harbour," said the mayor.', "quote", "major"),
        ("The vote was carried by 7 to 2.", "number", "major"),
        ("Correction: an earlier version of this story gave the wrong date.", "correction", "major"),
        ("Councillor Okonjo abstained.", "entity", "major"),
        ("It was a long meeting and the room was warm.", "wording", "minor"),
        ('"It is over," the harbour master said.', "quote", "major"),  # short, but three quoted words
        ('Some called the plan a "vanity project" at the meeting.', "wording", "minor"),  # a scare quote
    ],
)
def test_lone_sentence_is_judged(cmp, extra, type_, severity):
    assert lone_of(cmp, extra) == [("b", type_, severity)]


def test_furniture_gets_no_change(cmp):
    r = cmp(BASE, BASE + "\nShare this article\nLeave a Comment")
    assert r.only_b and not r.lone


def test_lone_changes_mirror_and_reach_the_json(cmp):
    extra = "The vote was carried by 7 to 2."
    ab, ba = cmp(BASE, BASE + " " + extra), cmp(BASE + " " + extra, BASE)
    assert [(x.sentence, x.change.type) for x in ab.lone] == [(x.sentence, x.change.type) for x in ba.lone]
    assert ab.lone[0].side == "b" and ba.lone[0].side == "a"
    forward, backward = ab.lone[0].change, ba.lone[0].change.mirrored()
    assert (forward.type, forward.a_span, forward.b_span) == (backward.type, backward.a_span, backward.b_span)
    (row,) = ab.to_dict()["unaligned_changes"]
    assert row["side"] == "b" and row["type"] == "number" and row["b_text"] == extra


def test_lone_changes_carry_a_confidence_on_their_side_of_the_threshold(cmp):
    from storydiff.judge.model import default_model

    threshold = default_model().threshold
    r = cmp(BASE, BASE + " The vote was carried by 7 to 2. It was a long meeting and the room was warm.")
    found = {x.change.type: x.change for x in r.lone}
    assert found["number"].confidence >= threshold and found["number"].severity == "major"
    assert found["wording"].confidence < threshold and found["wording"].severity == "minor"
    assert ba_mirrors(cmp)
    # the filter that hides what the model is less sure of hides these too, and the counts follow
    kept = r.filtered(threshold)
    assert [x.change.type for x in kept.lone] == ["number"] and kept.summary["minor"] == 0
    assert all(x.change.confidence is None for x in cmp(BASE, BASE + " It rained.", rules_only=True).lone)


def ba_mirrors(cmp) -> bool:
    extra = "The vote was carried by 7 to 2."
    ab, ba = cmp(BASE, BASE + " " + extra), cmp(BASE + " " + extra, BASE)
    return ab.lone[0].change.confidence == ba.lone[0].change.confidence
