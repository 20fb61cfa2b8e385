import pytest

import storydiff


@pytest.fixture(scope="session")
def cmp():
    """compare() with the real model, shared across tests (the encoder caches vectors)."""
    return storydiff.compare


def changes_of(result, type_=None):
    return [c for _, c in result.changes if type_ is None or c.type == type_]
