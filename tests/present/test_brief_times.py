from __future__ import annotations

from handmade import article
from newsint.model import Analysis, TimeExpr
from newsint.present.brief import section_times


def _analysis(published: str | None, times: list[TimeExpr]) -> Analysis:
    a = article("x" * 100, id="art_x", published=published, published_source="user")
    a.times = times  # placed by hand: the brief reads the records, not the text
    return a


JAN = TimeExpr(
    id="tim_a",
    start=0,
    end=7,
    text="January",
    type="DATE",
    value="2023-01",
    granularity="month",
    anchor="published",
    resolved=True,
)
LATER = TimeExpr(
    id="tim_b",
    start=20,
    end=29,
    text="One month",
    type="DATE",
    value="2023-02",
    granularity="month",
    anchor="tim_a",
    anchor_text="the calls",
    resolved=True,
)


def test_times_listed_in_order_with_anchor() -> None:
    s = section_times(_analysis("2023-04-13", [JAN, LATER]))
    assert [r[0] for r in s.rows] == ["January", "One month"]
    assert s.rows[1][1] == "2023-02"
    assert "“January”" in s.rows[1][4] and "the calls" in s.rows[1][4]
    assert not any("unknown" in n for n in s.notes)


def test_unknown_publication_date_is_said() -> None:
    unresolved = JAN.model_copy(update={"value": None, "resolved": False, "granularity": "none"})
    s = section_times(_analysis(None, [unresolved]))
    assert any("unresolved" in n and "--published" in n for n in s.notes)
    assert s.rows[0][1] == "—" and s.rows[0][5] == "no"
