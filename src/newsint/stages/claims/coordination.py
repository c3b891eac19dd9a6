"""Rule family: which coordinated clauses around a reported clause belong to its content (issue
16, sixth pass, branch attrwrong). PolNeAR makes the outer frame the attribution and an inner cue
nested in it, unless the inner cue is another speaker's report:

- a frame closing the sentence that the parser coordinated with the sentence's first verb ("A
  told police that…, but B overruled it, the source added") reports all that comes before it;
- a verb of thought with the speaker's pronoun as subject ("Roe says she hopes to win, but she
  knows that…") is the speaker telling her own mind: part of the report;
- a reporting verb coordinated into the reported clause with no subject of its own is the
  speaker's next report ("said it was opposed and warned…"; fifth pass, branch attrprec);
- a reporting verb with a noun subject of its own ("… said A, and the chief replied that…", "…
  and Democrats accused…") is that speaker's report, not part of the first content;
- a speaker tag after a quotation that closes another reporting clause ("Roe declared the need
  for patience: “Build it,” she said") reports the quotation only (branch attrover).

Word lists in data/content_bounds.toml `[coordinated_clause]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.claims.bounds import bounds
from newsint.stages.claims.context import _inside_quote, _run_start
from newsint.stages.claims.lexicon import verb_base

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsint.stages.claims.lexicon import Lexicon
    from newsint.stages.claims.quotes import Quote


def trailing_frame(tok: Token, ccomp: list[Token], sent: Span) -> list[Token]:
    """ "A told police that…, but the board overruled it, the source added": a frame closing
    the sentence that the parser coordinated with the sentence's first verb, its clause the last
    conjunct only. What the frame reports is all that comes before it (`sent` is the frame's
    sentence); empty when `tok` is no such frame."""
    if tok.dep_ != "conj" or tok.head.i > tok.i or any(c.i > tok.i for c in ccomp):
        return []
    subj = next((c for c in tok.lefts if c.dep_ == "nsubj"), None)
    if subj is None or subj.left_edge.i == 0:
        return []
    comma = tok.doc[subj.left_edge.i - 1]
    if comma.text != "," or comma.i <= max(c.right_edge.i for c in ccomp):
        return []
    if any(not (t.is_punct or t.dep_ in ("advmod", "npadvmod")) for t in tok.rights):
        return []
    return [t for t in sent if t.i < comma.i]


def other_report(root: Token, conj: Token, lex: Lexicon, quotes: list[Quote]) -> list[int]:
    """ "Republicans said the inquiry was mishandled and Democrats accused them of…": a
    reporting verb (not one of thought) with a noun subject of its own, coordinated after the
    reported clause whose verb is `root`, is that speaker's report, not part of what was said
    (PolNeAR: two attributions). The indices that leave the content (the conjunct and its
    conjunction); empty when `conj` is no such report."""
    if conj.dep_ != "conj" or root.dep_ != "ccomp" or lex.cue_verb(conj) is None:
        return []
    rules = bounds()
    if verb_base(conj.lower_, rules.thought_verbs, lex.irregular) is not None:
        return []
    cc = [t for t in root.rights if t.dep_ == "cc" and t.i < conj.i]
    if not cc or cc[-1].lower_ not in rules.content_conjunctions:
        return []
    if any(g.dep_ == "mark" for g in conj.children) or _inside_quote(quotes, conj.idx):
        return []  # "said A and that B": one report in two clauses
    subj = next((g for g in conj.children if g.dep_ == "nsubj"), None)
    if subj is None or subj.i < cc[-1].i or subj.pos_ not in ("NOUN", "PROPN"):
        return []
    return [cc[-1].i, *(t.i for t in conj.subtree)]


def speakers_thought(clause: Token, lex: Lexicon) -> bool:
    """ "Roe says she hopes to win, but she knows that…": a verb of thought whose subject is a
    personal pronoun, coordinated after the reported clause, is what the speaker says of her
    own mind (`[coordinated_clause] thought_verbs`), part of the report."""
    rules = bounds()
    if verb_base(clause.lower_, rules.thought_verbs, lex.irregular) is None:
        return False
    subj = next((g for g in clause.children if g.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ in rules.thought_subjects


def shared_report(tok: Token, lex: Lexicon) -> bool:
    """A reporting verb coordinated into another's reported clause: "China said it was
    opposed and warned Ruritania…" (China warned); with a noun as the clause's subject,
    only when the clause follows its reporting verb ("Roe said the levy was unfair and
    urged…": Roe urged; train: 39 such claims, 22 right, 4 with another source). Not a
    verb that reports nothing ("… had not paid and did not intend to": what she said)."""
    head = tok.head
    return (
        tok.dep_ == "conj"
        and head.dep_ == "ccomp"
        and any(c.dep_ == "dobj" or any(c.children) for c in _complements(tok))
        and lex.cue_verb(tok) is not None
        and lex.cue_verb(head.head) is not None
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and any(
            c.dep_ == "nsubj" and (c.pos_ == "PRON" or head.head.i < head.i < tok.i)
            for c in head.children
        )
    )


def _complements(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "dobj", "prep")]


def quote_after_report(
    tok: Token, ccomp: list[Token], lex: Lexicon, quotes: list[Quote], text: str
) -> Quote | None:
    """ "Roe declared the need for patience: “Build it,” she said": the tag `tok` closes a
    quotation that ends a reporting clause of its own (a cue verb with a subject outside the
    quotation, read by the parser as the tag's clause `ccomp`). The tag reports the quotation
    only; the clause before it is that verb's claim. None when `tok` is no such tag."""
    rules = bounds()
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    left = subj.left_edge.idx if subj is not None else tok.idx
    joined = _run_start(text, left, " ,")  # only spaces and commas between quote and tag
    for c in ccomp:
        if c.i > tok.i or lex.cue_verb(c) is None or _inside_quote(quotes, c.idx):
            continue
        if not any(g.dep_ == "nsubj" and not _inside_quote(quotes, g.idx) for g in c.children):
            continue
        for q in quotes:
            if q.open_end or q.start <= c.idx or q.end > left or q.end < joined:
                continue
            inner = text[q.start : q.end].rstrip("”\"'’»").rstrip()
            mark = text[c.idx : q.start].rstrip()[-1:]
            if mark in rules.report_quote_marks and inner[-1:] in rules.tag_quote_endings:
                return q
    return None
