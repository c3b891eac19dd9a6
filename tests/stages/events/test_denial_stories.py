"""End to end on the demo's stories about what did not happen (issue 15): a port authority's
denial reported by two outlets, and an audit that found no evidence of a sale. The denial is
the main event with the denied meeting attached, the meeting stays off the timelines, and the
sale is never asserted."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from newsint.api import analyze_paths
from newsint.model import Analysis, Claim, Event
from newsint.stages.time.timeline import article_timeline

DENIAL = "balticledger-port-denial.json"
REJECTION = "nordicharbourradio-port-denial.json"
AUDIT = "grainmarketwatch-port-audit.json"

pytestmark = pytest.mark.slow  # the spaCy pipeline


def demo(name: str) -> Path:
    return Path(str(resources.files("newsint.data").joinpath("demo", name)))


@pytest.fixture(scope="module")
def stories(resources) -> dict[str, Analysis]:
    from newsint.pipeline import Pipeline

    pipeline = Pipeline(resources.config, resources=resources)
    out = {}
    for name in (DENIAL, REJECTION, AUDIT):
        (a,) = list(analyze_paths([demo(name)], config=resources.config, pipeline=pipeline))
        assert isinstance(a, Analysis)
        out[name] = a
    return out


def by_id(a: Analysis, event_id: str | None) -> Event:
    found = [e for e in a.events if e.id == event_id]
    assert found, (event_id, [(e.id, e.type, e.trigger.text) for e in a.events])
    return found[0]


def claim_with(a: Analysis, words: str) -> Claim:
    found = [c for c in a.claims if words in c.content.text]
    assert found, (words, [(c.status, c.content.text) for c in a.claims])
    return found[0]


def on_timeline(a: Analysis) -> set[str]:
    dated, undated = article_timeline(a, fold=False)
    return {entry.event.id for entry in [*dated, *undated]}


@pytest.mark.parametrize("name", [DENIAL, REJECTION])
def test_a_denial_story_has_the_denial_as_main_event_with_the_denied_meeting(
    stories: dict[str, Analysis], name: str
) -> None:
    a = stories[name]
    assert a.main_event is not None
    main = by_id(a, a.main_event.event)
    assert main.type == "REJECT" and main.status == "asserted"
    denied = by_id(a, main.about)
    assert denied.type == "CONSULT"
    assert denied.status == "denied" and denied.negated
    assert denied.factuality is not None and denied.factuality < 0
    assert "denied: CONSULT" in (a.main_event.what or "")
    timeline = on_timeline(a)
    assert main.id in timeline and denied.id not in timeline
    everything = article_timeline(a, fold=False, all_events=True)
    assert denied.id in {e.event.id for e in [*everything[0], *everything[1]]}


def test_the_denied_claims_and_the_negative_statement_apart(
    stories: dict[str, Analysis],
) -> None:
    a = stories[DENIAL]
    assert claim_with(a, "had met the sanctioned shipowner").status == "denied"
    worded = claim_with(a, "There was no meeting whatsoever")
    assert worded.status == "denied" and worded.source.name == "Vellamo Port Authority"
    assert claim_with(a, "the report was false").status == "denied"
    b = stories[REJECTION]
    assert claim_with(b, "held a secret meeting").status == "denied"
    assert claim_with(b, "entirely untrue").status == "denied"
    # not travelling is what the authority asserts, worded negatively: not a denial
    assert claim_with(b, "had not travelled to Tallinn").status == "negative"
    assert claim_with(b, "If the report turns out to be true").status == "hypothetical"
    planned = claim_with(b, "will discuss the matter")
    assert planned.status == "intention"
    for e in b.events:
        if e.trigger.start >= planned.content.start and e.trigger.end <= planned.content.end:
            assert e.status == "intention" and e.id not in on_timeline(b)


def test_no_evidence_of_a_sale_is_never_an_asserted_sale(stories: dict[str, Analysis]) -> None:
    a = stories[AUDIT]
    sales = [e for e in a.events if e.trigger.text == "sold"]
    assert sales
    for sale in sales:
        assert sale.status != "asserted"
        assert sale.factuality is not None and sale.factuality <= 0
        assert sale.id not in on_timeline(a)
        assert a.main_event is None or a.main_event.event != sale.id
    claim = claim_with(a, "There is no evidence that the port sold")
    assert claim.status == "uncertain"
    assert claim.factuality is not None and claim.factuality <= 0


def test_the_corpus_timeline_keeps_the_denied_meeting_off_unless_asked(
    stories: dict[str, Analysis], tmp_path: Path
) -> None:
    from newsint.corpus.api import Corpus

    dump = tmp_path / "analyses.jsonl"
    dump.write_text(
        "\n".join(a.to_json(indent=None) for a in stories.values()) + "\n", encoding="utf-8"
    )
    with Corpus(tmp_path / "corpus.db") as corpus:
        summary = corpus.ingest([str(dump)])
        assert summary.failed == []
        shown = corpus.timeline()
        everything = corpus.timeline(all_events=True)
    assert not [t for t in shown if t.status == "denied" or t.negated]
    assert [t for t in everything if t.type == "CONSULT" and t.status == "denied"]
    assert {t.type for t in shown} >= {"REJECT"}
