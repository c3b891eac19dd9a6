"""Events stage: table-driven sentences of our own per PLOVER category, negation, modality,
events inside hedged claims, time and place attachment, the main event."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsint.model import Claim, Event, Source, TextSpan, TimeExpr
from newsint.stages.events.lexicon import load_lexicon
from newsint.stages.events.stage import EventsStage


@pytest.fixture(scope="session")
def events_stage(resources) -> EventsStage:
    return EventsStage(resources)


@pytest.fixture(scope="session")
def extract(run_stages, events_stage):
    """extract(text, times={"last week": ("2023-W14", "week", None)}, claims=[...]) -> Work.

    Time expressions and claims are built by hand here (the time and claims stages have their
    own tests), so these tests pin down what the events stage does with them.
    """

    def run(
        text: str,
        times: dict[str, tuple[str, str, str | None]] | None = None,
        claims: list[Claim] | None = None,
        published: str | None = None,
    ):
        work = run_stages(text, ["clean", "nlp"], published=published)
        a = work.analysis
        for phrase, (value, granularity, mod) in (times or {}).items():
            start = a.text.index(phrase)
            a.times.append(
                TimeExpr(
                    id=f"tim_{len(a.times)}",
                    start=start,
                    end=start + len(phrase),
                    text=phrase,
                    type="DATE",
                    value=value,
                    granularity=granularity,  # type: ignore[arg-type]
                    mod=mod,
                    resolved=True,
                )
            )
        a.claims = list(claims or [])
        events_stage([work])
        return work

    return run


def one(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def text_of(arg) -> str | None:
    return arg.text if arg is not None else None


# --------------------------------------------------------------------------- categories

CATEGORIES = [
    # sentence, trigger as written, type, mode, actor, target
    (
        "The mayor signed an agreement with the teachers union.",
        "signed an agreement",
        "AGREE",
        None,
        "The mayor",
        "the teachers union",
    ),
    (
        "The Finnish president met the Chilean foreign minister.",
        "met",
        "CONSULT",
        None,
        "The Finnish president",
        "the Chilean foreign minister",
    ),
    (
        "The chancellor spoke by phone with the Brazilian president.",
        "spoke",
        "CONSULT",
        "phone",
        "The chancellor",
        "the Brazilian president",
    ),
    (
        "The queen visited the flooded villages.",
        "visited",
        "CONSULT",
        "visit",
        "The queen",
        "the flooded villages",
    ),
    (
        "The senator praised the new climate law.",
        "praised",
        "SUPPORT",
        None,
        "The senator",
        "the new climate law",
    ),
    (
        "The airline apologized to its passengers.",
        "apologized",
        "CONCEDE",
        None,
        "The airline",
        "its passengers",
    ),
    (
        "The shipyard sold weapons to the coastguard.",
        "sold",
        "COOPERATE",
        "military",
        "The shipyard",
        "the coastguard",
    ),
    (
        "The charity sent humanitarian aid to the island.",
        "sent humanitarian aid",
        "AID",
        "humanitarian",
        "The charity",
        "the island",
    ),
    (
        "The army withdrew its troops from the valley.",
        "withdrew",
        "RETREAT",
        None,
        "The army",
        "the valley",
    ),
    (
        "The union urged the council to raise wages.",
        "urged",
        "REQUEST",
        None,
        "The union",
        "the council",
    ),
    (
        "The minister accused the opposition of fraud.",
        "accused",
        "ACCUSE",
        "allege",
        "The minister",
        "the opposition",
    ),
    (
        "Human rights groups condemned the verdict.",
        "condemned",
        "ACCUSE",
        "disapprove",
        "Human rights groups",
        "the verdict",
    ),
    (
        "The parliament rejected the budget proposal.",
        "rejected",
        "REJECT",
        None,
        "The parliament",
        "the budget proposal",
    ),
    (
        "The rebels threatened the villagers.",
        "threatened",
        "THREATEN",
        None,
        "The rebels",
        "the villagers",
    ),
    (
        "Farmers protested against the new tax.",
        "protested",
        "PROTEST",
        "demo",
        "Farmers",
        "the new tax",
    ),
    (
        "The treasury imposed sanctions on three shipping companies.",
        "imposed sanctions",
        "SANCTION",
        None,
        "The treasury",
        "three shipping companies",
    ),
    (
        "The government deployed troops to the northern border.",
        "deployed",
        "MOBILIZE",
        "troops",
        "The government",
        "the northern border",
    ),
    (
        "Police arrested two journalists.",
        "arrested",
        "COERCE",
        "arrest",
        "Police",
        "two journalists",
    ),
    (
        "Gunmen attacked a police station.",
        "attacked",
        "ASSAULT",
        None,
        "Gunmen",
        "a police station",
    ),
    (
        "The bombing of the bridge by rebels killed two people.",
        "bombing",
        "ASSAULT",
        "explosives",
        "rebels",
        "the bridge",
    ),
    (
        "The spokeswoman told reporters that the bridge was closed.",
        "told",
        "STATEMENT",
        None,
        "The spokeswoman",
        "reporters",
    ),
]


@pytest.mark.parametrize(("sentence", "trigger", "etype", "mode", "actor", "target"), CATEGORIES)
def test_category(extract, sentence, trigger, etype, mode, actor, target) -> None:
    event = one(extract(sentence).analysis.events, trigger)
    assert (event.type, event.mode) == (etype, mode)
    assert text_of(event.actor) == actor
    assert text_of(event.target) == target
    assert event.ontology == ("newsint" if etype == "STATEMENT" else "PLOVER")


def test_every_plover_category_has_a_test_sentence() -> None:
    lexicon = load_lexicon("plover.toml")
    plover = {n for n, t in lexicon.types.items() if t.ontology == "PLOVER"}
    assert len(plover) == 16
    assert plover <= {row[2] for row in CATEGORIES}


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # a speech verb carrying an event noun is not a statement of its own
        ("The treasury announced sanctions on the bank.", "STATEMENT"),
        # "demonstrate" with an object is not a protest; "a great deal" is no agreement
        ("The report demonstrates the scale of the problem.", "PROTEST"),
        ("A great deal is at stake for the farmers.", "AGREE"),
        # an event noun with no participant is a mention, not a new event
        ("The talks ended without result.", "CONSULT"),
    ],
)
def test_not_an_event(extract, sentence, absent) -> None:
    assert absent not in {e.type for e in extract(sentence).analysis.events}


def test_statements_can_be_switched_off(run_stages, resources) -> None:
    from newsint.stages.base import Resources

    cfg = resources.config.model_copy(
        update={"events": resources.config.events.model_copy(update={"statements": False})}
    )
    stage = EventsStage(Resources(cfg, cache=resources.cache))
    work = run_stages("The spokesman said the road was open.", ["clean", "nlp"])
    stage([work])
    assert work.analysis.events == []


# --------------------------------------------------------------------------- arguments


def test_conjoined_targets_split_into_one_event_each(extract) -> None:
    events = extract(
        "The chancellor spoke over the phone with the Polish premier and the Czech president."
    ).analysis.events
    assert [(e.type, e.mode, text_of(e.actor), text_of(e.target)) for e in events] == [
        ("CONSULT", "phone", "The chancellor", "the Polish premier"),
        ("CONSULT", "phone", "The chancellor", "the Czech president"),
    ]


def test_possessive_is_the_actor_of_an_event_noun(extract) -> None:
    event = one(
        extract("The governor's phone call with the mayor lasted an hour.").analysis.events,
        "phone call",
    )
    assert (event.type, event.mode) == ("CONSULT", "phone")
    assert (text_of(event.actor), text_of(event.target)) == ("The governor", "the mayor")


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor"),
    [
        # a dateline parsed as a second subject
        ("OSLO (Agency) — Norway on Monday accused Sweden of spying.", "accused", "Norway"),
        # raising: the passive's subject acts in the infinitive
        ("The minister is expected to visit Lisbon next week.", "visit", "The minister"),
    ],
)
def test_actor_edge_cases(extract, sentence, trigger, actor) -> None:
    assert text_of(one(extract(sentence).analysis.events, trigger).actor) == actor


def test_meet_an_obligation_is_no_meeting(extract) -> None:
    events = extract("The agency said it was meeting every obligation.").analysis.events
    assert "CONSULT" not in {e.type for e in events}
    # ...but a goal in a prepositional phrase does not undo a meeting
    events = extract("The envoys met the rebels with the goal of a truce.").analysis.events
    assert "CONSULT" in {e.type for e in events}


def test_passive_agent_is_the_actor(extract) -> None:
    event = one(extract("The convoy was attacked by armed men.").analysis.events, "attacked")
    assert (text_of(event.actor), text_of(event.target)) == ("armed men", "The convoy")


def test_control_verb_gives_its_subject_and_modality(extract) -> None:
    event = one(
        extract("The militia attempted to buy rifles from a smuggler.").analysis.events, "buy"
    )
    assert text_of(event.actor) == "The militia"
    assert text_of(event.target) == "a smuggler"
    assert event.modality == "attempted"
    assert event.mode == "military"


def test_place_is_a_place_name_under_a_locative_preposition(extract) -> None:
    event = one(
        extract("The foreign minister met his Austrian counterpart in Vienna.").analysis.events,
        "met",
    )
    assert text_of(event.place) == "Vienna"
    assert text_of(event.target) == "his Austrian counterpart"


def test_argument_resolves_to_the_entity_of_a_name_compound(extract) -> None:
    work = extract("Acme Corporation representatives met the regulators.")
    event = one(work.analysis.events, "met")
    assert event.actor is not None
    assert event.actor.text == "Acme Corporation representatives"
    assert event.actor.value == "Acme Corporation"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actor=st.sampled_from(["The envoy", "Two ministers", "The company", "Local police"]),
    verb=st.sampled_from(["met", "criticized", "attacked", "praised", "threatened", "arrested"]),
    target=st.sampled_from(["the rebels", "a delegation from Oslo", "the new mayor", "them"]),
    tail=st.sampled_from(["", " in Lyon", " on Tuesday", " again, officials said"]),
)
def test_spans_point_into_the_text(extract, actor, verb, target, tail) -> None:
    work = extract(f"{actor} {verb} {target}{tail}.")
    text = work.analysis.text
    assert work.analysis.events
    for e in work.analysis.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for arg in (e.actor, e.target, e.time, e.place):
            if arg is not None:
                assert 0 <= arg.start <= arg.end <= len(text)
                assert text[arg.start : arg.end] == arg.text
        assert e.sentence is not None and e.sentence.contains(e.trigger)


# --------------------------------------------------------------------------- negation, modality


@pytest.mark.parametrize(
    ("sentence", "trigger", "negated", "modality"),
    [
        ("The president did not meet the delegation.", "meet", True, None),
        ("The envoy never met the rebel commander.", "met", True, None),
        ("The envoy failed to meet the rebel commander.", "meet", True, None),
        ("There were no talks with the rebels.", "talks", True, None),
        ("The envoy met the rebel commander.", "met", False, None),
        ("The envoy will meet the rebel commander.", "meet", False, "future"),
        ("The company plans to sell its drones to the army.", "sell", False, "planned"),
        ("It is unclear whether the minister met the envoy.", "met", False, "open question"),
    ],
)
def test_negation_and_modality(extract, sentence, trigger, negated, modality) -> None:
    event = one(extract(sentence).analysis.events, trigger)
    assert event.negated is negated
    assert event.modality == modality


# --------------------------------------------------------------------------- claims

SIGINT_CHAIN = [
    Source(text="the article", kind="article"),
    Source(text="a leaked document", kind="document", start=0, end=1),
    Source(text="signals intelligence", kind="intelligence", start=0, end=1),
]


def claim_over(text: str, content: str, status: str, polarity: str = "positive") -> Claim:
    start = text.index(content)
    return Claim(
        id=f"clm_{start}",
        content=TextSpan(start=start, end=start + len(content), text=content),
        source=SIGINT_CHAIN[1],
        chain=SIGINT_CHAIN,
        kind="indirect",
        status=status,  # type: ignore[arg-type]
        polarity=polarity,  # type: ignore[arg-type]
    )


def test_event_inside_a_claim_inherits_status_and_chain(extract) -> None:
    text = (
        "Company agents met smugglers in March, according to signals intelligence cited in a "
        "leaked document."
    )
    claim = claim_over(text, "Company agents met smugglers in March", "alleged")
    event = one(extract(text, claims=[claim]).analysis.events, "met")
    assert event.status == "alleged"
    assert event.claim == claim.id
    assert [s.text for s in event.chain] == [s.text for s in SIGINT_CHAIN]


def test_innermost_claim_wins(extract) -> None:
    text = "The spokesman said officials believe the rebels attacked the depot."
    outer = claim_over(text, "officials believe the rebels attacked the depot", "asserted")
    inner = claim_over(text, "the rebels attacked the depot", "unverified")
    event = one(extract(text, claims=[outer, inner]).analysis.events, "attacked")
    assert (event.claim, event.status) == (inner.id, "unverified")


def test_negative_claim_negates_its_main_predicate_only(extract) -> None:
    text = "The ministry denied that troops attacked the village."
    claim = claim_over(text, "troops attacked the village", "denied", polarity="negative")
    event = one(extract(text, claims=[claim]).analysis.events, "attacked")
    assert event.negated is True
    assert event.status == "denied"


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("Company agents allegedly met the smugglers.", "met", "alleged"),
        ("Company agents reportedly met the smugglers.", "met", "alleged"),
        ("Company agents appear to have met the smugglers.", "met", "uncertain"),
        ("The alleged attack on the convoy angered the villagers.", "attack", "alleged"),
        ("Company agents met the smugglers.", "met", "asserted"),
    ],
)
def test_hedged_event_without_a_claim(extract, sentence, trigger, status) -> None:
    assert one(extract(sentence).analysis.events, trigger).status == status


def test_hedge_does_not_weaken_a_stronger_claim_status(extract) -> None:
    text = "Company agents allegedly met the smugglers."
    claim = claim_over(text, text.rstrip("."), "denied")
    assert one(extract(text, claims=[claim]).analysis.events, "met").status == "denied"


# --------------------------------------------------------------------------- time


def test_time_attached_to_the_trigger_clause(extract) -> None:
    text = "The minister said on Friday that rebels attacked the convoy in May."
    work = extract(
        text, times={"Friday": ("2023-04-07", "day", None), "May": ("2022-05", "month", None)}
    )
    said = one(work.analysis.events, "said")
    attacked = one(work.analysis.events, "attacked")
    assert said.time is not None and said.time.text == "Friday"
    assert attacked.time is not None and attacked.time.value == "2022-05"


def test_reported_speech_does_not_take_the_speech_time(extract) -> None:
    text = "The minister said on Friday that rebels attacked the convoy."
    work = extract(text, times={"Friday": ("2023-04-07", "day", None)})
    assert one(work.analysis.events, "attacked").time is None


@pytest.mark.parametrize(
    ("text", "trigger", "time", "expected"),
    [
        # a time in the subject's relative clause describes the subject, not the verb
        (
            "A security firm that has tracked the gang since 2023 said the group struck again.",
            "said",
            "2023",
            None,
        ),
        # a time in a noun trigger's own relative clause dates the noun event
        (
            "Rebels attacked the convoy, which left the port in March.",
            "attacked",
            "March",
            "2022-03",
        ),
    ],
)
def test_time_inside_the_triggers_phrase(
    extract, text: str, trigger: str, time: str, expected: str | None
) -> None:
    value = "2023" if time == "2023" else "2022-03"
    work = extract(text, times={time: (value, "year" if time == "2023" else "month", None)})
    event = one(work.analysis.events, trigger)
    assert (event.time.value if event.time is not None else None) == expected


def test_when_clause_dates_the_main_clause(extract) -> None:
    text = "When the envoy met the rebels last week, the army withdrew its troops from the valley."
    work = extract(text, times={"last week": ("2023-W14", "week", None)})
    withdrew = one(work.analysis.events, "withdrew")
    assert withdrew.time is not None and withdrew.time.value == "2023-W14"


def test_support_verb_time_goes_to_the_noun_event(extract) -> None:
    text = "The treasury announced sanctions on two banks on Wednesday."
    work = extract(text, times={"Wednesday": ("2023-04-12", "day", None)})
    event = one(work.analysis.events, "announced sanctions")
    assert event.type == "SANCTION"
    assert event.time is not None and event.time.value == "2023-04-12"
    assert text_of(event.target) == "two banks"


def test_publication_date_only_when_the_headline_tense_implies_it(extract) -> None:
    text = (
        "Treasury has imposed sanctions on two banks\n\n"
        "The finance ministry has imposed sanctions on a shipping firm.\n\n"
        "Officials said more measures could follow. The regulator has imposed sanctions on "
        "three brokers."
    )
    events = extract(text, published="2023-04-13").analysis.events
    by_target = {text_of(e.target): e for e in events if e.type == "SANCTION"}
    assert by_target["two banks"].time is not None
    assert by_target["two banks"].time.value == "2023-04-13"
    assert by_target["two banks"].time.time is None  # no time expression: the tense implied it
    assert by_target["a shipping firm"].time is not None  # the lead paragraph
    assert by_target["three brokers"].time is None  # deeper: background, not dated


def test_no_publication_date_no_implied_time(extract) -> None:
    """The sanction is found, and without a publication date the tense implies no time."""
    events = extract("Treasury has imposed sanctions on two banks\n\nMore follows.").analysis.events
    assert [(e.type, text_of(e.target)) for e in events] == [("SANCTION", "two banks")]
    assert events[0].time is None


# --------------------------------------------------------------------------- main event


def test_main_event_prefers_the_headline_and_answers_5w1h(extract) -> None:
    text = (
        "Rebels attacked an army convoy near Tarsa\n\n"
        "Rebels attacked an army convoy near the town of Tarsa on Monday to free prisoners, "
        "officials said.\n\n"
        "The defence minister met the governor on Tuesday."
    )
    work = extract(
        text,
        times={"on Monday": ("2023-04-10", "day", None), "on Tuesday": ("2023-04-11", "day", None)},
    )
    m = work.analysis.main_event
    assert m is not None
    main = next(e for e in work.analysis.events if e.id == m.event)
    assert main.trigger.start < text.index("\n\n")  # the headline's event
    assert m.who == "Rebels"
    assert m.what.startswith("ASSAULT")
    assert m.when is not None and "2023-04-10" in m.when and "related" in m.when


@pytest.mark.parametrize(
    ("sentence", "why", "how"),
    [
        ("The envoy met rebel leaders to negotiate a truce.", "to negotiate a truce", None),
        ("Soldiers freed the hostages by storming the building.", None, "by storming the building"),
        (
            "The minister phoned the governor because the dam had burst.",
            "because the dam had burst",
            "phone",
        ),
    ],
)
def test_main_event_why_and_how(extract, sentence, why, how) -> None:
    m = extract(sentence).analysis.main_event
    assert m is not None
    assert (m.why, m.how) == (why, how)


def test_no_events_no_main_event(extract) -> None:
    work = extract("The weather was fine all week.")
    assert work.analysis.events == []
    assert work.analysis.main_event is None


def test_output_is_deterministic(extract) -> None:
    text = "The chancellor spoke by phone with the Polish premier and the Czech president."
    a = extract(text).analysis.to_json()
    b = extract(text).analysis.to_json()
    assert a == b


# --------------------------------------------------------------------------- entity links


@pytest.fixture(scope="session")
def extract_with_entities(run_stages, events_stage):
    def run(text: str):
        work = run_stages(text, ["clean", "nlp", "entities"])
        events_stage([work])
        return work

    return run


def test_demonym_before_a_state_head_stands_for_the_state(extract_with_entities) -> None:
    work = extract_with_entities("The Norwegian government criticized two Danish firms.")
    event = one(work.analysis.events, "criticized")
    assert event.actor is not None and event.actor.value == "Norway"
    assert event.target is not None and event.target.entity is None  # firms are not Denmark


def test_possessive_pronoun_takes_the_named_subject_of_its_clause(extract_with_entities) -> None:
    work = extract_with_entities("Norway made no progress with its plans to sell drones to Chile.")
    event = one(work.analysis.events, "sell")
    assert event.actor is not None
    assert (event.actor.text, event.actor.value) == ("its", "Norway")
    assert event.modality == "planned"
