"""Events carry factuality (issue 15): sentences of our own, each with the event's status, whether
it is reported as having happened, and for a denial the event it denies."""

from __future__ import annotations

import pytest

from newsint.config import default_config
from newsint.model import Analysis, Event, reported_as_happened

STAGES = ["clean", "nlp", "entities", "time", "factuality", "claims", "grade", "events"]
FLOOR = default_config().events.happened_factuality


@pytest.fixture(scope="module")
def analysed(run_stages):
    cache: dict[str, Analysis] = {}

    def run(text: str) -> Analysis:
        if text not in cache:
            cache[text] = run_stages(text, STAGES, published="2025-05-22").analysis
        return cache[text]

    return run


def event(a: Analysis, trigger: str) -> Event:
    found = [e for e in a.events if e.trigger.text == trigger]
    assert found, (trigger, [(e.type, e.trigger.text) for e in a.events])
    return found[0]


def happened(e: Event) -> bool:
    return reported_as_happened(e.status, e.negated, e.factuality, FLOOR)


# text, trigger, status, reported as having happened
TABLE = [
    ("Rebels attacked the convoy near Tessa on Monday.", "attacked", "asserted", True),
    ("Rebels allegedly attacked the convoy near Tessa on Monday.", "attacked", "alleged", True),
    ("Rebels did not attack the convoy, the army said.", "attack", "asserted", False),
    ("If the talks fail, the army will attack the port.", "attack", "hypothetical", False),
    ("The army will attack the port next week, the general said.", "attack", "intention", False),
    ("The minister plans to visit Kyiv in June.", "visit", "intention", False),
    (
        "The spokesman refused to say whether the minister had met the envoy.",
        "met",
        "question",
        False,
    ),
    (
        "Asked if he thought the talks would resume, the envoy said he was hopeful.",
        "Asked",
        "asserted",
        True,
    ),
    ("The ministry denied that its troops had attacked the village.", "attacked", "denied", False),
    ("There is no evidence that the port sold grain to the trader.", "sold", "uncertain", False),
]


@pytest.mark.parametrize(("text", "trigger", "status", "done"), TABLE)
def test_event_status_and_whether_it_happened(
    analysed, text: str, trigger: str, status: str, done: bool
) -> None:
    e = event(analysed(text), trigger)
    assert e.factuality is not None
    assert e.status == status, (e.status, e.factuality, e.negated, e.modality)
    assert happened(e) is done


def test_a_denial_carries_the_event_it_denies(analysed) -> None:
    a = analysed("The ministry denied that its troops had attacked the village.")
    denial = event(a, "denied")
    assert (denial.type, denial.mode) == ("REJECT", "deny")
    assert denial.about == event(a, "attacked").id
    assert a.main_event is not None and a.main_event.event == denial.id
    assert "denied: ASSAULT" in (a.main_event.what or "")
