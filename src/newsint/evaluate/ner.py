"""`newsint eval ner`: named-entity spans on CoNLL++ and GUM news, bare spaCy beside newsint.

Both systems read the same spaCy Doc in the same run, so the difference is exactly what the
entities stage adds (span and type fixes, names found by rules, merging has no effect on spans).
Scores are strict: a predicted name counts only with the gold's exact characters and type.

- CoNLL++ (Reuters, IOB2 `token POS chunk tag`): documents rebuilt by joining tokens with
  spaces and sentences with newlines; our types mapped to PER/ORG/LOC/MISC.
- GUM news (Wikinews, CoNLL-U with entity annotation in MISC): GUM marks every mention (pronouns,
  descriptions); a gold *name* is a person/organization/place mention headed by a proper noun,
  its span the run of proper nouns around the head ("the United States" -> "United States").
  GUM types a country acting as an agent "organization", so a span-only row is given as well.

A second table scores the same predictions by the kind of line a gold or predicted name stands
on: prose, a table or dateline line (results, standings, "LONDON 1996-08-30"), or an all-caps
headline, where the model guesses and the rules have least to go on.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsint.config import Config
from newsint.evaluate.common import PRF, EvalOptions, Report, Table, skipped
from newsint.text.outlets import load_outlets

# Our entity types (and spaCy's labels) -> the CoNLL classes.
CONLL_TYPES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
    "OTHER": "MISC",
}
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
_GUM_ENTITY = re.compile(r"\((\d+)-([^()]*)(\))?|(\d+)\)")
_CONNECTORS = frozenset({"of", "and", "&", "de", "-", "the", "for"})
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "senator", "sen",
        "rep", "gov", "governor", "judge", "justice", "minister", "general", "gen", "col", "lt",
        "sgt", "capt", "king", "queen", "prince", "princess", "pope", "ambassador", "secretary",
        "chancellor", "mayor", "director", "chairman",
    }
)  # fmt: skip

Span3 = tuple[int, int, str]
LINE_KINDS = ("prose", "table or dateline", "all-caps headline")
_TOKEN = re.compile(r"\S+")
_NUMERIC = re.compile(r"^[(\[]?[\d.,:/\-½]*\d[\d.,:/\-½]*[)\]]?$")


@dataclass
class GoldDoc:
    id: str
    text: str
    spans: set[Span3] = field(default_factory=set)


# --------------------------------------------------------------------------- readers


def read_conll(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """CoNLL-2003 style IOB file -> documents with character-offset gold spans."""
    docs: list[GoldDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def flush_doc() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            docs.append(_conll_doc(f"conll-{len(docs):04d}", sentences))
            sentences.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if sentence:
                    sentences.append(list(sentence))
                    sentence.clear()
                continue
            if parts[0] == "-DOCSTART-":
                flush_doc()
                if limit is not None and len(docs) >= limit:
                    return docs
                continue
            sentence.append((parts[0], parts[-1]))
    flush_doc()
    return docs[:limit] if limit is not None else docs


def _conll_doc(doc_id: str, sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    pieces: list[str] = []
    spans: set[Span3] = set()
    pos = 0
    for sentence in sentences:
        if pieces:
            pieces.append("\n")
            pos += 1
        open_: tuple[int, str] | None = None
        last_end = pos
        for k, (token, tag) in enumerate(sentence):
            if k:
                pieces.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            pieces.append(token)
            pos = end
            kind, _, cls = tag.partition("-")
            if open_ and (kind != "I" or cls != open_[1]):
                spans.add((open_[0], last_end, open_[1]))
                open_ = None
            if kind in ("B", "I") and open_ is None:
                open_ = (start, cls)
            last_end = end
        if open_:
            spans.add((open_[0], last_end, open_[1]))
    return GoldDoc(doc_id, "".join(pieces), spans)


@dataclass
class _Word:
    form: str
    proper: bool  # a proper noun (GUM tags "United" in "United States" VERB but NNP)
    head: int  # index into the document's word list, -1 for the root
    start: int
    end: int


def read_gum(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """GUM CoNLL-U files -> documents with gold name spans (see the module docstring)."""
    docs = []
    for path in sorted(folder.glob("*.conllu")):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(_gum_doc(path))
    return docs


def _gum_doc(path: Path) -> GoldDoc:
    text: list[str] = []
    pos = 0
    words: list[_Word] = []
    mentions: list[tuple[int, int, str]] = []  # word range [a, b] inclusive, GUM type
    open_: dict[str, list[tuple[int, str]]] = {}
    sent_base = 0
    range_end = -1
    range_span = (0, 0)
    range_cursor = 0
    space_after = True

    def write(piece: str) -> tuple[int, int]:
        nonlocal pos
        text.append(piece)
        pos += len(piece)
        return pos - len(piece), pos

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar") and not line.startswith("# newpar_"):
            if pos:
                tail = text[-1][-2:]
                write("\n" * (2 - tail.count("\n")))
            space_after = False
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            if pos and not text[-1].endswith("\n"):
                write("\n")
            space_after = False
            sent_base = len(words)
            continue
        cols = line.split("\t")
        wid, form, head, misc = cols[0], cols[1], cols[6], cols[9]
        proper = cols[3] == "PROPN" or cols[4] in ("NNP", "NNPS")
        if "." in wid:
            continue
        gap = space_after and pos and not text[-1].endswith("\n")
        if "-" in wid:
            range_end = sent_base + int(wid.split("-")[1]) - 1
            if gap:
                write(" ")
            range_span = write(form)
            range_cursor = 0
            space_after = "SpaceAfter=No" not in misc
            continue
        index = sent_base + int(wid) - 1
        if index <= range_end:  # a word inside "Gloria's": its own characters where they show
            surface = "".join(text)[range_span[0] : range_span[1]]
            found = surface.find(form, range_cursor)
            if found < 0:
                start, end = range_span
            else:
                start, end = range_span[0] + found, range_span[0] + found + len(form)
                range_cursor = found + len(form)
        else:
            if gap:
                write(" ")
            start, end = write(form)
            space_after = "SpaceAfter=No" not in misc
        parent = sent_base + int(head) - 1 if head != "0" else -1
        words.append(_Word(form, proper, parent, start, end))
        for item in misc.split("|"):
            if item.startswith("Entity="):
                for m in _GUM_ENTITY.finditer(item[len("Entity=") :]):
                    if m.group(1):
                        etype = m.group(2).split("-", 1)[0]
                        if m.group(3):
                            mentions.append((index, index, etype))
                        else:
                            open_.setdefault(m.group(1), []).append((index, etype))
                    elif m.group(4) and open_.get(m.group(4)):
                        a, etype = open_[m.group(4)].pop()
                        mentions.append((a, index, etype))
    spans = set()
    for a, b, etype in mentions:
        if etype not in GUM_TYPES:
            continue
        span = _gum_name(words, a, b)
        if span:
            spans.add((*span, GUM_TYPES[etype]))
    return GoldDoc(path.stem, "".join(text), spans)


def _gum_name(words: list[_Word], a: int, b: int) -> tuple[int, int] | None:
    """The proper-noun run around a mention's head, or None when the head is no proper noun.

    Titles end the run ("U.S. President Donald Trump" -> "Donald Trump"), as in CoNLL.
    """
    heads = [i for i in range(a, b + 1) if not a <= words[i].head <= b]

    def name_word(i: int) -> bool:
        return words[i].proper and words[i].form.lower().rstrip(".") not in _TITLES

    if not heads or not name_word(heads[0]):
        return None  # a description ("the president") or a bare title ("the President")
    lo = hi = heads[0]

    def joins(i: int, j: int) -> bool:  # "Department of Defense"
        return words[i].form.lower() in _CONNECTORS and a <= j <= b and name_word(j)

    while lo > a and (name_word(lo - 1) or joins(lo - 1, lo - 2)):
        lo -= 1
    while hi < b and (name_word(hi + 1) or joins(hi + 1, hi + 2)):
        hi += 1
    return words[lo].start, words[hi].end


# --------------------------------------------------------------------------- line kinds


def line_kinds(text: str, config: Config) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every line: a dateline (the outlet recogniser's), a table line
    (numbers make at least `table_number_ratio` of its words, as the entities stage counts
    them), an all-caps headline (`shouted_min_ratio` of its words in capitals), else prose."""
    cfg = config.entities
    datelines = {c.start for c in load_outlets().credits(text) if c.kind == "dateline"}
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        tokens = _TOKEN.findall(line)
        numbers = sum(bool(_NUMERIC.match(t)) for t in tokens)
        words = [t for t in tokens if t.isalpha() and len(t) >= 2]
        upper = sum(t.isupper() for t in words)
        if any(start <= d < end for d in datelines) or (
            numbers >= cfg.table_min_numbers and numbers >= cfg.table_number_ratio * len(words)
        ):
            kind = LINE_KINDS[1]
        elif len(words) >= cfg.shouted_min_words and upper >= cfg.shouted_min_ratio * len(words):
            kind = LINE_KINDS[2]
        else:
            kind = LINE_KINDS[0]
        out.append((start, end, kind))
    return out


def _kind_at(lines: list[tuple[int, int, str]], offset: int) -> str:
    for start, end, kind in lines:
        if start <= offset <= end:
            return kind
    return LINE_KINDS[0]


# --------------------------------------------------------------------------- scoring


def _score(gold: Iterable[Span3], pred: Iterable[Span3], types: Iterable[str]) -> dict[str, PRF]:
    gold, pred = set(gold), set(pred)
    out = {t: PRF() for t in types}
    out["micro"] = PRF()
    for t in list(out):
        if t == "micro":
            continue
        g = {s for s in gold if s[2] == t}
        p = {s for s in pred if s[2] == t}
        out[t].add(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        out["micro"] += out[t]
    return out


def _untyped(spans: Iterable[Span3]) -> set[Span3]:
    return {(s, e, "ANY") for s, e, _ in spans}


def evaluate(
    docs: list[GoldDoc], types: tuple[str, ...], mapping: dict[str, str], config: Config
) -> Report:
    """Run nlp then entities over `docs`; score the bare Doc.ents and our mentions."""
    from newsint.model import Analysis, ArticleMeta
    from newsint.stages import registry
    from newsint.stages.base import Resources, Work

    resources = Resources(config)
    stages = registry()  # the text is given: the clean stage is not run
    nlp_stage, entities_stage = stages["nlp"](resources), stages["entities"](resources)
    batch = [Work(Analysis(article=ArticleMeta(id=d.id), text=d.text, raw=d.text)) for d in docs]
    t0 = time.perf_counter()
    nlp_stage(batch)
    t1 = time.perf_counter()
    entities_stage(batch)
    t2 = time.perf_counter()
    scores: dict[str, dict[str, PRF]] = {"spacy": {}, "newsint": {}}
    any_scores: dict[str, PRF] = {"spacy": PRF(), "newsint": PRF()}
    by_line = {s: {k: PRF() for k in LINE_KINDS} for s in ("spacy", "newsint")}
    gold_lines = dict.fromkeys(LINE_KINDS, 0)
    for doc, work in zip(docs, batch, strict=True):
        bare = {
            (e.start_char, e.end_char, mapping[e.label_])
            for e in work.doc.ents
            if e.label_ in mapping and mapping[e.label_] in types
        }
        ours = {
            (m.start, m.end, mapping[m.type])
            for m in work.analysis.mentions
            if m.type in mapping and mapping[m.type] in types
        }
        for system, pred in (("spacy", bare), ("newsint", ours)):
            for t, prf in _score(doc.spans, pred, types).items():
                scores[system].setdefault(t, PRF())
                scores[system][t] += prf
            any_scores[system] += _score(_untyped(doc.spans), _untyped(pred), ("ANY",))["ANY"]
        lines = line_kinds(doc.text, config)
        for span in doc.spans:
            gold_lines[_kind_at(lines, span[0])] += 1
        for system, pred in (("spacy", bare), ("newsint", ours)):
            for kind in LINE_KINDS:
                g = {s for s in doc.spans if _kind_at(lines, s[0]) == kind}
                p = {s for s in pred if _kind_at(lines, s[0]) == kind}
                by_line[system][kind].add(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    columns = ["type", "gold", "spaCy P", "spaCy R", "spaCy F1", "newsint P", "newsint R"]
    columns.append("newsint F1")
    rows = []
    for t in (*types, "micro"):
        s, n = scores["spacy"][t], scores["newsint"][t]
        rows.append([t, int(s.tp + s.fn), *s.row(), *n.row()])
    s, n = any_scores["spacy"], any_scores["newsint"]
    rows.append(["span only", int(s.tp + s.fn), *s.row(), *n.row()])
    words = sum(len(w.doc) for w in batch)
    notes = [
        f"{len(docs)} documents, {words:,} tokens; spaCy {t1 - t0:.1f} s, "
        f"entities stage {t2 - t1:.2f} s ({(t2 - t1) / max(t1 - t0, 1e-9):.1%} of the parse)",
        "strict: exact characters and type; 'span only' ignores the type",
    ]
    line_rows = [
        [kind, gold_lines[kind], *by_line["spacy"][kind].row(), *by_line["newsint"][kind].row()]
        for kind in LINE_KINDS
    ]
    line_notes = [
        "strict micro scores (all types) of the names standing on each kind of line: tables, "
        "datelines and all-caps headlines are where the model guesses"
    ]
    report = Report(
        "ner",
        "",
        [
            Table("strict-span P/R/F1", columns, rows, notes),
            Table("by line kind", ["line", *columns[1:]], line_rows, line_notes),
        ],
    )
    report.seconds = t2 - t0
    return report


def run(options: EvalOptions) -> list[Report]:
    reports = []
    split = options.split or "dev"
    conll = options.data / "ner" / f"conllpp_{split}.txt"
    name = f"CoNLL++ {split}"
    if conll.exists():
        report = evaluate(
            read_conll(conll, options.limit),
            ("PER", "ORG", "LOC", "MISC"),
            CONLL_TYPES,
            options.config,
        )
        report.dataset = name
        reports.append(report)
    else:
        reports.append(skipped("ner", name, conll))
    gum = options.data / "ner" / "gum_news"
    if gum.is_dir():
        report = evaluate(
            read_gum(gum, options.limit), ("PER", "ORG", "LOC"), CONLL_TYPES, options.config
        )
        report.dataset = "GUM news"
        reports.append(report)
    else:
        reports.append(skipped("ner", "GUM news", gum))
    return reports
