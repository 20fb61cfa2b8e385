"""What the change model sees of one difference: a ``Unit`` and its feature vector.

A unit is a candidate change and the tokens its spans cover: a typed detector's, or a ``wording`` one for
a stretch of the word diff that no detector explained. Its features are the same for training
(``scripts/train_change_model.py``) and at run time, computed from the ``View`` the detectors read:

- the words: how many content words each side has, whether they are names, numbers, quoted, negators or
  pronouns, whether they occur elsewhere on the other side (a moved phrase, not a new one);
- WordNet relations between the two sides' words (``judge/lexicon.py``): same base form, synonym,
  antonym, hypernym, sister, cousin, same lexicographer file;
- the typed detector that proposed it (one flag per type, its own severity, whether it is a role swap);
- how close the two words and the two groups are in the static MiniLM space, and the two words' vectors
  (product and absolute difference), so the model knows what *kind* of word changed (a colour, a verb).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storydiff.classify.negation import NEGATORS
from storydiff.classify.pronoun import CLASSES as PRONOUNS
from storydiff.classify.swap import SWAP_NOTE
from storydiff.classify.view import View, is_content
from storydiff.embed import static_encoder
from storydiff.judge.lexicon import RELATIONS, lexicon
from storydiff.records import ALIGNED_TYPES, Change
from storydiff.text.diff import ratio as symmetric_ratio
from storydiff.text.tokens import Token, stem

HAND = (
    "content_a",
    "content_b",
    "tokens_a",
    "tokens_b",
    "only_a",
    "only_b",
    "group_content",
    "share_of_group",
    "elsewhere_a",
    "elsewhere_b",
    *(f"lex_{r}" for r in RELATIONS),
    "lex_all_kept",
    "lex_unknown_a",
    "lex_unknown_b",
    "names_a",
    "names_b",
    "digits_a",
    "digits_b",
    "quoted_a",
    "quoted_b",
    "negators_a",
    "negators_b",
    "pronouns_a",
    "pronouns_b",
    "proposed",
    *(f"type_{t}" for t in ALIGNED_TYPES),
    "rule_major",
    "rule_swap",
    "rule_only_one_side",
    "cos_words",
    "cos_group",
    "ratio_group",
    "same_case_folded",
)
STATIC_DIM = 256
LEXICAL_WORDS = 40
N_FEATURES = len(HAND) + 2 * STATIC_DIM


def _mirror() -> list[int]:
    """Column order of the same unit seen from the other side (A and B swapped): the model averages both,
    so compare(B, A) mirrors compare(A, B) exactly. Every other feature is order-free by construction."""
    index = {name: k for k, name in enumerate(HAND)}
    order = []
    for name in HAND:
        if name.endswith("_a"):
            order.append(index[name[:-2] + "_b"])
        elif name.endswith("_b"):
            order.append(index[name[:-2] + "_a"])
        else:
            order.append(index[name])
    return order + list(range(len(HAND), N_FEATURES))


MIRROR = _mirror()


@dataclass(frozen=True)
class Unit:
    """One difference to judge: the tokens on each side, and the candidate change that proposed it."""

    a: tuple[Token, ...]
    b: tuple[Token, ...]
    change: Change


def units(view: View, changes: list[Change]) -> list[Unit]:
    """One unit per candidate change: the tokens inside its spans."""
    out = []
    for c in changes:
        a = tuple(t for t in view.a if c.a_span[0] <= t.start and t.end <= c.a_span[1])
        b = tuple(t for t in view.b if c.b_span[0] <= t.start and t.end <= c.b_span[1])
        out.append(Unit(a, b, c))
    return out


def featurise(view: View, found: list[Unit]) -> np.ndarray:
    """A (units x N_FEATURES) float32 matrix; one static-encoder call for the whole group."""
    if not found:
        return np.zeros((0, N_FEATURES), dtype=np.float32)
    side_a = " ".join(t.text for t in view.a)
    side_b = " ".join(t.text for t in view.b)
    texts = [side_a, side_b]
    for u in found:
        texts += [" ".join(t.text for t in u.a), " ".join(t.text for t in u.b)]
    vecs = static_encoder().encode(texts)
    stems_a, stems_b = _stems(view.a), _stems(view.b)
    content_total = max(1, sum(map(is_content, view.a)) + sum(map(is_content, view.b)))
    cos_group = float(vecs[0] @ vecs[1])
    ratio = symmetric_ratio([t.norm for t in view.a], [t.norm for t in view.b])
    starts_a, starts_b = _sentence_starts(view.a, view.a_doc), _sentence_starts(view.b, view.b_doc)
    rows = []
    for k, u in enumerate(found):
        va, vb = vecs[2 + 2 * k], vecs[3 + 2 * k]
        hand = _hand(view, u, stems_a, stems_b, content_total, starts_a, starts_b)
        cos_words = float(va @ vb) if u.a and u.b else 0.0
        same_fold = float(bool(u.a) and bool(u.b) and _letters(u.a) == _letters(u.b))
        hand += [cos_words, cos_group, ratio, same_fold]
        rows.append(np.concatenate([np.array(hand, dtype=np.float32), va * vb * 16.0, np.abs(va - vb) * 4.0]))
    return np.stack(rows).astype(np.float32)


def _hand(view, u: Unit, stems_a, stems_b, content_total, starts_a, starts_b) -> list[float]:
    ca, cb = [t for t in u.a if is_content(t)], [t for t in u.b if is_content(t)]
    lex = lexicon()
    # Word pairs are compared up to LEXICAL_WORDS a side: beyond that a unit is a rewritten passage, and
    # all pairs of a 4 MB "sentence" took minutes.
    la, lb = _lexical(u.a, lex)[:LEXICAL_WORDS], _lexical(u.b, lex)[:LEXICAL_WORDS]
    rel = np.zeros((len(la), len(lb), len(RELATIONS)), dtype=np.float32)
    for i, x in enumerate(la):
        for j, y in enumerate(lb):
            rel[i, j] = lex.relation(x, y)
    same = (rel[..., 0] + rel[..., 1]) > 0 if la and lb else np.zeros((0, 0), dtype=bool)
    # every word on each side has a same-base or synonym partner on the other (order-free)
    all_kept = float(bool(ca) and bool(cb) and bool(same.any(axis=1).all()) and bool(same.any(axis=0).all()))
    rel = rel.max(axis=(0, 1)) if la and lb else np.zeros(len(RELATIONS), dtype=np.float32)
    unknown_a = _share([not lex.bases(t.norm) for t in ca])
    unknown_b = _share([not lex.bases(t.norm) for t in cb])
    c = u.change
    types = [float(c.type == t) for t in ALIGNED_TYPES]
    return [
        min(len(ca), 8) / 8,
        min(len(cb), 8) / 8,
        min(len(u.a), 12) / 12,
        min(len(u.b), 12) / 12,
        float(not ca and bool(cb)),
        float(not cb and bool(ca)),
        min(content_total, 80) / 80,
        (len(ca) + len(cb)) / content_total,
        _share([t.stem in stems_b for t in ca]),
        _share([t.stem in stems_a for t in cb]),
        *rel.tolist(),
        all_kept,
        unknown_a,
        unknown_b,
        _share([t.text[:1].isupper() and t.start not in starts_a for t in ca]),
        _share([t.text[:1].isupper() and t.start not in starts_b for t in cb]),
        _share([any(ch.isdigit() for ch in t.text) for t in u.a]),
        _share([any(ch.isdigit() for ch in t.text) for t in u.b]),
        _share([not view.outside_quotes([t], "a") for t in u.a]),
        _share([not view.outside_quotes([t], "b") for t in u.b]),
        float(sum(t.norm in NEGATORS or t.norm.endswith("n't") for t in u.a)),
        float(sum(t.norm in NEGATORS or t.norm.endswith("n't") for t in u.b)),
        float(sum(t.norm in PRONOUNS for t in u.a)),
        float(sum(t.norm in PRONOUNS for t in u.b)),
        float(c.type != "wording"),
        *types,
        float(c.severity == "major"),
        float(SWAP_NOTE in c.explanation),
        float(not c.a_text or not c.b_text),
    ]


def _lexical(tokens, lex) -> list[str]:
    """The words WordNet is asked about: content words, and phrases of two or three words that it lists
    as one ("took part" is "take_part", a synonym of "participated"; "set up" of "established")."""
    out, i = [], 0
    while i < len(tokens):
        bases = lex.bases(tokens[i].norm) if i + 1 < len(tokens) else ()
        for n in (3, 2):
            if i + n <= len(tokens):
                rest = "_".join(t.norm for t in tokens[i + 1 : i + n])
                phrase = next((f"{b}_{rest}" for b in bases if f"{b}_{rest}" in lex.index), None)
                if phrase:
                    out.append(phrase)
                    i += n
                    break
        else:
            if is_content(tokens[i]):
                out.append(tokens[i].norm)
            i += 1
    return out


def _stems(tokens) -> set[str]:
    """The stems a side has, the parts of its hyphenated words included: "a three-day visit" has "day",
    so "a visit lasting three days" adds no new day."""
    out = {t.stem for t in tokens}
    for t in tokens:
        if "-" in t.norm:
            out.update(stem(part) for part in t.norm.split("-") if part)
    return out


def _letters(tokens) -> str:
    """The letters and digits alone: "O'Neill's" / "ONeills", "e-mail" / "email" are one spelling."""
    return "".join(ch for t in tokens for ch in t.norm if ch.isalnum())


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _sentence_starts(tokens: list[Token], doc: str) -> set[int]:
    """Offsets of tokens that open a sentence (a capital there says nothing about a name)."""
    out = set()
    prev_end = None
    for t in tokens:
        before = doc[prev_end : t.start] if prev_end is not None else ""
        if prev_end is None or any(ch in before for ch in ".!?\n") or doc[max(0, t.start - 1)] in "\"“‘'":
            out.add(t.start)
        prev_end = t.end
    return out
