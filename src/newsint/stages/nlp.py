"""NLP stage: the spaCy English pipeline over the clean text, loaded once per process.

Every later stage reads the same Doc, so offsets agree everywhere: spaCy character offsets are
offsets into the clean text. Sentence boundaries are fixed before the parser runs: a paragraph
always starts a sentence (a headline without a full stop must not swallow the lead), and a
quotation is not cut inside unless a sentence ends there ("labeled “Mali, Russia, Turkey: Vagner
seeks…”" stays one sentence), so the parse of every attribution stays whole.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from newsint.config import Nlp
from newsint.errors import ModelMissing, TooLarge
from newsint.text.segments import pieces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsint.stages.base import Resources, Work


BOUNDARIES = "newsint_boundaries"
_OPEN_QUOTES = frozenset({"“", "«", "„"})
_CLOSE_QUOTES = frozenset({"”", "»"})
_SENTENCE_END = frozenset({".", "?", "!", "…", ".”", "?”", "!”"})


def mark_boundaries(doc: Doc) -> Doc:
    """Preset sentence starts: yes after a paragraph break, no inside a quote mid-sentence.

    Read and written as columns (`Doc.to_array`, `Doc.from_array`) by string hash: a spaCy
    `Token` per word and per word before it, each text looked up again, cost five times the
    rule (docs/benchmarks.md)."""
    if len(doc) < 2:
        return doc
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    marks = _marks()
    cols = doc.to_array([ORTH, IS_SPACE, SENT_START])
    orths: list[int] = cols[:, 0].tolist()
    spaces: list[int] = cols[:, 1].tolist()
    starts: list[int] = cols[:, 2].astype(numpy.int64).tolist()  # -1 no, 0 unknown, 1 yes
    strings = doc.vocab.strings
    breaks: dict[int, bool] = {}  # a space token's hash -> it holds a line break
    inside = False  # inside an open quotation in this paragraph
    changed = False
    for i in range(1, len(orths)):
        orth, prev = orths[i], orths[i - 1]
        if spaces[i - 1]:
            got = breaks.get(prev)
            if got is None:
                got = breaks[prev] = "\n" in strings[prev]
            if got:
                inside = False
                if not spaces[i]:
                    starts[i], changed = 1, True
                continue
        if orth in marks.opening:
            inside = True
        elif orth in marks.closing:
            inside = False
        elif orth == marks.straight:
            inside = not inside
        elif inside and not spaces[i] and prev not in marks.ending:
            starts[i], changed = -1, True
    if changed:
        if doc.has_annotation("DEP"):  # as `Token.is_sent_start` refuses a parsed Doc
            raise ValueError("sentence starts cannot be preset on a parsed Doc")
        column = numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64).reshape(-1, 1)
        doc.from_array([SENT_START], column)  # type: ignore[arg-type]  # (thinc's Ints2d)
    return doc


class _Marks(NamedTuple):
    """The string hashes of the marks `mark_boundaries` compares (the same in every vocab)."""

    opening: frozenset[int]
    closing: frozenset[int]
    straight: int
    ending: frozenset[int]


@cache
def _marks() -> _Marks:
    from spacy.strings import hash_string  # type: ignore[attr-defined]

    def hashes(words: frozenset[str]) -> frozenset[int]:
        return frozenset(hash_string(w) for w in words)

    return _Marks(
        hashes(_OPEN_QUOTES), hashes(_CLOSE_QUOTES), hash_string('"'), hashes(_SENTENCE_END)
    )


def _register_boundaries() -> None:
    from spacy.language import Language

    if not Language.has_factory(BOUNDARIES):
        Language.component(BOUNDARIES, func=mark_boundaries)


def load_spacy(cfg: Nlp, max_length: int) -> Language:
    """Load the first installed pipeline of `cfg.models` (PyPI re-upload, then official)."""
    import spacy

    for name in cfg.models:
        try:
            nlp = spacy.load(name, exclude=list(cfg.exclude))
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, max_length + 1)
        if cfg.fast_attributes:
            from newsint.stages.attributes import use_attributes

            use_attributes(nlp, cfg.attribute_cache_entries)
        use_blas(nlp, cfg)
        if "parser" in nlp.pipe_names:
            _register_boundaries()
            nlp.add_pipe(BOUNDARIES, before="parser")
        return nlp
    raise ModelMissing(
        "spaCy",
        f"none of the English pipelines {', '.join(cfg.models)} is installed",
        "run `make install`, or `pip install --no-deps --require-hashes -r requirements-model.txt`",
    )


def use_blas(nlp: Language, cfg: Nlp) -> None:
    """Multiply the networks' matrices as `cfg.blas` says, on `cfg.blas_threads` threads.

    thinc multiplies through blis by default; blis 1.3 runs its generic reference kernels on a
    CPU it does not know (every AMD after Zen 2), where numpy's OpenBLAS picks fast kernels at run
    time: the parse costs 1.4x less CPU, the same annotations token for token
    (docs/benchmarks.md). The thread limit is the process's, as BLAS libraries keep it."""
    if cfg.blas_threads > 0:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=cfg.blas_threads, user_api="blas")
    if cfg.blas != "numpy":
        return
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


class NlpStage:
    name = "nlp"
    english_only = True  # English model and word lists: skipped for other languages
    version = 1
    requires = frozenset({"text"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"doc"})

    def __init__(self, resources: Resources) -> None:
        cfg = resources.config
        self.cfg = cfg.nlp
        self.max_chars = cfg.limits.max_text_chars
        self.nlp: Language = resources.get(
            "spacy", lambda: load_spacy(cfg.nlp, cfg.limits.max_text_chars)
        )

    def __call__(self, batch: list[Work]) -> None:
        # A very long text is parsed in bounded pieces, one at a time, joined into one Doc:
        # spaCy's memory grows with what it is given at once (a 1,000,000-character line took
        # 3.2 GB). Texts within a piece are batched as usual.
        for work in batch:
            if len(work.analysis.text) > self.max_chars:
                article = work.analysis.article
                raise TooLarge(
                    article.source or article.id,
                    f"{len(work.analysis.text):,} characters of text is over the "
                    f"{self.max_chars:,}-character limit",
                    "split it, or raise [limits] max_text_chars (cost per character: "
                    "docs/benchmarks.md)",
                )
        size = self.cfg.max_piece_chars
        parts = [pieces(w.analysis.text, size) for w in batch]
        whole = [ps[0] for ps in parts if len(ps) == 1]
        docs = iter(
            self.nlp.pipe(whole, batch_size=self.cfg.batch_size, n_process=self.cfg.n_process)
        )
        for work, ps in zip(batch, parts, strict=True):
            if len(ps) == 1:
                work.doc = next(docs)
            else:
                work.doc = _joined(list(self.nlp.pipe(ps, batch_size=1)))


def _joined(docs: list[Doc]) -> Doc:
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False)
