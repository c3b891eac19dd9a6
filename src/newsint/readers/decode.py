"""Bytes to text: refuse binaries, detect encodings, never guess silently."""

from __future__ import annotations

import codecs
import gzip
import io
import re
from dataclasses import dataclass

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
# Control characters that never occur in real text (C0 except whitespace, DEL, C1), counted in
# the text's UTF-8 bytes, where C0 and DEL are single bytes that only ever stand for themselves
# and C1 (U+0080-U+009F) is 0xC2 and one byte 0x80-0x9F: C-level scans, not a Python-level
# regular-expression walk over every character (a news page is 100k+ characters).
_C0_AND_DEL = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_ALL_BUT_C0_AND_DEL = bytes(b for b in range(256) if b not in _C0_AND_DEL)
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
# The characters XML forbids (what trafilatura's parse deletes first, utils.INVALID_XML_CHARS)
# are the C0 controls counted above (not DEL), these two bytes, and these two characters, looked
# for in the text (str.find on one character is a C loop; a 3-byte search in the UTF-8 bytes is
# ten times slower).
_XML_FORBIDDEN_BYTES = (b"\x0b", b"\x0c")
_XML_FORBIDDEN_CHARS = ("\ufffe", "\uffff")
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


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # what was used, and how it was chosen ("utf-8", "windows-1252 (declared)")
    warning: str | None = None  # set when the choice is a guess that may be wrong
    # True when the text holds none of the characters XML forbids (C0 controls but tab, line
    # feed and carriage return; U+FFFE, U+FFFF): a parse need not scan the page for them again
    # (found with the control-character count, on the UTF-8 bytes).
    xml_clean: bool = False


def decode(data: bytes, where: str, limits: Limits) -> tuple[str, str]:
    """(text, encoding) of bytes; see decode_bytes."""
    decoded = decode_bytes(data, where, limits)
    return decoded.text, decoded.encoding


def decode_bytes(
    data: bytes, where: str, limits: Limits, declared: str | None = None, html: bool = False
) -> Decoded:
    """Bytes to text as browsers decode them: a byte-order mark, then the declared charset
    (`declared`, from an HTTP header, then an HTML page's <meta charset>), then detection:
    UTF-16/32 by their NUL pattern, UTF-8, windows-1252 (the browsers' default for legacy
    pages) when it reads as well as charset-normalizer's best guess, else that guess. Stray NUL
    bytes under [limits] max_control_ratio are dropped. Raises a clear InputError for empty,
    binary or undecodable data."""
    check_size(len(data), where, limits)
    if not data.lstrip(b"\x00 \t\r\n"):  # lstrip: no copy of a page that starts with text
        raise EmptyInput(where, "the file is empty", "give a file with article text")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(
                where, f"this is {what}, not text", "convert it to text or HTML first"
            )
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text, clean = _checked(data.decode(name), where, limits)
                return Decoded(text, name, xml_clean=clean)
            except UnicodeDecodeError as exc:
                raise EncodingProblem(
                    where, f"invalid {name} ({exc.reason})", "convert it to UTF-8"
                ) from exc
    wide = _wide_unicode(data[:4096])
    if wide is not None:
        text = data.decode(wide, errors="replace")
        text, clean = _checked(text, where, limits)
        return Decoded(text, f"{wide} (no byte-order mark)", xml_clean=clean)
    notes: list[str] = []
    nuls = data.count(b"\x00")
    if nuls:
        if nuls / len(data) > limits.max_control_ratio:
            raise BinaryInput(where, "binary data (NUL bytes)", "give a text, HTML or JSON file")
        data = data.replace(b"\x00", b"")
        notes.append(f"{nuls} NUL bytes dropped")
    label = _codec(declared) or (_meta_charset(data) if html else None)
    if label:
        text = data.decode(label, errors="replace")
        if _good(text, limits):
            how = "declared" if _codec(declared) else "declared in the page"
            utf8 = data if label == "utf-8" else None
            return _done(text, where, limits, f"{_name(label)} ({how})", notes, utf8=utf8)
        notes.append(f"the declared {_name(label)} does not fit")
    try:
        return _done(data.decode("utf-8"), where, limits, "utf-8", notes, utf8=data)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if _good(text, limits):
        # UTF-8 with a few broken bytes (a truncated download): keep it, say so.
        return _done(text, where, limits, f"utf-8 ({bad} bad bytes replaced)", notes, utf8=data)
    if _mostly_utf8(data, limits):
        notes.append(f"{bad} bytes are not UTF-8 and were replaced")
        return _done(text, where, limits, "utf-8", notes, unsure=True, utf8=data)
    return _detect(data, where, limits, notes)


def _detect(data: bytes, where: str, limits: Limits, notes: list[str]) -> Decoded:
    results = from_bytes(data)
    best = results.best()
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (
        best is None or western.chaos <= best.chaos + limits.western_chaos_margin
    ):
        best = western
    if best is None or best.encoding is None:
        raise EncodingProblem(
            where, "cannot detect the text encoding", "convert the file to UTF-8 (e.g. with iconv)"
        )
    text = data.decode(best.encoding, errors="replace")
    if not _good(text, limits):
        raise EncodingProblem(
            where,
            f"undecodable bytes as {_name(best.encoding)}",
            "convert the file to UTF-8 (e.g. with iconv)",
        )
    unsure = best.chaos > limits.max_encoding_chaos
    if unsure:
        notes.append(f"the text reads poorly in it ({best.chaos:.0%} noise)")
    return _done(text, where, limits, f"{_name(best.encoding)} (detected)", notes, unsure)


def _done(
    text: str,
    where: str,
    limits: Limits,
    encoding: str,
    notes: list[str],
    unsure: bool = False,
    utf8: bytes | None = None,
) -> Decoded:
    """`utf8`: the bytes `text` was decoded from as UTF-8 (errors replaced or not), if it was."""
    label = encoding + "".join(f"; {n}" for n in notes if not unsure)
    warning = None
    if unsure:
        warning = f"encoding unsure: decoded as {encoding}" + "".join(f"; {n}" for n in notes)
    text, clean = _checked(text, where, limits, utf8)
    return Decoded(text, label, warning, clean)


def _good(text: str, limits: Limits) -> bool:
    return 1 - text.count("\ufffd") / max(len(text), 1) >= limits.min_decoded_ratio


# A well-formed multi-byte UTF-8 sequence; legacy single-byte text almost never holds one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mostly_utf8(data: bytes, limits: Limits) -> bool:
    """Whether the non-ASCII bytes are mostly whole UTF-8 sequences: UTF-8 with damage, which
    a detector would read as Mac Roman ("Russia‚Äôs")."""
    high = sum(1 for b in data if b >= 0x80)
    whole = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return high > 0 and whole / high >= limits.min_utf8_share


def _wide_unicode(head: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the NUL bytes of mostly-Latin
    text fall (every other byte, or three bytes in four)."""
    n = len(head) - len(head) % 4
    if n < 8:
        return None

    def zeros(offset: int, step: int) -> float:
        part = head[offset:n:step]
        return part.count(0) / max(len(part), 1)

    if min(zeros(1, 4), zeros(2, 4), zeros(3, 4)) > 0.9 and zeros(0, 4) < 0.5:
        return "utf-32-le"
    if min(zeros(0, 4), zeros(1, 4), zeros(2, 4)) > 0.9 and zeros(3, 4) < 0.5:
        return "utf-32-be"
    even, odd = zeros(0, 2), zeros(1, 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


# Labels browsers read as windows-1252 (WHATWG Encoding): pages that say Latin-1 or ASCII mean it.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)


def _codec(label: str | None) -> str | None:
    """The Python codec of a charset label, or None if unknown (or a UTF-16/32 label, which
    browsers ignore in a declaration: the bytes were read as ASCII to find it)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:2048])
    return _codec(m.group(1).decode("ascii", "replace")) if m else None


def _name(codec: str) -> str:
    return {"cp1252": "windows-1252", "cp1251": "windows-1251"}.get(codec, codec)


def _controls(text: str, utf8: bytes | None = None) -> int:
    """How many control characters `text` holds; `utf8`: the UTF-8 bytes it was decoded from,
    if at hand (a byte-order mark or a replaced bad byte is no control character either way:
    only bytes below 0x80 and whole 0xC2 sequences are counted)."""
    return _scan(text, utf8)[0]


def _scan(text: str, utf8: bytes | None) -> tuple[int, bool]:
    """(control characters, whether the text is free of what XML forbids), as `_controls`.
    A byte below 0x80 always decodes as itself (a bad byte before it is replaced alone), so the
    bytes hold a forbidden control character exactly when the text does."""
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    c1 = len(_C1_UTF8.findall(data)) if b"\xc2" in data else 0
    c0 = data.translate(None, _ALL_BUT_C0_AND_DEL)
    clean = (
        c0.count(b"\x7f") == len(c0)
        and not any(byte in data for byte in _XML_FORBIDDEN_BYTES)
        and not any(char in text for char in _XML_FORBIDDEN_CHARS)
    )
    return len(c0) + c1, clean


def _checked(text: str, where: str, limits: Limits, utf8: bytes | None = None) -> tuple[str, bool]:
    """(the text without a leading byte-order mark, whether it is free of what XML forbids);
    raises for binary data or only whitespace."""
    text = text.lstrip("\ufeff")
    controls, clean = _scan(text, utf8)
    if controls / max(len(text), 1) > limits.max_control_ratio:
        raise BinaryInput(
            where, "binary data (control characters)", "give a text, HTML or JSON file"
        )
    if not text or text.isspace():  # str.strip's whitespace, without copying the text
        raise EmptyInput(where, "the file holds only whitespace", "give a file with article text")
    return text, clean
