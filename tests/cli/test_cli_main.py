from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsint.cli import app

runner = CliRunner()
pytestmark = pytest.mark.slow  # `newsint analyze` runs the spaCy pipeline

PAGE = (
    "Home NEWS Ferry service to the islands resumes after storm damage is repaired\n\n"
    "Ferry service to the islands resumes after storm damage is repaired\n\n"
    "The first ferry in eleven days left the mainland pier on Saturday morning with about two "
    "hundred passengers and a lorry of building supplies on board.\n\n"
    "Please enter your comment!\nPlease enter your name here\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_analyze_json(tmp_path: Path) -> None:
    f = write(tmp_path, "page.txt", PAGE)
    result = runner.invoke(
        app, ["analyze", str(f), "--format", "json", "--published", "2025-03-01"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "newsint.analysis/1"
    assert data["article"]["title"].startswith("Ferry service")
    assert data["article"]["published"] == {
        "date": "2025-03-01",
        "source": "user",
        "evidence": "--published 2025-03-01",
    }
    assert [r["reason"] for r in data["cleaning"]] == [
        "breadcrumb",
        "repeated-title",
        "comment-form",
        "comment-form",
    ]
    # the same input gives the same bytes
    again = runner.invoke(app, ["analyze", str(f), "--format", "json", "--published", "2025-03-01"])
    assert again.stdout == result.stdout


def test_analyze_text_and_markdown(tmp_path: Path) -> None:
    f = write(tmp_path, "page.txt", PAGE)
    text = runner.invoke(app, ["analyze", str(f)])
    assert text.exit_code == 0
    assert "Removed by cleaning" in text.stdout and "comment-form" in text.stdout
    md = runner.invoke(app, ["analyze", str(f), "--format", "md"])
    assert md.stdout.startswith("# Ferry service")
    assert "| breadcrumb | Home NEWS |" in md.stdout
    # the spelled-out name is the same format, byte for byte
    markdown = runner.invoke(app, ["analyze", str(f), "--format", "markdown"])
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout == md.stdout


def test_markdown_escapes_markup(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "x.txt",
        "A <script>alert(1)</script> headline\n\nBody text of the story goes here.\n",
    )
    md = runner.invoke(app, ["analyze", str(f), "--format", "md"])
    assert "<script>" not in md.stdout
    assert "&lt;script&gt;" in md.stdout


def test_bad_inputs_are_reported_and_the_rest_analysed(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", PAGE)
    empty = write(tmp_path, "empty.txt", "")
    result = runner.invoke(
        app, ["analyze", str(empty), str(tmp_path / "missing.txt"), str(good), "-f", "json"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["article"]["source"] == str(good)
    assert f"{empty}: the file is empty" in result.stderr
    assert "missing.txt: no such file" in result.stderr
    assert "2 input(s) failed" in result.stderr


def test_several_articles_give_a_json_array(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", PAGE)
    b = write(
        tmp_path, "b.txt", "Another story entirely, about a bridge.\n\nIt opened on Monday.\n"
    )
    result = runner.invoke(app, ["analyze", str(a), str(b), "-f", "json"])
    assert result.exit_code == 0
    assert [d["article"]["source"] for d in json.loads(result.stdout)] == [str(a), str(b)]


def test_bad_published_date(tmp_path: Path) -> None:
    f = write(tmp_path, "a.txt", PAGE)
    result = runner.invoke(app, ["analyze", str(f), "--published", "someday"])
    assert result.exit_code == 2
    assert "--published: cannot read the date" in result.stderr


def test_stdin(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "-", "-f", "json"], input=PAGE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["format"] == "stdin:txt"


def test_a_date_out_of_range_is_one_error_line_and_the_rest_analysed(tmp_path: Path) -> None:
    far = tmp_path / "far.json"
    far.write_text(json.dumps({"title": "Bridge", "maintext": PAGE, "date_publish": "9999-06-01"}))
    good = write(tmp_path, "good.txt", PAGE)
    result = runner.invoke(app, ["analyze", str(far), str(good), "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["article"]["source"] == str(good)
    lines = [line for line in result.stderr.splitlines() if "far.json" in line]
    assert len(lines) == 1 and "outside 1800-2200" in lines[0]
    given = runner.invoke(app, ["analyze", str(good), "--published", "9999-12-31"])
    assert given.exit_code == 2 and "outside 1800-2200" in given.stderr
