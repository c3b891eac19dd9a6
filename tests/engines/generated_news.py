"""Short fictional news articles in stories (originals, copies, rewrites, unrelated pieces).

Our own invented vocabulary and names; never text from a data set. Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

TOWNS = ["Brelmora", "Kastavel", "Ondrigo", "Pellask", "Varuna Bay", "Tessivar", "Moldrenne"]
PEOPLE = [
    "Anika Vorel",
    "Tomas Brenik",
    "Lida Marsk",
    "Emre Saldan",
    "Ilse Korrow",
    "Paulo Dremmet",
    "Nadia Oskeva",
    "Joren Teval",
]
BODIES = ["Harbour Authority", "Rail Council", "Water Board", "Grain Cooperative", "Bus Union"]
WIRES = ["Norvale Press Service", "Eastmark Wire", "Lakeside News Agency"]
THINGS = [
    "bridge",
    "ferry line",
    "depot",
    "canal lock",
    "grain silo",
    "tram route",
    "pumping station",
]
VERBS = ["closed", "reopened", "inspected", "repaired", "sold", "expanded", "suspended"]
SYN = {
    "closed": "shut",
    "said": "stated",
    "repaired": "fixed",
    "people": "residents",
    "about": "roughly",
    "officials": "authorities",
    "on Monday": "early this week",
}


SYLLABLES = ["ka", "ro", "vel", "mi", "tor", "an", "sel", "du", "pra", "len", "os", "ti", "bur"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _story(rng: random.Random, k: int) -> tuple[list[str], str, str]:
    """A story of its own: invented towns and people, so stories do not run together."""
    town = f"{rng.choice(TOWNS).split()[0]}{_name(rng, 2).lower()}"
    other = _name(rng, 3)
    boss = f"{rng.choice(PEOPLE).split()[0]} {_name(rng, 3)}"
    aide = f"{rng.choice(PEOPLE).split()[0]} {_name(rng, 3)}"
    body = f"{rng.choice(BODIES)} of {town}"
    thing, verb = rng.choice(THINGS), rng.choice(VERBS)
    n1, n2 = rng.randint(120, 9800), rng.randint(12, 990)
    wire = rng.choice(WIRES)
    quote = f"We {verb} the {thing} because the survey number {k} left us no choice"
    w = [_name(rng, rng.randint(2, 3)).lower() for _ in range(12)]  # the story's own words
    sentences = [
        f"The {body} {verb} the {w[0]} {thing} near {other} on Monday after the {w[1]} {w[2]}.",
        f'"{quote}," {boss} told {wire}.',
        f"{aide} said about {n1} {w[3]} {w[4]}s depend on the {w[5]} {thing}.",
        f"Repairs to the {w[6]} {w[7]} will cost {n2} thousand crowns, the {w[8]} office said.",
        f"Traders in {other} called the {w[9]} {w[10]} a {w[11]} worry since case {k}.",
    ]
    return sentences, wire, f"2025-{1 + k % 12:02d}-{1 + k % 27:02d}"


def _spin(rng: random.Random, sentences: list[str]) -> list[str]:
    out = []
    for s in sentences:
        if '"' not in s:
            for a, b in SYN.items():
                s = s.replace(a, b)
        out.append(s)
    out[2], out[3] = out[3], out[2]
    return out


def generate(n: int, seed: int = 11) -> list[dict[str, str]]:
    """n news-please style records (maintext, title, url, site, date_publish)."""
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    k = 0
    while len(out) < n:
        k += 1
        sentences, wire, day = _story(rng, k)
        wire_site = wire.split()[0].lower() + ".example"
        copies = 0 if rng.random() < 0.35 else rng.randint(1, 3)
        versions = [("orig", sentences, wire_site)]
        for c in range(copies):
            kind = rng.choice(["verbatim", "truncated", "syndicated", "spin"])
            text = {
                "verbatim": sentences,
                "truncated": sentences[:4],
                "syndicated": [*sentences, f"This story was provided by {wire}."],
                "spin": _spin(rng, sentences),
            }[kind]
            versions.append((kind, text, f"paper{k % 9}{c}.example"))
        for hour, (kind, text, site) in enumerate(versions):
            out.append(
                {
                    "maintext": "\n\n".join(text),
                    "title": sentences[0][:60],
                    "url": f"https://{site}/{k}-{kind}-{hour}",
                    "source_domain": site,
                    "date_publish": f"{day} {8 + hour:02d}:00:00",
                }
            )
    return out[:n]


def features(records: list[dict[str, str]]) -> list[Any]:
    """Corpus features of records, without the NLP stages (what the analyzer compares)."""
    from handmade import article
    from newsint.config import default_config
    from newsint.stages.features.extract import extract_features

    cfg = default_config()
    return [
        extract_features(
            article(
                r["maintext"],
                url=r["url"],
                site=r["source_domain"],
                title=r["title"],
                published=r["date_publish"].replace(" ", "T"),
            ),
            cfg,
        )
        for r in records
    ]


def write_jsonl(folder: Path, n: int, per_file: int = 100, seed: int = 11) -> Path:
    """The articles as JSONL files of `per_file` lines in `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    records = generate(n, seed)
    for start in range(0, n, per_file):
        with (folder / f"part-{start // per_file:04d}.jsonl").open("w") as fh:
            for r in records[start : start + per_file]:
                fh.write(json.dumps(r) + "\n")
    return folder
