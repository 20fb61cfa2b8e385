"""Permalinks: comparisons stored in a folder survive a restart of the server (texts written here)."""

from storydiff import compare
from storydiff.web.app import _Results


def test_a_stored_comparison_is_read_back_by_a_new_server(tmp_path):
    result = compare(
        'The barrier opened on Monday. "It works," said the mayor.',
        'The barrier opened on Tuesday. "It works well," said the mayor. Correction: the date was wrong.',
    )
    key = _Results(10, tmp_path).add(result)
    again = _Results(10, tmp_path).get(key)  # a new process: nothing in memory
    assert again is not None and again.to_dict() == result.to_dict()
    assert _Results(10, tmp_path).get("../../etc/passwd") is None


def test_the_oldest_are_deleted_beyond_the_limit(tmp_path):
    store = _Results(2, tmp_path)
    keys = [store.add(compare(f"Item {k} was sold.", f"Item {k} was bought.")) for k in range(4)]
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == sorted(keys[-2:])
    assert _Results(2, tmp_path).get(keys[0]) is None


def test_recent_comparisons_are_reused_by_their_inputs_and_bounded():
    from storydiff.ingest import from_text
    from storydiff.web.app import _doc_key, _Recent

    a, b = from_text("The ferry sails at noon.", "A"), from_text("The ferry sails at one.", "B")
    same = (from_text("The ferry sails at noon.", "A"), from_text("The ferry sails at one.", "B"))
    assert _doc_key(a, b) == _doc_key(*same)
    assert _doc_key(a, b) != _doc_key(b, a) != _doc_key(a, from_text("The ferry sails at two.", "B"))
    recent = _Recent(2)
    results = [compare(f"Item {k} was sold.", f"Item {k} was bought.") for k in range(3)]
    for k, r in enumerate(results):
        recent.put(bytes([k]), r)
    assert recent.get(bytes([0])) is None and recent.get(bytes([2])) is results[2]
