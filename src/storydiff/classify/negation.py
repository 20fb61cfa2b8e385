"""Negation: a different count of negators (not, never, no, without...) flips what is asserted."""

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


def detect(view: View) -> list[Change]:
    na = sum(is_negator(t) for t in view.outside_quotes(view.a, "a"))
    nb = sum(is_negator(t) for t in view.outside_quotes(view.b, "b"))
    if na == nb:
        return []
    for h in view.hunks:
        ha = [t for t in h.a if is_negator(t)]
        hb = [t for t in h.b if is_negator(t)]
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
