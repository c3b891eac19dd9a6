"""Dump what the html reader and the clean stage make of the article-extraction benchmark's
pages, one JSON line a page, so that a change to the reader can be checked page by page:

    python bench/html_dump.py --out before.jsonl          # on the old tree
    python bench/html_dump.py --out after.jsonl           # on the new tree
    python bench/html_dump.py --diff before.jsonl after.jsonl

A speed change must leave every field identical (title, author, site, URL, publication time and
its evidence, language, what was found where, raw and clean text).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from single import aeb_pages

from newsint.config import load_config
from newsint.errors import ParseProblem
from newsint.model import Analysis
from newsint.pipeline import Pipeline
from newsint.readers import read_bytes


def dump(folder: Path, out: Path) -> int:
    config = load_config(None)
    clean = Pipeline(config, stages=["clean"])
    with out.open("w", encoding="utf-8") as sink:
        pages = aeb_pages(folder, None)
        for where, data in pages:
            row: dict[str, object] = {"page": where}
            try:
                items = [
                    a for a in read_bytes(data, where, ".html", config) if isinstance(a, Analysis)
                ]
            except ParseProblem as problem:
                row["refused"] = str(problem)
                items = []
            clean.run_batch(items)
            row["analyses"] = [
                {
                    **a.article.model_dump(mode="json", exclude={"source"}),
                    "raw": a.raw,
                    "text": a.text,
                    "removals": [r.model_dump(mode="json") for r in a.cleaning],
                    "offsets": [s.model_dump(mode="json") for s in a.offsets],
                }
                for a in items
            ]
            sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    return len(pages)


def diff(before: Path, after: Path) -> int:
    """Print every field that differs; the number of pages with a difference."""
    old = [json.loads(line) for line in before.read_text("utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text("utf-8").splitlines()]
    if [r["page"] for r in old] != [r["page"] for r in new]:
        print("the two dumps hold different pages")
        return 1
    changed = 0
    for a, b in zip(old, new, strict=True):
        if a == b:
            continue
        changed += 1
        if a.get("refused") != b.get("refused") or len(a["analyses"]) != len(b["analyses"]):
            print(f"{a['page']}: refused {a.get('refused')!r} -> {b.get('refused')!r}")
            continue
        for x, y in zip(a["analyses"], b["analyses"], strict=True):
            for key in sorted(set(x) | set(y)):
                if x.get(key) != y.get(key):
                    show = (lambda v: v) if key not in ("raw", "text") else (lambda v: len(v or ""))
                    print(f"{a['page']}: {key}: {show(x.get(key))!r} -> {show(y.get(key))!r}")
    print(f"{len(old)} pages, {changed} with a difference")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = Path(os.environ.get("NEWSINT_DATA", "../shared/data"))
    parser.add_argument("--html", type=Path, default=data / "extraction" / "aeb")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--diff", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.diff:
        return diff(*args.diff)
    if not args.out:
        parser.error("give --out or --diff")
    print(f"{dump(args.html, args.out)} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
