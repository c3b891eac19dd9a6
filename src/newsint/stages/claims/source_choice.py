"""Which words speak for a reporting verb that hangs on a noun (issue 16, third pass).

- A participle or infinitive on a noun that names no speaker ("at a news conference
  announcing…", "had every reason to know…", "went out of her way to say…"): the noun is a
  place, an occasion or a means, not a source; the speaker is the one of the clause the noun
  sits in (the subject of the verb that governs it).
- An infinitive after an adjective of judgement with the expletive "it" as subject ("it is
  hard to know…", "it's easy to criticize…") names no speaker: the writer's own voice, not
  "it" (data/source_spans.toml `[impersonal]`).
- A participle whose subject is the object of the verb it hangs on ("left many farmers
  feeling that…", "caught the minister saying…") or the one a recording is of ("footage of
  the governor asking…"): that object speaks, not the verb's subject (fourth pass, branch
  attrsrc3; data/source_spans.toml `[controlled]`).
- "…, citing X" makes X a link of the chain only when X names a source; a reason the speaker
  cites ("citing the release of detained fishermen") is evidence of the claim, not its origin.
- "per X" names a source only when X is not a rate: "a $500 donation per person", "costs each
  year per student", "one ferry berth per every 4,000 residents" (a bare singular noun, or
  one counted by a number or "every"); "per the report", "per CTV News" stay sources (fifth
  pass, branch attrspur2; data/source_spans.toml `[rates]`).
- An infinitive with no subject of its own on the object of a verb ("has done nothing to
  explain…", "have no evidence to suggest…", "mounted a campaign to condemn…") is the verb's
  subject's act, or that of "for X" before it ("an opening for Roe to highlight…"); the object
  names no speaker (sixth pass, branch attrwrong; data/source_spans.toml `[object_infinitive]`).
- "The agency quoted the minister as saying…", "the minister was quoted by state radio as
  saying…": the one quoted speaks; the one who quotes (an outlet, usually) is a link of the
  chain nearer the article, never the speaker (issue 16, "outlets are links").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import data_file, noun_base, verb_base, word_sets

if TYPE_CHECKING:
    from spacy.tokens import Token

# dependencies that lead from a noun up to the verb whose clause it sits in
_UP = ("dobj", "obj", "pobj", "prep", "attr", "npadvmod", "dative", "oprd")


def governing_verb(noun: Token) -> Token | None:
    """The verb whose clause a noun sits in: up through objects and prepositions."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in _UP or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


@cache
def _impersonal_adjectives() -> frozenset[str]:
    data = data_file("source_spans.toml")["impersonal"]
    return frozenset(w.lower() for w in data["adjectives"])


def impersonal_infinitive(tok: Token) -> bool:
    """ "It is hard to know…": an infinitive hung on a verb whose subject is the expletive
    "it" and whose complement is an adjective of judgement."""
    if tok.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    verb = tok.head
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children):
        return False
    words = _impersonal_adjectives()
    return any(c.dep_ == "acomp" and c.lower_ in words for c in verb.children)


@dataclass(frozen=True)
class Controlled:
    verbs: frozenset[str]  # base forms that pass their object on to a participle
    recordings: frozenset[str]  # "footage of X saying": X is heard


@cache
def _controlled() -> Controlled:
    data = data_file("source_spans.toml")["controlled"]
    return Controlled(
        verbs=frozenset(w.lower() for w in data["verbs"]),
        recordings=frozenset(w.lower() for w in data["recordings"]),
    )


def controlled_speaker(tok: Token, irregular: dict[str, str]) -> Token | None:
    """The subject of a participle with none of its own that is the object of the verb it
    hangs on: "left many farmers feeling that…", "kept commuters guessing whether…",
    "caught the minister saying…"; or the one a recording is of: "uses footage of the
    governor asking…", "ends with a clip of the mayor saying…"."""
    if tok.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None
    words = _controlled()
    if tok.dep_ == "acl":
        noun = tok.head
        heard = _recorded(noun, words)
        if heard is not None:
            return heard
        if noun.dep_ not in ("dobj", "obj") or not _passes_object(noun.head, words, irregular):
            return None
        return noun if _adjacent(noun, tok) else None
    if tok.dep_ not in ("xcomp", "advcl", "ccomp", "oprd"):
        return None
    verb = tok.head
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i < tok.i]
    objects += [  # "ends with a clip of the mayor saying…"
        p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
    ]
    obj = max(
        (o for o in objects if o.i < tok.i and _adjacent(o, tok)), key=lambda o: o.i, default=None
    )
    if obj is None:
        return None
    heard = _recorded(obj, words)
    if heard is not None:
        return heard
    if obj.dep_ == "pobj":  # "ended with the councillor asking…": "with" gives the subject
        return obj if obj.head.lower_ == "with" else None
    return obj if _passes_object(verb, words, irregular) else None


def _passes_object(verb: Token, words: Controlled, irregular: dict[str, str]) -> bool:
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    return verb_base(verb.lower_, words.verbs, irregular) is not None or (
        verb.lemma_.lower() in words.verbs  # "left", "kept", "caught": the parser's lemma
    )


def _recorded(noun: Token, words: Controlled) -> Token | None:
    """X of "footage of X", "a clip of X"."""
    if noun.lemma_.lower() not in words.recordings:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    return next((c for c in of.children if c.dep_ == "pobj"), None)


def _adjacent(noun: Token, tok: Token) -> bool:
    """No punctuation between the object's phrase and the participle ("caught the minister
    saying", not "caught the minister, saying…": that participle is the subject's), but the
    comma that closes a phrase the object's own comma opened."""
    between = noun.doc[noun.right_edge.i + 1 : tok.i]
    if len(between) == 1 and between[0].text == ",":
        # the comma closing a phrase set off inside the object ("left many members,
        # including his allies, wondering…")
        return any(t.text == "," for t in noun.doc[noun.i + 1 : noun.right_edge.i + 1])
    return not any(t.is_punct for t in between) and noun.i < tok.i


def names_a_speaker(obj: Token, entity: bool, nouns: dict[str, frozenset[str]]) -> bool:
    """Whether the object of "…, citing X" names someone who told the speaker (a person, an
    outlet, officials, a statement or a document: "citing two officials", "citing a Defence
    Ministry statement") rather than a reason the speaker gave ("citing the release of
    detained fishermen", "citing rising costs"): only the first is a link of the chain.
    `entity`: whether the parse's entities name the object's own head word."""
    if entity or obj.pos_ == "PRON":
        return True
    word = obj.lower_
    if any(noun_base(word, nouns[k]) for k in nouns if k not in ("statement", "document")):
        return True
    # a statement or document, not an act named like one ("the release of prisoners")
    kept = any(noun_base(word, nouns[k]) for k in ("statement", "document") if k in nouns)
    return kept and not any(c.dep_ == "prep" and c.lower_ == "of" for c in obj.children)


def relayed_speaker(
    tok: Token, relay_verbs: frozenset[str], irregular: dict[str, str]
) -> tuple[Token, Token | None] | None:
    """(the one quoted, the one who quotes) for the participle of "quoted X as saying…" and
    "X was quoted (by Y) as saying…"; None for any other verb."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("pcomp", "pobj") or tok.head.lower_ != "as":
        return None
    verb = tok.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i == tok.head.i:
        return None
    if verb_base(verb.lower_, relay_verbs, irregular) is None and (
        verb.lemma_.lower() not in relay_verbs
    ):
        return None
    kids = list(verb.children)
    quoted = next((c for c in kids if c.dep_ in ("dobj", "obj") and c.i < tok.i), None)
    if quoted is not None:
        return quoted, next((c for c in kids if c.dep_ == "nsubj"), None)
    quoted = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if quoted is None:
        return None
    agent = next((c for c in kids if c.dep_ == "agent"), None)
    by = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
    return quoted, by


@cache
def _rate_quantifiers() -> frozenset[str]:
    return frozenset(w.lower() for w in data_file("source_spans.toml")["rates"]["quantifiers"])


def rate_object(obj: Token) -> bool:
    """Whether the object of "per" is a unit of a rate ("per person", "per every 4,000
    residents"), not a source ("per the report", "per CTV News", "per officials")."""
    if obj.pos_ != "NOUN":
        return False
    kids = list(obj.children)
    if any(c.dep_ == "nummod" or c.lower_ in _rate_quantifiers() for c in kids):
        return True
    return obj.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in kids)


@dataclass(frozen=True)
class ObjectInfinitive:
    speaking_kinds: frozenset[str]  # an object of these kinds keeps its words
    dative_deps: frozenset[str]  # a verb with one of these gives the infinitive to it


@cache
def _object_infinitive() -> ObjectInfinitive:
    data = data_file("source_spans.toml")["object_infinitive"]
    return ObjectInfinitive(**word_sets(data, ObjectInfinitive.__annotations__))


def object_infinitive(tok: Token, kind: str, named: bool) -> tuple[Token, bool] | None:
    """Whose act an infinitive on a verb's object is: "has done nothing to explain…" (the
    verb's: (verb, True)), "an opening for Roe to highlight…" (Roe's: (Roe, False)). `kind` is
    the object's source kind, `named` whether it is an entity; a verb that hands the infinitive
    to someone gives it to them ("gave the crews time to explain…": (crews, False)); None when
    the object may speak ("hired a spokesman to argue…")."""
    if tok.dep_ not in ("acl", "relcl") or tok.tag_ != "VB":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" and c.i < tok.i for c in tok.children):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None
    noun = tok.head
    if noun.i > tok.i:
        return None
    words = _object_infinitive()
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "for" and noun.i < prep.i < tok.i:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.right_edge.i == tok.i - 2:
                return pobj, False  # "for Roe to highlight"
    if named or kind in words.speaking_kinds or noun.dep_ not in ("dobj", "obj"):
        return None
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    dative = next((c for c in verb.children if c.dep_ in words.dative_deps), None)
    return (dative, False) if dative is not None else (verb, True)


@dataclass(frozen=True)
class AddressedParticiple:
    send_verbs: frozenset[str]  # verbs whose object (or "to" object) is who is addressed
    to_words: frozenset[str]  # prepositions that mark the addressee


@cache
def _addressed_participle() -> AddressedParticiple:
    data = data_file("source_spans.toml")["addressed_participle"]
    return AddressedParticiple(**word_sets(data, AddressedParticiple.__annotations__))


def addressed_participle(tok: Token, irregular: dict[str, str]) -> Token | None:
    """The verb of sending whose addressee the parser hung a participle on ("emailed supporters
    saying: …", "sent a note to members stating…"): the participle is the sender's act, not
    the addressee's. None for any other participle; the caller checks the addressee is one."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.i > tok.i:
        return None
    words = _addressed_participle()
    noun = tok.head
    if noun.dep_ in ("dobj", "dative", "iobj"):
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ in words.to_words:
        verb = noun.head.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb if verb_base(verb.lower_, words.send_verbs, irregular) is not None else None
