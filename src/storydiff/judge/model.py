"""The change model behind one small interface: ``ChangeModel.predict(features) -> probabilities``.

An MLP over ``judge.features`` (trained by ``scripts/train_change_model.py``, exported to ONNX) scores
each difference; a group's probability is the largest of its differences' (it was trained that way:
multiple-instance learning on pair labels). Run-time inference is onnxruntime on the CPU, one thread.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_PATH = MODEL_DIR / "change-model.onnx"
CARD_PATH = MODEL_DIR / "change-model.json"


class ChangeModel:
    def __init__(self, path: Path = MODEL_PATH, card: Path = CARD_PATH):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.card = json.loads(card.read_text(encoding="utf-8"))
        self.threshold = float(self.card["threshold"])
        self.floor = float(self.card["floor"])

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Probability, per row, that the difference changes what the text asserts."""
        if not len(features):
            return np.zeros(0, dtype=np.float32)
        (p,) = self._session.run(None, {"features": features.astype(np.float32)})
        return p.reshape(-1)


@lru_cache(maxsize=1)
def default_model() -> ChangeModel | None:
    """The shipped model, loaded once per process; None when the package was built without it."""
    if not MODEL_PATH.exists() or not CARD_PATH.exists():
        return None
    return ChangeModel()
