"""(source, cue, content) triples from the dependency parse and the quotation marks.

Rules, each recorded on what it finds (`Found.rule`):
  verb          a reporting verb: its subject is the source, its clause/object/quote the content
                ("X said that…", "“…,” X said", "X told reporters…", "X urged Y to…");
                a verb without a subject takes its governor's ("…, adding that…", "by stating…");
                a passive without an agent rests on an unnamed source ("is expected to…");
                a speaker tag inside the content splits it in two ("The plan, he said, is…")
  according     "according to X", "as reported by X", "per X": X is the source of the clause
                (the whole sentence when the phrase opens or closes it)
  noun          a reporting noun with a that-clause and an owner ("X's claim that…")
  colon         "Name: content" at the start of a paragraph (headline style)
  continuation  a quotation with no cue of its own, next to one that has a speaker
  unattributed  a sentence (or main clause) no attribution covers: the article's own claim
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import Lexicon, noun_base, verb_base
from newsint.stages.claims.quotes import Quote, inside_speech
from newsint.stages.claims.sources import Sources, SrcRef
from newsint.text.segments import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.config import Claims as ClaimsConfig

_ADDRESSEE_VERBS = {
    "tell",
    "inform",
    "ask",
    "urge",
    "warn",
    "brief",
    "assure",
    "remind",
    "notify",
    "advise",
    "instruct",
    "thank",
}
UNNAMED = "unnamed source"
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "attr", "acomp", "csubj", "oprd"}
_SIGNATURE = re.compile(
    r"(?P<dash>(?:^|\s|(?<=[”\"']))(?:[—―–]|--?))\s*"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|bin)){0,3})"
    r"(?:\s*\((?P<handle>@\w+)\))?"
    r"(?P<tail>[ ,]*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{4})?[.]?\s*(?:</\w+>)?[.]?)$",
    re.MULTILINE,
)
_OPENERS = {
    "but",
    "and",
    "yet",
    "however",
    "still",
    "also",
    "so",
    "meanwhile",
    "instead",
    "now",
    "then",
    "indeed",
    "moreover",
    "further",
    "furthermore",
    "separately",
}
_STRIP_END = " \t\n,;:—–-"
_STRIP_START = " \t\n,;:—–-"
_SENT_END = ".!?…"


@dataclass(eq=False)
class Found:
    """One attribution (or unattributed assertion) before chains and status are decided."""

    rule: str
    content: tuple[int, int]
    source: SrcRef
    cue: tuple[int, int] | None = None
    effect: str = "asserted"  # what the cue alone says about the content's status
    cue_tokens: list[int] = field(default_factory=list)
    source_tokens: set[int] = field(default_factory=set)
    sentence: tuple[int, int] = (0, 0)
    scope: str = "clause"  # "sentence" for a sentence-wide "according to"
    via: list[SrcRef] = field(default_factory=list)  # "…, citing Y": links after the source
    notes: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 1.0
    first_person: bool = False  # content before the cue in the first person: a quote
    inherited_from: int | None = None  # token of the verb whose speaker this one shares
    caveats: list[Evidence] = field(default_factory=list)  # unverified, from outside the claim
    parent: Found | None = None
    kind: str = "indirect"
    anaphor: tuple[int, int] | None = None  # "This information" pointing back

    def frame(self) -> tuple[int, int] | None:
        """Character range of the cue and source together, when they sit side by side."""
        spans = [
            s for s in (self.cue, (self.source.start, self.source.end)) if s and s[0] is not None
        ]
        if not spans:
            return None
        return (min(s[0] for s in spans), max(s[1] for s in spans))  # type: ignore[type-var]


class Extractor:
    """Finds the attributions of one parsed article."""

    def __init__(
        self,
        doc: Doc,
        lex: Lexicon,
        cfg: ClaimsConfig,
        sources: Sources,
        quotes: list[Quote],
        title: tuple[int, int] | None,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.cfg = cfg
        self.sources = sources
        self.quotes = quotes
        self.title = title
        self.by_verb: dict[int, Found] = {}
        self.extra: list[Found] = []  # second parts of contents split by their frame
        self.paragraphs = paragraphs(self.text)
        self.sents = sources.sents
        self._prep_first = {p[0] for p in lex.prep_cues}

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Found]:
        found: list[Found] = []
        for sent in self.sents.spans:
            here: list[Found] = []
            for tok in sent:
                f = self.verb_cue(tok)
                if f is not None:
                    here.append(f)
                    self.by_verb[tok.i] = f
                    if f.source.start is not None:
                        self.sources.note_speaker(tok.i, f.source)
            here.extend(self.extra)
            self.extra = []
            for tok in sent:
                here.extend(self.prep_cue(tok, sent))
                f = self.noun_cue(tok)
                if f is not None:
                    here.append(f)
            f = self.colon_cue(sent)
            if f is not None:
                here.append(f)
            self._trim_against_outer(here)
            found.extend(here)
        found.extend(self.signatures(found))
        found = [f for f in found if f.content[1] > f.content[0]]
        found.extend(self.continuations(found))
        found = _dedupe(found)
        self.anaphora(found)
        found = [f for f in found if f.rule != "anaphora-dropped"]
        if self.cfg.unattributed:
            found.extend(self.unattributed(found))
        found.sort(key=lambda f: (f.content[0], f.content[1], f.cue[0] if f.cue else -1))
        self.nest(found)
        return found

    # ------------------------------------------------------------------ spans

    def span_of(self, tokens: list[Token] | set[int]) -> tuple[int, int]:
        toks = [self.doc[t] if isinstance(t, int) else t for t in tokens]
        toks = [t for t in toks if not t.is_space]
        if not toks:
            return (0, 0)
        start = min(t.idx for t in toks)
        end = max(t.idx + len(t.text) for t in toks)
        return (start, end)

    def finish(
        self,
        start: int,
        end: int,
        keep_final: bool = False,
        cue: tuple[int, int] | None = None,
    ) -> tuple[int, int]:
        """Trim punctuation at the edges; grow to whole quotations the edges fall inside
        (unless the cue itself is inside that quotation: a quote within a quote)."""
        text = self.text
        while start < end and (text[start] in _STRIP_START or text[start].isspace()):
            start += 1
        while end > start:
            ch = text[end - 1]
            final = ch in _SENT_END and not _inside_quote(self.quotes, end - 1)
            if ch in _STRIP_END or ch.isspace() or (final and not keep_final):
                end -= 1
            else:
                break
        for q in self.quotes:
            if cue is not None and q.start <= cue[0] < q.end:
                continue
            if q.start < start < q.end:
                start = q.start
            if q.start < end < q.end:
                end = q.end
        return (start, end)

    def sent_span(self, sent: Span) -> tuple[int, int]:
        return (sent.start_char, sent.end_char)

    def in_title(self, pos: int) -> bool:
        return self.title is not None and self.title[0] <= pos < self.title[1]

    # ------------------------------------------------------------------ reporting verbs

    def verb_cue(self, tok: Token) -> Found | None:
        lex = self.lex
        base = lex.cue_verb(tok)
        particle: Token | None = None
        if base is None and tok.pos_ == "VERB":
            b = verb_base(tok.lower_, lex.cue_particles, lex.irregular)
            if b is not None:
                particle = next(
                    (
                        c
                        for c in tok.children
                        if c.dep_ in ("prt", "prep") and c.lower_ in lex.cue_particles[b]
                    ),
                    None,
                )
                if particle is not None and b in lex.cue_verbs:
                    base = b
                elif particle is not None and b not in lex.cue_verbs:
                    base = None
        if base is None:
            return None
        if base in lex.cue_particles and particle is None:
            particle = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "prt" and c.lower_ in lex.cue_particles[base]
                ),
                None,
            )
            if base in lex.particle_required and particle is None:
                return None
        if tok.dep_ in ("amod", "compound", "nmod", "aux", "auxpass"):
            return None
        if inside_speech(self.quotes, tok.idx, self.text, self.cfg.min_speech_quote_words):
            return None  # "I think…" inside a quotation is the quoted speaker's own voice
        if self._provenance_participle(tok):
            return None
        if tok.tag_ == "VBG" and tok.lower_ in lex.chaining_preps:
            return None  # "…, citing officials" extends another report (see prep_cue)
        negated = any(c.dep_ == "neg" or c.lower_ in ("cannot", "can't") for c in tok.children)
        if negated and not any(c.dep_ == "ccomp" for c in tok.children):
            return None  # "cannot comment on the investigation": nothing is reported
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
        ):
            return None  # "would cause Washington to express concern": not a report
        if base in lex.verification_verbs and self._negated_verification(tok):
            return None  # "has not authenticated the document" is a caveat, not a claim
        effect = lex.cue_verbs[base]
        cue_toks = [tok] + ([particle] if particle is not None else [])
        content_from = tok
        sourceless = self._sourceless_passive(tok, base)
        for child in tok.children:
            if sourceless:
                break  # "is expected to announce a run": the run is what is expected
            if _infinitive_complement(child) and lex.cue_verb(child) is not None:
                cue_toks.append(child)
                content_from = child
                effect = _stronger(lex, effect, lex.cue_verbs[lex.cue_verb(child) or "say"])
                break
        if tok.dep_ == "xcomp" and verb_base(head.lower_, lex.cue_extenders, lex.irregular):
            cue_toks.insert(0, head)
        channel = self._channel(tok)
        if channel is not None:  # "said in a statement", "told in an interview"
            cue_toks.extend(channel)
        quoted = self._quoted_subject(tok)
        if quoted is not None:
            # "“Very good reporter, this guy,” Trump, the frontrunner, said": the parser made the
            # quotation the subject; the speaker is the name right after it
            content, speaker = quoted
            src, note, inherited = self.sources.from_head(speaker), None, None
        else:
            content = self._content(
                content_from, verb_base(content_from.lower_, lex.cue_verbs, lex.irregular) or base
            )
            if content is None:
                return None
            src, note, inherited = self._speaker(tok)
        whole = False  # the content is the whole clause, cue included
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
                content, whole = self.span_of(self._clause(tok)), True
        if src is None:
            return None
        sent = self.sents.of(tok)
        cue_span = self.span_of(cue_toks)
        start, end = content
        tail = None if whole else self._split_at_frame(tok, src, cue_span, start, end)
        if tail is not None and len(self.text[start : tail[0]].strip(_STRIP_END).split()) < (
            self.cfg.split_part_min_words
        ):
            # "Overall, she said, …", "what he calls corruption": too short a first part is
            # left out; the content is the part after the frame
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
        if tail is not None:
            t0, t1 = self.finish(*tail, cue=cue_span)
            if len(self.text[t0:t1].split()) >= self.cfg.split_part_min_words:
                second = replace(
                    f,
                    content=(t0, t1),
                    cue_tokens=list(f.cue_tokens),
                    notes=[*f.notes, "second part of a content the speaker tag interrupts"],
                    evidence=list(f.evidence),
                    source_tokens=set(f.source_tokens),
                    via=list(f.via),
                    caveats=list(f.caveats),
                )  # a copy of the first part's attribution, sharing no mutable field
                self.extra.append(second)
        return f

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

    def _clause(self, root: Token) -> list[Token]:
        """A clause without the participle tacked on after a comma ("…, pointing to X"):
        that participle is the reporter's, not part of what is reported."""
        drop: set[int] = set()
        for c in root.rights:
            if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG":
                prev = self.doc[c.left_edge.i - 1] if c.left_edge.i > 0 else None
                if prev is not None and prev.text in (",", "—", "–", "-"):
                    drop.update(t.i for t in c.subtree)
                    drop.add(prev.i)
        return [t for t in root.subtree if t.i not in drop]

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
        failing…", "called the program “worse than amnesty”", "described X as Y"."""
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
            if any(self.lex.cue_verb(t) is not None for t in c.subtree):
                break  # "…, by stating that…": another report, not this one's content
            if c.dep_ in ("advcl",) and c.tag_ == "VBG":
                break
            toks.extend(c.subtree)
        return toks

    def _content(self, tok: Token, base: str) -> tuple[int, int] | None:
        lex = self.lex
        children = list(tok.children)
        ccomp = [c for c in children if c.dep_ == "ccomp"]
        if len({c.i > tok.i for c in ccomp}) > 1:
            ccomp = [c for c in ccomp if c.i > tok.i]  # one side only: the other is a misparse
        if ccomp:
            toks = [t for c in ccomp for t in self._clause(c)]
            return self.span_of(toks)
        xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
        dobj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
        if xcomp is not None and base in lex.xcomp_content and xcomp.i > tok.i:
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
            return self.span_of(toks)
        # "“…,” X said": the reporting clause hangs off the quoted clause
        # "A new manager, he said, could set a new tone": around the inserted frame
        head = tok.head
        if (
            tok.dep_ in ("parataxis", "ccomp", "advcl")
            and head.i != tok.i
            and lex.cue_verb(head) is None
            # "Instead, Trump told CNN, his policy would…": in a parenthetical frame, an
            # addressee is no content
            and not any(
                c.dep_ == "ccomp"
                or (c.dep_ == "dobj" and not (tok.dep_ == "parataxis" and self._addressee(c)))
                for c in children
            )
            and any(c.dep_ == "nsubj" for c in children)
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
            addressee = base in _ADDRESSEE_VERBS or self._evidence_only(tok, base)
            pronoun = dobj.pos_ == "PRON" and dobj.lower_ not in ("this", "that", "it")
            if not addressee and not pronoun:
                return self.span_of(self._object_and_rest(tok, dobj))
        if base in lex.prep_content:
            for c in children:
                if c.dep_ in ("prep", "prt") and c.lower_ in lex.prep_content[base]:
                    obj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        return self.span_of(list(obj.subtree))
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

    def _quote_after(self, pos: int) -> Quote | None:
        """A quotation starting right after `pos` (only spaces and line breaks between)."""
        for q in self.quotes:
            if q.start >= pos and not self.text[pos : q.start].strip():
                return q
        return None

    def _quote_before(self, tok: Token) -> Quote | None:
        """ "“…,” he said" where the parser did not tie the quote to the verb."""
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        left = subj[0].left_edge.idx if subj else tok.idx
        for q in self.quotes:
            adjacent = q.end <= left and not self.text[q.end : left].strip(" ,")
            if adjacent and q.words(self.text) >= self.cfg.min_speech_quote_words:
                return q
        return None

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
        children = list(tok.children)
        subj = next((c for c in children if c.dep_ in ("nsubj", "csubj")), None)
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
        if subj is not None:
            return self.sources.from_head(subj), None, None
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
                        return self.sources.from_head(obj), None, None
            return None, None, None
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return self.sources.from_head(tok.head), None, None
        if tok.dep_ == "relcl":
            return self.sources.from_head(tok.head), None, None
        if tok.dep_ == "ROOT":
            repaired = self._repair_subject(tok)
            if repaired is not None:
                return (
                    self.sources.from_head(repaired),
                    f"subject “{repaired.text}” taken from the start of the sentence",
                    None,
                )
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
            if src is not None:
                return src, f"speaker taken from “{head.text}”", head.i
        return None, None, None

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

    # ------------------------------------------------------------------ "according to X"

    def prep_cue(self, tok: Token, sent: Span) -> list[Found]:
        lex = self.lex
        out: list[Found] = []
        if tok.lower_ not in self._prep_first:
            return out
        for phrase in lex.prep_cues:
            n = len(phrase)
            if tok.i + n > sent.end:
                continue
            words = tuple(t.lower_ for t in self.doc[tok.i : tok.i + n])
            if words != phrase:
                continue
            last = self.doc[tok.i + n - 1]
            obj = next((c for c in last.children if c.dep_ in ("pobj", "dobj")), None)
            if obj is None:
                continue
            src = self.sources.from_head(obj)
            if (phrase[-1] in lex.chaining_preps or phrase == ("per",)) and src.kind == "unknown":
                continue
            reporter = (
                self._reporter_before(tok, sent) if phrase[-1] in lex.chaining_preps else None
            )
            if reporter is not None:
                reporter.via.append(src)
                reporter.notes.append(
                    f"“{self.text[tok.idx : last.idx + len(last.text)]}” puts {src.text} "
                    "behind the speaker"
                )
                continue
            cue_span = (tok.idx, last.idx + len(last.text))
            src_toks = self.sources.np_tokens(obj)
            # which part of the sentence it scopes over
            first = next(
                (
                    t
                    for t in sent
                    if not (t.is_punct or t.is_space)
                    and not (t.dep_ in ("cc", "advmod") and t.i < tok.i and t.lower_ in _OPENERS)
                ),
                None,
            )
            tail = [t for t in sent if t.i > obj.right_edge.i and not (t.is_punct or t.is_space)]
            if first is not None and first.i == tok.i:
                start, end, scope = (
                    obj.right_edge.idx + len(obj.right_edge.text),
                    sent.end_char,
                    "sentence",
                )
            elif not tail and self._comma_before(tok):
                start, end, scope = sent.start_char, tok.idx, "sentence"
            else:
                head = tok.head
                sub = {t.i for t in head.subtree} - {t.i for t in tok.subtree}
                if head.i == tok.i or not sub:
                    continue
                if tok.i <= min(sub) + 1:
                    toks = [i for i in sub if i > tok.right_edge.i]
                else:
                    toks = (
                        [i for i in sub if i < tok.i]
                        if tok.right_edge.i >= max(sub)
                        else sorted(sub)
                    )
                if not toks:
                    continue
                start, end = self.span_of(toks)
                scope = "clause"
            start, end = self.finish(start, end)
            if end <= start:
                continue
            f = Found(
                rule="according",
                content=(start, end),
                source=src,
                cue=cue_span,
                cue_tokens=list(range(tok.i, tok.i + n)),
                source_tokens={t.i for t in src_toks},
                sentence=self.sent_span(sent),
                scope=scope,
                confidence=self.cfg.confidence_according
                - (self.cfg.resolved_penalty if src.resolved_from else 0),
            )
            out.append(f)
            self.sources.note_speaker(tok.i, src)
        return out

    def _reporter_before(self, tok: Token, sent: Span) -> Found | None:
        """ "Reuters reported…, citing two officials": the report the citing phrase extends."""
        verbs = [i for i in self.by_verb if sent.start <= i < tok.i]
        return self.by_verb[max(verbs)] if verbs else None

    def _comma_before(self, tok: Token) -> bool:
        i = tok.i - 1
        while i >= self.sents.of(tok).start and (self.doc[i].is_punct or self.doc[i].is_space):
            if self.doc[i].text in (",", "—", "–", "(", ",”", ',"'):
                return True
            i -= 1
        prev = self.doc[tok.i - 1] if tok.i > 0 else None
        return prev is not None and "," in self.text[prev.idx : tok.idx]

    def _trim_against_outer(self, here: list[Found]) -> None:
        """A sentence-wide "…, according to X." is outside the clause of any verb in the
        sentence, even where the parser hung it inside."""
        for outer in here:
            if outer.scope != "sentence" or outer.cue is None:
                continue
            frame = outer.frame()
            if frame is None:
                continue
            for f in here:
                if f is outer:
                    continue
                s, e = f.content
                if s < frame[0] < e:
                    f.content = self.finish(s, frame[0])
                elif s < frame[1] < e and frame[0] <= s:
                    f.content = self.finish(frame[1], e)

    # ------------------------------------------------------------------ reporting nouns

    def noun_cue(self, tok: Token) -> Found | None:
        lex = self.lex
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = noun_base(tok.lower_, lex.cue_nouns)
        if noun is None:
            return None
        clause = None
        for c in tok.children:
            if (
                c.dep_ in ("acl", "ccomp", "appos")
                and c.pos_ in ("VERB", "AUX")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ):
                clause = c
                break
        if clause is None:
            return None
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                    owner = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if owner is not None:
                        break
        if owner is not None:
            src = self.sources.from_head(owner)
        elif any(
            self.sources.ent(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
        ):
            src = self.sources.from_head(tok)
        else:
            return None
        start, end = self.finish(*self.span_of(list(clause.subtree)))
        if end <= start:
            return None
        return Found(
            rule="noun",
            content=(start, end),
            source=src,
            cue=(tok.idx, tok.idx + len(tok.text)),
            effect=lex.cue_nouns[noun],
            cue_tokens=[tok.i],
            sentence=self.sent_span(self.sents.of(tok)),
            confidence=self.cfg.confidence_noun,
        )

    # ------------------------------------------------------------------ "Name: content"

    def colon_cue(self, sent: Span) -> Found | None:
        """ "Lewandowski: FBI director acted as judge and jury" (headline style) and
        "BOULDUAN: You guys, back in January…" (transcript turns): a short capitalised name
        opening a paragraph, a colon, and the rest of the paragraph as the content."""
        toks = [t for t in sent if not t.is_space]
        if len(toks) < 4:
            return None
        para = next((p for p in self.paragraphs if p[0] <= sent.start_char < p[1]), None)
        if para is None or self.text[para[0] : sent.start_char].strip():
            return None
        colon = next((t for t in toks[: self.cfg.colon_max_name_words + 1] if t.text == ":"), None)
        if colon is None or colon.i == toks[0].i:
            return None
        name = [t for t in toks if t.i < colon.i]
        words = [t for t in name if not t.is_punct]
        if not words or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "NNP" for t in words):
            return None
        if not all(t.text[:1].isupper() or t.lower_ in ("'s", "’s", "of", "the") for t in words):
            return None
        if " ".join(t.lower_ for t in words) in self.lex.colon_stop:
            return None
        rest_start = colon.idx + 1
        start, end = self.finish(rest_start, para[1], keep_final=True)
        if len(self.text[start:end].split()) < 3:
            return None
        head = max(words, key=lambda t: (t.dep_ not in ("compound", "det", "amod"), t.i))
        src = self.sources.from_head(head)
        if src.start is None or src.start > name[0].idx or (src.end or 0) > colon.idx:
            src.start, src.end = name[0].idx, name[-1].idx + len(name[-1].text)
            src.text = self.text[src.start : src.end]
        return Found(
            rule="colon",
            content=(start, end),
            source=src,
            cue=(colon.idx, colon.idx + 1),
            cue_tokens=[colon.i],
            sentence=self.sent_span(sent),
            confidence=self.cfg.confidence_colon,
        )

    # ------------------------------------------------------------------ "— Name (@handle)"

    def signatures(self, found: list[Found]) -> list[Found]:
        """Embedded posts and pull quotes signed at the end of their line: "… no one should be
        above the law. — Paul Ryan (@SpeakerRyan) July 5, 2016", "“…”― Pamela Padilla", or a
        line "- Bernie Sanders." under a quotation."""
        out: list[Found] = []
        lines = _lines(self.text)
        for i, (l_start, l_end) in enumerate(lines):
            m = _SIGNATURE.search(self.text, l_start, l_end)
            if m is None or self.text[m.end() : l_end].strip():
                continue
            name_start, name_end = m.span("name")
            dash_start, dash_end = m.span("dash")
            start, end = l_start, dash_start
            if not self.text[start:end].strip() and i > 0:
                start, end = lines[i - 1]  # the signature stands alone under its text
            start, end = self.finish(start, end, keep_final=True)
            if len(self.text[start:end].split()) < 3:
                continue
            if any(
                f.content[0] <= start < f.content[1] and f.rule != "unattributed" for f in found
            ):
                continue
            name_toks = self.doc.char_span(name_start, name_end, alignment_mode="expand")
            if name_toks is None or not len(name_toks):
                continue
            src = self.sources.from_head(name_toks.root)
            src.start, src.end = name_start, m.end("handle") if m.group("handle") else name_end
            src.text = self.text[src.start : src.end]
            if src.kind == "unknown" and m.group("handle"):
                src.kind = "person"
            dash = self.text[dash_start:dash_end].strip()
            d0 = dash_start + self.text[dash_start:dash_end].index(dash)
            out.append(
                Found(
                    rule="signature",
                    content=(start, end),
                    source=src,
                    cue=(d0, d0 + len(dash)),
                    sentence=(start, end),
                    confidence=self.cfg.confidence_colon,
                )
            )
        return out

    # ------------------------------------------------------------------ quotations

    def continuations(self, found: list[Found]) -> list[Found]:
        """Quotations no cue claims, attributed to the speaker of a neighbouring quotation:
        “…,” said X. “Second part.”  /  X continued:\n\n“…”  /  “…\n\n“…,” X said."""
        out: list[Found] = []
        covered = [f.content for f in found]
        speech = [q for q in self.quotes if q.words(self.text) >= self.cfg.min_speech_quote_words]
        paras = self.paragraphs

        def para_index(pos: int) -> int:
            for i, (s, e) in enumerate(paras):
                if s <= pos < e or pos < s:
                    return i
            return len(paras) - 1

        def is_covered(q: Quote) -> bool:
            return any(s <= q.start and q.end <= e for s, e in covered) or any(
                s < q.end and q.start < e for s, e in covered
            )

        quoted = [
            f
            for f in found
            if f.rule in ("verb", "colon", "continuation")
            and any(f.content[0] <= q.start and q.end <= f.content[1] for q in speech)
        ]
        for q in speech:
            if is_covered(q) or self.in_title(q.start):
                continue
            pi = para_index(q.start)
            prev = [
                f
                for f in quoted
                if f.content[1] <= q.start
                and para_index(f.content[1] - 1) >= pi - self.cfg.continuation_paragraphs
            ]
            nxt = [
                f
                for f in quoted
                if f.content[0] >= q.end and q.open_end and para_index(f.content[0]) == pi + 1
            ]
            src_f = None
            if prev:
                cand = max(prev, key=lambda f: f.content[1])
                between = [
                    f
                    for f in found
                    if cand.content[1] <= f.content[0] < q.start and f.rule != "unattributed"
                ]
                # only a speaker tag between the two ("said Caddell."), or the quotation opens
                # the sentence right after the one with the cue
                cue_end = (
                    self.sents.of(cand.cue_tokens[0]).end_char
                    if cand.cue_tokens
                    else cand.content[1]
                )
                adjacent = not self.text[max(cue_end, cand.content[1]) : q.start].strip()
                if not between and (adjacent or not self._has_other_text(cand.content[1], q.start)):
                    src_f = cand
            if src_f is None and nxt:
                src_f = nxt[0]
            if src_f is None:
                continue
            f = Found(
                rule="continuation",
                content=(q.start, q.end),
                source=src_f.source,
                cue=src_f.cue,
                effect=src_f.effect,
                cue_tokens=list(src_f.cue_tokens),
                sentence=(q.start, q.end),
                confidence=self.cfg.confidence_continuation,
                inherited_from=src_f.cue_tokens[0] if src_f.cue_tokens else None,
            )
            f.notes.append("quotation continues the one attributed by the same cue")
            out.append(f)
            covered.append((q.start, q.end))
            quoted.append(f)
        return out

    def _has_other_text(self, start: int, end: int) -> bool:
        """Text between two quotations besides a short speaker tag ("said Caddell.")."""
        between = self.text[start:end]
        # remove quotations inside
        for q in self.quotes:
            if start <= q.start and q.end <= end:
                between = between.replace(self.text[q.start : q.end], " ")
        words = [w for w in between.split() if any(ch.isalnum() for ch in w)]
        return len(words) > self.cfg.continuation_gap_words

    # ------------------------------------------------------------------ "This information…"

    def anaphora(self, found: list[Found]) -> None:
        """ "This information was revealed in a document": the source is for the sentence
        before, not for the two words "This information"."""
        lex = self.lex
        for f in found:
            span = self.doc.char_span(*f.content, alignment_mode="expand")
            if span is None or len(span) > 3:
                continue
            root = span.root
            det = {c.lower_ for c in root.children if c.dep_ == "det"}
            if noun_base(root.lower_, lex.anaphora_nouns) and det & (
                lex.anaphora_determiners - {"the"}
            ):
                prev_sent = self._previous_sentence(f.sentence[0])
                if prev_sent is None:
                    continue
                f.anaphor = f.content
                f.content = self.finish(prev_sent.start_char, prev_sent.end_char)
                f.notes.append(f"“{span.text}” in the next sentence points back to this sentence")
                f.rule = "anaphora"
                f.sentence = self.sent_span(prev_sent)
                f.confidence -= self.cfg.resolved_penalty

    def _previous_sentence(self, start: int) -> Span | None:
        toks = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if toks is None or not len(toks):
            return None
        prev = self.sents.before(self.sents.of(toks[0]))
        while prev is not None and not prev.text.strip():
            prev = self.sents.before(prev)
        return prev

    # ------------------------------------------------------------------ the article's own

    def unattributed(self, found: list[Found]) -> list[Found]:
        """Sentences (or main clauses) that no attribution covers: the article asserts them.
        Headlines, fragments without a finite verb, and questions are not claims."""
        out: list[Found] = []
        covered: set[int] = set()
        for f in found:
            for s, e in [f.content, f.cue or (0, 0), (f.source.start or 0, f.source.end or 0)]:
                if e > s:
                    span = self.doc.char_span(s, e, alignment_mode="expand")
                    if span is not None:
                        covered.update(t.i for t in span)
        for sent in self.sents.spans:
            if self.in_title(sent.start_char) and not self.cfg.unattributed_in_title:
                continue
            words = [t for t in sent if not (t.is_punct or t.is_space)]
            if len(words) < self.cfg.unattributed_min_words:
                continue
            if sent.text.rstrip().endswith("?"):
                continue
            root = sent.root
            if not _finite_clause(root):
                continue
            if root.i in covered:
                continue
            if any(t.i in covered for t in sent):
                drop = set()
                lost = False
                for child in root.children:
                    sub = {t.i for t in child.subtree}
                    if sub & covered:
                        drop |= sub
                        if child.dep_ in _ARGUMENTS:
                            lost = True  # its subject or object is someone else's claim
                if lost:
                    continue
                toks = [t.i for t in root.subtree if t.i not in drop and t.i not in covered]
                if (
                    len([i for i in toks if not self.doc[i].is_punct])
                    < self.cfg.unattributed_min_words
                ):
                    continue
                # contiguous run around the root
                lo = hi = root.i
                tokset = set(toks)
                while lo - 1 in tokset:
                    lo -= 1
                while hi + 1 in tokset:
                    hi += 1
                start, end = self.span_of(list(range(lo, hi + 1)))
            else:
                start, end = sent.start_char, sent.end_char
            start, end = self.finish(start, end)
            if end <= start:
                continue
            out.append(
                Found(
                    rule="unattributed",
                    content=(start, end),
                    source=SrcRef(text="article", kind="article"),
                    sentence=self.sent_span(sent),
                    confidence=self.cfg.confidence_unattributed,
                    kind="unattributed",
                )
            )
        return out

    # ------------------------------------------------------------------ nesting

    def nest(self, found: list[Found]) -> None:
        """An attribution whose cue lies inside another's content is reported through it:
        "Putin told Erdogan that…, according to a Kremlin statement" → statement ← Putin."""
        attributed = [f for f in found if f.rule != "unattributed"]
        for f in attributed:
            if f.cue is None:
                continue
            best: Found | None = None
            for g in attributed:
                if g is f or g.content[0] > f.cue[0] or f.cue[1] > g.content[1]:
                    continue
                if g.source.key() == f.source.key() or f.inherited_from in g.cue_tokens:
                    continue
                if f.rule == "continuation":
                    continue
                if best is None or (g.content[1] - g.content[0]) < (
                    best.content[1] - best.content[0]
                ):
                    best = g
            f.parent = best
        # no cycles: a parent chain that returns to itself is cut
        for f in attributed:
            seen = {id(f)}
            node = f.parent
            while node is not None:
                if id(node) in seen:
                    f.parent = None
                    break
                seen.add(id(node))
                node = node.parent


# ---------------------------------------------------------------------------- helpers


def _infinitive_complement(tok: Token) -> bool:
    """ "purports to show": an xcomp, or the same read as an infinitival advcl."""
    if tok.dep_ == "xcomp":
        return True
    return (
        tok.dep_ == "advcl"
        and tok.i > tok.head.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _ev(tok: Token, kind: str, effect: str | None) -> Evidence:
    return Evidence(
        start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, kind=kind, effect=effect
    )


def _stronger(lex: Lexicon, a: str, b: str) -> str:
    order = {s: i for i, s in enumerate(lex.precedence)}
    return a if order.get(a, 99) <= order.get(b, 99) else b


def _inside_quote(quotes: list[Quote], pos: int) -> bool:
    return any(q.start < pos < q.end - 1 for q in quotes)


def _finite_clause(root: Token) -> bool:
    """A sentence that asserts: a verb (or copula) with a subject, not a bare noun phrase."""
    if root.pos_ not in ("VERB", "AUX"):
        return False
    if root.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in root.children
    )


def _dedupe(found: list[Found]) -> list[Found]:
    seen: set[tuple[int, int, int]] = set()
    out = []
    for f in found:
        key = (f.content[0], f.content[1], f.cue[0] if f.cue else -1)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
