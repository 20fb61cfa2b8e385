"""Judge: the learned change model decides which candidate differences change the meaning.

Typed detectors (``classify``) propose candidates with a type, a span and an explanation; this stage
scores each with the change model (``judge/model.py``) and sets its ``confidence`` and ``severity``:
major at or above the threshold chosen on dev data (the model card, ``models/change-model.json``).
Untyped ``wording`` candidates below the card's floor are dropped: they are the paraphrase.

The model sees one aligned group; the detectors also see the whole documents, and two kinds of their
findings bound it. Changes of meaning by definition, which the model may raise but never lower: words inside
quotation marks changed (quotes are verbatim), two roles swapped (who did what to whom), a claim made
certain or uncertain (a hedge on one side only), a number, date or pronoun replaced by a different one, a
number or date the other version never states anywhere, a bare negator added or dropped, and a quotation
given to another speaker. And
restatements, which it may lower but never make major: a rounding ("1.23" / "1.2"), a relative date
resolved ("yesterday" / "Thursday"), a name spelt two ways, written more fully or used by both versions, a
fact the other version states elsewhere, one hedge for another ("said to" / "reportedly"), one neutral
reporting verb for another ("announced" / "said"). Confidences are moved to the
right side of the threshold, so "major" and "confidence at or above the threshold" stay the same statement.
"""

from __future__ import annotations

from dataclasses import replace

from storydiff.classify.attribution import SPEAKER_NOTE
from storydiff.classify.negation import is_negator
from storydiff.classify.swap import SWAP_NOTE
from storydiff.classify.view import View, build_view
from storydiff.judge.features import featurise, units
from storydiff.judge.model import default_model
from storydiff.records import Change, Sentence
from storydiff.text.tokens import tokenize

__all__ = ["judge", "judge_alone"]


def judge(view: View, candidates: list[Change]) -> list[Change] | None:
    """Judged changes, or None when no model is installed (the caller keeps the rules' verdicts)."""
    model = default_model()
    if model is None:
        return None
    if not candidates:
        return []
    p = model.predict(featurise(view, units(view, candidates)))
    out = []
    for c, prob in zip(candidates, p):
        conf = round(float(prob), 4)
        if definitional(c):
            conf = max(conf, model.threshold)
        elif c.evidence == "restated":
            conf = min(conf, round(model.threshold - 0.01, 4))
        if c.type == "wording" and conf < model.floor:
            continue
        severity = "major" if conf >= model.threshold else "minor"
        why = c.explanation
        if c.type == "wording" and severity == "major" and not why.startswith("opposite"):
            why = f"{why}: this changes what is asserted"
        out.append(replace(c, severity=severity, explanation=why, confidence=conf))
    return out


def definitional(c: Change) -> bool:
    """A detector's major finding that is a change of meaning by construction (see the module docstring)."""
    if c.severity != "major":
        return False
    if c.type in ("quote", "hedge") or SWAP_NOTE in c.explanation or SPEAKER_NOTE in c.explanation:
        # a major hedge change is a claim made certain or uncertain (classify/hedge.py); a quotation given
        # to another speaker changes who said it (classify/attribution.py)
        return True
    if c.type in ("number", "date") and c.evidence == "new_fact":
        return True
    if c.type == "negation" and _bare_negation(c):
        return True
    return c.type in ("number", "date", "pronoun") and bool(c.a_text) and bool(c.b_text)


def _bare_negation(c: Change) -> bool:
    """Nothing but a negator added or dropped ("is running" / "is not running"): the claim is reversed."""
    words = tokenize(c.a_text) + tokenize(c.b_text)
    return bool(words) and all(is_negator(t) for t in words)


def judge_alone(a_doc: str, b_doc: str, side: str, sentence: Sentence, change: Change) -> Change:
    """A confidence for the change a sentence only one version has carries (``classify/lone.py``): the
    model scores the sentence's words against nothing, as it scores words one side of a group adds. The
    rules keep the severity (material only one version has is judged by what it carries), so the
    confidence is moved to the severity's side of the threshold, as ``judge`` does."""
    model = default_model()
    if model is None or sentence.role != "content":
        return change
    a, b = ([sentence], []) if side == "a" else ([], [sentence])
    view = build_view(a_doc, b_doc, a, b)
    (p,) = model.predict(featurise(view, units(view, [change])))
    conf = round(float(p), 4)
    if change.severity == "major":
        conf = max(conf, model.threshold)
    else:
        conf = min(conf, round(model.threshold - 0.01, 4))
    return replace(change, confidence=conf)
