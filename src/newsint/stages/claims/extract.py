"""(source, cue, content) triples from the dependency parse and the quotation marks.

Rules, each recorded on what it finds (`Found.rule`):
  verb          a reporting verb: its subject is the source, its clause/object/quote the content
                ("X said that…", "“…,” X said", "X told reporters…", "X urged Y to…");
                a verb without a subject takes its governor's ("…, adding that…", "by stating…");
                a passive without an agent rests on an unnamed source ("is expected to…");
                a speaker tag inside the content splits it in two ("The plan, he said, is…")
  according     "according to X", "as reported by X", "per X": X is the source of the clause
                (the whole sentence when the phrase opens or closes it)
  frame         a construction that reports though its verb does not ("X made it clear that…",
                "as X put it, …")
  noun          a reporting noun with a that-clause and an owner ("X's claim that…")
  predicate     a noun or adjective of data/noun_cues.toml with its complement and an owner
                who speaks ("her criticism of…", "he expressed concern that…", "X is critical
                of…", "they were eager to…")
  stance        a verb or adjective of data/prep_stance.toml with its preposition's object
                ("X voted against…", "X apologized for…", "X was skeptical of…")
  colon         "Name: content" at the start of a paragraph (headline style)
  continuation  a quotation with no cue of its own, next to one that has a speaker
  evidential    the writer's own hedge: a sentence-root "seem"/"appear" with a complement ("the
                bid seemed doomed"); the claim rests on the article, its status uncertain
  unattributed  a sentence (or main clause) no attribution covers: the article's own claim

Each rule family is a class in its own module (verbs, content, speakers, prepositions, nouns,
discourse, unattributed) over the shared state of context.ExtractorBase; Extractor composes
them and runs them in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims import cue_model
from newsint.stages.claims.context import Found, _dedupe
from newsint.stages.claims.cue_bounds import CueBoundRules
from newsint.stages.claims.discourse import DiscourseRules
from newsint.stages.claims.edge_model import EdgeModelRules
from newsint.stages.claims.evidential import EvidentialRules
from newsint.stages.claims.extend_bounds import ExtendBoundRules
from newsint.stages.claims.frames import FrameRules
from newsint.stages.claims.leads import LeadRules
from newsint.stages.claims.nouns import NounRules
from newsint.stages.claims.predicates import PredicateRules
from newsint.stages.claims.prep_stance import PrepStanceRules
from newsint.stages.claims.prepositions import PrepositionRules
from newsint.stages.claims.source_bounds import SourceBoundRules
from newsint.stages.claims.trim_bounds import TrimBoundRules
from newsint.stages.claims.unattributed import UnattributedRules
from newsint.stages.claims.verbs import VerbRules
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from newsint.stages.tokens import Tok

_VERBAL = ("VERB", "AUX")
_NOMINAL = ("NOUN", "PROPN")
_PREDICATIVE = ("NOUN", "PROPN", "ADJ")  # a proper noun is never predicate_cue's: no lemma row
_STANCE = ("VERB", "ADJ")  # prep_stance.py: a verb or adjective with its preposition
_NOUN_TAGS = ("NNS", "NNPS")  # a verb's "-s" form the tagger read as a plural noun (repairs.py)


def _may_report(tok: Tok) -> bool:
    """Whether `verb_cue` or `frame_report` can take the word: their first tests need a verb by
    tag or part of speech, a sentence root or a plural-noun tag (lexicon.cue_verb,
    repairs.noun_read_verb). Any other word is skipped without a call: most words of a text
    (tests/stages/claims/test_prefilter.py holds the rules to it)."""
    return (
        tok.pos_ in _VERBAL or tok.dep_ == "ROOT" or tok.tag_[:2] == "VB" or tok.tag_ in _NOUN_TAGS
    )


class Extractor(
    VerbRules,
    FrameRules,
    PrepositionRules,
    NounRules,
    PredicateRules,
    PrepStanceRules,
    DiscourseRules,
    EvidentialRules,
    UnattributedRules,
    SourceBoundRules,
    CueBoundRules,
    EdgeModelRules,
    TrimBoundRules,
    ExtendBoundRules,
    LeadRules,
):
    """Finds the attributions of one parsed article: every rule family, run in order."""

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Found]:
        found: list[Found] = []
        table = tokens_of(self.doc).tokens
        prep_first = self._prep_first | self.lex.frame_preps
        for sent in self.sents.spans:
            here: list[Found] = []
            # the shared table's tokens: the cue rules turn the few words that pass their first
            # tests into spaCy Tokens, instead of spaCy making one per word per pass
            words = table[sent.start : sent.end]
            for tok in words:
                if not _may_report(tok):
                    continue
                f = self.verb_cue(tok) or self.frame_report(tok)
                if f is not None:
                    here.append(f)
                    self.by_verb[tok.i] = f
                    if f.source.start is not None:
                        self.sources.note_speaker(tok.i, f.source)
            for tok in words:
                if tok.lower_ in prep_first:  # prep_cue's first test
                    here.extend(self.prep_cue(tok, sent))
                if tok.pos_ in _PREDICATIVE:  # noun_cue's and predicate_cue's first test
                    f = (self.noun_cue(tok) if tok.pos_ in _NOMINAL else None) or (
                        self.predicate_cue(tok, here)
                    )
                    if f is not None:
                        here.append(f)
                if tok.pos_ in _STANCE:  # stance_cue's first test
                    f = self.stance_cue(tok, here)
                    if f is not None:
                        here.append(f)
            f = self.colon_cue(sent)
            if f is not None:
                here.append(f)
            here.extend(self._model_cues(words, here))
            self._trim_against_outer(here)
            found.extend(here)
        self.fit_sources(found)
        found.extend(self.signatures(found))
        found = [f for f in found if f.content[1] > f.content[0]]
        self.split_around_frames(found)
        found.extend(self.quote_openings(found))
        found.extend(self.colon_quotes(found))
        found.extend(self.continuations(found))
        found = _dedupe(self.outside_credits(found))
        self.anaphora(found)
        found = [f for f in found if f.rule != "anaphora-dropped"]
        found = self.extend_contents(found)
        found = self.learned_edges(found)
        self.trim_contents(found)
        self.widen_cues(found)
        found = self.one_claim_per_statement(found)
        self.relative_leads(found)
        self.fronted_leads(found)
        self.trim_leads(found)
        # before the article's own claims: a sentence with an evidential root gives no plain one
        found.extend(self.outside_credits(self.evidentials(found)))
        if self.cfg.unattributed:
            found.extend(self.outside_credits(self.unattributed(found)))
        found.sort(key=lambda f: (f.content[0], f.content[1], f.cue[0] if f.cue else -1))
        self.nest(found)
        return found

    def _model_cues(self, words: list[Tok], here: list[Found]) -> list[Found]:
        """The cue classifier's claims (cue_model.py), after every other rule family has run on
        the sentence: only a verb no rule took, outside every cue and content found, as it was
        trained ("found no evidence that…" stays the rules' own claim)."""
        taken = [f.cue for f in here if f.cue is not None] + [f.content for f in here]
        out: list[Found] = []
        self.use_model = True
        try:
            for tok in words:
                if tok.pos_ != "VERB" or tok.i in self.by_verb:
                    continue
                if any(s <= tok.idx < e for s, e in taken):
                    continue
                f = self.verb_cue(tok)
                if f is None and self._lexicon_base(tok) != (None, None):
                    # a lexicon verb its rules refused ("a PAC backing the mayor"): the model
                    # was trained on such uses too, and judges them alone
                    self.model_only = True
                    try:
                        f = self.verb_cue(tok)
                    finally:
                        self.model_only = False
                if f is not None:
                    if tok.lemma_.lower() in self.lex.refusal_verbs:
                        # "refused to sign the bill": what the source will not do; "declined
                        # to confirm any threat": what it leaves unconfirmed
                        f.effect = _refusal_effect(tok, self.lex.verification_verbs)
                    out.append(f)
                    self.by_verb[tok.i] = f
                    if f.source.start is not None:
                        self.sources.note_speaker(tok.i, f.source)
        finally:
            self.use_model = False
        return out


def _refusal_effect(tok: Tok, checks: frozenset[str]) -> str:
    settings = cue_model.settings()
    inner = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    if inner is not None and inner.lemma_.lower() in checks:
        return settings.refusal_check_effect
    return settings.refusal_effect
