"""Typed facts pulled from a token sequence, each with the tokens it came from.

Detectors that compare facts rather than words (numbers, dates) diff these multisets, which is why
"2.5 mln" / "2.5 million" or "three" / "3" are not changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from storydiff.classify.view import View
from storydiff.records import Change, ChangeType
from storydiff.text.tokens import Token, tokenize


@dataclass(frozen=True)
class Fact:
    key: str  # the normalised value, e.g. "2500000" or "month:6"
    tokens: tuple[Token, ...]

    @property
    def span(self) -> tuple[int, int]:
        return self.tokens[0].start, self.tokens[-1].end


Extract = Callable[[list[Token]], list[Fact]]


def diff_facts(view: View, kind: Extract, change_type: ChangeType, label: str) -> list[Change]:
    """Changes for facts (``kind``: numbers or dates) whose values are not on both sides, in reading order.

    A value replaced by another is major. A value only on one side is major when the other version never
    states it anywhere (a new or dropped fact: "and on 8 June in Dublin"), minor when it does elsewhere
    (the sentence merely repeats or leaves out what the story says anyway).
    """
    facts_a, facts_b = view.facts(kind, "a"), view.facts(kind, "b")
    ca, cb = Counter(f.key for f in facts_a), Counter(f.key for f in facts_b)
    extra_a, extra_b = ca - cb, cb - ca
    lone_a = _take(facts_a, extra_a)
    lone_b = _take(facts_b, extra_b)
    changes = []
    for fa, fb in _pairs(lone_a, lone_b, view):
        a_span = fa.span if fa else _anchor(view.a)
        b_span = fb.span if fb else _anchor(view.b)
        ta = view.a_doc[a_span[0] : a_span[1]] if fa else ""
        tb = view.b_doc[b_span[0] : b_span[1]] if fb else ""
        evidence = ""
        if (
            fa
            and fb
            and (_close(fa.key, fb.key) or _approximated(fa, fb, view))
            and not _count_changed(fa, fb, view)
        ):
            severity, why, evidence = "minor", f"{label} rounded or restated: {ta} / {tb}", "restated"
        elif fa and fb:
            severity, why = "major", f"{label} differs: {ta} became {tb}"
        else:
            lone, other = (fa, view.b_doc) if fa else (fb, view.a_doc)
            new = lone.key not in document_facts(kind, other) and not _article_one(lone, view, bool(fa))
            new = new and not lone.key.startswith("~")  # "thousands" said or not: no figure of record
            severity, evidence = ("major", "new_fact") if new else ("minor", "restated")
            where = "A" if fa else "B"
            never = " (the other version never states it)" if new else ""
            why = f"{label} only in {where}: {ta or tb}{never}"
        changes.append(Change(change_type, severity, ta, tb, a_span, b_span, why, evidence=evidence))
    return changes


def _pairs(lone_a: list[Fact], lone_b: list[Fact], view: View) -> list[tuple[Fact | None, Fact | None]]:
    """Which value stands for which: a rounding or restatement first, wherever it sits ("42 percent ... 2.9
    percent" / "2.86 percent": 2.9 is the 2.86, 42 is dropped), the rest in reading order."""
    rest_b = list(lone_b)
    paired: dict[int, Fact] = {}
    for i, fa in enumerate(lone_a):
        fb = next((y for y in rest_b if _close(fa.key, y.key) or _approximated(fa, y, view)), None)
        if fb is not None:
            paired[i] = fb
            rest_b.remove(fb)
    rest_a = [fa for i, fa in enumerate(lone_a) if i not in paired]
    out: list[tuple[Fact | None, Fact | None]] = [(lone_a[i], fb) for i, fb in paired.items()]
    for k in range(max(len(rest_a), len(rest_b))):
        out.append((rest_a[k] if k < len(rest_a) else None, rest_b[k] if k < len(rest_b) else None))
    return sorted(out, key=lambda p: (p[0].span[0] if p[0] else 1 << 60, p[1].span[0] if p[1] else 0))


@lru_cache(maxsize=32)
def document_facts(kind: Extract, doc: str) -> frozenset[str]:
    """Every value a whole document states, quoted or not; cached since every group of a comparison asks."""
    return frozenset(f.key for f in kind(tokenize(doc)))


def _close(x: str, y: str) -> bool:
    """1.23 / 1.2 (rounding), "87" / "87th" and "last year" / "2002", "today" / "Wednesday" (a relative date
    resolved) restate, not contradict: which day "today" is depends on when the story was written."""
    calendar = ("year:", "month:", "day:", "dom:", "time:")
    if x.startswith("rel:") != y.startswith("rel:") and (
        x.startswith(("rel:", *calendar)) and y.startswith(("rel:", *calendar))
    ):
        return True
    if _DAY_OF.get(x, x) == _DAY_OF.get(y, y):
        return True  # "this morning" / "today", "last night" / "yesterday": a part of the day it names
    if x.startswith("~") or y.startswith("~"):
        return _within_order(x, y)
    if x.startswith("ord:") != y.startswith("ord:"):
        # "87 years since" / "the 87th anniversary": one figure, counted or ranked
        return x.removeprefix("ord:") == y.removeprefix("ord:")
    try:
        fx, fy = float(x), float(y)
    except ValueError:
        return False
    if fx == fy or not fx or not fy:
        return fx == fy
    for digits in range(1, 5):  # significant digits: 1.23 billion rounds to 1.2 billion
        if float(f"{fx:.{digits}g}") == fy or float(f"{fy:.{digits}g}") == fx:
            return abs(fx - fy) / max(abs(fx), abs(fy)) < 0.05
    return False


_DAY_OF = {
    "rel:this morning": "rel:today",
    "rel:this afternoon": "rel:today",
    "rel:this evening": "rel:today",
    "rel:tonight": "rel:today",
    "rel:last night": "rel:yesterday",
}


def _within_order(x: str, y: str) -> bool:
    """ "thousands" / "3,000": a figure inside the order a vague quantity names (1,000 to 9,999); two vague
    quantities agree only when they name the same order ("hundreds" / "thousands" differ)."""
    if x.startswith("~") and y.startswith("~"):
        return x == y
    vague, exact = (x, y) if x.startswith("~") else (y, x)
    try:
        low, n = float(vague[1:]), float(exact)
    except ValueError:
        return False
    return low <= n < 10 * low


_APPROXIMATE = frozenset(
    {"about", "around", "nearly", "almost", "some", "roughly", "approximately", "over", "than"}
)


def _approximated(fa: Fact, fb: Fact, view: View) -> bool:
    """ "3.6 percent" / "about 4 percent", "28 dead" / "nearly 30 dead": one side gives the figure, the other
    says it only approximates it and rounds it to one or two significant digits."""
    try:
        x, y = float(fa.key), float(fb.key)
    except ValueError:
        return False
    for rounder, other, facts, tokens in ((x, y, fa, view.a), (y, x, fb, view.b)):
        if rounder == other or not other:
            continue
        if not _said_approximately(facts, tokens):
            continue
        if any(float(f"{other:.{digits}g}") == rounder for digits in (1, 2)):
            return True
    return False


def _count_changed(fa: Fact, fb: Fact, view: View) -> bool:
    """Two small whole numbers a step apart ("230 reviews" / "231 reviews", "aged 60" / "aged 61") are a
    count that changed, not a rounding, unless the rounder one says it is approximate ("about 80"). Rounding
    is how large figures and decimals are restated ("1.23 billion" / "1.2 billion")."""
    try:
        x, y = float(fa.key), float(fb.key)
    except ValueError:
        return False
    if x == y or not (x.is_integer() and y.is_integer() and max(abs(x), abs(y)) < 1000):
        return False
    rounder, tokens = (fa, view.a) if _zeros(x) > _zeros(y) else (fb, view.b)
    return not _said_approximately(rounder, tokens)


def position(tokens: list[Token], fact: Fact) -> int | None:
    """Where ``fact`` starts among ``tokens`` (the same token objects), or None."""
    return next((i for i, t in enumerate(tokens) if t is fact.tokens[0]), None)


def _said_approximately(fact: Fact, tokens: list[Token]) -> bool:
    """ "about 80", "nearly 30": the word before the figure says it approximates."""
    at = position(tokens, fact)
    return bool(at) and tokens[at - 1].norm in _APPROXIMATE


def _zeros(x: float) -> int:
    n, z = int(abs(x)), 0
    while n and n % 10 == 0:
        n, z = n // 10, z + 1
    return z


def _article_one(f: Fact, view: View, in_a: bool) -> bool:
    """A lone "one" where the other side has one more "a" is the article written out ("One man" / "A man"),
    and "one of" picks one out: neither is a new figure; "lost by one point" / "lost" keeps its figure."""
    if len(f.tokens) != 1 or f.tokens[0].norm != "one":
        return False
    mine, other = (view.a, view.b) if in_a else (view.b, view.a)
    at = position(mine, f)
    if at is not None and at < len(mine) - 1 and mine[at + 1].norm == "of":
        return True  # "One of the people who ...": picks one out, it counts nothing
    return sum(t.norm in ("a", "an") for t in other) > sum(t.norm in ("a", "an") for t in mine)


def _take(facts: list[Fact], extra: Counter) -> list[Fact]:
    left, out = Counter(extra), []
    for f in facts:
        if left[f.key] > 0:
            out.append(f)
            left[f.key] -= 1
    return out


def _anchor(tokens: list[Token]) -> tuple[int, int]:
    return (tokens[0].start, tokens[0].start) if tokens else (0, 0)


_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
    )
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tln": 1e12,
    "tn": 1e12,
    "dozen": 12,
    # Indian English, as Indian papers write every large figure ("4.67 lakh" is 467,000)
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_VAGUE = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
"""Quantities given by their order only ("hundreds of homes"): "~100", read as anything from 100 to 999."""
_A_SCALE = frozenset({"dozen", "hundred", "thousand", "million", "billion", "trillion"})
"""Counted with "a" ("a hundred people", "a million parts"): the scale itself."""
_TIMES = {"twice": 2, "thrice": 3}  # "scored twice" / "scored two goals"
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
_NUMERIC = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:\.\d+)?$")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # 2.417.000: two dot groups cannot be a decimal
_HYPHENATED = re.compile(r"^([^-]+)-(?!\d)([a-z]+)(?:-[a-z]+)*$")  # "five-year", "10-day", "22-year-old"
_MIXED = re.compile(r"^(\d+)[- ](\d+)/(\d+)$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")
# "2.5m", "5bn"; British papers also run the whole word on ("£101million", "£3billion")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn|pc|%|thousand|million|billion|trillion)$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# "200g", "80mm", "26min": a measure written against its unit; "in her 40s": the decade of an age
_MEASURE = re.compile(r"^(\d+(?:\.\d+)?)(?:mm|cm|km|mg|kg|g|ml|kw|mw|gw|kwh|min|mins|hr|hrs|sq|ft)$")
_DECADE = re.compile(r"^([1-9]0)'?s$")


def is_year(tok: Token) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", tok.norm))


def number_value(tok: Token) -> float | None:
    w = tok.norm.replace("’", "'")
    if _NUMERIC.match(w):
        return float(re.sub(r"[, \u00a0\u202f]", "", w))
    if _DOTTED_THOUSANDS.match(w):
        return float(w.replace(".", ""))
    m = _MEASURE.match(w) or _DECADE.match(w)
    if m:
        return float(m.group(1))
    m = _MIXED.match(w)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    m = _FRACTION.match(w)
    if m and int(m.group(2)):
        return int(m.group(1)) / int(m.group(2))
    if w in _UNITS:
        return float(_UNITS[w])
    if w in _TIMES:
        return float(_TIMES[w])
    if w in _TENS:
        return float(_TENS[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
            return float(_TENS[parts[0]] + _UNITS[parts[1]])
        if len(parts) > 2 and parts[0] in _TENS and parts[1] in _UNITS:
            return float(_TENS[parts[0]] + _UNITS[parts[1]])  # "a twenty-five-year plan"
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINALS:
            return None  # "twenty-first": an ordinal (``_ordinal``)
        m = _HYPHENATED.match(w)
        if m and m.group(2) not in _UNITS and m.group(2) not in _TENS:
            # "a five-year plan": the number before a unit word; "twenty-five-year" is tens + units
            head = Token(m.group(1), tok.start, tok.start + len(m.group(1)), m.group(1))
            return number_value(head)
    return None


_RANGE = re.compile(r"^(\d+(?:\.\d+)?)%?-(\d+(?:\.\d+)?)%?$")


def _season(w: str) -> tuple[str, str] | None:
    """A range of years, "2017-18" or "2017/18" (a season), as its two years; else None."""
    m = re.fullmatch(r"(1[89]\d\d|20\d\d)[-/](\d\d|1[89]\d\d|20\d\d)", w)
    if not m:
        return None
    start, end = m.group(1), m.group(2)
    return start, (start[:2] + end if len(end) == 2 else end)


def numbers(tokens: list[Token]) -> list[Fact]:
    """Quantities with their scale: "2.5 mln", "2.5 million" and "2,500,000" are one value; a range ("5-10",
    "5–10", "6.2-7%") is its two ends."""
    out: list[Fact] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if _season(tok.norm):
            i += 1
            continue  # the date reader's
        m = _RANGE.match(tok.norm)
        if m:
            out += [Fact(_fmt(float(m.group(k))), (tok,)) for k in (1, 2)]
            i += 1
            continue
        if tok.norm == "one" and i > 0 and tokens[i - 1].norm == "no":
            i += 1
            continue  # "no one" is nobody
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.text == "No" and nxt and nxt.norm.isdigit() and nxt.start - tok.end in (1, 2):
            out.append(Fact(nxt.norm, (tok, nxt)))  # "No. 2", "No.2": the figure 2 (a rank; "№ 2", "2位")
            i += 2
            continue
        if tok.norm in _VAGUE and not (i > 0 and number_value(tokens[i - 1]) is not None):
            value, used, j = _VAGUE[tok.norm], [tok], i + 1
            while j + 1 < len(tokens) and tokens[j].norm == "of" and tokens[j + 1].norm in _VAGUE:
                value *= _VAGUE[tokens[j + 1].norm]  # "tens of thousands"
                used += tokens[j : j + 2]
                j += 2
            out.append(Fact(f"~{_fmt(value)}", tuple(used)))
            i = j
            continue
        if tok.norm in _A_SCALE and i > 0 and tokens[i - 1].norm in ("a", "one"):
            out.append(Fact(_fmt(_SCALES[tok.norm]), (tokens[i - 1], tok)))  # "a dozen boats" / "12 boats"
            i += 1
            continue
        m = _SUFFIXED.match(tok.norm)
        value = number_value(tok) if not m else float(m.group(1))
        if value is None or is_year(tok) or _date_context(tokens, i):
            if _ordinal(tok) and not _date_context(tokens, i) and not _adverbial_first(tokens, i):
                out.append(Fact(f"ord:{_ordinal(tok)}", (tok,)))
            i += 1
            continue
        if m and m.group(2) in _SCALES:
            value *= _SCALES[m.group(2)]
        used = [tok]
        j = i + 1
        while j < len(tokens) and tokens[j].norm in _SCALES and tokens[j].norm not in ("m", "b"):
            value *= _SCALES[tokens[j].norm]
            used.append(tokens[j])
            j += 1
        out.append(Fact(_fmt(value), tuple(used)))
        i = j
    return out


_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "whose"}
)


def _adverbial_first(tokens: list[Token], i: int) -> bool:
    """ "was first announced", "first appeared": "first" before a verb, with no determiner, says when, not
    which one; "the first reported case" and "first place" rank. The verb is a word WordNet reads as a verb
    and never as a noun (or an "-ed" form)."""
    if tokens[i].norm != "first" or i + 1 >= len(tokens) or (i > 0 and tokens[i - 1].norm in _DETERMINERS):
        return False
    from storydiff.judge.lexicon import lexicon

    lex, nxt = lexicon(), tokens[i + 1].norm
    kinds = {int(lex.pos[s]) for s in lex.synsets(nxt)}
    return 1 in kinds and 0 not in kinds or nxt.endswith("ed") and 0 not in kinds


def _ordinal(tok: Token) -> int | None:
    """ "4th" and "fourth" are one value; so are "21st" and "twenty-first"."""
    m = _ORDINAL_DIGITS.match(tok.norm)
    if m:
        return int(m.group(1))
    head, _, rest = tok.norm.partition("-")
    if rest and head in _TENS and rest in _ORDINALS:
        return _TENS[head] + _ORDINALS[rest]
    if rest and head in _ORDINALS and rest.endswith("est"):
        return _ORDINALS[head]  # "the third-largest" ranks; "a second-hand car" and "first-class" do not
    return _ORDINALS.get(tok.norm)


def _date_context(tokens: list[Token], i: int) -> bool:
    """A number that is part of a date or clock time belongs to the date detector; beside a month, only one
    that can be a day of it ("July 26", not "July 264", a figure the date reader would drop)."""
    nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    prv = tokens[i - 1].norm if i > 0 else ""
    w = tokens[i].norm
    day = not w.isdigit() or int(w) <= 31
    return (
        day
        and (nxt in _MONTHS or prv in _MONTHS)
        or nxt in _TIME_WORDS
        or nxt in ("quarter", "half")
        and w in _ORDINALS
    )


def _fmt(v: float) -> str:
    return f"{v:.12g}"


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update(
    {
        m: i + 1
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        )
    }
)
_MONTHS["sept"] = 9
_DAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_RELATIVE = {"today", "yesterday", "tomorrow", "tonight", "overnight"}
_PERIODS = {
    "week",
    "month",
    "year",
    "weekend",
    "decade",
    "century",
    "morning",
    "afternoon",
    "evening",
    "night",
}
_TIME_WORDS = {"gmt", "utc", "bst", "est", "edt", "cet", "pst", "am", "pm", "a.m", "p.m", "o'clock", "ist"}
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$|^([01]\d|2[0-3])([0-5]\d)$")


def dates(tokens: list[Token]) -> list[Fact]:
    out: list[Fact] = []
    for i, tok in enumerate(tokens):
        w = tok.norm
        nxt = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        prv = tokens[i - 1].norm if i > 0 else ""
        if w in _MONTHS and (
            w != "may"
            or tok.text[0].isupper()
            and i > 0
            and (
                prv in ("in", "of", "since", "until", "by", "early", "late", "mid", "last", "next")
                or number_value(tokens[i - 1]) is not None
                or nxt.isdigit()
            )
        ):
            out.append(Fact(f"month:{_MONTHS[w]}", (tok,)))
        elif w in _DAYS:
            out.append(Fact(f"day:{_DAYS[w]}", (tok,)))
        elif is_year(tok):
            out.append(Fact(f"year:{w}", (tok,)))
        elif w in _RELATIVE:
            out.append(Fact(f"rel:{w}", (tok,)))
        elif w in ("last", "next", "this", "previous", "coming") and nxt in _PERIODS:
            out.append(Fact(f"rel:{w} {nxt}", (tok, tokens[i + 1])))
        elif w in _ORDINALS and nxt in ("quarter", "half"):
            out.append(Fact(f"part:{_ORDINALS[w]} {nxt}", (tok, tokens[i + 1])))
        elif re.fullmatch(r"q[1-4]", w):
            out.append(Fact(f"part:{w[1]} quarter", (tok,)))
        elif _CLOCK.match(w) and (nxt in _TIME_WORDS or ":" in w):
            m = _CLOCK.match(w)
            if m:
                h, mi = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                zone = nxt if nxt in _TIME_WORDS else ""
                hour, used = int(h), (tok, tokens[i + 1]) if zone else (tok,)
                if zone in ("am", "pm", "a.m", "p.m"):  # "2:30 pm" is "14:30"
                    hour, zone = hour % 12 + (12 if zone.startswith("p") else 0), ""
                    after = tokens[i + 2].norm if i + 2 < len(tokens) else ""
                    if after in _TIME_WORDS and after not in ("am", "pm", "a.m", "p.m"):
                        zone, used = after, (*used, tokens[i + 2])  # "2:40 a.m. GMT" is "0240 GMT"
                out.append(Fact(f"time:{hour:02d}:{mi} {zone}".strip(), used))
        elif (years := _season(w)) is not None:
            out += [Fact(f"year:{y}", (tok,)) for y in years]
        elif w.isdigit() and nxt in ("am", "pm", "a.m", "p.m"):
            hour = int(w) % 12 + (12 if nxt.startswith("p") else 0)
            out.append(Fact(f"time:{hour:02d}:00", (tok, tokens[i + 1])))
        elif w in ("noon", "midday", "midnight"):
            out.append(Fact("time:12:00" if w != "midnight" else "time:00:00", (tok,)))
        elif (
            (day := int(w) if w.isdigit() else _ordinal(tok))
            and day <= 31
            and (nxt in _MONTHS or prv in _MONTHS)
        ):
            out.append(Fact(f"dom:{day}", (tok,)))
    return out
