"""Events on ECB+ (stories/ecbplus): trigger detection and argument mentions, a proxy.

ECB+ annotates, in a selection of sentences per document (ECBplus_coreference_sentences.csv),
every action mention (ACTION_*, NEG_ACTION_*) and the times (TIME_*), locations (LOC_*) and
human and non-human participants (HUMAN_PART_*, NON_HUMAN_PART*) of events, as token anchors.
It links mentions by coreference only: it does not say which time or place belongs to which
action. So we score, within the selected sentences only:

- triggers: our event triggers against all action mentions, strict (same tokens) and head
  (the gold mention contains our trigger's head word);
- arguments: the time, place and participant arguments of our events against the sentence's
  gold time, location and participant mentions. Recall is over all such gold mentions in the
  selected sentences, attached to our events or not: it says how much of what ECB+ marks our
  events pick up, not whether each argument sits on the right action.

What this does not measure: PLOVER typing (ECB+ has no types of that kind; most of its actions,
such as deaths, fires, earthquakes or sports signings, fall outside PLOVER on purpose), modes,
actor/target roles, claim status and time normalisation.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from defusedxml import ElementTree

from newsint.config import Config
from newsint.evaluate.common import PRF, EvalOptions, Report, Table, skipped
from newsint.model import Analysis, ArticleMeta, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

TASK = "events"
DATASET = "ecbplus"
_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "]", "%", "'s", "n't", "”", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "“"})
_QUOTES = {"``": "“", "''": "”"}


@dataclass
class Mention:
    tag: str  # ACTION_OCCURRENCE, TIME_DATE, LOC_GEO, HUMAN_PART_PER, ...
    tokens: frozenset[int]  # token ids
    sentence: int

    @property
    def kind(self) -> str:
        t = self.tag
        if t.startswith(("ACTION", "NEG_ACTION")):
            return "action"
        if t.startswith("TIME"):
            return "time"
        if t.startswith("LOC"):
            return "place"
        if t.startswith(("HUMAN_PART", "NON_HUMAN_PART")):
            return "participant"
        return "other"


@dataclass
class GoldDoc:
    name: str  # "1_10ecbplus"
    text: str
    spans: dict[int, tuple[int, int]]  # token id -> char span in text
    sentence_of: dict[int, int]  # token id -> sentence number
    mentions: list[Mention] = field(default_factory=list)

    def tokens_in(self, start: int, end: int) -> frozenset[int]:
        return frozenset(t for t, (s, e) in self.spans.items() if s < end and start < e)


def read_selected(path: Path) -> dict[str, set[int]]:
    """Document name ("1_10ecbplus") -> the sentence numbers annotated in full."""
    out: dict[str, set[int]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = f"{row['Topic']}_{row['File']}"
            out.setdefault(name, set()).add(int(row["Sentence Number"]))
    return out


def read_doc(path: Path) -> GoldDoc:
    """Tokens to text (sentences as paragraphs, light detokenisation), token spans, mentions."""
    root = ElementTree.parse(path).getroot()
    plus = path.name.endswith("ecbplus.xml")
    pieces: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    sentence_of: dict[int, int] = {}
    pos = 0
    current = None
    prev_text = ""
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if plus and sent == 0:
            continue  # the page URL, tokenised as sentence zero
        raw = tok.text or ""
        text = _QUOTES.get(raw, raw)
        if current is None:
            sep = ""
        elif sent != current:
            sep = "\n\n"
        elif text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        current = sent
        pieces.append(sep)
        pos += len(sep)
        tid = int(tok.get("t_id", "0"))
        spans[tid] = (pos, pos + len(text))
        sentence_of[tid] = sent
        pieces.append(text)
        pos += len(text)
        prev_text = text
    doc = GoldDoc(path.stem, "".join(pieces), spans, sentence_of)
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        ids = frozenset(int(a.get("t_id", "0")) for a in m.findall("token_anchor") if a.get("t_id"))
        ids = frozenset(i for i in ids if i in spans)
        if ids:
            doc.mentions.append(Mention(m.tag, ids, sentence_of[min(ids)]))
    return doc


def document_paths(root: Path) -> list[Path]:
    """All ECB+ documents, in topic, document and sub-corpus order."""
    found = []
    for path in root.glob("*/*.xml"):
        m = _FILE.match(path.name)
        if m:
            found.append(((int(m[1]), int(m[2]), m[3]), path))
    return [p for _, p in sorted(found)]


@dataclass
class Predicted:
    """What our events say in one scored sentence, as ECB+ token sets."""

    triggers: set[tuple[frozenset[int], int, bool, bool]] = field(default_factory=set)
    args: dict[str, set[tuple[frozenset[int], int]]] = field(default_factory=dict)


def _run_pipeline(docs: list[GoldDoc], config: Config) -> Iterator[tuple[GoldDoc, Analysis, Doc]]:
    """Our stages after cleaning (the gold text is already clean) over each document."""
    from newsint.pipeline import build_stages
    from newsint.stages.base import READER_ASSIGNS, Resources, Work

    resources = Resources(config)
    names = [n for n in config.pipeline.stages if n != "clean"]
    stages = build_stages(names, resources, READER_ASSIGNS | {"text"})
    size = config.pipeline.batch_size
    for i in range(0, len(docs), size):
        chunk = docs[i : i + size]
        batch = [
            Work(
                Analysis(
                    article=ArticleMeta(id=stable_id("art", d.name), source=d.name),
                    text=d.text,
                    raw=d.text,
                )
            )
            for d in chunk
        ]
        for stage in stages:
            stage(batch)
        for d, w in zip(chunk, batch, strict=True):
            yield d, w.analysis, w.doc


def _head_token(gold: GoldDoc, doc: Doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    ids = gold.tokens_in(root.idx, root.idx + len(root))
    return min(ids) if ids else None


def predictions(gold: GoldDoc, analysis: Analysis, doc: Doc, scored: set[int]) -> Predicted:
    out = Predicted(args={"time": set(), "place": set(), "participant": set()})
    for e in analysis.events:
        ids = gold.tokens_in(e.trigger.start, e.trigger.end)
        if not ids or gold.sentence_of[min(ids)] not in scored:
            continue
        head = _head_token(gold, doc, e.trigger.start, e.trigger.end)
        if head is None:
            continue
        out.triggers.add((ids, head, e.ontology == "PLOVER", e.negated))
        for kind, arg in (
            ("time", e.time),
            ("place", e.place),
            ("participant", e.actor),
            ("participant", e.target),
        ):
            if arg is None or arg.end <= arg.start:
                continue
            if kind == "time" and arg.time is None and arg.value is not None:
                continue  # the publication date implied by tense: no time expression
            a_ids = gold.tokens_in(arg.start, arg.end)
            a_head = _head_token(gold, doc, arg.start, arg.end)
            if a_ids and a_head is not None:
                out.args[kind].add((a_ids, a_head))
    return out


def _match(
    pred: list[tuple[frozenset[int], int]], gold: list[frozenset[int]], strict: bool
) -> tuple[int, list[int]]:
    """Greedy one-to-one matching; returns (true positives, gold indices matched)."""
    used: set[int] = set()
    tp = 0
    for ids, head in pred:
        for k, g in enumerate(gold):
            if k in used:
                continue
            if (ids == g) if strict else (head in g):
                used.add(k)
                tp += 1
                break
    return tp, sorted(used)


@dataclass
class Scores:
    trig: dict[str, PRF] = field(default_factory=dict)
    args: dict[str, PRF] = field(default_factory=dict)
    by_class: dict[str, list[int]] = field(default_factory=dict)  # tag -> [gold, found]
    negation: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # neg tp, fn, pos tn, fp
    time_stage: PRF = field(default_factory=PRF)
    sentences: int = 0
    docs: int = 0

    def prf(self, table: dict[str, PRF], key: str) -> PRF:
        return table.setdefault(key, PRF())


def score_doc(s: Scores, gold: GoldDoc, analysis: Analysis, doc: Doc, scored: set[int]) -> None:
    s.docs += 1
    s.sentences += len(scored & set(gold.sentence_of.values()))
    mentions = [m for m in gold.mentions if m.sentence in scored]
    pred = predictions(gold, analysis, doc, scored)
    actions = [m for m in mentions if m.kind == "action"]
    triggers = sorted(pred.triggers, key=lambda t: min(t[0]))
    for subset, keep in (("all types", lambda t: True), ("PLOVER only", lambda t: t[2])):
        chosen = [(t[0], t[1]) for t in triggers if keep(t)]
        for strict in (True, False):
            tp, _ = _match(chosen, [m.tokens for m in actions], strict)
            key = f"{subset}, {'strict' if strict else 'head'}"
            s.prf(s.trig, key).add(tp=tp, fp=len(chosen) - tp, fn=len(actions) - tp)
    # recall per ECB+ action class, and negation on head-matched triggers
    for m in actions:
        row = s.by_class.setdefault(m.tag, [0, 0])
        row[0] += 1
        hit = next((t for t in triggers if t[1] in m.tokens), None)
        if hit is None:
            continue
        row[1] += 1
        if m.tag.startswith("NEG_"):
            s.negation[0 if hit[3] else 1] += 1
        else:
            s.negation[3 if hit[3] else 2] += 1
    for kind in ("time", "place", "participant"):
        golds = [m.tokens for m in mentions if m.kind == kind]
        chosen = sorted(pred.args[kind], key=lambda a: min(a[0]))
        for strict in (True, False):
            tp, _ = _match(chosen, golds, strict)
            key = f"{kind}, {'strict' if strict else 'head'}"
            s.prf(s.args, key).add(tp=tp, fp=len(chosen) - tp, fn=len(golds) - tp)
    # context: how many gold times the time stage (or spaCy's NER without it) found at all
    golds = [m.tokens for m in mentions if m.kind == "time"]
    found = []
    for t in analysis.times:
        ids = gold.tokens_in(t.start, t.end)
        head = _head_token(gold, doc, t.start, t.end)
        if ids and head is not None and gold.sentence_of[min(ids)] in scored:
            found.append((ids, head))
    if not analysis.times and doc is not None:
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                ids = gold.tokens_in(ent.start_char, ent.end_char)
                if ids and gold.sentence_of[min(ids)] in scored:
                    found.append((ids, min(gold.tokens_in(ent.root.idx, ent.root.idx + 1))))
    tp, _ = _match(found, golds, strict=False)
    s.time_stage.add(tp=tp, fp=len(found) - tp, fn=len(golds) - tp)


def run(options: EvalOptions) -> list[Report]:
    root = options.data / "stories" / "ecbplus"
    corpus = root / "ECB+"
    if not corpus.is_dir():
        return [skipped(TASK, DATASET, corpus)]
    selected = read_selected(root / "ECBplus_coreference_sentences.csv")
    paths = [p for p in document_paths(corpus) if p.stem in selected]
    if options.limit:
        paths = paths[: options.limit]
    docs = [read_doc(p) for p in paths]
    s = Scores()
    for gold, analysis, doc in _run_pipeline(docs, options.config):
        score_doc(s, gold, analysis, doc, selected[gold.name])
    topics = sorted({p.parent.name for p in paths}, key=int)
    scope = (
        f"{s.docs} documents in {len(topics)} topic folders, {s.sentences} annotated sentences "
        "(ECBplus_coreference_sentences.csv); other sentences are not scored"
    )
    trig = Table(
        "Trigger detection vs ECB+ action mentions (ACTION_*, NEG_ACTION_*)",
        ["events", "match", "P", "R", "F1", "tp", "fp", "fn"],
        notes=[
            scope,
            "strict: same tokens; head: the gold mention contains our trigger's head word",
            "ECB+ marks every action (deaths, fires, signings); PLOVER covers political "
            "interaction only, so recall is bounded far below 1 by design",
        ],
    )
    for key, prf in s.trig.items():
        events, match = key.split(", ")
        trig.rows.append([events, match, *prf.row(), int(prf.tp), int(prf.fp), int(prf.fn)])
    args = Table(
        "Argument mentions vs ECB+ time / location / participant mentions, same sentences",
        ["argument", "match", "P", "R", "F1", "tp", "fp", "fn"],
        notes=[
            "ECB+ does not link arguments to actions: precision = our arguments that are gold "
            "mentions; recall = gold mentions that any of our events took as an argument",
            "participant = our actor and target against HUMAN_PART_* and NON_HUMAN_PART*",
        ],
    )
    for key, prf in s.args.items():
        kind, match = key.split(", ")
        args.rows.append([kind, match, *prf.row(), int(prf.tp), int(prf.fp), int(prf.fn)])
    tp = s.time_stage
    args.rows.append(
        ["time (all found, head)", "head", *tp.row(), int(tp.tp), int(tp.fp), int(tp.fn)]
    )
    args.notes.append(
        "time (all found): every time expression the time stage found (spaCy DATE/TIME without "
        "it), attached to an event or not: the ceiling for the time argument"
    )
    classes = Table(
        "Recall by ECB+ action class (head match)",
        ["class", "gold", "found", "R"],
        rows=[
            [tag, g, f, round(f / g, 3) if g else 0.0]
            for tag, (g, f) in sorted(s.by_class.items(), key=lambda kv: -kv[1][0])
        ],
    )
    neg_tp, neg_fn, pos_tn, pos_fp = s.negation
    classes.notes.append(
        f"negation on found triggers: {neg_tp} of {neg_tp + neg_fn} NEG_ACTION mentions "
        f"flagged negated; {pos_fp} of {pos_tn + pos_fp} other actions wrongly flagged"
    )
    return [Report(TASK, DATASET, [trig, args, classes])]
