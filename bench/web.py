"""A bounded load test of `newsint serve` on the demo corpus, on 127.0.0.1; and the warm
latency of every page and endpoint on a corpus of any size (`--latency`).

    .venv/bin/python bench/web.py [--requests 3000] [--concurrency 16] [--workers N]
                                  [--db corpus.db] [--json out.json]
    .venv/bin/python bench/web.py --latency --db corpus-100k.db [--repeat 20] [--json out.json]

`--latency`: one client, one request at a time, after one warm-up pass; each route is asked
`--repeat` times (interleaved round-robin) and reported with p50 and p95. Deep pages are asked
both by offset (kept for compatibility) and by keyset cursor (`after=`, what the UI links).
The corpus comes from bench/gen_corpus.py (1k, 10k, 100k articles; SQLite or PostgreSQL, --db URL).

Ingests the bundled demo corpus into a temporary SQLite file (or uses --db), starts
`newsint serve` on a free loopback port with `--workers` server processes (default: the
[web] workers setting), waits until it answers, then sends `--requests` GET requests from
`--concurrency` client threads, cycling through the read routes of the API and the UI (lists,
details, the timeline, the graph, search). Reports errors (any status other than 200, or no
answer) and latency percentiles overall and per route. The server is stopped at the end. Never
a unit test; numbers go to docs/benchmarks.md ("Reliability").
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT / "src"), env.get("PYTHONPATH")] if p)
    return env


def demo_corpus(db: Path) -> None:
    from newsint.cli.main import demo_files
    from newsint.corpus.api import Corpus

    with Corpus(str(db)) as corpus:
        summary = corpus.ingest([str(f) for f in demo_files()])
    print(f"demo corpus: {summary.added} articles added to {db}", file=sys.stderr)


def routes(base: str, client: httpx.Client) -> list[str]:
    """The read routes, with real ids from the corpus."""
    article = client.get(f"{base}/api/articles?limit=1").json()["items"][0]["id"]
    story = client.get(f"{base}/api/stories?limit=1").json()["items"][0]["id"]
    entity = client.get(f"{base}/api/entities?limit=1").json()["items"][0]["id"]
    return [
        "/api/stats",
        "/api/articles",
        f"/api/articles/{article}",
        f"/api/articles/{article}/analysis",
        "/api/stories",
        f"/api/stories/{story}",
        "/api/claims",
        "/api/entities",
        f"/api/entities/{entity}",
        "/api/timeline",
        "/api/graph",
        "/api/search?q=port",
        "/",
        "/stories",
        "/claims",
        "/timeline",
    ]


def latency_routes(base: str, client: httpx.Client) -> list[str]:
    """Every list page and endpoint with its facets, and one detail of each kind, with real
    ids and words from the corpus (from the middle of the lists, not the first rows)."""
    mid = client.get(f"{base}/api/stats").json()
    story = client.get(f"{base}/api/stories?limit=1&offset=3").json()["items"][0]
    claim = client.get(f"{base}/api/claims?limit=1&offset=5").json()["items"][0]
    article = client.get(f"{base}/api/articles?limit=1&offset=7").json()["items"][0]["id"]
    entity = client.get(f"{base}/api/entities?limit=1&offset=2").json()["items"][0]
    word = (claim.get("text") or "report").split()[-1].strip(".,")
    deep = max(0, int(mid["articles"]) // 2)
    # the cursors of the rows just before the deep offset: the same pages by keyset
    cursor = client.get(f"{base}/api/articles?limit=1&offset={max(0, deep - 1)}").json()["next"]
    later = client.get(f"{base}/api/timeline?limit=1&offset={max(0, deep - 1)}").json()["next"]
    return [
        "/api/stats",
        "/api/articles",
        f"/api/articles?offset={deep}",
        f"/api/articles?after={cursor}",
        f"/api/articles/{article}",
        "/api/stories",
        "/api/stories?min_articles=3",
        f"/api/stories/{story['id']}",
        "/api/claims",
        "/api/claims?min_sources=2",
        "/api/claims?status=denied",
        "/api/claims?grade=C",
        f"/api/claims?speaker={quote(claim.get('speaker') or '')}",
        f"/api/claims?story={story['id']}",
        "/api/claims?since=2024-06-01&until=2024-06-30",
        f"/api/claims?q={quote(word)}",
        f"/api/claims?entity={entity['id']}",
        "/api/claims?sort=recent",
        f"/api/claims/{quote(claim['id'], safe='')}",
        "/api/entities",
        f"/api/entities?q={quote(entity['name'].split()[0])}",
        f"/api/entities/{entity['id']}",
        "/api/timeline",
        f"/api/timeline?offset={deep}",
        *([f"/api/timeline?after={later}"] if later else []),
        f"/api/timeline?entity={entity['id']}",
        f"/api/search?q={quote(word)}",
        "/",
        "/stories",
        f"/stories/{story['id']}",
        "/articles",
        f"/articles?after={cursor}&start={deep + 1}",
        f"/articles/{article}",
        "/claims",
        f"/claims?status=alleged&q={quote(word)}",
        f"/claims/{quote(claim['id'], safe='')}",
        "/entities",
        f"/entities/{entity['id']}",
        "/timeline",
        f"/search?q={quote(word)}",
    ]


def latency(base: str, paths: list[str], repeat: int) -> dict[str, object]:
    """Warm single-client latency per route: one warm-up pass, then `repeat` rounds."""
    times: dict[str, list[float]] = {p: [] for p in paths}
    errors: list[tuple[str, int]] = []
    with httpx.Client(timeout=120) as client:
        for path in paths:  # warm-up: caches, the first query plan, the page templates
            client.get(base + path)
        for _ in range(repeat):
            for path in paths:
                started = time.perf_counter()
                status = client.get(base + path).status_code
                times[path].append(time.perf_counter() - started)
                if status != 200:
                    errors.append((path, status))
    routes = {
        p: {
            "n": len(t),
            "p50": round(statistics.median(t), 4),
            "p95": round(percentile(t, 0.95), 4),
        }
        for p, t in times.items()
    }
    worst = max(routes.items(), key=lambda kv: kv[1]["p95"])
    return {
        "repeat": repeat,
        "errors": len(errors),
        "error_examples": errors[:5],
        "worst_p95": {"route": worst[0], **worst[1]},
        "routes": routes,
    }


def wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def load(base: str, paths: list[str], requests: int, concurrency: int) -> dict[str, object]:
    results: list[tuple[str, float, int]] = []  # (path, seconds, status; 0 = no answer)
    lock = threading.Lock()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(timeout=60, limits=limits) as client:

        def one(i: int) -> None:
            path = paths[i % len(paths)]
            started = time.perf_counter()
            try:
                status = client.get(base + path).status_code
            except httpx.HTTPError:
                status = 0
            with lock:
                results.append((path, time.perf_counter() - started, status))

        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    latencies = [s for _, s, _ in results]
    errors = [(p, st) for p, _, st in results if st != 200]
    per_route = {}
    for path in paths:
        mine = [s for p, s, _ in results if p == path]
        per_route[path] = {
            "n": len(mine),
            "p50": round(statistics.median(mine), 4),
            "p95": round(percentile(mine, 0.95), 4),
        }
    return {
        "requests": len(results),
        "concurrency": concurrency,
        "errors": len(errors),
        "error_examples": errors[:5],
        "wall_s": round(wall, 2),
        "per_s": round(len(results) / wall, 1),
        "p50": round(statistics.median(latencies), 4),
        "p95": round(percentile(latencies, 0.95), 4),
        "p99": round(percentile(latencies, 0.99), 4),
        "max": round(max(latencies), 4),
        "routes": per_route,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=None, help="server processes")
    parser.add_argument("--db", default=None, help="an existing corpus (path or URL)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--start-seconds", type=float, default=180.0)
    parser.add_argument(
        "--latency", action="store_true", help="warm single-client latency per route"
    )
    parser.add_argument("--repeat", type=int, default=20, help="rounds with --latency")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.db"
            demo_corpus(db)
        port = free_port()
        command = [sys.executable, "-m", "newsint.cli", "serve", "--db", str(db)]
        if args.latency and args.workers is None:
            args.workers = 1
        command += ["--port", str(port)]
        if args.workers is not None:
            command += ["--workers", str(args.workers)]
        server = subprocess.Popen(command, env=environment(), stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, server, args.start_seconds)
            with httpx.Client(timeout=60) as client:
                paths = (latency_routes if args.latency else routes)(base, client)
            if args.latency:
                result = latency(base, paths, args.repeat)
            else:
                result = load(base, paths, args.requests, args.concurrency)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    result["workers"] = args.workers
    if args.latency:
        print(
            f"{args.repeat} rounds of {len(result['routes'])} routes, {result['errors']} errors; "  # type: ignore[arg-type]
            f"worst p95 {result['worst_p95']}"
        )
        for path, row in result["routes"].items():  # type: ignore[attr-defined]
            print(f"  {path:<64} p50 {row['p50'] * 1000:7.1f} ms  p95 {row['p95'] * 1000:7.1f} ms")
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n")
        return
    print(
        f"{result['requests']} requests at concurrency {result['concurrency']}: "
        f"{result['errors']} errors, {result['per_s']} req/s, p50 {result['p50']} s, "
        f"p95 {result['p95']} s, p99 {result['p99']} s, max {result['max']} s"
    )
    for path, row in result["routes"].items():  # type: ignore[attr-defined]
        print(f"  {path:<48} n {row['n']:>4}  p50 {row['p50']:.3f}  p95 {row['p95']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
