"""NLP stage: the spaCy English pipeline over the clean text, loaded once per process.

Every later stage reads the same Doc, so offsets agree everywhere: spaCy character offsets are
offsets into the clean text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.config import Nlp
from newsint.errors import ModelMissing

if TYPE_CHECKING:
    from spacy.language import Language

    from newsint.pipeline import Resources, Work


def load_spacy(cfg: Nlp, max_length: int) -> Language:
    """Load the first installed pipeline of `cfg.models` (PyPI re-upload, then official)."""
    import spacy

    for name in cfg.models:
        try:
            nlp = spacy.load(name, exclude=list(cfg.exclude))
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, max_length + 1)
        return nlp
    raise ModelMissing(
        "spaCy",
        f"none of the English pipelines {', '.join(cfg.models)} is installed",
        "run `make install`, or `pip install --no-deps --require-hashes -r requirements-model.txt`",
    )


class NlpStage:
    name = "nlp"
    requires = frozenset({"text"})
    assigns = frozenset({"doc"})

    def __init__(self, resources: Resources) -> None:
        cfg = resources.config
        self.cfg = cfg.nlp
        self.nlp: Language = resources.get(
            "spacy", lambda: load_spacy(cfg.nlp, cfg.limits.max_text_chars)
        )

    def __call__(self, batch: list[Work]) -> None:
        texts = [w.analysis.text for w in batch]
        docs = self.nlp.pipe(texts, batch_size=self.cfg.batch_size, n_process=self.cfg.n_process)
        for work, doc in zip(batch, docs, strict=True):
            work.doc = doc
