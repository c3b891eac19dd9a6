"""Rule family `predicate`: cues that are nouns and adjectives (issue 16, "attrnoun").

"Her criticism of the levy", "the council's decision to close the pier", "he expressed concern
that…", "the mayor is critical of the plan", "they were eager to sign": a noun or an adjective
reports what its complement says when someone who can speak owns it. Whether it does is a
matter of the word and its complement, not of a word list: `bench/noun_cues.py` walks the
PolNeAR train parses, classes each noun and adjective with a complement by the construction
below and counts how often its token is a gold cue whose content is that complement;
data/noun_cues.toml keeps the (part of speech, lemma, complement) rows whose rate and count pass
its thresholds. Without an owner who speaks (a possessive, "by X", the subject of the verb that
has the noun or of the copula before the adjective) such words are rarely cues (train: "criticism
of" with no owner, "a plan to…" of nobody), so the rule needs one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from newsint.stages.claims.content import ContentRules
from newsint.stages.claims.context import Found
from newsint.stages.claims.no_speaker import denied_evidence
from newsint.stages.claims.quotes import inside_speech

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.claims.lexicon import Lexicon
    from newsint.stages.claims.sources import Sources
    from newsint.stages.tokens import Tok

NOUN, ADJ = "noun", "adj"
# complement names (data/noun_cues.toml uses them): a that-clause, "whether"/"if" clause, a
# to-infinitive, a finite clause without a conjunction, a prepositional object ("prep:of")
THAT, WH, INFINITIVE, CLAUSE, PREP = "that", "wh", "to", "clause", "prep:"
# owner names: a possessive, "by X", the subject of the verb whose object the noun is, the
# subject of the copula before the word
POSSESSIVE, BY, VERB, COPULA = "poss", "by", "verb", "copula"
_POS = {"NOUN": NOUN, "ADJ": ADJ}
_CLAUSE_DEPS = ("acl", "ccomp", "appos", "advcl", "xcomp")
_HELD_DEPS = ("dobj", "obj", "acomp", "attr")  # where a verb's or a copula's subject holds a word


@dataclass(frozen=True)
class NounCues:
    """The table and word lists of data/noun_cues.toml."""

    pairs: dict[tuple[str, str], frozenset[str]]  # (pos, lemma) -> complements it reports
    constructions: frozenset[tuple[str, str, str]]  # (pos, owner, complement): any lemma
    construction_pos: frozenset[str]  # parts of speech with a construction row
    preps: frozenset[str]  # prepositions whose object may be a complement
    copulas: frozenset[str]  # verbs that link a subject to an adjective ("is", "remains")
    receiving: frozenset[str]  # verbs whose subject receives the noun ("faced criticism")
    speaker_kinds: frozenset[str]  # source kinds that make an owner a speaker


@cache
def noun_cues() -> NounCues:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("noun_cues.toml").read_text("utf-8")
    )
    pairs: dict[tuple[str, str], set[str]] = {}
    for row in data["cues"]:
        pairs.setdefault((row["pos"], row["lemma"]), set()).add(row["complement"])
    words = data["words"]
    return NounCues(
        pairs={k: frozenset(v) for k, v in pairs.items()},
        constructions=frozenset(
            (row["pos"], row["owner"], row["complement"]) for row in data["constructions"]
        ),
        construction_pos=frozenset(row["pos"] for row in data["constructions"]),
        preps=frozenset(words["preps"]),
        copulas=frozenset(words["copulas"]),
        receiving=frozenset(words["receiving"]),
        speaker_kinds=frozenset(words["speaker_kinds"]),
    )


def _clause_kind(c: Token) -> str | None:
    marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
    if "that" in marks:
        return THAT
    if "if" in marks or "whether" in marks:
        return WH
    if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
        return INFINITIVE
    if not marks and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
        return CLAUSE
    return None


def complement(tok: Token) -> tuple[str, list[Token], Token | None] | None:
    """The word's complement after it, the first that applies: a clause (on the word, or on
    the copula before an adjective: "it is clear that…"), else a prepositional object. Returns
    its name, the content's tokens and the preposition (part of the cue)."""
    kids = [c for c in tok.children if c.i > tok.i]
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
        kids += [c for c in tok.head.children if c.i > tok.i and c.dep_ in _CLAUSE_DEPS]
    elif tok.dep_ in ("dobj", "obj"):
        # "made the case for a levy": the parser hangs the preposition right after the object
        # on the verb
        kids += [c for c in tok.head.children if c.i == tok.right_edge.i + 1 and c.dep_ == "prep"]
    for c in kids:
        if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
            kind = _clause_kind(c)
            if kind is not None:
                return kind, list(c.subtree), None
    preps = noun_cues().preps
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return PREP + c.lower_, [t for t in c.subtree if t.i > c.i], c
    return None


def owner(tok: Token) -> tuple[Token, list[Token], str] | None:
    """Who holds the noun or adjective, the words before it that join the cue and how: a
    possessive ("her criticism"), "by X" ("a proposal by the union"), the subject of the verb
    whose object the noun is ("he expressed concern", not "faced criticism") or of the copula
    it follows ("she is a critic of", "they were eager to")."""
    table = noun_cues()
    kids = list(tok.children)
    if tok.pos_ == "NOUN":
        poss = next((c for c in kids if c.dep_ == "poss"), None)
        if poss is not None:
            return poss, [], POSSESSIVE
        for c in kids:
            if c.dep_ == "prep" and c.lower_ == "by" and c.i > tok.i:
                obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                if obj is not None:
                    return obj, [], BY
    head = tok.head
    if head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj"):
        if head.lemma_.lower() in table.receiving:
            return None
    elif not (
        tok.dep_ in ("acomp", "attr") and head.lemma_.lower() in table.copulas and head.i < tok.i
    ):
        return None
    subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None)
    if subj is None:
        return None
    lead = [c for c in head.children if c.dep_ in ("aux", "neg") and subj.i < c.i < head.i]
    return subj, [*lead, head], (VERB if tok.dep_ in ("dobj", "obj") else COPULA)


def speaks(tok: Token, lex: Lexicon, sources: Sources) -> bool:
    """An owner who can speak: a personal pronoun (possessive too), or a source of a kind of
    `[words] speaker_kinds` (a person, an organisation…), as the claims stage reads it."""
    if tok.pos_ == "PRON" and tok.lower_ in lex.pronouns["person"] | lex.pronouns["plural"]:
        return True
    if tok.lower_ in lex.pronouns["thing"]:
        return False  # "it isn't funny that…": no one's view, whatever "it" resolves to
    return sources.from_head(tok).kind in noun_cues().speaker_kinds


class PredicateRules(ContentRules):
    """Nouns and adjectives of the learned table with an owner who speaks."""

    def predicate_cue(self, word: Tok | Token, here: list[Found]) -> Found | None:
        """A table `Tok` becomes spaCy's Token once its lemma is in the table or it stands
        where a construction row's owner would hold it (an object, after a copula, with a
        possessive)."""
        pos = _POS.get(word.pos_)
        if pos is None:
            return None
        table = noun_cues()
        kinds = table.pairs.get((pos, word.lemma_.lower()), frozenset())
        if not kinds and not (
            pos in table.construction_pos
            and (word.dep_ in _HELD_DEPS or any(c.dep_ == "poss" for c in word.children))
        ):
            return None
        tok = self.doc[word.i]
        comp = complement(tok)
        if comp is None:
            return None
        held = owner(tok)
        if held is None:
            return None
        if comp[0] not in kinds and (pos, held[2], comp[0]) not in table.constructions:
            return None
        if inside_speech(self.quotes, tok.idx, self.text, self.cfg.min_speech_quote_words):
            return None  # "my criticism of the plan" inside a quotation is the quoted voice
        if any(f.content[0] <= tok.idx < f.content[1] for f in here):
            return None  # inside what another cue reports: PolNeAR nests no attribution there
        if denied_evidence(tok):
            return None  # "no evidence that officials were aware of…": the writer's claim
        if not speaks(held[0], self.lex, self.sources):
            return None
        who, lead, _ = held
        _, content, prep = comp
        cue_toks = [*lead, tok] + ([prep] if prep is not None else [])
        cue = self.span_of(cue_toks)
        start, end = self.finish(*self.span_of(content), cue=cue)
        if end <= start:
            return None
        return Found(
            rule="predicate",
            content=(start, end),
            source=self.sources.from_head(who),
            cue=cue,
            effect=self.lex.general_status,
            cue_tokens=[t.i for t in cue_toks],
            sentence=self.sent_span(self.sents.of(tok)),
            confidence=self.cfg.confidence_noun,
        )
