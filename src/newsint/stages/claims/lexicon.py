"""The attribution lexicon (data/claims.toml) compiled into sets, and word-form helpers.

The spaCy pipeline runs without its lemmatizer (it costs parse time and nothing else needs it),
so verb and noun forms are reduced here against the lexicon itself: a form is matched to a base
word only when that base word is in the list being asked about.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from newsint.stages.claims.repairs import noun_read_verb
from newsint.text.memo import memo_bound
from newsint.text.outlets import load_outlets

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from spacy.tokens import Token

_ASSERTED = ("stance", "criticism")
STATUS_GROUPS = (
    "asserted",
    "alleged",
    "denied",
    "confirmed",
    "uncertain",
    "intention",
    "stance",
    "criticism",
)


@dataclass(frozen=True)
class Lexicon:
    """Everything the claims stage looks words up in; built once from data/claims.toml."""

    cue_verbs: dict[str, str]  # base verb -> status effect
    cue_particles: dict[str, frozenset[str]]  # verb -> particles that join its cue
    particle_required: frozenset[str]  # verbs that report only with one of those particles
    object_ok: frozenset[str]
    topic_verbs: frozenset[str]  # objects are topics: no passive subject is their content
    sourceless_passive: frozenset[str]
    naming_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    prep_content: dict[str, tuple[str, ...]]  # verb -> prepositions whose object is content,
    # the likeliest topic first ("spoke on Tuesday about the deal")
    prep_only: frozenset[str]  # verbs whose only content is that prepositional object
    not_topics: frozenset[str]  # "spoke on condition of anonymity": how, not what
    cue_extenders: frozenset[str]
    positions: frozenset[str]  # stance, intention and criticism verbs: positions, not reports
    own_subject: frozenset[str]  # positions only with a subject written on the verb
    literal_objects: frozenset[str]  # objects that give those verbs their literal sense
    criticism: frozenset[str]  # verbs of attack that report only with a target or a reason
    criticism_preps: frozenset[str]  # prepositions giving the reason ("attacked her for…")
    xcomp_content: frozenset[str]
    evidence_verbs: frozenset[str]
    irregular: dict[str, str]
    cue_nouns: dict[str, str]  # noun -> status effect
    prep_cues: tuple[tuple[str, ...], ...]  # word sequences, longest first
    chaining_preps: frozenset[str]
    frame_preps: frozenset[str]  # "In a … poll, …": prepositions of a frame opening a sentence
    frame_nouns: frozenset[str]  # and the heads of their objects
    channels: frozenset[str]
    holder_by: frozenset[str]
    holder_to: frozenset[str]
    holder_with: frozenset[str]
    container_in: frozenset[str]
    issuer_verbs: frozenset[str]  # "issued a statement calling…": the issuer is the source
    citing_verbs: frozenset[str]
    relay_verbs: frozenset[str]  # "quoted the minister as saying…": the minister speaks
    source_nouns: dict[str, frozenset[str]]  # kind -> head nouns (single words)
    source_phrases: dict[str, tuple[str, ...]]  # kind -> multi-word heads ("white house")
    intelligence_markers: frozenset[str]
    intelligence_heads: frozenset[str]
    leaked: frozenset[str]
    outlets: dict[str, str]  # lower-case form -> canonical name
    agencies: dict[str, str]  # lower-case form -> canonical name
    pronouns: dict[str, frozenset[str]]
    first_person: frozenset[str]
    org_nouns: frozenset[str]
    roles: frozenset[str]
    speaks_for: frozenset[str]  # role nouns of people who speak for an organisation
    gender: dict[str, str]  # pronoun or gendered word -> "male" / "female"
    hedges: dict[str, str]  # word or phrase -> status
    hedge_phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> phrases
    uncertain_verbs: frozenset[str]
    uncertain_modals: frozenset[str]
    verification_verbs: frozenset[str]
    verification_negators: frozenset[str]
    verification_adjectives: frozenset[str]
    authentic_words: frozenset[str]
    negation_words: frozenset[str]
    negation_subjects: frozenset[str]
    negation_adjectives: frozenset[str]
    precedence: tuple[str, ...]
    question_verbs: frozenset[str]
    question_marks: frozenset[str]
    refusal_verbs: frozenset[str]
    answering_verbs: frozenset[str]
    denial_emphatic: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> phrases
    denial_false: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> phrases
    factuality_status: dict[str, str]  # factuality cue kind -> status
    attempt_verbs: frozenset[str]  # heads whose complement's plan is no plan of the claim
    modal_status: dict[str, str]  # modal auxiliary -> status
    reported_modal_status: dict[str, str]  # the same in reported speech
    colon_stop: frozenset[str]
    anaphora_determiners: frozenset[str]
    anaphora_nouns: frozenset[str]
    clear_verbs: frozenset[str]  # "made (it) clear that…" ([frame_reports])
    clear_words: frozenset[str]
    put_verbs: frozenset[str]  # "as X put it, …"
    general_status: str  # status of a report by a verb outside the lexicon ([general_report])
    general_marks: frozenset[str]  # complementisers that open such a verb's reported clause
    general_stop: frozenset[str]  # verbs whose that-clause nobody claims ("ensure that")
    general_not_kinds: frozenset[str]  # source kinds that make no such report
    frame_marks: frozenset[str]  # marks of an adverbial clause that can frame the main clause
    medium_preps: frozenset[str]  # a verb's content preposition that can also name a medium

    # ---- word forms

    def verb_base(self, token: Token, words: frozenset[str] | dict[str, Any]) -> str | None:
        """The base form in `words` that `token` (a verb form) is an inflection of, if any."""
        return verb_base(token.lower_, words, self.irregular)

    def cue_verb(self, token: Token) -> str | None:
        if token.tag_.startswith("VB") or token.pos_ in {"VERB", "AUX"}:
            return self.verb_base(token, self.cue_verbs)  # a verb: the tests below not needed
        # "The campaign plans to employ…" tagged a plural noun: a root with a subject and an
        # infinitive is a verb whatever its tag
        verb_like = token.dep_ == "ROOT" and {"nsubj", "xcomp"} <= {c.dep_ for c in token.children}
        # "Brandt charges that…", "…, the mayor's physician maintains." tagged plural nouns
        verb_like = verb_like or noun_read_verb(token)
        if not token.tag_.startswith("VB") and token.pos_ not in {"VERB", "AUX"} and not verb_like:
            return None
        return self.verb_base(token, self.cue_verbs)

    def noun_base(self, word: str, words: frozenset[str] | dict[str, Any]) -> str | None:
        return noun_base(word.lower(), words)


def verb_base(
    form: str, words: frozenset[str] | dict[str, Any], irregular: dict[str, str]
) -> str | None:
    """Reduce an English verb form to a base word in `words` (said->say, stating->state).
    Answers are kept per word list (asked ~17 times per cue verb, ~3 per other verb)."""
    memo = _BASES.get(id(words))
    if memo is None or memo[0] is not words or memo[1] is not irregular:
        if len(_BASES) >= _MAX_LISTS:
            _BASES.clear()  # lists made on the fly (a union per call) must not pile up
        memo = _BASES[id(words)] = (words, irregular, {})
    answers = memo[2]
    if form in answers:
        return answers[form]
    base = _verb_base(form, words, irregular)
    if len(answers) < _MAX_FORMS:
        answers[form] = base
    return base


# verb_base's answers: id of a word list -> (that list, its irregular forms, form -> base). The
# entry holds the list itself, so no other object can take its id while the entry lives.
_BASES: dict[int, tuple[object, object, dict[str, str | None]]] = {}
_MAX_LISTS = memo_bound("verb_base", "lists")  # distinct word lists kept (data/memo.toml)
_MAX_FORMS = memo_bound("verb_base", "forms_per_list")  # forms kept per list


def _verb_base(
    form: str, words: frozenset[str] | dict[str, Any], irregular: dict[str, str]
) -> str | None:
    if form in irregular and irregular[form] in words:
        return irregular[form]
    for candidate in _verb_candidates(form):
        if candidate in words:
            return candidate
    return None


@lru_cache(maxsize=memo_bound("verb_base", "candidates"))  # one entry per word form asked about
def _verb_candidates(form: str) -> tuple[str, ...]:
    """The base forms `form` may inflect, most likely first (asked ~5 times per verb)."""
    out = [form]
    if form.endswith("ies") and len(form) > 4:
        out.append(form[:-3] + "y")
    if form.endswith("es"):
        out.append(form[:-2])
    if form.endswith("s"):
        out.append(form[:-1])
    if form.endswith("ied") and len(form) > 4:
        out.append(form[:-3] + "y")
    for suffix in ("ed", "ing"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # admitted -> admit
    return tuple(out)


def noun_base(word: str, words: frozenset[str] | dict[str, Any]) -> str | None:
    if word in words:
        return word
    if not word.endswith("s"):
        return None  # (most words: no candidate to build)
    if word[:-1] and word[:-1] in words:
        return word[:-1]
    if word.endswith("es") and word[:-2] and word[:-2] in words:
        return word[:-2]
    return None


def _groups(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for status in STATUS_GROUPS:
        for word in table.get(status, []):
            # a stance or a criticism is a position its holder asserts
            out.setdefault(word.lower(), "asserted" if status in _ASSERTED else status)
    unknown = set(table) - set(STATUS_GROUPS)
    if unknown:
        raise ValueError(f"claims.toml: unknown status group(s) {sorted(unknown)}")
    return out


def _by_first_word(
    phrases: dict[str, str],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, status in phrases.items():
        words = tuple(phrase.split())
        out.setdefault(words[0], []).append((words, status))
    return {k: tuple(v) for k, v in out.items()}


def _set(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def word_sets(
    section: Mapping[str, Any], fields: Iterable[str], *, lower: bool = False
) -> dict[str, frozenset[str]]:
    """A data file section's word lists as sets by name, for a rule module's frozen settings
    (`Words(**word_sets(section, Words.__annotations__))`); lower-cased for words compared by
    their lower-case form, as they are (tags, dependencies) otherwise."""
    return {f: frozenset(w.lower() if lower else w for w in section[f]) for f in fields}


@cache
def data_file(name: str) -> dict[str, Any]:
    """One TOML file of newsint.data, read once per process for every rule module that takes
    a section of it (data/source_spans.toml serves four)."""
    return tomllib.loads(resources.files("newsint.data").joinpath(name).read_text("utf-8"))


@cache
def lexicon() -> Lexicon:
    data = tomllib.loads(resources.files("newsint.data").joinpath("claims.toml").read_text("utf-8"))
    src = data["source_nouns"]
    hedges: dict[str, str] = {}
    for status in ("alleged", "uncertain"):
        for phrase in data["hedges"][status]:
            hedges[phrase.lower()] = status
    outlets = load_outlets().forms()  # one outlet table for every layer (data/outlets.toml)
    agencies = {form.lower(): name for name, forms in data["agencies"].items() for form in forms}
    precedence = tuple(data["status"]["precedence"])
    return Lexicon(
        cue_verbs=_groups(data["cue_verbs"]),
        cue_particles={k: _set(v) for k, v in data["cue_particles"].items()},
        particle_required=_set(data["particle_required"]["verbs"]),
        object_ok=_set(data["object_content"]["verbs"]),
        topic_verbs=_set(data["object_content"]["topic_verbs"]),
        sourceless_passive=_set(data["sourceless_passive"]["verbs"]),
        naming_verbs=_set(data["object_content"]["naming_verbs"]),
        clause_verbs=_set(data["object_content"]["clause_verbs"]),
        prep_content={
            k: tuple(w.lower() for w in v)
            for k, v in data["prep_content"].items()
            if k not in ("prep_only", "not_topics")
        },
        prep_only=_set(data["prep_content"]["prep_only"]),
        not_topics=_set(data["prep_content"]["not_topics"]),
        cue_extenders=_set(data["cue_extenders"]["verbs"]),
        positions=_set(
            [w for g in ("stance", "intention", "criticism") for w in data["cue_verbs"][g]]
        ),
        own_subject=_set(data["positions"]["own_subject"]),
        literal_objects=_set(data["positions"]["literal_objects"]),
        criticism=_set(data["cue_verbs"]["criticism"]),
        criticism_preps=_set(data["criticism"]["reason_preps"]),
        xcomp_content=_set(data["xcomp_content"]["verbs"]),
        evidence_verbs=_set(data["evidence_verbs"]["verbs"]),
        irregular={k.lower(): v.lower() for k, v in data["irregular"].items()},
        cue_nouns=_groups(data["cue_nouns"]),
        prep_cues=tuple(
            sorted(
                (tuple(p.lower().split()) for p in data["prep_cues"]["phrases"]),
                key=lambda p: -len(p),
            )
        ),
        chaining_preps=_set(data["prep_cues"]["chaining"]),
        frame_preps=_set(data["prep_cues"]["frame_preps"]),
        frame_nouns=_set(data["prep_cues"]["frame_nouns"]),
        channels=_set(data["prep_cues"]["channels"]),
        holder_by=_set(data["provenance"]["holder_by"]),
        holder_to=_set(data["provenance"]["holder_to"]),
        holder_with=_set(data["provenance"]["holder_with"]),
        container_in=_set(data["provenance"]["container_in"]),
        issuer_verbs=_set(data["provenance"]["issuer_verbs"]),
        citing_verbs=_set(data["provenance"]["citing_verbs"]),
        relay_verbs=_set(data["provenance"]["relay_verbs"]),
        source_nouns={k: _set([w for w in v if " " not in w]) for k, v in src.items()},
        source_phrases={k: tuple(w.lower() for w in v if " " in w) for k, v in src.items()},
        intelligence_markers=_set(data["intelligence_markers"]["words"]),
        intelligence_heads=_set(data["intelligence_markers"]["heads"]),
        leaked=_set(data["intelligence_markers"]["leaked"]),
        outlets=outlets,
        agencies=agencies,
        pronouns={k: _set(v) for k, v in data["pronouns"].items() if isinstance(v, list)},
        first_person=_set(data["pronouns"]["first_person"]),
        org_nouns=_set(data["pronouns"]["org_nouns"]),
        roles=_set(data["pronouns"]["roles"]),
        speaks_for=_set(data["pronouns"]["speaks_for"]),
        gender={
            **{w.lower(): "male" for k in ("male", "male_words") for w in data["pronouns"][k]},
            **{
                w.lower(): "female" for k in ("female", "female_words") for w in data["pronouns"][k]
            },
        },
        hedges=hedges,
        hedge_phrases=_by_first_word(hedges),
        uncertain_verbs=_set(data["hedges"]["uncertain_verbs"]),
        uncertain_modals=_set(data["hedges"]["uncertain_modals"]),
        verification_verbs=_set(data["verification"]["verbs"]),
        verification_negators=_set(data["verification"]["negators"]),
        verification_adjectives=_set(data["verification"]["adjectives"]),
        authentic_words=_set(data["verification"]["authentic_words"]),
        negation_words=_set(data["negation"]["words"]),
        negation_subjects=_set(data["negation"]["subjects"]),
        negation_adjectives=_set(data["negation"]["adjectives"]),
        precedence=precedence,
        question_verbs=_set(data["questions"]["verbs"]),
        question_marks=_set(data["questions"]["marks"]),
        refusal_verbs=_set(data["questions"]["refusals"]),
        answering_verbs=_set(data["questions"]["answering"]),
        denial_emphatic=_by_first_word({w.lower(): "denied" for w in data["denial"]["emphatic"]}),
        denial_false=_by_first_word({w.lower(): "denied" for w in data["denial"]["false_words"]}),
        factuality_status={
            k: v for k, v in data["factuality_status"].items() if isinstance(v, str)
        },
        attempt_verbs=_set(data["factuality_status"]["attempts"]),
        modal_status={
            k.lower(): v
            for k, v in data["factuality_status"]["modals"].items()
            if isinstance(v, str)
        },
        reported_modal_status={
            k.lower(): v for k, v in data["factuality_status"]["reported_modals"].items()
        },
        colon_stop=_set(data["colon"]["stop"]),
        anaphora_determiners=_set(data["anaphora"]["determiners"]),
        anaphora_nouns=_set(data["anaphora"]["nouns"]),
        clear_verbs=_set(data["frame_reports"]["clear_verbs"]),
        clear_words=_set(data["frame_reports"]["clear_words"]),
        put_verbs=_set(data["frame_reports"]["put_verbs"]),
        general_status=data["general_report"]["status"],
        general_marks=_set(data["general_report"]["marks"]),
        general_stop=_set(data["general_report"]["stop"]),
        general_not_kinds=_set(data["general_report"]["not_kinds"]),
        frame_marks=_set(data["parse_repairs"]["frame_marks"]),
        medium_preps=_set(data["parse_repairs"]["medium_preps"]),
    )
