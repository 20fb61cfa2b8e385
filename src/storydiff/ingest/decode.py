"""Bytes to text: detect the encoding, refuse what is not text."""

from __future__ import annotations

import unicodedata

from storydiff.errors import InputError

BOMS = (
    ("utf-8-sig", b"\xef\xbb\xbf"),
    ("utf-32", b"\xff\xfe\x00\x00"),
    ("utf-32", b"\x00\x00\xfe\xff"),
    ("utf-16", b"\xff\xfe"),
    ("utf-16", b"\xfe\xff"),
)


def decode(data: bytes, source: str) -> str:
    """UTF-8 first (most news text is), then a BOM, then charset-normalizer's best guess.

    Binary data is refused rather than decoded into mojibake that would be diffed as if it were words.
    """
    for name, bom in BOMS:
        if data.startswith(bom):
            try:
                return _clean(data.decode(name), source)
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}: not valid {name} text despite its byte-order mark") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: looks like a binary file, not text")
    try:
        return _clean(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    ascii_share = sum(b < 0x80 for b in data[:65536]) / min(len(data), 65536)
    if ascii_share >= 0.9:
        # Mostly ASCII with a few accented letters: detectors guess wildly (Big5 for "Björn Åström" was seen);
        # such bytes are cp1252/latin-1 in practice.
        try:
            return _clean(data.decode("cp1252"), source)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    # Short texts leave several single-byte code pages equally plausible; Western news is mostly cp1252.
    western = [m for m in matches if m.encoding in ("cp1252", "latin_1", "iso8859_15")]
    if best is not None and western and western[0].chaos <= best.chaos + 0.01:
        best = western[0]
    if best is None:
        raise InputError(f"{source}: cannot detect a text encoding (binary or corrupt file?)")
    return _clean(str(best), source)


def _clean(text: str, source: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = sum(
        1 for ch in text[:20000] if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t\f"
    )
    if text and bad / min(len(text), 20000) > 0.01:
        raise InputError(f"{source}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{source}: is empty")
    return text
