"""Brief sections of the events stage: main event first, the timeline, undated events apart."""

from __future__ import annotations

from handmade import article
from newsint.model import (
    Analysis,
    Argument,
    Event,
    MainEvent,
    Source,
    TextSpan,
    TimeExpr,
)
from newsint.present.brief import build, render_markdown


def analysis() -> Analysis:
    text = "Agents met smugglers in early February. The envoy spoke on 2023-04-11. Talks failed."
    times = [
        TimeExpr(
            id="tim_a",
            start=24,
            end=38,
            text="early February",
            type="DATE",
            value="2023-02",
            mod="START",
        ),
        TimeExpr(id="tim_b", start=59, end=69, text="2023-04-11", type="DATE", value="2023-04-11"),
    ]
    chain = [
        Source(text="the article", kind="article"),
        Source(text="a leaked document", kind="document", start=0, end=1),
        Source(text="signals intelligence", kind="intelligence", start=0, end=1),
    ]
    events = [
        Event(
            id="evt_spoke",
            type="STATEMENT",
            ontology="newsint",
            trigger=TextSpan(start=50, end=55, text="spoke"),
            actor=Argument(text="The envoy", start=40, end=49),
            time=Argument(text="2023-04-11", start=59, end=69, time="tim_b", value="2023-04-11"),
        ),
        Event(
            id="evt_met",
            type="CONSULT",
            trigger=TextSpan(start=7, end=10, text="met"),
            actor=Argument(text="Agents", start=0, end=6, entity="ent_x", value="Acme Agents"),
            target=Argument(text="smugglers", start=11, end=20),
            time=Argument(text="early February", start=24, end=38, time="tim_a", value="2023-02"),
            status="alleged",
            chain=chain,
        ),
        Event(
            id="evt_talks",
            type="CONSULT",
            trigger=TextSpan(start=71, end=76, text="Talks"),
            actor=Argument(text="x", start=0, end=1),
            negated=True,
        ),
    ]
    a = article(text, id="art_b", title="Agents met smugglers")
    # records placed by hand: the brief reads them, not the text
    a.times, a.events = times, events
    a.main_event = MainEvent(event="evt_met", who="Acme Agents (Agents)", what="CONSULT: met")
    return a


def test_main_event_comes_right_after_the_summary_and_the_article_header() -> None:
    titles = [s.title for s in build(analysis())]
    assert titles[:3] == ["Summary", "Article", "Main event"]


def test_timeline_rows_in_time_order_with_granularity_and_chain() -> None:
    sections = {s.title.split(" (")[0]: s for s in build(analysis())}
    rows = sections["Timeline"].rows
    assert [r[0] for r in rows] == ["2023-02 (early)", "2023-04-11"]
    assert rows[0][1] == "CONSULT “met”"
    assert rows[0][2] == "Acme Agents (Agents) → smugglers"
    assert rows[0][4] == "alleged: article ← a leaked document ← signals intelligence"
    assert rows[1][1] == "STATEMENT [newsint] “spoke”"
    # the negated talks are not reported as having happened: left out, and the note says so
    assert "Undated events" not in sections
    assert sections["Timeline"].notes == [
        "1 event not reported as having happened (negated) left out; --all-events shows them"
    ]
    everything = {s.title.split(" (")[0]: s for s in build(analysis(), all_events=True)}
    undated = everything["Undated events"].rows
    assert [r[0] for r in undated] == ["CONSULT “Talks” (not)"]
    assert everything["Timeline"].notes == []


def test_markdown_brief_has_the_sections() -> None:
    md = render_markdown(analysis(), all_events=True)
    assert md.index("## Main event") < md.index("## Timeline (2)") < md.index("## Undated events")
