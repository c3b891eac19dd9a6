"""One recogniser of news outlets and of the lines that credit them (data/outlets.toml).

An outlet that relays a statement is a link of the source chain (article <- AP <- the speaker),
never its speaker, and a line that only credits someone ("WASHINGTON (AP) —", "AP Photo/Jane
Roe", "By Jane Roe, Reuters", "(Getty)") says nothing: the entities, claims and corpus layers all
ask this module, so an outlet is the same outlet everywhere. Pure functions of the text.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from newsint.text.alternation import alternation
from newsint.text.fold import name_key, word_key

OutletKind = Literal["agency", "outlet", "photo"]
CreditKind = Literal["dateline", "photo", "byline", "credit"]

_DATA = "outlets.toml"
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.\-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"^[ \t]+([A-Za-z][\w'’\-]*)")
_INITIAL_END = re.compile(r"(?:\b[A-Z]|\bJr|\bSr|\bSt)\.$")
_NAME_SPLIT = re.compile(r",[ ]+|[ ]+and[ ]+|[ ]*;[ ]*")


@dataclass(frozen=True)
class Outlet:
    """A news outlet or wire agency of the table."""

    name: str
    kind: OutletKind
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True)
class OutletMention:
    """An outlet named in text: character offsets and the outlet (None when a credit line names
    an outlet the table lacks, e.g. "(Riverside Gazette)")."""

    start: int
    end: int
    text: str
    outlet: Outlet | None

    @property
    def name(self) -> str:
        return self.outlet.name if self.outlet else self.text


@dataclass(frozen=True)
class Credit:
    """A dateline, credit line, photo credit or byline: furniture, not a statement.

    `place` is a dateline's place (a real place name, which stays a name); `names` are the people
    a byline or photo credit names (never entities)."""

    kind: CreditKind
    start: int
    end: int
    text: str
    outlet: OutletMention | None = None
    place: tuple[int, int] | None = None
    names: tuple[tuple[int, int], ...] = ()

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class _Pattern:
    kind: CreditKind
    regex: re.Pattern[str]
    known: bool


class Outlets:
    """The outlet table with its text matcher and the credit-line patterns."""

    def __init__(self, raw: dict) -> None:
        self.raw_rows: tuple[dict, ...] = tuple(raw["outlet"])  # the table's rows as written
        self.outlets: tuple[Outlet, ...] = tuple(
            Outlet(
                name=o["name"],
                kind=o["kind"],
                aliases=tuple(dict.fromkeys([*o["aliases"], *o.get("any_case", [])])),
                domains=tuple(o.get("domains", [])),
            )
            for o in raw["outlet"]
        )
        self._keys: dict[str, Outlet] = {}
        self._domains: dict[str, Outlet] = {}
        exact: set[str] = set()
        any_case: set[str] = set()
        for o, row in zip(self.outlets, raw["outlet"], strict=True):
            for form in (o.name, *o.aliases, *row.get("short", [])):
                self._keys.setdefault(self._key(form), o)
            for domain in o.domains:
                self._domains.setdefault(domain.lower(), o)
            exact.update(row["aliases"])
            any_case.update(row.get("any_case", []))
        self._matcher = re.compile(
            rf"(?<![\w.\-])(?:{alternation(exact)}|(?i:{alternation(any_case)}))(?![\w\-])"
        )
        self._free = frozenset(w.lower() for w in raw["context"]["free_neighbours"])
        self._outlet_words = frozenset(w.lower() for w in raw["credit_words"]["outlet_words"])
        self._patterns = tuple(
            _Pattern(c["kind"], re.compile(c["pattern"], re.MULTILINE), bool(c["known"]))
            for c in raw["credit"]
        )

    # ------------------------------------------------------------------- look-ups

    @staticmethod
    def _key(name: str) -> str:
        key = name_key(name.strip())
        return key[4:] if key.startswith("the ") else key

    def lookup(self, name: str) -> Outlet | None:
        """The outlet a name, alias or short form stands for ("the AP", "Reuters", "(Getty)")."""
        return self._keys.get(self._key(name.strip("()[] ")))

    def by_site(self, site: str) -> Outlet | None:
        """The outlet publishing under a site ("www.reuters.com", "news.bbc.co.uk")."""
        host = site.lower().strip().removeprefix("https://").removeprefix("http://")
        host = host.split("/", 1)[0]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            hit = self._domains.get(".".join(parts[i:]))
            if hit is not None:
                return hit
        return None

    def forms(self) -> dict[str, str]:
        """Every form of every outlet (name, aliases, short forms), lower case and without a
        leading "the" -> the outlet's name: what the claims lexicon looks a source's words up
        in."""
        out: dict[str, str] = {}
        for o, row in zip(self.outlets, self.raw_rows, strict=True):
            for form in (o.name, *o.aliases, *row.get("short", [])):
                out.setdefault(form.lower().removeprefix("the "), o.name)
        return out

    def wire_forms(self) -> dict[str, str]:
        """Every form of every wire agency (name, aliases, short forms, the name part of its
        domains), as `word_key` folds it -> the agency's name: what the corpus compares credit
        lines with."""
        out: dict[str, str] = {}
        for o, row in zip(self.outlets, self.raw_rows, strict=True):
            if o.kind != "agency":
                continue
            forms = [word_key(f) for f in (o.name, *o.aliases, *row.get("short", []))]
            squashed = [f.replace(" ", "") for f in forms if f]
            # a site's name label that starts with a form ("apnews", "xinhuanet"), not "news"
            labels = [
                label
                for d in o.domains
                for label in d.lower().split(".")[:-1]
                if any(label.startswith(f) for f in squashed)
            ]
            for form in (*forms, *labels):
                if form:
                    out.setdefault(form, o.name)
        return out

    def looks_like_outlet(self, name: str) -> bool:
        """Known, or a name carrying an outlet word ("Riverside Gazette")."""
        if self.lookup(name) is not None:
            return True
        return any(w in self._outlet_words for w in name_key(name).split())

    # ------------------------------------------------------------------- running text

    def find(self, text: str) -> list[OutletMention]:
        """Outlets named in running text, longest form first; a form that is a piece of a longer
        capitalised name ("Michael Bloomberg", "Guardian Council") is not taken."""
        out = []
        for m in self._matcher.finditer(text):
            if self._inside_name(text, m.start(), m.end()):
                continue
            out.append(OutletMention(m.start(), m.end(), m.group(), self.lookup(m.group())))
        return out

    def _inside_name(self, text: str, start: int, end: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        before = _WORD_BEFORE.search(text, line_start, start)
        after = _WORD_AFTER.search(text[end : line_end if line_end >= 0 else len(text)])
        return any(w is not None and self._capitalised_word(w.group(1)) for w in (before, after))

    def _capitalised_word(self, word: str) -> bool:
        word = word.rstrip(".")
        return (
            word[:1].isupper() and any(c.islower() for c in word) and word.lower() not in self._free
        )

    # ------------------------------------------------------------------- credit lines

    def credits(self, text: str) -> list[Credit]:
        """Datelines, credit lines, photo credits and bylines, by offset; the first pattern of
        the table that covers a stretch wins, and no two credits overlap."""
        found: list[Credit] = []
        taken: list[tuple[int, int]] = []
        for p in self._patterns:
            for m in p.regex.finditer(text):
                start, end = m.start(), m.end()
                while end > start and text[end - 1] in " \t":
                    end -= 1
                if end <= start or any(s < end and start < e for s, e in taken):
                    continue
                credit = self._credit(p, m, text, start, end)
                if credit is not None:
                    found.append(credit)
                    taken.append((start, end))
        return sorted(found, key=lambda c: (c.start, c.end))

    def _credit(
        self, p: _Pattern, m: re.Match[str], text: str, start: int, end: int
    ) -> Credit | None:
        groups = m.groupdict()
        outlet: OutletMention | None = None
        names: list[tuple[int, int]] = []
        if groups.get("outlet"):
            os_, oe = m.span("outlet")
            while oe > os_ + 1 and text[oe - 1] in ".," and self.lookup(text[os_:oe]) is None:
                oe -= 1  # "provided by Meridian Wire." (but "A.P." keeps its dot)
            outlet = OutletMention(os_, oe, text[os_:oe], self.lookup(text[os_:oe]))
        if groups.get("names"):
            names = _split_names(text, *m.span("names"))
            if p.kind == "byline" and outlet is None and len(names) > 1:
                last = names[-1]  # "By Jane Roe, Associated Press": the last piece is the outlet
                if self.looks_like_outlet(text[last[0] : last[1]]):
                    names.pop()
                    piece = text[last[0] : last[1]]
                    outlet = OutletMention(last[0], last[1], piece, self.lookup(piece))
        if p.known and (outlet is None or not self.looks_like_outlet(outlet.text)):
            return None
        place = m.span("place") if groups.get("place") else None
        return Credit(p.kind, start, end, text[start:end], outlet, place, tuple(names))


def _split_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of "Jane Roe, John Doe and Ann Lee" as spans."""
    out, pos = [], start
    for sep in _NAME_SPLIT.finditer(text, start, end):
        if sep.start() > pos:
            out.append((pos, sep.start()))
        pos = sep.end()
    if end > pos:
        out.append((pos, end))
    trimmed = []
    for s, e in out:
        while e > s and text[e - 1] in ". " and not _INITIAL_END.search(text, s, e):
            e -= 1  # "Image: Jane Roe." (but "John Roe Jr." keeps its dot)
        if e > s:
            trimmed.append((s, e))
    return trimmed


@cache
def load_outlets() -> Outlets:
    """The outlet table of data/outlets.toml, compiled once per process."""
    raw = tomllib.loads(resources.files("newsint.data").joinpath(_DATA).read_text("utf-8"))
    return Outlets(raw)


def in_credit(credits: list[Credit], start: int, end: int) -> Credit | None:
    """The credit line covering [start, end), if any."""
    return next((c for c in credits if c.covers(start, end)), None)
