"""iSTS headlines: does compare align the right words, and type the difference as the annotators did?

Each pair is compared (``chunks=True``) with its gold tokens joined by spaces, so character spans map to
tokens. storydiff's phrase alignment (``Alignment.chunks``, align/chunks.py) gives every token of an A
phrase paired with every token of its B phrase, typed by the pair's relation, as the gold chunk alignments
do. The row "storydiff, change spans" reads the same output the way this benchmark did before phrase
alignment existed: words its symmetric diff keeps equal inside an aligned group are "same"; the words of
each change's A span and B span are aligned to each other, "changed" for a major change and "similar" for a
minor one; other replaced stretches of a paraphrase group are "similar". Gold token pairs come from every
non-NOALI/ALIC chunk alignment. The phrase aligner's one threshold was chosen on the train split; the test
split is the figure to quote. Scores are token-pair F1 ignoring the type, and
on the pairs both align, agreement of a coarse type: EQUI -> same; OPPO and *_FACT/*_POL -> changed;
SPE1/SPE2/SIMI/REL -> similar. The in-run baseline is a plain difflib word alignment (equal words only).
Published SemEval-2016 systems are scored with the official chunk-level script, which is not reproduced
here, so their figures are not set beside these.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher

from benchmarks.common import Config, Section


def _gold(alignments) -> dict[tuple[int, int], str]:
    out = {}
    for al in alignments:
        t = al["type"]
        if t in ("NOALI", "ALIC") or not al["s1_tokens"] or not al["s2_tokens"]:
            continue
        kind = "same" if t == "EQUI" else "changed" if (t == "OPPO" or "_" in t) else "similar"
        for i in al["s1_tokens"]:
            for j in al["s2_tokens"]:
                out[(i - 1, j - 1)] = kind
    return out


def _token_index(tokens: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    return spans


def _covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> list[int]:
    s, e = span
    return [k for k, (x, y) in enumerate(spans) if x < e and s < y]


def _compare(t1: list[str], t2: list[str]):
    import storydiff

    return storydiff.compare(" ".join(t1), " ".join(t2), chunks=True)


def _phrases(t1: list[str], t2: list[str], r) -> dict[tuple[int, int], str]:
    s1, s2 = _token_index(t1), _token_index(t2)
    out: dict[tuple[int, int], str] = {}
    for al in r.alignments:
        for ch in al.chunks:
            for i in _covered(ch.a_span, s1):
                for j in _covered(ch.b_span, s2):
                    out[(i, j)] = ch.relation
    return out


def _change_spans(t1: list[str], t2: list[str], r) -> dict[tuple[int, int], str]:
    from storydiff.text.diff import opcodes

    s1, s2 = _token_index(t1), _token_index(t2)
    out: dict[tuple[int, int], str] = {}
    for al in r.alignments:
        a_tok = sorted(
            {k for i in al.a for k in _covered((r.a.sentences[i].start, r.a.sentences[i].end), s1)}
        )
        b_tok = sorted(
            {k for j in al.b for k in _covered((r.b.sentences[j].start, r.b.sentences[j].end), s2)}
        )
        for op, i1, i2, j1, j2 in opcodes([t1[k].lower() for k in a_tok], [t2[k].lower() for k in b_tok]):
            if op == "equal":
                for d in range(i2 - i1):
                    out[(a_tok[i1 + d], b_tok[j1 + d])] = "same"
            elif op == "replace" and al.relation in ("paraphrase", "stylistic"):
                for i in a_tok[i1:i2]:
                    for j in b_tok[j1:j2]:
                        out.setdefault((i, j), "similar")
        for ch in al.changes:
            kind = "changed" if ch.severity == "major" else "similar"
            for i in _covered(ch.a_span, s1):
                for j in _covered(ch.b_span, s2):
                    out[(i, j)] = kind
    return out


def _difflib(t1: list[str], t2: list[str], _r=None) -> dict[tuple[int, int], str]:
    sm = SequenceMatcher(None, [t.lower() for t in t1], [t.lower() for t in t2], autojunk=False)
    return {(b.a + d, b.b + d): "same" for b in sm.get_matching_blocks() for d in range(b.size)}


def run(cfg: Config) -> Section:
    rows = [json.loads(x) for x in (cfg.data / "ists_headlines" / "pairs.jsonl").open(encoding="utf-8")]
    if cfg.quick:
        rows = rows[:100] + rows[-100:]
    section = Section(
        "Chunks: iSTS headlines (typed word alignment)",
        f"`python -m benchmarks --only chunks`: {len(rows)} headline pairs (train and test of the 2015 "
        "pilot; the phrase aligner's threshold was chosen on train, nothing else is tuned on them). "
        "Token-pair precision / recall / F1 ignoring the type; type agreement on the token pairs both sides "
        "align (coarse types, see benchmarks/chunks.py).",
        ["split", "pairs", "system", "precision", "recall", "F1", "type agreement"],
    )
    results = [(r, _compare(r["tokens1"], r["tokens2"])) for r in rows]
    systems = (
        ("storydiff (phrase alignment)", _phrases),
        ("storydiff, change spans (before phrase alignment)", _change_spans),
        ("difflib word alignment", _difflib),
    )
    for split in ("test", "train"):
        part = [(r, res) for r, res in results if r["split"] == split]
        for name, system in systems:
            tp = fp = fn = agree = 0
            for r, res in part:
                gold = _gold(r["alignments"])
                pred = system(r["tokens1"], r["tokens2"], res)
                both = set(gold) & set(pred)
                tp += len(both)
                fp += len(set(pred) - set(gold))
                fn += len(set(gold) - set(pred))
                agree += sum(gold[k] == pred[k] for k in both)
            p, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
            f1 = 2 * p * rc / max(1e-9, p + rc)
            scores = [f"{p:.3f}", f"{rc:.3f}", f"{f1:.3f}", f"{agree / max(1, tp):.3f}"]
            section.rows.append([split, str(len(part)), name, *scores])
    return section
