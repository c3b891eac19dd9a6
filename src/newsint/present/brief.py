"""The brief: an Analysis rendered for a person, as terminal text or Markdown.

A brief is a list of sections; each section is built by one function from the Analysis, so a
new stage adds its own section without touching the others. Rendering is separate from
building: the same sections print as rich tables in a terminal or as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsint.config import default_config
from newsint.model import (
    Analysis,
    Argument,
    Claim,
    Entity,
    Event,
    chain_text,
    reported_as_happened,
)
from newsint.stages.base import SKIPPED_NOTE
from newsint.stages.time.timeline import article_timeline
from newsint.text.segments import paragraph_texts, paragraphs


@dataclass
class Section:
    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # free lines shown before the table
    # In the terminal only: a column cut to this many characters (Markdown keeps every word).
    clip: dict[str, int] = field(default_factory=dict)


def _published(a: Analysis) -> str:
    p = a.article.published
    if not p.date:
        return "unknown (relative dates stay unresolved; give --published YYYY-MM-DD)"
    return f"{p.date} (from {p.source}{': ' + p.evidence if p.evidence else ''})"


def _language(a: Analysis) -> str:
    """The language, and why an article in another one has no entities, claims or events."""
    m = a.article
    skipped = m.found.get(SKIPPED_NOTE)
    if not skipped:
        return m.language
    stages = skipped.partition(":")[0]
    return f"{m.language}: not English, so {stages} did not run (no entities, claims or events)"


def section_article(a: Analysis) -> Section:
    m = a.article
    rows = [
        ["title", m.title or "—"],
        ["site", m.site or "—"],
        ["url", m.url or "—"],
        ["author", m.author or "—"],
        ["published", _published(a)],
        ["language", _language(a)],
        ["source", f"{m.source} ({m.format})"],
        ["id", m.id],
        [
            "text",
            f"{len(a.text):,} characters in {_paragraphs(a.text)} paragraphs",
        ],
    ]
    return Section("Article", ["field", "value"], rows)


def _paragraphs(text: str) -> int:
    return len(paragraphs(text))


def section_cleaning(a: Analysis) -> Section:
    rows = [[r.reason, _clip(r.text, 90), r.detail or ""] for r in a.cleaning]
    notes = [] if rows else ["nothing removed"]
    return Section(f"Removed by cleaning ({len(rows)})", ["reason", "text", "detail"], rows, notes)


def section_lead(a: Analysis) -> Section:
    paras = paragraph_texts(a.text)
    lead = (
        paras[1]
        if len(paras) > 1 and a.article.title and paras[0] == a.article.title
        else (paras[0] if paras else "")
    )
    return Section("Lead", notes=[lead] if lead else ["(no text)"])


_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW")


def section_entities(a: Analysis) -> Section | None:
    """Who and what is named, grouped by type, most mentioned first; None before the stage ran."""
    if not a.entities and not a.mentions:
        return None
    mentions = {m.id: m for m in a.mentions}
    order = {t: i for i, t in enumerate(_TYPE_ORDER)}

    def sort_key(e: Entity) -> tuple[int, int, str]:
        return (order.get(e.type, len(order)), -len(e.mentions), e.name.casefold())

    rows = []
    for e in sorted(a.entities, key=sort_key):
        demonyms = sorted({mentions[i].text for i in e.mentions if mentions[i].kind == "demonym"})
        aliases = ", ".join(e.aliases)
        if demonyms:
            aliases = "; ".join(filter(None, [aliases, "demonyms: " + ", ".join(demonyms)]))
        metonymy = ""
        if e.metonymy:
            uses = sum(1 for i in e.mentions if mentions[i].kind == "metonym")
            metonymy = f"yes ({uses} of {len(e.mentions)})"
        rows.append(
            [
                e.type,
                e.name,
                aliases,
                str(len(e.mentions)),
                "; ".join(r.role for r in e.roles),
                e.country or "",
                metonymy,
            ]
        )
    columns = ["type", "name", "aliases", "mentions", "role", "country", "metonymy"]
    return Section(f"Entities ({len(rows)})", columns, rows)


def section_times(a: Analysis) -> Section:
    """Time expressions in document order, each with how it was resolved (or why not)."""
    by_id = {t.id: t for t in a.times}
    rows = []
    for t in a.times:
        detail = t.granularity if t.granularity != "none" else ""
        if t.mod:
            detail = f"{detail}, {t.mod}" if detail else t.mod
        if t.anchor == "published":
            anchor = "publication date"
        elif t.anchor in by_id:
            anchor = f"“{by_id[t.anchor].text}”"
        else:
            anchor = ""
        if t.anchor_text:
            anchor = f"{anchor} (after “{_clip(t.anchor_text, 50)}”)".strip()
        rows.append(
            [
                _clip(t.text, 40),
                t.value or "—",
                detail or "—",
                t.type,
                anchor or "—",
                "yes" if t.resolved else "no",
            ]
        )
    notes: list[str] = []
    unresolved = [t for t in a.times if not t.resolved and t.anchor == "published"]
    if not a.article.published.date:
        notes.append(
            "Publication date unknown: relative dates (last week, on Tuesday, in January) are "
            f"left unresolved ({len(unresolved)} here); give --published YYYY-MM-DD."
        )
    if not rows:
        notes.append("no time expressions found")
    return Section(
        f"Times ({len(rows)})",
        ["text", "value", "granularity/mod", "type", "anchor", "resolved"],
        rows,
        notes,
    )


def factuality_text(value: float | None) -> str:
    """A factuality as the views show it: signed, one decimal (−3 did not happen … +3 did)."""
    return "—" if value is None else f"{value:+.1f}".replace("-", "−")


def section_claims(a: Analysis) -> Section | None:
    """Claims grouped by their chain of sources (the article's own assertions last), each with
    kind, status (and polarity when negative), Admiralty grade, the factuality of its content
    from its source's point of view, and a clipped content."""
    if not a.claims:
        return None
    groups: dict[str, list[list[str]]] = {}
    for claim in a.claims:
        label = chain_text(claim.chain, article="article")
        negative = claim.polarity == "negative" and claim.status != "negative"
        status = claim.status + (", negative" if negative else "")
        code = claim.grade.code if claim.grade else "—"
        groups.setdefault(label, []).append(
            [
                claim.kind,
                status,
                code,
                factuality_text(claim.factuality),
                " ".join(claim.statement.split()),
            ]
        )
    order = sorted(groups, key=lambda label: label == "article")  # stable: text order kept
    rows: list[list[str]] = []
    for label in order:
        for i, row in enumerate(groups[label]):
            rows.append([label if i == 0 else "", *row])
    attributed = sum(1 for c in a.claims if c.kind != "unattributed")
    notes = [
        f"{attributed} attributed claims from {len(groups) - ('article' in groups)} source "
        f"chains; {len(a.claims) - attributed} asserted by the article itself (last)."
    ]
    return Section(
        f"Claims ({len(a.claims)})",
        ["source chain", "kind", "status", "grade", "factuality", "claim"],
        rows,
        notes,
        clip={"claim": default_config().brief.claim_chars},
    )


def _arg(arg: Argument | None) -> str:
    """An argument as the analyst reads it: the resolved name, and the text when it differs."""
    if arg is None:
        return "—"
    if arg.value and not _names(arg.value, arg.text):
        return f"{arg.value} ({arg.text})"
    return arg.text


def _names(name: str, text: str) -> bool:
    """Whether `text` writes `name` as whole words ("Russia" is not written in "Russian")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def _status(e: Event) -> str:
    """Status, and for anything not plainly asserted the chain of sources behind it."""
    named = any(src.kind != "article" for src in e.chain)
    fact = "" if e.factuality is None else f" · factuality {factuality_text(e.factuality)}"
    if e.status == "asserted" and not named:
        return "asserted" + fact
    return e.status + (": " + chain_text(e.chain, article="article") if named else "") + fact


def _event_label(e: Event, also: tuple[Event, ...] = ()) -> str:
    label = e.type + (f"/{e.mode}" if e.mode else "")
    if e.ontology != "PLOVER":
        label += f" [{e.ontology}]"
    flags = (["not"] if e.negated else []) + ([e.modality] if e.modality else [])
    label = f"{label} “{e.trigger.text}”" + (f" ({', '.join(flags)})" if flags else "")
    if also:
        label += " + " + ", ".join(f"“{x.trigger.text}”" for x in also)
    return label


def section_main_event(a: Analysis) -> Section | None:
    m = a.main_event
    if m is None:
        return None
    event = next((e for e in a.events if e.id == m.event), None)
    rows = [
        [k, v or "—"]
        for k, v in (
            ("who", m.who),
            ("what", m.what),
            ("when", m.when),
            ("where", m.where),
            ("why", m.why),
            ("how", m.how),
        )
    ]
    notes = []
    if event is not None:
        rows.append(["status", _status(event)])
        if event.sentence is not None:
            notes.append(_clip(event.sentence.slice(a.text), 300))
    return Section("Main event", ["", ""], rows, notes)


def _left_out(a: Analysis) -> list[str]:
    """A note naming the events kept off the timeline (and how to see them)."""
    floor = default_config().events.happened_factuality
    off = [
        e for e in a.events if not reported_as_happened(e.status, e.negated, e.factuality, floor)
    ]
    if not off:
        return []
    kinds = sorted({"negated" if e.negated else e.status for e in off})
    return [
        f"{len(off)} event{'s' if len(off) != 1 else ''} not reported as having happened "
        f"({', '.join(kinds)}) left out; --all-events shows them"
    ]


def section_timeline(a: Analysis, all_events: bool = False) -> Section | None:
    if not a.events:
        return None
    dated, _ = article_timeline(a, all_events=all_events)
    rows = [
        [
            entry.label,
            _event_label(entry.event, entry.also),
            f"{_arg(entry.event.actor)} → {_arg(entry.event.target)}",
            _arg(entry.event.place),
            _status(entry.event),
        ]
        for entry in dated
    ]
    notes = ([] if rows else ["no event has a resolved time"]) + (
        [] if all_events else _left_out(a)
    )
    return Section(
        f"Timeline ({len(rows)})",
        ["when", "event", "actor → target", "place", "status"],
        rows,
        notes,
    )


def section_undated(a: Analysis, all_events: bool = False) -> Section | None:
    _, undated = article_timeline(a, all_events=all_events)
    if not undated:
        return None
    rows = [
        [
            _event_label(entry.event),
            f"{_arg(entry.event.actor)} → {_arg(entry.event.target)}",
            _arg(entry.event.place),
            _status(entry.event),
            entry.event.time.text if entry.event.time else "",
        ]
        for entry in undated
    ]
    return Section(
        f"Undated events ({len(rows)})",
        ["event", "actor → target", "place", "status", "time as written"],
        rows,
    )


def _speaker(claim: Claim) -> str:
    """Who a claim rests on, as the summary names it: the chain's last link, or the article."""
    if claim.kind == "unattributed" or not claim.chain:
        return "the article"
    last = claim.chain[-1]
    return last.name or last.text


def _key_claims(a: Analysis, count: int) -> list[Claim]:
    """Attributed claims before the article's own, better grades first, then text order."""

    def rank(item: tuple[int, Claim]) -> tuple[bool, str, int]:
        i, claim = item
        return (claim.kind == "unattributed", claim.grade.code if claim.grade else "Z9", i)

    return [c for _, c in sorted(enumerate(a.claims), key=rank)[:count]]


def section_summary(a: Analysis, all_events: bool = False) -> Section:
    """At most 15 lines before the tables: the main event, the key claims with speaker, status
    and grade, and the copy status (issue 18: the useful part was lost in 320 lines)."""
    settings = default_config().brief
    lines: list[str] = []
    m = a.main_event
    event = next((e for e in a.events if m is not None and e.id == m.event), None)
    if m is not None and (m.what or event is not None):
        what = m.what or (event.trigger.text if event else "")
        parts = [f"{k} {v}" for k, v in (("by", m.who), ("on", m.when), ("in", m.where)) if v]
        status = f" [{_status(event)}]" if event is not None else ""
        lines.append(f"Main event: {what}" + (f" ({', '.join(parts)})" if parts else "") + status)
    else:
        lines.append("Main event: none found")
    if a.claims:
        shown = _key_claims(a, settings.summary_claims)
        lines.append(f"Key claims ({len(shown)} of {len(a.claims)}; all in the Claims table):")
        for claim in shown:
            grade = claim.grade.code if claim.grade else "ungraded"
            text = " ".join(claim.statement.split())
            lines.append(f"- {grade} {claim.status} · {_speaker(claim)}: “{text}”")
    else:
        lines.append("Key claims: none found")
    lines.append(
        "Copies: not known for one article; ingest it into a corpus, where newsint show "
        "ARTICLE tells what it copies and who copies it."
    )
    counts = (
        f"{len(a.entities)} entities · {len(a.times)} time expressions · {len(a.events)} events "
        f"· {len(a.claims)} claims · {len(a.cleaning)} removals by cleaning"
    )
    lines.append(counts)
    return Section("Summary", notes=lines, clip={"notes": settings.summary_chars})


# Sections in brief order. Later stages register theirs here.
SECTIONS: list[Callable[..., Section | None]] = [
    section_summary,
    section_article,
    section_main_event,
    section_lead,
    section_entities,
    section_times,
    section_claims,
    section_timeline,
    section_undated,
    section_cleaning,
]


# The sections that list events: they take `all_events` (the CLI's --all-events).
EVENT_SECTIONS: frozenset[Callable[..., Section | None]] = frozenset(
    {section_summary, section_timeline, section_undated}
)


def build(a: Analysis, all_events: bool = False) -> list[Section]:
    made = (f(a, all_events) if f in EVENT_SECTIONS else f(a) for f in SECTIONS)
    return [s for s in made if s is not None]


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_markdown(a: Analysis, all_events: bool = False) -> str:
    out = [f"# {_md(a.article.title or a.article.source or 'Article')}", ""]
    for s in build(a, all_events):
        out += [f"## {_md(s.title)}", ""]
        out += [_md(n) + "\n" for n in s.notes]
        if s.rows:
            out.append("| " + " | ".join(s.columns) + " |")
            out.append("|" + "---|" * len(s.columns))
            out += [
                "| " + " | ".join(_md(c).replace("|", "\\|") for c in row) + " |" for row in s.rows
            ]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    """Scraped text is data: neutralise Markdown/HTML so it cannot inject markup."""
    return (
        text.replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`")
        .replace("[", "\\[")
    )


def render_console(a: Analysis, console: Console, all_events: bool = False) -> None:
    console.rule(
        Text(a.article.title or a.article.source or "Article", style="bold cyan"), align="left"
    )
    for s in build(a, all_events):
        console.print(Text(s.title, style="bold"))
        for n in s.notes:
            if "notes" in s.clip:  # one line each, however narrow the terminal
                width = min(s.clip["notes"], console.width)
                console.print(Text(_clip(n, width)), no_wrap=True, overflow="ellipsis")
            else:
                console.print(Text(n), soft_wrap=False)
        if s.rows:
            table = Table(box=box.SIMPLE_HEAD, show_header=True, header_style="dim", pad_edge=False)
            for col in s.columns:
                table.add_column(col, overflow="fold")
            widths = [s.clip.get(col) for col in s.columns]
            for row in s.rows:
                table.add_row(
                    *[Text(_clip(c, w) if w else c) for c, w in zip(row, widths, strict=True)]
                )
            console.print(table)
        else:
            console.print()
