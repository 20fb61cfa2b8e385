"""WordNet 3.0 relations between two words, from the compact table ``scripts/build_lexicon.py`` writes.

Embeddings cannot tell "small"/"little" (same meaning) from "grey"/"white" (same kind, other fact); WordNet
can, often: a shared synset is a synonym, a shared direct hypernym a sister ("nurse"/"doctor"), a lexical
antonym an opposite. It is a signal for the change model, not an oracle (it misses "happy"/"pleased" and
over-relates "increased"/"intensified"); the model learns how far to trust each relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE = Path(__file__).resolve().parents[1] / "models" / "lexicon.npz"

# WordNet's own rules of detachment (morphy), by part of speech; tried on every word.
_DETACH = (
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
)

RELATIONS = ("same_base", "synonym", "synonym_top", "antonym", "hypernym", "sister", "cousin", "same_kind")


@dataclass(frozen=True)
class Lexicon:
    index: dict[str, int]
    sense_ptr: np.ndarray
    senses: np.ndarray
    lexname: np.ndarray
    pos: np.ndarray  # 0 noun, 1 verb, 2 adjective, 3 adverb, per synset
    hyper_ptr: np.ndarray
    hypers: np.ndarray
    similar_ptr: np.ndarray
    similars: np.ndarray
    antonyms: frozenset[tuple[str, str]]
    exceptions: dict[str, str]
    proper: frozenset[str]  # one-word lemmas WordNet only writes with a capital ("Washington", "Iraqi")

    def bases(self, word: str) -> tuple[str, ...]:
        """Dictionary forms of ``word`` that WordNet knows ("went" -> "go", "vans" -> "van")."""
        w = word.lower()
        out = [w] if w in self.index else []
        exc = self.exceptions.get(w)
        if exc and exc in self.index:
            out.append(exc)
        for suffix, repl in _DETACH:
            if w.endswith(suffix) and len(w) > len(suffix) + 1:
                base = w[: len(w) - len(suffix)] + repl
                if base in self.index and base not in out:
                    out.append(base)
        return tuple(out)

    def ordinary(self, word: str) -> bool:
        """An ordinary English word ("Nonetheless", "Officials", "Snow"), not only a name: WordNet knows it
        and writes it in lower case somewhere. What a capital opening a sentence does not make a name."""
        bases = self.bases(word)
        return bool(bases) and word.lower() not in self.proper and not any(b in self.proper for b in bases)

    def synsets(self, word: str) -> list[int]:
        out: list[int] = []
        for b in self.bases(word):
            k = self.index[b]
            out.extend(int(s) for s in self.senses[self.sense_ptr[k] : self.sense_ptr[k + 1]])
        return out

    def _up(self, synset: int) -> list[int]:
        h = self.hypers[self.hyper_ptr[synset] : self.hyper_ptr[synset + 1]]
        s = self.similars[self.similar_ptr[synset] : self.similar_ptr[synset + 1]]
        return [int(x) for x in h] + [int(x) for x in s]

    def ancestors(self, synsets: list[int], depth: int) -> dict[int, int]:
        """Synset -> steps up (0 for the synsets themselves), through hypernyms and similar-to links."""
        seen = {s: 0 for s in synsets}
        frontier = list(synsets)
        for step in range(1, depth + 1):
            nxt = []
            for s in frontier:
                for p in self._up(s):
                    if p not in seen:
                        seen[p] = step
                        nxt.append(p)
            frontier = nxt
        return seen

    def relation(self, x: str, y: str) -> np.ndarray:
        """One 0/1 value per name in ``RELATIONS`` for the word pair (order-free)."""
        out = np.zeros(len(RELATIONS), dtype=np.float32)
        bx, by = set(self.bases(x)), set(self.bases(y))
        if bx & by or x.lower() == y.lower():
            out[0] = 1.0
            return out
        sx, sy = self.synsets(x), self.synsets(y)
        if not sx or not sy:
            return out
        common = set(sx) & set(sy)
        out[1] = float(bool(common))
        out[2] = float(sx[0] in sy or sy[0] in sx)
        out[3] = float(any(tuple(sorted((p, q))) in self.antonyms for p in bx for q in by))
        ax, ay = self.ancestors(sx[:3], 3), self.ancestors(sy[:3], 3)
        out[4] = float(any(ax.get(s, 0) > 0 for s in sy[:3]) or any(ay.get(s, 0) > 0 for s in sx[:3]))
        shared = set(ax) & set(ay)
        closest = min((ax[s] + ay[s] for s in shared), default=99)
        out[5] = float(not common and closest == 2)
        out[6] = float(not common and 2 < closest <= 4)
        out[7] = float(int(self.lexname[sx[0]]) == int(self.lexname[sy[0]]))
        return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Loaded once per process (~0.05 s); the first judged difference pays for it."""
    with np.load(TABLE) as z:

        def lines(name: str) -> list[str]:
            return [x for x in z[name].tobytes().decode("utf-8").split("\n") if x]

        lemmas = lines("lemmas")
        ants = frozenset(tuple(line.split(" ")) for line in lines("antonyms"))
        exc = dict(line.split(" ", 1) for line in lines("exceptions"))
        return Lexicon(
            {w: k for k, w in enumerate(lemmas)},
            z["sense_ptr"],
            z["senses"],
            z["lexname"],
            z["pos"],
            z["hyper_ptr"],
            z["hypers"],
            z["similar_ptr"],
            z["similars"],
            ants,  # type: ignore[arg-type]
            exc,
            frozenset(lines("proper")),
        )
