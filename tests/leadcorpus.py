"""An article whose claim has a lead (the content's first part, split from it by the frame),
and what every reader of the corpus should give back for its claims: the store, the typed
records, the CLI tables, the CSV and the web. Our own invented text."""

from __future__ import annotations

from pathlib import Path

from handmade import Said, article
from newsint.model import Analysis

FERRY = (
    "The Brisk Lines night ferry, the harbour master Odile Penhallow argued on Sunday, is too "
    "slow for the island's commuters. Tickets on the morning crossing will cost less from "
    "April, the operator Skerry Holdings said."
)
FERRY_LEAD = "The Brisk Lines night ferry"
FERRY_CONTENT = "is too slow for the island's commuters"
TICKETS = "Tickets on the morning crossing will cost less from April"
# words only the lead holds: full text finds the claim and its article by them
LEAD_WORDS = "night ferry"
# an entity named in the lead alone: the claim is about it
IN_LEAD = "Brisk Lines"

# content -> lead text, lead span and the statement, as every reader gives them back
EXPECTED: list[tuple[str, str | None, tuple[int, int] | None, str]] = [
    (FERRY_CONTENT, FERRY_LEAD, (0, len(FERRY_LEAD)), f"{FERRY_LEAD} … {FERRY_CONTENT}"),
    (TICKETS, None, None, TICKETS),
]


def ferry() -> Analysis:
    return article(
        FERRY,
        url="https://isles.example/ferry",
        source="https://isles.example/ferry",
        fmt="json",
        site="Isles Courier",
        published="2026-02-01T08:00:00",
        title="Commuters wait on the quay",
        names=[("Odile Penhallow", "PERSON"), ("Brisk Lines", "ORG"), ("Skerry Holdings", "ORG")],
        claims=[
            Said(
                FERRY_CONTENT,
                chain=[("person", "Odile Penhallow", "Odile Penhallow")],
                lead=FERRY_LEAD,
            ),
            Said(TICKETS, chain=[("organisation", "Skerry Holdings", "Skerry Holdings")]),
        ],
    )


def ferry_jsonl(folder: Path) -> Path:
    """The article as `newsint analyze --format json` writes it, for ingest."""
    path = folder / "ferry.jsonl"
    path.write_text(ferry().to_json(indent=None) + "\n", encoding="utf-8")
    return path
