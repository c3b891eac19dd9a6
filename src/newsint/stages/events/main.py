"""The article's main event (5W1H): chosen by position and completeness, as Giveme5W1H answers
who/what/when/where/why/how."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.config import Events as EventsConfig
from newsint.model import Analysis, Argument, Event, MainEvent, reported_as_happened
from newsint.stages.events.lexicon import Lexicon
from newsint.stages.events.syntax import _token_at, governors
from newsint.stages.events.triggers import lead_bounds
from newsint.stages.time.timeline import event_time

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def score_event(
    event: Event,
    analysis: Analysis,
    lexicon: Lexicon,
    cfg: EventsConfig,
    sentence_rank: dict[int, int],
    lead: tuple[tuple[int, int] | None, tuple[int, int] | None],
) -> float:
    """How well an event answers "what is this article about" (higher is better)."""
    headline, first = lead
    pos = event.trigger.start
    if headline and headline[0] <= pos < headline[1]:
        score = cfg.main_title
    elif first and first[0] <= pos < first[1]:
        score = cfg.main_lead
    else:
        rank = sentence_rank.get(event.sentence.start if event.sentence else 0, 0)
        score = 1.0 / (1.0 + cfg.main_position_decay * rank)
    etype = lexicon.types.get(event.type)
    score += etype.salience if etype else 0.0
    score += cfg.main_actor * (event.actor is not None)
    score += cfg.main_target * (event.target is not None)
    score += cfg.main_time * (event.time is not None)
    score += cfg.main_place * (event.place is not None)
    score -= cfg.main_unrealised_penalty * (event.negated or event.modality is not None)
    return score


def _marked_phrase(tok: Token, trigger: Token, markers: tuple[str, ...], text: str) -> str | None:
    """The first dependent phrase of `tok` (not containing the trigger) that starts with one of
    `markers`: "to put an end to the fighting", "because ...", "by selling ..."."""
    ordered = sorted(markers, key=len, reverse=True)
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "punct", "aux", "neg", "det", "compound"):
            continue
        sub = list(c.subtree)
        if trigger in sub:
            continue
        start, end = sub[0].idx, sub[-1].idx + len(sub[-1])
        low = text[start:end].lower()
        for m in ordered:
            if not low.startswith(m + " "):
                continue
            if m == "to" and c.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            if m == "by" and not (len(sub) > 1 and sub[1].tag_ == "VBG"):
                continue
            if m in ("for", "so") and c.dep_ not in ("prep", "advcl"):
                continue
            return " ".join(text[start:end].split()).strip(' ,.“”"')
    return None


def _who(arg: Argument | None) -> str | None:
    if arg is None:
        return None
    if arg.value and not re.search(rf"(?<!\w){re.escape(arg.value)}(?!\w)", arg.text, re.I):
        return f"{arg.value} ({arg.text})"
    return arg.text


def _shares_participant(a: Event, b: Event) -> bool:
    def keys(e: Event) -> set[str]:
        return {arg.entity or arg.text.lower() for arg in (e.actor, e.target) if arg is not None}

    return bool(keys(a) & keys(b))


def main_event(
    analysis: Analysis, doc: Doc | None, lexicon: Lexicon, cfg: EventsConfig
) -> MainEvent | None:
    """The event the article is about, with 5W1H answers. As Giveme5W1H does, a W the chosen
    event lacks (when, where) is taken from the best related event, and says so."""
    candidates = [
        e
        for e in analysis.events
        if cfg.all_events
        or reported_as_happened(e.status, e.negated, e.factuality, cfg.happened_factuality)
    ]  # a denied, hypothetical, questioned or planned event is not what happened
    events = [e for e in candidates if e.ontology == "PLOVER"] or candidates
    if not events:
        return None
    starts = sorted({e.sentence.start for e in events if e.sentence})
    rank = {s: i for i, s in enumerate(starts)}
    lead = lead_bounds(analysis)  # once per article
    scored = sorted(
        events,
        key=lambda e: (-score_event(e, analysis, lexicon, cfg, rank, lead), e.trigger.start),
    )
    best = scored[0]
    related = [e for e in scored[1:] if _shares_participant(best, e)]
    when = None
    when_event = best if best.time else next((e for e in related if e.time), None)
    if when_event is not None and when_event.time is not None:
        entry = event_time(analysis, when_event)
        when = entry.label or when_event.time.text
        if entry.label and not entry.implied:
            when += f", “{when_event.time.text}”"
        if when_event is not best:
            when += f" (from the related {when_event.type} event “{when_event.trigger.text}”)"
    where = None
    where_event = best if best.place else next((e for e in related if e.place), None)
    if where_event is not None and where_event.place is not None:
        where = where_event.place.value or where_event.place.text
        if where_event is not best:
            where += f" (from the related {where_event.type} event “{where_event.trigger.text}”)"
    why = how = None
    tok = _token_at(doc, best.trigger.start, best.trigger.end) if doc is not None else None
    if tok is not None:
        for w in [tok, *governors(tok, cfg.max_climb)]:
            why = why or _marked_phrase(w, tok, lexicon.why_markers, analysis.text)
            how = how or _marked_phrase(w, tok, lexicon.how_markers, analysis.text)
    etype = lexicon.types.get(best.type)
    if how is None and best.mode and etype is not None and etype.manner_modes:
        how = best.mode
    return MainEvent(
        event=best.id,
        who=_who(best.actor),
        what=_what(best, analysis, tok),
        when=when,
        where=where,
        why=why,
        how=how,
    )


def _what(event: Event, analysis: Analysis, tok: Token | None) -> str:
    """Type (mode), then the predicate as written: governing verb, trigger and target."""
    label = event.type + (f" ({event.mode})" if event.mode else "")
    start = event.trigger.start
    end = event.trigger.end
    if event.target is not None and event.target.start >= end:
        end = event.target.end
    if tok is not None and event.modality:
        for up in governors(tok, 3):
            if up.pos_ in ("VERB", "NOUN", "ADJ") and up.idx < start:
                start = up.idx
                break
    phrase = " ".join(analysis.text[start:end].split())
    what = f"{label}: {'not ' if event.negated else ''}{phrase}"
    about = next((e for e in analysis.events if e.id == event.about), None)
    if about is not None:  # a denial: what it denies
        what += f" — denied: {about.type} “{about.trigger.text}”"
    return what
