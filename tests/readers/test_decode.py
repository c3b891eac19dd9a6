from __future__ import annotations

import gzip
import random

import pytest

from newsint.config import default_config
from newsint.errors import BinaryInput, EmptyInput, EncodingProblem, TooLarge
from newsint.readers.decode import _controls, decode, decode_bytes, gunzip

LIMITS = default_config().limits
TEXT = "Le ministre a déclaré mardi que l’accord était « proche ». Café, naïve, Zürich."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    text, found = decode(data, "f.txt", LIMITS)
    assert text == TEXT
    assert found == encoding


def test_legacy_encoding_is_detected() -> None:
    body = ("Der Bürgermeister sagte, die Straße bleibe bis Mittwoch gesperrt. " * 20).encode(
        "cp1252"
    )
    text, encoding = decode(body, "f.txt", LIMITS)
    assert "Bürgermeister" in text and "Straße" in text
    assert encoding != "utf-8"  # the name may be any single-byte code page that decodes it right


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyInput, "empty"),
        (b"   \n\t  ", EmptyInput, "empty"),
        (b"%PDF-1.7 rest", BinaryInput, "PDF"),
        (b"\x89PNG\r\n\x1a\n....", BinaryInput, "PNG"),
        (b"abc\x00def" * 10, BinaryInput, "NUL"),
        (bytes(range(1, 32)) * 20, BinaryInput, "control"),
    ],
)
def test_bad_bytes_give_one_clear_error(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        decode(data, "bad.txt", LIMITS)
    assert info.value.line().startswith("bad.txt: ")
    assert " — " in info.value.line()  # every error says what to do


def test_size_limit() -> None:
    small = LIMITS.model_copy(update={"max_file_bytes": 10})
    with pytest.raises(TooLarge, match="limit"):
        decode(b"x" * 11, "big.txt", small)


def test_undecodable_bytes() -> None:
    rng = random.Random(1)
    noise = bytes(rng.randrange(128, 256) for _ in range(2000))
    with pytest.raises(EncodingProblem, match="encoding") as info:
        decode(noise, "odd.txt", LIMITS)
    assert "UTF-8" in info.value.fix


def test_utf8_with_a_few_broken_bytes_is_kept() -> None:
    data = ("Ça va très bien. " * 200).encode() + b"\xff"
    text, encoding = decode(data, "f.txt", LIMITS)
    assert text.startswith("Ça va très bien.")
    assert encoding == "utf-8 (1 bad bytes replaced)"


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"a" * 5_000_000)
    with pytest.raises(TooLarge, match="decompresses"):
        gunzip(bomb, "bomb.txt.gz", LIMITS)
    assert gunzip(gzip.compress(b"fine text"), "ok.gz", LIMITS) == b"fine text"


# --------------------------------------------------------------------------- as browsers decode

NEWS = "The minister said on Tuesday that the deal was “close”; the café owners’ union agreed. "


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_unicode_without_a_byte_order_mark_is_detected(encoding: str) -> None:
    decoded = decode_bytes((NEWS * 5).encode(encoding), "f.txt", LIMITS)
    assert decoded.text == NEWS * 5
    assert decoded.encoding == f"{encoding} (no byte-order mark)"


def test_a_few_stray_nuls_are_dropped_not_fatal() -> None:
    data = (NEWS * 20).encode("utf-8")
    data = data[:100] + b"\x00" + data[100:500] + b"\x00\x00" + data[500:]
    decoded = decode_bytes(data, "f.txt", LIMITS)
    assert decoded.text == NEWS * 20
    assert decoded.encoding == "utf-8; 3 NUL bytes dropped"


def test_a_declared_charset_wins_over_a_utf8_guess() -> None:
    # mostly ASCII, so 98 % of the bytes decode as UTF-8; the page says windows-1252
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{NEWS * 10}</p></body>'
    data = page.encode("cp1252")
    decoded = decode_bytes(data, "p.html", LIMITS, html=True)
    assert "“close”" in decoded.text and "café owners’" in decoded.text
    assert decoded.encoding == "windows-1252 (declared in the page)" and decoded.warning is None
    # the HTTP header comes before the page's own declaration; Latin-1 means windows-1252
    header = decode_bytes(data.replace(b"windows-1252", b"utf-8"), "p", LIMITS, "ISO-8859-1", True)
    assert "“close”" in header.text and header.encoding == "windows-1252 (declared)"


def test_a_wrong_declaration_falls_back_to_detection() -> None:
    data = (NEWS * 10).encode("utf-8")
    decoded = decode_bytes(data, "p.html", LIMITS, declared="utf-16")  # ignored, as browsers do
    assert decoded.text == NEWS * 10 and decoded.encoding == "utf-8"


def test_undeclared_legacy_text_is_read_as_windows_1252() -> None:
    text = "Le café était fermé — « dit-il ». Ça coûte 5 €. " * 5
    decoded = decode_bytes(text.encode("cp1252"), "f.txt", LIMITS)
    assert decoded.text == text and decoded.encoding == "windows-1252 (detected)"


def test_cyrillic_is_not_forced_into_windows_1252() -> None:
    text = "Президент России заявил во вторник, что переговоры продолжатся. " * 5
    decoded = decode_bytes(text.encode("cp1251"), "f.txt", LIMITS)
    assert decoded.text == text and decoded.encoding == "windows-1251 (detected)"


def test_damaged_utf8_stays_utf8_with_a_warning() -> None:
    rng = random.Random(7)
    data = bytearray((NEWS * 20).encode("utf-8"))
    for i in rng.sample(range(len(data)), len(data) // 11):
        if data[i] < 0x80:  # damage ASCII bytes only: the UTF-8 sequences stay whole
            data[i] = 0xFF
    decoded = decode_bytes(bytes(data), "f.txt", LIMITS)
    assert "‚Äô" not in decoded.text and "’" in decoded.text  # not read as Mac Roman
    assert decoded.encoding == "utf-8"
    assert decoded.warning and decoded.warning.startswith("encoding unsure: decoded as utf-8")


# ------------------------------------------------------------- control characters, counted fast

# One per kind: each control character the check counts (C0 but whitespace, DEL, C1) and the
# characters next to them it must not count (whitespace, U+00A0 and U+00C2 share the 0xC2 lead
# byte, a replaced bad byte, a byte-order mark, wide characters).
_CONTROL_CASES = [
    ("The vote is on Friday.", 0),
    ("Tabs\tand\nnew\r\nlines\x0b\x0c stay text.", 0),
    ("A bell\x07 and a NUL\x00 and an escape\x1b.", 3),
    ("DEL\x7f, then C1\x80 and \x9f, but not \xa0 or \xc2 or \xbf.", 3),
    ("Caf\xe9 \u2019quotes\u2019 \U0001f600 \ufffd \ufeff\x85", 1),
    ("\x01\x02\x03\x1f\x0e\x9e\x9d", 7),
]


@pytest.mark.parametrize(("text", "count"), _CONTROL_CASES)
def test_control_characters_are_counted_in_the_utf8_bytes(text: str, count: int) -> None:
    assert _controls(text) == count
    assert _controls(text, text.encode("utf-8")) == count


def test_utf8_with_replaced_bytes_counts_no_controls_for_them() -> None:
    data = b"Mayor\xc2 said \xff\xfe\xe2\x80 \xc2\x85 no"  # bad bytes, one C1 (U+0085)
    assert _controls(data.decode("utf-8", "replace"), data) == 1


# ----------------------------------------------- free of what XML forbids (the parse skips a scan)

# (text, holds none of the characters trafilatura's parse deletes first: C0 controls but tab, LF
# and CR; U+FFFE, U+FFFF). DEL, C1 controls, U+FFFD and a byte-order mark are allowed.
_XML_CASES = [
    ("The ferry leaves at noon.", True),
    ("Tabs\tnew\nlines\r\n stay.", True),
    ("DEL\x7f and C1\x85 and \ufffd and \ufeffmid-text BOM.", True),
    ("A vertical tab\x0b.", False),
    ("A form feed\x0c.", False),
    ("A bell\x07.", False),
    ("Unit separator\x1f.", False),
    ("Not a character\ufffe.", False),
    ("Not a character\uffff.", False),
    ("Caf\xe9 \U0001f600 \uff01 \uffef.", True),
]


@pytest.mark.parametrize(("text", "clean"), _XML_CASES)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_decoding_says_whether_the_text_holds_what_xml_forbids(
    text: str, clean: bool, encoding: str
) -> None:
    page = f"<html><body><p>{text}</p><p>{NEWS * 3}</p></body></html>"
    decoded = decode_bytes(page.encode(encoding), "p.html", LIMITS, html=True)
    assert decoded.text == page.lstrip("\ufeff")
    assert decoded.xml_clean is clean


def test_replaced_bad_bytes_leave_the_text_xml_clean() -> None:
    data = (NEWS * 20).encode("utf-8") + b" \xff\xfe\xef\xbf \xc2 end"
    decoded = decode_bytes(data, "f.txt", LIMITS)
    assert "\ufffd" in decoded.text and decoded.xml_clean
    assert not decode_bytes(data + b"\x0b", "f.txt", LIMITS).xml_clean
