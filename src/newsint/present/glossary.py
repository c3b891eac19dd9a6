"""What every code in newsint's output means (issue 18): Admiralty grades, claim statuses, copy
kinds, event flags and types, TIMEX values.

The words live in data files, each code once: data/glossary.toml (grades, copy kinds, TIMEX),
newsint.model.STATUS_MEANING (claim statuses, the views' legends use the same) and
data/plover.toml (event types). A grade such as C2 and a TIMEX value such as 2024-WI are
explained from their parts, so every value newsint writes can be looked up, not only a list.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from newsint.model import STATUS_MEANING

GRADE = re.compile(r"^(?P<letter>[A-F])(?P<number>[1-6])$")


@dataclass(frozen=True)
class Entry:
    term: str
    group: str  # the family's key: reliability, credibility, status, copy, event, timex, ...
    title: str  # the family's title
    meaning: str


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    meaning: str  # a template over the regex's named groups
    names: dict[str, str]  # a group's value -> its words (WI -> winter)
    example: str = ""  # a value it explains, shown on the glossary page

    def explain(self, value: str) -> str | None:
        m = self.regex.match(value)
        if m is None:
            return None
        parts = {k: self.names.get(v, v) for k, v in m.groupdict().items() if v is not None}
        return self.meaning.format(**parts)


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    about: dict[str, str]  # group key -> where its codes appear
    patterns: tuple[Pattern, ...]  # TIMEX values built from parts
    titles: dict[str, str]  # group key -> its title


def _data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("newsint.data").joinpath(name).read_text("utf-8"))


@cache
def load() -> Glossary:
    data = _data("glossary.toml")
    groups: dict[str, Any] = data["groups"]
    entries: list[Entry] = []
    about: dict[str, str] = {}

    sources: dict[str, dict[str, str]] = {
        "grade": {},  # composed on lookup (C2), not listed
        "status": STATUS_MEANING,
        "event-type": {
            name: spec["description"] for name, spec in _data("plover.toml")["types"].items()
        },
    }
    titles: dict[str, str] = {}
    for key, spec in groups.items():
        titles[key] = spec["title"]
        about[key] = spec.get("about", "")
        terms: dict[str, str] = spec.get("terms") or sources[key]
        entries.extend(Entry(str(term), key, spec["title"], text) for term, text in terms.items())
    patterns = tuple(
        Pattern(re.compile(p["regex"]), p["meaning"], p.get("names", {}), p.get("example", ""))
        for p in data.get("patterns", [])
    )
    return Glossary(tuple(entries), about, patterns, titles)


def lookup(term: str) -> list[Entry]:
    """The entries explaining `term`: its own, a grade's letter and number, or the TIMEX pattern
    it matches. Exact case first; then any case ("Spin", "c2")."""
    glossary = load()
    found = [e for e in glossary.entries if e.term == term]
    if found:
        return found
    grade = GRADE.match(term.upper())
    if grade:
        parts = [e for e in glossary.entries if e.group in ("reliability", "credibility")]
        letter = next(e for e in parts if e.term == grade["letter"])
        number = next(e for e in parts if e.term == grade["number"] and e.group == "credibility")
        meaning = (
            f"{letter.meaning} source ({letter.term}); information {number.meaning} ({number.term})"
        )
        return [Entry(term.upper(), "grade", glossary.titles["grade"], meaning)]
    for pattern in glossary.patterns:
        explained = pattern.explain(term)
        if explained is not None:
            return [Entry(term, "timex", glossary.titles["timex"], explained)]
    return [e for e in glossary.entries if e.term.casefold() == term.casefold()]


def meaning(term: str, group: str | None = None) -> str | None:
    """One line saying what `term` means, for a tooltip: the entry of `group` when it has one
    (a copy kind, not a TIMEX code of the same spelling), else the first found; None when
    nothing explains it."""
    found = lookup(term)
    if group is not None:
        found = [e for e in found if e.group == group] or found
    return found[0].meaning if found else None


@dataclass(frozen=True)
class Section:
    """One family of codes as the glossary page shows it."""

    key: str
    title: str
    about: str
    entries: tuple[Entry, ...]
    examples: tuple[tuple[str, str], ...] = ()  # built values (TIMEX patterns) and their words


def sections() -> list[Section]:
    """Every family, in the data file's order; TIMEX also lists an example of each pattern."""
    glossary = load()
    out: list[Section] = []
    for key, title in glossary.titles.items():
        entries = tuple(e for e in glossary.entries if e.group == key)
        examples: tuple[tuple[str, str], ...] = ()
        if key == "timex":
            examples = tuple(
                (p.example, p.explain(p.example) or "") for p in glossary.patterns if p.example
            )
        if key == "grade":
            examples = tuple((g, lookup(g)[0].meaning) for g in ("B2", "C3", "F6"))
        out.append(Section(key, title, glossary.about.get(key, ""), entries, examples))
    return out


def to_json(entries: list[Entry]) -> str:
    return json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2)


def _grouped(entries: list[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.title, []).append(e)
    return groups


def to_markdown(entries: list[Entry]) -> str:
    about = load().about
    lines: list[str] = []
    for title, rows in _grouped(entries).items():
        lines += [f"## {title}", ""]
        if about.get(rows[0].group):
            lines += [about[rows[0].group], ""]
        lines += ["| Code | Meaning |", "| --- | --- |"]
        lines += [f"| `{e.term}` | {_cell(e.meaning)} |" for e in rows]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def to_console(entries: list[Entry]) -> RenderableType:
    about = load().about
    parts: list[RenderableType] = []
    for title, rows in _grouped(entries).items():
        table = Table(title=Text(title, style="bold cyan"), title_justify="left", show_header=False)
        table.add_column("code", style="bold", no_wrap=True)
        table.add_column("meaning")
        for e in rows:
            table.add_row(Text(e.term), Text(e.meaning))
        if about.get(rows[0].group):
            table.caption = Text(about[rows[0].group])
            table.caption_justify = "left"
        parts.append(table)
    return Group(*parts)
