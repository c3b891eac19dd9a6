"""The time stage's cue windows and what the date model answers in each, on the bench pages,
TimeBank + AQUAINT and PolNeAR: how many windows the model reads, how many come back empty,
which cue words open the empty ones; what every part of the stage costs; its output.

    .venv/bin/python bench/time_windows.py prepare DIR [--data ../shared/data] [--articles 40]
    .venv/bin/python bench/time_windows.py windows DIR out.json [--corpus NAME ...]
    .venv/bin/python bench/time_windows.py stage DIR out.json [--corpus NAME ...]
    .venv/bin/python bench/time_windows.py parts DIR [--corpus NAME ...] [--repeat 5]

`prepare` parses each corpus once (as the pipeline or `newsint eval time` would) and keeps the
Docs (DocBin) with each text's publication date (found as the time stage finds it; DCT for
TimeBank). `windows` asks the date model about every cue window (the whole window, and again
through the fast path with its CPU; no cache), writes each window's cue words and answer, and
prints how many came back empty and which cue kinds opened those. `stage` dumps every `TimeExpr`
the stage finds, for a byte-for-byte diff between two checkouts. `parts` prints the stage's CPU
and its parts (the model's own runs, the cue windows, dateparser...). Corpora: bench
(bench/run.py's generated pages), timebank, polnear-dev, polnear-train. Never a unit test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsint.config import load_config
from newsint.model import Analysis
from newsint.pipeline import own_pipeline
from newsint.readers import read_bytes
from newsint.stages.base import Work

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (bench/run.py, beside this file)

CORPORA = ("bench", "timebank", "polnear-dev", "polnear-train")
SENTINEL = datetime(2000, 1, 5)  # the stage's reference date when the publication is unknown


def _publication(work: Work, cfg: Any, years: tuple[int, int]) -> date | None:
    """The publication date as `TimeStage.__call__` works it out (dateline included)."""
    from newsint.stages.time.stage import find_dateline, publication_date

    pub = publication_date(work.analysis.article.published)
    if pub is None:
        found = find_dateline(work.analysis.raw, cfg.dateline_window_chars)
        pub = date.fromisoformat(found[0]) if found else None
    if pub is not None and not years[0] <= pub.year <= years[1]:
        pub = None
    return pub


def _raws(name: str, data: Path, articles: int) -> list[tuple[str, bytes]]:
    config = load_config(None)
    if name == "bench":
        material = run.corpus_material(run.bundled_demo(), config) or run.fallback_material()
        pages = run.make_articles(material, articles, 0)
        return [(f"bench-{i}", page.encode()) for i, page in enumerate(pages)]
    split = name.split("-", 1)[1]
    folder = data / "attribution" / "polnear" / split / "text"
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


def prepare(out: Path, data: Path, articles: int, names: Sequence[str]) -> None:
    from spacy.tokens import DocBin

    config = load_config(None)
    pipeline = own_pipeline(config)
    k = [s.name for s in pipeline.stages].index("nlp")
    out.mkdir(parents=True, exist_ok=True)
    years = (config.limits.min_published_year, config.limits.max_published_year)
    for name in names:
        start = time.process_time()
        if name == "timebank":
            from newsint.evaluate.time import DATASET, _dct
            from newsint.evaluate.timeml import read_corpus

            tml = read_corpus(data / DATASET)
            nlp = pipeline.stages[k].nlp  # type: ignore[attr-defined]
            docs = list(nlp.pipe([d.text for d in tml], batch_size=16))
            texts = [d.text for d in tml]
            ids = [d.name for d in tml]
            pubs = [_dct(d) for d in tml]
        else:
            works = []
            for ident, raw in _raws(name, data, articles):
                for a in read_bytes(raw, ident, ".txt", config):
                    if isinstance(a, Analysis):
                        works.append(Work(a))
            for stage in pipeline.stages[: k + 1]:
                stage(works)
            docs = [w.doc for w in works]
            texts = [w.analysis.text for w in works]
            ids = [w.analysis.article.id for w in works]
            pubs = [_publication(w, config.time, years) for w in works]
        DocBin(docs=docs).to_disk(out / f"{name}.spacy")
        meta = {
            "texts": texts,
            "ids": ids,
            "pubs": [p.isoformat() if p else None for p in pubs],
        }
        (out / f"{name}.json").write_text(json.dumps(meta))
        print(f"{name}: {len(docs)} texts, {time.process_time() - start:.1f} CPU s", flush=True)


def load(folder: Path, name: str) -> Iterator[tuple[str, str, Any, date | None]]:
    """(id, text, Doc, publication date) of each prepared text."""
    import spacy
    from spacy.tokens import DocBin

    meta = json.loads((folder / f"{name}.json").read_text())
    vocab = spacy.blank("en").vocab
    docs = DocBin().from_disk(folder / f"{name}.spacy").get_docs(vocab)
    for ident, text, doc, pub in zip(meta["ids"], meta["texts"], docs, meta["pubs"], strict=True):
        assert doc.text == text, ident
        yield ident, text, doc, date.fromisoformat(pub) if pub else None


def _answer(results: list[Any]) -> list[list[Any]]:
    """The model's results as plain data (offsets, words, kind, resolution)."""
    return [
        [r.start, r.end, r.text, r.type_name, json.dumps(r.resolution, sort_keys=True, default=str)]
        for r in results
    ]


_DIGIT_KINDS = (
    ("year", re.compile(r"\d{4}")),
    ("numeric date", re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}")),
    ("clock", re.compile(r"\d:\d\d")),
    ("am/pm, zone", re.compile(r"\d\s*\D")),
    ("ordinal", re.compile(r"\d(?:st|nd|rd|th)", re.IGNORECASE)),
    ("'yy", re.compile(r"['’]\d\d")),
    ("decade", re.compile(r"\d0['’]?s", re.IGNORECASE)),
    ("quarter", re.compile(r"q[1-4]", re.IGNORECASE)),
)
_WORD_KINDS = ("month", "weekday", "today/yesterday", "unit word", "holiday")


def cue_kinds(text: str) -> list[tuple[str, str]]:
    """(kind, words) of each cue match in `text`: the [cue] digits' shapes, the words' groups."""
    from newsint.stages.time.rules import rules

    r = rules()
    out = []
    for m in r.cue.finditer(text):
        found = m.group()
        if m.lastindex is None:
            kind = next((k for k, p in _DIGIT_KINDS if p.fullmatch(found)), "digits")
        else:
            kind = _WORD_KINDS[m.lastindex - 1]
        end = m.end()
        while end < len(text) and text[end].isalnum():
            end += 1  # the whole word the cue starts ("fall" -> "falling")
        word = text[m.start() : end].lower()
        if found.lower() in r.inert_cues:
            kind = "inert"
        out.append((kind, word))
    return out


def windows(folder: Path, out: Path, names: Sequence[str]) -> None:
    """Every cue window, its cue words, the model's answer (whole window; and through the fast
    path, with its CPU), cache off."""
    from newsint.config import load_config
    from newsint.stages.time import focus, recognizer
    from newsint.stages.time.candidates import windows as cue_windows

    cfg = load_config(None).time
    whole = recognizer.load(0)
    fast = recognizer.load(0, focus.build(cfg))
    rows = []
    for name in names:
        n = 0
        for ident, text, doc, pub in load(folder, name):
            ref = datetime(pub.year, pub.month, pub.day) if pub else SENTINEL
            for a, b in cue_windows(text, doc, cfg.window_chars, cfg.recognizer_max_chars):
                chunk = text[a:b]
                answer = _answer(whole.parse(chunk, ref))
                calls = fast.calls
                cpu = time.process_time()
                got = _answer(fast.parse(chunk, ref))
                cpu = time.process_time() - cpu
                rows.append(
                    {
                        "corpus": name,
                        "id": ident,
                        "start": a,
                        "end": b,
                        "ref": ref.date().isoformat(),
                        "cues": cue_kinds(chunk),
                        "answer": answer,
                        "fast_equal": got == answer,
                        "fast_calls": fast.calls - calls,
                        "cpu": cpu,
                    }
                )
                n += 1
        print(f"{name}: {n} windows", flush=True)
    out.write_text(json.dumps(rows))
    summary(rows)


def summary(rows: list[dict[str, Any]]) -> None:
    """Windows, distinct (window, date), empty ones, and the cue kinds of the empty ones."""
    by_corpus: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_corpus.setdefault(row["corpus"], []).append(row)
    for name, group in by_corpus.items():
        seen: set[tuple[str, str]] = set()
        distinct = []
        for row in group:
            key = (json.dumps(row["cues"]) + row["id"] + str(row["start"]), row["ref"])
            if key not in seen:
                seen.add(key)
                distinct.append(row)
        empty = [r for r in group if not r["answer"]]
        ran = [r for r in group if r["fast_calls"]]
        cpu = sum(r["cpu"] for r in group)
        cpu_empty = sum(r["cpu"] for r in empty)
        unequal = sum(not r["fast_equal"] for r in group)
        print(
            f"{name}: {len(group)} windows, model ran on {len(ran)}, empty {len(empty)}"
            f" (model ran on {sum(1 for r in empty if r['fast_calls'])}), CPU {cpu:.2f} s"
            f" of which empty {cpu_empty:.2f} s; fast path unequal: {unequal}"
        )
        kinds: Counter[str] = Counter()
        words: Counter[str] = Counter()
        for r in empty:
            kinds[" + ".join(sorted({k for k, _ in r["cues"]}))] += 1
            words.update({w for _, w in r["cues"]})
        print("  empty windows by their cue kinds:", kinds.most_common(12))
        print("  cue words in empty windows:", words.most_common(30))


def stage(folder: Path, out: Path, names: Sequence[str]) -> None:
    """Every `TimeExpr` the stage finds in each prepared text, as JSON (diff two checkouts)."""
    from newsint.stages.base import Resources
    from newsint.stages.time.stage import TimeStage, find_times

    time_stage = TimeStage(Resources(load_config(None)))
    dump: dict[str, list[Any]] = {}
    for name in names:
        for ident, text, doc, pub in load(folder, name):
            found = find_times(
                text, doc, ident, pub, time_stage.model, time_stage.parser, time_stage.cfg
            )
            dump[f"{name}/{ident}"] = [t.model_dump(mode="json") for t in found]
        print(f"{name}: {sum(len(v) for k, v in dump.items() if k.startswith(name))} expressions")
    out.write_text(json.dumps(dump, indent=0, sort_keys=True))


def parts(folder: Path, names: Sequence[str], repeat: int) -> None:
    """The stage's CPU on each corpus and how much of it went where (least of `repeat` runs,
    the recogniser's cache emptied before each; the parts timed by wrapping them)."""
    import newsint.stages.time.candidates as candidates_module
    import newsint.stages.time.stage as stage_module
    from newsint.stages.base import Resources

    time_stage = stage_module.TimeStage(Resources(load_config(None)))
    spent: Counter[str] = Counter()

    def timed(owner: Any, attr: str, label: str) -> None:
        inner = getattr(owner, attr)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            cpu = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - cpu

        setattr(owner, attr, wrapper)

    timed(time_stage.model, "_run", "the model's own runs")
    timed(time_stage.model, "parse", "recogniser calls (fast path, cache, copies)")
    timed(stage_module, "candidates", "candidates()")
    timed(candidates_module, "windows", "cue windows")
    timed(stage_module, "normalise_recognized", "normalise_recognized")
    timed(stage_module, "normalise_spacy", "normalise_spacy (dateparser)")
    for name in names:
        items = list(load(folder, name))
        best, parts_best = float("inf"), Counter[str]()
        for _ in range(repeat + 1):  # the first run warms dateparser and the regex caches
            time_stage.model.clear_cache()
            spent.clear()
            cpu = time.process_time()
            for ident, text, doc, pub in items:
                stage_module.find_times(
                    text, doc, ident, pub, time_stage.model, time_stage.parser, time_stage.cfg
                )
            cpu = time.process_time() - cpu
            if cpu < best:
                best, parts_best = cpu, Counter(spent)
        print(f"{name}: time stage {best:.3f} CPU s")
        for label, seconds in parts_best.items():
            print(f"  {label:<45} {seconds:.3f} ({seconds / best:.0%})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("prepare", "windows", "stage", "parts"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    names = args.corpus or list(CORPORA)
    if args.command == "prepare":
        prepare(args.folder, args.data, args.articles, names)
    elif args.command == "windows":
        windows(args.folder, args.out, names)
    elif args.command == "stage":
        stage(args.folder, args.out, names)
    else:
        parts(args.folder, names, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
