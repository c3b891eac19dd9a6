"""Rule family: who speaks for a reporting verb (its subject, the governor's subject when it has
none, a repaired parse) and who is only addressed ("told reporters").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from newsint.stages.claims.context import (
    UNNAMED,
    ExtractorBase,
    _after_quoted_comma,
    _inside_quote,
)
from newsint.stages.claims.lexicon import noun_base, verb_base
from newsint.stages.claims.lost_subjects import (
    inverted_speaker,
    object_controller,
    swallowed_subject,
)
from newsint.stages.claims.no_speaker import speaks_for_nobody, unsaid
from newsint.stages.claims.repairs import noun_read_verb, run_in_subject, run_into
from newsint.stages.claims.source_choice import (
    addressed_participle,
    controlled_speaker,
    governing_verb,
    object_infinitive,
    relayed_speaker,
)
from newsint.stages.claims.source_fixes import quoted_speaker, speaking_subjects
from newsint.stages.claims.source_refs import SrcRef

if TYPE_CHECKING:
    from spacy.tokens import Token


class SpeakerRules(ExtractorBase):
    """Speakers of reporting verbs."""

    def _addressee(self, tok: Token) -> bool:
        e = self.sources.ent(tok)
        if tok.pos_ == "PRON" or (e is not None and e.label in ("PERSON", "ORG", "GPE", "NORP")):
            return True
        return bool(
            noun_base(
                tok.lower_,
                self.lex.source_nouns["anonymous"]
                | self.lex.source_nouns["person"]
                | self.lex.source_nouns["media"],
            )
        )

    def _speaker(self, tok: Token, depth: int = 0) -> tuple[SrcRef | None, str | None, int | None]:
        """The source of a reporting verb: its subject, its agent, the noun it modifies, or,
        failing those, the speaker of the verb it depends on."""
        if unsaid(tok):  # "without knowing how…": nothing is said through the verb
            return None, None, None
        relayed = relayed_speaker(tok, self.lex.relay_verbs, self.lex.irregular)
        if relayed is not None:
            return self._relayed(*relayed), None, None
        children = list(tok.children)
        subjects = speaking_subjects(
            [c for c in children if c.dep_ in ("nsubj", "csubj")], self.lex
        )  # "a levy which critics say…": "which" is what they say, not who
        subj = next(iter(subjects), None)
        if len(subjects) > 1 and not _inside_quote(self.quotes, tok.idx):
            # "“…it will at some point,” said Jane Roe": the quoted clause's subject is not hers
            subj = next((c for c in subjects if not _inside_quote(self.quotes, c.idx)), subj)
            before = [c for c in subjects if c.i < tok.i and not _inside_quote(self.quotes, c.idx)]
            if len(before) > 1 and self.text[before[-2].idx : before[-1].idx].count(":"):
                # "The Latest: Trump urges…": a label before a colon is no second subject
                subj = before[-1]
        if subj is not None and speaks_for_nobody(subj, tok, self.lex):
            return None, None, None  # "That said, …", "Do you support the levy?"
        if (
            subj is not None
            and subj.lower_ in ("it", "there")
            and any(c.dep_ == "ccomp" for c in children)
            and (
                subj.lower_ == "there"
                or self.lex.cue_verbs.get(self.lex.cue_verb(tok) or "") in (None, "uncertain")
            )
        ):
            subj = None  # "it appears that…", "it suggests that…"; but "It said it decided…"
        if subj is not None and tok.dep_ == "relcl" and tok.head.pos_ == "NOUN":
            issuer = self._relative_issuer(subj, tok.head)
            if issuer is not None:  # "she released a video that accuses…": hers
                return self.sources.from_head(issuer), None, None
        finite = tok.tag_ in ("VBZ", "VBD", "VBP")
        if noun_read_verb(tok) or (subj is None and finite and run_into(tok)):
            run_in = run_in_subject(tok)
            if run_in:  # "The Roe campaign plans to…": the phrase run into the verb
                src = self.sources.from_head(run_in[-1])
                start, end = run_in[0].idx, run_in[-1].idx + len(run_in[-1].text)
                return replace(src, start=start, end=end, text=self.text[start:end]), None, None
        if subj is not None:
            return self.sources.from_head(self._past_credit(subj, tok)), None, None
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return self.sources.from_head(obj), None, None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
        if passive:
            for c in children:
                if c.dep_ == "prep" and c.lower_ in ("in", "by"):
                    obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if obj is not None and obj.i in self.sources.entry_at:
                        if verb_base(tok.lower_, self.lex.question_verbs, self.lex.irregular):
                            # "In an interview, X was asked…": the interview asks nothing
                            return SrcRef(text=UNNAMED, kind="anonymous"), None, None
                        return self.sources.from_head(obj), None, None
            return None, None, None
        sender = addressed_participle(tok, self.lex.irregular)
        if sender is not None and depth < self.cfg.inherit_depth and self._addressee(tok.head):
            src = self._speaker(sender, depth + 1)[0]  # "emailed supporters saying: …"
            if src is not None:
                return src, f"speaker taken from “{sender.text}”", sender.i
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            issuer = self._issuer(tok.head)
            if issuer is not None:
                return self.sources.from_head(issuer), None, None
        controller = controlled_speaker(tok, self.lex.irregular) or object_controller(tok, self.lex)
        if controller is not None:  # "left many farmers feeling…": the farmers feel
            return self.sources.from_head(controller), None, None
        if depth < self.cfg.inherit_depth and tok.dep_ in ("acl", "relcl") and tok.tag_ == "VB":
            noun = tok.head  # (object_infinitive's first test, before the source lookups)
            owner = object_infinitive(
                tok, self.sources.from_head(noun).kind, self.sources.ent(noun) is not None
            )
            if owner is not None:  # "has done nothing to explain…": the subject's act
                who, up = owner
                if not up:
                    return self.sources.from_head(who), None, None
                src = self._speaker(who, depth + 1)[0]
                if src is not None:
                    return src, f"speaker taken from “{who.text}”", who.i
        around = self._clause_speaker(tok, depth)  # "at a news conference announcing…"
        if around is not None:
            return around
        if (
            tok.dep_ == "acl"
            and tok.head.pos_ in ("NOUN", "PROPN")
            and (tok.tag_ == "VBG" or tok.head.dep_ not in ("nsubj", "nsubjpass"))
        ):
            # "a group opposing the plan": the group opposes; "denies its minister called for
            # talks": a clause the parser hung on the noun. But "officials briefed on the
            # talks told…" (a past form on a sentence's subject) is done to the officials
            return self.sources.from_head(tok.head), None, None
        if tok.dep_ == "relcl":
            return self.sources.from_head(tok.head), None, None
        if tok.dep_ == "ROOT":
            inverted = inverted_speaker(tok, self.lex)
            if inverted is not None:  # "“…,” added another councillor" (lost_subjects)
                return self.sources.from_head(inverted), None, None
            repaired = self._repair_subject(tok)
            if repaired is not None:
                return (
                    self.sources.from_head(repaired),
                    f"subject “{repaired.text}” taken from the start of the sentence",
                    None,
                )
            swallowed = swallowed_subject(tok)
            if swallowed is not None:  # "In a statement to the Gazette, Tom Reyes said…"
                src = self.sources.from_head(swallowed)
                e = self.sources.ent(swallowed)
                if e is not None and e.label == "PERSON" and (src.start or 0) < e.start:
                    # "a meeting with the Harbour Gazette Lund said": the name, not the paper
                    src = replace(src, start=e.start, end=e.end, text=e.text)
                return src, None, None
        outer = self._frame_of_participle(tok)
        if outer is not None:
            src, _, _ = self._speaker(outer, depth + 1)
            if src is not None:
                return src, f"speaker taken from “{outer.text}”", outer.i
        if tok.dep_ == "conj" and self._shared_report(tok):  # type: ignore[attr-defined]
            src, _, _ = self._speaker(tok.head.head, depth + 1)
            if src is not None and quoted_speaker(tok, src.start, self._quoted):
                return self._report_before(tok)
            if src is not None:
                return src, f"speaker taken from “{tok.head.head.text}”", tok.head.head.i
        if depth < self.cfg.inherit_depth and tok.dep_ in (
            "advcl",
            "xcomp",
            "conj",
            "pcomp",
            "dep",
        ):
            head = tok.head
            if tok.dep_ == "pcomp" or head.dep_ == "prep":
                head = head.head if head.dep_ == "prep" else head
            if head.i == tok.i:
                return None, None, None
            src, _, _ = self._speaker(head, depth + 1)
            if src is not None and quoted_speaker(tok, src.start, self._quoted):
                return self._report_before(tok)  # "-- 'That keeps the pier open' -- and asserting"
            if src is not None:
                return src, f"speaker taken from “{head.text}”", head.i
        return None, None, None

    def _quoted(self, pos: int) -> bool:
        return _inside_quote(self.quotes, pos)

    def _report_before(self, tok: Token) -> tuple[SrcRef | None, str | None, int | None]:
        """The speaker of a report right before the participle `tok`, set off from it by a
        comma, both outside any quotation ("“…,” Brandt said, going on to say that…", where
        the parser hung the participle on the quoted verb); else none."""
        start = tok.left_edge.i
        if tok.tag_ != "VBG" or start < 2 or not self.doc[start - 1].is_punct:
            return None, None, None
        i = start - 1
        while i > 0 and self.doc[i].is_punct:
            i -= 1
        f = self.by_verb.get(i)
        if f is None or f.source.start is None or _inside_quote(self.quotes, self.doc[i].idx):
            return None, None, None
        if quoted_speaker(tok, f.source.start, self._quoted):
            return None, None, None
        return f.source, f"speaker taken from “{self.doc[i].text}”", i

    def _relayed(self, quoted: Token, relayer: Token | None) -> SrcRef:
        """The one quoted, with the one who quoted them as the link before it (a copy: the
        registry's source of that name stays as it is elsewhere)."""
        src = self.sources.from_head(quoted)
        if relayer is None:
            return src
        if relayer.dep_ == "nsubj":  # "HALDEN (Nordic Wire) — the agency quoted…"
            relayer = self._past_credit(relayer, relayer.head)
        via = self.sources.from_head(relayer)
        # the quoter is the provenance, also where the parse gave the one quoted another (the
        # dateline's place, when the parser made it the verb's subject)
        return src if via.key() == src.key() else replace(src, parent=via)

    def _clause_speaker(self, tok: Token, depth: int) -> tuple[SrcRef, str, int] | None:
        """A participle or infinitive without a subject on a common noun of no speaking kind
        (an occasion, a means: "at a news conference announcing…", "had every reason to
        know…"): the speaker of the clause the noun sits in, not the noun."""
        if tok.dep_ not in ("acl", "relcl") or tok.head.pos_ != "NOUN":
            return None
        noun = tok.head
        if depth >= self.cfg.inherit_depth or self.sources.ent(noun) is not None:
            return None
        verb = governing_verb(noun)
        if verb is None or self.sources.from_head(noun).kind != "unknown":
            return None
        src = self._speaker(verb, depth + 1)[0]
        return (src, f"speaker taken from “{verb.text}”", verb.i) if src is not None else None

    def _relative_issuer(self, subj: Token, noun: Token) -> Token | None:
        """The issuer of the statement a relative pronoun stands for: "the senator released a
        video that accuses…" (PolNeAR's source is the senator, as with "a video accusing…")."""
        if subj.lower_ not in self.lex.pronouns["relative"] or subj.head.head.i != noun.i:
            return None
        return self._issuer(noun)

    def _issuer(self, noun: Token) -> Token | None:
        """The subject of the verb that put out the statement a reporting verb describes:
        "the council issued a statement calling…", "he released a letter that says…"."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None and self.sources.from_head(noun).kind in ("statement", "document"):
            return owner  # "Trump's tweet calling…"
        verb = noun.head
        if noun.dep_ not in ("dobj", "obj") or verb.i == noun.i:
            return None
        if (
            verb_base(verb.lower_, self.lex.issuer_verbs, self.lex.irregular) is None
            and verb.lemma_.lower() not in self.lex.issuer_verbs  # "sent out a release saying"
        ):
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)

    def _frame_of_participle(self, tok: Token) -> Token | None:
        """The reporting verb whose clause a participle set off by a comma hangs in: "X said
        he did not believe it, arguing that…" (X argues, not "he" of the reported clause)."""
        if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "xcomp", "conj") or tok.i == 0:
            return None
        if self.doc[tok.left_edge.i - 1].text != "," and not _after_quoted_comma(tok):
            return None
        for anc in tok.ancestors:
            if anc.dep_ == "ccomp" and self.lex.cue_verb(anc.head) is not None:
                return anc.head
        return None

    def _past_credit(self, subj: Token, verb: Token) -> Token:
        """A subject the parser found inside a dateline ("CLEVELAND (UPI) -- Jane Roe told…"
        made "UPI" the subject): the noun phrase between the dateline and the verb is."""
        credit = next((c for c in self.sources.credits if c.start <= subj.idx < c.end), None)
        if credit is None or verb.idx < credit.end:
            return subj
        inside = [t for t in self.doc[subj.i : verb.i] if t.idx >= credit.end]
        span = {t.i for t in inside}
        roots = [
            t
            for t in inside
            if t.head.i not in span and t.pos_ in ("NOUN", "PROPN", "PRON") and not t.is_punct
        ]
        return roots[-1] if roots else subj

    def _repair_subject(self, tok: Token) -> Token | None:
        """A sentence-initial noun phrase the parser made the subject of a verb inside the
        cue's own clause (often inside a quoted title): it is the cue's subject."""
        sent = self.sents.of(tok)
        first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
        if first is None or first.i >= tok.i:
            return None
        head = first
        while (
            head.head.i != head.i
            and head.dep_ in ("det", "amod", "compound", "poss", "nummod", "case")
            and head.head.i < tok.i
        ):
            head = head.head
        if head.dep_ not in ("nsubj", "nsubjpass") or head.pos_ not in ("NOUN", "PROPN"):
            return None
        verb = head.head
        if verb.i == tok.i or (
            verb.i < tok.i and tok not in verb.ancestors and verb not in tok.subtree
        ):
            return None
        if any(c.dep_ == "nsubj" for c in tok.children):
            return None
        return head if verb in tok.subtree else None
