"""Copies, rewrites, syndication and derivatives between two articles, and which is the original.

`relate(a, b)` looks at one candidate pair (found by LSH or rare keys, never all pairs) and says
how the later one reuses the earlier one, with the evidence an analyst can check:

- verbatim: most sentences identical (truncated and re-ordered copies too), no credit added;
- syndicated: the same text on another site with a credit line the copier added (a wire,
  "This story was provided by X", a dateline "(X) -");
- spin: a paraphrase: most sentences align to a sentence of the original (content-word Dice),
  the texts are close (cosine) and direct quotes, numbers and rare names are shared;
- derivative: not a rewrite, but it credits the other's outlet ("according to X") on the story.

The original is inferred from who cites whom, then the publication date, then whether the
article credits itself (primary reporting: "obtained by <own outlet>") or someone else; ties go
to the smaller id. A copy that credits an outlet the original never mentions, and not the
original's own outlet, is flagged as a misattribution. Every score is a pure function of the two
articles, so the result never depends on the order they arrived in.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsint.config import Corpus
from newsint.corpus.compare import Doc, aligned, containment, cosines
from newsint.corpus.stories import in_window, story_similarity
from newsint.model import CopyKind
from newsint.stages.features import pieces as T
from newsint.stages.features.record import Credit

KIND_RANK: dict[str, int] = {"verbatim": 0, "syndicated": 0, "spin": 1, "derivative": 2}


def _credit_matches(c: Credit, keys: frozenset[str] | set[str]) -> bool:
    return any(T.same_outlet(c.key, c.acronym, k) for k in keys)


# --------------------------------------------------------------------------- direction


def cites(copy: Doc, original: Doc) -> Credit | None:
    """The credit line of `copy` that names the outlet of `original`, if any."""
    if not original.self_keys or (copy.self_keys & original.self_keys):
        return None
    for c in copy.credits:
        if _credit_matches(c, original.self_keys):
            return c
    return None


@dataclass(frozen=True)
class Direction:
    original: Doc
    copy: Doc
    confidence: float
    reason: str


def _has_time(d: Doc) -> bool:
    return bool(d.published and len(d.published) > 10)


def _syndication_lines(d: Doc) -> set[tuple[str, str]]:
    """Credit lines a syndicating site adds (a provided-by line, a dateline, a byline, a wire),
    not naming the article's own outlet."""
    return {
        (c.kind, c.key)
        for c in d.credits
        if (c.kind in ("provided", "dateline", "byline") or c.wire)
        and not _credit_matches(c, d.self_keys)
    }


def _contains(longer: Doc, shorter: Doc, cfg: Corpus) -> bool:
    """`shorter` is (nearly) all found in `longer`, which is clearly longer: an excerpt."""
    n = len(shorter.sent)
    return (
        n > 0
        and len(longer.sent) >= cfg.direction_containment_ratio * n
        and len(longer.sent & shorter.sent) >= cfg.verbatim_min_containment * n
    )


def orient(a: Doc, b: Doc, cfg: Corpus) -> Direction:
    """Which of two related articles is the original, from the evidence in order: a credit
    naming the other's outlet, publication time, containment (the excerpt is the copy), a
    syndication line, self-credit; else "direction unknown" (the confidence of each rule is a
    `direction_*` setting)."""
    ab, ba = cites(b, a), cites(a, b)
    if ab and not ba:
        return Direction(
            a, b, cfg.direction_cited, f"{b.id} credits {ab.name}, the outlet of {a.id}"
        )
    if ba and not ab:
        return Direction(
            b, a, cfg.direction_cited, f"{a.id} credits {ba.name}, the outlet of {b.id}"
        )
    first, second = (a, b) if a.order <= b.order else (b, a)
    if first.day and second.day and first.day != second.day:
        why = f"published earlier ({first.day} < {second.day})"
        return Direction(first, second, cfg.direction_earlier_day, why)
    if bool(a.day) != bool(b.day):
        first, second = (a, b) if a.day else (b, a)
        more = first.primary < second.primary
        conf = cfg.direction_dated_primary if more else cfg.direction_dated
        return Direction(first, second, conf, f"dated {first.day}; the other has no date")
    if _has_time(a) and _has_time(b) and a.published != b.published:
        first, second = (a, b) if (a.published or "") < (b.published or "") else (b, a)
        why = f"published earlier ({first.published})"
        return Direction(first, second, cfg.direction_earlier_time, why)
    for longer, shorter in ((a, b), (b, a)):
        if _contains(longer, shorter, cfg):
            why = f"{shorter.id} is an excerpt: its text is found in the longer {longer.id}"
            return Direction(longer, shorter, cfg.direction_containment, why)
    la, lb = _syndication_lines(a), _syndication_lines(b)
    if bool(la - lb) != bool(lb - la):
        copy, original = (a, b) if la - lb else (b, a)
        why = f"{copy.id} adds a syndication credit line"
        return Direction(original, copy, cfg.direction_wire_line, why)
    if first.primary != second.primary:
        first, second = (first, second) if first.primary < second.primary else (second, first)
        why = "credits its own outlet" if first.primary == 0 else "credits no other outlet"
        why = f"{first.id} {why}; {second.id} credits others"
        return Direction(first, second, cfg.direction_self_credit, why)
    first, second = (a, b) if a.id < b.id else (b, a)
    why = "direction unknown: no credit, time, containment or credit line tells them apart"
    return Direction(first, second, cfg.direction_tie, why)


# --------------------------------------------------------------------------- classification


@dataclass(slots=True)
class Relation:
    """What one candidate pair turned out to be (kind None: not a copy, maybe the same story)."""

    original: str
    copy: str
    kind: CopyKind | None
    score: float
    confidence: float
    evidence: list[str]
    misattribution: str | None
    story: float  # same-event similarity in [0, 1]
    story_edge: bool
    cited: bool = False  # the copy credits the original's outlet


def _misattribution(copy: Doc, original: Doc) -> str | None:
    # only the credits the copy added: those it copied along with the text say nothing about it
    copied = {(c.kind, c.key) for c in original.credits}
    credited = [
        c
        for c in copy.credits
        if c.outlet and not _credit_matches(c, copy.self_keys) and (c.kind, c.key) not in copied
    ]
    if not credited:
        return None
    known = set(original.self_keys) | {c.key for c in original.credits if c.outlet and c.key}
    if not original.self_keys and not known:
        return None  # we do not know who the original is by; nothing to contradict
    if any(_credit_matches(c, original.self_keys) for c in credited):
        return None
    wrong = [c for c in credited if not _credit_matches(c, frozenset(known))]
    if not wrong:
        return None
    names = ", ".join(dict.fromkeys(c.wire or c.name for c in wrong))
    who = original.outlet_name or original.site or original.id
    where = f" ({original.site})" if original.site and original.site != who else ""
    return f"credits {names}; the original is by {who}{where}"


def _examples(items: set[str], limit: int = 3) -> str:
    return "; ".join(sorted(items, key=lambda s: (-len(s), s))[:limit])


def relate(a: Doc, b: Doc, cfg: Corpus) -> Relation | None:
    """Classify a candidate pair; None when it is neither a copy nor the same story."""
    direction = orient(a, b, cfg)
    o, c = direction.original, direction.copy
    shared, smaller = containment(a, b)
    cos, story_cos = cosines(a, b)
    window = in_window(a, b, cfg)
    story = story_similarity(a, b, cfg, story_cos)
    evidence: list[str] = []
    kind: CopyKind | None = None
    score = 0.0
    cont = shared / smaller if smaller else 0.0
    if a.text_hash == b.text_hash and a.words:
        cont = 1.0
    if cont >= cfg.verbatim_min_containment:
        original_keys = {(x.kind, x.key) for x in o.credits}
        added = [
            x
            for x in c.credits
            if (x.kind, x.key) not in original_keys
            and (
                x.kind in ("provided", "dateline", "byline")
                or x.wire
                or _credit_matches(x, o.self_keys)
            )
            and not _credit_matches(x, c.self_keys)
        ]
        kind = "syndicated" if added and c.site_key != o.site_key else "verbatim"
        score = cont
        evidence.append(f"{shared} of {smaller} sentences identical")
        if added:
            evidence.append("credit line added: " + ", ".join(dict.fromkeys(x.name for x in added)))
    else:
        quotes = a.quotes & b.quotes
        numbers = a.numbers & b.numbers
        rare = a.rare_names & b.rare_names
        support = len(quotes) + len(numbers) + len(rare)
        credit = cites(c, o)
        # a short text that credits its source ("..., CNN reported") summarises it: a
        # derivative, not a spin of the whole
        summary = credit is not None and len(c.sent_lengths) <= cfg.summary_max_share * len(
            o.sent_lengths
        )
        if not summary and cos >= cfg.spin_min_cosine and support >= cfg.spin_min_evidence:
            n_al, n_c = aligned(c, o, cfg.spin_sentence_dice, cfg.align_max_sentences)
            share = n_al / n_c if n_c else 0.0
            if share >= cfg.spin_min_aligned:
                kind = "spin"
                score = (share + cos) / 2
                evidence.append(
                    f"{n_al} of {n_c} sentences rewritten from the original "
                    f"(content-word Dice >= {cfg.spin_sentence_dice})"
                )
        if kind is None and credit is not None and cos >= cfg.derivative_min_cosine:
            kind = "derivative"
            score = cos
            evidence.append(f"cites {credit.name}")
        if kind is not None:
            evidence.append(f"content-word cosine {cos:.2f}")
            if quotes:
                evidence.append(f"shared quotes ({len(quotes)}): {_examples(quotes, 2)}")
            if numbers:
                evidence.append(f"shared numbers: {', '.join(sorted(numbers)[:8])}")
            if rare:
                evidence.append(f"shared names: {_examples(rare, 5)}")
    story_edge = kind is not None or (story >= cfg.story_block_similarity and window)
    if not story_edge:
        return None
    sure = direction.confidence >= cfg.direction_min_misattribution
    mis = _misattribution(c, o) if sure and kind in ("verbatim", "syndicated", "spin") else None
    if kind is not None:
        evidence.append(f"original: {direction.reason}")
    return Relation(
        original=o.id,
        copy=c.id,
        kind=kind,
        score=round(min(max(score, 0.0), 1.0), 4),
        confidence=direction.confidence,
        evidence=evidence,
        misattribution=mis,
        story=round(story, 4),
        story_edge=story_edge,
        cited=kind is not None and cites(c, o) is not None,
    )
