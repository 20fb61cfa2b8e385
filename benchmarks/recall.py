"""Recall of copies among 20,000 short items: near-exact copies must never be missed (issue 16).

Items are the first two to four sentences of reuters21578 bodies, topped up with runs of bbc_news sentences
(so many items share a topic, a company or a template). Planted copies of 1,000 items differ by one word
(replaced, inserted or deleted, sometimes moving a sentence boundary); 1,000 more are reworded (sentence
order changed, reporting verbs and number formats reworded, the last sentence dropped when there are three
or more). A planted copy is found when the index puts it in its source's story.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from pathlib import Path

from benchmarks.common import Config, Section

ITEMS = 20_000
COPIES = 1_000
_REWORD = [
    (r"\bsaid\b", "told reporters"),
    (r"\bwill\b", "is to"),
    (r"\bpct\b", "percent"),
    (r"\bper cent\b", "percent"),
    (r"\bmln\b", "million"),
    (r"\bbillion\b", "bn"),
    (r"\balso\b", ""),
    (r"\bhowever\b", "but"),
]


def _split(text: str) -> list[str]:
    """Sentences by the splitter compare uses ("U.S. Patent Office" is one sentence, not two)."""
    from storydiff.text.sentences import split

    text = " ".join(text.split())
    return [text[s:e] for s, e in split(text) if len(text[s:e].split()) >= 4]


def _items(cfg: Config, n: int) -> list[list[str]]:
    out: list[list[str]] = []
    seen: set[str] = set()
    for line in (cfg.data / "reuters21578" / "documents.jsonl").open(encoding="utf-8"):
        sents = _split(json.loads(line).get("body") or "")[:4]
        key = " ".join(sents)
        if len(sents) >= 2 and key not in seen:
            seen.add(key)
            out.append(sents)
    for line in (cfg.data / "bbc_news" / "articles.jsonl").open(encoding="utf-8"):
        sents = _split(json.loads(line)["text"])
        for k in range(0, len(sents) - 2, 3):
            out.append(sents[k : k + 3])
    return out[:n]


def _near_exact(sents: list[str], rng: random.Random) -> list[str]:
    out = list(sents)
    j = rng.randrange(len(out))
    words = out[j].split()
    k = rng.randrange(len(words))
    edit = rng.choice(["replace", "insert", "delete"])
    if edit == "replace":
        words[k] = rng.choice(["new", "latest", "local", "major", "early"])
    elif edit == "insert":
        words.insert(k, rng.choice(["also", "now", "again"]))
    elif len(words) > 4:
        del words[k]
    out[j] = " ".join(words)
    return out


def _reworded(sents: list[str], rng: random.Random) -> list[str]:
    out = [s for s in sents]
    for pattern, repl in _REWORD:
        out = [re.sub(pattern, repl, s) for s in out]
    out = [" ".join(s.split()) for s in out]
    if len(out) >= 3:
        out = out[:-1]
    rng.shuffle(out)
    return out


def generate(cfg: Config, path: Path, seed: int = 31) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(seed)
    items = _items(cfg, ITEMS - 2 * COPIES)
    chosen = rng.sample(range(len(items)), 2 * COPIES)
    planted: dict[str, list[tuple[str, str]]] = {"near-exact": [], "reworded": []}
    rows = [{"id": f"i{i:06d}", "text": " ".join(s)} for i, s in enumerate(items)]
    for k, i in enumerate(chosen):
        kind = "near-exact" if k < COPIES else "reworded"
        copy = (_near_exact if kind == "near-exact" else _reworded)(items[i], rng)
        cid = f"c{k:06d}"
        rows.append({"id": cid, "text": " ".join(copy)})
        planted[kind].append((f"i{i:06d}", cid))
    rng.shuffle(rows)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return planted


def run(cfg: Config) -> Section:
    from storydiff import corpus

    section = Section(
        "Recall: copies among 20,000 short items (reuters21578 and bbc_news sentences, planted copies)",
        "`python -m benchmarks --only recall` (local engine, 2 worker processes)",
        ["copies", "planted", "found with their source", "recall"],
    )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "short.jsonl"
        planted = generate(cfg, src)
        db = Path(tmp) / "short.db"
        t = time.perf_counter()
        report = corpus.index([str(src)], db, workers=2)
        seconds = time.perf_counter() - t
        with corpus.Store(db, read_only=True) as store:
            assignment = store.assignment()
    for kind, pairs in planted.items():
        found = sum(assignment.get(a) == assignment.get(b) for a, b in pairs)
        section.rows.append([kind, str(len(pairs)), str(found), f"{found / len(pairs):.4f}"])
    d = report.to_dict()
    section.notes.append(
        f"{d['documents']:,} documents indexed in {seconds:.1f} s; {d['stories']:,} stories with two or more "
        f"versions, {d['edges']:,} verified links"
    )
    return section
