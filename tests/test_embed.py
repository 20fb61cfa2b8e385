"""The sentence encoder's cache (texts written for these tests)."""

import numpy as np

from storydiff.embed import MiniLM


def test_more_new_texts_than_the_cache_holds():
    texts = [f"The ferry left port number {k} at dawn." for k in range(7)]
    small, plain = MiniLM(cache_size=3), MiniLM()
    got = small.encode(texts)  # used to evict its own vectors before reading them (KeyError)
    assert np.allclose(got, plain.encode(texts), atol=1e-6)
    assert np.allclose(small.encode(texts[-2:]), got[-2:], atol=1e-6)


def test_the_int8_encoder_agrees_with_fp32():
    """compare runs the int8 export; its vectors must stay next to the fp32 ones the thresholds came from."""
    texts = [
        "The ferry left port at dawn with forty passengers aboard.",
        "Forty passengers were aboard when the ferry sailed at first light.",
        "The council voted against the new harbour wall on Tuesday.",
    ]
    int8, fp32 = MiniLM(), MiniLM(precision="fp32")
    a, b = int8.encode(texts), fp32.encode(texts)
    assert (a * b).sum(axis=1).min() > 0.97
    assert abs(float(a[0] @ a[1]) - float(b[0] @ b[1])) < 0.03


def test_the_shipped_int8_encoder_is_the_one_its_card_describes():
    import hashlib
    import json

    from storydiff.embed import INT8_CARD, INT8_PATH

    card = json.loads(INT8_CARD.read_text(encoding="utf-8"))
    assert hashlib.sha256(INT8_PATH.read_bytes()).hexdigest() == card["sha256"]
    assert card["settings"]["per_channel"] is True
