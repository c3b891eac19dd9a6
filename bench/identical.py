"""Dump the analyses of a fixed set of texts to one JSON file, to check that a speed-up leaves
every analysis byte for byte as it was (run it before and after, then compare the two files).

    .venv/bin/python bench/identical.py out.json [--polnear N] [--aeb N] [--data DIR]
    .venv/bin/python bench/identical.py --diff before.json after.json

The texts: every article of the bundled demo corpus, the first N PolNeAR dev texts and the
first N article-extraction-benchmark pages (both from $NEWSINT_DATA or ../shared/data, skipped
when absent). Every configured stage runs, in the pipeline's batches. Never a unit test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from newsint.config import load_config
from newsint.model import Analysis
from newsint.pipeline import Pipeline
from newsint.readers import read_bytes, read_path

ARTICLE_SUFFIXES = {".txt", ".html", ".json", ".jsonl"}


def inputs(data: Path, polnear: int, aeb: int) -> list[tuple[str, list[Analysis]]]:
    config = load_config(None)
    out: list[tuple[str, list[Analysis]]] = []
    demo = Path(str(resources.files("newsint.data").joinpath("demo")))
    for path in sorted(demo.iterdir()):
        if path.suffix in ARTICLE_SUFFIXES and not path.name.lower().startswith("readme"):
            items = [a for a in read_path(path, config) if isinstance(a, Analysis)]
            out.append((f"demo/{path.name}", items))
    texts = data / "attribution" / "polnear" / "dev" / "text"
    if texts.is_dir():
        for path in sorted(texts.iterdir())[:polnear]:
            items = [
                a
                for a in read_bytes(path.read_bytes(), path.name, ".txt", config)
                if isinstance(a, Analysis)
            ]
            out.append((f"polnear/{path.name}", items))
    pages = data / "extraction" / "aeb" / "html"
    if pages.is_dir():
        for path in sorted(pages.iterdir())[:aeb]:
            html = gzip.decompress(path.read_bytes())
            items = [
                a for a in read_bytes(html, path.name, ".html", config) if isinstance(a, Analysis)
            ]
            out.append((f"aeb/{path.name}", items))
    return out


def dump(target: Path, data: Path, polnear: int, aeb: int) -> None:
    pipeline = Pipeline(load_config(None))
    result: dict[str, list[dict[str, object]]] = {}
    for name, items in inputs(data, polnear, aeb):
        result[name] = [a.to_dict() for a in pipeline.run(items)]
        for d in result[name]:  # where the checkout lies is no part of the analysis
            d["article"]["source"] = name
        print(name, file=sys.stderr)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")


def diff(before: Path, after: Path) -> int:
    a = json.loads(before.read_text("utf-8"))
    b = json.loads(after.read_text("utf-8"))
    bad = 0
    for name in sorted(set(a) | set(b)):
        if a.get(name) == b.get(name):
            continue
        bad += 1
        for key in sorted({k for d in (a.get(name) or [{}]) + (b.get(name) or [{}]) for k in d}):
            x = [d.get(key) for d in a.get(name) or []]
            y = [d.get(key) for d in b.get(name) or []]
            if x != y:
                print(f"{name}: {key} differs")
    same = len(set(a) & set(b)) - bad
    print(f"{same} of {len(set(a) | set(b))} inputs identical; {bad} differ")
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, nargs="?", help="JSON file to write")
    parser.add_argument("--diff", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--polnear", type=int, default=40, help="PolNeAR dev texts")
    parser.add_argument("--aeb", type=int, default=20, help="article-extraction pages")
    parser.add_argument("--data", type=Path, help="evaluation data folder")
    args = parser.parse_args(argv)
    if args.diff:
        return diff(*args.diff)
    if args.out is None:
        parser.error("give an output file, or --diff BEFORE AFTER")
    data = args.data or Path(os.environ.get("NEWSINT_DATA", "../shared/data"))
    dump(args.out, data, args.polnear, args.aeb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
