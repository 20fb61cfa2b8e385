"""The sentence encoder's cache (texts written for these tests)."""

import numpy as np

from storydiff.embed import MiniLM


def test_more_new_texts_than_the_cache_holds():
    texts = [f"The ferry left port number {k} at dawn." for k in range(7)]
    small, plain = MiniLM(cache_size=3), MiniLM()
    got = small.encode(texts)  # used to evict its own vectors before reading them (KeyError)
    assert np.allclose(got, plain.encode(texts), atol=1e-6)
    assert np.allclose(small.encode(texts[-2:]), got[-2:], atol=1e-6)
