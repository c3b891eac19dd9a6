"""`newsint eval stories`: same-event clustering, against a plain TF-IDF baseline in the same run.

Data (../shared/data/stories): the Giveme5W1H news clusters (gold: newsCluster.EventId) and ECB+
(in topic T the *ecb.xml files report one real event, the *ecbplus.xml files a similar other
one). Each document is read and cleaned as newsint would, turned into corpus features and added
to a CorpusAnalyzer; its stories are the predicted clusters. The baseline is what the field would
try first: TF-IDF (title + text, English stop words, sublinear tf) with agglomerative
average-linkage clustering on cosine distance at one threshold, over all documents at once (an
all-pairs method our incremental, blocked clustering does not get to use). Scores: B-cubed and
pairwise precision/recall/F1.
"""

from __future__ import annotations

import ast
import json
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from newsint.config import Config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.evaluate.common import PRF, EvalOptions, Report, Table, skipped
from newsint.model import Analysis
from newsint.readers.base import make_analysis, normalise_date
from newsint.stages.base import Work
from newsint.stages.features.extract import extract_features

TASK = "stories"
# Cosine distance at which the baseline stops merging (the notes' best on both sets).
BASELINE_DISTANCE = 0.85


def b_cubed(pred: list[str], gold: list[str]) -> list[float]:
    """B-cubed precision, recall and F1: per document, the share of its predicted cluster that
    belongs to its gold cluster and the share of its gold cluster it was put with."""
    pairs = list(zip(pred, gold, strict=True))
    joint = Counter(pairs)
    size_pred, size_gold = Counter(pred), Counter(gold)
    n = len(pairs) or 1
    p = sum(joint[x] / size_pred[x[0]] for x in pairs) / n
    r = sum(joint[x] / size_gold[x[1]] for x in pairs) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return [round(p, 3), round(r, 3), round(f, 3)]


def pairwise(pred: list[str], gold: list[str]) -> PRF:
    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    tp = pairs(Counter(zip(pred, gold, strict=True)).values())
    in_pred = pairs(Counter(pred).values())
    in_gold = pairs(Counter(gold).values())
    return PRF(tp=tp, fp=in_pred - tp, fn=in_gold - tp)


# --------------------------------------------------------------------------- data


def giveme(root: Path, limit: int | None) -> list[tuple[Analysis, str]]:
    docs = []
    for path in sorted((root / "data").glob("*.json"))[:limit]:
        d = json.loads(path.read_text(encoding="utf-8"))
        cluster = d.get("newsCluster")
        if isinstance(cluster, str):
            cluster = ast.literal_eval(cluster)
        a = make_analysis(
            d.get("text") or "",
            source=str(path),
            fmt=".json",
            title=d.get("title"),
            url=d.get("url"),
            site=d.get("source_domain"),
            published=normalise_date(d.get("date_publish")),
        )
        docs.append((a, f"event-{cluster['EventId']}"))
    return docs


def ecbplus(root: Path, limit: int | None) -> list[tuple[Analysis, str]]:
    docs = []
    topics = sorted((p for p in (root / "ECB+").iterdir() if p.is_dir()), key=lambda p: int(p.name))
    for topic in topics:
        for path in sorted(topic.glob("*.xml")):
            tree = ET.parse(path)
            sentences: dict[str, list[str]] = {}
            for tok in tree.getroot().iter("token"):
                sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
            text = "\n\n".join(
                " ".join(toks) for _, toks in sorted(sentences.items(), key=lambda kv: int(kv[0]))
            )
            sub = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
            a = make_analysis(text, source=str(path), fmt=".txt", url=f"ecb://{path.name}")
            docs.append((a, f"{topic.name}-{sub}"))
    return docs[:limit]


# --------------------------------------------------------------------------- methods


def clean(docs: list[tuple[Analysis, str]], config: Config) -> None:
    from newsint.stages.clean import CleanStage

    CleanStage(config.clean)([Work(a) for a, _ in docs])


def ours(docs: list[tuple[Analysis, str]], config: Config) -> tuple[list[str], float]:
    start = time.perf_counter()
    analyzer = CorpusAnalyzer(config)
    analyzer.add([extract_features(a, config) for a, _ in docs])
    pred = [analyzer.story_of[a.article.id] for a, _ in docs]
    return pred, time.perf_counter() - start


def tfidf_baseline(docs: list[tuple[Analysis, str]]) -> tuple[list[str], float]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    start = time.perf_counter()
    texts = [f"{a.article.title or ''}\n{a.text}" for a, _ in docs]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=BASELINE_DISTANCE,
    ).fit_predict(matrix.toarray())
    return [f"c{x}" for x in labels], time.perf_counter() - start


def score(name: str, dataset: str, docs: list[tuple[Analysis, str]], config: Config) -> Report:
    clean(docs, config)
    gold = [g for _, g in docs]
    table = Table(
        title=f"same-event clustering, {len(docs)} documents, {len(set(gold))} gold clusters",
        columns=["method", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1", "clusters", "s"],
    )
    for method, (pred, seconds) in (
        ("newsint stories (incremental, blocked)", ours(docs, config)),
        (f"TF-IDF average link @ {BASELINE_DISTANCE} (all pairs)", tfidf_baseline(docs)),
        ("one cluster per document", ([str(i) for i in range(len(docs))], 0.0)),
    ):
        table.rows.append(
            [
                method,
                *b_cubed(pred, gold),
                *pairwise(pred, gold).row(),
                len(set(pred)),
                round(seconds, 1),
            ]
        )
    table.notes.append(
        "newsint: Ward linkage inside blocks of copy links and related pairs "
        "(story_merge_distance, story_max_days, story_year_penalty in [corpus]); texts cleaned, "
        "no NER (names from capitalised sequences)"
    )
    return Report(TASK, dataset, tables=[table])


def run(options: EvalOptions) -> list[Report]:
    config = options.config
    reports = []
    root = options.data / "stories"
    g = root / "giveme5w1h_news_cluster"
    if (g / "data").is_dir():
        reports.append(score("giveme", "giveme5w1h_news_cluster", giveme(g, options.limit), config))
    else:
        reports.append(skipped(TASK, "giveme5w1h_news_cluster", g))
    e = root / "ecbplus"
    if (e / "ECB+").is_dir():
        reports.append(score("ecb", "ecbplus", ecbplus(e, options.limit), config))
    else:
        reports.append(skipped(TASK, "ecbplus", e))
    return reports
