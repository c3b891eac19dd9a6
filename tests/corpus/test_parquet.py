"""`newsint ingest --parquet`: added analyses as Parquet partitions, lossless and deterministic."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_ingest import corpus_dir, fast_config, run  # noqa: F401  (corpus_dir is a fixture)

from newsint.corpus.store.parquet import COLUMNS, ParquetProblem, ParquetSink
from newsint.corpus.store.store import Store
from newsint.model import Analysis

pq = pytest.importorskip("pyarrow.parquet")


def ingest(store: Store, inputs: list[str], target: str, rows: int = 3):
    config = fast_config()
    config = config.model_copy(
        update={"ingest": config.ingest.model_copy(update={"parquet_rows": rows})}
    )
    from newsint.corpus.ingest import Ingest

    return Ingest(store, config, parquet=target).run(inputs)


def read(folder: Path) -> list[dict[str, str | None]]:
    rows: list[dict[str, str | None]] = []
    for f in sorted(folder.glob("*.parquet")):
        table = pq.read_table(f)
        assert tuple(table.column_names) == COLUMNS
        rows.extend(table.to_pylist())
    return rows


def test_added_analyses_become_partitions(corpus_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "lake"
    with Store(str(tmp_path / "c.db")) as store:
        summary = ingest(store, [str(corpus_dir)], str(out), rows=3)
        assert summary.added == 7
        assert len(summary.parquet) == 3  # 3 + 3 + 1 rows
        rows = read(out)
        assert len(rows) == 7 and len({r["id"] for r in rows}) == 7
        for r in rows:  # the analysis column is the stored analysis, nothing lost
            stored = store.analysis(str(r["id"]))
            assert Analysis.model_validate_json(str(r["analysis"])) == stored
            assert (r["text"], r["title"], r["url"]) == (
                stored.text,
                stored.article.title,
                stored.article.url,
            )
        files = sorted(p.name for p in out.iterdir())

        again = ingest(store, [str(corpus_dir)], str(out), rows=3)
        assert (again.added, again.parquet) == (0, [])  # nothing new, nothing written
        assert sorted(p.name for p in out.iterdir()) == files


def test_same_input_same_files(corpus_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    digests = []
    for n, target in enumerate([str(tmp_path / "a"), f"file://{tmp_path / 'b'}"]):
        with Store(str(tmp_path / f"{n}.db")) as store:
            ingest(store, [str(corpus_dir)], target, rows=4)
        folder = tmp_path / "ab"[n]
        digests.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert digests[0] == digests[1] and len(digests[0]) == 2


def test_without_pyarrow_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("pyarrow", "pyarrow.parquet", "pyarrow.fs"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ParquetProblem) as caught:
        ParquetSink(str(tmp_path / "lake"), 10)
    assert "pyarrow" in caught.value.problem and "newsint[ray]" in caught.value.fix


def test_unwritable_target(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ParquetProblem) as caught:
        ParquetSink(str(blocker / "lake"), 10)
    assert caught.value.where == str(blocker / "lake")
