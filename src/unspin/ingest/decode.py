"""Bytes to text: size caps, binary detection and encoding detection that never crash."""

from __future__ import annotations

from pathlib import Path

import charset_normalizer

from unspin.errors import InputError

#: Share of control characters above which content is binary rather than text.
MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
#: Encodings found on news sites, most common first: detection only considers these (a short
#: French text must not come out as a DOS code page), and near-ties go to the more common one.
WEB_ENCODINGS = ("utf_8", "cp1252", "cp1251", "cp1250", "iso8859_15", "koi8_r", "koi8_u", "iso8859_2", "iso8859_5",
                 "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "iso8859_7", "iso8859_9", "mac_cyrillic",
                 "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")
#: How much less coherent than the best guess a more common encoding may be and still win.
COHERENCE_TOLERANCE = 0.1


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over ``max_bytes`` before reading them."""
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty file")
    if size > max_bytes:
        raise InputError(f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
    return path.read_bytes()


def _control_share(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls / len(sample)


def decode_bytes(data: bytes) -> str:
    """Decode text of unknown encoding: BOM-aware UTF-8 first, then charset detection.

    Binary content (NUL bytes, many control characters) raises InputError instead of becoming
    garbage text downstream; undecodable bytes in otherwise readable text are replaced (U+FFFD)
    so that one bad byte does not lose an article.
    """
    if not data or not data.strip():
        raise InputError("empty document (no text)")
    if b"\x00" in data[:65_536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode(guess_encoding(data), errors="replace")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError("binary content (control characters), not text")
    return text


def guess_encoding(data: bytes) -> str:
    """The likeliest web encoding of bytes that are not UTF-8 (``utf-8`` when nothing fits)."""
    matches = list(charset_normalizer.from_bytes(data[:1_000_000], cp_isolation=list(WEB_ENCODINGS)))
    if not matches:
        return "utf-8"
    least_chaos = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= least_chaos + 0.01]
    best_coherence = max(m.coherence for m in clean)
    plausible = [m for m in clean if m.coherence >= best_coherence - COHERENCE_TOLERANCE]
    return min(plausible, key=lambda m: WEB_ENCODINGS.index(m.encoding)).encoding
