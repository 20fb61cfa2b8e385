"""Wording: a meaning-bearing word changed and no typed detector explains it.

Word-level embeddings cannot tell a synonym from an antonym (MiniLM: "allies"/"enemies" 0.62,
"handed over"/"delivered" 0.20), so the decision is made on the whole group: when the sentences' embeddings
stay close, the remaining swaps are paraphrase; when they drift, each swap is a change of wording. A swap
between known opposites ("rose"/"fell") is major whatever the embeddings say.
"""

from __future__ import annotations

from storydiff.classify.view import Hunk, View, content
from storydiff.records import Change
from storydiff.text.tokens import stem

PARAPHRASE_COSINE = 0.85
"""Group cosine at or above which untyped swaps are paraphrase (chosen on the example pairs)."""
ADDED_WORDS = 3

_OPPOSITES = [
    ("rise", "fall"),
    ("increase", "decrease"),
    ("increase", "cut"),
    ("up", "down"),
    ("win", "lose"),
    ("won", "lost"),
    ("gain", "loss"),
    ("profit", "loss"),
    ("high", "low"),
    ("higher", "lower"),
    ("more", "less"),
    ("more", "fewer"),
    ("most", "least"),
    ("ally", "enemy"),
    ("allies", "enemies"),
    ("friend", "enemy"),
    ("guilty", "innocent"),
    ("convicted", "acquitted"),
    ("accept", "reject"),
    ("approve", "reject"),
    ("approved", "rejected"),
    ("support", "oppose"),
    ("supported", "opposed"),
    ("buy", "sell"),
    ("bought", "sold"),
    ("open", "close"),
    ("opened", "closed"),
    ("before", "after"),
    ("above", "below"),
    ("majority", "minority"),
    ("maximum", "minimum"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("success", "failure"),
    ("succeeded", "failed"),
    ("true", "false"),
    ("alive", "dead"),
    ("lift", "impose"),
    ("lifted", "imposed"),
    ("ban", "allow"),
    ("banned", "allowed"),
    ("legal", "illegal"),
    ("peace", "war"),
    ("arrive", "depart"),
    ("entered", "left"),
    ("best", "worst"),
    ("better", "worse"),
    ("positive", "negative"),
    ("surplus", "deficit"),
    ("expand", "shrink"),
    ("boost", "cut"),
    ("hire", "fire"),
    ("hired", "fired"),
    ("resign", "appoint"),
    ("first", "last"),
    ("born", "died"),
    ("birth", "death"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("northeast", "southwest"),
    ("northwest", "southeast"),
    ("positive", "mixed"),
    ("negative", "mixed"),
    ("praised", "criticised"),
    ("praised", "criticized"),
    ("praise", "criticism"),
    ("acclaim", "criticism"),
    ("start", "end"),
    ("beginning", "end"),
    ("earliest", "latest"),
    ("youngest", "oldest"),
    ("younger", "older"),
    ("largest", "smallest"),
    ("larger", "smaller"),
    ("biggest", "smallest"),
    ("longest", "shortest"),
    ("top", "bottom"),
    ("upper", "lower"),
    ("inside", "outside"),
    ("import", "export"),
    ("imports", "exports"),
    ("domestic", "international"),
    ("domestic", "foreign"),
    ("public", "private"),
    ("permanent", "temporary"),
    ("full", "partial"),
    ("male", "female"),
    ("men", "women"),
    ("husband", "wife"),
    ("son", "daughter"),
    ("brother", "sister"),
    ("father", "mother"),
    ("home", "away"),
    ("offence", "defence"),
    ("offense", "defense"),
    ("attack", "defence"),
    ("min", "max"),
]
OPPOSITES = {frozenset((stem(x), stem(y))) for x, y in _OPPOSITES}


def _differing(view: View, hunks: list[Hunk]):
    """(hunk, its content words on each side, its texts, whether it swaps known opposites) for each hunk
    whose content words differ."""
    for h in hunks:
        ca, cb = content(h.a), content(h.b)
        sa, sb = {t.stem for t in ca}, {t.stem for t in cb}
        if sa == sb:
            continue
        opposite = any(frozenset((x, y)) in OPPOSITES for x in sa for y in sb)
        yield h, ca, cb, h.text("a", view.a_doc), h.text("b", view.b_doc), opposite


def _change(h: Hunk, ta: str, tb: str, severity, why: str) -> Change:
    return Change("wording", severity, ta, tb, h.a_span, h.b_span, why)


def detect(view: View, hunks: list[Hunk], cosine: float) -> list[Change]:
    """``hunks`` are the ones no other detector explained; ``cosine`` is the group's embedding cosine.

    The rules-only path (``compare(..., rules_only=True)``); the change model reads ``candidates``."""
    changes = []
    for h, ca, cb, ta, tb, opposite in _differing(view, hunks):
        if opposite:
            changes.append(_change(h, ta, tb, "major", f"opposite meaning: “{ta}” became “{tb}”"))
        elif cosine >= PARAPHRASE_COSINE:
            continue
        elif ca and cb:
            changes.append(_change(h, ta, tb, "minor", f"different words: “{ta}” became “{tb}”"))
        elif len(ca) + len(cb) >= ADDED_WORDS:
            what = f"only in A: “{ta}”" if ca else f"only in B: “{tb}”"
            changes.append(_change(h, ta, tb, "minor", f"words {what}"))
    return changes


def candidates(view: View, hunks: list[Hunk]) -> list[Change]:
    """Every unexplained stretch whose content words differ, for the change model to judge.

    Unlike ``detect`` nothing is filtered by the group's cosine: the model decides (``storydiff.judge``).
    A known opposite is proposed as major, which the model reads as one of its features.
    """
    out = []
    for h, ca, cb, ta, tb, opposite in _differing(view, hunks):
        if opposite:
            out.append(_change(h, ta, tb, "major", f"opposite meaning: “{ta}” became “{tb}”"))
        elif ca and cb:
            out.append(_change(h, ta, tb, "minor", f"different words: “{ta}” became “{tb}”"))
        else:
            out.append(
                _change(h, ta, tb, "minor", f"words only in A: “{ta}”" if ca else f"words only in B: “{tb}”")
            )
    return out
