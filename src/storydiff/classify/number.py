"""Numbers: values compared after normalising words, scales and fractions."""

from storydiff.classify.features import diff_facts, numbers
from storydiff.classify.view import View
from storydiff.records import Change


def detect(view: View) -> list[Change]:
    return diff_facts(view, numbers, "number", "number")
