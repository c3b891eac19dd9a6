"""What a source is (SrcRef: one link of a chain), the per-article registry entries of documents
and statements, the sentence and entity indexes, and the state the source rules share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import Lexicon, noun_base
from newsint.stages.tokens import tokens_of
from newsint.text.outlets import Credit, load_outlets

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.config import Claims as ClaimsConfig
    from newsint.model import Entity, Mention


REGISTRY_KINDS = ("document", "statement", "intelligence")
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_NEW_DETS = {"a", "an", "another", "some", "one", "several", "two", "three", "many", "new"}
_DEFINITE_DETS = {"the", "this", "that", "these", "those"}
_SECTION_NOUNS = {
    "section",
    "part",
    "page",
    "pages",
    "annex",
    "chapter",
    "passage",
    "paragraph",
    "portion",
    "appendix",
    "slide",
    "line",
    "copy",
    "version",
    "excerpt",
}


@dataclass(eq=False)
class SrcRef:
    """A source found in the text (or the article itself), before it becomes a model.Source."""

    text: str
    kind: str
    start: int | None = None
    end: int | None = None
    name: str | None = None
    entity: str | None = None
    resolved_from: str | None = None
    parent: SrcRef | None = None  # the source it came through, nearer the article
    entry: Entry | None = None  # registry entry for documents, statements, intelligence
    anchor: tuple[int, int] | None = None  # span whose entity this source is (antecedent)
    head: int | None = None  # token index of the head
    leaked: bool = False
    affiliation: str | None = None  # the named body an anonymous source speaks for

    def key(self) -> str:
        """Identity inside one article: same key, same source (keeps chains acyclic)."""
        if self.entity:
            return f"entity:{self.entity}"
        if self.entry is not None:
            return f"entry:{self.entry.id}"
        return f"name:{(self.name or self.text).lower()}"

    def lineage(self, limit: int = 8) -> list[SrcRef]:
        """This source's provenance, nearest the article first, ending with itself."""
        out: list[SrcRef] = []
        seen: set[str] = set()
        node: SrcRef | None = self
        while node is not None and len(out) < limit:
            if node.key() in seen:
                break
            seen.add(node.key())
            out.append(node)
            node = node.up()
        return out[::-1]

    def up(self) -> SrcRef | None:
        """The next source towards the article (a registry entry's provenance when it has one)."""
        if self.entry is not None and self.entry.parent is not None:
            return self.entry.parent
        return self.parent


@dataclass(eq=False)
class Entry:
    """A document, statement or piece of intelligence introduced in the article."""

    id: int
    text: str
    name: str
    head: str
    kind: str
    mods: frozenset[str]
    leaked: bool
    start: int
    end: int
    token: int
    mentions: list[int] = field(default_factory=list)  # token indices of every mention
    parent: SrcRef | None = None
    caveats: list[Evidence] = field(default_factory=list)
    plural: bool = False


class SentIndex:
    """Sentences of a Doc with a token -> sentence table (Token.sent rescans the Doc). The
    bounds come from the shared token table (`doc.sents` walks every token again)."""

    def __init__(self, doc: Doc) -> None:
        bounds = tokens_of(doc).sents
        self.spans: list[Span] = [doc[a:b] for a, b, _ in bounds]
        self.index = [0] * len(doc)
        for n, (a, b, _) in enumerate(bounds):
            self.index[a:b] = [n] * (b - a)

    def of(self, token: Token | int) -> Span:
        i = token if isinstance(token, int) else token.i
        return self.spans[self.index[i]]

    def idx(self, token: Token | int) -> int:
        return self.index[token if isinstance(token, int) else token.i]

    def before(self, sent: Span) -> Span | None:
        n = self.index[sent.start]
        return self.spans[n - 1] if n > 0 else None


@dataclass
class Ent:
    """A named mention: from the entities stage when it ran, else spaCy's NER."""

    start: int
    end: int
    label: str
    text: str
    entity: str | None = None
    name: str | None = None


def _strip_det(text: str) -> str:
    for det in ("the ", "The ", "THE "):
        if text.startswith(det):
            return text[len(det) :]
    return text


def _same_class(a: str, b: str, lex: Lexicon) -> bool:
    """Two head nouns of the same registry class (document-like, statement-like)."""
    for kind in REGISTRY_KINDS:
        words = lex.source_nouns[kind]
        if noun_base(a, words) and noun_base(b, words):
            return True
    return False


def _all_nouns(lex: Lexicon) -> frozenset[str]:
    out: set[str] = set()
    for words in lex.source_nouns.values():
        out |= words
    return frozenset(out)


def _provenance_verbs(lex: Lexicon) -> frozenset[str]:
    """One set per lexicon, the same object on every call (lexicon.verb_base keeps its answers
    per word list: a new union per call would be a new list each time)."""
    kept = _PROVENANCE.get(id(lex))
    if kept is None or kept[0] is not lex:
        verbs = lex.holder_by | lex.holder_to | lex.holder_with | lex.container_in
        kept = _PROVENANCE[id(lex)] = (lex, verbs)
    return kept[1]


# id of a Lexicon -> (that Lexicon, its provenance verbs); the entry keeps the id its own
_PROVENANCE: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _ents(doc: Doc, mentions: list[Mention], entities: list[Entity]) -> list[Ent]:
    """Named mentions in text order: the entities stage's when present, else spaCy's NER."""
    if mentions:
        names = {e.id: e.name for e in entities}
        types = {e.id: e.type for e in entities}
        out = [
            Ent(
                m.start,
                m.end,
                types.get(m.entity or "", m.type) if m.entity else m.type,
                m.text,
                m.entity,
                names.get(m.entity or ""),
            )
            for m in mentions
        ]
    else:
        out = [Ent(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
    return sorted(out, key=lambda e: (e.start, -e.end))


class SourcesBase:
    """The parsed article's indexes and what the source rules have built so far."""

    def __init__(
        self,
        doc: Doc,
        lex: Lexicon,
        cfg: ClaimsConfig,
        mentions: list[Mention] | None = None,
        entities: list[Entity] | None = None,
    ) -> None:
        self.doc = doc
        self.text = tokens_of(doc).text  # `doc.text` joins every token again on each call
        self.sents = SentIndex(doc)
        self.lex = lex
        self.cfg = cfg
        self.ents = _ents(doc, mentions or [], entities or [])
        # datelines and credit lines ("WASHINGTON (AP) —"): never a source's words
        self.credits: list[Credit] = tokens_of(doc).credits(load_outlets())  # once per Doc
        self._ent_at: dict[int, Ent] = {}
        for e in self.ents:
            span = tokens_of(doc).char_span(e.start, e.end, expand=True)  # no Span made
            for i in range(*span) if span is not None else ():
                self._ent_at.setdefault(i, e)
        self._cache: dict[int, SrcRef] = {}
        self._building: set[int] = set()
        self.speakers: list[tuple[int, SrcRef]] = []  # (token index, source) in text order
        self.genders: dict[str, str] = {}  # source key -> gender its pronouns showed
        self.roles = self._roles()
        self.entries: list[Entry] = []
        self.entry_at: dict[int, Entry] = {}
        self.collective: set[int] = set()  # plural definite mentions ("the leaked documents")
        self._registry()

    # ------------------------------------------------------------------ entities

    def ent(self, token: Token) -> Ent | None:
        return self._ent_at.get(token.i)

    def link(self, src: SrcRef) -> None:
        """Attach the entity (or NER name) whose mention overlaps the source's anchor span."""
        span = src.anchor or ((src.start, src.end) if src.start is not None else None)
        if span is None or src.entity:
            return
        best: Ent | None = None
        head = self.doc[src.head] if src.head is not None and src.anchor is None else None
        # With a syntactic head, only a name at the head or among its pre-modifiers ("a Kremlin
        # statement", "Erdogan's office") is the source; a name further out in the phrase ("a
        # section of the document labeled 'Mali, Russia'") is not.
        premod = (head.left_edge.idx, head.idx + len(head)) if head is not None else None
        for e in self.ents:
            if e.start < span[1] and span[0] < e.end:
                if head is not None and e.start <= head.idx < e.end:
                    best = e
                    break
                if premod is not None and not (premod[0] <= e.start and e.end <= premod[1]):
                    continue
                if best is None or (e.end - e.start) > (best.end - best.start):
                    best = e if (head is None or e.label in ("PERSON", "ORG", "GPE")) else best
        if best is None:
            return
        if best.entity:
            src.entity = best.entity
            if best.name and (src.kind not in REGISTRY_KINDS or src.anchor is not None):
                src.name = best.name

    def note_speaker(self, token_i: int, src: SrcRef) -> None:
        self.speakers.append((token_i, src))

    def _sentence_distance(self, token_i: int, sent_start: int) -> int:
        return max(0, self.sents.idx(sent_start) - self.sents.idx(token_i))
