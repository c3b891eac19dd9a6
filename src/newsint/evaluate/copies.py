"""`newsint eval copies`: copy detection on our own articles and generated variants of them.

No outside data: the bundled demo corpus (its manifest says which article copies which, and how)
plus, for every original and unrelated demo article, generated variants whose kind we know:

- verbatim (the same text on another site), truncated (the first two thirds), re-ordered
  (paragraphs shuffled) -> verbatim;
- syndicated (verbatim plus "This story was provided by X.") -> syndicated;
- synonym-spun (news words swapped, sentences moved, quotes kept) -> spin;
- quote-kept rewrite (quoted sentences kept, the others swapped, reordered, some dropped; it
  credits a wire that never had the story) -> spin, with the wrong credit a misattribution.

A demo page without a visible date gets its true date from the manifest, as a user would give
it with --published: without any date the original of identical copies cannot be told.

Everything is added to one CorpusAnalyzer; precision and recall per kind (a link is right when
it names the right original and the right kind), plus misattribution flags and links between
different stories (false copies).
"""

from __future__ import annotations

import random
import re
import time
import tomllib
from importlib import resources
from pathlib import Path

from newsint.api import set_published
from newsint.config import Config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.evaluate.common import PRF, EvalOptions, Report, Table
from newsint.model import Analysis
from newsint.readers import read_paths
from newsint.readers.base import make_analysis
from newsint.stages.base import Work
from newsint.stages.features.extract import extract_features
from newsint.text.segments import paragraph_texts

TASK = "copies"
KINDS = ("verbatim", "syndicated", "spin", "derivative")
ROLE_KIND = {
    "syndicated": "syndicated",
    "spin": "spin",
    "derivative": "derivative",
    "messy": "spin",
}
WRONG_WIRE = "Reuters"
_QUOTED = re.compile(r"[“\"«]")
_SENT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z0-9])")


def demo_dir() -> Path:
    return Path(str(resources.files("newsint.data").joinpath("demo")))


def swaps() -> dict[str, str]:
    raw = resources.files("newsint.data").joinpath("synonyms.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)["swaps"]


def _swap_words(sentence: str, table: dict[str, str]) -> str:
    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        new = table.get(word.lower())
        if not new:
            return word
        return new.capitalize() if word[0].isupper() else new

    # never inside a quotation: quotes are what a spinner keeps
    parts = re.split(r"(“[^”]*”|\"[^\"]*\")", sentence)
    return "".join(p if _QUOTED.match(p or " ") else re.sub(r"[A-Za-z]+", repl, p) for p in parts)


def synonym_spin(text: str, table: dict[str, str], rng: random.Random) -> str:
    paras = paragraph_texts(text)
    out = []
    for i, para in enumerate(paras):
        sentences = [_swap_words(s, table) for s in _SENT.split(para.strip())]
        if i % 2 and len(sentences) > 1:
            sentences[0], sentences[1] = sentences[1], sentences[0]
        out.append(" ".join(sentences))
    for i in range(1, len(out) - 1, 3):  # move some paragraphs
        out[i], out[i + 1] = out[i + 1], out[i]
    del rng
    return "\n\n".join(out)


def quote_kept_rewrite(text: str, table: dict[str, str], rng: random.Random) -> str:
    paras = paragraph_texts(text)
    out = []
    for para in paras:
        kept = []
        for s in _SENT.split(para.strip()):
            if _QUOTED.search(s):
                kept.append(s)
            elif rng.random() < 0.2:
                continue  # the rewriter drops a sentence now and then
            else:
                s = _swap_words(s, table)
                head, sep, tail = s.partition(", ")
                if sep and len(tail) > 20 and tail.endswith("."):
                    s = f"{tail[:-1][0].upper()}{tail[:-1][1:]}, {head[0].lower()}{head[1:]}."
                kept.append(s)
        if kept:
            out.append(" ".join(kept))
    return "\n\n".join(out)


def variants(
    a: Analysis, credit: str, table: dict[str, str], rng: random.Random
) -> list[tuple[str, str, str | None]]:
    """(text, expected kind, wrong credit or None) for one original."""
    text = a.text
    paras = paragraph_texts(text)
    shuffled = paras[:]
    rng.shuffle(shuffled)
    out: list[tuple[str, str, str | None]] = [
        (text, "verbatim", None),
        ("\n\n".join(paras[: max(3, len(paras) * 2 // 3)]), "verbatim", None),
        ("\n\n".join(shuffled), "verbatim", None),
    ]
    if credit:
        out.append((f"{text}\n\nThis story was provided by {credit}.", "syndicated", None))
    out.append((synonym_spin(text, table, rng), "spin", None))
    rewrite = quote_kept_rewrite(text, table, rng)
    if credit and credit in rewrite:  # the rewriter credits a wire that never had the story
        out.append((rewrite.replace(credit, WRONG_WIRE), "spin", WRONG_WIRE))
    else:
        out.append((rewrite, "spin", None))
    return out


def _later(published: str | None, hours: int) -> str | None:
    """The variant appears `hours` after its original."""
    from datetime import datetime, timedelta

    if not published:
        return None
    when = datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    return (when + timedelta(hours=hours)).isoformat()


def build(
    config: Config, seed: int = 7
) -> tuple[list[Analysis], dict[str, tuple[str, str]], dict[str, str], dict[str, str]]:
    """Articles, gold (copy id -> (original id, kind)), gold misattributions, family of each."""
    from newsint.stages.clean import CleanStage

    root = demo_dir()
    manifest = tomllib.loads((root / "manifest.toml").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["article"]}
    read = [
        a
        for a in read_paths([root / f for f in sorted(entries)], config)
        if isinstance(a, Analysis)
    ]
    CleanStage(config.clean)([Work(a) for a in read])
    by_file = {Path(a.article.source or "").name: a for a in read}
    gold: dict[str, tuple[str, str]] = {}
    wrong: dict[str, str] = {}
    family: dict[str, str] = {}
    for file, a in by_file.items():
        e = entries[file]
        family[a.article.id] = e["event"]
        if e["role"] in ROLE_KIND:
            gold[a.article.id] = (by_file[e["original"]].article.id, ROLE_KIND[e["role"]])
            if e["credits"] and e["agency"] and e["credits"] != e["agency"]:
                wrong[a.article.id] = e["credits"]
    table = swaps()
    rng = random.Random(seed)
    generated: list[Analysis] = []
    for file in sorted(by_file):
        e = entries[file]
        if e["role"] not in ("original", "unrelated"):
            continue
        a = by_file[file]
        if not a.article.published.date:
            set_published(a, str(e["published"]).replace("Z", ""))
        published = a.article.published.date
        for n, (text, kind, wrong_credit) in enumerate(variants(a, e["credits"], table, rng)):
            v = make_analysis(
                text,
                source=f"variant:{file}:{n}",
                fmt=".txt",
                title=a.article.title,
                url=f"https://variant{n}.example/{file}",
                site=f"variant{n}.example",
                published=_later(published, n + 1),
            )
            v.text = text
            generated.append(v)
            gold[v.article.id] = (a.article.id, kind)
            family[v.article.id] = e["event"]
            if wrong_credit:
                wrong[v.article.id] = wrong_credit
    return read + generated, gold, wrong, family


def score(config: Config) -> Report:
    start = time.perf_counter()
    articles, gold, wrong, family = build(config)
    analyzer = CorpusAnalyzer(config)
    analyzer.add([extract_features(a, config) for a in articles])
    links = analyzer.links
    per_kind = {k: PRF() for k in KINDS}
    any_link = PRF()
    for k in KINDS:
        for article, (original, kind) in gold.items():
            link = links.get(article)
            right = link is not None and link.original == original and link.kind == kind
            if kind == k:
                per_kind[k].add(tp=1 if right else 0, fn=0 if right else 1)
            elif link is not None and link.kind == k and not right:
                per_kind[k].add(fp=1)
        for article, link in links.items():
            if article not in gold and link.kind == k:
                per_kind[k].add(fp=1)
    for article, (original, _) in gold.items():
        link = links.get(article)
        found = link is not None and (
            link.original == original or family[link.original] == family[original]
        )
        any_link.add(tp=1 if found else 0, fn=0 if found else 1)
    crossing = sum(1 for a, link in links.items() if family.get(a) != family.get(link.original))
    any_link.add(fp=crossing + sum(1 for a in links if a not in gold))
    mis = PRF()
    for article, link in links.items():
        flagged = bool(link.misattribution)
        expected = article in wrong
        mis.add(tp=flagged and expected, fp=flagged and not expected, fn=expected and not flagged)
    for article in wrong:
        if article not in links:
            mis.add(fn=1)
    t = Table(
        title=f"copy detection, {len(articles)} articles ({len(gold)} copies of known kind)",
        columns=["kind", "gold", "P", "R", "F1"],
    )
    for k in KINDS:
        n = sum(1 for _, kind in gold.values() if kind == k)
        t.rows.append([k, n, *per_kind[k].row()])
    t.rows.append(["any copy link (same story)", len(gold), *any_link.row()])
    t.rows.append(["misattribution flag", len(wrong), *mis.row()])
    t.notes.append(
        f"links between different stories: {crossing}; a link is right when it names the right "
        "original and kind; variants are generated from the demo originals and unrelated "
        "articles (verbatim, truncated, re-ordered, syndicated, synonym-spun, quote-kept rewrite)"
    )
    return Report(
        TASK, "demo corpus + generated variants", tables=[t], seconds=time.perf_counter() - start
    )


def run(options: EvalOptions) -> list[Report]:
    from newsint.evaluate import copies_real

    # our own demo data, then copies made at eval time from the real texts under --data
    return [score(options.config), *copies_real.run(options)]
