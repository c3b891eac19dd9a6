"""Sources from noun phrases: the phrase of a head token, its kind (person, organisation,
government, document, intelligence, statement, media, anonymous), its name (the entity's, a
news outlet's canonical name, or the phrase without its determiner) and its provenance
("obtained by the Associated Press").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import noun_base, verb_base
from newsint.stages.claims.source_fixes import source_start
from newsint.stages.claims.source_refs import (
    _NAME_ENTS,
    _SECTION_NOUNS,
    Ent,
    SourcesBase,
    SrcRef,
    _provenance_verbs,
    _strip_det,
)
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Token


class PhraseRules(SourcesBase):
    """Building a source from its noun phrase."""

    # ------------------------------------------------------------------ noun phrases

    def np_tokens(
        self, head: Token, exclude: set[int] | frozenset[int] = frozenset()
    ) -> list[Token]:
        """The noun phrase of `head` without relative clauses, participle modifiers or the
        tokens of the claim itself, cut to the contiguous run around the head."""
        drop: set[int] = set(exclude)
        for child in head.children:
            # an "advcl" on a noun is a participle aside the parser misplaced ("Trump,
            # appearing after Clinton, cited…")
            if child.dep_ in ("relcl", "acl", "advcl") or (
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

    def written_tokens(self, head: Token, toks: list[Token]) -> list[Token]:
        """The source as the text writes it (the span PolNeAR and readers take for it): the noun
        phrase with its relative clauses and participles ("Chris Cox, who runs the lobbying
        arm,", "a poll released Thursday") unless they hold a report or the source's
        provenance ("obtained by the AP"), a parenthesised label ("(D-NY)", "(@handle)"), and
        the comma or dash closing an apposition before the verb; never a dateline. Participles
        set off by commas ("Rubio, speaking at a rally,") stay out; relative clauses so set off
        ("Luis Rubio, who heads the centre,") mostly belong to the name in PolNeAR (dev: 10 of
        12) and stay in."""
        lex = self.lex
        if not toks:
            return toks
        lo, hi = toks[0].i, toks[-1].i
        provenance: frozenset[str] | None = None  # made when a clause asks for it
        for child in head.children:
            if child.dep_ not in ("relcl", "acl") or child.i < head.i:
                continue
            if provenance is None:
                provenance = _provenance_verbs(lex)
            sub = list(child.subtree)
            if sub[0].i > hi + 2 or self.sents.idx(child) != self.sents.idx(head):
                continue
            aside = sub[0].i > 0 and self.doc[sub[0].i - 1].text in (",", "—", "–", "(")
            if aside and child.dep_ != "relcl":
                continue  # "Rubio, speaking at a rally,": an aside, not the source's name
            reports = any(
                lex.cue_verb(t) is not None
                and (t.tag_ != "VBN" or any(c.dep_ == "aux" for c in t.children))
                for t in sub
            )  # "who said…" holds a report; "a poll released Thursday" names the poll
            if reports or self._held_by_outlet(child, provenance):
                continue
            hi = max(hi, sub[-1].i)
        for child in head.children:
            # "an arbitration panel in 2001": a time is when it spoke, not who it is
            if child.dep_ == "prep" and child.i > head.i and child.right_edge.i == hi:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and (obj.ent_type_ in ("DATE", "TIME") or obj.like_num):
                    hi = child.i - 1
        if head.dep_ == "poss" and hi + 1 < len(self.doc):
            case = self.doc[hi + 1]
            if case.dep_ == "case" and case.head.i == head.i:
                hi += 1  # "Trump’s claim": the possessive is written with its owner
        hi = self._closing_marks(lo, hi)
        if self.doc[hi].text == ")" and hi + 1 < len(self.doc) and self.doc[hi + 1].text == ",":
            # "Rep. Jane Roe (D-N.Y.), the chair of the panel,": the apposition after the label,
            # up to the comma that closes it
            appos = [c for c in head.children if c.dep_ == "appos" and c.i > hi + 1]
            if appos and self.sents.idx(appos[0]) == self.sents.idx(head):
                last = appos[0].right_edge.i
                stop = next(
                    (j for j in range(appos[0].i, last + 1) if self.doc[j].text == ","), None
                )
                hi = max(hi, stop - 1 if stop is not None else last)
        end = self.doc[hi]
        inner = {t.text for t in tokens_of(self.doc).tokens[lo:hi]}
        nxt = self.doc[hi + 1] if hi + 1 < len(self.doc) else None
        if (
            nxt is not None
            and nxt.text in (",", "—", "–")
            and nxt.text in inner
            and head.dep_ in ("nsubj", "nsubjpass")
            and end.text != nxt.text
        ):
            # "Jane Roe, the mayor of Easton, said", "…, said Jane Roe, the mayor of Easton, at…":
            # the apposition closes with it on either side of the verb (train gold: 850 of 926
            # before the verb, 70 of 100 after it)
            hi += 1
        hi = self._nested_aside(head, lo, hi)
        while lo < head.i and (
            self.doc[lo].dep_ == "cc" or (self.doc[lo].dep_ == "advmod" and head.pos_ == "PROPN")
        ):
            lo += 1  # "But Ms. Roe", "Even Ruritania": not the name ("Only 52 percent" is: a
            # quantity keeps its adverb; "Both Roe and Doe" keeps "Both", as PolNeAR's
            # annotators write it 58 times in 60 on train)
        lo = self._after_credit(lo, hi)
        if lo < head.i:
            lo = source_start(self.doc, lo, head.i)  # "NEW YORK - Jane Roe", "even Roe"
        return [self.doc[i] for i in range(lo, hi + 1)]

    def _nested_aside(self, head: Token, lo: int, hi: int) -> int:
        """The end of a source without an aside about a word of its apposition ("Jane Roe, the
        president of the Union, which represents teachers,", "…the governor of Ruritania, a
        founding member of the pact,": the aside is about the union or the country, not the
        speaker); the comma closing the apposition stays when the span had one."""
        appos = [c for c in head.children if c.dep_ == "appos" and lo <= c.i <= hi]
        closing = self.doc[hi].text == ","
        for a in appos:
            for t in a.subtree:
                if t.i > hi or t.i == head.i:
                    continue
                for c in t.children:
                    if c.i <= t.i or c.i > hi:
                        continue
                    which = c.dep_ == "relcl" and c.left_edge.lower_ in ("which", "whose")
                    # "…of Ruritania, a founding member of the pact," is about the country;
                    # "from Sumter, South Carolina," is one place
                    place = c.dep_ == "appos" and t.ent_type_ == "GPE" and c.ent_type_ != "GPE"
                    if not (which or place):
                        continue  # "…, who has been challenging…" is mostly about the speaker
                    first = c.left_edge.i
                    if first - 1 > lo and self.doc[first - 1].text == ",":
                        return first - 1 if closing else first - 2
        return hi

    def _held_by_outlet(self, child: Token, provenance: frozenset[str]) -> bool:
        """ "a letter obtained by the AP": the outlet that holds the source is a link of its
        chain, not part of its name ("a report released by the ministry" is)."""
        if verb_base(child.lower_, provenance, self.lex.irregular) is None:
            return False
        for prep in child.children:
            if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "to", "with"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and self.from_head(obj).kind == "media":
                    return True
        return False

    def _closing_marks(self, lo: int, hi: int) -> int:
        """Grow to the ")" or closing quotation mark of one opened inside the span, or to a
        short parenthesis right after it ("Sen. Jane Roe (D-NY)")."""
        toks = tokens_of(self.doc).tokens  # texts only: the shared table, no spaCy Tokens
        limit = min(len(toks), hi + self.cfg.source_paren_tokens + 2)
        opened = [t.text for t in toks[lo : hi + 1]]
        if opened.count("(") > opened.count(")") or (
            hi + 1 < len(toks) and toks[hi + 1].text == "("
        ):
            first = hi + 2 if toks[hi + 1].text == "(" else hi + 1
            for j in range(first, limit):
                if toks[j].text == ")":
                    return j
                if toks[j].text in ("(", "\n") or toks[j].is_space:
                    break
        quotes = sum(t.text in ("“", "”", '"') for t in toks[lo : hi + 1])
        if quotes % 2 and hi + 1 < len(toks) and toks[hi + 1].text in ("”", '"', ",”", ',"'):
            return hi + 1
        if (
            quotes % 2
            and hi + 2 < len(toks)
            and toks[hi + 1].text == ","
            and toks[hi + 2].text == "”"
        ):
            return hi + 2
        return hi

    def _after_credit(self, lo: int, hi: int) -> int:
        """The first token after a dateline or credit line the span starts in."""
        start = self.doc[lo].idx
        for credit in self.credits:
            if credit.start <= start < credit.end:
                for j in range(lo, hi + 1):
                    if self.doc[j].idx >= credit.end and not (
                        self.doc[j].is_punct or self.doc[j].is_space
                    ):
                        return j
        return lo

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
        toks = self.written_tokens(head, toks) or toks
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
        # a spokesperson speaks for a body: article ← ministry ← spokesman
        self._speaks_for(head, src)
        # a one-word outlet as the head only when written as a name ("Time", not "the first
        # time"; "Reuters", not "reuters"), as `_classify` reads outlets
        if lower in self.lex.outlets and src.kind == "unknown" and not head.text.islower():
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
        index, own = self.sents.index, self.sents.idx(head)  # the head's sentence, asked once
        table = tokens_of(self.doc).tokens  # the dependents' labels from the shared table
        near = {c.i for c in mods}
        mods += [
            self.doc[c.i]
            for t in head.subtree
            if t.i != head.i and index[t.i] == own
            for c in table[t.i].children
            if c.dep_ in ("acl", "relcl") and c.i not in near
        ]
        provenance = _provenance_verbs(lex) if mods else frozenset()
        for child in mods:
            base = verb_base(child.lower_, provenance, lex.irregular)
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
