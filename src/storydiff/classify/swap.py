"""Swapped roles: two words exchange places ("flights from Oslo to Rome" / "from Rome to Oslo").

Every word is still there, so bag-of-words scores, embeddings and the other detectors see nothing; PAWS is
built from such pairs. A swap is two content words each found in the slot the other held (same word before
or after), which a reordered clause does not produce. Names swapped are entity changes, other words wording.
"""

from __future__ import annotations

from collections import Counter

from storydiff.classify.entity import is_name
from storydiff.classify.view import View, is_content
from storydiff.records import Change, ChangeType
from storydiff.text.tokens import STOPWORDS

SWAP_NOTE = "swap places: who did what to whom changed"  # also read by classify/verdict.py


def detect(view: View) -> list[Change]:
    ta, tb = view.outside_quotes(view.a, "a"), view.outside_quotes(view.b, "b")
    ca, cb = Counter(t.stem for t in ta), Counter(t.stem for t in tb)
    ia = {t.stem: k for k, t in enumerate(ta) if ca[t.stem] == 1 and cb[t.stem] == 1}
    ib = {t.stem: k for k, t in enumerate(tb) if t.stem in ia}
    words = sorted(s for s in ia if s in ib and is_content(ta[ia[s]]))
    changes, used = [], set()
    for n, x in enumerate(words):
        for y in words[n + 1 :]:
            if x in used or y in used:
                continue
            if (ia[x] < ia[y]) == (ib[x] < ib[y]):
                continue
            if _slot(ta, ia[x]) & _slot(tb, ib[y]) and _slot(ta, ia[y]) & _slot(tb, ib[x]):
                lo_a, hi_a = sorted((ia[x], ia[y]))
                lo_b, hi_b = sorted((ib[x], ib[y]))
                if _of_phrase(ta, lo_a, hi_a, tb, lo_b, hi_b):
                    continue
                if any(t.norm in _PASSIVE for t in (*ta[lo_a:hi_a], *tb[lo_b:hi_b])):
                    continue  # "the bill was signed by the governor" / "the governor signed the bill"
                used |= {x, y}
                first, second = sorted((ta[ia[x]], ta[ia[y]]), key=lambda t: t.start)
                names = is_name(first, False) and is_name(second, False)
                pair_b = sorted((tb[ib[x]], tb[ib[y]]), key=lambda t: t.start)
                changes.append(_swapped(view, "entity" if names else "wording", (first, second), pair_b))
    return changes + _around_a_verb(view, ta, tb, ia, ib, words, used)


_PASSIVE = frozenset(["by"])


def _around_a_verb(view: View, ta, tb, ia, ib, words, used) -> list[Change]:
    """Two names on either side of one shared word, in opposite order: "Smith defeats Lehane" / "Lehane
    defeated Smith". A passive turn ("was defeated by") keeps the roles, so a "by" between the names is left
    alone."""
    names = [w for w in words if w not in used and is_name(ta[ia[w]], False) and is_name(tb[ib[w]], False)]
    pivots = [w for w in words if w not in names and not is_name(ta[ia[w]], False)]
    changes, pivoted = [], set()
    for n, x in enumerate(names):
        for y in names[n + 1 :]:
            if x in used or y in used or (ia[x] < ia[y]) == (ib[x] < ib[y]):
                continue
            lo_a, hi_a = sorted((ia[x], ia[y]))
            lo_b, hi_b = sorted((ib[x], ib[y]))
            for v in pivots:
                if v in pivoted or not (lo_a < ia[v] < hi_a and lo_b < ib[v] < hi_b):
                    continue
                if any(t.norm in _PASSIVE for t in (*ta[lo_a:hi_a], *tb[lo_b:hi_b])):
                    continue
                used |= {x, y}
                pivoted.add(v)
                around = f" (around “{ta[ia[v]].text}”)"
                changes.append(_swapped(view, "entity", (ta[lo_a], ta[hi_a]), (tb[lo_b], tb[hi_b]), around))
                break
    return changes


def _swapped(view: View, change_type: ChangeType, pair_a, pair_b, note: str = "") -> Change:
    """The major change for two words that traded roles (each pair in reading order)."""
    (first, second), (bf, bs) = pair_a, pair_b
    return Change(
        change_type,
        "major",
        view.a_doc[first.start : second.end],
        view.b_doc[bf.start : bs.end],
        (first.start, second.end),
        (bf.start, bs.end),
        f"{first.text} and {second.text} {SWAP_NOTE}{note}",
    )


def _of_phrase(ta, lo_a: int, hi_a: int, tb, lo_b: int, hi_b: int) -> bool:
    """The same two words in a relation that has no direction: a compound said as a phrase ("the Defense
    Ministry" / "the Ministry of Defense", "coronavirus patients" / "patients with coronavirus", "pandemic
    restrictions" / "restrictions due to the pandemic": nothing between them on one side, only function
    words on the other), or a coordination ("body and soul" / "souls and bodies")."""
    between_a = [t.norm for t in ta[lo_a + 1 : hi_a]]
    between_b = [t.norm for t in tb[lo_b + 1 : hi_b]]
    if between_a == between_b and between_a in (["and"], ["or"], ["&"]):
        return True
    short, other = (between_a, between_b) if not between_a else (between_b, between_a)
    return not short and 0 < len(other) <= 3 and all(w in STOPWORDS or w == "due" for w in other)


def _slot(tokens, k: int) -> set[tuple[str, str]]:
    """The words around position k, tagged by side: two words share a slot when a neighbour matches."""
    out = set()
    if k > 0:
        out.add(("before", tokens[k - 1].norm))
    if k + 1 < len(tokens):
        out.add(("after", tokens[k + 1].norm))
    return out
