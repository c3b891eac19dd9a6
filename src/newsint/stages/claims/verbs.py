"""Rule family `verb`: a reporting verb, its subject the source, its clause, object or quote the
content ("X said that…", "“…,” X said", "X told reporters…", "X urged Y to…"); a passive
without an agent rests on an unnamed source; a speaker tag inside the content splits it in two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims import cue_model
from newsint.stages.claims.content import ContentRules
from newsint.stages.claims.context import (
    _STRIP_END,
    UNNAMED,
    Found,
    _ev,
    _finite_clause,
    _infinitive_complement,
    _inside_quote,
    _stronger,
)
from newsint.stages.claims.cue_bounds import addressed_infinitive
from newsint.stages.claims.cue_model import CLAUSE, INFINITIVE, THAT
from newsint.stages.claims.known_cues import position_participle
from newsint.stages.claims.leads import short_lead as first_part_lead
from newsint.stages.claims.lexicon import noun_base, verb_base
from newsint.stages.claims.lost_subjects import fronted_content, object_controller
from newsint.stages.claims.no_speaker import hypothetical_relative
from newsint.stages.claims.quotes import inside_speech
from newsint.stages.claims.repairs import noun_read_verb
from newsint.stages.claims.source_choice import impersonal_infinitive, relayed_speaker
from newsint.stages.claims.source_fixes import unnamed_asker
from newsint.stages.claims.source_refs import SrcRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.tokens import Tok


class VerbRules(ContentRules):
    """Reporting verbs."""

    # the cue classifier answers only in the driver's last pass over a sentence (extract.py)
    use_model = False
    # ... and there, for a lexicon verb its rules refused, it alone judges the verb
    model_only = False

    # ------------------------------------------------------------------ reporting verbs

    def verb_cue(self, tok: Tok | Token) -> Found | None:
        """A reporting verb's attribution. The first tests read the token table's `Tok`; a
        word that passes them becomes spaCy's Token for the rules that walk the tree."""
        lex = self.lex
        base, particle = (None, None) if self.model_only else self._lexicon_base(tok)
        general = False
        learned: tuple[str, Token] | None = None
        if base is None and particle is None and not self.model_only:
            base = self._general_report(tok)
            general = base is not None
        if base is None and particle is None:
            found = self._learned_cue(tok)
            if found is not None:  # "the ministry sent a letter" (cue_model.py)
                base, learned = found[0], found[1:]
                general = True
        if base is None:
            return None
        tok = self.doc[tok.i]
        if particle is not None:
            particle = self.doc[particle.i]
        if base in lex.cue_particles and particle is None:
            particle = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ in ("prt", "prep") and c.lower_ in lex.cue_particles[base]
                ),
                None,
            )
            if base in lex.particle_required and particle is None:
                return None
        if tok.dep_ in ("amod", "compound", "nmod", "aux", "auxpass"):
            return None
        if base in lex.criticism and not self._criticism_target(tok, base):
            return None  # "the rebels attacked the convoy": no report
        if base in lex.positions and learned is None and not self._held_position(tok, base):
            return None  # "nations supporting Ukraine", "it could support efforts"
        if inside_speech(self.quotes, tok.idx, self.text, self.cfg.min_speech_quote_words):
            return None  # "I think…" inside a quotation is the quoted speaker's own voice
        if self._provenance_participle(tok):
            return None
        if self._relays_as_saying(tok):
            return None  # "quoted the minister as saying…": the participle's claim, hers
        if tok.tag_ == "VBG" and tok.lower_ in lex.chaining_preps and self._cites_source(tok):
            return None  # "…, citing officials" extends another report (see prep_cue)
        # a "not" inside the quotation the verb tags is the speaker's ("“Probably not,” she said")
        outside = not _inside_quote(self.quotes, tok.idx)
        negated = any(
            (c.dep_ == "neg" or c.lower_ in ("cannot", "can't"))
            and not (outside and _inside_quote(self.quotes, c.idx))
            for c in tok.children
        )
        if negated and not self._own_clause(tok, base):
            # "cannot comment on the investigation", "X said…; the board did not answer
            # questions": nothing is reported
            return None
        head = tok.head
        if _infinitive_complement(tok) and lex.cue_verb(head) is not None and head.i != tok.i:
            return None  # "purports to demonstrate": the governing verb takes it
        if (
            tok.dep_ in ("xcomp", "ccomp")
            and tok.tag_ == "VB"
            and head.i != tok.i
            and lex.cue_verb(head) is None
            and not (verb_base(head.lower_, lex.cue_extenders, lex.irregular))
            and (
                any(c.dep_ == "nsubj" for c in tok.children)
                or any(c.dep_ in ("dobj", "obj") for c in head.children)
            )
            and object_controller(tok, lex) is None  # "led the senator to declare…"
        ):
            return None  # "would cause Washington to express concern": not a report
        if base in lex.topic_verbs and any(
            c.dep_ == "auxpass" or (c.dep_ == "aux" and c.tag_ == "MD") for c in tok.children
        ):
            # "the plan was discussed by the delegates", "the board will discuss the matter":
            # a topic, or a meeting yet to happen, not a claim
            return None
        if base in lex.verification_verbs and self._negated_verification(tok):
            return None  # "has not authenticated the document" is a caveat, not a claim
        effect = lex.cue_verbs.get(base, lex.general_status)
        cue_toks = [tok] + ([particle] if particle is not None else [])
        content_from = tok
        sourceless = self._sourceless_passive(tok, base)
        for child in tok.children:
            if sourceless:
                break  # "is expected to announce a run": the run is what is expected
            inner = lex.cue_verb(child) if _infinitive_complement(child) else None
            if inner is not None and addressed_infinitive(tok, child, cue_toks):
                break  # "asked the board to discuss X": the board and its task are the content
            if inner is not None and inner not in lex.positions:
                # "went on to say": the report is the inner verb's; "urged him to back the
                # demands" keeps what was urged (a position is no report of its own)
                cue_toks.append(child)
                content_from = child
                effect = _stronger(lex, effect, lex.cue_verbs[lex.cue_verb(child) or "say"])
                break
        if tok.dep_ == "xcomp" and verb_base(head.lower_, lex.cue_extenders, lex.irregular):
            cue_toks.insert(0, head)
        channel = self._channel(tok)
        if channel is not None:  # "said in a statement", "told in an interview"
            cue_toks.extend(channel)
        quoted = self._quoted_subject(tok) or self._fronted(tok)
        if quoted is not None:
            # "“Very good reporter, this guy,” Trump, the frontrunner, said": the parser made the
            # quotation the subject; the speaker is the name right after it
            content, speaker = quoted
            src, note, inherited = self.sources.from_head(speaker), None, None
        else:
            if learned is not None:
                content = self._learned_content(tok, *learned)
            else:
                content = self._content(
                    content_from,
                    verb_base(content_from.lower_, lex.cue_verbs, lex.irregular) or base,
                )
            if content is None and content_from is not tok:
                # "plans to release its analysis": the plan is the content, not the release
                content = self._content(tok, base)
                cue_toks = [t for t in cue_toks if t.i != content_from.i]
            if content is None:
                found = self._prep_clause(tok, base)
                fallback = self._learned_cue(tok) if found is None else None
                if fallback is not None:
                    # a lexicon verb in a construction its rules do not take, which train
                    # marks all the same ("thanked the volunteers", cue_model.py)
                    content = self._learned_content(tok, *fallback[1:])
                elif found is not None:
                    content, mark = found
                    cue_toks.append(mark)
                if content is None:
                    return None
            src, note, inherited = self._speaker(tok)
            if (
                learned is None
                and hypothetical_relative(tok)
                and (inherited is None or not self._may_speak(src))
            ):
                # "a successor, who would decide…": the clause describes its noun, unless it
                # borrows a speaker who can speak ("had every reason to know…"; no_speaker.py)
                return None
            if general and not learned and src is not None and not self._general_speaker(tok, src):
                # "the losses mean that…": no speaker, no report (the model judged its own)
                return None
            if unnamed_asker(tok, lex) or impersonal_infinitive(tok):
                # "Asked whether…, the minister said": the asker is not the one asked
                src, note, inherited = SrcRef(text=UNNAMED, kind="anonymous"), None, None
        whole = False  # the content is the whole clause, cue included
        subject: tuple[int, int] | None = None  # the lead of a passive's content
        if src is None and sourceless:
            if not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                return None  # "The results are expected later this week": nothing reported
            if self._reported_by_other(tok):
                return None  # "X is expected to visit, her ministry said": the ministry says so
            # "Quarry Road is expected to remain closed": the text names nobody; the claim
            # rests on unnamed sources, the passive ("is widely expected") is the cue, and the
            # clause stays whole so that it still says who is expected to do what
            src = SrcRef(text=UNNAMED, kind="anonymous")
            cue_toks[:0] = [
                c
                for c in tok.children
                if c.dep_ in ("aux", "auxpass", "advmod", "neg") and c.i < tok.i
            ]
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.lower_ not in ("it", "there"):
                comp = next(
                    (c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i), None
                )
                if comp is not None and subj.i < tok.i:
                    # "Quarry Road | is expected | to remain closed": the subject is the lead
                    subject = self.span_of(list(subj.subtree))
                    content = self.span_of(self._clause(comp))
                else:
                    content, whole = self.span_of(self._clause(tok)), True
        if src is None:
            return None
        sent = self.sents.of(tok)
        cue_span = self.span_of(cue_toks)
        start, end = content
        lead = None if whole or general else self.leading_part(tok, content)
        short_lead: tuple[int, int] | None = subject
        tail = None if whole else self._split_at_frame(tok, src, cue_span, start, end)
        if tail is not None and len(self.text[start : tail[0]].strip(_STRIP_END).split()) < (
            self.cfg.split_part_min_words
        ):
            # "Overall, she said, …", "what he calls corruption": too short a first part to be
            # a claim of its own is the content's lead; the content is the part after the frame
            short_lead = first_part_lead(self.doc, *self.finish(start, tail[0], cue=cue_span))
            start, tail = tail[1], None
        if tail is not None:
            # "The allure of simplicity, he argued, is largely a chimera": the frame stands
            # inside the content; the part after it is the same claim's second span
            end = tail[0]
            tail = (tail[1], content[1])
        # the speaker and the cue are never content
        if src.start is not None and src.start < end and start < (src.end or 0):
            if src.start <= start:
                start = src.end or start
            else:
                end = src.start
        if not whole and cue_span[0] < end and start < cue_span[1]:
            if cue_span[0] <= start:
                start = cue_span[1]
            else:
                end = cue_span[0]
        start, end = self.finish(start, end, cue=cue_span)
        if end <= start:
            return None
        f = Found(
            rule="verb",
            content=(start, end),
            source=src,
            cue=cue_span,
            effect=effect,
            cue_tokens=[t.i for t in cue_toks],
            sentence=self.sent_span(sent),
            confidence=self.cfg.confidence_verb,
            lead=short_lead,
        )
        if note:
            f.notes.append(note)
            f.confidence -= self.cfg.inherited_penalty
            f.inherited_from = inherited
        if src.resolved_from:
            f.confidence -= self.cfg.resolved_penalty
        f.first_person = start < cue_span[0] and self._first_person(start, end)
        # hedges on the cue itself ("reportedly said")
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in lex.hedges:
                f.evidence.append(_ev(child, "hedge", lex.hedges[child.lower_]))
        if lead is not None and lead[1] <= start and f.lead is None:
            # "If the vote fails, she argues, the council has other options": the condition is
            # the content's lead, no claim of its own
            f.lead = lead
            f.notes.append("opening of the content the parser hung on the cue: its lead")
        if tail is not None:
            t0, t1 = self.finish(*tail, cue=cue_span)
            if len(self.text[t0:t1].split()) >= self.cfg.split_part_min_words:
                # one claim, not two: the part before the speaker tag is its lead ("The
                # allure of simplicity … is largely a chimera"), never a claim of its own
                f.lead, f.content = f.content, (t0, t1)
                f.notes.append("a speaker tag interrupts the content: the first part is its lead")
        return f

    def _may_speak(self, src: SrcRef | None) -> bool:
        """A name, a pronoun or a source of a speaking kind (cue_model `speaker_kinds`)."""
        if src is None:
            return False
        if src.head is not None and self.doc[src.head].pos_ in ("PROPN", "PRON"):
            return True
        return src.kind in cue_model.settings().speaker_kinds

    def _fronted(self, tok: Token) -> tuple[tuple[int, int], Token] | None:
        """The words before the comma of "People like Lund, he said." (lost_subjects): from
        the start of the sentence to the comma, and the speaker."""
        found = fronted_content(tok, self.lex)
        if found is None:
            return None
        comma, speaker = found
        return (self.sents.of(tok).start_char, comma.idx), speaker

    def _own_clause(self, tok: Token, base: str) -> bool:
        """The verb has a reported clause of its own: one after it, or one before it that is
        no other report's (see ContentRules._own_object)."""
        children = list(tok.children)
        return any(
            c.dep_ == "ccomp" and (c.i > tok.i or not self._own_object(tok, children, base))
            for c in children
        )

    def _lexicon_base(self, tok: Tok | Token) -> tuple[str | None, Tok | Token | None]:
        """The lexicon's base word of a reporting verb and its particle ("pointed out")."""
        lex = self.lex
        base = lex.cue_verb(tok)
        if base is not None or tok.pos_ != "VERB":
            return base, None
        b = verb_base(tok.lower_, lex.cue_particles, lex.irregular)
        if b is None:
            return None, None
        particle = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("prt", "prep") and c.lower_ in lex.cue_particles[b]
            ),
            None,
        )
        return (b if particle is not None and b in lex.cue_verbs else None), particle

    def _general_report(self, tok: Tok | Token) -> str | None:
        """A verb outside the lexicon that reports all the same: it has a subject of its own
        and governs a finite clause opened by "that" ("the court ruled that…"), and is not one
        of the verbs whose that-clause nobody claims ([general_report] stop). Its surface form
        stands for the base word."""
        lex = self.lex
        if tok.pos_ != "VERB" or not tok.tag_.startswith("VB"):
            return None
        if verb_base(tok.lower_, lex.general_stop, lex.irregular) is not None:
            return None
        if not any(c.dep_ == "nsubj" for c in tok.children):
            return None
        for c in tok.children:
            if (
                c.dep_ == "ccomp"
                and c.i > tok.i
                and _finite_clause(c)
                and any(m.dep_ == "mark" and m.lower_ in lex.general_marks for m in c.children)
            ):
                return tok.lower_
        return None

    def _learned_cue(self, tok: Tok | Token) -> tuple[str, str, Token] | None:
        """A verb the cue classifier takes as a report ("the ministry sent a letter"): (lemma,
        construction, complement head), when it is a candidate (a complement after it, a
        speaker as its subject) and the model's probability reaches its threshold
        (cue_model.py, data/cue_model.json)."""
        if not self.use_model or tok.pos_ != "VERB" or tok.tag_[:2] != "VB":
            return None
        cand = cue_model.candidate(self.doc[tok.i], self.lex, self.sources)
        if cand is None or (
            cand.subj_kind in self.lex.general_not_kinds and self._lexicon_base(tok) != (None, None)
        ):
            return None  # a lexicon verb its rules refused: not for a subject of no known kind
        if cue_model.score(cand, self.lex, self.sources, self.quotes) < cue_model.threshold(cand):
            return None
        return cand.verb.lemma_.lower(), cand.kind, cand.comp

    def _learned_content(self, tok: Token, kind: str, comp: Token) -> tuple[int, int] | None:
        """What a learned cue reports: its clause, its infinitive (with the object before it:
        "asked the board to…"), or its object or its preposition's object with what completes
        it on the verb's right ("appointed two women to the board", "named him as…")."""
        if kind in (THAT, CLAUSE):
            return self.span_of(self._clause(comp))
        if kind == INFINITIVE:
            obj = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.i < comp.i]
            return self.span_of([t for c in [*obj, comp] for t in c.subtree])
        if any(c.dep_ in ("acl", "relcl") and self.lex.cue_verb(c) for c in comp.children):
            return None  # "issued a statement calling…": the statement's own claim says it
        after = comp.right_edge.i + 1
        if any(t.text == ":" for t in comp.subtree) or (
            after < len(self.doc) and self.doc[after].text == ":"
        ):
            return None  # "released the following statement: …": what the colon opens says it
        toks = list(comp.subtree)
        last = comp.right_edge.i
        for c in tok.rights:
            if c.i <= last:
                continue
            if c.dep_ in ("cc", "conj", "punct", "advcl", "parataxis", "ccomp", "npadvmod"):
                break
            if c.dep_ == "prep" and (
                c.lower_ in cue_model.settings().circumstance_preps
                or any(p.ent_type_ in ("DATE", "TIME") for p in c.children)
            ):
                continue  # "approved the budget on Tuesday after a long debate": the budget
            toks.extend(c.subtree)
        return self.span_of(toks)

    def _general_speaker(self, tok: Token, src: SrcRef) -> bool:
        """The subject of a verb outside the lexicon speaks when it is a personal pronoun or
        a source of a known kind (a person, an organisation, a document…)."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ == "PRON":
            pron = self.lex.pronouns
            return subj.lower_ in pron["person"] | pron["plural"] | pron["relative"]
        return src.kind not in self.lex.general_not_kinds

    def _prep_clause(self, tok: Token, base: str) -> tuple[tuple[int, int], Token] | None:
        """ "called for the mayor to resign": the verb's content preposition read as the mark
        of an infinitive clause; the clause is the content, the preposition joins the cue."""
        for c in tok.children:
            if c.dep_ != "advcl" or c.i < tok.i:
                continue
            mark = next((m for m in c.children if m.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in self.lex.prep_content.get(base, ()):
                return self.span_of([t for t in c.subtree if t.i != mark.i]), mark
        return None

    def _relays_as_saying(self, tok: Token) -> bool:
        """ "The agency quoted the minister as saying…": the quoting verb reports no content of
        its own; the participle after "as" carries the minister's words."""
        return any(
            c.dep_ == "prep"
            and c.lower_ == "as"
            and any(
                relayed_speaker(p, self.lex.relay_verbs, self.lex.irregular) is not None
                for p in c.children
            )
            for c in tok.children
        )

    def _cites_source(self, tok: Token) -> bool:
        """ "citing officials", "citing a report": a source the report came through; "citing
        the strategic importance of the port" cites a reason, the speaker's own content."""
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
        return obj is None or self.sources.from_head(obj).kind != "unknown"

    def _held_position(self, tok: Token, base: str) -> bool:
        """A stance, intention or criticism is someone's position when its verb has a subject
        of its own and no modal and describes no noun ("the union backs the mayor", not
        "nations (who are) supporting Ukraine" nor "it could support the talks", a capability).
        A verb of `[positions] own_subject` needs a subject written on it ("the senator
        defended the vote", not "an alliance meant to defend its members")."""
        children = list(tok.children)
        if tok.dep_ == "relcl" and self._relative_stand(tok, children):
            return True
        if base not in self.lex.own_subject and position_participle(tok, self.lex, self.sources):
            return True  # "…, endorsing two candidates" (known_cues)
        if tok.dep_ in ("relcl", "acl"):
            return False  # "nations who are supporting Ukraine": a description, not a stand
        # "the union backs the mayor"; "the mayor is backed by the union" (its agent holds it)
        own = any(c.dep_ in ("nsubj", "agent") for c in children) or noun_read_verb(tok)
        if base not in self.lex.own_subject:
            own = own or tok.dep_ in ("conj", "xcomp")
        elif any(c.dep_ in ("dobj", "obj") and self._literal_object(c) for c in children):
            return False  # "the militia defended the town", "they defended themselves"
        return own and not any(c.tag_ == "MD" for c in children)

    def _relative_stand(self, tok: Token, children: list[Token]) -> bool:
        """ "cities that support the rules", "a PAC that intends to…": a relative clause whose
        relative pronoun is the subject of a finite verb (no participle, no modal) holds its
        noun's stand; "nations supporting Ukraine" describes them."""
        return (
            tok.tag_ in ("VBZ", "VBP", "VBD")
            and any(
                c.dep_ == "nsubj" and c.lower_ in self.lex.pronouns["relative"] for c in children
            )
            and not any(c.dep_ in ("aux", "auxpass", "neg") for c in children)
        )

    def _literal_object(self, obj: Token) -> bool:
        """An object that gives a verb of `[positions] own_subject` its literal sense: a place,
        a reflexive pronoun, or a word of `[positions] literal_objects` ("its borders")."""
        return (
            obj.ent_type_ in ("GPE", "LOC", "FAC")
            or obj.lower_.endswith(("self", "selves"))
            or noun_base(obj.lower_, self.lex.literal_objects) is not None
        )

    def _criticism_target(self, tok: Token, base: str) -> bool:
        """A verb of attack reports with a reason ("for…", "as…"), its own preposition
        ("railed against"), or a person as its object ("blasted Ms. Roe")."""
        lex = self.lex
        for c in tok.children:
            if c.dep_ in ("prep", "prt") and (
                c.lower_ in lex.criticism_preps or c.lower_ in lex.prep_content.get(base, ())
            ):
                return True
            if c.dep_ in ("dobj", "obj"):
                e = self.sources.ent(c)
                if (e is not None and e.label == "PERSON") or c.lower_ in lex.gender:
                    return True
                if self._person_subject(tok):
                    return True  # "Roe attacked the levy": a named person attacks in words
        return False

    def _person_subject(self, tok: Token) -> bool:
        """The verb's subject is a person named or a singular personal pronoun."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        if subj.lower_ in self.lex.gender and subj.pos_ == "PRON":
            return True
        e = self.sources.ent(subj)
        return e is not None and e.label == "PERSON"

    def _split_at_frame(
        self, tok: Token, src: SrcRef, cue_span: tuple[int, int], start: int, end: int
    ) -> tuple[int, int] | None:
        """The frame (speaker and cue, with what hangs on the cue) when it stands strictly
        inside the content with content words on both sides: (frame start, frame end)."""
        f0, f1 = cue_span
        if src.start is not None and src.end is not None and start < src.start < end:
            f0, f1 = min(f0, src.start), max(f1, src.end)
        if not (start < f0 and f1 < end):
            return None
        own = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        if not (own[0] <= start and end <= own[1]):
            # the content is not the cue's own subtree (a parenthetical "he said"): what
            # hangs on the cue ("on Tuesday") belongs to the frame
            f0, f1 = min(f0, own[0]), max(f1, own[1])
        if not (start < f0 and f1 < end):
            return None
        if not self.text[start:f0].strip(_STRIP_END) or not self.text[f1:end].strip(_STRIP_END):
            return None
        return (f0, f1)

    def _reported_by_other(self, tok: Token) -> bool:
        """A named speaker's report holds this clause: its verb governs it ("said the
        minister is expected to…") or hangs on it (“…is expected to visit, her ministry
        said”)."""
        if tok.dep_ in ("ccomp", "xcomp") and self.lex.cue_verb(tok.head) is not None:
            return True
        return any(
            c.dep_ in ("parataxis", "ccomp", "advcl")
            and self.lex.cue_verb(c) is not None
            and any(g.dep_ == "nsubj" for g in c.children)
            for c in tok.children
        )

    def _sourceless_passive(self, tok: Token, base: str) -> bool:
        """A passive reporting verb with no agent ("is widely expected", "was asked")."""
        if base not in self.lex.sourceless_passive:
            return False
        if not any(c.dep_ == "auxpass" for c in tok.children):
            return False
        return not any(c.dep_ == "agent" for c in tok.children)

    def _channel(self, tok: Token) -> list[Token] | None:
        """The "in a statement" / "in an interview" right after an active reporting verb."""
        if any(c.dep_ == "auxpass" for c in tok.children):
            return None  # "revealed in a report": the report is the source
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "in" and c.i <= tok.i + 3:
                obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if obj is not None and noun_base(obj.lower_, self.lex.channels):
                    return [self.doc[i] for i in range(c.i, obj.i + 1)]
        return None

    def _provenance_participle(self, tok: Token) -> bool:
        """ "a document obtained by X", "reporting referenced in the document": not a claim."""
        if tok.dep_ not in ("acl", "relcl") or tok.tag_ != "VBN":
            return False
        has_clause = any(c.dep_ in ("ccomp", "dobj") for c in tok.children)
        return not has_clause

    def _negated_verification(self, tok: Token) -> bool:
        lex = self.lex
        if any(
            c.dep_ == "neg" or c.lower_ in lex.verification_negators
            for c in tok.children
            if c.dep_ in ("neg", "aux", "advmod")
        ):
            return True
        head = tok.head
        if tok.dep_ == "xcomp" and (
            head.lower_ in lex.verification_negators
            or verb_base(head.lower_, lex.verification_negators, lex.irregular)
        ):
            return True
        return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)

    def _first_person(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(
            t.lower_ in self.lex.first_person and not _inside_quote(self.quotes, t.idx)
            for t in span
        )
