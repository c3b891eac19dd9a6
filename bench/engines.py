"""The local engine against the Ray engine on the same generated articles, on this machine.

    .venv/bin/python bench/engines.py [--sizes 10000 30000] [--jobs 2] [--stages all|clean]
                                      [--costs 500] [--json out.json]

Articles come from bench/corpus_scale.py's generator (our own vocabulary, stories of copies,
rewrites and one-offs), written as JSONL files of 1,000 lines. Each engine ingests them into a
fresh SQLite store in its own process (`newsint ingest DIR --engine local|ray -j JOBS` through
the Ingest API), so peak memory is its own:

- wall s: the whole ingest, Ray's start-up included (shown apart as "ray start s");
- corpus s: time inside the corpus analyzer's batches (candidate pairs -- grouped on Ray for
  the ray engine --, copy classification, stories, claim clusters, their transaction);
- peak RSS: the largest sum of resident memory over the ingest process and all its
  descendants (Ray's GCS, raylet and worker processes included), sampled every 0.2 s; pages
  shared between processes (Ray's object store in /dev/shm, shared libraries) count once per
  process, so this overstates Ray's footprint somewhat;
- the derived corpus (copy links, stories, claim clusters) of both engines, which must agree.

`--stages clean` runs only the clean stage (no spaCy): the features, the corpus steps and the
engines' own overhead, at sizes the full pipeline cannot reach on 2 cores in a sitting.

`--costs N` measures what each stage costs per article on N articles in this process (CPU
seconds): reading, the NLP pipeline, features + band keys, the store write, the corpus analyzer;
and the store's rows and bytes per article. Never a unit test; numbers go to docs/benchmarks.md
("## Scale-out (Ray)") and docs/scaling.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def write_articles(n: int, folder: Path) -> None:
    from corpus_scale import generate

    folder.mkdir(parents=True, exist_ok=True)
    items = generate(n)
    for start in range(0, n, 1000):
        with (folder / f"part-{start // 1000:04d}.jsonl").open("w") as fh:
            for i, (text, site, published, title) in enumerate(items[start : start + 1000]):
                record = {
                    "maintext": text,
                    "title": title,
                    "url": f"https://{site}/{start + i}",
                    "source_domain": site,
                    "date_publish": published.replace("T", " "),
                }
                fh.write(json.dumps(record) + "\n")


# --------------------------------------------------------------------------- memory of a tree


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_rss_mb(root: int) -> float:
    kids = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(kids.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total / 2**20


# --------------------------------------------------------------------------- one ingest


def config_for(stages: str):
    from newsint.config import default_config

    base = default_config()
    if stages == "clean":
        return base.model_copy(
            update={"pipeline": base.pipeline.model_copy(update={"stages": ["clean"]})}
        )
    return base


def one(engine: str, folder: Path, jobs: int, stages: str) -> dict:
    """Child process: ingest `folder` with `engine`, print the measurements as JSON."""
    from newsint.corpus.ingest import Ingest, load_analyzer
    from newsint.corpus.store.store import Store

    cfg = config_for(stages)
    db = Path(tempfile.mkdtemp()) / "bench.db"
    corpus_s = 0.0
    original = Ingest._flush

    def timed(self, force: bool = False) -> None:
        nonlocal corpus_s
        t0 = time.perf_counter()
        original(self, force)
        corpus_s += time.perf_counter() - t0

    Ingest._flush = timed  # type: ignore[method-assign]
    t0 = time.perf_counter()
    ray_start = 0.0
    if engine == "ray":
        import ray

        ray.init(num_cpus=jobs, include_dashboard=False, logging_level="ERROR", log_to_driver=False)
        ray_start = time.perf_counter() - t0
    with Store(db) as store:
        summary = Ingest(store, cfg, jobs=jobs, engine_kind=engine).run([str(folder)])
        wall = time.perf_counter() - t0
        snap = load_analyzer(store, cfg).snapshot()
        size = db.stat().st_size
    if engine == "ray":
        import ray

        ray.shutdown()
    db.unlink()
    return {
        "engine": engine,
        "added": summary.added,
        "failed": len(summary.failed),
        "wall_s": round(wall, 1),
        "ray_start_s": round(ray_start, 1),
        "corpus_s": round(corpus_s, 1),
        "articles_per_s": round(summary.added / wall, 1),
        "db_mb": round(size / 2**20, 1),
        "copy_links": len(snap["copy_links"]),
        "stories": len(snap["stories"]),
        "claim_clusters": len(snap["claim_clusters"]),
        "snapshot_sha": hashlib.sha256(json.dumps(snap, sort_keys=True).encode()).hexdigest()[:12],
    }


def measure(engine: str, folder: Path, jobs: int, stages: str) -> dict:
    cmd = [sys.executable, __file__, "--one", engine, str(folder), "--jobs", str(jobs)]
    cmd += ["--stages", stages]
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, _ = proc.communicate()
    stop.set()
    thread.join()
    if proc.returncode:
        raise SystemExit(f"{engine} ingest failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(peak)
    return result


# --------------------------------------------------------------------------- stage costs


def costs(n: int) -> dict:
    """CPU seconds per article of each stage, in this process, on n generated articles."""
    from newsint.config import default_config
    from newsint.corpus.analyzer import CorpusAnalyzer
    from newsint.corpus.store.store import Store
    from newsint.pipeline import Pipeline
    from newsint.readers import read_path
    from newsint.stages.features.bands import band_keys
    from newsint.stages.features.extract import extract_features
    from newsint.stages.features.record import decode, encode

    cfg = default_config()
    tmp = Path(tempfile.mkdtemp())
    write_articles(n, tmp / "in")
    spent: dict[str, float] = {}

    def clock(name: str, t0: float) -> None:
        spent[name] = spent.get(name, 0.0) + time.process_time() - t0

    t0 = time.process_time()
    items = [a for f in sorted((tmp / "in").iterdir()) for a in read_path(str(f), cfg)]
    clock("read", t0)
    pipeline = Pipeline(cfg)
    pipeline.run_batch(items[:4])  # loads spaCy; not counted
    analysed = []
    t0 = time.process_time()
    for start in range(0, len(items), cfg.ingest.chunk_size):
        analysed += pipeline.run_batch(items[start : start + cfg.ingest.chunk_size])
    clock("nlp pipeline (all stages)", t0)
    t0 = time.process_time()
    feats = [encode(extract_features(a, cfg)) for a in analysed]
    clock("corpus features", t0)
    t0 = time.process_time()
    for f in feats:
        band_keys(decode(f), cfg.corpus)
    clock("band keys", t0)
    with Store(tmp / "c.db") as store:
        t0 = time.process_time()
        for a, f in zip(analysed, feats, strict=True):
            store.add_article(a, f, stages=tuple(pipeline.names))
        clock("store write (SQLite)", t0)
        analyzer = CorpusAnalyzer(cfg)
        decoded = [decode(f) for f in feats]
        t0 = time.process_time()
        delta = analyzer.add(decoded)
        clock("corpus analyzer (pairs, copies, stories, claims)", t0)
        t0 = time.process_time()
        store.apply_delta(delta, analyzed=[f.id for f in decoded])
        clock("store corpus records", t0)
        counts = store.counts()
    size = (tmp / "c.db").stat().st_size
    words = sum(len(a.text.split()) for a in analysed)
    return {
        "articles": n,
        "words_per_article": round(words / n),
        "cpu_ms_per_article": {k: round(1000 * v / n, 2) for k, v in spent.items()},
        "rows_per_article": {k: round(v / n, 2) for k, v in counts.items() if v},
        "sqlite_kb_per_article": round(size / n / 1024, 1),
        "features_kb_per_article": round(sum(len(f) for f in feats) / n / 1024, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--stages", choices=["all", "clean"], default="all")
    parser.add_argument("--costs", type=int, help="per-stage cost on this many articles")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # child: ENGINE FOLDER
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], Path(args.one[1]), args.jobs, args.stages)))
        return
    results: list[dict] = []
    if args.costs:
        results.append(costs(args.costs))
        print(json.dumps(results[-1]), flush=True)
    else:
        for n in args.sizes:
            folder = Path(tempfile.mkdtemp()) / "in"
            write_articles(n, folder)
            for engine in args.engines:
                r = {"articles": n, "stages": args.stages, "jobs": args.jobs}
                r.update(measure(engine, folder, args.jobs, args.stages))
                print(json.dumps(r), flush=True)
                results.append(r)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
