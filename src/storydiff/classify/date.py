"""Dates, times and periods: months, weekdays, years, quarters, clock times, "yesterday"."""

from storydiff.classify.features import dates, diff_facts
from storydiff.classify.view import View
from storydiff.records import Change


def detect(view: View) -> list[Change]:
    return diff_facts(view, dates, "date", "date or time")
