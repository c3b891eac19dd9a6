"""JSON Lines dumps are streamed: the size limit holds per line, not per file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsint.config import Config
from newsint.errors import ParseProblem, TooLarge
from newsint.model import Analysis
from newsint.readers import read_path


def small_limit(config: Config, limit: int) -> Config:
    return config.model_copy(
        update={"limits": config.limits.model_copy(update={"max_file_bytes": limit})}
    )


def line(i: int, words: int = 20) -> str:
    text = " ".join(f"word{i}x{k}" for k in range(words))
    return json.dumps({"title": f"Item {i}", "maintext": text, "url": f"https://d.example/{i}"})


@pytest.mark.parametrize("gz", [False, True])
def test_dump_bigger_than_the_file_limit_is_read(tmp_path: Path, config: Config, gz: bool) -> None:
    lines = [line(i) for i in range(50)]
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / ("dump.jsonl.gz" if gz else "dump.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    limited = small_limit(config, 400)  # the file is ~20 kB, each line ~300 bytes
    items = list(read_path(path, limited))
    assert len(items) == 50 and all(isinstance(i, Analysis) for i in items)
    assert items[7].article.source == f"{path}:8"
    assert [i.article.id for i in items] == [i.article.id for i in read_path(path, config)]


def test_an_oversized_line_fails_alone(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join([line(1), line(2, words=200), "", line(3)]) + "\n")
    items = list(read_path(path, small_limit(config, 600)))
    assert [type(i) for i in items] == [Analysis, TooLarge, Analysis]
    assert items[1].where == f"{path}:2"
    assert items[2].article.source == f"{path}:4"


def test_cut_gzip_dump_keeps_what_was_read(tmp_path: Path, config: Config) -> None:
    data = gzip.compress(("\n".join(line(i) for i in range(200)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_path(path, config))
    assert isinstance(items[-1], ParseProblem)
    assert 0 < sum(isinstance(i, Analysis) for i in items) < 200
