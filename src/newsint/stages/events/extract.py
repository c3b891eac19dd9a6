"""Events from triggers: actor, target, time, place, modality and the claim each sits in.

An event reported inside a claim takes that claim's status and chain of sources, so an alleged
meeting never becomes a bare fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsint.config import Events as EventsConfig
from newsint.model import (
    Analysis,
    Argument,
    Claim,
    ClaimStatus,
    Event,
    Span,
    TextSpan,
    TimeExpr,
    stable_id,
)
from newsint.stages.claims.lexicon import Lexicon as ClaimsLexicon
from newsint.stages.claims.lexicon import lexicon as claims_lexicon
from newsint.stages.events.factual import (
    MODALITY,
    OWN_STATUSES,
    after_publication,
    link_denials,
    strongest,
    trigger_factuality,
)
from newsint.stages.events.lexicon import Lexicon
from newsint.stages.events.syntax import (
    _conjuncts,
    _entity_for,
    _is_place,
    _is_purpose,
    _phrase_bounds,
    _pobj,
    _subject,
    governors,
    lefts,
    subtree,
)
from newsint.stages.events.triggers import (
    _SUBJ,
    DocIndex,
    Ment,
    Trigger,
    _dependent_lemmas,
    find_triggers,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.tokens import Tok  # the token table's words (stages/tokens.py)
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
_RESOLVED_PRONOUNS = _PERSON_PRONOUNS | {"its", "their"}
# Edges that open a clause of its own: a time above them belongs to another event.
_CLAUSE_EDGES = frozenset({"ccomp", "relcl", "parataxis", "advcl", "csubj"})
# The same, looking down: a relative clause still describes the trigger ("the meeting, which took
# place in May"); reported speech does not, nor a subject ("a firm that since 2023 … said").
_SUBTREE_BLOCK = frozenset({"ccomp", "parataxis", "advcl", "csubj", "nsubj", "nsubjpass"})


# --------------------------------------------------------------------------- the extractor


@dataclass
class Extractor:
    """Turns one Doc into events. Holds the document's lookups while it works."""

    idx: DocIndex
    cfg: EventsConfig
    claims_lexicon: ClaimsLexicon = field(default_factory=claims_lexicon)
    triggers: list[Trigger] = field(default_factory=list)
    anchors: dict[int, int] = field(default_factory=dict)  # token -> trigger number
    time_governor: list[Tok] = field(default_factory=list)  # per time expression

    def run(self) -> list[Event]:
        lex = self.idx.lexicon
        self.triggers = find_triggers(self.idx.doc, lex, self.cfg.statements)
        for n, trig in enumerate(self.triggers):
            self.anchors[trig.token.i] = n
            if trig.support is not None:
                self.anchors[trig.support.i] = n
        self.time_governor = [self._governor_of(h) for h in self.idx.time_heads]
        events: list[Event] = []
        for n, trig in enumerate(self.triggers):
            events.extend(self._events(n, trig))
        events.sort(
            key=lambda e: (
                e.trigger.start,
                e.actor.start if e.actor else -1,
                e.target.start if e.target else -1,
            )
        )
        events = _unique(events)
        link_denials(events, self.triggers, self.idx.doc, self.cfg)
        return events

    # ---- arguments

    def _argument(self, head: Tok) -> Argument:
        idx = self.idx
        left, right = _phrase_bounds(head, idx)
        doc = idx.toks
        start, end = doc[left].idx, doc[right].idx + len(doc[right])
        m = _entity_for(head, left, idx)
        if m is None and head.lower_ in _RESOLVED_PRONOUNS:
            m = self._antecedent(head)
        return Argument(
            text=idx.analysis.text[start:end],
            start=start,
            end=end,
            entity=m.entity if m else None,
            value=m.name if m else None,
        )

    def _antecedent(self, pronoun: Tok) -> Ment | None:
        """A pronoun's antecedent. A possessive first looks at the subject of its own clause
        ("Turkey has made no progress with its plans", "In his call, Erdogan urged"); a person
        pronoun then at the last named person that was a subject, earlier in this sentence or
        in the one before (the common news pattern; no further)."""
        if pronoun.dep_ == "poss":
            m = self._clause_subject(pronoun)
            if m is not None:
                return m
        if pronoun.lower_ not in _PERSON_PRONOUNS:
            return None
        start, _ = self.idx.sentence(pronoun.i)
        if start > 0:
            start, _ = self.idx.sentence(start - 1)
        for i in range(pronoun.i - 1, start - 1, -1):
            tok = self.idx.toks[i]
            m = self.idx.ments.get(i)
            if m is not None and m.type == "PERSON" and tok.dep_ in ("nsubj", "nsubjpass"):
                return m
        return None

    def _clause_subject(self, pronoun: Tok) -> Ment | None:
        """The named subject of the clause a possessive pronoun sits in, if it agrees."""
        cur = pronoun
        for _ in range(8):
            if cur.head.i == cur.i:  # the root
                return None
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            subj = _subject(cur, self.idx.lexicon)
            if subj is None or subj.pos_ == "PRON" or pronoun in subtree(subj):
                return None
            m = _entity_for(subj, subj.left_edge.i, self.idx)
            if m is None:
                return None
            person = m.type == "PERSON"
            low = pronoun.lower_
            agrees = (low in ("his", "her") and person) or (low == "its" and not person)
            return m if agrees or low == "their" else None
        return None

    def _verbish(self, trig: Trigger) -> list[Tok]:
        """Words whose dependents are the trigger's arguments: trigger, then its support verb."""
        return [trig.token] + ([trig.support] if trig.support is not None else [])

    def _actors(self, trig: Trigger) -> list[Tok]:
        lex = self.idx.lexicon
        tok = trig.token
        if trig.rule.pos == "verb":
            subj = _subject(tok, lex)
            return [] if subj is None else [subj]
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ != "PRON":  # "Erdogan's phone calls"
            return [poss]
        if trig.support is not None:  # "Turkey has stated its opposition"
            subj = _subject(trig.support, lex)
            if subj is not None:
                return [subj]
        if poss is not None:
            return [poss]
        if tok.dep_ not in ("dobj", "nsubjpass"):  # else "by" belongs to the verb
            for c in tok.children:  # "the invasion by Russia"
                if c.dep_ == "prep" and c.lower_ in lex.actor_preps:
                    obj = _pobj(c)
                    if obj is not None:
                        return [obj]
        for c in lefts(tok):  # "US sanctions", "a Kremlin statement"
            m = self.idx.ments.get(c.i)
            named = c.dep_ in ("compound", "amod") and m is not None
            if named and m.type in PARTICIPANT_TYPES and not self._is_mode_cue(trig, c):
                return [c]
        return []

    def _is_mode_cue(self, trig: Trigger, tok: Tok) -> bool:
        modes = self.idx.lexicon.types[trig.rule.type].modes
        return any(tok.lemma_.lower() in cues for cues in modes.values())

    def _targets(self, trig: Trigger) -> list[Tok]:
        rule = trig.rule
        idx = self.idx
        lex = idx.lexicon
        out: list[Tok] = []
        dobj_target = rule.dobj_target or any(
            c.dep_ == "prep" and c.lower_ in rule.dobj_target_if for c in trig.token.children
        )
        for w in self._verbish(trig):
            is_trigger = w is trig.token
            for c in w.children:
                dep = "prep" if c.dep_ == "dative" and c.pos_ == "ADP" else c.dep_
                if dep == "dative":  # "gave the rebels weapons": the recipient
                    if is_trigger and rule.pos == "verb":
                        out.append(c)
                elif dep == "dobj":
                    if is_trigger and rule.pos == "verb" and dobj_target:
                        out.append(c)
                elif c.dep_ == "nsubjpass":
                    if is_trigger and rule.pos == "verb":
                        out.append(c)
                elif dep == "prep" and c.lower_ in rule.target_preps:
                    obj = _pobj(c)
                    if obj is None or obj.lemma_.lower() in lex.modality_nouns:
                        continue  # "with the goal of ..." is a purpose, not a partner
                    if c.lower_ in lex.place_preps and _is_place(obj, idx):
                        continue
                    out.append(obj)
                if dep == "dobj" and is_trigger and rule.pos == "verb" and not dobj_target:
                    # The object is the thing traded; a partner attached to it is the verb's:
                    # "buy rifles from a smuggler".
                    for p in c.children:
                        obj = _pobj(p) if p.dep_ == "prep" else None
                        if obj is not None and p.lower_ in rule.target_preps:
                            out.append(obj)
        tok = trig.token
        if rule.pos == "verb" and tok.dep_ == "acl" and tok.tag_ == "VBN" and not out:
            out.append(tok.head)  # a reduced passive: "three people killed in the blast"
        return [t for t in out if t.i not in idx.time_of_token]

    def _place(self, trig: Trigger) -> Tok | None:
        idx = self.idx
        for w in self._verbish(trig):
            for c in w.children:
                if c.dep_ == "prep" and c.lower_ in idx.lexicon.place_preps:
                    obj = _pobj(c)
                    if obj is not None and _is_place(obj, idx):
                        return obj
        return None

    # ---- time

    def _governor_of(self, head: Tok) -> Tok:
        """The verb or event word a time expression modifies (up from its head)."""
        g = head
        for _ in range(12):
            if g.head.i == g.i:
                break
            g = g.head
            if g.pos_ in ("VERB", "AUX") or g.i in self.anchors:
                break
        return g

    def _time_anchors(self, trig: Trigger) -> list[Tok]:
        """The trigger, its support verb, its governors ("attempted to buy on Monday") and the
        verb it is coordinated with ("attacked and killed on Monday")."""
        anchors = self._verbish(trig)
        mine = self.anchors.get(trig.token.i)
        for up in governors(anchors[-1], self.cfg.max_climb):
            if self.anchors.get(up.i, mine) != mine:
                break
            anchors.append(up)
        last = anchors[-1]
        if last.dep_ == "conj" and last.head.pos_ in ("VERB", "AUX") and not _own_subject(last):
            anchors.append(last.head)
        return anchors

    def _time_for(self, trig: Trigger) -> int | None:
        """The time expression of the trigger's clause: attached to it, else given by a
        when-clause, else inside its own phrase, else on a clause above it (no clause between)."""
        idx = self.idx
        if not idx.times:
            return None
        first, end = idx.sentence(trig.token.i)
        in_sent = [n for n, h in enumerate(idx.time_heads) if first <= h.i < end]
        if not in_sent:
            return None
        anchors = self._time_anchors(trig)
        anchor_ids = {a.i for a in anchors}
        other = self._other(trig)
        gov = self.time_governor

        def nearest(cands: list[int]) -> int | None:
            if not cands:
                return None
            return min(cands, key=lambda n: (abs(idx.time_heads[n].i - trig.token.i), n))

        found = nearest([n for n in in_sent if gov[n].i in anchor_ids])
        if found is not None:
            return found
        for a in anchors:  # "When X met Y last week, the government used ..."
            for c in a.children:
                if c.dep_ != "advcl":
                    continue
                markers = {g.lower_ for g in c.children if g.dep_ in ("mark", "advmod")}
                if markers & idx.lexicon.when_markers:
                    sub = {t.i for t in subtree(c)}
                    found = nearest([n for n in in_sent if gov[n].i in sub])
                    if found is not None:
                        return found
        inside = [
            n
            for n in in_sent
            if gov[n].i not in other and _within(gov[n], trig.token, _SUBTREE_BLOCK)
        ]
        if inside:
            return nearest(inside)
        above = [
            n
            for n in in_sent
            if gov[n].i not in other and _within(anchors[-1], gov[n], _CLAUSE_EDGES)
        ]
        return nearest(above)

    def _other(self, trig: Trigger) -> set[int]:
        mine = self.anchors.get(trig.token.i)
        return {i for i, n in self.anchors.items() if n != mine}

    def _implied_publication(self, trig: Trigger) -> Tok | None:
        """The auxiliary of a present perfect ("has imposed sanctions") with nothing dating it,
        in the headline or lead only: there news style reports the day's news so; further down
        a present perfect is background ("has long struggled", "has stated its opposition")."""
        lex = self.idx.lexicon
        analysis = self.idx.analysis
        if not analysis.article.published.date or trig.rule.ontology != "PLOVER":
            return None
        headline, lead = self.idx.lead
        pos = trig.token.idx
        if not any(b and b[0] <= pos < b[1] for b in (headline, lead)):
            return None
        v = trig.support if trig.support is not None else trig.token
        if v.tag_ != "VBN":
            return None
        aux = next(
            (
                c
                for c in v.children
                if c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
            ),
            None,
        )
        if aux is None:
            return None
        if any(c.lemma_.lower() in lex.perfect_blockers for c in v.children):
            return None
        return aux

    # ---- status, negation, modality

    def _modality(self, trig: Trigger) -> tuple[str | None, bool, str | None]:
        """(modality word, negated by a governing word, hedge status) from the trigger, its
        support verb and its governors."""
        lex = self.idx.lexicon
        base = trig.support if trig.support is not None else trig.token
        modality: str | None = None
        negated = False
        hedge: str | None = None
        words = self._verbish(trig) + list(governors(base, self.cfg.max_climb))
        for k, w in enumerate(words):
            lemma = w.lemma_.lower()
            if k >= len(self._verbish(trig)):  # a governor
                if lemma in lex.negating_verbs and w.pos_ in ("VERB", "AUX"):
                    negated = True
                if lemma in lex.hedge_verbs and w.pos_ in ("VERB", "AUX"):
                    hedge = hedge or lex.hedge_verbs[lemma]
                table = lex.modality_nouns if w.pos_ == "NOUN" else lex.modality_verbs
                if lemma in table:
                    modality = modality or table[lemma]
                if self._negated_here(w):
                    negated = True
            for c in w.children:
                low = c.lower_
                if c.dep_ == "aux" and low in lex.modal_auxiliaries:
                    modality = modality or lex.modal_auxiliaries[low]
                elif c.dep_ == "mark" and low in lex.question_marks:
                    modality = modality or "open question"
                elif c.dep_ in ("advmod", "amod") and low in lex.hedge_adverbs:
                    hedge = hedge or lex.hedge_adverbs[low]
                elif c.dep_ == "amod" and low in lex.modality_modifiers:
                    modality = modality or lex.modality_modifiers[low]
        if trig.token.head.lower_ == "without" and trig.token.dep_ in ("pobj", "pcomp"):
            negated = True
        if _is_purpose(base):
            modality = modality or "intended"
        return modality, negated, hedge

    def _negated_here(self, w: Tok) -> bool:
        words = self.idx.lexicon.negation_words
        return any(
            c.dep_ in ("neg", "advmod", "det", "preconj") and c.lower_ in words for c in w.children
        )

    def _claim_for(self, trig: Trigger) -> Claim | None:
        """The innermost claim whose content covers the trigger; at equal size an attributed
        claim wins over the article's own (unattributed) one."""
        start = trig.token.idx
        end = start + len(trig.token)
        for claim in self.idx.claims:  # sorted: shortest first, attributed first
            if claim.content.start <= start and end <= claim.content.end:
                return claim
        return None

    @staticmethod
    def _claim_predicate(claim: Claim, tok: Tok) -> bool:
        """Whether a word is the main predicate of the claim's content (its negation is ours)."""
        c = claim.content
        inside = c.start <= tok.idx < c.end
        return inside and (tok.head.i == tok.i or not c.start <= tok.head.idx < c.end)

    # ---- assembling

    def _mode(self, trig: Trigger) -> str | None:
        if trig.rule.mode:
            return trig.rule.mode
        etype = self.idx.lexicon.types[trig.rule.type]
        if not etype.modes:
            return None
        words = {trig.token.lemma_.lower()}
        for w in self._verbish(trig):  # not the actor: "gunmen attacked" says nothing of how
            words |= _dependent_lemmas(w) - {
                c.lemma_.lower() for c in w.children if c.dep_ in _SUBJ
            }
        for c in trig.token.children:  # the object's own words: "sell military equipment"
            if c.dep_ in ("dobj", "nsubjpass"):
                words |= {g.lemma_.lower() for g in subtree(c)}
        for mode, cues in etype.modes.items():
            if cues & words:
                return mode
        return None

    def _events(self, n: int, trig: Trigger) -> list[Event]:
        idx = self.idx
        text = idx.analysis.text
        tok = trig.token
        actors = [a for a in self._actors(trig) if a.i not in idx.time_of_token]
        targets = self._targets(trig)
        place = self._place(trig)
        t_n = self._time_for(trig)
        # A verb needs a participant; so does a noun, unless it has a time and a place
        # ("the attack in Kabul on Monday").
        bare = not actors and not targets
        located = t_n is not None and place is not None
        if bare and (trig.rule.pos == "verb" or (self.cfg.noun_needs_participant and not located)):
            return []
        modality, negated, hedge = self._modality(trig)
        negated = negated or any(self._negated_here(w) for w in self._verbish(trig))
        claim = self._claim_for(trig)
        status: ClaimStatus = claim.status if claim else "asserted"
        if status in OWN_STATUSES:
            status = "asserted"  # whether this event happened is its own trigger's to say
        chain = list(claim.chain) if claim else []
        if claim is not None and claim.polarity == "negative":
            pred = trig.support if trig.support is not None else tok
            negated = negated or self._claim_predicate(claim, pred)
        if hedge is not None and status == "asserted":
            status = hedge  # type: ignore[assignment]
        fact = trigger_factuality(trig, self.idx.doc, self.cfg, self.claims_lexicon)
        negated = negated or fact.negated
        status = strongest(status, fact.statuses, self.claims_lexicon)
        modality = modality or MODALITY.get(status)
        time_arg = self._time_argument(t_n)
        if t_n is not None and after_publication(self.idx.times[t_n], idx.analysis):
            # "its next meeting on 3 June", written in May: not yet happened
            status = strongest(status, ["intention"], self.claims_lexicon)
            modality = modality or MODALITY["intention"]
        if time_arg is None and not negated and modality is None:
            aux = self._implied_publication(trig)
            if aux is not None:
                time_arg = Argument(
                    text=aux.text,
                    start=aux.idx,
                    end=aux.idx + len(aux),
                    value=idx.analysis.article.published.date,
                )
        place_arg = self._argument(place) if place is not None else None
        start, end = self._trigger_bounds(trig)
        sent_span = _sentence_span(tok, text, idx)
        actor_heads: list[Tok | None] = [c for a in actors for c in _conjuncts(a)] or [None]
        target_heads: list[Tok | None] = [c for t in targets for c in _conjuncts(t)] or [None]
        pairs = [(a, t) for a in actor_heads for t in target_heads if a is None or a != t]
        mode = self._mode(trig)
        out = []
        for actor, target in pairs[: self.cfg.max_split]:
            a_arg = self._argument(actor) if actor is not None else None
            t_arg = self._argument(target) if target is not None else None
            out.append(
                Event(
                    id=stable_id(
                        "evt",
                        idx.analysis.article.id,
                        start,
                        end,
                        trig.rule.type,
                        a_arg.start if a_arg else "",
                        t_arg.start if t_arg else "",
                    ),
                    type=trig.rule.type,
                    mode=mode,
                    ontology=trig.rule.ontology,
                    trigger=TextSpan(start=start, end=end, text=text[start:end]),
                    actor=a_arg,
                    target=t_arg,
                    time=time_arg,
                    place=place_arg,
                    negated=negated,
                    factuality=fact.value,
                    modality=modality,
                    claim=claim.id if claim else None,
                    status=status,
                    chain=chain,
                    sentence=sent_span,
                )
            )
        del n
        return out

    def _trigger_bounds(self, trig: Trigger) -> tuple[int, int]:
        """The trigger as written: the word, its particle or compound ("phone calls"), and a
        support verb shortly before it ("announced sanctions")."""
        tok = trig.token
        first, last = tok, tok
        for c in tok.children:
            if c.dep_ == "prt" and c.i == last.i + 1:
                last = c
        for c in reversed(lefts(tok)):
            if c.dep_ == "compound" and c.i == first.i - 1 and c.i not in self.idx.ments:
                first = c
        s = trig.support
        if s is not None and s.i < first.i and first.i - s.i <= self.cfg.max_support_gap:
            first = s
        return first.idx, last.idx + len(last)

    def _time_argument(self, n: int | None) -> Argument | None:
        if n is None:
            return None
        t = self.idx.times[n]
        if isinstance(t, TimeExpr):
            return Argument(text=t.text, start=t.start, end=t.end, time=t.id, value=t.value)
        return Argument(text=t.text, start=t.start_char, end=t.end_char)


def _sentence_span(tok: Tok, text: str, idx: DocIndex) -> Span:
    """The trigger's sentence, never across a paragraph break (a headline has no full stop)."""
    start, end = idx.sent_chars[idx.sent_of[tok.i]]
    brk = text.rfind("\n\n", start, tok.idx)
    if brk >= 0:
        start = brk + 2
    brk = text.find("\n\n", tok.idx, end)
    if brk >= 0:
        end = brk
    return Span(start=start, end=start + len(text[start:end].rstrip()))


def _own_subject(v: Tok) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)


def _within(node: Tok, ancestor: Tok, blocked: frozenset[str]) -> bool:
    """Whether `ancestor` dominates `node` with no clause opening on the path: a blocked edge,
    or a coordinated verb with a subject of its own ("went on Tuesday and [they] supported").
    Words are compared by index (spaCy makes a new Token on every access: `is` never holds)."""
    cur = node
    for _ in range(16):
        if cur.i == ancestor.i:
            return True
        if cur.head.i == cur.i or cur.dep_ in blocked:
            return False
        if cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX") and _own_subject(cur):
            return False
        cur = cur.head
    return False


def _unique(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


def extract_events(
    analysis: Analysis, doc: Doc, lexicon: Lexicon, cfg: EventsConfig
) -> list[Event]:
    """Events of one article, in text order."""
    return Extractor(DocIndex.build(analysis, doc, lexicon), cfg).run()
