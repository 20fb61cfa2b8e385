"""Negation: a different count of negators (not, never, no, without...) flips what is asserted."""

import re

from storydiff.classify.view import View
from storydiff.records import Change

NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "cannot",
        "nowhere",
        "n't",
        "denied",
        "deny",
        "denies",
        "refused",
        "fails",
        "failed",
    }
)


def is_negator(tok) -> bool:
    return tok.norm in NEGATORS or tok.norm.endswith("n't")


_BOUND = re.compile(
    r"\s+(?:more|fewer|less|higher|lower|greater|later|earlier|longer)\s+than\b", re.IGNORECASE
)  # "no more than 19", "not later than Friday": a bound, which negates nothing


def _negates(tok, doc: str) -> bool:
    """A negator in its document: "No." before a figure is "number" ("the world's No. 2 automaker"), and
    "no more than", "no fewer than" bound a quantity (classify/number.py reads them), negating nothing."""
    if tok.norm == "no" and doc[tok.end : tok.end + 1] == ".":
        rest = doc[tok.end + 1 : tok.end + 4].lstrip()
        if rest[:1].isdigit():
            return False
    if tok.norm in ("no", "not") and _BOUND.match(doc, tok.end):
        return False
    return is_negator(tok)


def detect(view: View) -> list[Change]:
    na = sum(_negates(t, view.a_doc) for t in view.outside_quotes(view.a, "a"))
    nb = sum(_negates(t, view.b_doc) for t in view.outside_quotes(view.b, "b"))
    if na == nb:
        return []
    for h in view.hunks:
        ha = [t for t in h.a if _negates(t, view.a_doc)]
        hb = [t for t in h.b if _negates(t, view.b_doc)]
        if len(ha) != len(hb):
            ta, tb = h.text("a", view.a_doc), h.text("b", view.b_doc)
            return [
                Change(
                    "negation",
                    "major",
                    ta,
                    tb,
                    h.a_span,
                    h.b_span,
                    f"negation {'removed' if len(ha) > len(hb) else 'added'}: "
                    f"“{ta or '…'}” became “{tb or '…'}”",
                )
            ]
    return []
