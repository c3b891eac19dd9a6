"""Fuzz the reader and the analysis with mutated demo and test articles, each under the article
budget, and count what is not a clean outcome.

    .venv/bin/python bench/fuzz.py [--inputs 10000] [--start 0] [--seed 0] [--jobs 1]
                                   [--json out.json] [--stages clean,nlp,...]

Each input is a demo article (src/newsint/data/demo) or a test fixture (tests/fixtures), with
one to three mutations drawn from a seeded generator (the same --seed gives the same inputs;
an input is named by its index and mutations, so any finding can be replayed with
`--only INDEX`; a stopped campaign is continued with `--start`, the inputs being the same):
byte flips, splices of two articles, confusable letters (Cyrillic and Greek
look-alikes), long punctuation runs, odd dates in the text and in the metadata, huge numbers,
NUL and control bytes, one endless line, a paragraph repeated, UTF-16 without a byte-order mark.

Inputs are read (`read_bytes`, as `newsint analyze` and ingest do) and analysed by the local
engine in worker processes under [limits] (wall clock per article, RLIMIT_AS). Outcomes:

- ok: analysed; refused: a clean InputError from the reader (unreadable, impossible date, …);
- failed: the analysis refused it cleanly (e.g. text over max_text_chars);
- over budget: a clean per-article failure for time or memory (a hang or a blow-up, caught);
- stage exception: a stage raised (caught and reported per article, but a bug to fix);
- unhandled: an exception that escaped the reader or the engine (must be 0).

Stage exceptions and unhandled ones are grouped by where they were raised (distinct
tracebacks). Numbers go to docs/benchmarks.md ("Reliability"). Never a unit test (the bounded
hypothesis test in tests/bench/test_fuzz.py is).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsint.config import Config, default_config  # noqa: E402
from newsint.engines.local import Analysed, LocalEngine  # noqa: E402
from newsint.errors import InputError, OverBudget, StageFailed  # noqa: E402
from newsint.model import Analysis  # noqa: E402
from newsint.readers import read_bytes  # noqa: E402

SUFFIXES = (".txt", ".html", ".json", ".jsonl")
CONFUSABLES = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "i": "і",
    "s": "ѕ",
    "A": "Α",
    "B": "Β",
    "E": "Ε",
    "H": "Η",
    "K": "Κ",
    "M": "Μ",
    "O": "Ο",
    "P": "Ρ",
    "T": "Τ",
}
ODD_DATES = [
    "on 31 February 2023",
    "in the year 9999",
    "on 1 January 0001",
    "10,000 years ago",
    "on March 32, 2020",
    "in the 99th century",
    "in 3000000 BC",
    "from 2021 to 1821",
    "at 25:61 on Tuesday",
    "every 0 days",
    "for 99999999999999 years",
    "99999 days later",
    "in 1e400",
    "on 0000-00-00",
    "between 9998 and 10001",
]
META_DATES = ["0001-01-01", "9999-12-31", "2023-02-30", "-5", "1e9", "", "1799-12-31", "2200-01-01"]
HUGE = ["1" + "0" * 400, "10^308", "1e99999", "$" + "9" * 300 + " million", "-" + "9" * 60]
RUNS = ["!", "?!", ".", "—", "*", "=", "…", "'"]


def seeds() -> list[tuple[str, bytes, str]]:
    """(name, bytes, suffix) of every demo article and test fixture we can read."""
    found = []
    for folder in (ROOT / "src/newsint/data/demo", ROOT / "tests/fixtures"):
        for path in sorted(folder.iterdir()):
            if path.suffix in SUFFIXES and path.is_file():
                found.append((path.name, path.read_bytes(), path.suffix))
    return found


def _at(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def byte_flips(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def splice(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    other = rng.choice(others)
    return data[: _at(rng, data)] + other[_at(rng, other) :]


def confusables(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    text = data.decode("utf-8", "replace")
    share = rng.choice([0.02, 0.2, 1.0])
    swapped = "".join(
        CONFUSABLES[c] if c in CONFUSABLES and rng.random() < share else c for c in text
    )
    return swapped.encode("utf-8")


def insert(rng: random.Random, data: bytes, piece: str) -> bytes:
    at = _at(rng, data)
    return data[:at] + piece.encode("utf-8") + data[at:]


def punctuation_run(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    return insert(rng, data, " " + rng.choice(RUNS) * rng.choice([50, 1000, 5000, 20000]) + " ")


def odd_date(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    if data.lstrip().startswith(b"{") and rng.random() < 0.5:
        try:
            record = json.loads(data)
        except ValueError:
            record = None
        if isinstance(record, dict):
            record["date_publish"] = rng.choice(META_DATES)
            return json.dumps(record).encode("utf-8")
    return insert(rng, data, f" The talks resumed {rng.choice(ODD_DATES)}. ")


def huge_number(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    return insert(rng, data, f" Damages reached {rng.choice(HUGE)} on Monday. ")


def control_bytes(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out.insert(_at(rng, bytes(out)), rng.choice([0, 1, 7, 8, 11, 27, 127]))
    return bytes(out)


def one_line(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    return data.replace(b"\n", b" ") * rng.choice([1, 5, 20])


def repeat_paragraph(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    parts = data.split(b"\n\n")
    chosen = rng.choice(parts)
    return b"\n\n".join(parts + [chosen] * rng.choice([10, 100, 400]))


def utf16(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    return data.decode("utf-8", "replace").encode(rng.choice(["utf-16-le", "utf-16-be"]))


Mutation = Callable[[random.Random, bytes, list[bytes]], bytes]
MUTATIONS: dict[str, Mutation] = {
    "byte-flips": byte_flips,
    "splice": splice,
    "confusables": confusables,
    "punctuation-run": punctuation_run,
    "odd-date": odd_date,
    "huge-number": huge_number,
    "control-bytes": control_bytes,
    "one-line": one_line,
    "repeat-paragraph": repeat_paragraph,
    "utf-16": utf16,
}


def mutated(seed: int, index: int, pool: list[tuple[str, bytes, str]]) -> tuple[str, bytes, str]:
    """Input number `index`: (description, bytes, suffix), the same for the same seed."""
    rng = random.Random(f"{seed}:{index}")
    name, data, suffix = rng.choice(pool)
    others = [d for _, d, _ in pool]
    done = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(sorted(MUTATIONS))
        data = MUTATIONS[kind](rng, data, others)
        done.append(kind)
    return f"#{index} {name} +{'+'.join(done)}", data, suffix


def where_raised(trace: str) -> str:
    """A traceback's last frame ("file:line in function"), to group failures."""
    frames = [line.strip() for line in trace.splitlines() if line.strip().startswith("File ")]
    last = frames[-1] if frames else trace.strip().splitlines()[-1] if trace.strip() else "?"
    kind = trace.strip().splitlines()[-1].split(":", 1)[0] if trace.strip() else "?"
    return f"{kind} at {last}"


def read_all(
    seed: int, indices: list[int], pool: list[tuple[str, bytes, str]], config: Config, tally: dict
) -> Iterator[Analysis]:
    """Read each input; what the reader refuses or raises is settled here."""
    for index in indices:
        label, data, suffix = mutated(seed, index, pool)
        try:
            items = list(read_bytes(data, label, suffix, config))
        except Exception:
            trace = traceback.format_exc()
            tally["outcomes"]["unhandled"] += 1
            tally["unhandled"].setdefault(where_raised(trace), []).append(label)
            continue
        for item in items:
            if isinstance(item, Analysis):
                yield item
            elif isinstance(item, InputError):
                tally["outcomes"]["refused"] += 1
                tally["refused"][item.code] += 1
            else:  # a Link: a feed entry that only links; nothing to analyse here
                tally["outcomes"]["link"] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10000)
    parser.add_argument(
        "--start", type=int, default=0, help="first input number (continue a stopped campaign)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", type=int, nargs="*", help="replay these input numbers")
    parser.add_argument("--stages", default="", help="comma-separated (default: the config's)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    config = default_config()
    stages = [s for s in args.stages.split(",") if s] or None
    pool = seeds()
    indices = list(args.only) if args.only else list(range(args.start, args.start + args.inputs))
    tally: dict = {
        "outcomes": Counter(),
        "refused": Counter(),
        "failed": Counter(),
        "over_budget": [],
        "stage_exceptions": {},
        "unhandled": {},
    }
    started = time.monotonic()
    engine = LocalEngine(config, jobs=args.jobs, stages=stages)
    try:
        for n, result in enumerate(engine.run(read_all(args.seed, indices, pool, config, tally))):
            if isinstance(result, Analysed):
                tally["outcomes"]["ok"] += 1
            elif isinstance(result, OverBudget):
                tally["outcomes"]["over budget"] += 1
                tally["over_budget"].append(f"{result.where}: {result.problem}")
            elif isinstance(result, StageFailed):
                tally["outcomes"]["stage exception"] += 1
                key = f"{result.stage}: {where_raised(result.trace)}"
                tally["stage_exceptions"].setdefault(key, []).append(result.where)
            else:
                tally["outcomes"]["failed"] += 1
                tally["failed"][result.problem[:80]] += 1
            if n and n % 100 == 0:
                print(f"{n} analysed, {time.monotonic() - started:.0f} s", file=sys.stderr)
                if args.json:  # a long campaign can be stopped and still counted
                    write(args, tally, started, partial=True)
    except Exception:
        trace = traceback.format_exc()
        tally["outcomes"]["unhandled"] += 1
        tally["unhandled"].setdefault(where_raised(trace), []).append("the engine")
    finally:
        engine.close()
    seconds = time.monotonic() - started
    if args.json:
        write(args, tally, started, partial=False)
    print(f"{len(indices)} inputs in {seconds:.0f} s (seed {args.seed}): {dict(tally['outcomes'])}")
    print(f"  refused by the reader: {dict(tally['refused'])}")
    print(f"  over budget (clean per-article failures): {len(tally['over_budget'])}")
    for kind, rows in (("stage exception", "stage_exceptions"), ("unhandled", "unhandled")):
        groups = tally[rows]
        print(f"  {kind}s: {sum(len(v) for v in groups.values())} in {len(groups)} distinct places")
        for key, labels in groups.items():
            print(f"    {len(labels)} x {key}  e.g. {labels[0]}")


def write(args: argparse.Namespace, tally: dict, started: float, partial: bool) -> dict:
    """The report as JSON (also while running: `partial` counts what is done so far)."""
    seconds = time.monotonic() - started
    report = {
        "inputs": sum(tally["outcomes"].values()),
        "partial": partial,
        "seed": args.seed,
        "first": args.start,
        "seconds": round(seconds, 1),
        "outcomes": dict(tally["outcomes"]),
        "refused": dict(tally["refused"]),
        "failed": dict(tally["failed"]),
        "over_budget": tally["over_budget"],
        "stage_exceptions": {k: v[:5] for k, v in tally["stage_exceptions"].items()},
        "unhandled": {k: v[:5] for k, v in tally["unhandled"].items()},
    }
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return report


if __name__ == "__main__":
    main()
