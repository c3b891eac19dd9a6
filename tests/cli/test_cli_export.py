"""`newsint export` from analysis files and from a corpus store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import stix2
from typer.testing import CliRunner

from newsint.cli import app
from newsint.config import default_config
from newsint.corpus.delta import CorpusDelta
from newsint.corpus.store.store import Store
from newsint.export import EXPORTERS, ExportData
from newsint.export.gather import corpus_grades
from newsint.export.jsonl import read

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_csv_from_analyze_json_array(data: ExportData, tmp_path: Path) -> None:
    src = tmp_path / "analyses.json"
    src.write_text("[\n" + ",\n".join(a.to_json() for a in data.analyses) + "\n]\n")
    out = tmp_path / "claims.csv"
    code, stdout, stderr = run("--format", "csv", "--from-analyses", str(src), "--out", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert "Wrote 2 article(s)" in stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 6
    assert not list(tmp_path.glob(".*.part"))


def test_single_analysis_and_csv_table_option(data: ExportData, tmp_path: Path) -> None:
    src = tmp_path / "one.json"
    src.write_text(data.analyses[1].to_json())
    code, stdout, _ = run("-f", "csv", "--table", "entities", "--from-analyses", str(src))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout, newline="")))
    assert {r["name"] for r in rows} == {
        "Blue Tern Lines",
        "Skarra Island",
        "Harbour Gazette",
        "Ilse Marten",
    }


def test_reexport_a_jsonl_export_as_stix_for_one_story(data: ExportData, tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    src.write_bytes(EXPORTERS["jsonl"].to_bytes(data))
    code, stdout, stderr = run("-f", "stix", "--story", "sto-ferry", "--from-analyses", str(src))
    assert code == 0, stderr
    bundle = stix2.parse(stdout, allow_custom=True)
    assert {o.type for o in bundle.objects} >= {"report", "grouping", "note"}
    assert stdout.encode("utf-8") == EXPORTERS["stix"].to_bytes(data.select_story("sto-ferry"))


def test_stdin(data: ExportData) -> None:
    code, stdout, _ = run(
        "-f", "jsonl", "--from-analyses", "-", stdin=data.analyses[0].to_json(indent=None)
    )
    assert code == 0
    assert [a.article.id for a in read(stdout.splitlines()).analyses] == ["art-courier"]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "broken.jsonl"
    src.write_text('{"record": "story", "id": "s"}\n{oops\n')
    code, stdout, stderr = run("-f", "csv", "--from-analyses", str(src))
    assert code == 2
    assert stdout == ""
    assert f"{src}:2: invalid JSON" in stderr.replace("\n", "")


def test_unknown_story(data: ExportData, tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    src.write_bytes(EXPORTERS["jsonl"].to_bytes(data))
    code, _, stderr = run("-f", "csv", "--story", "sto-none", "--from-analyses", str(src))
    assert code == 2
    assert "no story with this id" in stderr


def test_missing_corpus(tmp_path: Path) -> None:
    code, _, stderr = run("-f", "csv", "--db", str(tmp_path / "none.db"))
    assert code == 2
    assert "no corpus here" in stderr
    assert not (tmp_path / "none.db").exists()


def test_from_a_corpus_store(data: ExportData, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    with Store(db) as store:
        for analysis in data.analyses:
            store.add_article(analysis, b"")
        store.apply_delta(
            CorpusDelta(
                copy_links=data.copy_links,
                stories=data.stories,
                judgements=data.judgements,
                corpus_entities=data.corpus_entities,
                claim_clusters=data.claim_clusters,
            )
        )
    code, stdout, stderr = run("-f", "jsonl", "--db", str(db))
    assert code == 0, stderr
    # from a corpus, claims carry their corpus grade (graded again with their cluster)
    corpus_grades(data, default_config().grade)
    assert stdout.encode("utf-8") == EXPORTERS["jsonl"].to_bytes(data)
    code, stdout, _ = run("-f", "jsonl", "--db", str(db), "--story", "sto-ferry")
    assert code == 0
    assert len(read(stdout.splitlines()).analyses) == 2
    code, _, stderr = run("-f", "jsonl", "--db", str(db), "--story", "sto-none")
    assert code == 2 and "no story with this id" in stderr
    assert json.loads(stdout.splitlines()[0])["record"] == "article"


def test_stix_tlp_and_as_of_options(data: ExportData, tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    data.analyses[0].article.published = data.analyses[0].article.published.model_copy(
        update={"date": None, "source": "unknown"}
    )
    src.write_bytes(EXPORTERS["jsonl"].to_bytes(data))
    args = ("-f", "stix", "--tlp", "amber", "--as-of", "2026-12-06T08:00:00Z")
    code, first, stderr = run(*args, "--from-analyses", str(src))
    assert code == 0, stderr
    objects = json.loads(first)["objects"]
    amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    assert all(o["object_marking_refs"] == [amber] for o in objects)
    assert "2026-12-06T08:00:00Z" in {o.get("published") for o in objects}
    assert run(*args, "--from-analyses", str(src))[1] == first  # undated, yet the same bytes
    code, _, stderr = run("-f", "stix", "--tlp", "purple", "--from-analyses", str(src))
    assert code == 2 and "not a TLP level" in stderr
