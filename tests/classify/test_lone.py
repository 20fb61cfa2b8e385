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
