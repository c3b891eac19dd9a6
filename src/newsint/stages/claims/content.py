"""Rule family: what a reporting verb reports (its clause, object, quotation or the quoted
subject before it), cut to the reported words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import (
    _ADDRESSEE_VERBS,
    _STRIP_END,
    Found,
    _after_quoted_comma,
    _infinitive_complement,
    _inside_quote,
    _run_start,
    _space_end,
)
from newsint.stages.claims.coordination import (
    other_report,
    quote_after_report,
    shared_report,
    speakers_thought,
    trailing_frame,
)
from newsint.stages.claims.known_cues import channel_that_clause, embedded_report
from newsint.stages.claims.lexicon import noun_base, verb_base
from newsint.stages.claims.missed_cues import addressed_content, gerund_content, named_object
from newsint.stages.claims.quotes import Quote
from newsint.stages.claims.repairs import misread_that_clause
from newsint.stages.claims.speakers import SpeakerRules

if TYPE_CHECKING:
    from spacy.tokens import Token


class ContentRules(SpeakerRules):
    """Contents of reporting verbs."""

    def _clause(self, root: Token) -> list[Token]:
        """A clause without the participle tacked on after a comma ("…, pointing to X"):
        that participle is the reporter's, not part of what is reported."""
        drop: set[int] = set()
        for c in root.rights:
            if self._shared_report(c):
                # "said it was opposed and warned X to…": the second report is the speaker's
                drop.update(t.i for t in c.subtree)
                drop.update(t.i for t in root.rights if t.dep_ == "cc" and t.i < c.i)
                continue
            drop.update(other_report(root, c, self.lex, self.quotes))  # "… and Y accused…"
            if embedded_report(c, self.lex):  # "…, though she noted that…" (known_cues)
                drop.update(t.i for t in c.subtree)
                if c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].text == ",":
                    drop.add(c.left_edge.i - 1)
                continue
            if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG":
                prev = self.doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
                if prev is not None and prev.text in (",", "—", "–", "-"):
                    drop.update(t.i for t in c.subtree)
                    drop.add(prev.i)
                elif _after_quoted_comma(c) and not _inside_quote(self.quotes, c.idx):
                    drop.update(t.i for t in c.subtree)  # "…,” describing…": the reporter's
        return [t for t in root.subtree if t.i not in drop]

    def _coordinated_clause(self, tok: Token, after: int) -> list[Token]:
        """A clause with a subject of its own coordinated after the reported clause, which the
        parser hangs on the reporting verb: "They noted his lawyer offered a hearing, but the
        chairman declined" (what they noted is both). A conjunct without a subject is the
        speaker's next act ("…, and urged him to resign"), a reporting verb a report of its
        own; both stay out."""
        out: list[Token] = []
        for c in tok.rights:
            if c.dep_ != "conj" or c.i <= after or c.left_edge.i <= after:
                continue
            if not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children):
                break
            report = any(self.lex.cue_verb(t) is not None for t in c.subtree)
            if report and not speakers_thought(c, self.lex):
                break  # "…, and Y said Z": another report, not this one's content
            if _inside_quote(self.quotes, c.idx) != _inside_quote(self.quotes, tok.idx):
                break
            if any(q.start <= self.doc[after].idx < q.end for q in self.quotes):
                break  # a quotation ends the report; what follows is the writer's
            cc = [g for g in tok.rights if g.dep_ == "cc" and after < g.i < c.i]
            if not cc or cc[-1].lower_ not in bounds().content_conjunctions:
                break
            out += [cc[-1], *c.subtree]
            after = c.right_edge.i
        return out

    def _coordinated_infinitives(self, tok: Token, xcomp: Token) -> list[Token]:
        """Bare infinitives the parser coordinated with a finite verb of volition: "She
        wants to triple the program, grow the corps and create a reserve" (all three are
        what she wants; a finite verb would not take a bare infinitive as its own conjunct)."""
        if tok.tag_ == "VB":
            return []
        out: list[Token] = []
        for c in tok.rights:
            if c.i <= xcomp.right_edge.i:
                continue
            if c.dep_ == "conj" and c.tag_ == "VB" and self._bare_predicate(c):
                out += [t for t in tok.rights if t.dep_ in ("cc", "punct") and xcomp.i < t.i < c.i]
                out += list(c.subtree)
            elif c.dep_ not in ("cc", "punct"):
                break
        return out

    def split_around_frames(self, found: list[Found]) -> None:
        """A content that holds its own "according to X" frame is two spans around it:
        "The ferry, according to the harbour office, will run again in May": one claim, "The
        ferry" its lead and "will run again in May" its content, as the verb rule splits around
        "he said" (no claim of the first part alone)."""
        for f in found:
            frame = f.frame()
            start, end = f.content
            if f.rule != "according" or frame is None or not (start < frame[0] < frame[1] < end):
                continue
            if not self.text[start : frame[0]].strip(_STRIP_END) or not self.text[
                frame[1] : end
            ].strip(_STRIP_END):
                continue
            first, second = self.finish(start, frame[0]), self.finish(frame[1], end)
            if first[1] <= first[0] or second[1] <= second[0]:
                continue
            if f.lead is not None:
                continue
            if not self.text[frame[1] : end].lstrip().startswith(","):
                # "…, according to two officials with knowledge of the talks": no comma after
                # the frame, so what follows it is the source's own words, not content
                f.content = first
                f.notes.append("words after the frame belong to its source")
                continue
            f.lead, f.content = first, second
            f.notes.append("the frame splits the content: the first part is its lead")

    def leading_part(self, tok: Token, content: tuple[int, int]) -> tuple[int, int] | None:
        """A clause opening the sentence that the parser hung on the reporting verb though it
        conditions what is reported: "If the vote fails, she argues, the council has other options",
        "Whether the cause is X or Y, it will pass, he said". Only a condition or concession
        (`[leading_part] marks`): a time or a place ("As the bell sounded, the host said",
        "At the rally, he said, …") frames the act of saying, and so does an opening before
        a frame not set off by commas ("If asked, she said she would…"). Nothing but the frame
        (speaker, cue) stands between it and the content; it holds no report of its own."""
        start = self.finish(*content)[0]
        sent = self.sents.of(tok)
        first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
        if first is None or first.idx >= start or _inside_quote(self.quotes, first.idx):
            return None
        leads = [
            c
            for c in tok.children
            if c.i < tok.i and c.dep_ == "advcl" and c.right_edge.idx < start
        ]
        if not leads or leads[0].left_edge.i != first.i:
            return None
        lead_end = max(c.right_edge.i for c in leads)
        after = self.doc[lead_end + 1] if lead_end + 1 < len(self.doc) else None
        if after is None or after.text != ",":
            return None
        frame = {tok.i}
        for c in tok.children:
            if c.dep_ in ("nsubj", "aux", "neg", "advmod", "punct") and c not in leads:
                frame.update(t.i for t in c.subtree)
        if tok.idx < start and "," not in self.text[tok.idx : start]:
            return None  # "At the forum, she called…": the opening frames the act of saying
        lead_toks = {t.i for c in leads for t in c.subtree}
        for t in sent:
            if t.idx >= start:
                break
            if t.i in lead_toks or t.i in frame or t.is_punct or t.is_space:
                continue
            return None  # other words between the opening and the content
        for c in leads:
            if not any(g.dep_ == "mark" and g.lower_ in bounds().lead_marks for g in c.children):
                return None
            if any(self.lex.cue_verb(t) is not None for t in c.subtree):
                return None
        span = self.finish(first.idx, after.idx)
        if len(self.text[span[0] : span[1]].split()) < self.cfg.split_part_min_words:
            return None
        return span

    def _bare_predicate(self, tok: Token) -> bool:
        """A verb phrase with no subject, auxiliary, negation or report of its own inside."""
        return not any(
            t.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg")
            or (t.pos_ == "VERB" and self.lex.cue_verb(t) is not None)
            for t in tok.subtree
        )

    def _shared_report(self, tok: Token) -> bool:
        return shared_report(tok, self.lex)  # "said it was opposed and warned…"

    def _misread_clause(
        self, tok: Token, children: list[Token], base: str
    ) -> tuple[Token, int] | None:
        """A reported clause the parser attached otherwise: an adverbial clause with a subject
        and no conjunction ("said after the meeting he would not accept…", "tweeted in the
        night that X was…", "that" read as an adverb), or a "that" clause read as a relative
        clause of the addressee ("told a meeting of leaders that few people understood…")."""
        for c in children:
            if c.dep_ != "advcl" or c.i < tok.i or c.left_edge.i < tok.i:
                continue
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is None or any(
                (g.dep_ == "mark" and g.lower_ != "that") or g.tag_ == "WRB" for g in c.children
            ):
                continue  # "said when the vote came he…": a time clause, not the report
            that = self.doc[subj.left_edge.i - 1]
            if that.lower_ == "that" and that.head.i == c.i:
                return c, that.i  # "tweeted in the night that X was…"
            if c.left_edge.lower_ != "that":
                return c, subj.left_edge.i  # "said after the meeting he would…"
        acl = misread_that_clause(tok)
        if acl is not None:  # "Brandt charges that the firms … paid": a noun-read verb's clause
            return acl, next(c.i for c in acl.children if c.dep_ == "mark")
        dobj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        if dobj is not None:
            for t in dobj.subtree:
                if (
                    t.dep_ == "relcl"
                    and t.left_edge.lower_ == "that"
                    and t.left_edge.dep_ == "mark"
                    and any(g.dep_ == "nsubj" for g in t.children)
                ):
                    return t, t.left_edge.i
        # "reported at the time that the editor conveyed…": the same "that" read as a relative
        # pronoun of a noun in a phrase between the verb and its clause (the "that" is then
        # neither the relative clause's subject nor its object); not in the verb's own content
        # phrase ("pointed to her revelation that…", "described it as a buzz that…")
        own = {*self.lex.prep_content.get(base, ()), *self.lex.frame_marks}
        for prep in children:
            if prep.dep_ != "prep" or prep.i < tok.i or prep.lower_ in own:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for t in pobj.children:
                    if channel_that_clause(t, pobj, self.lex):
                        return t, t.left_edge.i  # "said in a statement that the…" (known_cues)
                    if (
                        t.dep_ == "relcl"
                        and t.left_edge.lower_ == "that"
                        and t.left_edge.dep_ in ("mark", "advmod")
                        and any(g.dep_ == "nsubj" for g in t.children)
                    ):
                        return t, t.left_edge.i
        return None

    def _predicate(self, tok: Token, dobj: Token) -> list[Token]:
        """What a naming verb ("call", "describe", "label") says its object is: an object
        predicate ("called him a liar") or an "as" phrase ("described it as a hoax")."""
        if verb_base(tok.lower_, self.lex.naming_verbs, self.lex.irregular) is None:
            return []
        for c in tok.rights:
            if c.i <= dobj.i:
                continue
            if c.dep_ in ("oprd", "acomp", "attr") or (c.dep_ == "prep" and c.lower_ == "as"):
                return list(c.subtree)
        return []

    def _object_and_rest(self, tok: Token, first: Token) -> list[Token]:
        """An object and what completes it on the verb's right: "criticized Mr. Rubio for
        failing…", "called the program “worse than amnesty”", "described X as Y". A reason
        ("criticized the mayor for accepting speaking fees", "accused her of saying…") is the
        target's charge, even when a reporting word stands inside it."""
        toks = list(first.subtree)
        for c in tok.rights:
            if c.i <= first.i:
                continue
            if c.dep_ in ("cc", "conj") or (c.dep_ == "punct" and c.text in (",", ";", "—", "–")):
                break
            if c.dep_ == "prep" and (
                c.lower_ in ("to", "in", "at", "during", "on")
                or noun_base(c.lower_, self.lex.channels)
            ):
                continue
            if c.dep_ in ("npadvmod", "advmod", "punct"):
                continue
            reason = c.dep_ == "prep" and c.lower_ in bounds().reason_preps
            if not reason and any(self.lex.cue_verb(t) is not None for t in c.subtree):
                break  # "…, by stating that…": another report, not this one's content
            if c.dep_ in ("advcl",) and c.tag_ == "VBG":
                break
            toks.extend(c.subtree)
        return toks

    def _content(self, tok: Token, base: str) -> tuple[int, int] | None:
        lex = self.lex
        children = list(tok.children)
        if base in lex.prep_only:
            return self._prep_object(children, base)
        ccomp = [c for c in children if c.dep_ == "ccomp"]
        tagged = self._tagged_quote(tok, children)
        if tagged is not None and not any(
            c.i > tok.i and "," not in self.text[tok.idx : c.left_edge.idx] for c in ccomp
        ):
            # “It's over,” she said of the vote, which she expected her party to lose: a clause
            # after a comma is the tag's aside, the quotation is what she said
            return (tagged.start, tagged.end)
        if len({c.i > tok.i for c in ccomp}) > 1:
            ccomp = [c for c in ccomp if c.i > tok.i]  # one side only: the other is a misparse
        if ccomp and all(c.i < tok.i for c in ccomp) and self._own_object(tok, children, base):
            ccomp = []  # "…, as the crew tried to save the launch": not a speaker tag
        quoted = quote_after_report(tok, ccomp, lex, self.quotes, self.text) if ccomp else None
        if quoted is not None:  # "Roe declared X: “…,” she said": the tag's is the quotation
            return (quoted.start, quoted.end)
        if ccomp:
            toks = [t for c in ccomp for t in self._clause(c)]
            toks = trailing_frame(tok, ccomp, self.sents.of(tok)) or toks
            if all(c.left_edge.i > tok.i for c in ccomp):
                toks += self._coordinated_clause(tok, max(c.right_edge.i for c in ccomp))
            return self.span_of(toks)
        misread = self._misread_clause(tok, children, base)
        if misread is not None:
            clause, first_i = misread
            return self.span_of([t for t in self._clause(clause) if t.i >= first_i])
        xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
        dobj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        if dobj is None and verb_base(tok.lower_, lex.naming_verbs, lex.irregular) is not None:
            dobj = named_object(tok, children)  # "called Lund “a gambler”": two predicates
        if xcomp is not None and (
            (base in lex.xcomp_content and xcomp.i > tok.i) or gerund_content(base, tok, xcomp)
        ):
            first = dobj
            if first is None:
                on = next(
                    (
                        c
                        for c in children
                        if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < xcomp.i
                    ),
                    None,
                )
                first = (
                    next((p for p in on.children if p.dep_ == "pobj"), None)
                    if on is not None
                    else None
                )
            toks = list(xcomp.subtree) + (list(first.subtree) if first is not None else [])
            toks += self._coordinated_infinitives(tok, xcomp)
            return self.span_of(toks)
        # "“…,” X said": the reporting clause hangs off the quoted clause
        # "A new manager, he said, could set a new tone": around the inserted frame
        head = tok.head
        if (
            tok.dep_ in ("parataxis", "ccomp", "advcl")
            and head.i != tok.i
            and (lex.cue_verb(head) is None or tok.dep_ == "parataxis")
            # "Instead, Trump told CNN, his policy would…": in a parenthetical frame, an
            # addressee is no content
            and not any(
                c.dep_ == "ccomp"
                or (c.dep_ == "dobj" and not (tok.dep_ == "parataxis" and self._addressee(c)))
                for c in children
            )
            and any(c.dep_ == "nsubj" for c in children)
            and self._frames_head(children, base)
            # "…, analysts said": a frame after its clause is set off by punctuation (its own or
            # the word's before it); "…fallen to half of the volume agreed for April" is not one
            and (head.i > tok.i or tok.left_edge.is_punct or self.doc[tok.left_edge.i - 1].is_punct)
        ):
            own = {t.i for t in tok.subtree}
            if head.i < tok.i:
                toks = [t for t in head.subtree if t.i < tok.left_edge.i]
            else:
                toks = [t for t in head.subtree if t.i not in own]
            if toks:
                return self.span_of(toks)
        if dobj is not None and base in lex.clause_verbs and not self._addressee(dobj):
            # "he said one of the bitterest failures…": a clause the parser read as an object
            rest = self._object_and_rest(tok, dobj)
            if len(rest) > len(list(dobj.subtree)) or dobj.pos_ != "PRON":
                return self.span_of(rest)
        if (
            dobj is not None
            and base in lex.citing_verbs
            and any(c.dep_ == "acl" and lex.cue_verb(c) for c in dobj.children)
        ):
            return None  # "cites signals intelligence claiming that…": the inner claim says it
        predicate = self._predicate(tok, dobj) if dobj is not None else []
        if predicate:
            # "called him “a total stiff”", "what he calls corruption", "which he describes as
            # his second home": the object with what the speaker predicates of it
            return self.span_of([*dobj.subtree, *predicate])  # type: ignore[union-attr]
        if (
            dobj is not None
            and base in lex.object_ok
            and dobj.lower_ not in lex.pronouns["relative"]
        ):
            thanks = addressed_content(base)  # "thanked the crew for…": addressed and reported
            addressee = (base in _ADDRESSEE_VERBS and not thanks) or self._evidence_only(tok, base)
            pronoun = dobj.pos_ == "PRON" and dobj.lower_ not in ("this", "that", "it")
            if not addressee and (not pronoun or base in lex.criticism or thanks):
                # "blasted him for not paying taxes": the target with the reason
                return self.span_of(self._object_and_rest(tok, dobj))
        prep_object = self._prep_object(children, base)
        if prep_object is not None:
            return prep_object
        # "This information was revealed in a document": the passive subject is the content
        if any(c.dep_ == "auxpass" for c in children) and base in lex.object_ok:
            subj = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.lower_ not in (
                "it",
                "he",
                "she",
                "they",
                "i",
                "we",
                "you",
            ):
                return self.span_of(list(subj.subtree))
        # "X said: …" / "X continued:" + a quotation
        nxt = self._after_frame(tok)
        if nxt is not None and nxt.text in (":", ",") and nxt.i + 1 < len(self.doc):
            rest = [t for t in self.sents.of(tok) if t.i > nxt.i]
            if nxt.text == ":" and rest and not all(t.is_punct or t.is_space for t in rest):
                return self.span_of(rest)
            q = self._quote_after(nxt.idx + 1)
            if q is not None:
                return (q.start, q.end)
        q = self._quote_before(tok)
        if q is not None:
            return (q.start, q.end)
        return None

    def _own_object(self, tok: Token, children: list[Token], base: str) -> bool:
        """The verb has a content of its own after it (an infinitive, or an object that is no
        addressee), so the clause the parser hung before it is no report of its: "While he
        signed the bill, the governor has opposed cuts" (a tag "…, he told reporters" has none)."""
        for c in children:
            if c.i < tok.i:
                continue
            if c.dep_ == "xcomp" and base in self.lex.xcomp_content:
                return True
            if c.dep_ in ("dobj", "obj") and not (
                base in _ADDRESSEE_VERBS or self._addressee(c) or c.pos_ == "PRON"
            ):
                return True
            # "…: It refers to the share of…"; not "she wrote on her blog"
            if (
                c.dep_ == "prep"
                and c.lower_ in self.lex.prep_content.get(base, ())
                and c.lower_ not in self.lex.medium_preps
            ):
                return True
        return False

    def _frames_head(self, children: list[Token], base: str) -> bool:
        """An adverbial clause frames its governor only without a mark of its own or with a
        frame mark and no content of its own: "As experts pointed out, X is free to…" frames;
        "when tenants call for repairs, …" and "as she called for a vote" report their own."""
        marks = [c for c in children if c.dep_ == "mark" or c.tag_ == "WRB"]
        if any(m.lower_ not in self.lex.frame_marks for m in marks):
            return False
        return self._prep_object(children, base) is None

    def _prep_object(self, children: list[Token], base: str) -> tuple[int, int] | None:
        """ "warned of a stalemate", "spoke about the deal": the object of the verb's
        content preposition."""
        preps = self.lex.prep_content.get(base, ())
        found = []
        for c in children:
            if c.dep_ in ("prep", "prt") and c.lower_ in preps:
                obj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
                if (
                    obj is not None
                    and obj.ent_type_ not in ("DATE", "TIME")
                    and obj.lower_ not in self.lex.not_topics
                ):
                    found.append((preps.index(c.lower_), obj))
        if not found:
            return None
        # "spoke on Tuesday about the deal", "spoke to the paper on the radio about the deal":
        # a time is no topic, and the verb's first preposition ("about") says it best
        obj = min(found, key=lambda f: (f[0], f[1].i))[1]
        return self.span_of([*obj.subtree, *self._named_as(obj)])

    def _named_as(self, obj: Token) -> list[Token]:
        """ "referred to the mayor as “Ilse”", "called for the board to release the
        report": what the speaker calls the object of a content preposition, or what it is
        to do, right after it (the parser hangs both on the verb)."""
        verb = obj.head.head
        for c in verb.children:
            if c.left_edge.i != obj.right_edge.i + 1:
                continue
            if c.dep_ == "prep" and c.lower_ in bounds().naming_preps:
                return list(c.subtree)
            if c.dep_ in ("advcl", "xcomp") and _infinitive_complement(c):
                return list(c.subtree)
        return []

    def _quoted_subject(self, tok: Token) -> tuple[tuple[int, int], Token] | None:
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        for q in self.quotes:
            if q.start <= subj.idx < q.end and q.end <= tok.idx and not q.open_end:
                after = self.doc.char_span(q.end, tok.idx, alignment_mode="expand")
                if after is None:
                    return None
                first = next((t for t in after if not (t.is_punct or t.is_space)), None)
                if first is None or first.i >= tok.i:
                    return None
                while (
                    first.dep_ in ("compound", "amod", "det", "nummod", "poss", "case", "nmod")
                    and first.head.i < tok.i
                    and first.head.i > first.i
                ):
                    first = first.head
                if first.pos_ not in ("PROPN", "NOUN", "PRON"):
                    return None
                return (q.start, q.end), first
        return None

    def _evidence_only(self, tok: Token, base: str) -> bool:
        """ "showed considerable restraint", "found ways": evidence verbs report only when a
        document, poll or statement is their subject ("a poll showed a one-point gap")."""
        if base not in self.lex.evidence_verbs:
            return False
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None and _infinitive_complement(tok):  # "purports to demonstrate"
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return True
        kind = self.sources.from_head(subj).kind
        return kind not in ("document", "statement", "intelligence", "media", "unknown")

    def _after_frame(self, tok: Token) -> Token | None:
        """The token after the cue (and its subject when it follows: "said Caddell:")."""
        i = tok.i + 1
        for c in tok.children:
            if c.dep_ in ("nsubj", "prt") and c.i > tok.i:
                i = max(i, c.right_edge.i + 1)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return (
            self.doc[i]
            if (i < len(self.doc) and self.sents.idx(i) == self.sents.idx(tok))
            or (i < len(self.doc) and self.doc[i].text == ":")
            else None
        )

    def _tagged_quote(self, tok: Token, children: list[Token]) -> Quote | None:
        """The quotation a speaker tag closes: “You winning?” she said / “It's finished,”
        said Jane Roe. The quotation ends with a comma, question or exclamation mark inside
        its closing mark and only the tag's subject stands between it and the verb, however
        short it is (the parser often makes such a quotation anything but the verb's clause)."""
        subj = [
            c
            for c in children
            if c.dep_ == "nsubj" and c.i < tok.i and not _inside_quote(self.quotes, c.idx)
        ]
        left = subj[0].left_edge.idx if subj else tok.idx
        sent = self.sents.of(tok)
        nxt = self._after_frame(tok)
        if nxt is not None and nxt.text == "," and nxt.i + 1 < len(self.doc):
            after = self.doc[nxt.i + 1]
            if self._quote_after(nxt.idx + 1) is not None or after.is_lower:
                # “That,” he added, “would cost us…” / “Only you,” the judge said, would use…:
                # a quotation (or sentence) the tag interrupts
                return None
        joined = _run_start(self.text, left, " ,")  # only spaces and commas from here to left
        for q in self.quotes:
            if q.open_end or q.end > left or q.end < joined:
                continue
            line = self.text.rfind("\n", 0, q.start) + 1
            if self.text[max(line, min(sent.start_char, q.start)) : q.start].strip():
                continue  # words before the quotation: a partial quote ("X is “…,” she said")
            inner = self.text[q.start : q.end].rstrip("”\"'’»").rstrip()
            if inner[-1:] in bounds().tag_quote_endings:
                return q
        return None

    def _quote_after(self, pos: int) -> Quote | None:
        """A quotation starting right after `pos` (only spaces and line breaks between)."""
        blank_to = _space_end(self.text, pos)
        for q in self.quotes:
            if pos <= q.start <= blank_to:
                return q
        return None

    def _quote_before(self, tok: Token) -> Quote | None:
        """ "“…,” he said" where the parser did not tie the quote to the verb."""
        subj = [
            c
            for c in tok.children
            if c.dep_ == "nsubj" and c.i < tok.i and not _inside_quote(self.quotes, c.idx)
        ]
        left = subj[0].left_edge.idx if subj else tok.idx
        joined = _run_start(self.text, left, " ,")
        for q in self.quotes:
            adjacent = joined <= q.end <= left
            if adjacent and q.words(self.text) >= self.cfg.min_speech_quote_words:
                return q
        return None
