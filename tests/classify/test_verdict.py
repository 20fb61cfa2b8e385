"""The MSRP-scale verdict: present, symmetric, ordered sensibly, and never "paraphrase" over swapped roles."""

import storydiff


def test_verdict_is_in_the_summary_and_symmetric():
    a = "The council approved the new harbour wall on Monday after a long debate."
    b = "After a lengthy debate, the council gave its approval to the new harbour wall on Monday."
    ab, ba = storydiff.compare(a, b), storydiff.compare(b, a)
    assert ab.summary["msrp_verdict"]["paraphrase"] is True
    assert ab.summary["msrp_verdict"] == ba.summary["msrp_verdict"]


def test_a_changed_fact_scores_higher_than_a_paraphrase():
    a = "The ferry company said 240 passengers were stranded at Saltmere overnight."
    same = "The ferry company said that 240 passengers had been stranded overnight at Saltmere."
    other = "Police said 2,400 passengers were stranded at Dunmoor overnight."
    p_same = storydiff.compare(a, same).summary["msrp_verdict"]["p_not_paraphrase"]
    p_other = storydiff.compare(a, other).summary["msrp_verdict"]["p_not_paraphrase"]
    assert p_other > p_same


def test_swapped_roles_are_always_a_change():
    r = storydiff.compare(
        "The train from Oslo to Bergen was delayed by snow.",
        "The train from Bergen to Oslo was delayed by snow.",
    )
    v = r.summary["msrp_verdict"]
    assert v["paraphrase"] is False and v["swapped_roles"] is True
