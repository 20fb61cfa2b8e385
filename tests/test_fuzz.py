"""A short, seeded fuzz pass (the long one: ``python -m benchmarks --only fuzz``)."""

from hypothesis import HealthCheck, given, settings

from tests.fuzzing import collection_payloads, collection_target, compare_inputs, compare_target

SHORT = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)


@SHORT
@given(compare_inputs())
def test_compare_never_raises_anything_but_a_storydiff_error(pair):
    compare_target(*pair)


@SHORT
@given(collection_payloads())
def test_collection_readers_never_raise_anything_but_a_storydiff_error(case):
    collection_target(*case)
