"""Phrase alignment inside an aligned group: phrases in any order, synonyms, and their relation."""

import json

import jsonschema

from storydiff.report.json import SCHEMA_PATH


def _pairs(result):
    return {(c.a_text, c.b_text): c for al in result.alignments for c in al.chunks}


def test_phrases_pair_across_reordering_with_relations(cmp):
    a = "Flood waters forced hundreds of families from their homes in the valley on Monday."
    b = "On Monday, hundreds of families were forced from their homes in the valley by flood waters."
    pairs = _pairs(cmp(a, b, chunks=True))
    assert pairs[("in the valley", "in the valley")].relation == "same"
    assert ("Flood waters", "by flood waters") in pairs  # found after the clause moved
    assert pairs[("on Monday", "On Monday")].relation == "same"


def test_a_replaced_figure_makes_its_phrase_pair_changed(cmp):
    a = "Rescue teams pulled 12 survivors from the collapsed hotel."
    b = "Rescue teams pulled 21 survivors from the collapsed hotel."
    pairs = _pairs(cmp(a, b, chunks=True))
    assert pairs[("12 survivors", "21 survivors")].relation == "changed"
    assert pairs[("from the collapsed hotel", "from the collapsed hotel")].relation == "same"


def test_an_added_detail_makes_a_phrase_similar_not_changed(cmp):
    a = "The council approved the budget."
    b = "The city council approved the budget."
    pairs = _pairs(cmp(a, b, chunks=True))
    assert pairs[("The council", "The city council")].relation == "similar"


def test_chunks_are_off_by_default_and_in_the_schema_when_on(cmp):
    a, b = "The talks ended without a deal.", "The talks collapsed without an agreement."
    assert all(al.chunks == () for al in cmp(a, b).alignments)
    data = cmp(a, b, chunks=True).to_dict()
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text()))
    assert data["alignments"][0]["chunks"]
    for c in data["alignments"][0]["chunks"]:
        assert a[slice(*c["a_span"])] == c["a_text"] and b[slice(*c["b_span"])] == c["b_text"]


def test_chunks_are_english_only_and_say_so(cmp):
    a = "Le gouvernement a annoncé un nouveau plan pour les hôpitaux du pays."
    b = "The government announced a new plan for the country's hospitals."
    result = cmp(a, b, chunks=True)
    assert all(al.chunks == () for al in result.alignments)
    assert any("English-only" in n for n in result.summary.get("language_notes", []))


def test_a_synonym_makes_a_phrase_pair_the_same(cmp):
    a = "The council purchased the old mill on Friday."
    b = "The council bought the old mill on Friday."
    pairs = _pairs(cmp(a, b, chunks=True))
    assert pairs[("purchased", "bought")].relation == "same"
