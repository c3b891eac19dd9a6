"""The single-article measurements of `make bench` (bench/run.py calls these).

Each compares two sides in one process, alternated A, B, A, B… `repeat` times, each side keeping
its fastest run (other jobs on a shared machine only ever slow a run down); CPU seconds are
kept beside the wall clock (steadier on a loaded machine):

- newsint against a *bare* spaCy pipeline (the model as installed, every default component, none
  of newsint's changes), over the same clean texts: one text at a time, and batched. The bare
  side runs in a Python process of its own that imports only spaCy, as a user would run it:
  in this process it would share the garbage collector with newsint's models (each side's
  full collections walking the other's objects, and a `gc.freeze()` by newsint's shared
  pipeline sparing both). `bare_process=False` measures it in this process, as before;
- `newsint.analyze(text)` (the process's shared pipeline) against `analyze(text, pipeline=p)`
  with a pipeline the caller built and keeps;
- HTML to text (the html reader and the clean stage, i.e. `newsint analyze page.html`) against
  `trafilatura.extract` on the same decoded pages.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsint.config import Config
from newsint.model import Analysis
from newsint.pipeline import Pipeline
from newsint.readers import read_bytes


@dataclass
class Best:
    """A side's fastest run: wall and CPU seconds (each the minimum over the runs)."""

    seconds: float = float("inf")
    cpu_seconds: float = float("inf")

    def add(self, seconds: float, cpu: float) -> None:
        self.seconds = min(self.seconds, seconds)
        self.cpu_seconds = min(self.cpu_seconds, cpu)

    def as_dict(self) -> dict[str, float]:
        return {"seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3)}


def timed(run: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def alternate(
    sides: dict[str, Callable[[], object]],
    repeat: int,
    progress: Callable[[str], None],
    what: str,
    measured: dict[str, Callable[[], tuple[float, float]]] | None = None,
) -> dict[str, Best]:
    """Each side `repeat` times, in turn; `measured` sides time themselves (another process)."""
    runs: dict[str, Callable[[], tuple[float, float]]] = {
        name: (lambda run=run: timed(run)) for name, run in sides.items()
    }
    runs.update(measured or {})
    best = {name: Best() for name in runs}
    for r in range(repeat):
        for name, run in runs.items():
            progress(f"{what}, run {r + 1}/{repeat}: {name}…")
            best[name].add(*run())
    return best


def ratio(faster: Best, slower: Best) -> dict[str, float]:
    """How many times `slower` takes `faster`'s time, by wall clock and by CPU."""
    return {
        "wall": round(faster.seconds / slower.seconds, 3) if slower.seconds else 0.0,
        "cpu": round(faster.cpu_seconds / slower.cpu_seconds, 3) if slower.cpu_seconds else 0.0,
    }


def bare_spacy(config: Config) -> Any:
    """The English model as installed: every default component, nothing of newsint's."""
    import spacy

    for name in config.nlp.models:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit(f"none of {config.nlp.models} is installed")


# The bare side's own process: nothing imported but spaCy (and json, sys, time), the model
# loaded, a warm-up, then one run per request; it times itself (its own CPU, not ours).
_BARE_WORKER = """
import json, sys, time
import spacy
request = json.loads(sys.stdin.readline())
nlp = None
for name in request["models"]:
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
if nlp is None:
    sys.exit("none of %s is installed" % request["models"])
texts = request["texts"]
for _doc in nlp.pipe(texts[:4]):
    pass
print(json.dumps({"components": nlp.pipe_names}), flush=True)
for line in sys.stdin:
    start, cpu = time.perf_counter(), time.process_time()
    if json.loads(line)["run"] == "one":
        for text in texts:
            nlp(text)
    else:
        for _doc in nlp.pipe(texts, batch_size=request["batch_size"]):
            pass
    took = {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu}
    print(json.dumps(took), flush=True)
"""


class BareProcess:
    """A bare spaCy parse in a fresh Python process, run on request, timing itself."""

    def __init__(self, config: Config, texts: Sequence[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BARE_WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        request = {
            "models": list(config.nlp.models),
            "texts": list(texts),
            "batch_size": config.nlp.batch_size,
        }
        self.components: list[str] = self._ask(request)["components"]

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the bare spaCy process ended (exit {self.proc.wait()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def run(self, how: str) -> tuple[float, float]:
        took = self._ask({"run": how})
        return took["seconds"], took["cpu_seconds"]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def read_all(raws: Sequence[str], config: Config) -> list[Analysis]:
    out = []
    for i, raw in enumerate(raws):
        (item,) = list(read_bytes(raw.encode("utf-8"), f"<bench {i}>", ".txt", config))
        assert isinstance(item, Analysis), item
        out.append(item)
    return out


def against_bare_spacy(
    pipeline: Pipeline,
    raws: Sequence[str],
    texts: Sequence[str],
    repeat: int,
    progress: Callable[[str], None],
    clear: Callable[[], None],
    bare_process: bool = True,
) -> dict[str, Any]:
    """newsint (read + every stage) against a bare spaCy parse of the clean texts, one text at a
    time and batched (`nlp.pipe` at [nlp] batch_size; newsint at [pipeline] batch_size); the
    bare parse in a process of its own unless `bare_process` is False."""
    config = pipeline.config

    def ours_one() -> None:
        clear()
        for analysis in read_all(raws, config):
            pipeline.run_batch([analysis])

    def ours_batched() -> None:
        clear()
        for _ in pipeline.run(read_all(raws, config)):
            pass

    if bare_process:
        worker = BareProcess(config, texts)
        components = worker.components
        try:
            one = alternate(
                {"newsint": ours_one},
                repeat,
                progress,
                "one at a time",
                {"spaCy": lambda: worker.run("one")},
            )
            many = alternate(
                {"newsint": ours_batched},
                repeat,
                progress,
                "batched",
                {"spaCy": lambda: worker.run("batched")},
            )
        finally:
            worker.close()
    else:
        bare = bare_spacy(config)
        components = list(bare.pipe_names)
        for _doc in bare.pipe(texts[:4]):  # warm-up: first calls allocate
            pass

        def bare_one() -> None:
            for text in texts:
                bare(text)

        def bare_batched() -> None:
            for _ in bare.pipe(texts, batch_size=config.nlp.batch_size):
                pass

        one = alternate({"newsint": ours_one, "spaCy": bare_one}, repeat, progress, "one at a time")
        many = alternate(
            {"newsint": ours_batched, "spaCy": bare_batched}, repeat, progress, "batched"
        )
    return {
        "bare_components": components,
        "bare_process": "own" if bare_process else "shared with newsint",
        "one_at_a_time": {
            "newsint": one["newsint"].as_dict(),
            "spacy": one["spaCy"].as_dict(),
            "ratio": ratio(one["spaCy"], one["newsint"]),
        },
        "batched": {
            "newsint": many["newsint"].as_dict(),
            "spacy": many["spaCy"].as_dict(),
            "ratio": ratio(many["spaCy"], many["newsint"]),
        },
    }


def analyze_calls(
    config: Config, raws: Sequence[str], repeat: int, progress: Callable[[str], None]
) -> dict[str, Any]:
    """`analyze(text)` called again and again against `analyze(text, pipeline=kept)`."""
    from newsint import analyze

    try:
        from newsint.pipeline import own_pipeline
    except ImportError:  # a checkout from before issue 19
        own_pipeline = Pipeline  # type: ignore[assignment]

    kept = own_pipeline(config)
    analyze(raws[0], config=config)  # the first call builds the shared pipeline: not counted

    def shared() -> None:
        for raw in raws:
            analyze(raw, config=config)

    def reused() -> None:
        for raw in raws:
            analyze(raw, config=config, pipeline=kept)

    best = alternate(
        {"analyze(text)": shared, "analyze(text, pipeline=p)": reused},
        repeat,
        progress,
        "analyze() calls",
    )
    calls = len(raws)
    return {
        "calls": calls,
        "analyze": best["analyze(text)"].as_dict(),
        "reused": best["analyze(text, pipeline=p)"].as_dict(),
        "cpu_ms_per_call": {
            "analyze": round(1000 * best["analyze(text)"].cpu_seconds / calls, 1),
            "reused": round(1000 * best["analyze(text, pipeline=p)"].cpu_seconds / calls, 1),
        },
        # how many times the reused pipeline's time analyze(text) takes (1.0 = the same)
        "cost": ratio(best["analyze(text)"], best["analyze(text, pipeline=p)"]),
    }


def aeb_pages(folder: Path, limit: int | None) -> list[tuple[str, bytes]]:
    """The pages of the article-extraction benchmark (gzipped HTML), in id order."""
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        path = folder / "html" / f"{page_id}.html.gz"
        if path.exists():
            pages.append((page_id, gzip.decompress(path.read_bytes())))
    return pages


def html_to_text(
    config: Config,
    pages: Sequence[tuple[str, bytes]],
    repeat: int,
    progress: Callable[[str], None],
) -> dict[str, Any]:
    """Reader + clean stage (what `newsint analyze page.html` gives as text) against
    `trafilatura.extract` with its defaults, given the same page decoded (decoding counted on
    newsint's side only)."""
    import trafilatura

    from newsint.readers.decode import decode_bytes

    clean = Pipeline(config, stages=["clean"])
    decoded = [decode_bytes(data, where, config.limits, html=True).text for where, data in pages]

    read_pages: list[str] = []  # pages the reader took (a refused page costs only its reading)

    def ours() -> None:
        read_pages.clear()
        for where, data in pages:
            items = [a for a in read_bytes(data, where, ".html", config) if isinstance(a, Analysis)]
            clean.run_batch(items)
            read_pages.extend(where for _ in items)

    def theirs() -> None:
        for html in decoded:
            trafilatura.extract(html)

    def theirs_with_metadata() -> None:  # what the reader also needs: title, author, date, site
        for html in decoded:
            trafilatura.extract(html, with_metadata=True)

    ours(), theirs()  # warm-up
    best = alternate(
        {
            "newsint": ours,
            "trafilatura": theirs,
            "trafilatura with metadata": theirs_with_metadata,
        },
        repeat,
        progress,
        "HTML to text",
    )
    return {
        "pages": len(pages),
        "refused": len(pages) - sum(1 for _ in read_pages),
        "newsint": best["newsint"].as_dict(),
        "trafilatura": best["trafilatura"].as_dict(),
        "trafilatura_with_metadata": best["trafilatura with metadata"].as_dict(),
        # how many times trafilatura's time newsint takes (target <= 1.1)
        "cost": ratio(best["newsint"], best["trafilatura"]),
        "cost_with_metadata": ratio(best["newsint"], best["trafilatura with metadata"]),
    }
