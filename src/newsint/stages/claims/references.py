"""Sources that point back: the per-article registry of documents, statements and intelligence
("the document" three paragraphs later is the same leaked document, with the same provenance
and caveats), pronouns, definite descriptions and possessives, each resolved with evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import noun_base
from newsint.stages.claims.source_refs import (
    _DEFINITE_DETS,
    REGISTRY_KINDS,
    Ent,
    Entry,
    SourcesBase,
    SrcRef,
    _same_class,
    _strip_det,
)
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Token


class ReferenceRules(SourcesBase):
    """Resolving sources that refer to earlier ones."""

    # ------------------------------------------------------------------ registry

    def _registry(self) -> None:
        """One pass over the nouns: documents, statements and intelligence, new or referred to."""
        lex = self.lex
        kinds = {k: lex.source_nouns[k] for k in REGISTRY_KINDS}
        # every head noun the kinds below (and _intelligence) can take: the phrase of any other
        # noun is never built
        heads = kinds["statement"] | kinds["document"] | kinds["intelligence"]
        heads |= lex.intelligence_heads
        for word in tokens_of(self.doc).tokens:
            if word.pos_ not in ("NOUN", "PROPN") or word.dep_ == "compound":
                continue
            if noun_base(word.lower_, heads) is None:
                continue
            tok = self.doc[word.i]
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

    # ------------------------------------------------------------------ resolution

    def _roles(self) -> dict[int, tuple[str, Token | None]]:
        """Person head token -> (role phrase, organisation token) from appositions and titles:
        "Bill Burns, the director of the CIA" and "CIA Director Bill Burns"."""
        roles: dict[int, tuple[str, Token | None]] = {}
        table = tokens_of(self.doc).tokens
        for i in sorted(self._ent_at):  # the words inside a name, in text order
            word = table[i]  # a spaCy Token only for a person's name
            e = self.ent(word)
            if e is None or e.label != "PERSON" or word.dep_ == "compound":
                continue
            tok = self.doc[word.i]
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
            if lower == "that" and ante.start is not None and ante.end is not None:
                # "rules that promise…": a "that" is written as part of its noun's phrase, and
                # the noun is the source as the text names it ("who" stands on its own)
                src.start, src.end, src.text = ante.start, ante.end, ante.text
            return self._resolved(src, ante, f"relative pronoun “{head.text}” → “{ante.text}”")
        if lower in lex.pronouns["person"]:
            if lower in ("i", "me", "my"):
                return src
            wanted = lex.gender.get(lower)
            fits: list[tuple[Token, SrcRef, bool]] = []
            for _, cand in self._persons_before(head):
                ante = self.from_head(cand)
                known = self._gender(cand, ante)
                if wanted is not None and known is not None and known != wanted:
                    continue  # "she" does not stand for a man named before
                if ante.kind in ("person", "anonymous"):
                    fits.append((cand, ante, known is not None))
            # agreement filters, salience ranks: the most salient person not shown to disagree
            chosen = fits[0] if fits else None
            if chosen is not None:
                cand, ante, agreed = chosen
                if wanted is not None:
                    self.genders.setdefault(ante.key(), wanted)
                same = self.sents.idx(cand) == self.sents.idx(head)
                where = "same sentence" if same else "an earlier sentence"
                how = f"{lower} agrees" if agreed else "nearest person"
                return self._resolved(
                    src,
                    ante,
                    f"pronoun “{head.text}” → “{ante.name or ante.text}” ({how}, {where})",
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

    def _gender(self, tok: Token, ante: SrcRef) -> str | None:
        """What the text says of a person's gender: a pronoun already resolved to them, a title
        ("Ms.", "Mr."), or a gendered role in the phrase ("the chairwoman")."""
        known = self.genders.get(ante.key())
        if known is not None:
            return known
        near = [t for t in tok.subtree if t.i <= tok.i + 8]
        if tok.i > 0:
            near.append(self.doc[tok.i - 1])
        for t in near:
            g = self.lex.gender.get(t.lower_)
            if g is not None and t.pos_ != "PRON":
                return g
        return None

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
            for i, cand in reversed(self.speakers):
                # "the army" after "Veldara's army said…": the source named by the same noun
                if (
                    i < head.i
                    and cand.head is not None
                    and cand.head != head.i
                    and self.doc[cand.head].lower_ == noun
                    and not cand.resolved_from
                ):
                    self._resolved(
                        src,
                        cand,
                        f"description “{self._np_text(head)}” → “{cand.name or cand.text}” "
                        "(the last source named by that noun)",
                    )
                    return
            labels = {"ORG"} if src.kind != "government" else {"ORG", "GPE"}
            best = self._antecedent_body(head, noun, labels)
            if best is not None:
                src.name = best.name or _strip_det(best.text)
                src.entity = best.entity
                src.anchor = (best.start, best.end)
                what = "organisation" if labels == {"ORG"} else "organisation or place"
                src.resolved_from = (
                    f"description “{self._np_text(head)}” → “{src.name}” "
                    f"(the {what} named before that fits it best)"
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

    def _antecedent_body(self, head: Token, noun: str, labels: set[str]) -> Ent | None:
        """The organisation "the firm" / "the ministry" stands for, among those named before it
        in a window: one the text called by that noun ("Elliott, an investment firm,"; "the
        Health Ministry") first, then the subject of a recent sentence (the salient one) over
        an object, then the nearest. A name the tagger typed a person joins when the text
        calls it by the noun."""
        best: tuple[tuple[bool, bool, int], Ent] | None = None
        for e in self.ents:
            if e.end > head.idx:
                break
            if head.idx - e.end >= self.cfg.description_window:
                continue
            if any(c.start <= e.start < c.end for c in self.credits):
                continue  # a dateline's place or a credited outlet: furniture, never "the agency"
            described = noun in e.text.lower() or self._described_as(e, noun)
            if e.label not in labels and not (described and e.label in ("PERSON", "NORP")):
                continue
            span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
            subject = (
                span is not None
                and span.root.dep_ in ("nsubj", "nsubjpass")
                and self.sents.idx(head) - self.sents.idx(span.root) <= self.cfg.pronoun_window
            )
            rank = (described, subject, e.start)
            if best is None or rank > best[0]:
                best = (rank, e)
        return best[1] if best is not None else None

    def _described_as(self, e: Ent, noun: str) -> bool:
        """The text calls this name by the noun: an apposition or predicate ("Elliott, an
        investment firm," / "Elliott is a hedge fund firm")."""
        span = self.doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        near = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ in ("nsubj", "nsubjpass"):
            near += [c for c in root.head.children if c.dep_ == "attr"]
        if root.dep_ == "appos":
            near.append(root.head)
        return any(noun_base(t.lower_, frozenset({noun})) for t in near)

    def _speaks_for(self, head: Token, src: SrcRef) -> None:
        """A spokesperson is a link of the chain after the body they speak for: "the ministry's
        spokesman", "Its spokesman, Arvo Lenk,", "a ministry spokesman", "a spokeswoman for the
        firm", "Foreign Ministry spokesman Arvo Lenk" → article ← ministry ← spokesman. A name in
        apposition names the spokesperson."""
        lex = self.lex
        role = head
        if not noun_base(head.lower_, lex.speaks_for):
            role = next(
                (
                    c
                    for c in head.lefts
                    if c.dep_ == "compound" and noun_base(c.lower_, lex.speaks_for)
                ),
                None,
            )
            if role is None:
                return
        else:
            name = next(
                (
                    c
                    for c in head.children
                    if c.dep_ == "appos" and (e := self.ent(c)) is not None and e.label == "PERSON"
                ),
                None,
            )
            if name is not None:
                e = self.ent(name)
                src.name = (e.name if e is not None and e.name else None) or self._np_text(name)
                src.entity = e.entity if e is not None else None
                src.anchor = (e.start, e.end) if e is not None else None
                src.kind = "person"
        # an unnamed "State Department spokesman" already stands for the body its own words
        # name; a named one, or one whose body is named elsewhere ("its", "for the firm"), is a
        # link after it
        named = role is not head or src.kind == "person"
        body: Token | None = None
        for c in role.children if role is head else head.children:
            if (c.dep_ == "poss" and (c.pos_ == "PRON" or named)) or (
                named
                and c.dep_ == "compound"
                and c.i < role.i
                and (
                    (self.ent(c) is not None and self.ent(c).label in ("ORG", "GPE", "NORP"))  # type: ignore[union-attr]
                    or noun_base(c.lower_, lex.org_nouns | lex.source_nouns["government"])
                )
            ):
                body = c
            elif c.dep_ == "prep" and c.lower_ in ("for", "of", "at") and body is None:
                body = next((g for g in c.children if g.dep_ == "pobj"), None)
        if body is None or body.i == head.i:
            return
        while body.dep_ == "compound" and body.head.i < role.i and body.head.i != head.i:
            body = body.head  # "Foreign Ministry": the last word of the body's name
        org = self.from_head(body)
        if org.kind in ("person", "anonymous") or org.key() == src.key():
            return
        if org.kind == "unknown":
            org.kind = "organisation"
        src.parent = src.parent or org
        if src.kind in ("unknown", "anonymous") and src.name is None:
            src.kind = "anonymous"
        src.affiliation = src.affiliation or org.name or org.text

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
