"""Attribution: who said it and how.

"said" / "suggested" changes the speaker's stance; "said" / "says" does not.
"""

from storydiff.classify.view import View
from storydiff.records import Change

REPORTING = frozenset(
    {
        "say",
        "tell",
        "suggest",
        "claim",
        "insist",
        "admit",
        "add",
        "note",
        "argue",
        "allege",
        "warn",
        "report",
        "announc",
        "declar",
        "assert",
        "acknowledg",
        "conced",
        "confirm",
        "deny",
        "explain",
        "stress",
        "maintain",
        "contend",
        "accus",
        "boast",
        "complain",
        "hint",
        "imply",
        "reveal",
        "speculat",
        "indicat",
        "accord",
        "told",
        "quip",
        "remark",
        "observ",
        "concede",
        "acknowledge",
        "announce",
        "declare",
    }
)


NEUTRAL = frozenset(
    {
        "say",
        "tell",
        "told",
        "state",
        "announc",
        "announce",
        "add",
        "note",
        "report",
        "explain",
        "declar",
        "declare",
        "remark",
        "observ",
    }
)
"""Verbs that report without judging; swapping one for another ("announced" / "said") is minor."""


def _root(tok) -> str:
    return tok.stem if tok.stem in REPORTING else tok.norm.rstrip("sd")


def _reporting(tok) -> bool:
    return _root(tok) in REPORTING


def detect(view: View) -> list[Change]:
    changes = []
    for h in view.hunks:
        ra = [t for t in view.outside_quotes(h.a, "a") if _reporting(t)]
        rb = [t for t in view.outside_quotes(h.b, "b") if _reporting(t)]
        for ta, tb in zip(ra, rb):
            if ta.stem != tb.stem:
                neutral = _root(ta) in NEUTRAL and _root(tb) in NEUTRAL
                changes.append(
                    Change(
                        "attribution",
                        "minor" if neutral else "major",
                        ta.text,
                        tb.text,
                        (ta.start, ta.end),
                        (tb.start, tb.end),
                        f"reporting verb changed: {ta.text} became {tb.text}",
                        evidence="restated" if neutral else "",
                    )
                )
        if bool(ra) != bool(rb) and not (h.a and h.b):
            ta, tb = h.text("a", view.a_doc), h.text("b", view.b_doc)
            what = "attribution removed" if ra else "attribution added"
            changes.append(
                Change("attribution", "minor", ta, tb, h.a_span, h.b_span, f"{what}: “{ta or tb}”")
            )
    return changes
