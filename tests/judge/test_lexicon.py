"""WordNet relations from the shipped table: the signal the change model reads for single-word swaps."""

import pytest

from storydiff.judge.lexicon import RELATIONS, lexicon


def relations(x, y):
    return {name for name, v in zip(RELATIONS, lexicon().relation(x, y)) if v}


@pytest.mark.parametrize(
    "x,y,expected,absent",
    [
        ("little", "small", "synonym", "sister"),
        ("bought", "purchased", "synonym", "antonym"),
        ("passed", "failed", "antonym", "synonym"),
        ("rose", "fell", "antonym", "synonym"),
        ("walking", "running", "sister", "synonym"),
        ("went", "go", "same_base", "antonym"),
        ("vans", "van", "same_base", "synonym"),
        ("dog", "animal", "hypernym", "synonym"),
    ],
)
def test_relations(x, y, expected, absent):
    found = relations(x, y)
    assert expected in found
    assert absent not in found


def test_order_free_and_unknown_words():
    assert relations("small", "little") == relations("little", "small")
    assert relations("Okafor", "Lindqvist") == set()


def test_inflections_reach_the_dictionary_form():
    lex = lexicon()
    assert "go" in lex.bases("went")
    assert "policy" in lex.bases("policies")
    assert lex.bases("xqzzy") == ()


def test_phrases_of_two_or_three_words_are_read_as_one_word():
    from storydiff.judge.features import _lexical
    from storydiff.text.tokens import tokenize

    lex = lexicon()
    assert _lexical(tokenize("the crew took part in it"), lex) == ["crew", "take_part"]
    assert "synonym" in relations("take_part", "participated")
    assert "synonym" in relations("set_up", "established")
