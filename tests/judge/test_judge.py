"""The change model as shipped: its card, its integrity, what it decides (texts written for these tests)."""

import hashlib
import json

import numpy as np

from storydiff.judge.features import HAND, MIRROR, N_FEATURES
from storydiff.judge.model import CARD_PATH, MODEL_PATH, default_model
from tests.conftest import changes_of


def test_the_model_ships_with_a_card_that_matches_it():
    card = json.loads(CARD_PATH.read_text())
    assert hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() == card["sha256"]
    assert len(card["features"]) == N_FEATURES and card["features"][: len(HAND)] == list(HAND)
    assert 0 < card["floor"] < card["threshold"] < 1
    assert card["data"]["seed"] == card["seed"] and card["data"]["pairs"] >= 200_000
    assert MODEL_PATH.stat().st_size < 30e6


def test_scores_are_probabilities_and_the_same_seen_from_either_side():
    model = default_model()
    x = np.random.default_rng(0).normal(size=(16, N_FEATURES)).astype(np.float32)
    p, q = model.predict(x), model.predict(x[:, MIRROR])
    assert p.shape == (16,) and ((p >= 0) & (p <= 1)).all()
    assert np.allclose(p, q, atol=1e-6)


def test_every_change_carries_a_confidence_and_severity_follows_it(cmp):
    r = cmp(
        "Witnesses saw a grey van leave the depot shortly after midnight.",
        "Witnesses saw a white van leave the depot shortly after midnight.",
    )
    (change,) = changes_of(r)
    assert change.type == "wording" and change.severity == "major"
    assert change.confidence >= default_model().threshold


def test_a_synonym_is_not_major(cmp):
    r = cmp(
        "The small boat reached the harbour before dawn, the coastguard said.",
        "The little boat reached the harbour before dawn, the coastguard said.",
    )
    assert not [c for c in changes_of(r) if c.severity == "major"]


def test_rules_only_keeps_the_detectors_severities(cmp):
    a = "The ferry sails from Oslo to Bergen every morning."
    b = "The ferry sails from Bergen to Oslo every morning."
    r = cmp(a, b, rules_only=True)
    assert [(c.type, c.severity, c.confidence) for c in changes_of(r)] == [("entity", "major", None)]


def test_filtered_drops_low_confidence_changes_and_recounts(cmp):
    r = cmp(
        "The mayor praised the team that cleared the grey van from the bridge on Monday.",
        "The mayor thanked the team that cleared the white van from the bridge on Tuesday.",
    )
    confidences = sorted(c.confidence for c in changes_of(r))
    assert len(confidences) >= 2
    cut = r.filtered(confidences[-1])
    assert [c.confidence for c in changes_of(cut)] == [confidences[-1]]
    assert cut.summary["major"] + cut.summary["minor"] == 1


def test_a_phrase_and_its_one_word_synonym_are_not_major(cmp):
    r = cmp(
        "Forty volunteers took part in the harbour clean-up on Saturday.",
        "Forty volunteers participated in the harbour clean-up on Saturday.",
    )
    assert not [c for c in changes_of(r) if c.severity == "major"]


def test_a_bare_negator_added_is_major_whatever_the_model_says(cmp):
    for a, b in [
        ("a boy is swimming", "The boy is not swimming."),
        ("The gate was locked.", "The gate was never locked."),
    ]:
        found = changes_of(cmp(a, b))
        assert [(c.type, c.severity) for c in found] == [("negation", "major")], (a, b)
