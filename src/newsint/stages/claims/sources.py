"""Sources: the noun phrases claims rest on, what kind they are, and where they come from.

A source is built from the head token of its noun phrase. It gets a kind (person, organisation,
government, document, intelligence, statement, media, anonymous), a name (the entity's name when
the entities stage ran, a news outlet's canonical name, or the phrase without its determiner),
and, for pronouns and definite descriptions, the antecedent it was resolved to with the
evidence. Documents, statements and intelligence are kept in a per-article registry so that
"the document" three paragraphs later is the same leaked document, with the same provenance
("obtained by the Associated Press") and the same caveats ("has not been authenticated").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import Lexicon, noun_base, verb_base

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
    """Sentences of a Doc with a token -> sentence table (Token.sent rescans the Doc)."""

    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents)
        self.index = [0] * len(doc)
        for n, sent in enumerate(self.spans):
            for i in range(sent.start, sent.end):
                self.index[i] = n

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


class Sources:
    """Builds and resolves sources for one parsed article."""

    def __init__(
        self,
        doc: Doc,
        lex: Lexicon,
        cfg: ClaimsConfig,
        mentions: list[Mention] | None = None,
        entities: list[Entity] | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.sents = SentIndex(doc)
        self.lex = lex
        self.cfg = cfg
        self.ents = _ents(doc, mentions or [], entities or [])
        self._ent_at: dict[int, Ent] = {}
        for e in self.ents:
            for tok in doc.char_span(e.start, e.end, alignment_mode="expand") or []:
                self._ent_at.setdefault(tok.i, e)
        self._cache: dict[int, SrcRef] = {}
        self._building: set[int] = set()
        self.speakers: list[tuple[int, SrcRef]] = []  # (token index, source) in text order
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

    # ------------------------------------------------------------------ noun phrases

    def np_tokens(
        self, head: Token, exclude: set[int] | frozenset[int] = frozenset()
    ) -> list[Token]:
        """The noun phrase of `head` without relative clauses, participle modifiers or the
        tokens of the claim itself, cut to the contiguous run around the head."""
        drop: set[int] = set(exclude)
        for child in head.children:
            if child.dep_ in ("relcl", "acl") or (
                child.dep_ == "prep" and child.i > head.i and self._is_cue_prep(child)
            ):
                drop.update(t.i for t in child.subtree)
            if child.dep_ == "punct" and child.i > head.i and child.text in {"(", "—", "–"}:
                drop.update(t.i for t in child.subtree)
        keep = sorted(t.i for t in head.subtree if t.i not in drop)
        lo = hi = head.i
        keep_set = set(keep)
        while lo - 1 in keep_set:
            lo -= 1
        while hi + 1 in keep_set:
            hi += 1
        toks = [self.doc[i] for i in range(lo, hi + 1)]
        if head.dep_ == "poss":  # "The company's claim": the source is "The company"
            while len(toks) > 1 and toks[-1].dep_ == "case" and toks[-1].head.i == head.i:
                toks.pop()
        while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].i != head.i:
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].i != head.i:
            toks.pop()
        return toks

    def _is_cue_prep(self, prep: Token) -> bool:
        return prep.lower_ == "according" or (
            prep.lower_ == "in"
            and any(
                noun_base(c.lower_, self.lex.channels) for c in prep.children if c.dep_ == "pobj"
            )
        )

    def core_tokens(self, head: Token) -> list[Token]:
        """Left modifiers and the head: the words that name the source."""
        left = [
            t
            for child in head.lefts
            for t in child.subtree
            if child.dep_ not in ("det", "predet", "punct", "cc", "preconj")
        ]
        toks = sorted([*left, head], key=lambda t: t.i)
        toks = [t for t in toks if not t.is_space]
        # a contiguous run ending at the head
        out: list[Token] = []
        for t in reversed(toks):
            if out and t.i != out[-1].i - 1:
                break
            out.append(t)
        return out[::-1]

    # ------------------------------------------------------------------ building sources

    def from_head(
        self, head: Token, exclude: set[int] | frozenset[int] = frozenset(), depth: int = 0
    ) -> SrcRef:
        """The source whose noun phrase has this head (pronouns and descriptions resolved)."""
        if head.i in self._cache and not exclude:
            return self._cache[head.i]
        if head.i in self._building or depth > 6:
            return SrcRef(
                text=head.text,
                kind="unknown",
                start=head.idx,
                end=head.idx + len(head.text),
                head=head.i,
            )
        self._building.add(head.i)
        try:
            src = self._build(head, exclude, depth)
        finally:
            self._building.discard(head.i)
        if not exclude:
            self._cache[head.i] = src
        return src

    def _build(self, head: Token, exclude: set[int] | frozenset[int], depth: int) -> SrcRef:
        toks = self.np_tokens(head, exclude)
        if not toks:
            toks = [head]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = self.text[start:end]
        lower = head.lower_
        # pronouns
        if head.pos_ == "PRON" or head.tag_ in ("PRP", "WP"):
            return self._pronoun(head, start, end, text)
        core = self.core_tokens(head)
        kind, name, affiliation = self._classify(head, core, toks)
        src = SrcRef(
            text=text,
            kind=kind,
            start=start,
            end=end,
            name=name,
            head=head.i,
            affiliation=affiliation,
        )
        src.leaked = any(t.lower_ in self.lex.leaked for t in core)
        # registry: documents, statements, intelligence
        entry = self.entry_at.get(head.i)
        if entry is not None:
            src.entry = entry
            src.kind = entry.kind if src.kind not in ("media",) else src.kind
            src.leaked = src.leaked or entry.leaked
            if entry.token != head.i:
                src.name = entry.name
                src.resolved_from = (
                    f"“{self._np_text(head)}” refers back to “{entry.text}” "
                    f"({len([m for m in entry.mentions if m < head.i])} earlier mention(s))"
                )
            src.parent = entry.parent
        else:
            src.parent = self._provenance(head, depth)
        # definite descriptions of organisations / persons
        if src.resolved_from is None and src.kind in (
            "organisation",
            "government",
            "person",
            "anonymous",
            "unknown",
        ):
            self._description(head, core, src)
        # possessive pronoun inside the name: "his organization's assessment"
        self._possessive(head, core, src)
        if lower in self.lex.outlets and src.kind == "unknown":
            src.kind = "media"
        return src

    def _np_text(self, head: Token) -> str:
        toks = self.np_tokens(head)
        return self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else head.text

    def _classify(
        self, head: Token, core: list[Token], toks: list[Token]
    ) -> tuple[str, str | None, str | None]:
        lex = self.lex
        words = [t.lower_ for t in core]
        core_text = " ".join(words)
        bare = core_text.removeprefix("the ").strip()
        ent = self.ent(head)
        # news outlets by name; a one-word form ("Times", "AP") only when written as a name
        for candidate, written in (
            (ent.text.lower().removeprefix("the ") if ent else None, ent.text if ent else ""),
            (bare, self.text[core[0].idx : core[-1].idx + len(core[-1].text)] if core else ""),
        ):
            if not candidate or candidate not in lex.outlets:
                continue
            if " " in candidate or any(c.isupper() for c in written):
                return "media", lex.outlets[candidate], None
        name = self._name(head, core, ent)
        if ent is not None and ent.label == "PERSON" and ent.start <= head.idx < ent.end:
            return "person", name, None
        if self._intelligence(head, words):
            return "intelligence", name, None
        for kind in ("statement", "document"):
            if noun_base(head.lower_, lex.source_nouns[kind]):
                return kind, name, None
        has_person = any((e := self.ent(t)) is not None and e.label == "PERSON" for t in toks)
        if (
            noun_base(head.lower_, lex.source_nouns["anonymous"])
            and not has_person
            and not (ent is not None and ent.start <= head.idx < ent.end)
        ):
            return "anonymous", name, self._affiliation(core, head)
        if ent is not None and ent.start <= head.idx < ent.end:
            if ent.label in ("GPE",) or self._governmental(ent.text.lower()):
                return "government", name, None
            if ent.label in ("ORG", "NORP", "FAC"):
                return "organisation", name, None
            if ent.label == "LOC":
                return "government", name, None
        if self._governmental(core_text) or noun_base(head.lower_, lex.source_nouns["government"]):
            return "government", name, None
        if noun_base(head.lower_, lex.source_nouns["organisation"]):
            return "organisation", name, None
        if noun_base(head.lower_, lex.source_nouns["media"]):
            return "media", name, None
        if noun_base(head.lower_, lex.source_nouns["person"]) or has_person:
            return "person", name, None
        return "unknown", name, None

    def _full_name(self, ent: Ent) -> str:
        """Without the entities stage, "Burns" is named after an earlier "Bill Burns"."""
        for other in self.ents:
            if other.start >= ent.start:
                break
            if other.label == "PERSON" and other.text.endswith(" " + ent.text):
                return other.text
        return ent.text

    def _intelligence(self, head: Token, words: list[str]) -> bool:
        """ "signals intelligence", "a CIA assessment": intelligence; "a US intelligence
        document" stays a document."""
        lex = self.lex
        if noun_base(head.lower_, lex.source_nouns["intelligence"]):
            return True
        marked = any(w in lex.intelligence_markers or w in lex.agencies for w in words[:-1])
        return marked and noun_base(head.lower_, lex.intelligence_heads) is not None

    def _governmental(self, text: str) -> bool:
        words = set(text.split())
        if words & self.lex.source_nouns["government"]:
            return True
        return any(p in text for p in self.lex.source_phrases["government"])

    def _affiliation(self, core: list[Token], head: Token) -> str | None:
        """The named body an unnamed official speaks for: "a State Department spokesman"."""
        named = [
            t
            for t in core
            if t.i != head.i and (t.ent_type_ in ("ORG", "GPE", "NORP") or self.ent(t))
        ]
        if not named:
            return None
        return self.text[named[0].idx : named[-1].idx + len(named[-1].text)]

    def _name(self, head: Token, core: list[Token], ent: Ent | None) -> str | None:
        if ent is not None and ent.start <= head.idx < ent.end and ent.label in _NAME_ENTS:
            if ent.name:
                return ent.name
            if ent.label == "PERSON":
                return self._full_name(ent)
            return _strip_det(ent.text)
        if not core:
            return head.text
        if len(core) == 1 and head.pos_ == "NOUN":
            # a bare common noun says little ("information"): keep its complement, up to a comma
            toks = [t for t in self.np_tokens(head) if t.i >= head.i]
            cut = next((i for i, t in enumerate(toks) if t.text in {",", "(", "—", "–"}), len(toks))
            toks = toks[: min(cut, self.cfg.name_max_words)]
            return self.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
        name = self.text[core[0].idx : core[-1].idx + len(core[-1].text)]
        return name[:1].upper() + name[1:] if name[:1].islower() and head.pos_ == "PROPN" else name

    # ------------------------------------------------------------------ provenance

    def _provenance(self, head: Token, depth: int) -> SrcRef | None:
        """The source this one came through: holder ("obtained by X"), container ("referenced
        in Y"), or citer ("Y cites it")."""
        lex = self.lex
        # the head's own modifiers first, then those hanging inside its noun phrase
        # ("the information regarding the meeting, which was included in …")
        mods = [c for c in head.children if c.dep_ in ("acl", "relcl")]
        mods += [
            c
            for t in head.subtree
            if t.i != head.i and self.sents.idx(t) == self.sents.idx(head)
            for c in t.children
            if c.dep_ in ("acl", "relcl") and c not in mods
        ]
        for child in mods:
            base = verb_base(child.lower_, _provenance_verbs(lex), lex.irregular)
            if base is None:
                continue
            for prep in child.children:
                if prep.dep_ not in ("agent", "prep"):
                    continue
                word = prep.lower_
                ok = (
                    (word == "by" and base in lex.holder_by)
                    or (word == "to" and base in lex.holder_to)
                    or (word == "with" and base in lex.holder_with)
                    or (word in ("in", "within", "inside") and base in lex.container_in)
                )
                if not ok:
                    continue
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                obj = self._through_section(obj)
                return self.from_head(obj, depth=depth + 1)
        # "The memo was obtained by Reuters": the holder in the clause the noun is subject of
        if head.dep_ == "nsubjpass":
            verb = head.head
            base = verb_base(verb.lower_, lex.holder_by, lex.irregular)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if base is not None and obj is not None:
                return self.from_head(obj, depth=depth + 1)
        # the object of a citing verb hangs on its subject: "the document cites intelligence"
        verb = head.head
        if head.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        citing = verb_base(verb.lower_, lex.citing_verbs, lex.irregular)
        if head.dep_ in ("dobj", "pobj") and verb.pos_ in ("VERB", "AUX") and citing:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.i != head.i:
                return self.from_head(subj, depth=depth + 1)
        return None

    def _through_section(self, token: Token) -> Token:
        """ "a section of the leaked document" stands for the document."""
        if token.lower_ in _SECTION_NOUNS:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
        return token

    # ------------------------------------------------------------------ registry

    def _registry(self) -> None:
        """One pass over the nouns: documents, statements and intelligence, new or referred to."""
        lex = self.lex
        kinds = {k: lex.source_nouns[k] for k in REGISTRY_KINDS}
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
                continue
            core = self.core_tokens(tok)
            words = [t.lower_ for t in core]
            kind = None
            if self._intelligence(tok, words):
                kind = "intelligence"
            else:
                for k in ("statement", "document"):
                    if noun_base(tok.lower_, kinds[k]):
                        kind = k
                        break
            if kind is None:
                continue
            dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet")}
            poss = [c for c in tok.children if c.dep_ == "poss"]
            mods = frozenset(
                t.lower_ for t in core if t.i != tok.i and not t.is_punct and t.dep_ != "poss"
            )
            plural = tok.tag_ in ("NNS", "NNPS")
            definite = bool(dets & _DEFINITE_DETS) and not poss
            if definite:
                found = self._refer(tok, kind, mods, plural)
                if found:
                    continue
            start = core[0].idx if core else tok.idx
            toks = self.np_tokens(tok)
            s, e = (
                (toks[0].idx, toks[-1].idx + len(toks[-1].text))
                if toks
                else (start, tok.idx + len(tok.text))
            )
            text = self.text[s:e]
            name = self.text[start : tok.idx + len(tok.text)]
            entry = Entry(
                id=len(self.entries),
                text=text,
                name=name,
                head=tok.lower_,
                kind=kind,
                mods=mods,
                leaked=bool(mods & lex.leaked),
                start=s,
                end=e,
                token=tok.i,
                mentions=[tok.i],
                plural=plural,
            )
            if any(t.lower_ in lex.verification_adjectives for t in core):
                adj = next(t for t in core if t.lower_ in lex.verification_adjectives)
                entry.caveats.append(
                    Evidence(
                        start=adj.idx,
                        end=adj.idx + len(adj.text),
                        text=adj.text,
                        kind="verification",
                        effect="unverified",
                    )
                )
            self.entries.append(entry)
            self.entry_at[tok.i] = entry
        # provenance once every mention is known ("referenced in the document" must find the
        # document the article introduced earlier); a later mention may supply it
        for entry in self.entries:
            for i in entry.mentions:
                entry.parent = self._provenance(self.doc[i], 0)
                if entry.parent is not None:
                    break
        self._cache.clear()

    def collective_entries(self, token_i: int) -> list[Entry]:
        """Entries a plural definite mention ("the leaked documents") covers."""
        tok = self.doc[token_i]
        core = self.core_tokens(tok)
        mods = frozenset(t.lower_ for t in core if t.i != tok.i and not t.is_punct)
        kinds = {e.kind for e in self.entries}
        out: list[Entry] = []
        for kind in sorted(kinds):
            out.extend(e for e in self.compatible(kind, mods, None) if e.token != token_i)
        return [e for e in dict.fromkeys(out) if _same_class(e.head, tok.lower_, self.lex)]

    def compatible(self, kind: str, mods: frozenset[str], before: int | None) -> list[Entry]:
        """Entries a definite description could refer to: same kind, no clashing modifier
        (introduced before `before`; any position when None)."""
        out = []
        for entry in self.entries:
            if before is not None and entry.token >= before:
                continue
            same = entry.kind == kind or {entry.kind, kind} <= {"document", "intelligence"}
            if same and mods <= entry.mods | self.lex.leaked:
                if mods & self.lex.leaked and not entry.leaked:
                    continue
                out.append(entry)
        return out

    def _refer(self, tok: Token, kind: str, mods: frozenset[str], plural: bool) -> bool:
        if plural:
            # "the leaked documents" speaks of the whole set, wherever its members appear
            self.collective.add(tok.i)  # resolved when used: see collective_entries
            return True
        inside = {a.i for a in tok.ancestors}
        candidates = [
            e
            for e in self.compatible(kind, mods, tok.i)
            if e.token not in inside and _same_class(e.head, tok.lower_, self.lex)
        ]
        if not candidates:
            return False
        sent_start = self.sents.of(tok).start
        recent = self.cfg.recent_sentences
        head = noun_base(
            tok.lower_, {e.head for e in candidates} | {e.head.rstrip("s") for e in candidates}
        )

        def salience(entry: Entry) -> tuple[bool, float, int]:
            last = max(entry.mentions)
            near = self._sentence_distance(last, sent_start) <= recent
            same = head is not None and entry.head.rstrip("s") == head.rstrip("s")
            return (same, len(entry.mentions) + (self.cfg.recency_bonus if near else 0), last)

        best = max(candidates, key=salience)
        best.mentions.append(tok.i)
        self.entry_at[tok.i] = best
        return True

    def _sentence_distance(self, token_i: int, sent_start: int) -> int:
        return max(0, self.sents.idx(sent_start) - self.sents.idx(token_i))

    # ------------------------------------------------------------------ resolution

    def _roles(self) -> dict[int, tuple[str, Token | None]]:
        """Person head token -> (role phrase, organisation token) from appositions and titles:
        "Bill Burns, the director of the CIA" and "CIA Director Bill Burns"."""
        roles: dict[int, tuple[str, Token | None]] = {}
        for tok in self.doc:
            e = self.ent(tok)
            if e is None or e.label != "PERSON" or tok.dep_ == "compound":
                continue
            for child in tok.children:
                if child.dep_ == "appos" and noun_base(child.lower_, self.lex.roles):
                    org = None
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ == "of":
                            org = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if org is None:
                        org = next(
                            (
                                c
                                for c in child.children
                                if c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE")
                            ),
                            None,
                        )
                    roles[tok.i] = (self._np_text(child), org)
            if tok.i not in roles:
                titles = [
                    c
                    for c in tok.lefts
                    if c.dep_ == "compound" and noun_base(c.lower_, self.lex.roles)
                ]
                for title in titles:
                    org = next(
                        (
                            c
                            for c in tok.lefts
                            if c.dep_ == "compound"
                            and c.ent_type_ in ("ORG", "GPE")
                            and c.i < title.i
                        ),
                        None,
                    )
                    roles[tok.i] = (title.text, org)
        return roles

    def note_speaker(self, token_i: int, src: SrcRef) -> None:
        self.speakers.append((token_i, src))

    def _persons_before(self, tok: Token) -> list[tuple[int, Token]]:
        """Candidate antecedents for he/she, most salient first: subjects of this sentence
        before the pronoun, then of earlier sentences, nearest first, in a window."""
        window = self.cfg.pronoun_window
        n = self.sents.idx(tok)
        sents = [self.sents.spans[k] for k in range(n, max(-1, n - window - 1), -1)]
        out: list[tuple[int, Token]] = []
        for rank, s in enumerate(sents):
            subjects, others = [], []
            for t in s:
                if t.i >= tok.i:
                    break
                e = self.ent(t)
                if e is None or e.label != "PERSON" or t.dep_ in ("compound",):
                    continue
                (subjects if t.dep_ in ("nsubj", "nsubjpass") else others).append(t)
            for t in reversed(subjects):
                out.append((rank * 2, t))
            for t in reversed(others):
                out.append((rank * 2 + 1, t))
            for i, src in reversed(self.speakers):
                if (
                    s.start <= i < min(s.end, tok.i)
                    and src.kind in ("person", "anonymous")
                    and src.head is not None
                ):
                    h = self.doc[src.head]
                    if h.pos_ != "PRON" and h.tag_ not in ("NNS", "NNPS"):
                        out.append((rank * 2, h))
        out.sort(key=lambda p: p[0])
        return out

    def _pronoun(self, head: Token, start: int, end: int, text: str) -> SrcRef:
        lex = self.lex
        lower = head.lower_
        src = SrcRef(text=text, kind="unknown", start=start, end=end, head=head.i)
        if lower in lex.pronouns["relative"] and head.head.dep_ == "relcl":
            noun = head.head.head
            ante = self.from_head(noun)
            return self._resolved(src, ante, f"relative pronoun “{head.text}” → “{ante.text}”")
        if lower in lex.pronouns["person"]:
            if lower in ("i", "me", "my"):
                return src
            for _, cand in self._persons_before(head):
                ante = self.from_head(cand)
                if ante.kind in ("person", "anonymous"):
                    same = self.sents.idx(cand) == self.sents.idx(head)
                    where = "same sentence" if same else "an earlier sentence"
                    return self._resolved(
                        src,
                        ante,
                        f"pronoun “{head.text}” → “{ante.name or ante.text}” "
                        f"(nearest person, {where})",
                    )
            src.kind = "person"
            return src
        if lower in lex.pronouns["plural"] or lower in lex.pronouns["thing"]:
            wanted = (
                {"organisation", "government", "anonymous", "media"}
                if lower in lex.pronouns["plural"]
                else {
                    "document",
                    "statement",
                    "intelligence",
                    "organisation",
                    "government",
                    "media",
                }
            )
            for i, cand in reversed(self.speakers):
                if i < head.i and cand.kind in wanted and self.sents.of(head).start - i < 200:
                    return self._resolved(
                        src,
                        cand,
                        f"pronoun “{head.text}” → “{cand.name or cand.text}” "
                        f"(the last {cand.kind} source)",
                    )
        return src

    def _resolved(self, src: SrcRef, ante: SrcRef, why: str) -> SrcRef:
        src.kind = ante.kind
        src.name = ante.name or ante.text
        src.entity = ante.entity
        src.entry = ante.entry
        src.parent = ante.parent
        src.leaked = ante.leaked
        src.affiliation = ante.affiliation
        src.anchor = (ante.start, ante.end) if ante.start is not None else None
        if ante.anchor is not None:
            src.anchor = ante.anchor
        src.resolved_from = why if not ante.resolved_from else f"{why}; {ante.resolved_from}"
        return src

    def _description(self, head: Token, core: list[Token], src: SrcRef) -> None:
        """ "the organization" / "the minister" → the nearest fitting name before it."""
        dets = {c.lower_ for c in head.children if c.dep_ == "det"}
        if not dets & {"the", "this", "that"} or any(self.ent(t) for t in core):
            return
        noun = head.lower_
        if noun_base(
            noun,
            self.lex.org_nouns
            | self.lex.source_nouns["organisation"]
            | self.lex.source_nouns["government"],
        ):
            labels = {"ORG"} if src.kind != "government" else {"ORG", "GPE"}
            best = None
            for e in self.ents:
                if e.end > head.idx:
                    break
                better = best is None or noun in e.text.lower() or noun not in best.text.lower()
                if e.label in labels and head.idx - e.end < self.cfg.description_window and better:
                    best = e
            if best is not None:
                src.name = best.name or _strip_det(best.text)
                src.entity = best.entity
                src.anchor = (best.start, best.end)
                what = "organisation" if labels == {"ORG"} else "organisation or place"
                src.resolved_from = (
                    f"description “{self._np_text(head)}” → “{src.name}” "
                    f"(nearest {what} named before)"
                )
                if src.kind == "unknown":
                    src.kind = "organisation"
        elif noun_base(noun, self.lex.roles) and src.kind in ("person", "anonymous"):
            for i in sorted(self.roles, reverse=True):
                if i >= head.i:
                    continue
                role, _ = self.roles[i]
                if noun in role.lower():
                    ante = self.from_head(self.doc[i])
                    self._resolved(
                        src, ante, f"description “{self._np_text(head)}” → “{ante.name}” ({role})"
                    )
                    return

    def _possessive(self, head: Token, core: list[Token], src: SrcRef) -> None:
        """ "his organization's assessment": name it after the organisation the person leads."""
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is None:
            return
        inner = next((c for c in poss.children if c.dep_ == "poss"), None)
        if poss.lower_ in self.lex.pronouns["person"] and inner is None:
            owner = self._pronoun(poss, poss.idx, poss.idx + len(poss.text), poss.text)
            if owner.name:
                src.name = f"{owner.name}’s {head.text}"
                src.resolved_from = owner.resolved_from
                src.anchor = owner.anchor
                src.entity = owner.entity
            return
        if (
            inner is not None
            and inner.lower_ in self.lex.pronouns["person"]
            and noun_base(poss.lower_, self.lex.org_nouns)
        ):
            owner = self._pronoun(inner, inner.idx, inner.idx + len(inner.text), inner.text)
            if owner.anchor is None:
                return
            person = self.doc.char_span(*owner.anchor, alignment_mode="expand")
            role = None
            if person is not None:
                for t in person:
                    if t.i in self.roles:
                        role = self.roles[t.i]
            if role is None or role[1] is None:
                return
            org_tok = role[1]
            org = self.from_head(org_tok)
            org_name = self.lex.agencies.get(org_tok.lower_, org.name or org.text)
            src.name = f"{org_name} {head.text}"
            src.anchor = (org.start, org.end) if org.start is not None else None
            src.entity = org.entity
            if org_tok.lower_ in self.lex.agencies or any(
                w in self.lex.intelligence_markers for w in org_name.lower().split()
            ):
                src.kind = "intelligence"
            src.resolved_from = (
                f"“{inner.text} {poss.text}” → {org_name} ({owner.name} is “{role[0]}”; "
                f"{owner.resolved_from})"
            )


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
    return lex.holder_by | lex.holder_to | lex.holder_with | lex.container_in


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
