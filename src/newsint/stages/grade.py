"""Grade stage: an Admiralty-style grade (reliability A–F, credibility 1–6) for every claim.

The rules are data (data/grading.toml) and thresholds config ([grade]); each step of a grade
writes its reason in words, so an analyst can see why a claim is D3 and disagree. `grade()` is
the single entry point: this stage calls it without corroboration (one article tells nothing
about independence); the corpus calls it again with a `Corroboration` (the independent source
count of the claim's cluster, why reports were counted once, and the reports that contradict
it), see newsint.corpus.grading.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from newsint.config import Grade as GradeConfig
from newsint.config import default_config
from newsint.model import Claim, Evidence, Grade, Source, chain_text
from newsint.stages.claims.lexicon import lexicon

if TYPE_CHECKING:
    from newsint.stages.base import Work

LETTERS = "ABCDEF"
# Admiralty credibility 6: outside the 1–5 scale of how likely a statement is true, so the
# corpus neither raises nor lowers it (a hypothetical, a question, an intention).
CANNOT_BE_JUDGED = 6
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Rules:
    kind: dict[str, tuple[str, str]]
    unknown_outlet: tuple[str, str]
    adjust: tuple[dict[str, Any], ...]
    status: dict[str, tuple[int, str]]
    corroboration: dict[str, str]
    contradiction_steps: int
    contradiction: str


@dataclass(frozen=True)
class Corroboration:
    """What a corpus knows about the support of one claim.

    `sources`: independent sources carrying it (1 for a claim no other article makes);
    `articles`: articles carrying it; `counted_once`: why reports were counted once (copies
    collapsing into their original, originals resting on the same upstream); `contradicted_by`:
    the reports of the opposite stance (one asserts, another denies or negates), as labels.
    """

    sources: int
    articles: int = 1
    counted_once: tuple[str, ...] = ()
    contradicted_by: tuple[str, ...] = ()


@cache
def rules() -> Rules:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("grading.toml").read_text("utf-8")
    )
    rel, cred = data["reliability"], data["credibility"]
    kinds = {k: (v[0], v[1]) for k, v in rel["kind"].items()}
    for letter, _ in kinds.values():
        if letter not in LETTERS:
            raise ValueError(f"grading.toml: reliability {letter!r} is not one of {LETTERS}")
    return Rules(
        kind=kinds,
        unknown_outlet=(rel["unknown_outlet"][0], rel["unknown_outlet"][1]),
        adjust=tuple(rel.get("adjust", [])),
        status={k: (int(v[0]), v[1]) for k, v in cred["status"].items()},
        corroboration=dict(cred["corroboration"]),
        contradiction_steps=int(cred["contradiction"]["steps"]),
        contradiction=cred["contradiction"]["reason"],
    )


class GradeStage:
    """Pipeline stage: sets claim.grade from the rules, without corroboration."""

    name = "grade"
    version = 2  # 2: the new statuses, cues with offsets (issue 15)
    requires = frozenset({"claims"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"grades"})

    def __init__(self, cfg: GradeConfig) -> None:
        self.cfg = cfg

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            for claim in work.analysis.claims:
                claim.grade = grade(claim, None, self.cfg)


def grade(
    claim: Claim,
    corroboration: int | Corroboration | None = None,
    cfg: GradeConfig | None = None,
) -> Grade:
    """The claim's grade with its reasons. `corroboration` is what the corpus found: the number
    of independent sources carrying the claim (a bare count, as if every article were
    independent), or a Corroboration with the articles, why some counted once and the
    contradicting reports. None when not assessed (a single article)."""
    if isinstance(corroboration, int):
        corroboration = Corroboration(sources=corroboration, articles=corroboration)
    cfg = cfg or default_config().grade
    letter, reasons = _reliability(claim, cfg)
    number, more = _credibility(claim, corroboration, cfg)
    return Grade(reliability=letter, credibility=number, reasons=reasons + more)  # type: ignore[arg-type]


def _name(source: Source) -> str:
    return source.name or source.text


def _reliability(claim: Claim, cfg: GradeConfig) -> tuple[str, list[str]]:
    r = rules()
    lex = lexicon()
    origin = claim.chain[-1] if claim.chain else claim.source
    letter, reason = r.kind.get(origin.kind, r.kind["unknown"])
    if (
        origin.kind == "media"
        and (origin.name or "").lower().removeprefix("the ") not in lex.outlets
    ):
        letter, reason = r.unknown_outlet
    reasons = [f"{_fill(reason, name=_name(origin))} ({letter})"]
    if letter == "F":
        return letter, reasons
    facts = _facts(claim, origin, cfg)
    for rule in r.adjust:
        when = rule["when"]
        if not facts.get(when):
            continue
        steps = int(rule["steps"])
        new = LETTERS[max(0, min(LETTERS.index("E"), LETTERS.index(letter) + steps))]
        if new == letter:
            continue
        letter = new
        reasons.append(f"{_fill(rule['reason'], **facts)} → {letter}")
    return letter, reasons


def _facts(claim: Claim, origin: Source, cfg: GradeConfig) -> dict[str, Any]:
    lex = lexicon()
    links = claim.chain[1:]
    hops = len(links)
    leaked = next(
        (
            s
            for s in links
            if any(w.lower() in lex.leaked for w in _WORD.findall(f"{s.text} {s.name or ''}"))
        ),
        None,
    )
    affiliation = None
    if origin.kind == "anonymous":
        words = _WORD.findall(origin.text)
        named = [w for w in words[1:] if w[:1].isupper()]
        affiliation = " ".join(named) if named else None
    return {
        "hops": hops,
        "via": chain_text(links[:-1]) or "none",
        "long_chain": hops >= cfg.long_chain_hops,
        "leaked": _name(leaked) if leaked else None,
        "anonymous_affiliated": affiliation is not None,
        "affiliation": affiliation,
        "name": _name(origin),
    }


def _credibility(
    claim: Claim, corroboration: Corroboration | None, cfg: GradeConfig
) -> tuple[int, list[str]]:
    r = rules()
    number, reason = r.status.get(claim.status, r.status["asserted"])
    cues = [e for e in claim.evidence if e.effect == claim.status]
    cue_text = ", ".join(dict.fromkeys(_cue(e) for e in cues)) or "—"
    reasons = [f"credibility: {_fill(reason, cues=cue_text)}"]
    others = sorted(
        {e.effect for e in claim.evidence if e.effect in r.status and e.effect != claim.status}
    )
    for effect in others:
        words = ", ".join(dict.fromkeys(_cue(e) for e in claim.evidence if e.effect == effect))
        reasons.append(f"also {effect}: {words}")
    corr = r.corroboration
    if corroboration is None:
        reasons.append(corr["unknown"])
        return number, reasons
    if number == CANNOT_BE_JUDGED:
        reasons.append(corr["not_judged"])
        return number, reasons
    n, articles = corroboration.sources, max(corroboration.articles, corroboration.sources)
    facts = {
        "n": n,
        "s": "" if n == 1 else "s",
        "articles": articles,
        "others": articles - n,
        "needed": cfg.confirmed_sources,
    }
    if n >= cfg.confirmed_sources:
        if claim.status in ("asserted", "confirmed", "negative"):
            number = 1
            reasons.append(_fill(corr["confirmed"], **facts))
        else:
            number = max(1, number - 1)
            reasons.append(_fill(corr["improved"], **facts))
    elif articles <= 1:
        reasons.append(_fill(corr["alone"], **facts))
    else:
        reasons.append(_fill(corr["few"], **facts))
    if articles > n:
        reasons.append(_fill(corr["counted_once"], **facts))
    reasons.extend(corroboration.counted_once)
    against = corroboration.contradicted_by
    if against and len(against) >= cfg.contradicting_reports:
        number = min(5, number + r.contradiction_steps)
        reasons.append(
            _fill(
                r.contradiction,
                n=len(against),
                s="" if len(against) == 1 else "s",
                by="; ".join(against),
                steps=r.contradiction_steps,
                number=number,
            )
        )
    return number, reasons


def _cue(e: Evidence) -> str:
    """A deciding word as the reasons name it: the words and where they are."""
    return f"“{e.text}” at {e.start}–{e.end}"


class _Kept(dict[str, Any]):
    """Template values where a field with no value stays as written ("{name}")."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, **values: Any) -> str:
    return template.format_map(_Kept(values))  # one class for every call, not one per call


def settings_digest(cfg: GradeConfig) -> str:
    """A digest of everything a grade depends on besides the claim: the rules
    (data/grading.toml), the thresholds ([grade]) and the word lists the rules read (known
    outlets, leak words). The corpus stores it with the grades it wrote (corpus/summaries.py)
    and grades again when it differs."""
    lex = lexicon()
    settings = {
        "rules": asdict(rules()),
        "config": cfg.model_dump(mode="json"),
        "outlets": sorted(lex.outlets.items()),
        "leaked": sorted(lex.leaked),
    }
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=list)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
