from __future__ import annotations

from handmade import article
from newsint.model import Claim, Grade, Source, TextSpan
from newsint.present.brief import render_markdown, section_claims

ARTICLE = Source(text="the article", kind="article")


def make(text: str, chain: list[Source], kind: str, status: str = "asserted") -> Claim:
    return Claim(
        id=f"clm_{len(text)}",
        content=TextSpan(start=0, end=len(text), text=text),
        source=chain[-1],
        chain=chain,
        kind=kind,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        grade=Grade(reliability="C", credibility=3, reasons=["x"]),
    )


def test_claims_grouped_by_chain_article_last() -> None:
    outlet = Source(text="Reuters", kind="media", name="Reuters", start=0, end=7)
    memo = Source(text="a leaked memo", kind="document", name="leaked memo", start=0, end=13)
    a = article("x" * 200, id="a")
    a.claims = [
        make("The plant closes", [ARTICLE], "unattributed"),
        make("Plant to close next spring", [ARTICLE, outlet, memo], "indirect", "unverified"),
        make("Two hundred jobs go", [ARTICLE, outlet, memo], "mixed", "alleged"),
    ]
    section = section_claims(a)
    assert section is not None
    assert [r[0] for r in section.rows] == ["article ← Reuters ← leaked memo", "", "article"]
    assert section.rows[0][1:4] == ["indirect", "unverified", "C3"]
    md = render_markdown(a)
    assert "## Claims (3)" in md and "article ← Reuters ← leaked memo" in md


def test_no_claims_no_section() -> None:
    a = article("", id="a")
    assert section_claims(a) is None


def test_claims_show_the_new_statuses_and_their_factuality() -> None:
    ministry = Source(text="the ministry", kind="government", start=0, end=12)
    a = article("x" * 200, id="a")
    denied = make("Troops crossed the river", [ARTICLE, ministry], "indirect", "denied")
    denied.factuality = -3.0
    negative = make("The ferry did not sail", [ARTICLE, ministry], "indirect", "negative")
    negative.polarity = "negative"
    negative.factuality = -2.7
    plan = make("The port will reopen", [ARTICLE], "unattributed", "intention")
    a.claims = [denied, negative, plan]
    section = section_claims(a)
    assert section is not None
    assert section.columns[4] == "factuality"
    assert [r[2:5] for r in section.rows] == [
        ["denied", "C3", "−3.0"],
        ["negative", "C3", "−2.7"],  # the status says it: no second "negative"
        ["intention", "C3", "—"],
    ]
