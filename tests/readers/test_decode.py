from __future__ import annotations

import gzip
import random

import pytest

from newsint.config import default_config
from newsint.errors import BinaryInput, EmptyInput, EncodingProblem, TooLarge
from newsint.readers.decode import decode, gunzip

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
