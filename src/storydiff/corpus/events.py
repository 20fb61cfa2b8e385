"""Threads: the stories of one developing event, a level above versions.

Versions share text; the follow-ups of one event share little text but the same people, places and
organisations, close in time, on the same subject. A pure step over one record per story (``Event``), so
every executor's store gives the same threads:

* **names** are weighted by their rarity among stories (idf): "Marrowby" and "Helen Okafor" say which event,
  "London" or "Reuters" hardly do; a pair's name score is the idf mass of the names they share over the
  smaller side's mass (a short follow-up names fewer people than the first report);
* two stories link only when they share at least ``min_shared`` rare names (in at most the square root of
  the number of stories: "Fire", "Court", "Union" are capitalised in every report of their kind; one shared
  minister is how two unrelated events look), their name score reaches ``min_names``, their static
  embeddings agree on the subject (``min_cosine``) and, when both are dated, they are at most ``max_days``
  apart;
* clusters grow by average linkage over those links (a story joins a thread when it is linked, on average,
  with the thread's stories, not with one of them), so a chain of weak links never merges two events.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np


@dataclass(frozen=True)
class ThreadConfig:
    min_shared: int = 2
    min_names: float = 0.5  # bbc_news (no dates): 0.3 made 29 threads across topic labels, 0.5 made 13
    min_cosine: float = 0.5
    max_days: float = 45.0
    linkage: float = 0.3  # average link score a story needs with a thread's stories to join it
    max_df: int = 200  # a name in more stories than this proposes no pairs ("London"); it still scores


@dataclass(frozen=True)
class Event:
    """What a story says of its event: the names of all its versions, its embedding, its earliest date."""

    story: str
    names: frozenset[int]
    vector: np.ndarray
    date: str | None = None


def group_events(events: Sequence[Event], config: ThreadConfig | None = None) -> dict[str, str]:
    """Story id -> thread id (the thread's smallest story id); every story is in exactly one thread."""
    config = config or ThreadConfig()
    events = sorted(events, key=lambda e: e.story)
    n = len(events)
    df: dict[int, int] = defaultdict(int)
    for e in events:
        for k in e.names:
            df[k] += 1
    idf = {k: math.log((n + 1) / c) for k, c in df.items()}
    mass = [sum(idf[k] for k in e.names) for e in events]
    posting: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        for k in e.names:
            if df[k] <= config.max_df:
                posting[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in posting.values():
        pairs.update((ids[x], ids[y]) for x in range(len(ids)) for y in range(x + 1, len(ids)))
    score: dict[tuple[int, int], float] = {}
    rare = math.log((n + 1) / max(1.0, math.sqrt(n)))
    for i, j in sorted(pairs):
        both = events[i].names & events[j].names  # the common names count in the score too
        if sum(idf[k] >= rare for k in both) < config.min_shared:
            continue
        s = sum(idf[k] for k in both) / max(min(mass[i], mass[j]), 1e-9)
        if s < config.min_names or float(events[i].vector @ events[j].vector) < config.min_cosine:
            continue
        if _days(events[i].date, events[j].date) > config.max_days:
            continue
        score[(i, j)] = min(s, 1.0)
    return {events[i].story: events[c].story for i, c in _average_linkage(n, score, config.linkage).items()}


def _days(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    try:
        return abs((datetime.fromisoformat(a) - datetime.fromisoformat(b)).total_seconds()) / 86400
    except ValueError:
        return 0.0


def _average_linkage(n: int, score: dict[tuple[int, int], float], floor: float) -> dict[int, int]:
    """Index -> cluster (its smallest index): average linkage over the links, one link component at a time.

    Two clusters merge while the highest average link score between any two (unlinked pairs count 0) is at
    least ``floor``; ties go to the smaller indices, so the result does not depend on the order of ``score``.
    """
    from .steps import components

    out = {i: i for i in range(n)}
    comp = components((str(a), str(b)) for a, b in score)  # labels are strings: any hashable would do
    groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, b in score:
        groups[comp[str(a)]].append((a, b))
    for pairs in groups.values():
        members: dict[int, list[int]] = {}
        for a, b in pairs:
            members.setdefault(a, [a])
            members.setdefault(b, [b])
        total = {p: score[p] for p in pairs}
        while total:
            (a, b), avg = min(
                ((p, t / (len(members[p[0]]) * len(members[p[1]]))) for p, t in total.items()),
                key=lambda x: (-x[1], x[0]),
            )
            if avg < floor:
                break
            members[a].extend(members.pop(b))  # a < b: b joins a
            merged: dict[tuple[int, int], float] = {}
            for (x, y), t in total.items():
                if (x, y) != (a, b):
                    x, y = (a if x == b else x), (a if y == b else y)
                    key = (min(x, y), max(x, y))
                    merged[key] = merged.get(key, 0.0) + t
            total = merged
        for ms in members.values():
            for m in ms:
                out[m] = min(ms)
    return out
