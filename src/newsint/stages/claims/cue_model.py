"""A cue classifier learned from PolNeAR train (issue 16, "attrclf"): whether a verb outside the
rules reports, judged on more than its lemma.

"The ministry offered loans", "the council approved the plan": a verb of action with a speaker
as its subject and a complement after it reports in one sentence and narrates in the next ("gave
a speech" / "gave the keys"), so a table of (lemma, construction) reaches only the few verbs
that report almost always. A candidate (`candidate`: a verb with a complement after it and a
subject that can speak) is described by sparse features (`features`: the lemma, the
construction, the complement's head, the subject's kind, tense, modality, negation, quotation,
position…), and a logistic model fitted on train (`bench/train_cue_model.py`) weighs them;
data/cue_model.json holds the weights, the intercept and the threshold. The same functions
build the features when the model is trained and when the claims stage runs, so they cannot
drift; the runtime is a dot product.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from newsint.stages.claims.context import _inside_quote
from newsint.stages.claims.lexicon import verb_base

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.stages.claims.lexicon import Lexicon
    from newsint.stages.claims.quotes import Quote
    from newsint.stages.claims.sources import Sources

# construction names: a that-clause, a finite clause without "that", a to-infinitive (with the
# object before it: "asked the board to…"), a plain object, a prepositional object ("prep:about")
THAT, CLAUSE, INFINITIVE, OBJECT, PREP = "that", "clause", "to", "object", "prep:"


@dataclass(frozen=True)
class Settings:
    """The hand-written part of data/cue_model.toml: who can speak, what a content leaves out."""

    speaker_kinds: frozenset[str]  # source kinds that make a subject a speaker
    circumstance_preps: frozenset[str]  # prepositions of when and why, never in the content
    subjects: frozenset[str]  # how a candidate may get its subject: own, relative, conj
    infinitive_verbs: frozenset[str]  # extenders and refusals that are candidates before "to"
    plain_only: bool  # only active, affirmative verbs with no modal are candidates
    length_bins: tuple[int, ...]  # complement lengths (tokens) that start a new bin
    next_word_pos: frozenset[str]  # parts of speech whose word after the verb is a feature
    refusal_effect: str  # the status a learned refusal gives its content ("refused to sign")
    refusal_check_effect: str  # ... when what is refused is a check ("declined to confirm")


@dataclass(frozen=True)
class Model:
    """data/cue_model.json: a logistic model over `features`."""

    weights: dict[str, float]
    intercept: float
    threshold: float


@dataclass(frozen=True)
class Candidate:
    """A verb use the model judges: its construction, the complement's head, its subject."""

    verb: Token
    kind: str
    comp: Token
    subj: Token
    subj_kind: str  # "pron" or a source kind
    how: str  # the subject is the verb's own, a relative pronoun's, or a coordinated verb's


@cache
def settings() -> Settings:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("cue_model.toml").read_text("utf-8")
    )
    cand = data["candidates"]
    return Settings(
        speaker_kinds=frozenset(data["subject"]["speaker_kinds"]),
        circumstance_preps=frozenset(data["content"]["circumstance_preps"]),
        subjects=frozenset(cand["subjects"]),
        infinitive_verbs=frozenset(cand["infinitive_verbs"]),
        plain_only=bool(cand["plain_only"]),
        length_bins=tuple(cand["length_bins"]),
        next_word_pos=frozenset(cand["next_word_pos"]),
        refusal_effect=str(data["content"]["refusal_effect"]),
        refusal_check_effect=str(data["content"]["refusal_check_effect"]),
    )


@cache
def model() -> Model:
    data = json.loads(resources.files("newsint.data").joinpath("cue_model.json").read_text("utf-8"))
    return Model(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


def probability(feats: list[str], m: Model) -> float:
    """The model's probability that the candidate is a cue whose content is its complement."""
    z = m.intercept + sum(m.weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def construction(tok: Token) -> tuple[str, Token] | None:
    """The verb's construction and the head of its complement, the first that applies: a
    clause after it (with or without "that"), an infinitive, a plain object, a prepositional
    object. Only complements after the verb: one before it is a speaker tag's or a relative's."""
    children = [c for c in tok.children if c.i > tok.i]
    for c in children:
        if c.dep_ == "ccomp":
            that = any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            return (THAT if that else CLAUSE), c
    for c in children:
        if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return INFINITIVE, c
    for c in children:
        if c.dep_ in ("dobj", "obj"):
            return OBJECT, c
    for c in children:
        if c.dep_ == "prep":
            obj = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return PREP + c.lower_, obj
    return None


def plain_use(tok: Token) -> bool:
    """An active, affirmative verb with no modal ("the board will approve…", "did not send…"
    are none)."""
    return not any(c.dep_ in ("neg", "auxpass") or c.tag_ == "MD" for c in tok.children)


def _subject(tok: Token, allowed: frozenset[str]) -> tuple[Token, str] | None:
    """The verb's subject before it, and how it got it: its own, a relative pronoun's noun
    ("the senator who blasted…"), the first verb's when it is coordinated with no subject of
    its own ("the mayor met the board and signed the pact"), the main verb's for a
    participle clause hung on it ("…, calling the plan reckless"), for a purpose infinitive
    ("flew to Oslo to defend the quota") and for a gerund after a preposition ("began by
    unveiling a plan"), or the noun a participle modifies ("a group opposing the plan")."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is not None:
        if subj.tag_ in ("WP", "WDT"):
            return (tok.head, "relative") if tok.dep_ == "relcl" and "relative" in allowed else None
        return (subj, "own") if "own" in allowed else None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children):
        return None
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and "acl" in allowed:
        return (tok.head, "acl") if tok.head.pos_ in ("NOUN", "PROPN") else None
    first = tok.head
    if tok.dep_ == "conj" and "conj" in allowed:
        how = "conj"
    elif tok.dep_ == "advcl" and tok.tag_ == "VBG" and "participle" in allowed:
        how = "participle"
    elif tok.dep_ == "advcl" and tok.tag_ == "VB" and "purpose" in allowed:
        how = "purpose"
    elif (
        tok.dep_ == "pcomp"
        and tok.tag_ == "VBG"
        and first.dep_ == "prep"
        and first.head.pos_ in ("VERB", "AUX")
        and "pcomp" in allowed
    ):
        how, first = "pcomp", first.head
    else:
        return None
    subj = next((c for c in first.children if c.dep_ == "nsubj" and c.i < first.i), None)
    if subj is None or subj.tag_ in ("WP", "WDT"):
        return None
    return subj, how


def candidate(tok: Token, lex: Lexicon, sources: Sources) -> Candidate | None:
    """A verb use the model judges: a verb with a complement after it whose subject can speak (a
    personal pronoun, or a source of a kind of `[subject] speaker_kinds` as the claims stage
    reads it). Cue extenders ("went on to…") and refusals ("declined to…") are none, but for
    those of `[candidates] infinitive_verbs` before an infinitive ("refuses to release his
    returns": PolNeAR train marks such refusals 72 times in 83)."""
    s = settings()
    if tok.pos_ != "VERB" or tok.tag_[:2] != "VB":
        return None
    if s.plain_only and not plain_use(tok):
        return None
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    found = construction(tok)
    if found is None:
        return None
    if (
        verb_base(tok.lower_, lex.cue_extenders, lex.irregular)
        or lemma in lex.cue_extenders
        or lemma in lex.refusal_verbs
    ) and not (found[0] == INFINITIVE and lemma in s.infinitive_verbs):
        return None
    got = _subject(tok, s.subjects)
    if got is None:
        return None
    subj, how = got
    if subj.pos_ == "PRON":
        pron = lex.pronouns
        if subj.lower_ not in pron["person"] | pron["plural"]:
            return None
        kind = "pron"
    else:
        kind = sources.from_head(subj).kind
        if kind not in s.speaker_kinds:
            return None
    return Candidate(tok, found[0], found[1], subj, kind, how)


def _bin(n: int, bins: tuple[int, ...]) -> int:
    return sum(1 for b in bins if n >= b)


def features(c: Candidate, lex: Lexicon, sources: Sources, quotes: list[Quote]) -> list[str]:
    """The candidate's sparse features, names only (each has the value 1); sorted, so the
    same parse always gives the same list."""
    tok, comp = c.verb, c.comp
    lemma = tok.lemma_.lower()
    kind = c.kind
    group = "prep" if kind.startswith(PREP) else kind
    known = (
        lex.cue_verb(tok) is not None or verb_base(tok.lower_, lex.cue_particles, {}) is not None
    )
    children = list(tok.children)
    comp_lemma = comp.lemma_.lower()
    det = next((d for d in comp.children if d.dep_ in ("det", "poss") and d.i < comp.i), None)
    det_word = "-" if det is None else ("poss" if det.dep_ == "poss" else det.lower_)
    size = comp.right_edge.i - comp.left_edge.i + 1
    sent = sources.sents.of(tok)
    text = sources.text
    s0, s1 = sent.start_char, sent.end_char
    f = [
        f"lemma={lemma}",
        f"cons={group}",
        f"cons_full={kind}",
        f"lemma|cons={lemma}|{kind}",
        f"comp_lemma={comp_lemma}",
        f"comp_pos={comp.pos_}",
        f"comp_ent={comp.ent_type_ or '-'}",
        f"lemma|comp_pos={lemma}|{comp.pos_}",
        f"cons|comp_lemma={group}|{comp_lemma}",
        f"det={det_word}",
        f"cons|det={group}|{det_word}",
        f"comp_len={_bin(size, settings().length_bins)}",
        f"subj={c.subj_kind}",
        f"cons|subj={group}|{c.subj_kind}",
        f"how={c.how}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"known={known}",
        f"known|cons={known}|{group}",
        f"lemma|subj={lemma}|{c.subj_kind}",
        f"lemma|tag={lemma}|{tok.tag_}",
        f"subj_lemma={c.subj.lemma_.lower() if c.subj.pos_ != 'PROPN' else '-'}",
    ]
    if tok.i + 1 < len(tok.doc):  # "agreed to", "looks to", "sent a…": the word, else its POS
        nxt = tok.nbor()
        f.append(f"next={nxt.lower_ if nxt.pos_ in settings().next_word_pos else nxt.pos_}")
    if c.how == "own" and tok.head.i != tok.i:
        f.append(f"head_pos={tok.head.pos_}")
        if lex.cue_verb(tok.head) is not None:
            f.append("head_cue")
    for ch in children:
        if ch.dep_ == "neg":
            f.append("neg")
        elif ch.tag_ == "MD":
            f.append("modal")
        elif ch.dep_ == "aux" and ch.lemma_.lower() == "have":
            f.append("perfect")
        elif ch.dep_ == "aux" and ch.lemma_.lower() == "be" and tok.tag_ == "VBG":
            f.append("progressive")
        elif ch.dep_ == "prt":
            f.append(f"prt={ch.lower_}")
            f.append(f"lemma|prt={lemma}|{ch.lower_}")
        elif ch.dep_ in ("dative", "iobj"):
            f.append("dative")
        elif ch.dep_ == "advcl" and ch.i > tok.i:
            f.append("advcl_after")
        elif ch.dep_ == "advmod" and ch.pos_ == "ADV":  # "openly admires", "repeatedly linked"
            f.append(f"advmod={ch.lemma_.lower()}")
        elif ch.dep_ == "prep" and kind == OBJECT and ch.i > comp.i:
            # "linked the losses to…", "blamed the mayor for…": the object's preposition
            f.append(f"obj_prep={ch.lower_}")
            f.append(f"lemma|obj_prep={lemma}|{ch.lower_}")
    if _inside_quote(quotes, tok.idx):
        f.append("in_quote")
    if any(q.start < s1 and s0 < q.end for q in quotes):
        f.append("sent_quote")
    if sources.sents.idx(tok) == 0:
        f.append("first_sent")
    if "\n" not in text[:s0].strip():
        f.append("first_para")
    return sorted(set(f))


def score(c: Candidate, lex: Lexicon, sources: Sources, quotes: list[Quote]) -> float:
    """The probability data/cue_model.json gives the candidate."""
    return probability(features(c, lex, sources, quotes), model())
