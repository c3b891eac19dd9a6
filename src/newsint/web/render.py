"""Turning records into what templates show: escaped text segments, safe links, short labels.

Nothing here marks a string as safe HTML. The highlighted article is a list of plain-text
segments, each with the ids of the spans covering it; the template wraps them in elements and
Jinja escapes the text. Span details travel as JSON inside a `<script type="application/json">`
block (Jinja's `tojson` escapes `<`, `>`, `&` and `'`), read by our script with `textContent`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsint.corpus.queries.records import ClaimReport, ClaimSummary
from newsint.model import STATUS_MEANING, Analysis, Claim, Source, chain_text
from newsint.present.glossary import meaning

DASH = "—"


class Templates:
    """Jinja2 with autoescaping on for every template, whatever its file name."""

    def __init__(self, folder: Path) -> None:
        self.env = Environment(
            loader=FileSystemLoader(str(folder)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["clip"] = clip
        self.env.filters["day"] = day
        self.env.filters["href"] = safe_href
        self.env.filters["pct"] = pct
        self.env.filters["named"] = named
        self.env.filters["by_outlet"] = by_outlet
        self.env.globals["query"] = query
        self.env.globals["status_meaning"] = STATUS_MEANING
        self.env.globals["explain"] = meaning  # what a code means: the tooltips' words

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)


def clip(text: str | None, width: int = 240) -> str:
    """One line of at most `width` characters (an ellipsis marks a cut)."""
    if not text:
        return DASH
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def day(value: str | None) -> str:
    """The date part of an ISO date or datetime, a dash when unknown."""
    return value[:10] if value else DASH


def pct(value: float | None) -> str:
    return DASH if value is None else f"{value:.2f}"


def safe_href(url: str | None) -> str | None:
    """A scraped URL usable as a link target: only http(s); anything else (javascript:, data:,
    relative paths) is shown as text, never followed."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url.strip()


def query(base: str, **params: Any) -> str:
    """A URL with the non-empty parameters encoded (pagination and filter links)."""
    kept = {k: v for k, v in params.items() if v is not None and v is not False and v != ""}
    return f"{base}?{urlencode(kept)}" if kept else base


# --------------------------------------------------------------------------- highlighting


@dataclass
class Piece:
    """A run of clean text under the same set of spans, or a marker where cleaning cut."""

    text: str = ""
    refs: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    title: str = ""
    cut: list[str] = field(default_factory=list)  # refs of removals made at this point


@dataclass
class _Span:
    start: int
    end: int
    ref: str
    cls: str
    label: str
    order: int  # outer layers first in class lists and titles


ARTICLE_ID = re.compile(r"\bart_[0-9a-f]{8,}\b")


def with_outlets(text: str, outlets: dict[str, str | None]) -> str:
    """Evidence as a person reads it: each article id it names becomes that article's outlet
    (ids of articles not at hand, or without an outlet, are left as they are)."""
    return ARTICLE_ID.sub(lambda m: outlets.get(m.group(0)) or m.group(0), text)


NAMED_ID = re.compile(r" \(art_[0-9a-f]{8,}\)")


def named(text: str) -> str:
    """A reason as a person reads it: "Coastal Wire (art_…)" becomes "Coastal Wire" (the
    corpus writes the id beside the outlet for exports and the API; an id without an outlet
    stays, it is all there is)."""
    return NAMED_ID.sub("", text)


def by_outlet(text: str, reports: Iterable[Any]) -> str:
    """`text` with the article ids of these reports (anything with .article and .site) named
    by their outlet."""
    return with_outlets(named(text), {r.article: r.site for r in reports})


def rests_on(upstream: list[str]) -> str:
    """An independent source as a person reads it: what it rests on beyond its original
    article, "the article itself" when it names nothing."""
    return chain_text(upstream[1:]) or "the article itself"


def claim_cells(rows: Iterable[ClaimSummary]) -> dict[str, dict[str, Any]]:
    """What a claims table shows beside each row, by row id: the chain as words, and what each
    independent source rests on."""
    return {
        row.id: {
            "chain_text": chain_text(row.chain),
            "rests_on": [rests_on(u) for u in row.upstreams],
        }
        for row in rows
    }


def _source(s: Source) -> dict[str, Any]:
    return {"text": s.text, "kind": s.kind, "name": s.name, "resolved_from": s.resolved_from}


def _claim_details(claim: Claim, graded: ClaimReport | None = None) -> dict[str, Any]:
    """`graded`: the claim's corpus report (corpus grade, its reasons, the article's grade)."""
    if graded is not None:
        code, reasons = graded.grade, graded.grade_reasons
        alone = graded.article_grade
    else:
        code = claim.grade.code if claim.grade else None
        reasons, alone = (claim.grade.reasons if claim.grade else []), None
    return {
        "kind": "claim",
        "title": f"Claim ({claim.status})",
        "text": claim.statement,
        "fields": [
            ["Speaker", claim.source.name or claim.source.text],
            ["Chain", chain_text(claim.chain) or DASH],
            ["Cue", claim.cue.text if claim.cue else DASH],
            ["Status", f"{claim.status}, {claim.polarity}"],
            [
                "Factuality",
                DASH if claim.factuality is None else f"{claim.factuality:+.1f} (source's view)",
            ],
            ["Quote", claim.kind],
            ["Grade", code or DASH],
            ["Grade reasons", "; ".join(reasons) or DASH],
            *([["Grade from the article alone", alone]] if alone else []),
            ["Evidence", "; ".join(f"{e.kind}: “{e.text}”" for e in claim.evidence) or DASH],
            ["Confidence", f"{claim.confidence:.2f}"],
        ],
        "chain": [_source(s) for s in claim.chain],
    }


def highlight(
    analysis: Analysis,
    across: dict[str, str] | None = None,
    graded: dict[str, ClaimReport] | None = None,
) -> tuple[list[Piece], dict[str, dict[str, Any]]]:
    """The clean text cut at every span boundary, and the details of every span by ref.

    Layers: claims (content and lead), their cues and sources, event triggers, entity
    mentions, time expressions, claim evidence (hedges, denials). Cleaning removals are not in
    the clean text: each becomes a marker at the place it was cut from. `across` maps the
    article's entity ids to corpus entity ids, so an entity's details link to its page."""
    across = across or {}
    text = analysis.text
    spans: list[_Span] = []
    details: dict[str, dict[str, Any]] = {}
    entities = {e.id: e for e in analysis.entities}

    for claim in analysis.claims:
        record = (graded or {}).get(claim.id)
        details[claim.id] = _claim_details(claim, record)
        speaker = claim.source.name or claim.source.text
        spans.append(
            _Span(
                claim.content.start,
                claim.content.end,
                claim.id,
                f"hl-claim st-{claim.status}",
                f"claim ({claim.status}) by {speaker}",
                0,
            )
        )
        if claim.lead is not None:  # the content's first part, before the frame: the claim too
            ref = f"{claim.id}:lead"
            details[ref] = {**details[claim.id], "title": f"Lead “{claim.lead.text}”"}
            spans.append(
                _Span(
                    claim.lead.start,
                    claim.lead.end,
                    ref,
                    f"hl-claim st-{claim.status}",
                    f"claim ({claim.status}) by {speaker}: its lead",
                    0,
                )
            )
        if claim.cue is not None:
            ref = f"{claim.id}:cue"
            details[ref] = {**_claim_details(claim, record), "title": f"Cue “{claim.cue.text}”"}
            spans.append(_Span(claim.cue.start, claim.cue.end, ref, "hl-cue", "cue", 1))
        for i, src in enumerate(claim.chain):
            if src.start is None or src.end is None or src.end <= src.start:
                continue
            ref = f"{claim.id}:src{i}"
            details[ref] = {
                **_claim_details(claim),
                "title": f"Source ({src.kind}) “{src.text}”",
            }
            spans.append(_Span(src.start, src.end, ref, "hl-src", f"source: {src.kind}", 1))
        for j, ev in enumerate(claim.evidence):
            ref = f"{claim.id}:ev{j}"
            details[ref] = {
                "kind": "evidence",
                "title": f"{ev.kind.capitalize()} “{ev.text}”",
                "text": ev.text,
                "fields": [["Points to", ev.effect or DASH], ["In claim", claim.statement]],
            }
            spans.append(_Span(ev.start, ev.end, ref, "hl-evidence", ev.kind, 3))

    for ev in analysis.events:
        details[ev.id] = {
            "kind": "event",
            "title": f"Event {ev.type}" + (f" ({ev.mode})" if ev.mode else ""),
            "text": ev.trigger.text,
            "fields": [
                ["Actor", _arg(ev.actor)],
                ["Target", _arg(ev.target)],
                ["When", _arg(ev.time)],
                ["Where", _arg(ev.place)],
                ["Status", ev.status + (", negated" if ev.negated else "")],
                ["Factuality", DASH if ev.factuality is None else f"{ev.factuality:+.1f}"],
                ["Chain", chain_text(ev.chain) or DASH],
            ],
        }
        spans.append(
            _Span(ev.trigger.start, ev.trigger.end, ev.id, "hl-event", f"event {ev.type}", 2)
        )

    for m in analysis.mentions:
        ent = entities.get(m.entity or "")
        name = ent.name if ent else m.text
        details[m.id] = {
            "kind": "entity",
            "title": f"{m.type} “{name}”",
            "text": m.text,
            "fields": [
                ["Entity", name],
                ["Type", m.type + (f" (model said {m.label})" if m.label != m.type else "")],
                ["Written as", m.kind],
                ["Aliases", ", ".join(ent.aliases) if ent and ent.aliases else DASH],
                ["Roles", ", ".join(r.role for r in ent.roles) if ent and ent.roles else DASH],
                ["Rule", m.fix or DASH],
            ],
        }
        if m.entity and m.entity in across:
            details[m.id]["href"] = f"/entities/{quote(across[m.entity], safe='')}"
        spans.append(_Span(m.start, m.end, m.id, f"hl-ent ent-{m.type}", f"{m.type}: {name}", 2))

    for t in analysis.times:
        covered = (
            f"{t.range_start} … {t.range_end}"
            if t.range_start and t.range_end and t.range_start != t.range_end
            else t.range_start or DASH
        )
        details[t.id] = {
            "kind": "time",
            "title": f"Time “{t.text}”",
            "text": t.text,
            "fields": [
                ["Value", t.value or DASH],
                ["Means", (meaning(t.value, "timex") if t.value else None) or DASH],
                ["Type", t.type],
                ["Granularity", t.granularity],
                ["Modifier", t.mod or DASH],
                ["Covers", covered],
                ["Anchor", t.anchor or DASH],
                ["Resolved", "yes" if t.resolved else "no"],
            ],
        }
        spans.append(_Span(t.start, t.end, t.id, "hl-time", f"time: {t.value or t.text}", 2))

    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = _cut_points(analysis)
    for refs in cuts.values():
        for ref, removal in refs:
            details[ref] = {
                "kind": "removed",
                "title": f"Removed by cleaning: {removal['reason']}",
                "text": removal["text"],
                "fields": [["Reason", removal["reason"]], ["Detail", removal["detail"] or DASH]],
            }
    bounds = sorted({0, len(text), *cuts, *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[Piece] = []
    for a, b in zip(bounds, [*bounds[1:], None], strict=True):
        if a in cuts:
            pieces.append(Piece(cut=[ref for ref, _ in cuts[a]]))
        if b is None or a == b:
            continue
        active = sorted(
            (s for s in spans if s.start <= a and s.end >= b), key=lambda s: (s.order, s.ref)
        )
        classes: list[str] = ["hl"] if active else []
        for s in active:
            for c in s.cls.split():
                if c not in classes:
                    classes.append(c)
        pieces.append(
            Piece(
                text=text[a:b],
                refs=[s.ref for s in active],
                classes=classes,
                title=" · ".join(dict.fromkeys(s.label for s in active)),
            )
        )
    return _merge_plain(pieces), details


def _arg(arg: Any) -> str:
    if arg is None:
        return DASH
    return str(arg.value or arg.text)


def _cut_points(analysis: Analysis) -> dict[int, list[tuple[str, dict[str, Any]]]]:
    """Clean-text position of each cleaning removal: where the text after it starts."""
    out: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    segments = sorted(analysis.offsets, key=lambda s: s.raw)
    for i, removal in enumerate(analysis.cleaning):
        pos = len(analysis.text)
        for seg in segments:
            if seg.raw >= removal.end:
                pos = seg.clean
                break
        out.setdefault(pos, []).append((f"cut{i}", removal.to_dict()))
    return out


def _merge_plain(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring pieces under the same spans (fewer elements, same picture)."""
    out: list[Piece] = []
    for p in pieces:
        last = out[-1] if out else None
        if last and not p.cut and not last.cut and last.refs == p.refs:
            last.text += p.text
        else:
            out.append(p)
    return out
