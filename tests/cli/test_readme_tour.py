"""The README's quick tour runs as written after `make demo` (issue 18): the demo writes the
default database every other command reads, and a missing corpus says where it looked."""

from __future__ import annotations

import json
import re
import shlex
from importlib import import_module
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsint.cli import app

README = Path(__file__).parents[2] / "README.md"
# The tour lines that run on the corpus the demo made, or on nothing (the others name the
# reader's own files).
CORPUS_COMMANDS = {"stories", "claims", "entities", "timeline", "export", "show", "glossary"}

runner = CliRunner()


def tour_lines() -> list[list[str]]:
    """The corpus commands of the README's Quick tour, as argument lists, comments dropped."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick tour\s+```sh\n(.*?)```", text, flags=re.DOTALL)
    assert block, "README.md has no Quick tour sh block"
    lines: list[list[str]] = []
    for line in block.group(1).splitlines():
        # `newsint show STORY` is named in a comment: the tour runs it too
        commands = [line.split("#", 1)[0], *re.findall(r"`(newsint [^`]+)`", line)]
        for command in (c for part in commands for c in part.split(";")):
            words = shlex.split(command)
            if len(words) > 1 and words[0] == "newsint" and words[1] in CORPUS_COMMANDS:
                lines.append(words[1:])
    return lines


TOUR = tour_lines()
ROOT = README.parent
SAMPLES = "src/newsint/data/demo/inputs/"


def sample_lines() -> list[list[str]]:
    """The tour's ingest lines on the samples shipped with the demo (the others name the
    reader's own files): each must run as written, offline."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick tour\s+```sh\n(.*?)```", text, flags=re.DOTALL)
    assert block
    lines = []
    for line in block.group(1).splitlines():
        words = shlex.split(line.split("#", 1)[0])
        if words[:2] == ["newsint", "ingest"] and any(w.startswith(SAMPLES) for w in words):
            lines.append(words[1:])
    return lines


SAMPLE_LINES = sample_lines()
DEMO = "src/newsint/data/demo/"


def analyze_lines() -> list[tuple[list[str], str | None]]:
    """The tour's `newsint analyze` lines (on the demo's sample articles), each with the file
    it reads from standard input (`< FILE`), if any."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick tour\s+```sh\n(.*?)```", text, flags=re.DOTALL)
    assert block
    lines: list[tuple[list[str], str | None]] = []
    for line in block.group(1).splitlines():
        words = shlex.split(line.split("#", 1)[0])
        if words[:2] != ["newsint", "analyze"]:
            continue
        stdin = words[words.index("<") + 1] if "<" in words else None
        if stdin:
            words = words[: words.index("<")]
        lines.append((words[1:], stdin))
    return lines


ANALYZE_LINES = analyze_lines()
# What each sample line stores, and what it counts as not an article (robots.txt, feeds, …).
SAMPLE_RESULTS = {
    "feeds.opml": (4, {}),
    "atlas-world.rss": (2, {}),
    "crawl.warc.gz": (2, {"asset": 3, "feed": 1, "robots": 1, "status": 2}),
}


def test_the_tour_is_found() -> None:
    assert {words[0] for words in TOUR} == CORPUS_COMMANDS


@pytest.fixture
def after_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_corpus: Path
) -> tuple[Path, str]:
    """A fresh folder after `newsint demo` (the sample replaced by the small pre-analysed
    corpus, so no spaCy), and the id of a story in it."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    monkeypatch.setattr(import_module("newsint.cli.main"), "demo_files", lambda: [small_corpus])
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert (work / "newsint.db").is_file()
    assert "newsint stories ·" in result.stdout  # the next steps need no --db
    assert "--db" not in result.stdout
    stories = runner.invoke(app, ["stories", "--format", "json"])
    assert stories.exit_code == 0, stories.output
    return work, json.loads(stories.stdout)[0]["id"]


@pytest.mark.parametrize("words", TOUR, ids=[" ".join(w) for w in TOUR])
def test_each_tour_line_runs_after_the_demo(after_demo: tuple[Path, str], words: list[str]) -> None:
    work, story = after_demo
    args = [story if w == "STORY" else w for w in words]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, f"newsint {' '.join(args)}: {result.output}"
    written = [work / args[i + 1] for i, w in enumerate(args) if w in {"-o", "--output"}]
    assert result.stdout.strip() or all(p.stat().st_size for p in written)


def test_a_missing_corpus_names_the_file_the_fix_and_the_corpora_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    (tmp_path / "older-demo.db").write_bytes(b"")
    result = runner.invoke(app, ["stories"], env={"COLUMNS": "400"})
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert str(tmp_path / "newsint.db") in line
    assert "no corpus here (the default database)" in line
    assert "newsint demo" in line and "newsint ingest PATH..." in line
    assert "older-demo.db (give one with --db)" in line
    assert not (tmp_path / "newsint.db").exists()


def test_the_tour_names_every_sample() -> None:
    named = {Path(w).name for words in SAMPLE_LINES for w in words if w.startswith(SAMPLES)}
    assert named == set(SAMPLE_RESULTS)
    assert {"nordlicht-schifffahrt.atom", "atlas-world.rss"} < {
        p.name for p in (ROOT / SAMPLES).iterdir()
    }


def _as_run(words: list[str], *extra: str) -> list[str]:
    """The tour line with its sample paths made absolute (the README runs in the checkout)."""
    return [str(ROOT / w) if w.startswith(SAMPLES) else w for w in words] + list(extra)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder whose default database the tour's ingest lines write."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    return tmp_path


@pytest.mark.parametrize("words", SAMPLE_LINES, ids=[" ".join(w) for w in SAMPLE_LINES])
def test_each_sample_line_runs(workdir: Path, words: list[str]) -> None:
    """Fast: the language-free stages only (the full pipeline is the slow test below)."""
    work = workdir
    fast = work / "fast.toml"
    fast.write_text(
        '[pipeline]\nstages = ["clean", "language"]\n[limits]\nisolate = false\n', encoding="utf-8"
    )
    result = runner.invoke(app, _as_run(words, "--config", str(fast), "--format", "json"))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    added, not_articles = SAMPLE_RESULTS[Path(words[-1]).name]
    assert (summary["added"], summary["failed"]) == (added, [])
    assert summary["not_articles"] == not_articles
    assert (work / "newsint.db").is_file()
    assert runner.invoke(app, ["stories"]).exit_code == 0


@pytest.mark.slow
def test_the_sample_lines_as_written(after_demo: tuple[Path, str]) -> None:
    """The full pipeline: the German feed's two articles skip the English-only stages, and the
    summary says so."""
    results = []
    for words in SAMPLE_LINES:
        result = runner.invoke(app, _as_run(words))
        assert result.exit_code == 0, result.output
        assert "Ingest summary" in result.stderr
        results.append(result.stderr)
        json_run = runner.invoke(app, _as_run(words, "--format", "json"))
        assert json_run.exit_code == 0 and json.loads(json_run.stdout)["unchanged"] >= 2
    assert "not English: English-only stages skipped" in results[0]
    assert "robots.txt and other crawler files" in results[-1]
    articles = runner.invoke(app, ["stories", "--format", "json"])
    assert articles.exit_code == 0


def test_the_tour_analyses_the_demo_articles() -> None:
    """Every analyze line of the tour runs as written in a checkout: it names a sample article
    that ships, or reads one from standard input."""
    assert len(ANALYZE_LINES) >= 3
    assert any(stdin for _, stdin in ANALYZE_LINES)
    for words, stdin in ANALYZE_LINES:
        paths = [w for w in [*words, stdin or ""] if w.startswith(DEMO)]
        assert paths, words
        assert all((ROOT / w).is_file() for w in paths), paths


@pytest.mark.parametrize(
    ("words", "stdin"), ANALYZE_LINES, ids=[" ".join(w) for w, _ in ANALYZE_LINES]
)
def test_each_analyze_line_runs(workdir: Path, words: list[str], stdin: str | None) -> None:
    """Fast: the language-free stages only; the brief, JSON or Markdown names the headline."""
    fast = workdir / "fast.toml"
    fast.write_text(
        '[pipeline]\nstages = ["clean", "language"]\n[limits]\nisolate = false\n',
        encoding="utf-8",
    )
    args = [str(ROOT / w) if w.startswith(DEMO) else w for w in words]
    given = (ROOT / stdin).read_text(encoding="utf-8") if stdin else None
    result = runner.invoke(app, [*args, "--config", str(fast)], input=given)
    assert result.exit_code == 0, result.output
    source = stdin or next(w for w in words if w.startswith(DEMO))
    if "json" in words:
        assert json.loads(result.stdout)["article"]["title"]
    else:
        headline = {
            "sportsdesk-football-transfer.txt": "Ravensworth Athletic sign",
            "meridian-ship-memo.html": "Leaked port memo",
        }
        assert headline[Path(source).name] in result.stdout
