"""The corpus commands: ingest, stories, claims, entities (merge/split), timeline, show, demo."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsint.cli import app, common

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables as a 200-column terminal draws them, so a title is not wrapped mid-phrase."""
    monkeypatch.setattr(common.out, "width", 200)
    monkeypatch.setattr(common.err, "width", 200)


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def db(small_corpus: Path, tmp_path: Path) -> str:
    path = str(tmp_path / "cli.db")
    result = invoke("ingest", str(small_corpus), "--db", path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 4
    return path


def test_ingest_twice_reports_unchanged(db: str, small_corpus: Path) -> None:
    again = invoke("ingest", str(small_corpus), "--db", db)
    assert again.exit_code == 0
    assert "unchanged (already stored)" in again.stderr
    assert "4" in again.stderr.split("unchanged (already stored)")[1].splitlines()[0]


def test_ingest_failure_sets_exit_code(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = invoke("ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "the file is empty" in result.stderr


def test_ingest_writes_parquet_and_a_bad_target_is_one_clear_error(
    small_corpus: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    lake = tmp_path / "lake"
    args = ("ingest", str(small_corpus), "--db", str(tmp_path / "p.db"), "--format", "json")
    result = invoke(*args, "--parquet", str(lake))
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["parquet"]
    assert len(written) == 1 and Path(written[0]).parent == lake and Path(written[0]).exists()
    (tmp_path / "plain").write_text("a file, not a folder")
    bad = invoke(*args, "--parquet", str(tmp_path / "plain" / "lake"))
    assert bad.exit_code == 2 and "cannot write Parquet there" in bad.stderr


def test_queries_as_json(db: str) -> None:
    stories = json.loads(invoke("stories", "--db", db, "--format", "json").stdout)
    assert [s["articles"] for s in stories] == [3, 1]
    claims = json.loads(invoke("claims", "--db", db, "-f", "json", "--min-sources", "2").stdout)
    assert [c["independent_sources"] for c in claims] == [2]
    entities = json.loads(invoke("entities", "--db", db, "--format", "json").stdout)
    assert entities[0]["name"] == "Ines Duarte"
    listed = json.loads(invoke("entities", "list", "--db", db, "--format", "json").stdout)
    assert listed == entities
    assert json.loads(invoke("timeline", "--db", db, "--format", "json").stdout) == []
    story = json.loads(invoke("show", stories[0]["id"], "--db", db, "--format", "json").stdout)
    assert story["kind"] == "story" and len(story["articles"]) == 3
    about = json.loads(invoke("claims", "--db", db, "-f", "json", "--entity", "Tomas Reyes").stdout)
    assert [c["id"] for c in about] == [claims[0]["id"]]


def test_queries_as_tables(db: str) -> None:
    stories = invoke("stories", "--db", db)
    assert stories.exit_code == 0 and "Kerrow bridge to reopen on Monday" in stories.stdout
    claims = invoke("claims", "--db", db)
    assert "The Kerrow bridge will reopen" in claims.stdout
    story_id = json.loads(invoke("stories", "--db", db, "-f", "json").stdout)[0]["id"]
    tree = invoke("show", story_id, "--db", db)
    assert "original" in tree.stdout and "The Gazette" in tree.stdout
    entity = invoke("show", "Ines Duarte", "--db", db)
    assert "Mentioned as" in entity.stdout


def test_show_story_shows_the_whole_story(graded_db: str) -> None:
    """`newsint show STORY`: counts, articles by outlet, copy tree, claims, timeline."""
    story_id = json.loads(invoke("stories", "--db", graded_db, "-f", "json").stdout)[0]["id"]
    shown = invoke("show", story_id, "--db", graded_db)
    assert shown.exit_code == 0, shown.output
    for text in (
        "3 articles · 3 outlets · 2 independent originals",
        "Coastal Wire",
        "Valley Radio",
        "original",  # the copy tree
        "Claims (corroboration once per cluster)",
        "The Kerrow bridge will reopen",
        "C1: confirmed by 2 independent sources (1)",
        "Timeline",
    ):
        assert text in shown.stdout, text
    assert shown.stdout.count("confirmed by 2 independent sources") == 1
    data = json.loads(invoke("show", story_id, "--db", graded_db, "-f", "json").stdout)
    assert len(data["articles"]) == 3 and [c["claims"] for c in data["claims"]] == [3]
    assert data["timeline"] == []  # the hand-made articles report no events


@pytest.mark.parametrize(
    ("args", "speakers"),
    [
        ((), ["Ines Duarte", "Lena Marsh"]),
        (("--search", "museum"), ["Lena Marsh"]),
        (("--speaker", "tomas reyes"), []),  # the cluster stands under its first speaker
        (("--speaker", "Lena Marsh"), ["Lena Marsh"]),
        (("--since", "2025-03-05"), ["Ines Duarte"]),
        (("--sort", "oldest"), ["Lena Marsh", "Ines Duarte"]),
        (("--grade", "C"), ["Ines Duarte", "Lena Marsh"]),
        (("--limit", "1", "--offset", "1"), ["Lena Marsh"]),
    ],
)
def test_claims_facets_on_the_command_line(
    graded_db: str, args: tuple[str, ...], speakers: list[str]
) -> None:
    result = invoke("claims", "--db", graded_db, "-f", "json", *args)
    assert result.exit_code == 0, result.output
    assert [c["speaker"] for c in json.loads(result.stdout)] == speakers


def test_merge_and_split_from_the_command_line(db: str) -> None:
    count = len(json.loads(invoke("entities", "--db", db, "-f", "json").stdout))
    merged = invoke("entities", "merge", "Harbour Board", "Lena Marsh", "--db", db)
    assert merged.exit_code == 0, merged.output
    assert len(json.loads(invoke("entities", "--db", db, "-f", "json").stdout)) == count - 1
    split = invoke("entities", "split", "Harbour Board", "Lena Marsh", "--db", db, "-f", "json")
    assert split.exit_code == 0, split.output
    assert "not-same" in [j["verdict"] for j in json.loads(split.stdout)["judgements"]]
    assert len(json.loads(invoke("entities", "--db", db, "-f", "json").stdout)) == count


def test_db_from_environment(db: str) -> None:
    result = invoke("stories", "-f", "json", env={"NEWSINT_DB": db})
    assert len(json.loads(result.stdout)) == 2


def test_queries_need_an_existing_corpus(tmp_path: Path) -> None:
    result = invoke("stories", "--db", str(tmp_path / "nothing.db"))
    assert result.exit_code == 2
    assert "no corpus here" in result.stderr and "newsint ingest" in result.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_unknown_ids_are_clear(db: str) -> None:
    result = invoke("show", "story_0000000000000000", "--db", db)
    assert result.exit_code == 2
    assert "no article, story, claim or entity by that id or name" in result.stderr


def test_scraped_text_is_not_markup(tmp_path: Path) -> None:
    page = tmp_path / "evil.json"
    page.write_text(
        json.dumps(
            {
                "title": "[bold red]Injected[/bold red] headline",
                "maintext": "Plain words about a harbour vote. " * 30,
            }
        )
    )
    db = str(tmp_path / "x.db")
    assert invoke("ingest", str(page), "--db", db).exit_code == 0
    assert "[bold red]Injected[/bold red]" in invoke("stories", "--db", db).stdout


@pytest.mark.slow
def test_demo(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    result = invoke("demo", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Stories" in result.stdout and "Best-corroborated claims" in result.stdout
    assert "original" in result.stdout  # copy trees
    assert any(kind in result.stdout for kind in ("verbatim", "syndicated", "spin"))
    assert "newsint stories --db" in result.stdout
    # best claims with their corpus grade and the main reason from the corpus
    assert re.search(r"[A-F][1-6]: (confirmed by|carried by|only \d|1 independent)", result.stdout)
    again = invoke("demo", "--db", db)
    assert again.exit_code == 0 and again.stdout == result.stdout


@pytest.fixture
def graded_db(small_analyses: list, tmp_path: Path) -> str:
    """The small corpus with single-article grades, as the grade stage leaves them."""
    from newsint.stages.grade import grade

    for a in small_analyses:
        for c in a.claims:
            c.grade = grade(c)
    source = tmp_path / "graded.jsonl"
    source.write_text("\n".join(a.to_json(indent=None) for a in small_analyses) + "\n")
    path = str(tmp_path / "graded.db")
    assert invoke("ingest", str(source), "--db", path).exit_code == 0
    return path


def test_claims_show_the_corpus_grade(graded_db: str) -> None:
    claim, museum = json.loads(invoke("claims", "--db", graded_db, "-f", "json").stdout)
    assert (museum["independent_sources"], museum["claims"]) == (1, 1)  # single-source, listed
    assert (claim["grade"], claim["article_grade"]) == ("C1", "C2")
    assert claim["corroboration"][0] == "confirmed by 2 independent sources (1)"
    assert claim["grade_reasons"][0] == "source is a named person (Ines Duarte) (C)"
    table = invoke("claims", "--db", graded_db).stdout
    assert "C1: confirmed by 2 independent sources (1)" in table
    shown = invoke("show", claim["representative"], "--db", graded_db)
    assert shown.exit_code == 0
    for text in (
        "confirmed by 2 independent sources (1)",
        "1 of 3 articles counted once",
        "collapses into its original Coastal Wire",
        "grade from the article alone",
    ):
        assert text in shown.stdout, text
    single = json.loads(
        invoke("show", claim["representative"], "--db", graded_db, "-f", "json").stdout
    )
    assert single["claim"]["grade_reasons"] == claim["grade_reasons"]
    cluster = invoke("show", claim["id"], "--db", graded_db).stdout
    # the corroboration once for the cluster, not once per report
    assert cluster.count("confirmed by 2 independent sources (1)") == 1
    assert cluster.count("C1") >= 3  # each report's grade
