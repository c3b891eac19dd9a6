"""Corpus timeline: copies report one event once, dated events in order, undated after."""

from __future__ import annotations

from corpus_texts import INDEPENDENT, ORIGINAL, features
from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.corpus.timeline import corpus_timeline

SEIZE = {
    "trigger": "seized",
    "type": "SEIZE",
    "actor": "Inspectors",
    "target": "counterfeit vaccines",
    "time": ("2026-03-01", "day", "2026-03-01", "2026-03-01"),
}
ARREST = {
    "trigger": "arrested",
    "type": "ARREST",
    "actor": "Police",
    "target": "two crew members",
    "time": ("2026-03", "month", "2026-03-01", "2026-03-31"),
}
HEAR = {"trigger": "will hear", "type": "ADJUDICATE", "actor": "a court"}
BEACON = {
    "trigger": "switched off",
    "type": "CONCEAL",
    "actor": "the Silent Heron",
    "time": ("2026-02-20", "day", "2026-02-20", "2026-02-20"),
}


def test_timeline_dedups_copies_and_orders() -> None:
    events = [SEIZE, ARREST, HEAR, BEACON]
    wire = features(ORIGINAL, site="harborwire.example", published="2026-03-02", events=events)
    copy = features(ORIGINAL, site="mirror.example", published="2026-03-03", events=events)
    other = features(
        INDEPENDENT,
        site="valmoraherald.example",
        published="2026-03-02",
        events=[
            {
                "trigger": "discovered",
                "type": "SEIZE",
                "actor": "Inspectors",
                "target": "counterfeit vaccines",
                "time": ("2026-03-01", "day", "2026-03-01", "2026-03-01"),
            }
        ],
    )
    an = CorpusAnalyzer(default_config())
    an.add([wire, copy, other])
    timeline = corpus_timeline([wire, copy, other], an.links.values())
    assert [e.type for e in timeline] == ["CONCEAL", "ARREST", "SEIZE", "ADJUDICATE"]
    seize = timeline[2]
    assert sorted(seize.articles) == sorted([wire.id, copy.id, other.id])
    assert seize.independent == 2  # the mirror collapses into the wire story
    assert timeline[-1].time is None  # undated, listed last
    only_police = corpus_timeline([wire, copy, other], an.links.values(), entity="police")
    assert [e.type for e in only_police] == ["ARREST"]


def test_events_not_reported_as_having_happened_only_when_asked_for() -> None:
    wire = features(
        ORIGINAL,
        site="harborwire.example",
        published="2026-03-02",
        events=[SEIZE, ARREST, HEAR, BEACON],
    )
    by_type = {e.type: e for e in wire.events}
    by_type["ARREST"].status = "denied"  # "the police denied arresting two crew members"
    by_type["ADJUDICATE"].status = "intention"  # "a court will hear the case"
    by_type["CONCEAL"].negated = True  # "the Silent Heron did not switch off its beacon"
    an = CorpusAnalyzer(default_config())
    an.add([wire])
    shown = corpus_timeline([wire], an.links.values())
    assert [e.type for e in shown] == ["SEIZE"]
    everything = corpus_timeline([wire], an.links.values(), all_events=True)
    assert [(e.type, e.status, e.negated) for e in everything] == [
        ("CONCEAL", "asserted", True),
        ("ARREST", "denied", False),
        ("SEIZE", "asserted", False),
        ("ADJUDICATE", "intention", False),
    ]
