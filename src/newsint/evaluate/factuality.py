"""Event factuality on the unified factuality corpus (Stanovsky et al. 2017): UW (Lee et al.
2015, TimeBank/AQUAINT news) and MEANTIME (Wikinews), in `factuality/{uw,meantime}/*.conll`.

Each file holds one token a line (`index<TAB>token<TAB>value`, a blank line between sentences);
`value` is the gold factuality of an event predicate on the -3..+3 scale, `_` elsewhere. The
unified corpus already maps MEANTIME's attributes to that scale (certain and positive -> +3,
certain and negative -> -3, uncertain or future in between), so both sets are read as given.

The sentences are joined back into text (no space before closing punctuation and clitics), run
through spaCy (nlp only: tagger and parser) and the factuality walk; every gold token is scored
at the spaCy token it aligns with by character offsets. Scores per set: MAE and Pearson r against
the gold, and the accuracy per gold class (factual >= 2.5, uncertain 0..2.5, non-factual < 0),
for newsint and, in the same run, two baselines: "always +3" and a 4-word window rule (a
negation word among the 4 words before flips the sign, a modal sets 1).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsint.evaluate.common import EvalOptions, Report, Table, skipped

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsint.stages.factuality.lexicon import Lexicon

TASK = "factuality"
SETS = ("uw", "meantime")
# Gold class boundaries (the convention of the factuality literature).
FACTUAL_MIN = 2.5
# The readings scored besides the article's view (`value`): the nearest source's view
# (`source_value`), and time apart: future and intention cues read as time, not doubt, as
# MEANTIME's scale does (a certain future event is +3 there, about +2 in UW).
SOURCE_ROW = "newsint, source view"
TIME_APART_ROW = "newsint, time apart"
APART_SOURCE_ROW = "newsint, time apart, source view"
# How far back the window baseline looks.
WINDOW = 4
_NO_SPACE_BEFORE = frozenset(
    {
        ".",
        ",",
        ":",
        ";",
        "!",
        "?",
        "%",
        ")",
        "]",
        "}",
        "'s",
        "n't",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
        "''",
        "'",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "US$", "C$", "#"})
_QUOTES = {"``": '"', "''": '"'}


@dataclass
class Sentence:
    """One gold sentence: its tokens, their gold values (None: not an event), and the text we
    rebuilt with each token's offsets in it."""

    tokens: list[str]
    gold: list[float | None]
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)


def read_conll(path: Path, limit: int | None = None) -> list[Sentence]:
    """The sentences of one .conll file, each rebuilt into text (at most `limit` sentences)."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    gold: list[float | None] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if tokens:
                sentences.append(_rebuilt(tokens, gold))
                tokens, gold = [], []
                if limit is not None and len(sentences) >= limit:
                    return sentences
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise ValueError(f"{path}:{n}: expected index, token and value separated by tabs")
        tokens.append(parts[1])
        gold.append(None if parts[2] == "_" else float(parts[2]))
    if tokens:
        sentences.append(_rebuilt(tokens, gold))
    return sentences[:limit] if limit is not None else sentences


def _rebuilt(tokens: list[str], gold: list[float | None]) -> Sentence:
    """Join tokens as running text, so spaCy parses news as it is written."""
    text = ""
    spans: list[tuple[int, int]] = []
    prev = ""
    for tok in tokens:
        shown = _QUOTES.get(tok, tok)
        glue = (
            not text
            or tok in _NO_SPACE_BEFORE
            or prev in _NO_SPACE_AFTER
            or ((tok == "-" or prev == "-") and text[-1:].isalnum())
        )
        if not glue:
            text += " "
        spans.append((len(text), len(text) + len(shown)))
        text += shown
        prev = tok
    return Sentence(tokens, gold, text, spans)


# --------------------------------------------------------------------------- predictions


@dataclass
class Scored:
    """Gold and predicted values of every gold event token of a set, with what explains them."""

    gold: list[float] = field(default_factory=list)
    systems: dict[str, list[float]] = field(default_factory=dict)
    where: list[tuple[int, int]] = field(default_factory=list)  # (sentence, token)
    cues: list[str] = field(default_factory=list)

    def add(self, system: str, value: float) -> None:
        self.systems.setdefault(system, []).append(value)


def _parse(sentences: list[Sentence], nlp: Language) -> list[Doc]:
    disabled = [p for p in ("ner", "entity_ruler") if p in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        return list(nlp.pipe((s.text for s in sentences), batch_size=64))


def _token_at(doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root.i


def window_value(tokens: list[str], i: int, lex: Lexicon) -> float:
    """The window baseline: a modal among the WINDOW words before sets 1, a negation word there
    flips the sign."""
    before = [t.lower() for t in tokens[max(0, i - WINDOW) : i]]
    value = lex.factual
    if any(t in lex.modals for t in before):
        value = 1.0
    if any(t in lex.negation_words or t in lex.negative_quantifiers for t in before):
        value = -value
    return value


def score_sentences(
    sentences: list[Sentence],
    docs: list[Doc],
    lex: Lexicon,
    ablations: Iterable[str] = (),
) -> Scored:
    """Walk every parsed sentence (once per ablation) and collect the values at gold tokens."""
    from newsint.stages.factuality.cues import TIME_APART
    from newsint.stages.factuality.walk import walk

    out = Scored()
    variants = {"newsint": frozenset[str](), TIME_APART_ROW: TIME_APART} | {
        f"without {a}": frozenset({a}) for a in ablations
    }
    for si, (sent, doc) in enumerate(zip(sentences, docs, strict=True)):
        walks = {name: walk(doc, lex, off) for name, off in variants.items()}
        for ti, value in enumerate(sent.gold):
            if value is None:
                continue
            i = _token_at(doc, *sent.spans[ti])
            out.gold.append(value)
            out.where.append((si, ti))
            for name, results in walks.items():
                out.add(name, lex.factual if i is None else results[i].value)
            base = walks["newsint"][i] if i is not None else None
            out.add(SOURCE_ROW, lex.factual if base is None else base.source_value)
            apart = walks[TIME_APART_ROW][i] if i is not None else None
            out.add(
                APART_SOURCE_ROW,
                lex.factual if apart is None else apart.source_value,
            )
            out.cues.append(", ".join(f"{c.kind}:{c.text}" for c in base.cues) if base else "")
            out.add("always +3", lex.factual)
            out.add(f"{WINDOW}-word window rule", window_value(sent.tokens, ti, lex))
    return out


# --------------------------------------------------------------------------- scores


def klass(value: float) -> str:
    return "factual" if value >= FACTUAL_MIN else "non-factual" if value < 0 else "uncertain"


def mae(gold: list[float], pred: list[float]) -> float:
    return sum(abs(g - p) for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def pearson(gold: list[float], pred: list[float]) -> float:
    """Pearson r; 0 when either side is constant (as "always +3" is)."""
    n = len(gold)
    if n < 2:
        return 0.0
    mg, mp = sum(gold) / n, sum(pred) / n
    cov = sum((g - mg) * (p - mp) for g, p in zip(gold, pred, strict=True))
    vg = sum((g - mg) ** 2 for g in gold)
    vp = sum((p - mp) ** 2 for p in pred)
    return cov / math.sqrt(vg * vp) if vg and vp else 0.0


CLASSES = ("factual", "uncertain", "non-factual")
COLUMNS = ["system", "n", "MAE", "r", *(f"acc {c}" for c in CLASSES), "acc"]


def row(system: str, gold: list[float], pred: list[float]) -> list[object]:
    cells: list[object] = [
        system,
        len(gold),
        round(mae(gold, pred), 3),
        round(pearson(gold, pred), 3),
    ]
    for c in CLASSES:
        pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if klass(g) == c]
        cells.append(round(sum(klass(p) == c for _, p in pairs) / len(pairs), 3) if pairs else "-")
    hits = sum(klass(g) == klass(p) for g, p in zip(gold, pred, strict=True))
    cells.append(round(hits / len(gold), 3) if gold else 0.0)
    return cells


# --------------------------------------------------------------------------- the task


def _splits(options: EvalOptions) -> list[str]:
    return [options.split] if options.split else ["dev"]


def _sets(options: EvalOptions) -> list[str]:
    chosen = options.subset or "all"
    if chosen == "all":
        return list(SETS)
    if chosen not in SETS:
        raise ValueError(f"unknown factuality set {chosen!r}: use uw, meantime or all")
    return [chosen]


def run(options: EvalOptions) -> list[Report]:
    """One report per set and split: newsint, the baselines, ablations and errors on request."""
    reports: list[Report] = []
    nlp = None
    lex = None
    for name in _sets(options):
        for split in _splits(options):
            path = options.data / "factuality" / name / f"{split}.conll"
            dataset = f"factuality/{name} {split}"
            if not path.exists():
                reports.append(skipped(TASK, dataset, path))
                continue
            if nlp is None or lex is None:
                nlp, lex = _resources(options)
            sentences = read_conll(path, options.limit)
            docs = _parse(sentences, nlp)
            from newsint.stages.factuality.cues import FAMILIES

            scored = score_sentences(sentences, docs, lex, FAMILIES if options.ablate else ())
            reports.append(_report(dataset, sentences, scored, options))
    return reports


def _resources(options: EvalOptions) -> tuple[Language, Lexicon]:
    from newsint.stages.factuality.lexicon import load_lexicon
    from newsint.stages.nlp import load_spacy

    cfg = options.config
    return load_spacy(cfg.nlp, cfg.limits.max_text_chars), load_lexicon(cfg.factuality.lexicon)


def _report(
    dataset: str, sentences: list[Sentence], scored: Scored, options: EvalOptions
) -> Report:
    main = [
        "newsint",
        SOURCE_ROW,
        TIME_APART_ROW,
        APART_SOURCE_ROW,
        "always +3",
        f"{WINDOW}-word window rule",
    ]
    table = Table(
        f"Event factuality ({len(scored.gold)} gold events, {len(sentences)} sentences)",
        COLUMNS,
        [row(s, scored.gold, scored.systems[s]) for s in main],
        notes=[
            "MAE and Pearson r against the gold value of each annotated event token; "
            f"accuracy per gold class: factual >= {FACTUAL_MIN}, uncertain 0..{FACTUAL_MIN}, "
            "non-factual < 0 (the predicted value's class must match).",
            "newsint is the article's view (Factuality.value); source view is "
            "Factuality.source_value; time apart reads future and intention cues as time, not "
            "doubt (MEANTIME counts a certain future event as +3).",
        ],
    )
    tables = [table]
    ablated = [s for s in scored.systems if s.startswith("without ")]
    if ablated:
        tables.append(
            Table(
                "Ablations (one cue family off each time)",
                COLUMNS,
                [row(s, scored.gold, scored.systems[s]) for s in ["newsint", *ablated]],
            )
        )
    if options.errors:
        tables.append(_errors(sentences, scored, options.errors))
    return Report(TASK, dataset, tables)


def _errors(sentences: list[Sentence], scored: Scored, n: int) -> Table:
    pred = scored.systems["newsint"]
    worst = sorted(
        range(len(scored.gold)), key=lambda k: (-abs(scored.gold[k] - pred[k]), scored.where[k])
    )[:n]
    rows: list[list[object]] = []
    for k in worst:
        si, ti = scored.where[k]
        sent = sentences[si]
        start, end = sent.spans[ti]
        marked = f"{sent.text[:start]}[[{sent.text[start:end]}]]{sent.text[end:]}"
        rows.append([scored.gold[k], pred[k], scored.cues[k], _shorten(marked, start)])
    return Table(f"Worst {len(rows)} errors", ["gold", "newsint", "cues", "sentence"], rows)


def _shorten(text: str, at: int, width: int = 160) -> str:
    if len(text) <= width:
        return text
    lo = max(0, min(at - width // 2, len(text) - width))
    return ("…" if lo else "") + text[lo : lo + width] + ("…" if lo + width < len(text) else "")
