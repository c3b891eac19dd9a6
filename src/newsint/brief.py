"""The brief: an Analysis rendered for a person, as terminal text or Markdown.

A brief is a list of sections; each section is built by one function from the Analysis, so a
new stage adds its own section without touching the others. Rendering is separate from
building: the same sections print as rich tables in a terminal or as Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsint.model import Analysis, Entity


@dataclass
class Section:
    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # free lines shown before the table


def _published(a: Analysis) -> str:
    p = a.article.published
    if not p.date:
        return "unknown (relative dates stay unresolved; give --published YYYY-MM-DD)"
    return f"{p.date} (from {p.source}{': ' + p.evidence if p.evidence else ''})"


def section_article(a: Analysis) -> Section:
    m = a.article
    rows = [
        ["title", m.title or "—"],
        ["site", m.site or "—"],
        ["url", m.url or "—"],
        ["author", m.author or "—"],
        ["published", _published(a)],
        ["source", f"{m.source} ({m.format})"],
        ["id", m.id],
        [
            "text",
            f"{len(a.text):,} characters in {_paragraphs(a.text)} paragraphs",
        ],
    ]
    return Section("Article", ["field", "value"], rows)


def _paragraphs(text: str) -> int:
    return len([p for p in text.split("\n\n") if p.strip()])


def section_cleaning(a: Analysis) -> Section:
    rows = [[r.reason, _clip(r.text, 90), r.detail or ""] for r in a.cleaning]
    notes = [] if rows else ["nothing removed"]
    return Section(f"Removed by cleaning ({len(rows)})", ["reason", "text", "detail"], rows, notes)


def section_lead(a: Analysis) -> Section:
    paragraphs = [p for p in a.text.split("\n\n") if p.strip()]
    lead = (
        paragraphs[1]
        if len(paragraphs) > 1 and a.article.title and paragraphs[0] == a.article.title
        else (paragraphs[0] if paragraphs else "")
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


# Sections in brief order. Later stages register theirs here.
SECTIONS: list[Callable[[Analysis], Section | None]] = [
    section_article,
    section_lead,
    section_entities,
    section_times,
    section_cleaning,
]


def build(a: Analysis) -> list[Section]:
    return [s for s in (f(a) for f in SECTIONS) if s is not None]


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_markdown(a: Analysis) -> str:
    out = [f"# {_md(a.article.title or a.article.source or 'Article')}", ""]
    for s in build(a):
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


def render_console(a: Analysis, console: Console) -> None:
    console.rule(
        Text(a.article.title or a.article.source or "Article", style="bold cyan"), align="left"
    )
    for s in build(a):
        console.print(Text(s.title, style="bold"))
        for n in s.notes:
            console.print(Text(n), soft_wrap=False)
        if s.rows:
            table = Table(box=box.SIMPLE_HEAD, show_header=True, header_style="dim", pad_edge=False)
            for col in s.columns:
                table.add_column(col, overflow="fold")
            for row in s.rows:
                table.add_row(*[Text(c) for c in row])
            console.print(table)
        else:
            console.print()
