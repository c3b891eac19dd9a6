"""--engine ray gives what --engine local gives: analyses, copy links, stories, claims.

Ray is started on this machine inside the test (2 CPUs, no dashboard) and shut down after.
Without Ray installed these tests skip, except the one checking the error that names the fix.
"""

from __future__ import annotations

import builtins
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from generated_news import features, generate, write_jsonl
from sqlalchemy import select
from typer.testing import CliRunner

from newsint.cli import app
from newsint.config import Config, default_config
from newsint.corpus.ingest import Ingest, load_analyzer
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import ArticleRow
from newsint.engines import ray_engine
from newsint.engines.ray_engine import INSTALL, RayMissing, import_ray

ARTICLES = 220


@pytest.fixture(scope="module")
def ray_local() -> Iterator[object]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("generated") / "in", ARTICLES, per_file=60)


def config(**ray: object) -> Config:
    base = default_config()
    return base.model_copy(update={"ray": base.ray.model_copy(update=ray)})


def contents(store: Store) -> dict[str, object]:
    with store.reading() as conn:
        ids = sorted(conn.scalars(select(ArticleRow.id)))
    analyzer = load_analyzer(store, default_config())
    return {
        "ids": ids,
        "analyses": sorted(a.to_json() for a in store.analyses()),
        "snapshot": analyzer.snapshot(),
        "claims": sorted(
            (c.id, analyzer.independent_sources(c.id)) for c in analyzer.clusters.values()
        ),
        "counts": store.counts(),
    }


@pytest.mark.slow
def test_ray_and_local_engines_give_the_same_corpus(
    ray_local: object, articles: Path, tmp_path: Path
) -> None:
    with Store(tmp_path / "local.db") as store:
        lake = str(tmp_path / "local-lake")
        local = Ingest(store, default_config(), jobs=1, parquet=lake).run([str(articles)])
        want = contents(store)
    # a smaller analyzer batch on Ray: the corpus must not depend on how it was cut up
    cfg = config(analyzer_batch=90, batch_size=16)
    with Store(tmp_path / "ray.db") as store:
        lake = str(tmp_path / "ray-lake")
        ray = Ingest(store, cfg, jobs=2, engine_kind="ray", parquet=lake).run([str(articles)])
        got = contents(store)
    assert local.added == ray.added == ARTICLES and not ray.failed
    assert got["ids"] == want["ids"]
    assert got["analyses"] == want["analyses"]
    assert got["snapshot"] == want["snapshot"]
    assert got["claims"] == want["claims"]
    assert got["counts"] == want["counts"]
    # the Parquet partitions too, byte for byte
    lakes = [{Path(p).name: Path(p).read_bytes() for p in r.parquet} for r in (local, ray)]
    assert lakes[0] == lakes[1] and sum(len(b) > 0 for b in lakes[0].values()) >= 1
    snap = want["snapshot"]
    assert len(snap["copy_links"]) > 40 and snap["claim_clusters"]  # a corpus worth comparing
    assert sum(len(s["articles"]) > 1 for s in snap["stories"]) > 20


def test_band_grouping_on_ray_equals_local_grouping(ray_local: object) -> None:
    from newsint.corpus.bands import band_rows, candidate_pairs
    from newsint.engines.ray_engine import RayEngine
    from newsint.stages.features.bands import band_keys

    cfg = default_config().corpus
    feats = features(generate(150, seed=5))
    engine = RayEngine(default_config(), actors=2)
    pairs = engine.candidate_pairs([(f.id, band_keys(f, cfg)) for f in feats], candidate_pairs)
    assert set(pairs) == candidate_pairs(band_rows(feats, cfg))
    assert pairs


def test_without_ray_the_error_names_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = builtins.__import__

    def no_ray(name: str, *args: object, **kw: object) -> object:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}", name=name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(RayMissing) as err:
        import_ray()
    assert INSTALL in err.value.fix
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and agreed a plan.")
    result = CliRunner().invoke(
        app, ["ingest", str(folder), "--db", str(tmp_path / "c.db"), "--engine", "ray"]
    )
    assert result.exit_code == 2
    assert "pip install 'newsint[ray]'" in result.output
    assert not (tmp_path / "c.db").exists()  # nothing done before the error


class NoCluster:
    """Stands in for the ray module when nothing listens at the address (Ray not started)."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.calls: list[object] = []

    def is_initialized(self) -> bool:
        return False

    def init(self, address: object = None, **_: object) -> None:
        self.calls.append(address)
        raise self.error


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (
            ConnectionError("Could not find any running Ray instance.\nPlease specify one."),
            "ConnectionError: Could not find any running Ray instance.",
        ),
        (RuntimeError("Timed out while waiting for GCS"), "RuntimeError: Timed out"),
        (ValueError("Invalid address"), "ValueError: Invalid address"),
    ],
)
def test_an_unreachable_cluster_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, error: Exception, shown: str
) -> None:
    fake = NoCluster(error)
    monkeypatch.setattr(ray_engine, "import_ray", lambda: fake)
    monkeypatch.setattr(ray_engine, "probe_address", lambda address, timeout: None)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and agreed a plan for the harbour.")
    address = "ray://192.0.2.1:10001"
    args = ["ingest", str(folder), "--db", str(tmp_path / "c.db"), "--engine", "ray"]
    result = CliRunner().invoke(app, [*args, "--ray-address", address])
    assert fake.calls == [address]  # the connection was tried, at the address given
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(lines) == 1, result.stderr
    assert f"--ray-address {address}: no Ray cluster could be reached ({shown}" in lines[0]
    assert "--engine local" in lines[0]
    assert "Traceback" not in result.output


def test_a_closed_port_is_refused_before_ray_is_asked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ray retries an unreachable address for minutes: newsint checks the port first."""
    import socket

    fake = NoCluster(AssertionError("Ray must not be asked"))
    monkeypatch.setattr(ray_engine, "import_ray", lambda: fake)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        address = f"ray://127.0.0.1:{s.getsockname()[1]}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and agreed a plan for the harbour.")
    args = ["ingest", str(folder), "--db", str(tmp_path / "c.db"), "--engine", "ray"]
    result = CliRunner().invoke(app, [*args, "--ray-address", address])
    assert result.exit_code == 2, result.output
    assert fake.calls == []
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert (
        f"--ray-address {address}: no Ray cluster could be reached (ConnectionRefusedError" in line
    )


@pytest.mark.parametrize("address", [None, "", "auto", "ray://head"])
def test_addresses_ray_resolves_itself_are_not_probed(address: str | None) -> None:
    assert ray_engine.probe_address(address, 0.01) is None


def test_cli_ingest_with_the_ray_engine(ray_local: object, articles: Path, tmp_path: Path) -> None:
    one = articles / "part-0000.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(one),
            "--db",
            str(tmp_path / "c.db"),
            "--engine",
            "ray",
            "-j",
            "2",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 60
