"""Train data/cue_model.json: a logistic model of which verb uses PolNeAR annotators mark as cues.

    PYTHONPATH=src python bench/train_cue_model.py --split train --data ../shared/data \
        [--parses train.spacy] [--C 0.3] [--threshold 0.5] [--curve] [--write]

Walks the parses of a PolNeAR split (the nlp, entities and claims stages, or the spaCy Docs of a
DocBin given with --parses, whose texts must be the split's), with the model switched off. Every
candidate (`cue_model.candidate`: a verb with a complement after it and a subject that can
speak) outside a quotation, outside the content of a claim the stage already finds (PolNeAR
marks no attribution inside another) and not itself a cue the rules take, is a row: its
`cue_model.features`, its article, and the label 1 when its token lies in the cue of a gold
attribution whose content overlaps the complement.

Prints a cross-validation on the split, grouped by article (5 folds): for each C and class
weight, the average precision and the best F1 over candidates. With --curve, the claims stage
runs again with each article's probabilities from the fold model that did not see it, and the
outermost attributions are scored per threshold (CSR overlap F1, content exact F1): the
threshold is chosen there. With --write, the model fitted on the whole split at --C is written
to src/newsint/data/cue_model.json with --threshold (feature names and weights only, rounded;
nothing of the texts). Never a unit test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve
from sklearn.model_selection import GroupKFold

from newsint.config import load_config
from newsint.evaluate.attribution import (
    GoldDoc,
    Parse,
    Scores,
    cue_kind_namer,
    outermost,
    predict_claims,
    read_polnear,
    score_doc,
)
from newsint.stages.claims import cue_model
from newsint.stages.claims.lexicon import lexicon
from newsint.stages.claims.quotes import find_quotes, inside_speech
from newsint.stages.claims.sources import Sources

sys.path.insert(0, str(Path(__file__).parent))
from polnear_parses import parsed, split_arguments

OUT = Path(__file__).resolve().parents[1] / "src" / "newsint" / "data" / "cue_model.json"
FOLDS = 5
ROUND = 4  # decimals kept of each weight


def set_score(fn: Callable[..., float], threshold: float) -> None:
    """Replace the probability and the threshold the claims stage reads (the model switched
    off, or the out-of-fold probabilities of --curve)."""
    fixed = cue_model.Model(weights={}, intercept=0.0, threshold=threshold)
    cue_model.score = fn  # type: ignore[assignment]
    cue_model.model = lambda: fixed  # type: ignore[assignment]


Row = tuple[int, int, list[str], int]  # article, verb offset, features, label


def collect(docs: list[GoldDoc], parses: Path | None) -> list[Row]:
    """The candidates of every article with their features and labels (see the docstring)."""
    set_score(lambda *a: 0.0, 2.0)  # never reached: the stage as it is without the model
    config = load_config()
    lex = lexicon()
    rows: list[Row] = []
    for art, (gold, analysis, doc) in enumerate(parsed(docs, parses, config)):
        text = gold.text
        quotes = find_quotes(text)
        sources = Sources(doc, lex, config.claims, analysis.mentions, analysis.entities)
        said = [c for c in analysis.claims if c.kind != "unattributed"]
        claimed = [(c.content.start, c.content.end) for c in said]
        cued = [(c.cue.start, c.cue.end) for c in said if c.cue is not None]
        for tok in doc:
            cand = cue_model.candidate(tok, lex, sources)
            if cand is None:
                continue
            if inside_speech(quotes, tok.idx, text, config.claims.min_speech_quote_words):
                continue
            if any(s <= tok.idx < e for s, e in claimed + cued):
                continue
            comp = cand.comp
            c0, c1 = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
            label = any(
                any(s <= tok.idx < e for s, e in att.cue)
                and any(s < c1 and c0 < e for s, e in att.content)
                for att in gold.attributions
            )
            rows.append((art, tok.idx, cue_model.features(cand, lex, sources, quotes), int(label)))
    return rows


def fit(x: Any, y: np.ndarray, c: float, weight: str | None) -> LogisticRegression:
    clf = LogisticRegression(C=c, class_weight=weight, solver="liblinear", max_iter=1000)
    x = x.tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear's
    return clf.fit(x, y)


def out_of_fold(x: Any, y: np.ndarray, groups: np.ndarray, c: float, weight: str | None) -> Any:
    """Each row's probability from the model fitted on the folds without its article."""
    p = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        p[te] = fit(x[tr], y[tr], c, weight).predict_proba(x[te])[:, 1]
    return p


def best_f1(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    prec, rec, thr = precision_recall_curve(y, p)
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-9)
    k = int(np.argmax(f1[:-1]))
    return float(f1[k]), float(thr[k])


def curve(
    docs: list[GoldDoc], parses: Path | None, rows: list[Row], p: np.ndarray, grid: list[float]
) -> Iterator[tuple[float, float, float, float]]:
    """(threshold, CSR overlap F1, content exact F1, source exact among matched) of the
    outermost attributions when the claims stage takes the candidates whose out-of-fold
    probability reaches the threshold: one run of the stage per threshold."""
    prob = {(art, idx): float(q) for (art, idx, _, _), q in zip(rows, p, strict=True)}
    text_art = {d.text: n for n, d in enumerate(docs)}

    def oof(cand: cue_model.Candidate, *_: Any) -> float:
        return prob.get((text_art[cand.verb.doc.text], cand.verb.idx), 0.0)

    config = load_config()
    namer = cue_kind_namer()
    for t in grid:
        set_score(oof, t)
        scores = Scores()
        for gold, analysis, doc in parsed(docs, parses, config):
            score_doc(gold, outermost(predict_claims(analysis)), scores, namer, Parse(doc))
        matched = max(scores.matched[0], 1)
        yield (
            t,
            scores.content_source.f1,
            scores.exact["content"].f1,
            scores.source_exact[0] / matched,
        )


def write(model: LogisticRegression, vec: DictVectorizer, meta: dict[str, Any]) -> None:
    names = vec.get_feature_names_out()
    weights = {
        str(f): round(float(w), ROUND)
        for f, w in sorted(zip(names, model.coef_[0], strict=True))
        if round(float(w), ROUND) != 0.0
    }
    data = {
        "header": meta,
        "intercept": round(float(model.intercept_[0]), ROUND),
        "threshold": meta["threshold"],
        "weights": weights,
    }
    OUT.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    split_arguments(parser)
    parser.add_argument("--C", default="0.03,0.1,0.3,1,3", help="C values to cross-validate")
    parser.add_argument("--weights", default="none,balanced", help="class weights to try")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--curve", action="store_true", help="CSR per threshold, out of fold")
    parser.add_argument("--grid", default="0.3,0.4,0.5,0.6", help="--curve's thresholds")
    parser.add_argument("--write", action="store_true", help="write data/cue_model.json")
    args = parser.parse_args(argv)
    root = args.data / "attribution" / "polnear"
    docs = list(read_polnear(root, args.split, args.limit))
    rows = collect(docs, args.parses)
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for _, _, f, _ in rows])
    y = np.array([r[3] for r in rows])
    groups = np.array([r[0] for r in rows])
    print(f"{len(rows)} candidates, {int(y.sum())} gold, {x.shape[1]} features")
    best: tuple[float, float, str | None] = (-1.0, 0.0, None)
    for weight in [None if w == "none" else w for w in args.weights.split(",")]:
        for c in [float(v) for v in args.C.split(",")]:
            p = out_of_fold(x, y, groups, c, weight)
            ap = float(average_precision_score(y, p))
            f1, thr = best_f1(y, p)
            print(f"C={c} weight={weight}: AP {ap:.3f}, best F1 {f1:.3f} at {thr:.2f}")
            if ap > best[0]:
                best = (ap, c, weight)
    _, c, weight = best
    print(f"chosen: C={c} weight={weight}")
    if args.curve:
        p = out_of_fold(x, y, groups, c, weight)
        print("threshold\tCSR overlap F1\tcontent exact F1\tsource exact (matched)")
        grid = [float(v) for v in args.grid.split(",")]
        for t, csr, exact, src in curve(docs, args.parses, rows, p, grid):
            print(f"{t:.2f}\t{csr:.4f}\t{exact:.4f}\t{src:.4f}", flush=True)
    if args.write:
        model = fit(x, y, c, weight)
        write(
            model,
            vec,
            {
                "about": "cue classifier (issue 16, attrclf, attrclf2, attrverb5): "
                "claims/cue_model.py",
                "trained_on": f"PolNeAR {args.split}, {len(docs)} articles",
                "candidates": len(rows),
                "gold": int(y.sum()),
                "C": c,
                "class_weight": weight or "none",
                "threshold": args.threshold,
                "regenerate": "PYTHONPATH=src python bench/train_cue_model.py --split "
                f"{args.split} --data ../shared/data --C {c} --weights {weight or 'none'} "
                f"--threshold {args.threshold} --write (threshold: --curve, docs/benchmarks.md)",
            },
        )
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
