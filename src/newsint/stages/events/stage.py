"""Events stage: who did what to whom, when and where, typed with PLOVER.

Triggers (verbs and event nouns) come from a data lexicon (data/plover.toml); arguments come
from the dependency parse of the same spaCy Doc the other stages read, and resolve to the
entities, time expressions and claims those stages found (any of them may be absent: the
stage then keeps the text and leaves the link empty). The pieces are beside this module:
lexicon, triggers, syntax, extract, main (the main event).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.events.extract import extract_events
from newsint.stages.events.lexicon import Lexicon, load_lexicon
from newsint.stages.events.main import main_event

if TYPE_CHECKING:
    from newsint.stages.base import Resources, Work


# --------------------------------------------------------------------------- the stage


class EventsStage:
    name = "events"
    english_only = True  # English model and word lists: skipped for other languages
    version = 2  # 2: factuality, about, unrealised events (issue 15)
    requires = frozenset({"doc"})
    # read when present: the stages that assign these must not run after this one
    uses = frozenset(
        {"entities", "mentions", "times", "claims", "title", "published", "factuality"}
    )
    assigns = frozenset({"events", "main_event"})

    def __init__(self, resources: Resources) -> None:
        self.cfg = resources.config.events
        self.lexicon: Lexicon = resources.get(
            f"events.lexicon:{self.cfg.lexicon}", lambda: load_lexicon(self.cfg.lexicon)
        )

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            a = work.analysis
            a.events = extract_events(a, work.doc, self.lexicon, self.cfg)
            a.main_event = main_event(a, work.doc, self.lexicon, self.cfg)
