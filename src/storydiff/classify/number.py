"""Numbers: values compared after normalising words, scales and fractions; then what a value is counted in.

Two figures of one value can still say different things: "$2.5 million" / "£2.5 million" (another
currency) and "won 52-48" / "won 48-52" (a score or range read the other way round).
"""

from __future__ import annotations

from functools import lru_cache

from storydiff.classify.features import Fact, diff_facts, numbers, position
from storydiff.classify.view import View
from storydiff.records import Change
from storydiff.text.tokens import Token

# Wire and British spellings CLDR does not list (Reuters' "dlrs" and "stg", "sterling", "roubles").
_WIRE = {
    **dict.fromkeys(("dlr", "dlrs"), "dollar"),
    **dict.fromkeys(("stg", "sterling"), "pound"),
    **dict.fromkeys(("rouble", "roubles"), "ruble"),
    **dict.fromkeys(("rmb", "renminbi"), "yuan"),
    "rs": "rupee",
}


@lru_cache(maxsize=1)
def _currencies() -> tuple[dict[str, str], dict[str, str]]:
    """CLDR's currencies (babel, English names), as (before a figure: signs and ISO codes, after a figure:
    unit words), each mapped to the unit word ("$", "USD" and "dollars" are "dollar"). A unit word counts
    only after the figure: "won 52-48" is a score, "5,000 won" is money."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol

    before: dict[str, str] = {}
    after: dict[str, str] = dict(_WIRE)
    for code in Locale("en").currencies:
        unit = get_currency_name(code, 1, "en").split()[-1].lower()
        plural = get_currency_name(code, 2, "en").split()[-1].lower()
        after.setdefault(unit, unit)
        after.setdefault(plural, unit)
        after.setdefault(code.lower(), unit)
        before.setdefault(code.lower(), unit)
        before.setdefault(get_currency_symbol(code, "en").lower(), unit)
    for word, unit in _WIRE.items():
        before.setdefault(word, unit)
    return before, after


CURRENCY_NOTE = "currency differs"


def detect(view: View) -> list[Change]:
    return diff_facts(view, numbers, "number", "number") + _counted_otherwise(view)


def _same_values(view: View) -> list[tuple[Fact, Fact]]:
    """The figures of one value on both sides, paired in reading order."""
    by_value: dict[str, list[Fact]] = {}
    for g in view.facts(numbers, "b"):
        by_value.setdefault(g.key, []).append(g)
    return [(f, by_value[f.key].pop(0)) for f in view.facts(numbers, "a") if by_value.get(f.key)]


def _counted_otherwise(view: View) -> list[Change]:
    """The same value on both sides (in order), in another currency or with a range's ends reversed."""
    out = []
    for f, g in _same_values(view):
        ca, cb = _currency(f, view.a), _currency(g, view.b)
        if ca and cb and ca[0] != cb[0]:
            sa, sb = _join(f, ca[1]), _join(g, cb[1])
            ta, tb = view.a_doc[sa[0] : sa[1]], view.b_doc[sb[0] : sb[1]]
            why = f"{CURRENCY_NOTE}: {ta} became {tb}"
            out.append(Change("number", "major", ta, tb, sa, sb, why))
    out += _reversed(view)
    out += _bounded_otherwise(view)
    return out


# What a figure is said to be: at least it (a lower bound), at most it, or about it. Grammar, not data: the
# quantity modifiers English puts before a figure, longest first.
_BOUNDS = (
    (("no", "more", "than"), "at most"),
    (("not", "more", "than"), "at most"),
    (("no", "higher", "than"), "at most"),
    (("no", "lower", "than"), "at least"),
    (("no", "fewer", "than"), "at least"),
    (("no", "less", "than"), "at least"),
    (("in", "excess", "of"), "at least"),
    (("more", "than"), "at least"),
    (("at", "least"), "at least"),
    (("upwards", "of"), "at least"),
    (("higher", "than"), "at least"),
    (("greater", "than"), "at least"),
    (("less", "than"), "at most"),
    (("lower", "than"), "at most"),
    (("fewer", "than"), "at most"),
    (("at", "most"), "at most"),
    (("up", "to"), "at most"),
    (("close", "to"), "about"),
    (("over",), "at least"),
    (("above",), "at least"),
    (("exceeding",), "at least"),
    (("exceeded",), "at least"),  # "has exceeded 2.4 million" is "is above 2.4 million"
    (("exceeds",), "at least"),
    (("topped",), "at least"),
    (("surpassed",), "at least"),
    (("under",), "at most"),
    (("below",), "at most"),
    (("about",), "about"),
    (("around",), "about"),
    (("roughly",), "about"),
    (("approximately",), "about"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("some",), "about"),
)


def _bound(f: Fact, tokens: list[Token]) -> tuple[str, int]:
    """How the words before ``f`` bound it ("more than 50": at least), and where those words start."""
    at = position(tokens, f)
    if at is None:
        return "", -1
    k = at
    while k > 0 and not tokens[k - 1].norm.isalnum():  # "more than $50", "over £2m"
        k -= 1
    words = [t.norm for t in tokens[max(0, k - 3) : k]]
    for phrase, kind in _BOUNDS:
        if tuple(words[len(words) - len(phrase) :]) == phrase and len(words) >= len(phrase):
            return kind, tokens[k - len(phrase)].start
    return "", -1


def _bounded_otherwise(view: View) -> list[Change]:
    """The same figure on both sides, bounded otherwise: "more than 50 died" / "50 died" / "nearly 50
    died" are three claims. Exact and "about" restate each other (a rounding is judged by value above)."""
    ta, tb = view.outside_quotes(view.a, "a"), view.outside_quotes(view.b, "b")
    out = []
    for f, g in _same_values(view):
        (ka, sa), (kb, sb) = _bound(f, ta), _bound(g, tb)
        span_a = (sa if ka else f.span[0], f.span[1])
        span_b = (sb if kb else g.span[0], g.span[1])
        xa, xb = view.a_doc[span_a[0] : span_a[1]], view.b_doc[span_b[0] : span_b[1]]
        if ka == kb:
            if ka and xa.lower() != xb.lower():  # "no more than 19" / "no higher than 19": explained, minor
                why = f"the same bound written two ways: {xa} / {xb}"
                out.append(Change("number", "minor", xa, xb, span_a, span_b, why, evidence="restated"))
            continue
        if {ka, kb} <= {"", "about"}:
            continue
        why = f"figure bounded otherwise: {xa} ({ka or 'exactly'}) became {xb} ({kb or 'exactly'})"
        out.append(Change("number", "major", xa, xb, span_a, span_b, why))
    return out


def _currency(f: Fact, tokens: list[Token]) -> tuple[str, Token] | None:
    at = position(tokens, f)
    if at is None:
        return None
    before, after = _currencies()
    end = at + len(f.tokens)
    prev = tokens[at - 1] if at > 0 else None
    if prev is not None and prev.norm in before and (not prev.norm.isalpha() or _word(prev)):
        return before[prev.norm], prev
    if end < len(tokens) and tokens[end].norm in after:
        return after[tokens[end].norm], tokens[end]
    return None


def _word(t: Token) -> bool:
    """A code or wire abbreviation written as a word before a figure ("USD 5", "stg 40 mln")."""
    return t.text.isupper() or t.norm in _WIRE


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
