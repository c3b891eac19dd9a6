"""The brief opens with a short summary (issue 18): main event, key claims with speaker,
status and grade, the copy status; claims are cut only in the terminal, never in Markdown."""

from __future__ import annotations

import io

from rich.console import Console

from handmade import Said, article
from newsint.config import default_config
from newsint.model import Analysis, Grade
from newsint.present.brief import render_console, render_markdown, section_summary

LONG = (
    "the harbour authority will keep the northern quay closed to container traffic until the "
    "inspectors have finished testing every crane, which could take the rest of the month"
)


def busy_article() -> Analysis:
    """Twelve claims: eleven by the port authority, graded C2 or B3, and one of the article's."""
    sentences = [f"Ship number {i} was turned away from the quay on Monday." for i in range(10)]
    text = " ".join([*sentences, f"The port authority said {LONG}.", "Trade fell sharply."])
    said = [
        Said(s.removesuffix("."), chain=[("organisation", "The port authority")], grade=grade)
        for s, grade in zip(sentences, [Grade(reliability="C", credibility=2)] * 10, strict=True)
    ]
    said.append(
        Said(
            LONG,
            chain=[("organisation", "The port authority")],
            grade=Grade(reliability="B", credibility=3),
        )
    )
    said.append(Said("Trade fell sharply", grade=Grade(reliability="A", credibility=1)))
    return article(text, id="a", names=[("The port authority", "ORG")], claims=said)


def test_the_summary_is_short_and_names_the_key_claims() -> None:
    a = busy_article()
    summary = section_summary(a)
    keep = default_config().brief.summary_claims
    assert summary.title == "Summary" and 1 + len(summary.notes) <= 15
    claims = [n for n in summary.notes if n.startswith("- ")]
    assert len(claims) == keep < len(a.claims)
    # attributed claims first, the best grade first: the B3 long one leads; the article's last
    assert claims[0] == f"- B3 asserted · The port authority: “{LONG}”"
    assert all("The port authority" in c for c in claims)
    assert f"Key claims ({keep} of {len(a.claims)}" in summary.notes[1]
    assert any(n.startswith("Copies:") for n in summary.notes)
    assert summary.notes[0] == "Main event: none found"


def test_markdown_never_cuts_a_claim_and_the_terminal_does() -> None:
    a = busy_article()
    md = render_markdown(a)
    assert md.index("## Summary") < md.index("## Article") < md.index("## Claims")
    assert f"· The port authority: “{LONG}”" in md  # whole in the summary
    assert f"| {LONG} |" in md  # and in the claims table
    buffer = io.StringIO()
    render_console(a, Console(file=buffer, width=100, color_system=None))
    shown = buffer.getvalue()
    table = " ".join(shown[shown.index("Claims (12)") :].split())
    assert LONG not in table and LONG[:60] in table  # cut in the terminal's claims table
    lines = shown.splitlines()
    summary = lines[lines.index("Summary") + 1 : lines.index("Article")]
    assert 0 < len(summary) <= 15 and all(len(line) <= 100 for line in summary)
