"""Word lists that decide where a content ends (data/content_bounds.toml), kept apart from the
cue lexicon (data/claims.toml): they shape spans, not what counts as a report."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Bounds:
    """Content-boundary words."""

    content_conjunctions: frozenset[str]  # "…, but the chairman declined" stays in the content
    thought_verbs: frozenset[str]  # "…, but she knows that…": the speaker's mind, in the content
    thought_subjects: frozenset[str]  # …with one of these pronouns as its subject
    subject_joiners: frozenset[str]  # between the pieces of one subject the parser split
    subject_breaks: frozenset[str]  # characters never inside one subject
    tag_quote_endings: frozenset[str]  # “…,” / “…?” / “…!” before a speaker tag
    report_quote_marks: frozenset[str]  # "X declared Y: “…,” she said": the tag's is the quote
    colon_quote_kinds: frozenset[str]  # who may say a quotation after "X did Y:"
    lead_marks: frozenset[str]  # "If the talks fail, she argues, …": the opening is content
    reason_preps: frozenset[str]  # "criticized X for saying…": the reason stays in the content
    naming_preps: frozenset[str]  # "referred to X as Y": what X is called stays in the content
    cue_left_deps: frozenset[str]  # "has also called": words of the cue verb before it
    cue_left_not_tags: frozenset[str]  # …but not these ("when", "how")
    cue_left_max: int  # at most this many words
    cue_right_deps: frozenset[str]  # "called for ‖ X": the preposition opening the content
    cue_right_punct: frozenset[str]  # "continued: ‖ “…”"
    dangling_conjunctions: frozenset[str]  # "…were not complete, and": no content ends so
    connectives: tuple[str, ...]  # "However, ‖ the ferry…": the writer's link, left out
    bare_connectives: frozenset[str]  # …also without a comma after it
    connective_max_chars: int  # the longest connective, in characters
    feeling_verbs: frozenset[str]  # "expressed concern ‖ that…": the feeling is the cue's
    feeling_preps: frozenset[str]  # "voiced doubts about ‖ the plan"
    bracket_pair: tuple[str, str]  # "(“…,” he said.)": a lone parenthesis at an edge goes
    tense_tags: dict[str, str]  # "said X, but is seeking Y": a change of tense continues X
    argument_preps: dict[str, frozenset[str]]  # "likened X to Y": Y stays in the content
    abbreviations: frozenset[str]  # "…in Reno, Nev.": the content keeps the word's stop
    addressed_object_deps: frozenset[str]  # "asked ‖ the board to discuss X"
    addressed_phrase_deps: frozenset[str]  # "declined ‖ for years to reveal X"
    addressed_pos: frozenset[str]  # …when the object is one of these parts of speech
    framed_connectives: frozenset[str]  # "But ‖ the fund is empty, according to X"
    framed_connective_rules: frozenset[str]  # …for the contents of these rule families
    quoted_tail_gap: int  # "called it “a farce”": at most this many spaces before the quotation
    quoted_tail_max_words: int  # …and at most this many words inside it


@cache
def bounds() -> Bounds:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("content_bounds.toml").read_text("utf-8")
    )
    return Bounds(
        content_conjunctions=frozenset(
            w.lower() for w in data["coordinated_clause"]["conjunctions"]
        ),
        thought_verbs=frozenset(w.lower() for w in data["coordinated_clause"]["thought_verbs"]),
        thought_subjects=frozenset(
            w.lower() for w in data["coordinated_clause"]["thought_subjects"]
        ),
        subject_joiners=frozenset(w.lower() for w in data["split_subject"]["joiners"]),
        subject_breaks=frozenset(data["split_subject"]["breaks"]),
        tag_quote_endings=frozenset(data["tagged_quote"]["endings"]),
        report_quote_marks=frozenset(data["tagged_quote"]["report_quote_marks"]),
        colon_quote_kinds=frozenset(data["colon_quote"]["source_kinds"]),
        lead_marks=frozenset(w.lower() for w in data["leading_part"]["marks"]),
        reason_preps=frozenset(w.lower() for w in data["object_reason"]["preps"]),
        naming_preps=frozenset(w.lower() for w in data["object_reason"]["naming_preps"]),
        cue_left_deps=frozenset(data["cue_span"]["left_deps"]),
        cue_left_not_tags=frozenset(data["cue_span"]["left_not_tags"]),
        cue_left_max=int(data["cue_span"]["left_max"]),
        cue_right_deps=frozenset(data["cue_span"]["right_deps"]),
        cue_right_punct=frozenset(data["cue_span"]["right_punct"]),
        dangling_conjunctions=frozenset(w.lower() for w in data["dangling_conjunction"]["words"]),
        connectives=tuple(
            sorted((w.lower() for w in data["writers_connective"]["words"]), key=len, reverse=True)
        ),
        bare_connectives=frozenset(w.lower() for w in data["writers_connective"]["bare"]),
        feeling_verbs=frozenset(w.lower() for w in data["expressed_feeling"]["verbs"]),
        feeling_preps=frozenset(w.lower() for w in data["expressed_feeling"]["preps"]),
        bracket_pair=(data["lone_bracket"]["pair"][0], data["lone_bracket"]["pair"][1]),
        connective_max_chars=max(len(w) for w in data["writers_connective"]["words"]) + 2,
        tense_tags=dict(data["continued_clause"]["tense_tags"]),
        abbreviations=frozenset(w.lower() for w in data["abbreviation_stop"]["words"]),
        addressed_object_deps=frozenset(data["addressed_infinitive"]["object_deps"]),
        addressed_phrase_deps=frozenset(data["addressed_infinitive"]["phrase_deps"]),
        addressed_pos=frozenset(data["addressed_infinitive"]["pos"]),
        framed_connectives=frozenset(w.lower() for w in data["framed_connective"]["words"]),
        framed_connective_rules=frozenset(data["framed_connective"]["rules"]),
        quoted_tail_gap=int(data["quoted_tail"]["gap"]),
        quoted_tail_max_words=int(data["quoted_tail"]["max_words"]),
        argument_preps={
            verb: frozenset(p.lower() for p in preps)
            for verb, preps in data["second_argument"]["preps"].items()
        },
    )
