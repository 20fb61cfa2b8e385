"""Who copied whom: a derivation tree over a story's versions, from what each copying step leaves behind.

A pure step (no store, no file), so every executor runs it unchanged on a story's verified edges, dates and
marks. Two measurements meet here:

* **Distance** is the number of content sentences two versions do not share verbatim (``Edge.only_a`` +
  ``Edge.only_b``). Every copy adds its own edits to what it copied, so the distance grows along the tree
  and the closest version is the likely relative: a copy that carries its parent's edit forward is nearer to
  that parent than to the original.
* **Direction** says which of two relatives came first: a date, when both have one, decides; otherwise a
  copy trims (its parent has sentences it lacks), adds furniture (captions, footers), adds a correction note,
  or loses the headline. These are weighted under one sentence of distance, so they orient the tree and
  break ties without overruling what the texts share.

The tree is the minimum spanning arborescence (Chu-Liu/Edmonds, networkx) of cost = distance - direction,
with a virtual root whose edge to each version costs the same large constant plus how late that version
looks: exactly one version becomes the root, the likely original.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from storydiff.records import Derivation, Edge, Marks

DIRECTION = 0.3  # one unit of direction evidence, in sentences of distance
DATED = 1000.0  # a date on both sides outweighs any distance: a version is never derived from a later one
CORRECTION = 2.0  # units of lateness: a correction note ...
FURNITURE = 0.5  # ... each caption or footer (up to two) ...
NO_HEADLINE = 0.5  # ... no headline
TRIM = 1.0  # the parent has sentences the copy lacks, and not the other way round
CENTRAL = 0.02  # per sentence of mean distance to the others: among roots nothing else separates, the
# consensus text (copies made independently from one source, the usual case in syndication, surround it)


def lateness(m: Marks | None) -> float:
    """How much a version looks like a copy on its own: what copying adds (0 when nothing is known)."""
    if m is None:
        return 0.0
    return CORRECTION * m.correction + FURNITURE * min(m.furniture, 2) + NO_HEADLINE * (not m.headline)


def derivation(
    members: Sequence[str],
    edges: Sequence[Edge],
    dates: dict[str, str | None],
    marks: dict[str, Marks] | None = None,
) -> tuple[Derivation, ...]:
    """Each member's most likely parent (None for the root), with the evidence and a confidence."""
    members = sorted(members)
    marks = marks or {}
    if len(members) == 1:
        return (Derivation(members[0], None, 1.0, ("the only version",)),)
    cost: dict[tuple[str, str], float] = {}
    for e in edges:
        cost[(e.a, e.b)] = _cost(e.a, e.b, e, dates, marks)
        cost[(e.b, e.a)] = _cost(e.b, e.a, e, dates, marks)
    by_pair = {(e.a, e.b): e for e in edges}
    spread = _spread(members, edges)
    prior = {m: DIRECTION * lateness(marks.get(m)) + CENTRAL * spread[m] for m in members}
    parent = _arborescence(members, cost, prior)
    root = next(m for m in members if parent[m] is None)
    children: dict[str, list[str]] = {m: [] for m in members}
    for m, p in parent.items():
        if p is not None:
            children[p].append(m)
    depth = {root: 0}
    stack = [root]
    while stack:
        x = stack.pop()
        for c in children[x]:
            depth[c] = depth[x] + 1
            stack.append(c)
    out = []
    for m in members:
        p = parent[m]
        if p is None:
            margin = min(
                (prior[c] + cost[(c, m)] - prior[m] - cost[(m, c)] for c in children[m]),
                default=math.inf,
            )
            evidence = _root_evidence(m, members, dates, marks)
        else:
            rivals = [cost[(q, m)] for q in members if q not in (p, m) and (q, m) in cost]
            # the same link the other way round (when the parent is the root, the child would be root instead)
            swap = prior[m] - prior[p] if parent[p] is None else 0.0
            rivals.append(cost[(m, p)] + swap)
            margin = min(rivals) - cost[(p, m)]
            evidence = _edge_evidence(p, m, by_pair[(min(p, m), max(p, m))], dates, marks)
        out.append(Derivation(m, p, _confidence(margin), evidence, depth.get(m, 0)))
    return tuple(out)


def _sides(e: Edge, p: str) -> tuple[int | None, int | None, float, float]:
    """The edge seen from ``p``: (p's sentences not in the other, the other's not in p, p's and the other's
    coverage)."""
    if e.a == p:
        return e.only_a, e.only_b, e.coverage_a, e.coverage_b
    return e.only_b, e.only_a, e.coverage_b, e.coverage_a


def _cost(p: str, c: str, e: Edge, dates: dict[str, str | None], marks: dict[str, Marks]) -> float:
    """The cost of "c was copied from p": their distance less the evidence that p came first."""
    only_p, only_c, cov_p, cov_c = _sides(e, p)
    if only_p is None or only_c is None:  # a store from before the counts: coverage stands in
        only_p, only_c = round(10 * (1 - cov_p)), round(10 * (1 - cov_c))
    direction = lateness(marks.get(c)) - lateness(marks.get(p))
    if only_p > only_c:
        direction += TRIM
    elif only_c > only_p:
        direction -= TRIM
    dp, dc = dates.get(p), dates.get(c)
    dated = 0.0 if not (dp and dc) or dp == dc else (DATED if dp < dc else -DATED)
    return only_p + only_c - DIRECTION * direction - dated - 1e-3 * e.similarity


def _spread(members: Sequence[str], edges: Sequence[Edge]) -> dict[str, float]:
    """Each version's mean distance (sentences not shared verbatim) to the versions it is linked with."""
    total = dict.fromkeys(members, 0.0)
    count = dict.fromkeys(members, 0)
    for e in edges:
        if e.only_a is None or e.only_b is None:
            continue
        for m in (e.a, e.b):
            if m in total:
                total[m] += e.only_a + e.only_b
                count[m] += 1
    return {m: total[m] / count[m] if count[m] else 0.0 for m in members}


def _arborescence(
    members: list[str], cost: dict[tuple[str, str], float], prior: dict[str, float]
) -> dict[str, str | None]:
    """Minimum spanning arborescence below a virtual root that links to exactly one member."""
    if len(members) == 2:  # the common case, without a graph library
        a, b = members
        ab = prior[a] + cost.get((a, b), 0.0)
        ba = prior[b] + cost.get((b, a), 0.0)
        return {a: None, b: a} if ab <= ba else {a: b, b: None}
    import networkx as nx

    top = "\x00root"
    big = 1.0 + sum(abs(v) for v in cost.values()) + len(members) * (DIRECTION * 10 + 1)
    g = nx.DiGraph()
    g.add_nodes_from([top, *members])
    for m in members:
        g.add_edge(top, m, weight=big + prior[m])
    for (p, c), w in sorted(cost.items()):
        g.add_edge(p, c, weight=w)
    tree = nx.minimum_spanning_arborescence(g, attr="weight", preserve_attrs=False)
    parent: dict[str, str | None] = {}
    for p, c in tree.edges():
        parent[c] = None if p == top else p
    roots = [m for m in members if parent.get(m) is None]
    if len(roots) != 1:  # only when the edges do not connect the members: link the rest below the first
        for m in roots[1:]:
            parent[m] = roots[0]
    return parent


def _confidence(margin: float) -> float:
    """0.5 when the next best choice costs the same, towards 1 as it costs a sentence or more."""
    if math.isinf(margin):
        return 1.0
    return round(0.5 + 0.5 * math.tanh(max(margin, 0.0)), 3)


def _edge_evidence(p: str, c: str, e: Edge, dates, marks) -> tuple[str, ...]:
    out = []
    dp, dc = dates.get(p), dates.get(c)
    if dp and dc and dp != dc:
        out.append(f"dated {dc}, after its parent's {dp}")
    only_p, only_c, _, _ = _sides(e, p)
    if only_p is not None and only_c is not None:
        if only_p == only_c == 0:
            out.append("the same sentences as its parent")
        else:
            out.append(
                f"{only_p + only_c} sentences differ from its parent "
                f"({only_p} of the parent's not here, {only_c} of its own)"
            )
        if only_p > only_c:
            out.append("trims its parent")
    mp, mc = marks.get(p), marks.get(c)
    if mc and mc.correction and not (mp and mp.correction):
        out.append("adds a correction note")
    if mc and mc.furniture > (mp.furniture if mp else 0):
        out.append("adds captions or footers")
    if mp and mp.headline and mc and not mc.headline:
        out.append("has lost the headline")
    return tuple(out)


def _root_evidence(m: str, members: Sequence[str], dates, marks) -> tuple[str, ...]:
    out = []
    known = sorted(d for x in members if (d := dates.get(x)))
    if dates.get(m) and dates[m] == known[0]:
        out.append(f"the earliest date ({dates[m]})")
    mk = marks.get(m)
    if mk is not None:
        if not mk.correction and any(x.correction for k, x in marks.items() if k in members and k != m):
            out.append("no correction note, where later versions have one")
        if mk.headline:
            out.append("has the headline")
    out.append("the others are nearest to it, or to its copies")
    return tuple(out)
