"""HTML to text, before against after, in one process: another source tree's html reader and clean
stage (e.g. main, exported with `git archive <commit> src | tar -x -C /tmp/before`) against this
tree's, and both against `trafilatura.extract(html)`. Each side reads the page's bytes and cleans
the text, as `bench/single.py html_to_text` does; trafilatura gets the decoded page.

    PYTHONPATH=src python bench/html_ab.py --before /tmp/before/src --repeat 5

Two estimates, from the same runs, in CPU seconds:

- passes: A, B, C alternated over the whole set `--repeat` times, each side keeping its
  fastest pass (as `bench/single.py`);
- per page: within each pass every page runs on the three sides one after the other (the order
  rotating from pass to pass), and each side keeps each page's fastest time over the passes; the
  sum of those minima. A burst of load from other jobs on a shared machine spoils one page's
  time on one side, not a whole pass, so this estimate moves less from run to run.

The other tree's `readers/html.py` and `stages/clean.py` are loaded as modules of their own,
with the other tree's readers package (decoding, metadata, byline) in place of this tree's
while its side runs; the rest (rules, models, config) is this tree's.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from single import aeb_pages

import newsint.readers as readers
from newsint.config import Config, load_config
from newsint.model import Analysis
from newsint.readers.decode import decode_bytes
from newsint.stages import clean as clean_now

Side = Callable[[int], None]  # runs one page, by index


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _other_readers(src: Path) -> dict[str, ModuleType]:
    """The other tree's reader modules that the html reader imports (the ones it has), loaded
    under their own names with the other tree's html.py bound to them."""
    names = ["decode", "byline", "html_meta", "html_text"]
    own = {
        n: sys.modules[f"newsint.readers.{n}"]
        for n in names
        if f"newsint.readers.{n}" in sys.modules
    }
    loaded: dict[str, ModuleType] = {}
    folder = src / "newsint" / "readers"
    try:  # the other html.py imports `newsint.readers.<name>`: give it the other tree's
        for name in names:
            if (folder / f"{name}.py").exists():
                loaded[name] = _module(folder / f"{name}.py", f"newsint.readers.{name}")
        loaded["html"] = _module(folder / "html.py", "before_html")
    finally:
        for name in names:
            if name in own:
                sys.modules[f"newsint.readers.{name}"] = own[name]
            else:
                sys.modules.pop(f"newsint.readers.{name}", None)
    return loaded


@contextmanager
def _reader(read_html: object) -> Iterator[None]:
    now = readers.read_html
    readers.read_html = read_html  # type: ignore[assignment]  # what read_bytes calls for .html
    try:
        yield
    finally:
        readers.read_html = now


def _side(
    pages: list[tuple[str, bytes]], config: Config, read_html: object, clean: ModuleType
) -> Side:
    def run(i: int) -> None:
        where, data = pages[i]
        with _reader(read_html):
            for item in readers.read_bytes(data, where, ".html", config):
                if isinstance(item, Analysis):
                    clean.apply_clean(item, config.clean)

    return run


def measure(
    sides: dict[str, Side], pages: int, repeat: int
) -> tuple[dict[str, float], dict[str, float]]:
    """(fastest pass, sum of per-page fastest) CPU seconds of each side."""
    names = list(sides)
    passes = {name: float("inf") for name in names}
    per_page = {name: [float("inf")] * pages for name in names}
    for r in range(repeat):
        for name in names:  # a whole pass each, alternated
            start = time.process_time()
            for i in range(pages):
                sides[name](i)
            passes[name] = min(passes[name], time.process_time() - start)
        order = names[r % len(names) :] + names[: r % len(names)]
        for i in range(pages):  # page by page, the sides' order rotating from pass to pass
            for name in order:
                start = time.process_time()
                sides[name](i)
                per_page[name][i] = min(per_page[name][i], time.process_time() - start)
    return passes, {name: sum(times) for name, times in per_page.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = Path(os.environ.get("NEWSINT_DATA", "../shared/data"))
    parser.add_argument("--html", type=Path, default=data / "extraction" / "aeb")
    parser.add_argument("--before", type=Path, required=True, help="the other tree's src/")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import trafilatura

    config = load_config(None)
    pages = aeb_pages(args.html, None)
    decoded = [decode_bytes(data, where, config.limits, html=True).text for where, data in pages]
    then = _other_readers(args.before)
    clean_then = _module(args.before / "newsint" / "stages" / "clean.py", "before_clean")

    def theirs(i: int) -> None:
        trafilatura.extract(decoded[i])

    sides = {
        "before": _side(pages, config, then["html"].read_html, clean_then),
        "after": _side(pages, config, readers.read_html, clean_now),
        "trafilatura.extract": theirs,
    }
    for run in sides.values():  # warm-up
        for i in range(len(pages)):
            run(i)
    passes, per_page = measure(sides, len(pages), args.repeat)
    print(f"{len(pages)} pages, {args.repeat} passes; CPU seconds")
    ratio = "/ extract()"
    print(f"{'':22s} {'fastest pass':>12s} {ratio:>11s} {'per-page sum':>12s} {ratio:>11s}")
    for name in sides:
        print(
            f"{name:22s} {passes[name]:12.3f} {passes[name] / passes['trafilatura.extract']:10.3f}x"
            f" {per_page[name]:12.3f} {per_page[name] / per_page['trafilatura.extract']:10.3f}x"
        )
    print(
        f"after / before: {passes['after'] / passes['before']:.3f}x (passes), "
        f"{per_page['after'] / per_page['before']:.3f}x (per page)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
