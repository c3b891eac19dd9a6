"""The Ray engine: the same analysis on a Ray cluster through Ray Data (newsint[ray] extra).

The module is named ray_engine so that it never shadows the `ray` package.

- Analysis: articles go into a Ray Data dataset; `map_batches` hands batches to a pool of actors
  (`AnalyseBatch`), each holding one `Worker` of the local engine, so spaCy loads once per actor
  and every article goes through exactly the code `--engine local` runs, the features stage
  included: it computes the article's LSH band keys next to its features.
- Results come back to the driver in input order (Ray Data keeps the order, and the driver
  re-orders by input index anyway), so the store, the ids and every derived record are those of
  the local engine. The driver is the store's one writer, as with the local engine.
- Copies and stories: the band keys of an analyzer batch become rows (key, article id) in a
  dataset, hash-partitioned on the key (every row of a key lands in one block) and each block
  grouped into candidate pairs with the function the ingest hands in (corpus/bands.py's
  `candidate_pairs`, the one the local grouping uses): the engine imports only the pipeline.
  The corpus analyzer then classifies those pairs (plus new-vs-known ones from its index) with
  the same `copies.relate` and updates stories as connected components, incrementally.

Inputs are read by the driver with newsint's readers (folders, JSONL, WARC, feeds, URLs) and
handed to Ray in windows of `[ray] window` articles; each window starts its actor pool.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsint.config import Config
from newsint.engines.local import Analysed, Worker
from newsint.errors import AnalysisProblem, NewsintError
from newsint.model import Analysis

INSTALL = "pip install 'newsint[ray]'"


class RayMissing(NewsintError):
    code = "ray-missing"


class RayUnreachable(NewsintError):
    code = "ray-unreachable"


def import_ray() -> Any:
    """The ray module (with Ray Data), or one clear error naming the fix."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayMissing(
            "--engine ray",
            f"Ray is not installed ({exc.name or 'ray'} cannot be imported)",
            f"install it with {INSTALL}, or use --engine local",
        ) from None
    return ray


def unreachable(address: str | None, exc: BaseException) -> RayUnreachable:
    """The one line for a Ray instance that cannot be reached or started."""
    reason = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    where = f"--ray-address {address}" if address else "--engine ray"
    return RayUnreachable(
        where,
        f"no Ray cluster could be reached ({type(exc).__name__}: {reason})"
        if reason
        else f"no Ray cluster could be reached ({type(exc).__name__})",
        "start one (`ray start --head`) or check the address; leave --ray-address out to "
        "start Ray on this machine, or use --engine local",
    )


def probe_address(address: str | None, timeout: float) -> RayUnreachable | None:
    """Why a host:port or ray://host:port address cannot be reached, or None (also for "",
    "auto" and anything else Ray resolves itself): Ray retries such an address for minutes."""
    import socket

    target = (address or "").removeprefix("ray://")
    host, sep, port = target.rpartition(":")
    if not sep or not host or not port.isdigit():
        return None
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return None
    except OSError as exc:
        return unreachable(address, exc)


class AnalyseBatch:
    """A Ray Data actor: one Worker (pipeline and spaCy loaded once) for many batches."""

    def __init__(self, config: Config, stages: list[str] | None) -> None:
        self.worker = Worker(config, stages)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        chunk = [pickle.loads(b) for b in batch["article"]]
        out = [pickle.dumps(result) for result in self.worker.analyse(chunk)]
        return {"index": np.asarray(batch["index"]), "result": np.array(out, dtype=object)}


# Groups (key, article id) rows into candidate pairs: the corpus layer's own function
# (corpus/bands.candidate_pairs), handed in so the engine needs nothing but the pipeline.
Grouping = Callable[[Iterable[tuple[bytes, str]]], Iterable[tuple[str, str]]]


def pairs_in_block(batch: Any, group: Grouping) -> Any:
    """One hash partition of (key, id) rows: every key's rows are here, so group them."""
    import pyarrow as pa

    keys = batch.column("key").to_pylist()
    ids = batch.column("id").to_pylist()
    pairs = sorted(group(zip(keys, ids, strict=True)))
    return pa.table(
        {
            "a": pa.array([p[0] for p in pairs], pa.string()),
            "b": pa.array([p[1] for p in pairs], pa.string()),
        }
    )


def group_on_ray(
    ray: Any, keys: list[bytes], ids: list[str], parts: int, group: Grouping
) -> list[tuple[str, str]]:
    """Candidate pairs of (band key, article id) rows, grouped by Ray Data: the rows are
    hash-partitioned on the key (all rows of a key in one block), each block grouped by `group`,
    and the pairs collected (sorted, without repeats)."""
    import pyarrow as pa

    table = pa.table({"key": pa.array(keys, pa.binary()), "id": pa.array(ids, pa.string())})
    ds = (
        ray.data.from_arrow(table)
        .repartition(parts, keys=["key"])
        .map_batches(
            pairs_in_block,
            fn_kwargs={"group": group},
            batch_size=None,
            batch_format="pyarrow",
        )
    )
    pairs: set[tuple[str, str]] = set()
    for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
        pairs.update(zip(batch.column("a").to_pylist(), batch.column("b").to_pylist(), strict=True))
    return sorted(pairs)


class RayEngine:
    """Analyses a stream of articles on Ray; `run` yields results in input order like
    LocalEngine.run, and `candidate_pairs` groups band keys on the cluster."""

    def __init__(
        self,
        config: Config,
        address: str | None = None,
        actors: int | None = None,
        stages: list[str] | None = None,
    ) -> None:
        self.ray = import_ray()
        self.config = config
        settings = config.ray
        self.address = settings.address if address is None else address
        self.actors = settings.actors if actors is None else actors
        self.stages = stages
        self.batch_size = max(1, settings.batch_size)
        self.window = max(1, settings.window)
        self.analyzer_batch = max(1, settings.analyzer_batch)
        self._started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Shut down the Ray instance this engine started (a caller's cluster stays up)."""
        if self._started:
            self.ray.shutdown()
            self._started = False

    def _connect(self) -> None:
        ray = self.ray
        if not ray.is_initialized():
            refused = probe_address(self.address, self.config.ray.connect_timeout)
            if refused is not None:
                raise refused
            try:
                ray.init(
                    address=self.address or None,
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                )
            except (OSError, RuntimeError, ValueError) as exc:
                # Ray says "no cluster" with ConnectionError, a GCS timeout or a bad address
                # with RuntimeError/ValueError, each under pages of traceback: one line instead.
                raise unreachable(self.address, exc) from None
            self._started = True
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = self.config.ray.ray_progress_bars
        ctx.print_on_execution_start = False
        if not self.config.ray.ray_progress_bars:  # newsint's bar is the progress display
            logging.getLogger("ray.data").setLevel(logging.ERROR)

    def actor_count(self) -> int:
        if self.actors > 0:
            return self.actors
        cpus = float(self.ray.cluster_resources().get("CPU", 1.0))
        return max(1, int(cpus // max(self.config.ray.cpus_per_actor, 0.01)))

    def run(self, items: Iterable[Analysis]) -> Iterator[Analysed | AnalysisProblem]:
        self._connect()
        window: list[Analysis] = []
        for item in items:
            window.append(item)
            if len(window) >= self.window:
                yield from self._analyse(window)
                window = []
        if window:
            yield from self._analyse(window)

    def _analyse(self, articles: list[Analysis]) -> Iterator[Analysed | AnalysisProblem]:
        ray = self.ray
        actors = min(self.actor_count(), max(1, -(-len(articles) // self.batch_size)))
        rows = [{"index": i, "article": pickle.dumps(a)} for i, a in enumerate(articles)]
        blocks = max(1, min(len(rows), -(-len(rows) // self.batch_size)))
        ds = ray.data.from_items(rows, override_num_blocks=blocks).map_batches(
            AnalyseBatch,
            fn_constructor_kwargs={"config": self.config, "stages": self.stages},
            batch_size=self.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=self.config.ray.cpus_per_actor,
        )
        pending: dict[int, bytes] = {}
        want = 0
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            for index, payload in zip(batch["index"], batch["result"], strict=True):
                pending[int(index)] = payload
            while want in pending:
                yield pickle.loads(pending.pop(want))
                want += 1
        if want != len(articles):  # never expected: Ray Data lost or duplicated rows
            raise RuntimeError(f"Ray returned {want} of {len(articles)} analyses")

    def candidate_pairs(
        self, rows: list[tuple[str, list[bytes]]], group: Grouping
    ) -> list[tuple[str, str]]:
        """LSH candidate pairs among articles given as (article id, its band keys), grouped on
        the cluster by key with `group` (the keys come from the features stage)."""
        if len(rows) < 2:
            return []
        self._connect()
        keys: list[bytes] = []
        ids: list[str] = []
        for aid, found in rows:
            keys.extend(found)
            ids.extend([aid] * len(found))
        # ~1 MB of rows per partition, at most 64: a partition must stay one block (Ray splits
        # blocks above DataContext.target_max_block_size, 128 MiB), as pairs_in_block groups
        # within a block; 64 partitions hold 5,000 x 37 rows a thousand times over.
        parts = max(1, min(64, len(keys) // 20000 + self.actor_count()))
        return group_on_ray(self.ray, keys, ids, parts, group)


__all__ = ["INSTALL", "AnalyseBatch", "RayEngine", "RayMissing", "group_on_ray", "import_ray"]
