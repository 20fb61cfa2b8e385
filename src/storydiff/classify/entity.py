"""Names: people, organisations, places, tickers, and their spelling.

Capitalisation finds them (an NER model costs ~1.5 s to load, a third of the CLI's budget; see
docs/architecture.md). A name swapped for a name the other version never mentions is major; a name swapped
for one both versions use ("Putin" / "the Russian leader") is coreference, so minor; a near-identical
spelling is a minor spelling change.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from storydiff.classify.features import dates, numbers
from storydiff.classify.pronoun import _klass
from storydiff.classify.view import Hunk, View
from storydiff.records import Change, Severity
from storydiff.text.spelling import abbreviates, spelt_alike
from storydiff.text.tokens import HONORIFICS, STOPWORDS, Token, capitalised, function_words, tokenize


def is_name(tok: Token, first_in_sentence: bool) -> bool:
    w = tok.text
    if not w[:1].isupper() or tok.norm in HONORIFICS:
        return False
    # "We'd", "It'll", "They're" open a sentence as a function word with its contraction
    return not (first_in_sentence and tok.norm.split("'")[0] in STOPWORDS)


@lru_cache(maxsize=4096)
def _ordinary(norm: str) -> bool:
    from storydiff.judge.lexicon import lexicon  # WordNet's table, loaded once (~0.05 s)

    return lexicon().ordinary(norm)


@lru_cache(maxsize=8)
def _named_within(doc: str) -> frozenset[str]:
    """Words a document capitalises inside a sentence, where a capital means a name."""
    return frozenset(
        t.norm for t in capitalised(doc) if not _first_in_sentence(doc, t) and t.norm not in HONORIFICS
    )


_OPENS_NAME = re.compile(r"[ \t]+[A-Z]")


def _names(tokens: list[Token], doc: str, dated: set[Token], named: frozenset[str]) -> list[Token]:
    """Names among ``tokens``. A capital that only opens a sentence says nothing: an ordinary English word
    there ("Nonetheless", "Already", "Snow said") is a name only if either version capitalises it inside a
    sentence too, or a capitalised word follows it ("Detective Inspector Quarrie", "White House"); a
    function word ("During", "After", spaCy's stop words, which WordNet lacks) only if named inside a
    sentence. WordNet and spaCy decide what is ordinary, not a list of sentence openers grown case by case."""
    out = []
    for t in tokens:
        if t in dated:
            continue
        first = _first_in_sentence(doc, t)
        if not is_name(t, first):
            continue
        if (
            first
            and t.norm not in named
            and (t.norm in function_words() or not _OPENS_NAME.match(doc, t.end) and _ordinary(t.norm))
        ):
            continue  # "After Jackson testified": a function word opens no name, capital after it or not
        out.append(t)
    return out


def names_in(sentences: list[str]) -> set[str]:
    """The distinct names (normalised tokens) of a text's sentences: what an event's reports share.

    The same capitalisation rule compare uses, without dates ("Tuesday", "March" are capitalised too) and
    without the first word of a sentence ("Critics say ..."): a name is named again mid-sentence.
    """
    from storydiff.classify.features import _DAYS, _MONTHS

    out: set[str] = set()
    for s in sentences:
        for t in capitalised(s):  # a calendar word is never a name here (cheaper than reading the dates)
            n = t.norm
            plain = not n.isdigit() and n not in _MONTHS and n not in _DAYS
            if plain and is_name(t, False) and not _first_in_sentence(s, t):
                out.add(n)
    return out


def _first_in_sentence(doc: str, t: Token) -> bool:
    i = t.start - 1
    while i >= 0 and doc[i] in " \t“\"‘'(":
        i -= 1
    return i < 0 or doc[i] in ".!?\n:"


def _fold(word: str) -> str:
    """A word as names are compared: case, accents and a possessive "'s" set aside ("José's" is "jose")."""
    plain = unicodedata.normalize("NFKD", word.casefold())
    return re.sub(r"['’]s$", "", "".join(ch for ch in plain if not unicodedata.combining(ch)))


@lru_cache(maxsize=8)
def _words_of(doc: str) -> frozenset[str]:
    """Every word of a whole document, folded: a capitalised word the other version writes in lower case
    ("Baroque" / "baroque", "Senator" / "senator") is the same word, not a new name."""
    return frozenset(_fold(t.norm) for t in tokenize(doc))


def _same(x: str, y: str) -> bool:
    """One name, or a name and its adjective or longer form: "Russia" / "Russian", "Ukraine" /
    "Ukrainian", "Iraq" / "Iraqi" (the shorter, less a final vowel, opens the longer, at most three
    letters more). "Austria" / "Australia" share five letters but neither opens the other."""
    x, y = _fold(x), _fold(y)
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if "-" in long and long.split("-")[0] == short:
        return True  # "Greek" / "Greek-speaking"; not "American" / "Indian-American"
    if len(short) < 4:
        return False
    stem = short[:-1] if short[-1:] in ("a", "e", "y") else short
    return long.startswith(stem) and len(long) - len(short) <= 3


def detect(view: View) -> list[Change]:
    doc_a_names, doc_b_names = _capitalised(view.a_doc), _capitalised(view.b_doc)
    # "Tuesday" / "Wednesday" is the date detector's to report, "One" / "Two" the number detector's
    dated_a = {t for kind in (dates, numbers) for f in view.facts(kind, "a") for t in f.tokens}
    dated_b = {t for kind in (dates, numbers) for f in view.facts(kind, "b") for t in f.tokens}
    named = _named_within(view.a_doc) | _named_within(view.b_doc)
    changes = []
    for h in view.hunks:
        all_a = _names(view.outside_quotes(h.a, "a"), view.a_doc, dated_a, named)
        all_b = _names(view.outside_quotes(h.b, "b"), view.b_doc, dated_b, named)
        spaced_a, spaced_b = _hyphen_spaced(view.b, view.a_doc), _hyphen_spaced(view.a, view.b_doc)
        na = [t for t in all_a if t.norm not in spaced_a and not any(_same(t.text, u.text) for u in view.b)]
        nb = [t for t in all_b if t.norm not in spaced_b and not any(_same(t.text, u.text) for u in view.a)]
        if not na and not nb:
            changes.extend(_respelt(view, h, all_a, all_b))
            continue
        fuller = []  # only where one side adds words to a name: "Tony Blair" / "Cherie Blair" is a new name
        if not nb:
            fuller = _fuller(na, view.a, view.a_doc, view.b, view.b_doc)
        elif not na:
            fuller = _fuller(nb, view.b, view.b_doc, view.a, view.a_doc)
        na = [t for t in na if t not in fuller]
        nb = [t for t in nb if t not in fuller]
        if na or nb:
            changes.extend(_explain(view, h, na, nb, doc_a_names, doc_b_names))
        elif fuller:
            changes.append(_written_in_full(view, h, fuller))
    return changes


def _hyphen_spaced(tokens: list[Token], other_doc: str) -> set[str]:
    """The parts of a hyphenated word the other version writes as separate words ("Social-Democratic" /
    "Social Democratic"): one name, hyphened or not."""
    out: set[str] = set()
    folded = other_doc.casefold()
    for u in tokens:
        parts = u.norm.split("-")
        if len(parts) > 1 and " ".join(parts) in folded:
            out.update(parts)
    return out


def _respelt(view: View, h: Hunk, names_a: list[Token], names_b: list[Token]) -> list[Change]:
    """A hunk whose names on both sides are one name written two ways ("Petrova" / "Petrowa", "Russia" /
    "Russian"): a minor restatement, so that the words are explained and never judged as a new wording."""
    if not names_a or not names_b or len(names_a) != len(names_b):
        return []
    pairs = list(zip(names_a, names_b))
    alike = [spelt_alike(x.text, y.text) for x, y in pairs]
    if any(x.text == y.text or not (same or _same(x.text, y.text)) for (x, y), same in zip(pairs, alike)):
        return []
    ta, tb = _text(view.a_doc, names_a), _text(view.b_doc, names_b)
    how = "spelt differently" if all(alike) else "in another form"
    why = f"name {how}: {ta} / {tb}"
    return [Change("entity", "minor", ta, tb, _span(names_a), _span(names_b), why, evidence="restated")]


_NAME_GAP = re.compile(r"[ \t]*|\.[ \t]+")  # "Eastman Kodak", "Mark R. Warner"


def _runs(tokens: list[Token], doc: str) -> list[list[Token]]:
    """Runs of capitalised words joined by spaces or an initial's full stop: the names as written."""
    runs: list[list[Token]] = []
    for k, t in enumerate(tokens):
        if not t.text[:1].isupper():
            continue
        joined = k > 0 and bool(runs) and runs[-1][-1] is tokens[k - 1]
        if joined and _NAME_GAP.fullmatch(doc[tokens[k - 1].end : t.start]):
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _fuller(
    lone: list[Token], side: list[Token], doc: str, other: list[Token], other_doc: str
) -> list[Token]:
    """The words of ``lone`` that only lengthen a name the other version writes shorter: given names,
    initials or a title before it ("Kodak" / "Eastman Kodak", "Dittemore" / "Ron Dittemore", "Warner" /
    "Mark R. Warner"). A name written two ways, not a new one.

    The run of capitalised words they stand in must end in a word both versions have, and without them be
    a name the other version writes as it is; words after that name make another one ("Stay With Me" /
    "Stay With Me Baby", "NASCAR" / "NASCAR Sprint Cup").
    """
    extra = set(map(id, lone))
    written = {tuple(u.norm for u in run) for run in _runs(other, other_doc)}
    out = []
    for run in _runs(side, doc):
        added = [u for u in run if id(u) in extra]
        rest = tuple(u.norm for u in run if id(u) not in extra)
        if added and rest and id(run[-1]) not in extra and rest in written:
            out += added
    return out


def _written_in_full(view: View, h: Hunk, fuller: list[Token]) -> Change:
    a = [t for t in fuller if t in h.a]
    b = [t for t in fuller if t in h.b]
    ta, tb = (_text(view.a_doc, a) if a else ""), (_text(view.b_doc, b) if b else "")
    sa, sb = (_span(a) if a else h.a_span), (_span(b) if b else h.b_span)
    why = f"name written more fully in {'A' if a else 'B'}: {ta or tb}"
    return Change("entity", "minor", ta, tb, sa, sb, why, evidence="restated")


@lru_cache(maxsize=8)
def _capitalised(doc: str) -> frozenset[str]:
    """Capitalised words of a whole document; cached because every group of one comparison asks."""
    return frozenset(t.norm for t in tokenize(doc) if t.text[:1].isupper())


def _explain(view: View, h: Hunk, na, nb, doc_a_names, doc_b_names) -> list[Change]:
    if na and nb:
        ta, tb = _text(view.a_doc, na), _text(view.b_doc, nb)
        sa, sb = _span(na), _span(nb)
        if spelt_alike(ta, tb):
            why = f"name spelt differently: {ta} / {tb}"
            return [Change("entity", "minor", ta, tb, sa, sb, why, evidence="restated")]
        if abbreviates(ta, tb) or abbreviates(tb, ta):
            why = f"one name, abbreviated in one version: {ta} / {tb}"
            return [Change("entity", "minor", ta, tb, sa, sb, why, evidence="restated")]
        known = all(t.norm in doc_b_names for t in na) and all(t.norm in doc_a_names for t in nb)
        if known:
            return [
                Change(
                    "entity",
                    "minor",
                    ta,
                    tb,
                    sa,
                    sb,
                    f"refers to {ta} as {tb} (both names occur in both versions)",
                    evidence="restated",
                )
            ]
        return [Change("entity", "major", ta, tb, sa, sb, f"name changed: {ta} became {tb}")]
    # A name only one side has: a new or dropped fact ("Germany, the Netherlands and the UK") when the other
    # version never mentions it, minor when it does elsewhere or the "name" is a capitalised function word.
    # One change per name as written, so that the span is the name and not the words between two names.
    out = []
    side, doc, names_other = ("A", view.a_doc, doc_b_names) if na else ("B", view.b_doc, doc_a_names)
    other = "b" if na else "a"
    instead = view.outside_quotes(h.b if na else h.a, other)
    for run in _runs(na or nb, doc):
        text, span = _text(doc, run), _span(run)
        severity, never = _lone(run, names_other, _words_of(view.b_doc if na else view.a_doc))
        if never and _code_of_a_name(run, view.a if na else view.b, doc, names_other):
            # "Nasdaq Composite Index .IXIC", "Hardware Compatibility List (HCL)": the same name's code
            severity, never = "minor", ""
            why = f"code of a name both versions have, only in {side}: {text}"
        elif never and instead and all(_klass(t) in _THIRD_PERSON for t in instead):
            # "Racicot" / "he": the other version refers to the same one by a pronoun
            severity, never = "minor", ""
            why = (
                f"refers to {text} as {' '.join(t.text for t in instead)}"
                if na
                else (f"refers to {' '.join(t.text for t in instead)} as {text}")
            )
        else:
            why = f"name only in {side}: {text}{never}"
        evidence = "new_fact" if never else "restated"
        # a name the other version never mentions points at the place on the other side where it would stand
        o_span = h.b_span if na else h.a_span
        o_text = "" if never else h.text("b" if na else "a", view.b_doc if na else view.a_doc)
        if never:
            o_span = (o_span[0], o_span[0])
        if na:
            out.append(Change("entity", severity, text, o_text, span, o_span, why, evidence=evidence))
        else:
            out.append(Change("entity", severity, o_text, text, o_span, span, why, evidence=evidence))
    return out


_THIRD_PERSON = frozenset(("masculine", "feminine", "plural", "neuter"))
_CODE = re.compile(r"[A-Z][A-Z0-9]{1,5}(?:\.[A-Z]{1,2})?")  # "HCL", "IXIC", "ESRX.O"
_CODE_GAP = re.compile(r"\s*(?:[(<\[]\s*\.?|\.)")  # "Index .IXIC", "List (HCL)", "Index <.IXIC>"


def _code_of_a_name(run: list[Token], tokens: list[Token], doc: str, other_names: frozenset[str]) -> bool:
    """A lone capitalised code right after a name the other version also has, in brackets or marked as a
    ticker by a full stop ("Foods KTB.O", "Index .IXIC"): an abbreviation or a ticker that identifies that
    name, no new one (wire copy adds and drops them). Bare capitals are not read so ("Barcelona RB")."""
    if len(run) != 1 or not _CODE.fullmatch(run[0].text):
        return False
    k = next((i for i, t in enumerate(tokens) if t is run[0]), 0)
    if k == 0:
        return False
    prev = tokens[k - 1]
    return (
        prev.text[:1].isupper()
        and prev.norm in other_names
        and ("." in run[0].text or bool(_CODE_GAP.fullmatch(doc[prev.end : run[0].start])))
    )


def _lone(
    names: list[Token], other_names: frozenset[str], other_words: frozenset[str]
) -> tuple[Severity, str]:
    new = [
        t
        for t in names
        if t.norm not in STOPWORDS
        and not any(_same(t.norm, n) for n in other_names)
        and not _written_there(_fold(t.norm), other_words)
    ]
    return ("major", " (the other version never mentions it)") if new else ("minor", "")


def _written_there(word: str, other_words: frozenset[str]) -> bool:
    """The other version has the word, in any case, or one spelling away ("Mediaeval" / "medieval":
    difflib >= 0.9 between words of five letters or more that open with the same letter)."""
    if word in other_words:
        return True
    if len(word) < 5:
        return False
    return any(
        w[:1] == word[:1] and abs(len(w) - len(word)) <= 2 and SequenceMatcher(None, w, word).ratio() >= 0.9
        for w in other_words
    )


def _span(tokens) -> tuple[int, int]:
    return tokens[0].start, tokens[-1].end


def _text(doc: str, tokens) -> str:
    s, e = _span(tokens)
    return doc[s:e]
