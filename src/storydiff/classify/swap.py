"""Swapped roles: two words exchange places ("flights from Oslo to Rome" / "from Rome to Oslo").

Every word is still there, so bag-of-words scores, embeddings and the other detectors see nothing; PAWS is
built from such pairs. A swap is two content words each found in the slot the other held (same word before
or after), which a reordered clause does not produce. Names swapped are entity changes, other words wording.
What has no direction is no swap: a coordination or a list reordered, two neighbours inverted, a date's
parts or a date and a place (docs/architecture.md, "Swapped roles").
"""

from __future__ import annotations

from collections import Counter

from storydiff.classify.entity import is_name
from storydiff.classify.features import _MONTHS, dates
from storydiff.classify.view import View, is_content
from storydiff.records import Change, ChangeType
from storydiff.text.tokens import STOPWORDS

SWAP_NOTE = "swap places: who did what to whom changed"  # also read by classify/verdict.py


def detect(view: View) -> list[Change]:
    ta, tb = view.outside_quotes(view.a, "a"), view.outside_quotes(view.b, "b")
    if _shared_content(ta, tb) < SAME_WORDS:
        return _voice(view, ta, tb)  # a rewritten sentence puts its names in a new order without new roles
    ca, cb = Counter(t.stem for t in ta), Counter(t.stem for t in tb)
    ia = {t.stem: k for k, t in enumerate(ta) if ca[t.stem] == 1 and cb[t.stem] == 1}
    ib = {t.stem: k for k, t in enumerate(tb) if t.stem in ia}
    words = sorted(s for s in ia if s in ib and is_content(ta[ia[s]]))
    kinds_a, kinds_b = (_date_kinds(ta), _date_kinds(tb)) if len(words) > 1 else ([], [])
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
                if _reordered_list(view, ta, lo_a, hi_a, tb, lo_b, hi_b):
                    continue
                if _names_listed(view.a_doc, ta, ia[x], ia[y], view.b_doc, tb, ib[x], ib[y]):
                    continue  # "Michael Jackson, Prince and Madonna" / "Madonna, Prince and Michael Jackson"
                if hi_a - lo_a == 1 and hi_b - lo_b == 1:
                    continue  # "musically influenced" / "influenced musically": two neighbours, no roles
                if kinds_a[ia[x]] != kinds_a[ia[y]] or kinds_b[ib[x]] != kinds_b[ib[y]]:
                    continue  # "25 February" / "February 25", "in October in London" / "in London in October"
                agents = all(
                    k + 1 < len(toks) and toks[k + 1].norm in _PASSIVE
                    for toks, k in ((ta, ia[x]), (ta, ia[y]), (tb, ib[x]), (tb, ib[y]))
                )  # "written by X and produced by Y" / "produced by X and written by Y": each keeps its "by"
                if not agents and any(t.norm in _PASSIVE for t in (*ta[lo_a:hi_a], *tb[lo_b:hi_b])):
                    continue  # "the bill was signed by the governor" / "the governor signed the bill"
                used |= {x, y}
                first, second = sorted((ta[ia[x]], ta[ia[y]]), key=lambda t: t.start)
                names = is_name(first, False) and is_name(second, False)
                pair_b = sorted((tb[ib[x]], tb[ib[y]]), key=lambda t: t.start)
                changes.append(_swapped(view, "entity" if names else "wording", (first, second), pair_b))
    return changes + _around_a_verb(view, ta, tb, ia, ib, words, used) + _voice(view, ta, tb)


_PASSIVE = frozenset(["by"])
SAME_WORDS = 0.75
"""Roles are read from word order only between versions that say nearly the same words (Dice of their
content stems outside quotes). Below it the order is a rewrite's ("Khabarovsk Krai acting governor Mikhail
Degtyarev" / "Degtyarev, the acting governor of Khabarovsk"): on dev data every swap under 0.75 was in a
pair whose roles were kept (two translations of one story, MSRP paraphrases), and no PAWS role swap was."""


def _shared_content(ta, tb) -> float:
    sa = Counter(t.stem for t in ta if is_content(t))
    sb = Counter(t.stem for t in tb if is_content(t))
    total = sum(sa.values()) + sum(sb.values())
    return 2 * sum((sa & sb).values()) / total if total else 1.0


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


_BE = frozenset({"is", "was", "are", "were", "been", "be", "being"})
_SKIP = frozenset({"the", "a", "an"})


def _voice(view: View, ta, tb) -> list[Change]:
    """Active in one version, passive in the other ("Okafor defeated Lindqvist" / "Lindqvist was defeated
    by Okafor"): the same roles when the passive's agent is the active's subject and its subject the
    active's object, a restatement; the other way round ("Okafor was defeated by Lindqvist"), a swap."""
    out = []
    for pas, act, p_side in ((tb, ta, "b"), (ta, tb, "a")):
        at = {t.norm: i for i, t in reversed(list(enumerate(act)))}  # each word's first place
        for k in range(1, len(pas) - 3):
            if not (pas[k].norm in _BE and pas[k + 2].norm == "by"):
                continue
            verb = pas[k + 1]
            agent = next((t for t in pas[k + 3 :] if t.norm not in _SKIP), None)
            patient = next((t for t in reversed(pas[:k]) if t.norm not in _SKIP), None)
            if agent is None or patient is None:
                continue
            forms = _forms(verb.norm)
            v = next((i for i, t in enumerate(act) if t.stem == verb.stem or forms & _forms(t.norm)), None)
            i_agent, i_patient = at.get(agent.norm), at.get(patient.norm)
            if v is None or i_agent is None or i_patient is None:
                continue
            if any(t.norm in _BE for t in act[max(0, v - 2) : v]) or any(
                t.norm == "by" for t in act[v + 1 : max(v + 1, i_agent)]
            ):
                continue  # passive on both sides ("was created in 1983 by ..."): no turn of voice
            p_span = (min(patient.start, verb.start), max(agent.end, verb.end))
            lo, hi = sorted((i_agent, i_patient))
            a_span = (act[lo].start, act[hi].end)
            ta_, tb_ = (a_span, p_span) if p_side == "b" else (p_span, a_span)
            text_a = view.a_doc[ta_[0] : ta_[1]]
            text_b = view.b_doc[tb_[0] : tb_[1]]
            if i_agent < v < i_patient:
                why = f"active and passive voice, the same roles: {text_a} / {text_b}"
                out.append(Change("wording", "minor", text_a, text_b, ta_, tb_, why, evidence="restated"))
            elif i_patient < v < i_agent:
                why = f"{agent.text} and {patient.text} {SWAP_NOTE} (the passive turns the roles round)"
                out.append(Change("wording", "major", text_a, text_b, ta_, tb_, why))
    return out


def _forms(word: str) -> set[str]:
    """A verb's dictionary forms (WordNet's morphy and exceptions): "bit" and "bitten" are "bite"."""
    from storydiff.judge.lexicon import lexicon

    return set(lexicon().bases(word))


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


_CONJUNCTIONS = frozenset({"and", "or", "&"})


def _list_items(doc: str, tokens, lo: int, hi: int) -> list[tuple[str, ...]] | None:
    """The items of a list that tokens lo..hi span ("Greek, Christian, Jewish and Arab"), or None: each gap
    is a comma or a conjunction, and no item is longer than three words."""
    items: list[tuple[str, ...]] = []
    run: list[str] = []
    for k in range(lo, hi + 1):
        if tokens[k].norm in _CONJUNCTIONS:
            if not run:
                return None
            items.append(tuple(run))
            run = []
            continue
        run.append(tokens[k].norm)
        if len(run) > 3:
            return None
        if k < hi:
            gap = doc[tokens[k].end : tokens[k + 1].start]
            if "," in gap and tokens[k + 1].norm not in _CONJUNCTIONS:
                items.append(tuple(run))
                run = []
            elif gap.strip(" ,"):
                return None
    return items + [tuple(run)]


def _reordered_list(view: View, ta, lo_a: int, hi_a: int, tb, lo_b: int, hi_b: int) -> bool:
    """The same three or more items listed in another order ("Greek, Christian, Jewish" / "Greek, Jewish,
    Christian"): no roles change. Two items ("Paris, France") are no list (an apposition has a direction),
    and items that differ ("bushy head, short coat" / "short head, bushy coat") are a swap."""
    items_a = _list_items(view.a_doc, ta, lo_a, hi_a)
    items_b = _list_items(view.b_doc, tb, lo_b, hi_b)
    return items_a is not None and len(items_a) >= 3 and sorted(items_a) == sorted(items_b or [])


_LINKS = frozenset({"and", "or", "&", "the"})


def _name_run(doc: str, tokens, k: int) -> tuple[int, int]:
    """The capitalised words around position k, joined by spaces only ("Marion Harris", "Lake Huron")."""
    lo = hi = k
    while (
        lo > 0
        and tokens[lo - 1].text[:1].isupper()
        and not doc[tokens[lo - 1].end : tokens[lo].start].strip()
    ):
        lo -= 1
    while (
        hi + 1 < len(tokens)
        and tokens[hi + 1].text[:1].isupper()
        and not doc[tokens[hi].end : tokens[hi + 1].start].strip()
    ):
        hi += 1
    return lo, hi


def _listed_names(doc: str, tokens, i: int, j: int) -> tuple[str, str] | None:
    """The two names at i and j when they are items of one list of names ("Paul Whiteman, Van Schenck,
    Marion Harris", "the Rockefeller Foundation and the European Commission"): only names, commas,
    semicolons, "and", "or" and "the" between them. Else None."""
    (a_lo, a_hi), (b_lo, b_hi) = sorted((_name_run(doc, tokens, i), _name_run(doc, tokens, j)))
    if a_hi >= b_lo:
        return None
    for k in range(a_hi + 1, b_lo):
        if not (tokens[k].text[:1].isupper() or tokens[k].norm in _LINKS):
            return None
    for k in range(a_hi, b_lo):
        if doc[tokens[k].end : tokens[k + 1].start].strip(" ,;"):
            return None
    run_i, run_j = _name_run(doc, tokens, i), _name_run(doc, tokens, j)
    return (
        doc[tokens[run_i[0]].start : tokens[run_i[1]].end].lower(),
        doc[tokens[run_j[0]].start : tokens[run_j[1]].end].lower(),
    )


def _names_listed(doc_a: str, ta, ia: int, ja: int, doc_b: str, tb, ib: int, jb: int) -> bool:
    """The same two names, whole, in one list of names on both sides: a coordination reordered, no roles
    exchanged."""
    found_a = _listed_names(doc_a, ta, ia, ja)
    return found_a is not None and found_a == _listed_names(doc_b, tb, ib, jb)


def _date_kinds(tokens) -> list[str | None]:
    """Each token's kind of date ("month", "dom", "year", ...) or None, read once per side: two words of
    different kinds cannot trade roles, a date's parts ("25 February" / "February 25") or a date and a
    word that is none ("in October in London"); two months exchanged ("from May to June") still can."""
    kinds: dict[int, str] = {}
    for fact in dates(tokens):
        for t in fact.tokens:
            kinds[t.start] = fact.key.split(":")[0]
    return ["month" if t.norm in _MONTHS else kinds.get(t.start) for t in tokens]


def _slot(tokens, k: int) -> set[tuple[str, str]]:
    """The words around position k, tagged by side: two words share a slot when a neighbour matches."""
    out = set()
    if k > 0:
        out.add(("before", tokens[k - 1].norm))
    if k + 1 < len(tokens):
        out.add(("after", tokens[k + 1].norm))
    return out
