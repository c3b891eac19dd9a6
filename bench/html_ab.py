"""HTML to text, before against after, in one process: another source tree's html reader and clean
stage (e.g. main, exported with `git archive <commit> src | tar -x -C /tmp/before`) against this
tree's, and both against `trafilatura.extract(html)`, alternated A, B, C `--repeat` times, each
side keeping its fastest run (CPU and wall seconds). Each side reads the page's bytes and cleans
the text, as `bench/single.py html_to_text` does; trafilatura gets the decoded page.

    PYTHONPATH=src python bench/html_ab.py --before /tmp/before/src --repeat 3

The other tree's `readers/html.py` and `stages/clean.py` are loaded as modules of their own; the
rest (decoding, rules, models) is this tree's, so use it for trees whose reader and clean stage
differ and the rest matches.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from single import Best, aeb_pages, ratio, timed

import newsint.readers as readers
from newsint.config import load_config
from newsint.model import Analysis
from newsint.readers.decode import decode_bytes
from newsint.stages import clean as clean_now


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = Path(os.environ.get("NEWSINT_DATA", "../shared/data"))
    parser.add_argument("--html", type=Path, default=data / "extraction" / "aeb")
    parser.add_argument("--before", type=Path, required=True, help="the other tree's src/")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import trafilatura

    config = load_config(None)
    pages = aeb_pages(args.html, None)
    decoded = [decode_bytes(data, where, config.limits, html=True).text for where, data in pages]
    html_then = _module(args.before / "newsint" / "readers" / "html.py", "before_html")
    clean_then = _module(args.before / "newsint" / "stages" / "clean.py", "before_clean")
    read_now = readers.read_html

    def side(read_html: object, clean: ModuleType) -> object:
        def run() -> None:
            readers.read_html = read_html  # what read_bytes calls for .html
            for where, data in pages:
                for item in readers.read_bytes(data, where, ".html", config):
                    if isinstance(item, Analysis):
                        clean.apply_clean(item, config.clean)
            readers.read_html = read_now

        return run

    def theirs() -> None:
        for html in decoded:
            trafilatura.extract(html)

    sides = {
        "before": side(html_then.read_html, clean_then),
        "after": side(read_now, clean_now),
        "trafilatura.extract": theirs,
    }
    for run in sides.values():
        run()  # warm-up
    best = {name: Best() for name in sides}
    for _ in range(args.repeat):
        for name, run in sides.items():
            best[name].add(*timed(run))
    base = best["trafilatura.extract"]
    print(f"{len(pages)} pages, best of {args.repeat}, A/B/C alternated")
    for name, b in best.items():
        r = ratio(b, base)
        print(
            f"{name:22s} CPU {b.cpu_seconds:6.3f} s  wall {b.seconds:6.3f} s  "
            f"/ extract(): CPU {r['cpu']:.3f}x  wall {r['wall']:.3f}x"
        )
    after_before = ratio(best["after"], best["before"])
    print(f"after / before: CPU {after_before['cpu']:.3f}x  wall {after_before['wall']:.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
