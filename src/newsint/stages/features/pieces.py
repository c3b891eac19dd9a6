"""Text pieces the corpus layer compares: words, stems, sentences, quotes, numbers, outlet names.

Everything here is a pure function of the text (no corpus statistics), so a feature computed at
ingest never changes when other articles arrive, and two articles compare the same way whatever
order they came in. Hashes are fixed functions (crc32, blake2b), never Python's salted hash().
"""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
import zlib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsint.text.fold import word_key
from newsint.text.outlets import load_outlets
from newsint.text.segments import lines

_WORD = re.compile(r"\w+", re.UNICODE)
# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) before a space and an
# upper-case letter, digit or opening quote.
_SENT = re.compile(r"(?<=[.!?…])[\"'”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
_QUOTE = re.compile(r"“([^”]{3,600})”|\"([^\"\n]{3,600})\"|«([^»]{3,600})»")
# 16,400 / 4.15 / 1300 / 23-year-old's 23 / $4m ; a scale word after it is kept ("4 million").
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s*(%|per ?cent|percent|million|billion|thousand|trillion|bn|m\b|k\b))?",
    re.IGNORECASE,
)
_SCALE = {
    "million": "e6",
    "m": "e6",
    "billion": "e9",
    "bn": "e9",
    "thousand": "e3",
    "k": "e3",
    "trillion": "e12",
    "%": "%",
    "percent": "%",
    "per cent": "%",
}
_CAPSEQ = re.compile(
    r"(?<![\w’'])([A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|the|de|del|da|al|bin|van|von|der|le|la)[ \t]+)?"
    r"[A-Z][\w’'\-]*)*)"
)


@dataclass(frozen=True)
class CorpusData:
    """Word lists and credit patterns from data/corpus.toml; the wire agencies from
    data/outlets.toml (the one outlet table)."""

    credit_patterns: tuple[tuple[str, str, re.Pattern[str]], ...]  # kind, side, pattern
    outlet_words: frozenset[str]
    strip_words: frozenset[str]
    not_outlets: frozenset[str]
    wires: dict[str, str]  # alias (lower case) -> canonical agency name
    stopwords: frozenset[str]
    common_name_tokens: frozenset[str]


@cache
def corpus_data() -> CorpusData:
    raw = tomllib.loads(
        resources.files("newsint.data").joinpath("corpus.toml").read_text(encoding="utf-8")
    )
    patterns = tuple(
        (c["kind"], c.get("side", "name"), re.compile(c["pattern"], re.IGNORECASE | re.MULTILINE))
        for c in raw["credits"]
    )
    wires = load_outlets().wire_forms()
    stop = frozenset(ENGLISH_STOP_WORDS) | frozenset(raw["stopwords"]["words"])
    return CorpusData(
        credit_patterns=patterns,
        outlet_words=frozenset(raw["outlets"]["words"]),
        strip_words=frozenset(raw["outlets"]["strip"]),
        not_outlets=frozenset(raw["outlets"]["not_outlets"]),
        wires=wires,
        stopwords=stop,
        common_name_tokens=frozenset(raw["entities"]["common_tokens"]),
    )


# --------------------------------------------------------------------------- hashing & packing


def hash32(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def hash64(text: str) -> int:
    """A signed 64-bit fingerprint (fits numpy int64 and SQL BIGINT)."""
    return int.from_bytes(
        hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True
    )


def pack(values: np.ndarray) -> str:
    """Compact JSON-safe form of a numeric array (little-endian bytes, base64)."""
    return base64.b64encode(
        np.ascontiguousarray(values).astype(values.dtype.newbyteorder("<")).tobytes()
    ).decode("ascii")


def unpack(data: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(data), dtype=np.dtype(dtype).newbyteorder("<")).astype(
        dtype
    )


# --------------------------------------------------------------------------- words


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def content_stems(tokens: list[str], prefix: int) -> list[str]:
    """Non-stop, non-numeric words cut to `prefix` letters: the words that carry a story."""
    stop = corpus_data().stopwords
    return [w[:prefix] for w in tokens if len(w) > 1 and not w.isdigit() and w not in stop]


# --------------------------------------------------------------------------- sentences & quotes


def sentences(text: str) -> list[str]:
    """Lines split into sentences; good enough to fingerprint and align, not to parse."""
    out: list[str] = []
    for line in lines(text):
        out.extend(s.strip() for s in _SENT.split(line) if s.strip())
    return out


def normalise_words(text: str) -> str:
    """Lower-cased words joined by single spaces: the comparable form of a sentence or quote."""
    return " ".join(word_key(text).split())


def quotes(text: str, min_words: int) -> list[str]:
    """Direct quotes (normalised), at least `min_words` long, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in _QUOTE.finditer(text):
        q = normalise_words(next(g for g in m.groups() if g))
        if len(q.split()) >= min_words:
            seen.setdefault(q, None)
    return list(seen)


def numbers(text: str) -> list[str]:
    """Numbers as facts: '16,400 tonnes' -> '16400', '$4 million' -> '4e6', '38 hours' -> '38'.

    One-digit numbers and years (1900-2099 without a scale) are left out: they match by chance.
    """
    seen: dict[str, None] = {}
    for m in _NUMBER.finditer(text):
        digits = m.group(1).replace(",", "")
        scale = (m.group(2) or "").lower()
        scale = _SCALE.get(scale, "") if scale else ""
        if not scale and (len(digits) < 2 or (len(digits) == 4 and digits[:2] in ("19", "20"))):
            continue
        if "." in digits:
            digits = digits.rstrip("0").rstrip(".")
        seen.setdefault(digits + scale, None)
    return list(seen)


_YEAR = re.compile(r"(?<![\w.,$€£])((?:19|20)\d\d)(?![\w.,]\d|\s*(?:%|per ?cent|percent))")


def years(text: str) -> dict[str, int]:
    """Years the text mentions (1900-2099 standing alone) and how often: two reports that
    disagree on them ("the 2008 quake" / "the 2012 quake") are two events. Most mentioned first,
    then by year, so the mapping is deterministic."""
    counts: dict[str, int] = {}
    for m in _YEAR.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@cache
def language_stopwords(language: str) -> frozenset[str]:
    """Function words of a language (spaCy's lists, read without a model); none when spaCy
    does not know the language."""
    try:
        from spacy.util import get_lang_class

        return frozenset(get_lang_class(language).Defaults.stop_words)
    except ImportError:
        return frozenset()


def common_word(word: str, language: str, min_zipf: float) -> bool:
    """Whether a word is common in a language (wordfreq Zipf frequency at least `min_zipf`)."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, language) >= min_zipf
    except LookupError:
        return False


def capitalised_names(text: str, language: str | None = None) -> list[str]:
    """Capitalised word sequences, a spaCy-free stand-in for names when no NER ran.

    Possessives split a sequence ("Russia's Wagner" -> Russia, Wagner); a single word that only
    ever appears capitalised at the start of a sentence ("Additionally") is not a name. The
    function words of the article's `language` are stripped from a sequence's ends as English
    ones are ("Die Reederei" -> Reederei).
    """
    stop = corpus_data().stopwords
    if language and language != "en":
        stop = stop | language_stopwords(language)
    found: list[tuple[str, bool]] = []
    for m in _CAPSEQ.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        initial = m.start() == 0 or bool(re.search(r"(?:[.!?:]\s*|\n\s*|[\"“‘]\s*)$", before))
        for piece in re.split(r"[’']s\b", m.group(1)):
            parts = piece.strip(" ’'-").split()
            while parts and parts[0].lower() in stop:
                parts = parts[1:]
                initial = False
            while parts and parts[-1].lower() in stop:
                parts = parts[:-1]
            if parts:
                found.append((" ".join(parts), initial))
            initial = False
    inner = {name for name, initial in found if not initial}
    out: list[str] = []
    for name, initial in found:
        if " " not in name and (len(name) < 3 or (initial and name not in inner)):
            continue
        out.append(name)
    return out


# --------------------------------------------------------------------------- outlets & credits


def outlet_key(name: str) -> str:
    """Comparable key of an outlet name: 'the Associated Press' -> 'associatedpress'."""
    data = corpus_data()
    tokens = word_key(name).split()
    while tokens and tokens[0] in data.strip_words:
        tokens = tokens[1:]
    return "".join(tokens)


def outlet_acronym(name: str) -> str:
    data = corpus_data()
    tokens = [
        t for t in word_key(name).split() if t not in data.strip_words and t not in ("of", "and")
    ]
    return "".join(t[0] for t in tokens) if len(tokens) > 1 else ""


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "news"})


def site_key(site: str | None) -> str | None:
    """The name part of a site: 'news.bbc.co.uk' -> 'bbc', 'globalwire.example' -> 'globalwire'."""
    if not site:
        return None
    labels = [p for p in site.lower().split(".") if p and p != "www"]
    if "/" in site or " " in site.strip():  # a site name rather than a host ("Meridian Wire")
        return outlet_key(site) or None
    if len(labels) > 1:
        labels = labels[:-1]
    while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    return re.sub(r"[^a-z0-9]", "", labels[-1]) if labels else None


@lru_cache(maxsize=1 << 18)
def same_outlet(key: str, acronym: str, other: str) -> bool:
    """Whether an outlet key (with its acronym) names the outlet `other` (a site or outlet key)."""
    if not key or not other:
        return False
    if key == other or (acronym and acronym == other):
        return True
    short, long_ = sorted((key, other), key=len)
    return len(short) >= 4 and (long_.startswith(short) or long_.endswith(short))


def wire_of(name: str) -> str | None:
    """The canonical agency name when `name` is a well-known wire ('AP' -> 'Associated Press')."""
    wires = corpus_data().wires
    folded = word_key(name)
    if folded in wires:
        return wires[folded]
    key = outlet_key(name)
    for alias, canonical in wires.items():
        if len(alias) > 3 and outlet_key(alias) == key:
            return canonical
    return None


def looks_like_outlet(name: str) -> bool:
    data = corpus_data()
    folded = word_key(name)
    if folded in data.not_outlets or not folded:
        return False
    if wire_of(name) or load_outlets().lookup(name) is not None:
        return True  # a known outlet ("..., CNN reported"), from data/outlets.toml
    return any(t in data.outlet_words for t in folded.split())


@dataclass(frozen=True)
class FoundCredit:
    kind: str  # provided, dateline, according, obtained, reported, told, byline
    name: str  # as written (trimmed to the name), or the canonical agency name for a wire
    outlet: bool  # looks like a news outlet (outlet word or known agency)
    wire: str | None  # canonical agency name when a well-known wire


_WINDOW_END = re.compile(r"[.,;:!?\n“”\"()—–]")
_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de"})


def _wire_in(tokens: list[str], from_right: bool) -> str | None:
    wires = corpus_data().wires
    spans = [
        (i, n)
        for n in (4, 3, 2, 1)
        for i in range(len(tokens) - n + 1)
        if " ".join(tokens[i : i + n]) in wires
    ]
    if not spans:
        return None
    i, n = max(spans, key=lambda s: (s[0] + s[1], s[1])) if from_right else min(spans)
    return wires[" ".join(tokens[i : i + n])]


def _name_run(raw: str, from_right: bool) -> str:
    """The capitalised run at the cue end of a captured phrase: 'Kestrel News Agency said it' ->
    'Kestrel News Agency' when anchored left."""
    tokens = raw.split()
    if from_right:
        tokens = tokens[::-1]
    run: list[str] = []
    for tok in tokens:
        if tok.startswith("(") and not from_right and run:
            break
        clean = tok.strip(".,;:()\"'“”’")
        if not clean:
            break
        if clean[0].isupper() or (run and clean.lower() in _CONNECTORS):
            run.append(clean)
        elif not run and clean.lower() == "the":
            continue
        else:
            break
    if from_right:
        run = run[::-1]
    while run and run[-1].lower() in _CONNECTORS:
        run.pop()
    while run and run[0].lower() in _CONNECTORS:
        run.pop(0)
    return " ".join(run)


def find_credits(text: str, author: str | None = None) -> list[FoundCredit]:
    """Who the text says the story comes from: syndication lines, datelines, 'according to X',
    'obtained by X', 'X reported', 'told X'; deduplicated by (kind, name), in text order."""
    found: dict[tuple[str, str], FoundCredit] = {}
    hits: list[tuple[int, FoundCredit]] = []
    for kind, side, pattern in corpus_data().credit_patterns:
        for m in pattern.finditer(text):
            if side == "after":
                raw = _WINDOW_END.split(text[m.end() : m.end() + 60], maxsplit=1)[0]
            elif side == "before":
                raw = _WINDOW_END.split(text[max(0, m.start() - 60) : m.start()])[-1]
            else:
                raw = m.group("name")
            raw = raw.strip()
            from_right = side == "before"
            wire = _wire_in(word_key(raw).split(), from_right)
            name = wire or _name_run(raw, from_right)
            if not name or word_key(name) in corpus_data().not_outlets:
                continue
            outlet = bool(wire) or kind in ("provided", "dateline") or looks_like_outlet(name)
            if kind in ("reported",) and not outlet:
                continue  # "the ministry reported" is a source, not a credit
            hits.append((m.start(), FoundCredit(kind, name, outlet, wire)))
    for c in load_outlets().credits(text):  # "KYIV, Ukraine (Reuters) -": the one recogniser
        if c.kind == "dateline" and c.outlet is not None:
            wire = wire_of(c.outlet.name)
            name = wire or c.outlet.name
            if word_key(name) not in corpus_data().not_outlets:
                hits.append((c.start, FoundCredit("dateline", name, True, wire)))
    if author:
        for part in re.split(r",| and |/", author):
            wire = wire_of(part.strip())
            if wire or looks_like_outlet(part.strip()):
                hits.append((-1, FoundCredit("byline", wire or part.strip(), True, wire)))
    for _, credit in sorted(hits, key=lambda h: h[0]):
        found.setdefault((credit.kind, outlet_key(credit.name)), credit)
    return list(found.values())
