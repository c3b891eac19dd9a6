"""The stage contract: what a stage is given (Work, Resources) and what it declares (Stage).

A stage is any callable object with `name`, `requires`, `assigns` and `__call__(batch)` that
fills fields of the Work items in place. Heavy shared things (the spaCy pipeline) live in a
Resources object passed in, never in module globals, so tests and workers control their
lifetime. The contract lives here, below both the stages and the pipeline that orchestrates
them, so neither imports the other to know it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from pydantic import BaseModel

from newsint.config import Config
from newsint.model import Analysis

# What readers provide before any stage runs.
READER_ASSIGNS = frozenset({"raw", "article"})
# What an analysis that comes in finished (an imported newsint JSON) already holds: everything the
# analysis stages assign except the spaCy Doc, which is never stored.
ANALYSIS_FIELDS = READER_ASSIGNS | frozenset(
    {
        "text",
        "offsets",
        "cleaning",
        "title",
        "entities",
        "mentions",
        "times",
        "published",
        "factuality",
        "claims",
        "grades",
        "events",
        "main_event",
    }
)


@dataclass
class Work:
    """One article moving through the stages: the record plus transient processing state."""

    analysis: Analysis
    doc: Any = None  # the spaCy Doc, set by the nlp stage; never serialised
    scratch: dict[str, Any] = field(default_factory=dict)  # stage-to-stage hand-offs
    # set by the features stage: the corpus features, encoded for the store, and the LSH band
    # keys of their signatures (for an engine that groups candidate pairs itself)
    features: bytes | None = None
    band_keys: list[bytes] = field(default_factory=list)


class Stage(Protocol):
    """What a stage declares, checked by the pipeline before anything runs:

    (A stage may also declare `english_only = True`: it reads English only (spaCy's English
    pipeline, English word lists), so the pipeline runs it only on articles in a language of
    [language] english; see `runs_on`.)

    - `name` and `version`: "claims@1" is what a store records as having made an analysis
      (a rule change that changes results bumps the version);
    - `requires`: fields an earlier stage (or the reader) must have assigned;
    - `uses`: fields read when present (entities help the claims stage); a stage assigning one
      of them may not run later, or its work would silently be missed;
    - `assigns`: fields this stage fills in.
    """

    name: str
    version: int
    requires: frozenset[str]
    uses: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, batch: list[Work]) -> None: ...


# The key of ArticleMeta.found that notes the English-only stages an article skipped, and why.
SKIPPED_NOTE = "skipped_stages"


def is_english_only(stage: Stage) -> bool:
    return bool(getattr(stage, "english_only", False))


def runs_on(stage: Stage, batch: list[Work], english: frozenset[str]) -> list[Work]:
    """The items of `batch` a stage runs on. An English-only stage skips articles in other
    languages (English NER would make "Kiel" a person) and notes it in their analysis; they
    still reach the language-free stages (copies on characters and numbers, stories on names,
    numbers and dates)."""
    if not is_english_only(stage):
        return batch
    targets = []
    for work in batch:
        meta = work.analysis.article
        if meta.language in english:
            targets.append(work)
            continue
        done = meta.found.get(SKIPPED_NOTE, "").partition(": ")[0]
        names = [*(done.split(", ") if done else []), stage.name]
        meta.found[SKIPPED_NOTE] = (
            f"{', '.join(names)}: English-only stages, not run on text in {meta.language!r}"
        )
    return targets


def versioned(stage: Stage) -> str:
    """The name a store records for a stage: "claims@1"."""
    return f"{stage.name}@{stage.version}"


def stage_name(recorded: str) -> str:
    """The stage name of a recorded one ("claims@1" -> "claims"; stores older than versioned
    names recorded the bare name)."""
    return recorded.partition("@")[0]


@dataclass
class Resources:
    """Things expensive to build, made once per process and shared by stages."""

    config: Config
    cache: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, factory: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = factory()
        return self.cache[key]


StageFactory = Callable[[Resources], Stage]


_Record = TypeVar("_Record", bound=BaseModel)


def validated(cls: type[_Record], fields: dict[str, Any]) -> _Record:
    """`cls(**fields)`: the same record, validated by the model's own validator, without the
    keyword packing and the `__init__` around the call (for the records the stages make by the
    thousand; `model_construct` is slower still and skips the checks, docs/benchmarks.md)."""
    return cast(_Record, cls.__pydantic_validator__.validate_python(fields))
