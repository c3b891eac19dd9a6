"""`newsint eval copies`, second part: copies made at eval time from *real* news texts.

The texts are read from ../shared/data (never copied into the project): one Giveme5W1H article
per gold event is an original (its real site and date), and each gets the copies a crawler or a
feed delivers, of known kind:

- opening (the first 40 % of its sentences), excerpt (a middle stretch), reordered (paragraphs
  shuffled), paragraph added (one paragraph of an article that is not in the corpus), furniture
  (navigation, share and newsletter lines, a copyright line around it) -> verbatim;
- credit line swapped (a wire credited instead of the real outlet) -> syndicated, and a
  misattribution;
- summary citing the source (shortened lead sentences, "..., CNN reported") -> derivative.

MSRP human paraphrases make the spin case: the first sentences of several paraphrase pairs are
an "original" page, their paraphrases the spun copy (-> spin).

Everything goes into one CorpusAnalyzer. Scores: per kind, precision/recall/F1 of links (right
when the link names the right original and kind); per case, how many copies were found; and
direction accuracy (of the pairs linked either way, the share that names the right original).
"""

from __future__ import annotations

import json
import random
import time
from datetime import datetime, timedelta
from pathlib import Path

from newsint.config import Config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.evaluate.common import PRF, EvalOptions, Report, Table, skipped
from newsint.evaluate.paraphrase import FILE as MSRP_FILE
from newsint.evaluate.paraphrase import read_msrp
from newsint.model import Analysis
from newsint.readers.base import make_analysis, normalise_date
from newsint.stages.base import Work
from newsint.stages.features import pieces as T
from newsint.stages.features.extract import extract_features

TASK = "copies"
DATASET = "real texts (Giveme5W1H, MSRP) + transformations"
GIVEME = Path("stories") / "giveme5w1h_news_cluster" / "data"
CASES: dict[str, str] = {
    "opening": "verbatim",
    "excerpt": "verbatim",
    "reordered": "verbatim",
    "paragraph added": "verbatim",
    "furniture": "verbatim",
    "credit line swapped": "syndicated",
    "summary citing the source": "derivative",
    "MSRP paraphrases": "spin",
}
KINDS = ("verbatim", "syndicated", "spin", "derivative")
# The wire a swapped credit line names: the first the original does not credit itself.
WIRES = ("Reuters", "Associated Press", "Agence France-Presse")
# MSRP paraphrase pairs per generated page, and at most this many pages.
MSRP_PAIRS_PER_PAGE = 8
MSRP_PAGES = 40
# A summary takes the first sentences of at least this many words and abridges them, keeping at
# least SUMMARY_MIN_WORDS words of each.
SUMMARY_SENTENCE_WORDS = 12
SUMMARY_MIN_WORDS = 8
# Sentence openers written in lower case after "According to X, " (a name keeps its capital).
LOWER_AFTER_CREDIT = frozenset(
    {"the", "a", "an", "it", "this", "there", "he", "she", "they", "we", "when", "while", "as"}
)
FURNITURE_HEAD = "Home | World | Business | Sport | Opinion\n\nAdvertisement\n"
FURNITURE_TAIL = (
    "\nShare this article\n\nSign up for our morning newsletter\n\nRelated: {related}\n\n"
    "© 2026 {site}. All rights reserved."
)


def outlet_name(site: str) -> str:
    """How a page names an outlet by its site: 'edition.cnn.com' -> 'CNN'."""
    key = T.site_key(site) or site
    return key.upper() if len(key) <= 4 else key.capitalize()


def _later(published: str | None, hours: int) -> str | None:
    """A copy's date `hours` after its original; after an original dated only by its day, on a
    later day (a copy the same day cannot be ordered against it by time)."""
    if not published:
        return None
    when = datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None)
    if len(published) <= 10:
        when += timedelta(days=1)
    return (when + timedelta(hours=hours)).isoformat()


def _abridge(sentence: str) -> str:
    """A summary's version of a sentence: its first clause when that says enough, else the
    sentence without its last quarter."""
    head, sep, _ = sentence.partition(", ")
    if sep and len(head.split()) >= SUMMARY_MIN_WORDS:
        return f"{head}."
    words = sentence.rstrip(".!? ").split()
    return " ".join(words[: max(SUMMARY_MIN_WORDS, len(words) * 3 // 4)]) + "."


def _summary(sentences: list[str], credit: str) -> str:
    """A short summary of the lead (its first sentences long enough to be news, not captions),
    crediting the outlet it summarises."""
    lead = [s for s in sentences if len(s.split()) >= SUMMARY_SENTENCE_WORDS][:3] or sentences[:3]
    out = [_abridge(s) for s in lead]
    first = out[0].rstrip(".!? ")
    if T.looks_like_outlet(credit):  # "..., CNN reported."
        out[0] = f"{first}, {credit} reported."
    else:
        word, _, rest = first.partition(" ")
        if word.lower() in LOWER_AFTER_CREDIT:
            word = word.lower()
        out[0] = f"According to {credit}, {word} {rest}."
    return " ".join(out)


def _slice(text: str, sentences: list[str], start: int, end: int) -> str:
    """The stretch of `text` from sentence `start` to sentence `end` (exclusive), as written
    (paragraph breaks kept)."""
    at = 0
    begin = stop = None
    for i, s in enumerate(sentences[:end]):
        found = text.find(s, at)
        if found < 0:
            continue
        if i == start or (begin is None and i > start):
            begin = found
        at = found + len(s)
        stop = at
    if begin is None or stop is None:
        return " ".join(sentences[start:end])
    return text[begin:stop]


def _wire(text: str) -> str:
    credited = {c.wire for c in T.find_credits(text)}
    return next((w for w in WIRES if w not in credited), WIRES[0])


def variants(
    text: str, site: str, related: str, extra: str, rng: random.Random
) -> list[tuple[str, str]]:
    """(case, text) copies of one original page."""
    paras = [p for p in text.split("\n") if p.strip()]
    sentences = T.sentences(text)
    n = len(sentences)
    shuffled = paras[:]
    while len(shuffled) > 1 and shuffled == paras:
        rng.shuffle(shuffled)
    out = [
        ("opening", _slice(text, sentences, 0, max(3, n * 2 // 5))),
        ("excerpt", _slice(text, sentences, n // 4, max(n // 4 + 3, n * 13 // 20))),
        ("reordered", "\n\n".join(shuffled)),
        ("paragraph added", f"{text}\n\n{extra}"),
        (
            "furniture",
            FURNITURE_HEAD + text + FURNITURE_TAIL.format(related=related, site=site),
        ),
        ("credit line swapped", f"{text}\n\nThis story was provided by {_wire(text)}."),
        ("summary citing the source", _summary(sentences, outlet_name(site))),
    ]
    return out


def _giveme(root: Path, limit: int | None) -> tuple[list[dict], list[dict]]:
    """One article per gold event (the first by file name, with enough sentences), and the
    others (paragraphs to add come from these; they are not in the corpus)."""
    originals: list[dict] = []
    others: list[dict] = []
    seen: set[str] = set()
    for path in sorted(root.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        event = str(d.get("newsCluster", ""))
        text = d.get("text") or ""
        if event not in seen and len(T.sentences(text)) >= 8 and d.get("source_domain"):
            seen.add(event)
            originals.append(d)
        else:
            others.append(d)
    return originals[:limit], others


def build(
    data: Path, config: Config, seed: int = 17, limit: int | None = None
) -> tuple[list[Analysis], dict[str, tuple[str, str, str]], set[str]]:
    """Articles, gold (copy id -> (original id, kind, case)), copies with a wrong credit."""
    rng = random.Random(seed)
    originals, others = _giveme(data / GIVEME, limit)
    # paragraphs to add: from articles not in the corpus, crediting nobody, found in no original
    corpus_text = "\n".join(d.get("text") or "" for d in originals)
    extras = [
        p
        for d in others
        for p in (d.get("text") or "").split("\n")
        if len(T.sentences(p)) >= 2
        and len(p) > 200
        and not T.find_credits(p)
        and not any(s in corpus_text for s in T.sentences(p))
    ]
    articles: list[Analysis] = []
    gold: dict[str, tuple[str, str, str]] = {}
    wrong: set[str] = set()
    for i, d in enumerate(originals):
        site = d["source_domain"]
        published = normalise_date(d.get("date_publish"))
        text = d["text"]
        o = make_analysis(
            text, source=f"giveme:{i}", fmt=".json", title=d.get("title"), site=site,
            url=d.get("url"), published=published,
        )  # fmt: skip
        articles.append(o)
        related = originals[(i + 1) % len(originals)].get("title") or ""
        extra = extras[rng.randrange(len(extras))] if extras else ""
        for n, (case, copy) in enumerate(variants(text, site, related, extra, rng)):
            v = make_analysis(
                copy, source=f"giveme:{i}:{n}", fmt=".txt", title=d.get("title"),
                site=f"copy{n}.example", url=f"https://copy{n}.example/{i}",
                published=_later(published, n + 1),
            )  # fmt: skip
            articles.append(v)
            gold[v.article.id] = (o.article.id, CASES[case], case)
            if case == "credit line swapped":
                wrong.add(v.article.id)
    msrp = data / MSRP_FILE
    if msrp.is_file():
        # pairs crediting no outlet (a paraphrase that credits one the other lacks is a
        # different outlet's sentence, not a spin's wrong credit)
        pairs = [
            p
            for p in read_msrp(msrp)
            if p.paraphrase and not T.find_credits(p.text1) and not T.find_credits(p.text2)
        ]
        pages = min(MSRP_PAGES, len(pairs) // MSRP_PAIRS_PER_PAGE)
        if limit is not None:
            pages = min(pages, limit)
        for k in range(pages):
            chunk = pairs[k * MSRP_PAIRS_PER_PAGE : (k + 1) * MSRP_PAIRS_PER_PAGE]
            day = (datetime(2026, 1, 1) + timedelta(days=k)).isoformat()
            o = make_analysis(
                "\n\n".join(p.text1 for p in chunk), source=f"msrp:{k}", fmt=".txt",
                site=f"msrp{k}.example", url=f"https://msrp{k}.example/a", published=day,
            )  # fmt: skip
            v = make_analysis(
                "\n\n".join(p.text2 for p in chunk), source=f"msrp:{k}:spin", fmt=".txt",
                site=f"spin{k}.example", url=f"https://spin{k}.example/a",
                published=_later(day, 3),
            )  # fmt: skip
            articles += [o, v]
            gold[v.article.id] = (o.article.id, "spin", "MSRP paraphrases")
    return articles, gold, wrong


def score(options: EvalOptions) -> Report:
    from newsint.stages.clean import CleanStage

    start = time.perf_counter()
    config = options.config
    articles, gold, wrong = build(options.data, config, limit=options.limit)
    CleanStage(config.clean)([Work(a) for a in articles])
    analyzer = CorpusAnalyzer(config)
    analyzer.add([extract_features(a, config) for a in articles])
    links = analyzer.links
    per_kind = {k: PRF() for k in KINDS}
    per_case: dict[str, list[int]] = {c: [0, 0] for c in CASES}
    right_way = wrong_way = 0
    for article, (original, kind, case) in gold.items():
        link = links.get(article)
        right = link is not None and link.original == original and link.kind == kind
        per_kind[kind].add(tp=int(right), fn=int(not right))
        if link is not None and not right:
            per_kind[link.kind].add(fp=1)
        per_case[case][0] += int(right)
        per_case[case][1] += 1
        back = links.get(original)
        if link is not None and link.original == original:
            right_way += 1
        elif back is not None and back.original == article:
            wrong_way += 1
    for article, link in links.items():
        if article not in gold:
            per_kind[link.kind].add(fp=1)
    mis = PRF()
    for article, link in links.items():
        flagged, expected = bool(link.misattribution), article in wrong
        mis.add(tp=flagged and expected, fp=flagged and not expected, fn=expected and not flagged)
    mis.add(fn=sum(1 for a in wrong if a not in links))
    t = Table(
        title=f"copy detection on real texts, {len(articles)} articles ({len(gold)} copies)",
        columns=["kind", "gold", "P", "R", "F1"],
    )
    for k in KINDS:
        t.rows.append([k, sum(1 for g in gold.values() if g[1] == k), *per_kind[k].row()])
    t.rows.append(["misattribution flag", len(wrong), *mis.row()])
    judged = right_way + wrong_way
    t.rows.append(
        ["direction accuracy", judged, round(right_way / judged, 3) if judged else 0.0, "", ""]
    )
    cases = Table(title="copies found per case", columns=["case", "kind", "copies", "found"])
    for case, (found, total) in per_case.items():
        cases.rows.append([case, CASES[case], total, round(found / total, 3) if total else 0.0])
    t.notes.append(
        "built at eval time from ../shared/data (one Giveme5W1H article per event as original, "
        "MSRP paraphrase pairs for spin); nothing is copied into the project. A link is right "
        "when it names the right original and kind; direction: of the pairs linked either way, "
        "the share linked to the right original"
    )
    return Report(TASK, DATASET, tables=[t, cases], seconds=time.perf_counter() - start)


def run(options: EvalOptions) -> list[Report]:
    root = options.data / GIVEME
    if not root.is_dir():
        return [skipped(TASK, DATASET, root)]
    return [score(options)]
