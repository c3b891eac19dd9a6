"""`newsint eval time`: TIMEX3 detection and normalisation on TimeBank + AQUAINT (TBAQ-cleaned).

Each document's TEXT is analysed as it stands (no cleaning: the clean stage would drop the short
lines these texts contain) with its creation time (DCT) as the publication date. Scored as in
TempEval-3: detection strict (same span) and relaxed (overlap), then type and value accuracy
over relaxed matches, and value F1 (a correct value counts as a hit). A baseline row, spaCy
DATE/TIME spans normalised one by one with dateparser, is computed in the same run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsint.evaluate.common import PRF, EvalOptions, Report, Table, skipped
from newsint.evaluate.timeml import GoldTimex, TimeMLDoc, read_corpus

DATASET = "time/TBAQ-cleaned"


@dataclass(frozen=True)
class SysTimex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Scores:
    strict: PRF
    relaxed: PRF
    value: PRF
    matched: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def row(self, name: str) -> list[Any]:
        m = self.matched or 1
        return [
            name,
            *self.strict.row(),
            *self.relaxed.row(),
            round(self.type_ok / m, 3),
            round(self.value_ok / m, 3),
            round(self.value.f1, 3),
        ]


def score(docs: list[TimeMLDoc], outputs: list[list[SysTimex]]) -> Scores:
    s = Scores(PRF(), PRF(), PRF())
    for doc, found in zip(docs, outputs, strict=True):
        gold = doc.timexes
        spans = {(g.start, g.end) for g in gold}
        exact = sum((t.start, t.end) in spans for t in found)
        s.strict.add(tp=exact, fp=len(found) - exact, fn=len(gold) - exact)
        pairs = match(gold, found)
        s.relaxed.add(tp=len(pairs), fp=len(found) - len(pairs), fn=len(gold) - len(pairs))
        s.matched += len(pairs)
        ok = 0
        for g, t in pairs:
            s.type_ok += g.type == t.type
            ok += same_value(g.value, t.value)
        s.value_ok += ok
        s.value.add(tp=ok, fp=len(found) - ok, fn=len(gold) - ok)
    return s


_WEEK = re.compile(r"^(\d{4})-W(\d)(?!\d)")


def same_value(gold: str, ours: str | None) -> bool:
    """Equal values; TimeBank writes some ISO weeks unpadded (2000-W7 for 2000-W07)."""
    if ours is None:
        return False
    return _WEEK.sub(r"\1-W0\2", gold) == ours


def match(gold: list[GoldTimex], found: list[SysTimex]) -> list[tuple[GoldTimex, SysTimex]]:
    """Relaxed one-to-one matching: each gold span takes the first unused overlapping output."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, t in enumerate(found):
            if i not in used and t.start < g.end and g.start < t.end:
                used.add(i)
                pairs.append((g, t))
                break
    return pairs


def _dct(doc: TimeMLDoc) -> date | None:
    if not doc.dct:
        return None
    try:
        return date.fromisoformat(doc.dct[:10])
    except ValueError:
        return None


def run_newsint(
    docs: list[TimeMLDoc], spacy_docs: list[Any], resources: Any
) -> list[list[SysTimex]]:
    from newsint.stages.time.stage import TimeStage, find_times

    stage = TimeStage(resources)
    outputs = []
    for doc, sdoc in zip(docs, spacy_docs, strict=True):
        times = find_times(
            doc.text, sdoc, doc.name, _dct(doc), stage.model, stage.parser, stage.cfg
        )
        outputs.append([SysTimex(t.start, t.end, t.type, t.value) for t in times])
    return outputs


def run_baseline(docs: list[TimeMLDoc], spacy_docs: list[Any]) -> list[list[SysTimex]]:
    """spaCy DATE/TIME entities, each normalised by dateparser at the period it reports."""
    from dateparser.date import DateDataParser

    from newsint.text import timex

    outputs = []
    for doc, sdoc in zip(docs, spacy_docs, strict=True):
        dct = _dct(doc)
        parser = DateDataParser(
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(dct.year, dct.month, dct.day) if dct else datetime.min,
                "PREFER_DATES_FROM": "past",
                "PREFER_DAY_OF_MONTH": "first",
            },
        )
        found = []
        for ent in sdoc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            data = parser.get_date_data(ent.text)
            value = None
            if data and data.date_obj is not None:
                d = data.date_obj
                if data.period == "time":
                    value = d.strftime("%Y-%m-%dT%H:%M")
                else:
                    value = timex.render(d.date(), data.period)
            found.append(SysTimex(ent.start_char, ent.end_char, ent.label_, value))
        outputs.append(found)
    return outputs


def run(options: EvalOptions) -> list[Report]:
    from newsint.stages.base import Resources
    from newsint.stages.nlp import NlpStage

    root = options.data / DATASET
    if not root.is_dir():
        return [skipped("time", DATASET, root)]
    docs = read_corpus(root, options.limit)
    resources = Resources(options.config)
    nlp = NlpStage(resources).nlp
    spacy_docs = list(nlp.pipe([d.text for d in docs], batch_size=16))
    ours = score(docs, run_newsint(docs, spacy_docs, resources))
    base = score(docs, run_baseline(docs, spacy_docs))
    columns = [
        "system",
        "strict P",
        "strict R",
        "strict F1",
        "relaxed P",
        "relaxed R",
        "relaxed F1",
        "type acc",
        "value acc",
        "value F1",
    ]
    gold = sum(len(d.timexes) for d in docs)
    table = Table(
        f"TIMEX3 detection and normalisation ({len(docs)} documents, {gold} gold expressions)",
        columns,
        [ours.row("newsint (recognizers + rules)"), base.row("baseline: spaCy + dateparser")],
        notes=[
            "type/value accuracy over relaxed matches; value F1 counts a correct value as a hit",
            "DCT (document creation time) given as the publication date",
        ],
    )
    return [Report("time", DATASET, [table])]
