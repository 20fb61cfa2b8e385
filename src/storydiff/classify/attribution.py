"""Attribution: who said it and how.

"said" / "suggested" changes the speaker's stance; "said" / "says" does not. A quotation given to another
speaker (`"...," she said` / `"...," said Mr Grant`) is a change of who said it: major, unless the two
speakers may be one person (a pronoun for a name, unless a title gives the name another gender).
"""

import re
from difflib import SequenceMatcher

from storydiff.classify.features import dates
from storydiff.classify.pronoun import CLASSES
from storydiff.classify.view import View
from storydiff.records import Change
from storydiff.text.tokens import Token

SPEAKER_NOTE = "quotation given to another speaker"

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
    changes = _speakers_changed(view)
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


_NEAR = 3  # tokens between a quotation and its reporting verb, and between the verb and the speaker
_GENDER = {"mr": "masculine", "sir": "masculine", "mrs": "feminine", "ms": "feminine", "miss": "feminine"}
_HONORIFIC = re.compile(r"\b(mr|mrs|ms|miss|sir)\.?\s+$", re.IGNORECASE)


def _speaker(tokens: list[Token], quote: tuple[int, int], doc: str) -> list[Token]:
    """The name or pronoun a quotation is given to: next to a reporting verb right after the quotation
    (she said, said Mr Grant, Grant told reporters) or right before it (Mr Grant said:)."""
    after = [t for t in tokens if t.start >= quote[1]][: 2 * _NEAR]
    before = [t for t in tokens if t.end <= quote[0]][-2 * _NEAR :]
    for near in (after, before[::-1]):
        verb = next((k for k, t in enumerate(near[:_NEAR]) if _reporting(t)), None)
        if verb is None:
            continue
        # between the quotation and the verb first: in "Grant told Reuters" the name after is the listener
        for run in (near[:verb][::-1], near[verb + 1 :]):
            found = _who(run, doc)
            if found:
                return sorted(found, key=lambda t: t.start)
    return []


def _who(run: list[Token], doc: str) -> list[Token]:
    """A pronoun, or a run of capitalised words with nothing but spaces or initials' points between them."""
    if run and run[0].norm in CLASSES and run[0].norm not in ("it", "its"):
        return [run[0]]
    out: list[Token] = []
    for t in run:
        if not t.text[:1].isupper() or _reporting(t) or dates([t]):
            break
        if out:
            gap = doc[min(out[-1].end, t.end) : max(out[-1].start, t.start)]
            if gap.strip(" .") or "'" in t.text or "’" in t.text:
                break
        out.append(t)
    return out


def _gender(name: list[Token], doc: str) -> str | None:
    m = _HONORIFIC.search(doc[max(0, name[0].start - 6) : name[0].start])
    return _GENDER.get(m.group(1).lower()) if m else None


def _same_speaker(xa: list[Token], xb: list[Token], view: View) -> bool:
    """Whether the two may be one person. A pronoun may stand for any name (its version may have named
    them sentences before), unless a title says otherwise ("she" / "Mr Grant"); two names are one when
    one is part of the other or they share the surname ("Dave" / "David Richardson")."""
    na, nb = [t.norm for t in xa], [t.norm for t in xb]
    if set(na) <= set(nb) or set(nb) <= set(na) or na[-1] == nb[-1]:
        return True
    pa, pb = CLASSES.get(" ".join(na)), CLASSES.get(" ".join(nb))
    if pa and pb:
        return pa == pb
    if pa or pb:
        pron, name, doc = (pa, xb, view.b_doc) if pa else (pb, xa, view.a_doc)
        gender = _gender(name, doc)
        return not (gender and pron in ("masculine", "feminine") and gender != pron)
    return False


def _speakers_changed(view: View) -> list[Change]:
    """A quotation both versions carry, given to different speakers."""
    out = []
    used: set[tuple[int, int]] = set()
    for qa in view.a_quotes:
        text_a = view.a_doc[qa[0] : qa[1]]

        def alike(q: tuple[int, int], text_a: str = text_a) -> float:
            return SequenceMatcher(None, text_a, view.b_doc[q[0] : q[1]], autojunk=False).ratio()

        qb = max((q for q in view.b_quotes if q not in used), key=alike, default=None)
        if qb is None or alike(qb) < 0.6:
            continue
        used.add(qb)
        sa, sb = _speaker(view.a, qa, view.a_doc), _speaker(view.b, qb, view.b_doc)
        if not sa or not sb or _same_speaker(sa, sb, view):
            continue
        ta = view.a_doc[sa[0].start : sa[-1].end]
        tb = view.b_doc[sb[0].start : sb[-1].end]
        span_a, span_b = (sa[0].start, sa[-1].end), (sb[0].start, sb[-1].end)
        why = f"{SPEAKER_NOTE}: said by {ta} in A, by {tb} in B"
        out.append(Change("attribution", "major", ta, tb, span_a, span_b, why))
    return out
