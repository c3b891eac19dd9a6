"""Sources the verb rules would otherwise take from the wrong words (issue 16, second pass).

- The asker nobody names: "Asked whether the talks would resume, the minister said…", "when
  asked about the levy, the mayor said…": the question is put by someone the
  text does not name (the reporter, an interviewer), never by the one asked, whose name the
  verb rules would otherwise borrow from the clause around it. PolNeAR's annotators leave the
  source of such a question empty (train: 77 of 80 participles of *ask* with no subject, no
  agent and no infinitive). "…, she said when asked what…" too where the tagger read the
  participle after "when" as a past tense (fifth pass; train: 5 such claims, none right).
- A relative pronoun is no speaker when the verb has a subject of its own ("a fee which
  skippers say punishes boats": the skippers speak; the parser gives "say" both subjects).
- A verb outside a quotation inherits no speaker who stands inside one ("treating her remark
  as a compliment -- 'That keeps the pier open' -- and asserting, 'Of course…'": "That" is the
  quoted clause's subject, not who asserts). The parser hung the participle on the quoted
  verb; the speaker the text means stands outside the quotation.
- Where the source's words start: not before a spaced dash that ends a dateline or a clause
  ("OSLO - Nordic ministers", "…is settled - Jane Roe has vowed"), nor with a focus
  adverb ("even some rivals"); the words are in data/source_spans.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsint.stages.claims.lexicon import Lexicon, data_file, verb_base, word_sets

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def unnamed_asker(tok: Token, lex: Lexicon) -> bool:
    """A question verb as a participle clause with neither a subject nor an agent of its own.
    Not a request ("visitors are asked to call the helpline": asked by whoever runs it), and
    not a passive main verb ("the mayor was asked about the bridge" reports nothing and stays
    the article's own sentence, as before)."""
    if verb_base(tok.lower_, lex.question_verbs, lex.irregular) is None:
        return False
    if tok.tag_ != "VBN" and not (tok.tag_ == "VBD" and (_opens_clause(tok) or _opened(tok))):
        return False  # "Asked what…, he says": the tagger reads the opening participle as past
    if any(c.dep_ in ("nsubj", "agent", "auxpass") for c in tok.children):
        return False
    # an infinitive is a request ("are asked to call") unless the participle opens a clause of
    # its own: "Asked to name the buyer, the spokesman said…" is put by the same unnamed asker
    return tok.dep_ == "advcl" or not any(c.dep_ == "xcomp" for c in tok.children)


def quoted_speaker(tok: Token, start: int | None, quoted: Callable[[int], bool]) -> bool:
    """Whether a speaker `tok` would inherit from the verb it hangs on (whose words begin at
    character `start`) stands inside a quotation that `tok` stands outside of (`quoted`: is
    a character offset inside a quotation): the quoted clause's subject speaks only there."""
    return start is not None and quoted(start) and not quoted(tok.idx)


def _opens_clause(tok: Token) -> bool:
    """A verb that opens the clause it heads, modifying the sentence's verb ("Asked what…,")."""
    return tok.dep_ == "advcl" and tok.left_edge.i == tok.i and tok.i < tok.head.i


def _opened(tok: Token) -> bool:
    """A verb right after the word that opens its clause, with no subject between them ("when
    asked what he would do, he said…", "…, she said when asked about the levy"): a past tense
    there would need a subject, so the tagger's VBD is the participle."""
    if tok.dep_ != "advcl" or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return (
        before.head.i == tok.i
        and before.dep_ in ("advmod", "mark")
        and before.lower_ in _asker_openers()
    )


@cache
def _asker_openers() -> frozenset[str]:
    return frozenset(w.lower() for w in data_file("source_spans.toml")["unnamed_asker"]["openers"])


def speaking_subjects(subjects: list[Token], lex: Lexicon) -> list[Token]:
    """Of the subjects the parser gave one verb, the speakers: in "a levy which critics say
    hurts ports" both "which" and "critics" hang on "say", and the relative pronoun is what
    the critics say (no piece of the speaker, and no antecedent to resolve it to)."""
    if len(subjects) < 2:
        return subjects
    named = [c for c in subjects if c.lower_ not in lex.pronouns["relative"]]
    # "…were made public ― Roe boasted": a dash the parser took for a noun is no speaker
    worded = [c for c in named if any(ch.isalnum() for ch in c.text)]
    return worded or named or subjects


@dataclass(frozen=True)
class LeadingBreaks:
    """Words before a source's head that end what precedes the name (data/source_spans.toml)."""

    dashes: frozenset[str]
    focus_adverbs: frozenset[str]


@cache
def leading_breaks() -> LeadingBreaks:
    data = data_file("source_spans.toml")["leading_breaks"]
    return LeadingBreaks(
        **word_sets(data, ["dashes"]), **word_sets(data, ["focus_adverbs"], lower=True)
    )


def source_start(doc: Doc, lo: int, head: int) -> int:
    """The first token of a source whose span the parser starts at `lo`: after a spaced dash
    before the head ("NEW YORK - Jane Roe", "…is settled - Jane Roe has vowed"), without a
    relative pronoun the parser hung on the subject ("which critics say…": "critics") or a
    focus adverb ("even some rivals")."""
    words = leading_breaks()
    start = lo
    if doc[head].pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return start  # a subject the parser made of a verb: nothing to cut by these rules
    for j in range(lo, head):
        tok = doc[j]
        spaced = bool(tok.whitespace_) and j > 0 and bool(doc[j - 1].whitespace_)
        if tok.text in words.dashes and spaced and _ends_before_dash(doc, start, j, head):
            start = j + 1
    while start < head and (
        doc[start].tag_ in ("WDT", "WP")
        or (doc[start].lower_ in words.focus_adverbs and doc[start].dep_ == "advmod")
        or doc[start].is_space
        or doc[start].is_punct
    ):
        start += 1
    return start


def _ends_before_dash(doc: Doc, start: int, dash: int, head: int) -> bool:
    """Whether the words before a spaced dash are no part of the name after it: a dateline
    ("NEW YORK -", "May 3 (Wire) -") or words that are not a name ("is settled -");
    a name before the dash is the name an apposition describes ("Jane Roe - the mayor's
    aide -"), a single word before the head a compound ("His ex - wife")."""
    before = doc[start:dash]
    if not len(before) or (dash + 1 == head and len(before) <= 2):
        return False
    if before.text.isupper() or before[-1].text == ")":
        return True
    return before[-1].pos_ != "PROPN"
