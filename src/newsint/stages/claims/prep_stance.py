"""Rule family `stance`: a verb or an adjective whose prepositional object is the content (issue
16, branch attrprep).

"The senator cast doubt on the levy", "the mayor distanced herself from the deal", "the union is
wary of the plan", "the minister was accused of hiding the report": the holder takes a position
on what the preposition governs. Most of these verbs are no reporting verbs ("cast",
"distance"), so the verb rule never looks at them. Whether a (part of speech, lemma,
preposition) row reports is counted, not guessed: data/prep_stance.toml keeps the rows PolNeAR
train annotators mark with that object as content and the holder as source often enough. Any
reporting verb in an agentless passive with "for" ("was praised for the rescue") is one too.
The source is the verb's speaker as the verb rule reads it (its subject, agent, or the one it
inherits), never a thing; an agentless passive rests on an unnamed source (PolNeAR writes no
source) and its subject is the content's lead ("the board was accused of | hiding the report").
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.content import ContentRules
from newsint.stages.claims.context import UNNAMED, Found
from newsint.stages.claims.evidential import evidential_words
from newsint.stages.claims.lexicon import data_file
from newsint.stages.claims.no_speaker import denied_evidence
from newsint.stages.claims.quotes import inside_speech
from newsint.stages.claims.source_refs import SrcRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.tokens import Tok

_POS = {"VERB": "verb", "ADJ": "adj"}


@dataclass(frozen=True)
class StanceCues:
    """The rows and settings of data/prep_stance.toml."""

    rows: Container[tuple[str, str, str]]  # (pos, lemma, preposition)
    lemmas: Container[str]  # the rows' lemmas: the rule's first test
    confidence: float  # of a claim the rule finds
    object_deps: frozenset[str]  # dependencies of the preposition's object
    holder_kinds: frozenset[str]  # source kinds that can hold a position
    passive: frozenset[str]  # prepositions of any reporting verb's agentless passive


@cache
def stance_cues() -> StanceCues:
    data = data_file("prep_stance.toml")
    rows = frozenset((r["pos"], r["lemma"], r["prep"]) for r in data["cues"])
    settings = data["settings"]
    return StanceCues(
        rows=rows,
        lemmas=frozenset(r[1] for r in rows),
        confidence=float(settings["confidence"]),
        object_deps=frozenset(settings["object_deps"]),
        holder_kinds=frozenset(settings["holder_kinds"]),
        passive=frozenset(settings["passive_preps"]),
    )


class PrepStanceRules(ContentRules):
    """Verbs and adjectives of the counted table with their preposition's object."""

    def stance_cue(self, word: Tok | Token, here: list[Found]) -> Found | None:
        """The table's claim for one word, if any: the word's own preposition of a row with an
        object; not inside a quotation or inside another claim's cue or content."""
        pos = _POS.get(word.pos_)
        table = stance_cues()
        if pos is None or word.i in self.by_verb:
            return None
        passive = pos == "verb" and self._agentless_cue_passive(word)
        if word.lemma_.lower() not in table.lemmas and not passive:
            return None
        tok = self.doc[word.i]
        lemma = tok.lemma_.lower()
        prep = next(
            (
                c
                for c in tok.children
                if c.dep_ == "prep"
                and c.i > tok.i
                and (
                    (pos, lemma, c.lower_) in table.rows or (passive and c.lower_ in table.passive)
                )
                and any(o.dep_ in table.object_deps for o in c.children)
            ),
            None,
        )
        if prep is None:
            return None
        if tok.dep_ in ("amod", "compound", "aux", "auxpass"):
            return None  # "a widely known-for dish": a modifier holds no one's position
        if any(s <= tok.idx < e for f in here for s, e in (f.content, f.cue or (0, 0)) if e > s):
            return None  # inside what another cue reports: PolNeAR nests no attribution there
        hedge = evidential_words()
        if tok.dep_ in hedge.complements and tok.head.lemma_.lower() in hedge.verbs:
            return None  # "did not appear to know about…": the writer's hedge holds it
        if inside_speech(self.quotes, tok.idx, self.text, self.cfg.min_speech_quote_words):
            return None  # the quoted speaker's own words
        if denied_evidence(tok):
            return None  # "no evidence that officials were aware of…": the writer's claim
        src = self._holder(tok, pos)
        if src is None:
            return None
        cue_toks = [tok, prep]
        cue = self.span_of(cue_toks)
        content = [t for t in prep.subtree if t.i > prep.i]
        start, end = self.finish(*self.span_of(content), cue=cue)
        if end <= start:
            return None
        return Found(
            rule="stance",
            lead=self._passive_lead(tok, pos),
            content=(start, end),
            source=src,
            cue=cue,
            effect=self.lex.general_status,
            cue_tokens=[t.i for t in cue_toks],
            sentence=self.sent_span(self.sents.of(tok)),
            confidence=table.confidence,
            notes=[f"{pos} “{tok.lemma_.lower()} {prep.lower_}” takes a position on its object"],
        )

    def _agentless_cue_passive(self, word: Tok | Token) -> bool:
        """ "was criticized for…", "is described as…": a reporting verb in the passive with no
        agent (a question verb's is no claim: "was asked about the budget")."""
        base = self.lex.cue_verb(word)
        if base is None or base in self.lex.question_verbs:
            return False
        kids = [c.dep_ for c in self.doc[word.i].children]
        return "auxpass" in kids and "agent" not in kids

    def _passive_lead(self, tok: Token, pos: str) -> tuple[int, int] | None:
        """ "The ferry board was accused of | hiding the report": the passive subject is who the
        position is about, the content's lead (as PolNeAR writes it: one content, two parts)."""
        if pos != "verb" or not any(c.dep_ == "auxpass" for c in tok.children):
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
        if subj is None or subj.lower_ in self.lex.pronouns["relative"]:
            return None
        return self.span_of(list(subj.subtree))

    def _holder(self, tok: Token, pos: str) -> SrcRef | None:
        """Who takes the position: the verb's speaker (an adjective after a copula: the
        copula's); a passive with no agent and no speaker rests on an unnamed source."""
        verb = tok.head if pos == "adj" and tok.dep_ == "acomp" else tok
        held = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if pos == "adj" and held is not None:
            # "she is devoted to…" read as a passive: an adjective's subject holds it
            src: SrcRef | None = self.sources.from_head(held)
        else:
            src, _, _ = self._speaker(verb)
        if src is not None:
            # "the election called for…" (a misread relative clause): a thing holds no position;
            # "I", "they" do, whatever they resolve to
            pron = self.lex.pronouns
            person = src.text.lower() in pron["person"] | pron["plural"]
            return src if person or src.kind in stance_cues().holder_kinds else None
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return SrcRef(text=UNNAMED, kind="anonymous")
        return None
