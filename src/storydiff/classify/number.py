"""Numbers: values compared after normalising words, scales and fractions; then what a value is counted in.

Two figures of one value can still say different things: "$2.5 million" / "£2.5 million" (another
currency) and "won 52-48" / "won 48-52" (a score or range read the other way round).
"""

from __future__ import annotations

from storydiff.classify.features import Fact, diff_facts, numbers
from storydiff.classify.view import View
from storydiff.records import Change
from storydiff.text.tokens import Token

# Units of money as news writes them: the sign, the ISO code, the word (wire style "dlrs", "stg").
_CURRENCY = {
    **dict.fromkeys(("$", "usd", "dollar", "dollars", "dlr", "dlrs"), "dollar"),
    **dict.fromkeys(("£", "gbp", "pound", "pounds", "sterling", "stg"), "pound"),
    **dict.fromkeys(("€", "eur", "euro", "euros"), "euro"),
    **dict.fromkeys(("¥", "jpy", "yen"), "yen"),
    **dict.fromkeys(("cny", "rmb", "yuan", "renminbi"), "yuan"),
    **dict.fromkeys(("chf", "franc", "francs"), "franc"),
    **dict.fromkeys(("rub", "rouble", "roubles", "ruble", "rubles"), "rouble"),
    **dict.fromkeys(("inr", "rupee", "rupees", "rs"), "rupee"),
}


def detect(view: View) -> list[Change]:
    return diff_facts(view, numbers, "number", "number") + _counted_otherwise(view)


def _counted_otherwise(view: View) -> list[Change]:
    """The same value on both sides (in order), in another currency or with a range's ends reversed."""
    fa, fb = view.facts(numbers, "a"), view.facts(numbers, "b")
    out = []
    by_value: dict[str, list[Fact]] = {}
    for f in fb:
        by_value.setdefault(f.key, []).append(f)
    for f in fa:
        found = by_value.get(f.key)
        if not found:
            continue
        g = found.pop(0)
        ca, cb = _currency(f, view.a), _currency(g, view.b)
        if ca and cb and ca[0] != cb[0]:
            sa, sb = _join(f, ca[1]), _join(g, cb[1])
            ta, tb = view.a_doc[sa[0] : sa[1]], view.b_doc[sb[0] : sb[1]]
            why = f"currency differs: {ta} became {tb}"
            out.append(Change("number", "major", ta, tb, sa, sb, why))
    out += _reversed(view)
    return out


def _currency(f: Fact, tokens: list[Token]) -> tuple[str, Token] | None:
    at = next((i for i, t in enumerate(tokens) if t is f.tokens[0]), None)
    if at is None:
        return None
    end = at + len(f.tokens)
    for k in (at - 1, end):
        if 0 <= k < len(tokens) and tokens[k].norm in _CURRENCY:
            return _CURRENCY[tokens[k].norm], tokens[k]
    return None


def currency_units(view: View, side: str) -> set[int]:
    """Offsets of the currency signs and words that belong to a figure: compared with it, by this module."""
    tokens = view.a if side == "a" else view.b
    found = (_currency(f, tokens) for f in view.facts(numbers, side))
    return {c[1].start for c in found if c}


def _join(f: Fact, unit: Token) -> tuple[int, int]:
    return min(f.span[0], unit.start), max(f.span[1], unit.end)


def _reversed(view: View) -> list[Change]:
    """ "52-48" / "48-52": one token holding two figures, the same two in the other order."""
    out = []
    pairs_b = {}
    for t in view.outside_quotes(view.b, "b"):
        ends = _ends(t)
        if ends:
            pairs_b.setdefault(frozenset(ends), []).append((t, ends))
    for t in view.outside_quotes(view.a, "a"):
        ends = _ends(t)
        if not ends or ends[0] == ends[1]:
            continue
        for u, other in pairs_b.get(frozenset(ends), []):
            if other == ends[::-1]:
                why = f"figures in the other order: {t.text} became {u.text}"
                out.append(Change("number", "major", t.text, u.text, (t.start, t.end), (u.start, u.end), why))
                break
    return out


def _ends(t: Token) -> tuple[str, str] | None:
    x, sep, y = t.norm.replace("–", "-").partition("-")
    if sep and x.replace(".", "", 1).isdigit() and y.replace(".", "", 1).isdigit():
        return (x, y)
    return None
