"""Language stage: sets each article's language from its clean text (after `clean`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.language.detect import detect

if TYPE_CHECKING:
    from newsint.config import Language
    from newsint.stages.base import Work


class LanguageStage:
    """Fills `analysis.article.language`; keeps the reader's value when the model is unsure."""

    name = "language"
    version = 1
    requires = frozenset({"text"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"language"})

    def __init__(self, cfg: Language) -> None:
        self.cfg = cfg

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            meta = work.analysis.article
            found = detect(f"{meta.title or ''}\n{work.analysis.text}", self.cfg)
            if found:
                meta.language = found
                meta.found["language"] = "py3langid"
