"""Scale of the corpus analysis (copies + stories + claims + entities) on synthetic articles.

    .venv/bin/python bench/corpus_scale.py [--sizes 10000 30000 100000] [--workers 2]
                                           [--batch 1000] [--json out.json]

Articles are generated from our own vocabulary and templates (no data set needed): events with
invented names, numbers and quotes, each reported by an original, verbatim copies, truncated
copies, syndicated copies with a credit line, spun rewrites (synonyms swapped, sentences moved,
quotes kept), independent reports (own sentences, same names) and one-off unrelated articles.
Each size runs in a fresh process so peak memory is its own. Measured per size:

- features: extract_features in `--workers` processes (what the ingest workers do);
- add: CorpusAnalyzer.add in batches of `--batch` (single process, as the store calls it);
- load: a fresh CorpusAnalyzer.load of all stored features (start-up);
- peak RSS of the analyzing process (at the end, and after the adds before the load); the
  articles are generated batch by batch, so it is the analyzer's memory, not the texts'. The cost
  per article must stay about flat (no all-pairs).

Wall time depends on what else the machine runs; CPU seconds (in brackets) much less so: the
features' CPU is that of the worker processes, add and load run in the measuring process.

Never a unit test; numbers go to docs/benchmarks.md under "## Corpus".
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.model import Analysis, ArticleMeta, Published, stable_id
from newsint.stages.features.extract import extract_features
from newsint.stages.features.record import ArticleFeatures

# consonant-vowel-consonant syllables: ~1,000 of them, so invented names are as varied as real ones
SYLLABLES = [c + v + e for c in "bdfghklmnprstvz" for v in "aeiou" for e in "lnrst"]
NOUNS = [
    "council",
    "port",
    "ministry",
    "ship",
    "cargo",
    "court",
    "bridge",
    "river",
    "dam",
    "harbour",
    "crew",
    "factory",
    "budget",
    "school",
    "hospital",
    "union",
    "farmer",
    "police",
    "border",
    "memo",
    "report",
    "contract",
    "pipeline",
    "vessel",
    "road",
    "election",
    "vote",
    "market",
    "price",
    "grain",
    "loan",
    "bank",
    "tax",
    "water",
    "power",
    "plant",
    "mine",
    "strike",
    "protest",
    "investor",
    "company",
    "agency",
    "committee",
    "village",
    "district",
    "airport",
    "railway",
    "network",
    "fleet",
    "festival",
    "museum",
    "library",
    "stadium",
    "clinic",
    "doctor",
    "teacher",
    "judge",
    "lawyer",
    "minister",
    "mayor",
]
VERBS = [
    "approved",
    "rejected",
    "delayed",
    "announced",
    "blocked",
    "seized",
    "opened",
    "closed",
    "inspected",
    "funded",
    "expanded",
    "reduced",
    "questioned",
    "defended",
    "criticised",
    "praised",
    "reviewed",
    "suspended",
    "restored",
    "moved",
    "signed",
    "cancelled",
    "raised",
    "cut",
    "examined",
    "audited",
    "confirmed",
    "disputed",
    "launched",
    "ended",
]
ADJS = [
    "new",
    "old",
    "large",
    "small",
    "local",
    "regional",
    "national",
    "foreign",
    "public",
    "private",
    "northern",
    "southern",
    "eastern",
    "western",
    "rural",
    "urban",
    "annual",
    "early",
    "late",
    "major",
    "minor",
    "key",
    "temporary",
    "formal",
    "rapid",
]
# a synonym for every vocabulary word (a spin swaps them)
SYN = {}
for words in (NOUNS, VERBS, ADJS):
    for i, w in enumerate(words):
        SYN[w] = words[(i + 7) % len(words)]


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


# A large pseudo-vocabulary: each story draws its own topical words from it, as real news does,
# so unrelated stories do not look alike through a tiny shared word list.
_VOCAB_RNG = random.Random(1)
TOPIC_WORDS = sorted(
    {
        "".join(_VOCAB_RNG.choice(SYLLABLES) for _ in range(_VOCAB_RNG.randint(2, 3)))
        for _ in range(20000)
    }
)


# everyday words: the small lists plus the 1,500 most "frequent" pseudo-words
COMMON = NOUNS + ADJS + TOPIC_WORDS[:1500]


def filler(rng: random.Random, names: list[str], topic: list[str]) -> str:
    """A sentence of the story's own words, a few common ones and one from anywhere."""
    n = rng.choice(names)
    t = [rng.choice(topic) for _ in range(5)]
    return (
        f"The {rng.choice(COMMON)} {t[0]} {rng.choice(VERBS)} the {t[1]} {t[2]} of {n} after "
        f"the {t[3]} {rng.choice(TOPIC_WORDS)} a {t[4]} near the {rng.choice(COMMON)}."
    )


def event(rng: random.Random, k: int) -> dict:
    people = [f"{name(rng)} {name(rng, 3)}" for _ in range(3)]
    places = [name(rng, 3) for _ in range(2)]
    org = f"{name(rng)} {rng.choice(['Logistics', 'Holdings', 'Authority', 'Council'])}"
    numbers = [str(rng.randint(120, 98000)) for _ in range(3)]
    quote = " ".join(rng.choice(NOUNS + VERBS + ADJS) for _ in range(9))
    agency = f"{name(rng)} {rng.choice(['Wire', 'Press Service', 'News Agency'])}"
    return {
        "k": k,
        "topic": rng.sample(TOPIC_WORDS, 60),
        "people": people,
        "places": places,
        "org": org,
        "numbers": numbers,
        "quote": quote,
        "agency": agency,
        "day": 1 + k % 360,
    }


def original_text(rng: random.Random, ev: dict) -> list[str]:
    p, pl, n = ev["people"], ev["places"], ev["numbers"]
    names = p + pl + [ev["org"]]
    sentences = [
        f"Officials in {pl[0]} {rng.choice(VERBS)} {n[0]} {rng.choice(NOUNS)}s of "
        f"{ev['org']} on Monday, according to a memo obtained by {ev['agency']}.",
        f'"{ev["quote"]}," {p[0]} told {ev["agency"]}.',
        f"{p[1]}, who leads the {rng.choice(NOUNS)} in {pl[1]}, said {n[1]} people were affected.",
        f"{ev['agency']} could not independently verify the memo.",
        f"The {rng.choice(NOUNS)} is worth about {n[2]} euros, {p[2]} said.",
    ]
    sentences += [filler(rng, names, ev["topic"]) for _ in range(rng.randint(10, 18))]
    return sentences


def spin(rng: random.Random, sentences: list[str]) -> list[str]:
    out = []
    for s in sentences:
        words = s.split(" ")
        if '"' not in s:
            words = [SYN.get(w, w) if rng.random() < 0.4 else w for w in words]
        out.append(" ".join(words))
    for i in range(0, len(out) - 1, 3):
        out[i], out[i + 1] = out[i + 1], out[i]
    return out


def generate(n: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """(text, site, published, title) of n articles, ~60 % of them in multi-article stories."""
    return list(itertools.islice(stream(seed), n))


def stream(seed: int = 7) -> Iterator[tuple[str, str, str, str]]:
    """The articles of `generate`, one at a time (the first n of it are `generate(n)`), so the
    bench never holds 100 k texts: its peak memory is the analyzer's, not the generator's."""
    rng = random.Random(seed)
    k = 0
    while True:
        k += 1
        ev = event(rng, k)
        month, day = 1 + (ev["day"] - 1) // 30, 1 + (ev["day"] - 1) % 28
        date = f"2025-{month:02d}-{day:02d}"
        base = original_text(rng, ev)
        title = f"{ev['org']} {rng.choice(VERBS)} in {ev['places'][0]}"
        wire = ev["agency"].lower().replace(" ", "")
        if rng.random() < 0.4:  # a one-off story nobody copies
            yield ("\n\n".join(base), f"{wire}.example", f"{date}T08:00:00", title)
            continue
        yield ("\n\n".join(base), f"{wire}.example", f"{date}T08:00:00", title)
        for c in range(rng.randint(1, 4)):
            kind = rng.choice(["verbatim", "truncated", "syndicated", "spin", "independent"])
            if kind == "verbatim":
                text = base
            elif kind == "truncated":
                text = base[: max(4, len(base) * 2 // 3)]
            elif kind == "syndicated":
                text = [*base, f"This story was provided by {ev['agency']}."]
            elif kind == "spin":
                text = spin(rng, base)
            else:
                names = ev["people"] + ev["places"]
                text = [
                    f"{ev['people'][1]} said {ev['numbers'][1]} people in {ev['places'][1]} "
                    f"were affected by the {rng.choice(NOUNS)} of {ev['org']}."
                ] + [filler(rng, names, ev["topic"]) for _ in range(rng.randint(5, 9))]
            site = f"{name(rng)}{c}.example".lower()
            hour = 9 + c
            yield ("\n\n".join(text), site, f"{date}T{hour:02d}:00:00", title)


def _features(item: tuple[str, str, str, str]) -> str:
    text, site, published, title = item
    url = f"https://{site}/{stable_id('u', text, site)[2:]}"
    meta = ArticleMeta(
        id=stable_id("art", url, text),
        url=url,
        site=site,
        title=title,
        published=Published(date=published, source="metadata"),
    )
    analysis = Analysis(article=meta, text=text, raw=text)
    return extract_features(analysis, default_config()).model_dump_json()


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(n: int, workers: int, batch: int) -> dict:
    items = stream()
    store = Path(tempfile.mkdtemp()) / "features.jsonl"
    analyzer = CorpusAnalyzer(default_config())
    t_features = t_add = cpu_add = 0.0
    links = stories = clusters = 0
    with store.open("w") as out, ProcessPoolExecutor(workers) as pool:
        for start in range(0, n, batch):
            chunk = list(itertools.islice(items, min(batch, n - start)))
            t0 = time.perf_counter()
            rows = list(pool.map(_features, chunk, chunksize=64))
            t_features += time.perf_counter() - t0
            feats = [ArticleFeatures.model_validate_json(r) for r in rows]
            out.write("\n".join(rows) + "\n")
            t0, c0 = time.perf_counter(), time.process_time()
            delta = analyzer.add(feats)
            t_add += time.perf_counter() - t0
            cpu_add += time.process_time() - c0
            links += len(delta.copy_links)
            stories += len(delta.stories)
            clusters += len(delta.claim_clusters)
    multi = sum(1 for s in analyzer.stories.values() if len(s.articles) > 1)
    state = {
        "copy_links": len(analyzer.links),
        "stories": len(analyzer.stories),
        "multi_article_stories": multi,
        "pairs_related": len(analyzer.relations),
    }
    peak_add = _peak_mb()
    del analyzer
    features_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_features = features_cpu.ru_utime + features_cpu.ru_stime
    fresh = CorpusAnalyzer(default_config())
    t0, c0 = time.perf_counter(), time.process_time()
    with store.open() as fh:
        fresh.load(ArticleFeatures.model_validate_json(line) for line in fh if line.strip())
    t_load = time.perf_counter() - t0
    cpu_load = time.process_time() - c0
    peak = _peak_mb()
    store.unlink()
    return {
        "articles": n,
        "features_s": round(t_features, 1),
        "add_s": round(t_add, 1),
        "load_s": round(t_load, 1),
        "articles_per_s": round(n / (t_features + t_add), 1),
        "cpu_features_s": round(cpu_features, 1),
        "cpu_add_s": round(cpu_add, 1),
        "cpu_load_s": round(cpu_load, 1),
        "cpu_ms_per_article": round(1000 * (cpu_features + cpu_add) / n, 2),
        "add_ms_per_article": round(1000 * t_add / n, 2),
        "peak_rss_mb": round(peak),
        "peak_rss_add_mb": round(peak_add),
        **state,
        "deltas": {"links": links, "stories": stories, "claim_clusters": clusters},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.workers, args.batch)))
        return
    results = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)]
        cmd += ["--batch", str(args.batch)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True, env=os.environ)
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["wall_s"] = round(time.perf_counter() - t0, 1)
        results.append(row)
        print(json.dumps(row), flush=True)
    head = "| articles | wall s | features s (CPU) | add s (CPU) | load s (CPU) | articles/s |"
    print(head + " CPU ms/article | peak RSS MB (after add) | copy links | multi-article stories |")
    print("|" + "---|" * 10)
    for r in results:
        print(
            f"| {r['articles']:,} | {r['wall_s']} | {r['features_s']} ({r['cpu_features_s']}) | "
            f"{r['add_s']} ({r['cpu_add_s']}) | {r['load_s']} ({r['cpu_load_s']}) | "
            f"{r['articles_per_s']} | {r['cpu_ms_per_article']} | "
            f"{r['peak_rss_mb']} ({r['peak_rss_add_mb']}) | "
            f"{r['copy_links']:,} | {r['multi_article_stories']:,} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
