"""Article timeline: TIMEX3 values to day ranges, ordering with mixed granularity, undated apart."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsint.model import Analysis, Argument, ArticleMeta, Event, TextSpan, TimeExpr
from newsint.stages.time.timeline import article_timeline, time_label, time_range
from newsint.text.timex import period


@pytest.mark.parametrize(
    "value",
    [
        "2023-04-11",
        "2023-04-11T14:30",
        "2024-02",
        "2023-W14",
        "2023-Q2",
        "2023-H2",
        "2023",
        "2023-SU",
        "2023-WI",
        "199",
        "18",
    ],
)
def test_timeline_reads_values_as_timex_does(value: str) -> None:
    """Without the time stage's range, an expression covers what timex.period says: one reading
    of decades, centuries and seasons for the stage, the timeline and the evaluation."""
    assert time_range(timex(0, value)) == period(value)
    assert period(value) is not None


@pytest.mark.parametrize(
    "value", [None, "", "P1M", "PRESENT_REF", "PAST_REF", "2023-13", "XXXX-02"]
)
def test_values_that_are_not_dates(value) -> None:
    assert time_range(timex(0, value)) is None


@pytest.mark.parametrize(
    ("value", "mod", "label"),
    [
        ("2023-02", "START", "2023-02 (early)"),
        ("2023-02", "END", "2023-02 (late)"),
        ("2023-W14", None, "2023-W14"),
        ("2023-04-11", None, "2023-04-11"),
        ("2023", "APPROX", "2023 (about)"),
        ("2025-03-05TAF", None, "2025-03-05 (afternoon)"),
        ("2025-03-05TNI", "APPROX", "2025-03-05 (about, night)"),
        (None, None, "—"),
    ],
)
def test_time_label(value, mod, label) -> None:
    assert time_label(value, mod) == label


def timex(n: int, value: str | None, mod: str | None = None, type_: str = "DATE") -> TimeExpr:
    return TimeExpr(id=f"tim_{n}", start=0, end=1, text="t", type=type_, value=value, mod=mod)


def test_early_month_sorts_inside_the_month() -> None:
    early = time_range(timex(0, "2023-02", "START"))
    late = time_range(timex(1, "2023-02", "END"))
    assert early is not None and late is not None
    assert early[0] == date(2023, 2, 1) and early[1] < date(2023, 2, 15)
    assert late[1] == date(2023, 2, 28) and late[0] > date(2023, 2, 15)


def test_durations_have_no_place_on_the_timeline() -> None:
    assert time_range(timex(0, "P1M", type_="DURATION")) is None


def build(
    times: list[TimeExpr], dated: list[int | None], implied: set[int] = frozenset()
) -> Analysis:
    """One event per entry of `dated`: the index of its time expression, or None."""
    events = []
    for k, n in enumerate(dated):
        time = None
        if k in implied:
            time = Argument(text="has", start=k, end=k + 1, value="2023-04-13")
        elif n is not None:
            time = Argument(text="t", start=0, end=1, time=times[n].id, value=times[n].value)
        events.append(
            Event(
                id=f"evt_{k}",
                type="CONSULT",
                trigger=TextSpan(start=k, end=k + 1, text="x"),
                actor=Argument(text=f"actor {k}", start=k, end=k + 1),
                time=time,
            )
        )
    return Analysis(
        article=ArticleMeta(id="art_t"), text="x" * 50, raw="x" * 50, times=times, events=events
    )


def test_timeline_orders_mixed_granularity_and_lists_undated_apart() -> None:
    times = [
        timex(0, "2023-04-12"),
        timex(1, "2023-W14"),
        timex(2, "2023-02", "START"),
        timex(3, "2023-04-11"),
        timex(4, "2023-01"),
        timex(5, "PAST_REF"),
        timex(6, "P1M", type_="DURATION"),
    ]
    # events in text order: 0 Apr 12, 1 W14, 2 early Feb, 3 undated, 4 Apr 11, 5 Jan,
    # 6 PAST_REF (unresolvable), 7 duration, 8 publication date implied by the tense
    a = build(times, [0, 1, 2, None, 3, 4, 5, 6, None], implied={8})
    dated, undated = article_timeline(a)
    assert [(e.event.id, e.label) for e in dated] == [
        ("evt_5", "2023-01"),
        ("evt_2", "2023-02 (early)"),
        ("evt_1", "2023-W14"),
        ("evt_4", "2023-04-11"),
        ("evt_0", "2023-04-12"),
        ("evt_8", "2023-04-13 (publication date)"),
    ]
    assert [e.event.id for e in undated] == ["evt_3", "evt_6", "evt_7"]


def test_a_month_goes_before_its_days() -> None:
    times = [timex(0, "2023-04-01"), timex(1, "2023-04")]
    dated, _ = article_timeline(build(times, [0, 1]))
    assert [e.label for e in dated] == ["2023-04", "2023-04-01"]


VALUES = st.one_of(
    st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(lambda d: d.isoformat()),
    st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(lambda d: d.strftime("%Y-%m")),
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(1990, 2030), st.integers(1, 52)),
    st.sampled_from(["PAST_REF", "P2D", "2023-Q3", "2019"]),
)


@given(
    st.lists(st.one_of(st.none(), VALUES), max_size=12),
    st.randoms(use_true_random=False),
    st.booleans(),
)
def test_timeline_invariants(values, rnd, same_actor) -> None:
    times = [timex(n, v) for n, v in enumerate(values) if v is not None]
    ids = iter(range(len(times)))
    dated_idx = [None if v is None else next(ids) for v in values]
    a = build(times, dated_idx)
    if same_actor:  # every event one and the same: folding must still lose nothing
        a.events = [e.model_copy(update={"actor": a.events[0].actor}) for e in a.events]
    dated, undated = article_timeline(a)
    # nothing lost, nothing twice
    shown = [x.id for e in dated + undated for x in (e.event, *e.also)]
    assert sorted(shown) == sorted(e.id for e in a.events)
    # dated entries are in time order
    assert [e.first for e in dated] == sorted(e.first for e in dated)
    # the order does not depend on the order events were stored in
    shuffled = a.model_copy(update={"events": rnd.sample(a.events, len(a.events))})
    again, again_undated = article_timeline(shuffled)
    assert [e.event.id for e in again] == [e.event.id for e in dated]
    assert [e.event.id for e in again_undated] == [e.event.id for e in undated]


def mention(n: int, start: int, time: TimeExpr | None, target: str) -> Event:
    return Event(
        id=f"evt_{n}",
        type="CONSULT",
        mode="phone",
        trigger=TextSpan(start=start, end=start + 1, text="x"),
        actor=Argument(text="Erdogan", start=0, end=1, entity="ent_erdogan"),
        target=Argument(text=target, start=0, end=1),
        time=None if time is None else Argument(text="t", start=0, end=1, time=time.id),
    )


def test_repeated_mentions_of_one_event_share_a_row() -> None:
    jan, feb_early, feb = timex(0, "2023-01"), timex(1, "2023-02", "START"), timex(2, "2023-02")
    events = [
        mention(0, 10, jan, "Putin"),
        mention(1, 20, None, "Putin"),  # "Erdogan's phone calls with Putin": same event, undated
        mention(2, 30, feb_early, "their Turkish contacts"),
        mention(3, 40, feb, "“Turkish contacts”"),  # the same meeting, told less precisely
        mention(4, 50, None, "Zelensky"),  # no dated mention to fold into: stays undated
    ]
    a = Analysis(
        article=ArticleMeta(id="art_f"),
        text="x" * 60,
        raw="x" * 60,
        times=[jan, feb_early, feb],
        events=events,
    )
    dated, undated = article_timeline(a)
    assert [(e.event.id, e.label, [x.id for x in e.also]) for e in dated] == [
        ("evt_0", "2023-01", ["evt_1"]),
        ("evt_2", "2023-02 (early)", ["evt_3"]),
    ]
    assert [e.event.id for e in undated] == ["evt_4"]
    unfolded, _ = article_timeline(a, fold=False)
    assert len(unfolded) == 3
