"""Provenance: planted derivation trees (who copied whom) over real BBC articles, with and without dates.

Each tree starts from one bbc_news article (its headline, sometimes a photo caption) and grows by copying:
every copy takes its parent's text and makes one content edit (trims paragraphs, rewords a sentence, or
corrects a figure and says so in a correction note), and sometimes adds furniture (a caption, a share or
comment footer), switches the quote style or loses the headline. Shapes: chains, stars and mixed (each copy
from a random earlier version). Ids are hashes, so no method can read the order from them. The trees are
split by a hash of their number: the dev half was read while choosing the weights, the test half is reported.

Beside storydiff, two baselines a user would reach for: "longest is original" and "earliest is original";
each gives every other version the most similar version it ranks older as parent (the same verified edges).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import tempfile
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.common import Config, Section

TREES = 160
HALF = os.environ.get("STORYDIFF_PROVENANCE_HALF", "test")  # "dev" while choosing weights
FURNITURE = [
    "Share this article",
    "Leave a Comment",
    "Related Topics",
    "Reuters A view of the building on the morning of the announcement Reuters",
    "Getty Images Visitors queue outside the venue Getty Images",
]
NOTE = "Correction: an earlier version of this story gave a wrong figure."


def is_dev(tree: int) -> bool:
    return hashlib.blake2b(f"tree-{tree}".encode(), digest_size=8).digest()[0] % 2 == 0


def _articles(cfg: Config) -> list[tuple[str, list[str]]]:
    dupes = set()
    path = cfg.data / "bbc_news" / "exact_duplicate_groups.jsonl"
    for line in path.open(encoding="utf-8"):
        g = json.loads(line)
        dupes.update(g if isinstance(g, list) else g.get("ids", g.get("members", [])))
    out, ledes = [], set()
    for line in (cfg.data / "bbc_news" / "articles.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        paras = [p.strip() for p in re.split(r"\n+", a["text"]) if p.strip()]
        lede = " ".join(paras[0].lower().split()[:12]) if paras else ""
        # the set has updated versions of one report under two titles (same lede): trees must not meet
        if a["id"] not in dupes and len(paras) >= 8 and lede not in ledes:
            ledes.add(lede)
            out.append((a["title"].strip(), paras))
    return out


def _edit(paras: list[str], rng: random.Random) -> tuple[list[str], bool]:
    """One content edit of a copy; True when it is a correction (a figure changed, and a note added)."""
    body = [i for i, p in enumerate(paras) if p not in FURNITURE and p != NOTE]
    kind = rng.choice(["trim", "reword", "correct"])
    out = list(paras)
    if kind == "correct":
        numbered = [i for i in body if re.search(r"\d", out[i])]
        if numbered:
            i = rng.choice(numbered)
            out[i] = re.sub(r"\d+", lambda m: str(int(m.group()) * 10 + 1), out[i], count=1)
            if NOTE not in out:
                out.append(NOTE)
            return out, True
        kind = "reword"
    if kind == "trim" and len(body) > 5:
        drop = set(rng.sample(body[1:], rng.choice([1, 2])))
        return [p for i, p in enumerate(out) if i not in drop], False
    i = rng.choice(body)
    words = out[i].split()
    donors = [w for j in body if j != i for w in out[j].split() if w.isalpha() and len(w) > 4]
    k = rng.randrange(len(words))
    words[k] = rng.choice(donors) if donors else words[k] + "s"
    out[i] = " ".join(words)
    return out, False


def _copy(parent: dict, rng: random.Random) -> dict:
    paras, _ = _edit(parent["paras"], rng)
    headline = parent["headline"] and rng.random() > 0.3
    if rng.random() < 0.4:
        extra = rng.choice(FURNITURE)
        if extra not in paras:
            paras = (
                paras + [extra]
                if extra.split()[0] in ("Share", "Leave", "Related")
                else [
                    paras[0],
                    extra,
                    *paras[1:],
                ]
            )
    if rng.random() < 0.3:
        paras = [p.replace('"', "\u201c", 1).replace('"', "\u201d", 1) if '"' in p else p for p in paras]
    return {"paras": paras, "headline": headline, "title": parent["title"]}


def plant(cfg: Config, trees: int = TREES, seed: int = 5) -> tuple[list[dict], list[dict]]:
    """(documents to index, trees): each tree {number, shape, dated, parent: {id: parent id or None}}."""
    rng = random.Random(seed)
    arts = _articles(cfg)
    rng.shuffle(arts)
    docs, planted = [], []
    for t in range(trees):
        title, paras = arts[t]
        shape = ("chain", "star", "mixed")[t % 3]
        dated = (t // 3) % 2 == 0
        size = rng.randint(3, 7)
        root_paras = list(paras)
        if rng.random() < 0.3:
            root_paras.insert(1, rng.choice(FURNITURE[3:]))
        nodes = [{"paras": root_paras, "headline": True, "title": title}]
        parents = [None]
        for k in range(1, size):
            p = k - 1 if shape == "chain" else 0 if shape == "star" else rng.randrange(k)
            nodes.append(_copy(nodes[p], rng))
            parents.append(p)
        start = datetime(2005, 1, 1) + timedelta(days=t)
        when = [start]
        for k in range(1, size):
            when.append(when[parents[k]] + timedelta(hours=rng.randint(1, 48)))
        ids = [hashlib.blake2b(f"{seed}/{t}/{k}".encode(), digest_size=6).hexdigest() for k in range(size)]
        for k, n in enumerate(nodes):
            text = "\n\n".join(([n["title"]] if n["headline"] else []) + n["paras"])
            row = {"id": ids[k], "text": text}
            if dated:
                row["date"] = when[k].strftime("%Y-%m-%dT%H:%M:%S")
            docs.append(row)
        planted.append(
            {
                "number": t,
                "shape": shape,
                "dated": dated,
                "parent": {ids[k]: (ids[p] if p is not None else None) for k, p in enumerate(parents)},
                "date": {ids[k]: (when[k].isoformat() if dated else None) for k in range(size)},
            }
        )
    return docs, planted


def _baseline(members: list[str], edges, rank) -> dict[str, str | None]:
    """Root = the first by ``rank``; every other version's parent: its most similar version ranked older."""
    order = sorted(members, key=rank)
    sim = {}
    for e in edges:
        sim[(e.a, e.b)] = sim[(e.b, e.a)] = e.similarity
    out: dict[str, str | None] = {order[0]: None}
    for k, m in enumerate(order[1:], 1):
        older = order[:k]
        out[m] = max(older, key=lambda o: (sim.get((o, m), -1.0), -order.index(o)))
    return out


def run(cfg: Config) -> Section:
    from storydiff.corpus import Store, index
    from storydiff.corpus.steps import story

    docs, planted = plant(cfg)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "trees.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        db = Path(tmp) / "trees.db"
        index([str(src)], db, workers=1)  # small: worker processes cost more than they save
        with Store(db, read_only=True) as store:
            assignment, dates, marks = store.assignment(), store.dates(), store.marks()
            size = {k: (v[2], len(store.document(k).doc.text)) for k, v in store.titles().items()}
            edges = store.edges()
    by_story: dict[str, list] = defaultdict(list)
    for e in edges:
        by_story[assignment[e.a]].append(e)
    methods = ("storydiff", "longest is original", "earliest is original")
    score: dict[tuple, list[int]] = defaultdict(
        lambda: [0, 0, 0, 0]
    )  # root right, trees, parent right, copies
    whole = 0
    for tree in planted:
        if is_dev(tree["number"]) != (HALF == "dev"):
            continue
        truth = tree["parent"]
        sid = {assignment.get(m) for m in truth}
        whole += len(sid) == 1
        found: dict[str, dict[str, str | None]] = {m: {} for m in methods}
        for s in sid:
            members = [m for m, x in assignment.items() if x == s]
            es = by_story.get(s, [])
            st = story(members, es, dates, marks)
            found["storydiff"].update({d.id: d.parent for d in st.tree})
            found["longest is original"].update(
                _baseline(
                    members, es, lambda m: (-size[m][0], -size[m][1], m)
                )  # content sentences, then characters
            )
            found["earliest is original"].update(_baseline(members, es, lambda m: (dates.get(m) or "~", m)))
        for method in methods:
            got = found[method]
            for key in (
                (method, tree["shape"], tree["dated"]),
                (method, "all", tree["dated"]),
                (method, "all", None),
            ):
                row = score[key]
                root = next(m for m, p in truth.items() if p is None)
                row[0] += got.get(root, "x") is None
                row[1] += 1
                row[2] += sum(got.get(m) == p for m, p in truth.items() if p is not None)
                row[3] += sum(1 for p in truth.values() if p is not None)
    section = Section(
        "Provenance: planted derivation trees (bbc_news articles, generated copies)",
        "`python -m benchmarks --only provenance` (test half of the trees by a hash of their number; "
        f"{TREES} trees of 3-7 versions, {len(docs)} documents)",
        ["method", "trees", "root right", "parent right"],
    )
    for method in methods:
        for dated in (True, False, None):
            r = score[(method, "all", dated)]
            label = {True: "dated", False: "undated", None: "all"}[dated]
            section.rows.append(
                [f"{method} ({label})", str(r[1]), f"{r[0] / max(r[1], 1):.3f}", f"{r[2] / max(r[3], 1):.3f}"]
            )
    shapes = []
    for shape in ("chain", "star", "mixed"):
        for dated in (True, False):
            r = score[("storydiff", shape, dated)]
            shapes.append(
                [
                    shape,
                    "dated" if dated else "undated",
                    str(r[1]),
                    f"{r[0] / max(r[1], 1):.3f}",
                    f"{r[2] / max(r[3], 1):.3f}",
                ]
            )
    section.tables.append(
        ("storydiff by shape:", ["shape", "dates", "trees", "root right", "parent right"], shapes)
    )
    section.notes.append(
        f"planted trees kept whole as one story: {whole} of {score[('storydiff', 'all', None)][1]}"
    )
    return section
