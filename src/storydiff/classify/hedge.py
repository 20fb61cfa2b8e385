"""Hedging and certainty: "is believed to", "reportedly", "will" / "may", "has signed" / "plans to sign".

A claim that loses or gains its hedge changes what the outlet asserts (major); swapping one hedge for
another ("is said to" / "reportedly") keeps it uncertain (minor).
"""

from __future__ import annotations

from storydiff.classify.view import View
from storydiff.judge.lexicon import lexicon
from storydiff.records import Change
from storydiff.text.tokens import Token

SINGLE = frozenset(
    {
        "reportedly",
        "allegedly",
        "apparently",
        "possibly",
        "probably",
        "perhaps",
        "likely",
        "unlikely",
        "may",
        "might",
        "could",
        "maybe",
        "purportedly",
        "supposedly",
        "reported",
        "rumoured",
        "rumored",
        "seemingly",
        "presumably",
        "suspected",
        "alleged",
        "expected",
        "planned",
        "proposed",
    }
)
BEFORE_TO = frozenset(
    {
        "believed",
        "thought",
        "said",
        "understood",
        "expected",
        "set",
        "plans",
        "planned",
        "plan",
        "intends",
        "intend",
        "seems",
        "seem",
        "appears",
        "appear",
        "likely",
        "aims",
        "hopes",
        "wants",
        "poised",
        "due",
        "scheduled",
        "reported",
        "alleged",
        "rumoured",
        "suspected",
        "considered",
        "estimated",
    }
)
CERTAIN = frozenset({"will", "shall", "definitely", "certainly", "confirmed", "clearly"})
PARTICIPLES = frozenset(
    {"reported", "alleged", "suspected", "rumoured", "rumored", "expected", "planned", "proposed"}
)
"""Hedges as adjectives ("the alleged fraud", "a planned strike") or after "be" ("is expected"); as a finite
verb ("the local paper reported", "police alleged") they say who said it, which is attribution's to judge."""
_LEAD = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "is", "are"}
    | {"was", "were", "be", "been", "being", "as"}
)


IMPERSONAL = frozenset({"reported", "announced", "said", "stated", "noted", "claimed", "revealed", "learned"})
"""``it was reported that``: a claim given to unnamed sources. Any of these participles there is one hedge
("it was reported that" / "it was announced that" keep the claim at one remove alike)."""
_CONTRACTED_BE = frozenset({"it", "that", "there", "what", "who", "he", "she"})  # "It's reported"


def markers(tokens: list[Token]) -> list[tuple[str, tuple[Token, ...]]]:
    out = []
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if t.norm in IMPERSONAL and nxt == "that" and _after_be(tokens, i):
            out.append(("reported that", (t, tokens[i + 1])))
        elif t.norm in BEFORE_TO and nxt == "to":
            if _causal(tokens, i + 2):
                continue  # "due to the pandemic", "it seems to me": no verb follows, so no plan or belief
            out.append((f"{t.stem} to", (t, tokens[i + 1])))
        elif t.norm in SINGLE and not (t.norm == "may" and t.text[0] == "M" and i > 0):
            if t.norm in PARTICIPLES and (not _hedging(tokens, i) or _by_follows(tokens, i)):
                continue  # "was reported (on Sunday) by Channel 5": the source is named, attribution's
            out.append((t.norm, (t,)))
    return out


def _hedging(tokens: list[Token], i: int) -> bool:
    """A participle led by a determiner or a form of "be", perhaps with an adverb between ("is widely
    expected")."""
    j = i - 1
    if j >= 0 and tokens[j].norm.endswith("ly"):
        j -= 1
    return j >= 0 and (tokens[j].norm in _LEAD or _contracted_be(tokens[j]))


def _after_be(tokens: list[Token], i: int) -> bool:
    j = i - 1
    if j >= 0 and tokens[j].norm.endswith("ly"):  # "it was earlier reported", "widely"
        j -= 1
    if j >= 0 and tokens[j].norm in ("earlier", "previously", "also"):
        j -= 1
    return j >= 0 and (tokens[j].norm in ("is", "was", "been", "be") or _contracted_be(tokens[j]))


def _contracted_be(t: Token) -> bool:
    return t.norm in _CONTRACTED_BE and t.text[-2:] in ("'s", "’s")


def _causal(tokens: list[Token], k: int) -> bool:
    """The word after "due to", "seems to" cannot be a verb (WordNet has no verb sense for it, and it is no
    adverb before one: "plans to quickly sell"): a cause or a person follows, not a planned act."""
    if k >= len(tokens):
        return True
    if tokens[k].norm.endswith("ly") and k + 1 < len(tokens):
        k += 1
    lex = lexicon()
    return not any(int(lex.pos[s]) == 1 for s in lex.synsets(tokens[k].norm))


_BY_WITHIN = 4
"""How far after a participle its agent may follow ("was reported on Sunday by France-3")."""


def _by_follows(tokens: list[Token], i: int) -> bool:
    return any(t.norm == "by" for t in tokens[i + 1 : i + 1 + _BY_WITHIN])


def _has_phrase(tokens: list[Token], first: str, second: str) -> bool:
    return any(x.norm == first and y.norm == second for x, y in zip(tokens, tokens[1:]))


def _certain(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.norm in CERTAIN]


def detect(view: View) -> list[Change]:
    ta, tb = view.outside_quotes(view.a, "a"), view.outside_quotes(view.b, "b")
    ma, mb = markers(ta), markers(tb)
    # a phrase both sides use reads the same on both: "evacuated due to bomb" (a headline's bare noun, or a
    # verb?) beside "due to a bomb"
    ma = [m for m in ma if m[0] != "due to" or not _has_phrase(tb, "due", "to")]
    mb = [m for m in mb if m[0] != "due to" or not _has_phrase(ta, "due", "to")]
    ka, kb = sorted(k for k, _ in ma), sorted(k for k, _ in mb)
    if ka == kb:
        return []
    only_a = [m for m in ma if m[0] not in kb]
    only_b = [m for m in mb if m[0] not in ka]
    evidence = ""
    if ma and mb:
        severity, why, evidence = "minor", "a different hedge, still uncertain", "restated"
    elif ma:
        severity, why = "major", "hedge dropped: stated as certain in B"
    else:
        severity, why = "major", "hedge added: uncertain in B"
    sa = _span(only_a) or _span([(t.norm, (t,)) for t in _certain(ta)]) or _anchor(ta)
    sb = _span(only_b) or _span([(t.norm, (t,)) for t in _certain(tb)]) or _anchor(tb)
    a_text, b_text = view.a_doc[sa[0] : sa[1]], view.b_doc[sb[0] : sb[1]]
    return [
        Change(
            "hedge",
            severity,
            a_text,
            b_text,
            sa,
            sb,
            f"{why}: “{a_text or '…'}” became “{b_text or '…'}”",
            evidence=evidence,
        )
    ]


def _span(found) -> tuple[int, int] | None:
    if not found:
        return None
    toks = [t for _, ts in found for t in ts]
    return min(t.start for t in toks), max(t.end for t in toks)


def _anchor(tokens: list[Token]) -> tuple[int, int]:
    return (tokens[0].start, tokens[0].start) if tokens else (0, 0)
