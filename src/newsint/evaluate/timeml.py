"""TimeML (.tml) reading: the TEXT element as plain text, its TIMEX3 tags as offset spans.

TBAQ files are small, trusted XML with inline tags only (EVENT, TIMEX3, SIGNAL) inside TEXT, so a
tag scanner keeps exact character offsets where a DOM parser would lose them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^>]*?)?)\s*(/?)>|&(#?\w+);")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    tid: str


@dataclass
class TimeMLDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def attributes(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag)}


def parse_timeml(name: str, data: str) -> TimeMLDoc:
    """Plain TEXT with TIMEX3 offsets; the DCT value from the creation-time TIMEX3."""
    dct_tag = _DCT.search(data)
    dct = attributes(dct_tag.group(0)).get("value") if dct_tag else None
    body = _TEXT.search(data)
    source = body.group(1) if body else ""
    out: list[str] = []
    pos = 0  # length of the plain text so far
    last = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    for m in _TAG.finditer(source):
        chunk = source[last : m.start()]
        out.append(chunk)
        pos += len(chunk)
        last = m.end()
        if m.group(5) is not None:  # an entity reference
            char = html.unescape(m.group(0))
            out.append(char)
            pos += len(char)
            continue
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex.append((pos, attributes(attrs)))
        elif open_timex:
            start, a = open_timex.pop()
            timexes.append(
                GoldTimex(
                    start=start,
                    end=pos,
                    text="".join(out)[start:pos],
                    type=a.get("type", ""),
                    value=a.get("value", ""),
                    mod=a.get("mod"),
                    tid=a.get("tid", ""),
                )
            )
    out.append(source[last:])
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(name=name, text="".join(out), dct=dct, timexes=timexes)


def read_corpus(root: Path, limit: int | None = None) -> list[TimeMLDoc]:
    files = sorted(root.rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    return [parse_timeml(f.stem, f.read_text("utf-8")) for f in files]
