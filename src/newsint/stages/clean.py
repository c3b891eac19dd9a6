"""Clean stage: from a scraped page to the article's own text, with nothing silently dropped.

Removes site furniture (breadcrumbs, share bars, comment forms, related links, boilerplate
bylines), extra copies of the headline, and duplicate or paraphrased paragraphs. Every removal
is kept with its reason and raw offsets; the clean text keeps an offset map back to the raw text,
so any span found later can be shown in the page as read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import get_args

from newsint.config import Clean as CleanConfig
from newsint.model import Analysis, Removal, Segment
from newsint.text.textsim import content_words, paraphrase_score

PARAGRAPH_SEPARATOR = "\n\n"
_REASONS = set(get_args(Removal.model_fields["reason"].annotation))
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_TOKEN = re.compile(r"[^\s]+")
_NORM = re.compile(r"[\W_]+", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Furniture:
    """Compiled site-furniture rules from data/furniture.toml."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    crumb_words: frozenset[str]
    crumb_separators: str
    structure: tuple[re.Pattern[str], ...]  # list items, table rows, rules: repeat by design


@cache
def furniture() -> Furniture:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("furniture.toml").read_text("utf-8")
    )
    compiled = []
    for reason, patterns in data["patterns"].items():
        if reason not in _REASONS:
            raise ValueError(f"furniture.toml: unknown reason {reason!r}")
        for pattern in patterns:
            compiled.append((reason, re.compile(rf"(?:{pattern})", re.IGNORECASE)))
    return Furniture(
        patterns=tuple(compiled),
        crumb_words=frozenset(w.lower() for w in data["breadcrumb"]["words"]),
        crumb_separators=data["breadcrumb"]["separators"],
        structure=tuple(re.compile(p) for p in data["structure"]["patterns"]),
    )


@dataclass
class Line:
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    block: int  # index of the blank-line separated block it sits in
    text: str
    removed: str | None = None


@dataclass
class Result:
    text: str
    offsets: list[Segment]
    removals: list[Removal]
    title: str | None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # raw ranges kept


def normalise(text: str) -> str:
    """Comparison key: case, punctuation and spacing ignored."""
    return _NORM.sub(" ", text.casefold()).strip()


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    block = 0
    pos = 0
    blank_run = False
    for chunk in raw.splitlines(keepends=True):
        body = chunk.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            if blank_run and lines:
                block += 1
            lead = len(body) - len(body.lstrip())
            start = pos + lead
            lines.append(Line(start, start + len(stripped), block, stripped))
            blank_run = False
        else:
            blank_run = True
        pos += len(chunk)
    return lines


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _more_words_than(text: str, limit: int) -> bool:
    """len(_words(text)) > limit, without splitting a long paragraph to its end: str.split
    cuts at the same whitespace as _TOKEN's \\s (str.isspace), in C."""
    return len(text.split(None, limit)) > limit


def _is_crumb_words(tokens: list[str], rules: Furniture) -> bool:
    words = [t.strip(rules.crumb_separators).lower() for t in tokens]
    words = [w for w in words if w]
    return bool(words) and all(w in rules.crumb_words for w in words)


def is_breadcrumb(text: str, cfg: CleanConfig, rules: Furniture) -> bool:
    tokens = _words(text)
    if not tokens or len(tokens) > cfg.breadcrumb_max_words:
        return False
    has_separator = any(ch in text for ch in rules.crumb_separators if ch not in "-:")
    starts_home = tokens[0].lower() in {"home", "homepage"}
    return (has_separator or starts_home) and _is_crumb_words(tokens, rules)


def furniture_reason(text: str, cfg: CleanConfig, rules: Furniture) -> str | None:
    if _more_words_than(text, cfg.furniture_max_words):
        return None
    if is_breadcrumb(text, cfg, rules):
        return "breadcrumb"
    for reason, pattern in rules.patterns:
        if pattern.fullmatch(text):
            return reason
    return None


def crumb_prefix(text: str, title: str | None, cfg: CleanConfig, rules: Furniture) -> int:
    """Length of a breadcrumb glued before the headline ("Home NEWS A leaked …"), else 0."""
    first = _TOKEN.search(text)  # most lines are not crumbs: split only those that may be
    if first is None or first.group().lower() not in {"home", "homepage"}:
        return 0
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 2:
        return 0
    if title:
        ntitle = normalise(title)
        for k in range(1, min(cfg.breadcrumb_max_words, len(tokens) - 1) + 1):
            rest = text[tokens[k].start() :]
            if normalise(rest) == ntitle:
                prefix = [t.group() for t in tokens[:k]]
                return tokens[k].start() if _is_crumb_words(prefix, rules) else 0
        return 0
    # No headline known: take the longest run of crumb words, if a capitalised text follows.
    k = 0
    while k < min(cfg.breadcrumb_max_words, len(tokens) - 1) and _is_crumb_words(
        [tokens[k].group()], rules
    ):
        k += 1
    if k >= 2 and tokens[k].group()[:1].isupper() and len(tokens) - k >= 3:
        return tokens[k].start()
    return 0


def _looks_like_title(text: str, cfg: CleanConfig) -> bool:
    n = len(_words(text))
    return 0 < n <= cfg.title_max_words and not _SENTENCE_END.search(text)


def find_title(
    lines: list[Line], meta_title: str | None, cfg: CleanConfig, rules: Furniture
) -> str | None:
    """The headline: metadata's if given, else a first line that repeats (after any crumb), else
    a short first line that does not end like a sentence. List items, table rows and one-word
    labels repeat by design, so they are never taken for a repeated headline."""
    if meta_title:
        return meta_title.strip()
    head = [
        ln
        for ln in lines[:8]
        if not furniture_reason(ln.text, cfg, rules) and not is_structure(ln.text, rules)
    ]
    if not head:
        return None
    for i, line in enumerate(head):
        for later in head[i + 1 :]:
            key = normalise(later.text)
            repeats = key and (
                normalise(line.text) == key or normalise(line.text).endswith(" " + key)
            )
            if (
                repeats
                and _looks_like_title(later.text, cfg)
                and _letter_words(later.text, cfg.title_min_words) >= cfg.title_min_words
            ):
                return later.text
    first = head[0].text
    cut = crumb_prefix(first, None, cfg, rules)
    candidate = first[cut:].strip()
    return candidate if _looks_like_title(candidate, cfg) else None


def clean_text(raw: str, meta_title: str | None, cfg: CleanConfig) -> Result:
    rules = furniture()
    lines = split_lines(raw)
    removals: list[Removal] = []
    title = find_title(lines, meta_title, cfg, rules)
    ntitle = normalise(title) if title else None
    keys_of: dict[str, str] = {}  # normalise() of each line, reused for one-line paragraphs

    def key_of(text: str) -> str:
        key = keys_of.get(text)
        if key is None:
            key = keys_of[text] = normalise(text)
        return key

    # 1. site furniture, line by line; a crumb glued before the headline is cut off the line.
    related_left = 0  # headlines still expected under a "Related posts" heading
    for line in lines:
        if related_left and _looks_like_title(line.text, cfg) and normalise(line.text) != ntitle:
            related_left -= 1
            line.removed = "related"
            removals.append(
                Removal(
                    start=line.start,
                    end=line.end,
                    reason="related",
                    text=line.text,
                    detail="a headline listed under a related-links heading",
                )
            )
            continue
        related_left = 0
        reason = furniture_reason(line.text, cfg, rules)
        if reason == "related":
            related_left = cfg.related_max_items
        if reason:
            line.removed = reason
            removals.append(Removal(start=line.start, end=line.end, reason=reason, text=line.text))  # type: ignore[arg-type]
            continue
        cut = crumb_prefix(line.text, title, cfg, rules)
        if cut:
            crumb = line.text[:cut].rstrip()
            removals.append(
                Removal(
                    start=line.start, end=line.start + len(crumb), reason="breadcrumb", text=crumb
                )
            )
            line.start += cut
            line.text = line.text[cut:]

    # 2. the headline: keep its first copy, drop the others wherever they stand.
    if ntitle:
        seen_title = False
        for line in lines:
            if line.removed or key_of(line.text) != ntitle:
                continue
            if seen_title:
                line.removed = "repeated-title"
                removals.append(
                    Removal(
                        start=line.start,
                        end=line.end,
                        reason="repeated-title",
                        text=line.text,
                        detail="another copy of the headline",
                    )
                )
            seen_title = True

    # 3. paragraphs: blank-line blocks, or single lines when the text has no blank lines.
    line_mode = len({ln.block for ln in lines}) == 1 and len(lines) >= cfg.line_mode_min_lines
    paragraphs: list[tuple[int, int]] = []
    current: list[Line] = []

    def flush() -> None:
        if current:
            paragraphs.append((current[0].start, current[-1].end))
            current.clear()

    previous: Line | None = None
    for line in lines:
        if line.removed:
            flush()
        else:
            if previous is not None and (
                line_mode or line.block != previous.block or previous.removed
            ):
                flush()
            current.append(line)
        previous = line
    flush()

    # 4. exact and paraphrased duplicates: the first copy stays. List items, table rows and
    # short lines repeat by design (two products share a feature, every table its header), so
    # only real paragraphs are compared.
    kept: list[tuple[int, int]] = []
    keys: dict[str, int] = {}
    comparable: list[tuple[int, str, frozenset[str]]] = []  # kept prose: raw start, text, words
    for start, end in paragraphs:
        text = raw[start:end]
        if (
            is_structure(text, rules)
            or _letter_words(text, cfg.duplicate_min_words) < cfg.duplicate_min_words
        ):
            kept.append((start, end))
            continue
        key = key_of(text)
        if key == ntitle:
            # The kept headline: a lead that restates it is article text, not its paraphrase.
            keys[key] = start
            kept.append((start, end))
            continue
        if key in keys:
            removals.append(
                Removal(
                    start=start,
                    end=end,
                    reason="duplicate",
                    text=text,
                    detail=f"same as the paragraph at raw offset {keys[key]}",
                )
            )
            continue
        words = content_words(text, cfg.stem_prefix) if is_prose(text) else frozenset()
        if len(words) >= cfg.near_duplicate_min_words:
            match = _near_duplicate(text, words, comparable, cfg)
            if match is not None:
                other_start, score = match
                removals.append(
                    Removal(
                        start=start,
                        end=end,
                        reason="near-duplicate",
                        text=text,
                        detail=(
                            f"paraphrases the paragraph at raw offset {other_start} "
                            f"(score {score:.2f})"
                        ),
                    )
                )
                continue
            comparable.append((start, text, words))
        keys[key] = start
        kept.append((start, end))

    # 5. the clean text and its map back to the raw text; the rest of a long run of one
    # punctuation mark is cut (removals), so the tokenizer never meets it.
    pieces: list[str] = []
    offsets: list[Segment] = []
    pos = 0
    for i, (start, end) in enumerate(kept):
        if i:
            pieces.append(PARAGRAPH_SEPARATOR)
            pos += len(PARAGRAPH_SEPARATOR)
        for a, b in _without_runs(raw, start, end, cfg.max_punctuation_run, removals):
            pieces.append(raw[a:b])
            offsets.append(Segment(clean=pos, raw=a, length=b - a))
            pos += b - a
    removals.sort(key=lambda r: (r.start, r.end))
    return Result("".join(pieces), offsets, removals, title, kept)


def _without_runs(
    raw: str, start: int, end: int, longest: int, removals: list[Removal]
) -> list[tuple[int, int]]:
    """The parts of raw[start:end] kept when every run of one punctuation mark is cut to its
    first `longest` characters ("!!!!…" ten thousand times: spaCy's tokenizer splits such a run
    one mark at a time, in time quadratic in its length). Each cut is a removal."""
    if longest <= 0:
        return [(start, end)]
    kept: list[tuple[int, int]] = []
    at = start
    for m in _PUNCTUATION_RUN.finditer(raw, start, end):
        if m.end() - m.start() <= longest:
            continue
        cut = m.start() + longest
        kept.append((at, cut))
        removals.append(
            Removal(
                start=cut,
                end=m.end(),
                reason="punctuation-run",
                text=raw[cut : m.end()],
                detail=f"a run of {m.end() - m.start():,} {raw[cut]!r} cut to {longest}",
            )
        )
        at = m.end()
    kept.append((at, end))
    return [(a, b) for a, b in kept if b > a]


# One punctuation or symbol mark (not a letter, digit, space or line break) repeated.
_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1+")


def is_structure(text: str, rules: Furniture) -> bool:
    """A list, a table or a rule: every line matches a data/furniture.toml structure pattern."""
    return all(
        any(p.fullmatch(line.strip()) for p in rules.structure)
        for line in text.splitlines()
        if line.strip()
    )


def is_prose(text: str) -> bool:
    """Ends like a sentence. Headings, captions and product names do not, and they share words
    with the paragraph they introduce without repeating it."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def _letter_words(text: str, limit: int | None = None) -> int:
    """Tokens holding a letter, counted no further than `limit` (enough to compare with it)."""
    count = 0
    for token in _TOKEN.finditer(text):
        if _LETTERS.search(token.group()):
            count += 1
            if count == limit:
                break
    return count


def numbers_disagree(a: str, b: str) -> bool:
    """Each side has a number the other lacks: two facts of one template ("held on $72,500
    bond" / "held on $268,500 bond"), not one fact said twice. One side dropping a number is
    still a paraphrase."""
    na = {n.replace(",", "") for n in _NUMBER.findall(a)}
    nb = {n.replace(",", "") for n in _NUMBER.findall(b)}
    return bool(na - nb) and bool(nb - na)


def near_duplicate_score(text: str, other: str, cfg: CleanConfig) -> float | None:
    """Paraphrase score of a later paragraph against an earlier one, or None where a gate rules
    the pair out before scoring: not both prose, too short, too different in length, too few
    shared words (a paragraph that quotes a shorter one and adds to it is new material), or
    numbers that disagree."""
    if not (is_prose(text) and is_prose(other)):
        return None
    return _prose_score(
        text,
        content_words(text, cfg.stem_prefix),
        other,
        content_words(other, cfg.stem_prefix),
        cfg,
    )


def _prose_score(
    text: str, a: frozenset[str], other: str, b: frozenset[str], cfg: CleanConfig
) -> float | None:
    """near_duplicate_score of two prose paragraphs whose content words are known."""
    n, m = len(a), len(b)
    if min(n, m) < cfg.near_duplicate_min_words:
        return None
    if min(n, m) / max(n, m) < cfg.near_duplicate_min_length_ratio:
        return None
    if len(a & b) / max(n, m) < cfg.near_duplicate_min_overlap:
        return None
    if numbers_disagree(text, other):
        return None
    return paraphrase_score(text, other, cfg.stem_prefix)


def _near_duplicate(
    text: str,
    words: frozenset[str],
    earlier: list[tuple[int, str, frozenset[str]]],
    cfg: CleanConfig,
) -> tuple[int, float] | None:
    """The best paraphrased earlier paragraph. Both sides are prose (only prose is compared)
    and their content words are worked out once per paragraph, not once per pair."""
    best: tuple[int, float] | None = None
    n = len(words)
    min_words, min_ratio, min_overlap = (
        cfg.near_duplicate_min_words,
        cfg.near_duplicate_min_length_ratio,
        cfg.near_duplicate_min_overlap,
    )
    for start, other, other_words in earlier:
        # _prose_score's word gates, inline: most pairs stop here, and this loop is quadratic
        m = len(other_words)
        low, high = min(n, m), max(n, m)
        if (
            low < min_words
            or low / high < min_ratio
            or len(words & other_words) / high < min_overlap
        ):
            continue
        score = _prose_score(text, words, other, other_words, cfg)
        if score is None:
            continue
        if score >= cfg.near_duplicate_threshold and (best is None or score > best[1]):
            best = (start, score)
    return best


class CleanStage:
    """Pipeline stage: fills text, offsets, cleaning and (when missing) the title."""

    name = "clean"
    version = 1
    requires = frozenset({"raw"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"text", "offsets", "cleaning", "title"})

    def __init__(self, cfg: CleanConfig) -> None:
        self.cfg = cfg

    def __call__(self, batch: list) -> None:  # list[Work]; typed loosely to avoid an import cycle
        for work in batch:
            apply_clean(work.analysis, self.cfg)


def apply_clean(analysis: Analysis, cfg: CleanConfig) -> Analysis:
    result = clean_text(analysis.raw, analysis.article.title, cfg)
    analysis.text = result.text
    analysis.offsets = result.offsets
    analysis.cleaning = result.removals
    if not analysis.article.title and result.title:
        analysis.article.title = result.title
        analysis.article.found["title"] = "text"
    return analysis
