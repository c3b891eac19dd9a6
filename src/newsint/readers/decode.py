"""Bytes to text: refuse binaries, detect encodings, never guess silently."""

from __future__ import annotations

import codecs
import gzip
import io
import re

from charset_normalizer import from_bytes

from newsint.config import Limits
from newsint.errors import BinaryInput, EmptyInput, EncodingProblem, TooLarge

# Magic numbers of formats people feed us by mistake, with what the file probably is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
)
# Control characters that never occur in real text (C0 except whitespace, DEL, C1).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def gunzip(data: bytes, where: str, limits: Limits) -> bytes:
    """Decompress with a ceiling on size and ratio, so a small bomb cannot fill memory."""
    ceiling = min(
        limits.max_decompressed_bytes, int(len(data) * limits.max_decompression_ratio) + 1
    )
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(ceiling + 1)
    except (OSError, EOFError) as exc:
        raise BinaryInput(
            where, f"corrupt gzip data ({exc})", "re-download or decompress it yourself"
        ) from exc
    if len(out) > ceiling:
        raise TooLarge(
            where,
            f"decompresses to more than {ceiling:,} bytes",
            "raise limits.max_decompressed_bytes / max_decompression_ratio if the file is genuine",
        )
    return out


def check_size(size: int, where: str, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise TooLarge(
            where,
            f"{size:,} bytes is over the {limits.max_file_bytes:,}-byte limit",
            "split the file or raise limits.max_file_bytes in your config",
        )


def decode(data: bytes, where: str, limits: Limits) -> tuple[str, str]:
    """Return (text, encoding). Raises a clear InputError for empty, binary or undecodable data."""
    check_size(len(data), where, limits)
    if not data.strip():
        raise EmptyInput(where, "the file is empty", "give a file with article text")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(
                where, f"this is {what}, not text", "convert it to text or HTML first"
            )
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None and b"\x00" in data[:4096]:
        raise BinaryInput(where, "binary data (NUL bytes)", "give a text, HTML or JSON file")
    if encoding is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            bad = text.count("\ufffd")
            if 1 - bad / max(len(text), 1) >= limits.min_decoded_ratio:
                # UTF-8 with a few broken bytes (a truncated download): keep it, say so.
                return _checked(text, where, limits), f"utf-8 ({bad} bad bytes replaced)"
            best = from_bytes(data).best()
            if best is None or best.encoding is None:
                raise EncodingProblem(
                    where,
                    "cannot detect the text encoding",
                    "convert the file to UTF-8 (e.g. with iconv)",
                ) from None
            encoding = best.encoding
            text = data.decode(encoding, errors="replace")
            bad = text.count("\ufffd")
            if bad and 1 - bad / max(len(text), 1) < limits.min_decoded_ratio:
                raise EncodingProblem(
                    where,
                    f"undecodable bytes as {encoding}",
                    "convert the file to UTF-8 (e.g. with iconv)",
                ) from None
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise EncodingProblem(
                where, f"invalid {encoding} ({exc.reason})", "convert it to UTF-8"
            ) from exc
    return _checked(text, where, limits), encoding


def _checked(text: str, where: str, limits: Limits) -> str:
    text = text.lstrip("\ufeff")
    controls = len(_CONTROL.findall(text))
    if controls / max(len(text), 1) > limits.max_control_ratio:
        raise BinaryInput(
            where, "binary data (control characters)", "give a text, HTML or JSON file"
        )
    if not text.strip():
        raise EmptyInput(where, "the file holds only whitespace", "give a file with article text")
    return text
