"""Epistemic status and polarity of a claim, each with the words that decided it.

Status comes from the cue ("alleged", "denied", "confirmed", "suggested"), hedges in or on the
claim ("allegedly", "appear to have", "unknown", "no proof"), and caveats on the sources it
rests on ("has not independently authenticated the document", "unable to confirm … the leaked
documents"). Polarity is separate: a claim whose main predicate is negated is negative whatever
its status. When several cues apply, [status] precedence in data/claims.toml decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.model import Evidence
from newsint.stages.claims.lexicon import Lexicon, verb_base
from newsint.stages.tokens import tokens_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.stages.claims.context import Found
    from newsint.stages.claims.sources import Sources

_SUBJ_OBJ = ("nsubj", "nsubjpass", "dobj", "attr", "expl", "pobj")


def _ev(doc: Doc, start: int, end: int, kind: str, effect: str | None) -> Evidence:
    span = doc.char_span(start, end)  # evidence spans are whole tokens
    text = span.text if span is not None else _slice(doc, start, end)
    return Evidence(start=start, end=end, text=text, kind=kind, effect=effect)


def _slice(doc: Doc, start: int, end: int) -> str:
    """doc.text[start:end] without building doc.text (it joins every token each time)."""
    out = []
    for tok in doc.char_span(start, end, alignment_mode="expand") or []:
        out.append(tok.text_with_ws)
    return "".join(out)[: end - start]


def hedges(doc: Doc, span: Span, lex: Lexicon) -> list[Evidence]:
    """Hedge words and phrases inside a claim's content."""
    out: list[Evidence] = []
    toks = [t for t in tokens_of(doc).tokens[span.start : span.end] if not t.is_space]
    lowers = [t.lower_ for t in toks]
    used: set[int] = set()
    for i, tok in enumerate(toks):
        for words, status in lex.hedge_phrases.get(lowers[i], ()):
            n = len(words)
            if tuple(lowers[i : i + n]) == words and i not in used:
                last = toks[i + n - 1]
                out.append(_ev(doc, tok.idx, last.idx + len(last.text), "hedge", status))
                used.update(range(i, i + n))
        seems = tok.pos_ in ("VERB", "AUX") and verb_base(
            tok.lower_, lex.uncertain_verbs, lex.irregular
        )
        if seems and any(c.dep_ in ("xcomp", "ccomp", "acomp") for c in tok.children):
            out.append(_ev(doc, tok.idx, tok.idx + len(tok.text), "hedge", "uncertain"))
        modal = tok.lower_ in lex.uncertain_modals and i + 2 < len(toks)
        if modal and lowers[i + 1] == "have" and toks[i + 2].tag_ == "VBN":
            end = toks[i + 1]
            out.append(_ev(doc, tok.idx, end.idx + len(end.text), "hedge", "uncertain"))
    return out


def content_root(span: Span) -> Token | None:
    """The main predicate of a content span: the first token whose head lies outside it
    (found on the shared token table; spaCy's Token only for the one returned)."""
    for tok in tokens_of(span.doc).tokens[span.start : span.end]:
        if tok.is_punct or tok.is_space:
            continue
        if tok.head.i == tok.i or not (span.start <= tok.head.i < span.end):
            if tok.dep_ == "mark":
                continue
            return span.doc[tok.i]
    return None


def negation(doc: Doc, span: Span, lex: Lexicon) -> Evidence | None:
    """Negation of the content's main predicate ("not", "no proof", "nobody", "unable"), read
    on the shared token table (the same attributes spaCy's Tokens give, none made)."""
    found = content_root(span)
    if found is None:
        return None
    root = tokens_of(doc).tokens[found.i]
    heads = [root] + [
        c
        for c in root.children
        if c.dep_ in ("acomp", "attr", "xcomp") and c.pos_ in ("ADJ", "VERB", "AUX", "NOUN")
    ]
    for head in heads:
        for c in head.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
                return _ev(doc, c.idx, c.idx + len(c.text), "negation", "negative")
    for c in root.children:
        if c.dep_ in _SUBJ_OBJ:
            if c.lower_ in lex.negation_subjects:
                return _ev(doc, c.idx, c.idx + len(c.text), "negation", "negative")
            det = next((d for d in c.children if d.dep_ == "det" and d.lower_ == "no"), None)
            if det is not None:
                return _ev(doc, det.idx, c.idx + len(c.text), "negation", "negative")
        if c.dep_ == "acomp" and c.lower_ in lex.negation_adjectives:
            return _ev(doc, c.idx, c.idx + len(c.text), "negation", "negative")
    return None


def denial(doc: Doc, span: Span, lex: Lexicon, negated: bool) -> Evidence | None:
    """What makes a source's statement a denial rather than a plain negative statement: an
    emphatic negation ("no collusion whatsoever") or a predicate calling the thing false
    ("the reports are false", "there is no truth to it")."""
    root = content_root(span)
    if root is None:
        return None
    toks = [t for t in tokens_of(doc).tokens[span.start : span.end] if not t.is_space]
    lowers = [t.lower_ for t in toks]
    emphatic, false = lex.denial_emphatic, lex.denial_false
    predicates: set[int] | None = None  # asked only when a false-word phrase matches
    for i, tok in enumerate(toks):
        if lowers[i] not in emphatic and lowers[i] not in false:
            continue  # no denial phrase starts here
        for table, needs_negation in ((emphatic, True), (false, False)):
            for words, _ in table.get(lowers[i], ()):
                last = i + len(words) - 1
                if tuple(lowers[i : last + 1]) != words:
                    continue
                if needs_negation and not negated:
                    continue
                if not needs_negation:
                    if predicates is None:
                        predicates = {root.i} | {
                            c.i
                            for c in root.children
                            if c.dep_ in ("acomp", "attr", "oprd", "dobj")
                        }
                    if toks[last].i not in predicates:
                        continue
                end = toks[last].idx + len(toks[last].text)
                return _ev(doc, tok.idx, end, "denial", "denied")
    return None


def decide(lex: Lexicon, evidence: list[Evidence], negative: bool) -> str:
    effects = {e.effect for e in evidence if e.effect}
    if negative:
        effects.add("negative")
    for status in lex.precedence:
        if status in effects:
            return status
    return "asserted"


def _negator(tok: Token, lex: Lexicon) -> Token | None:
    """What makes a verification verb negative: "not", "cannot", "unable to", "failed to"."""
    for c in tok.children:
        if c.dep_ == "neg" or (
            c.dep_ in ("aux", "advmod") and c.lower_ in lex.verification_negators
        ):
            return c
    head = tok.head
    if tok.dep_ in ("xcomp", "conj") and head.i != tok.i:
        if head.lower_ in lex.verification_negators or verb_base(
            head.lower_, lex.verification_negators, lex.irregular
        ):
            return head
        for c in head.children:
            if c.dep_ == "neg":
                return c
    if tok.dep_ == "conj":
        return _negator(tok.head, lex) if tok.head.i != tok.i else None
    return None


def verification_caveats(doc: Doc, lex: Lexicon, sources: Sources, found: list[Found]) -> None:
    """Negated verification ("has not independently authenticated the document") marks the
    source it names as unverified; naming none, it marks the claims of the sentence before."""
    verification: dict[str, bool] = {}  # word form -> is a verification verb (asked once)
    for word in tokens_of(doc).tokens:  # the shared table: a spaCy Token only for a verb
        if not word.tag_.startswith("VB"):
            continue
        form = word.lower_
        if form not in verification:
            verification[form] = verb_base(form, lex.verification_verbs, lex.irregular) is not None
        if not verification[form]:
            continue
        tok = doc[word.i]
        neg = _negator(tok, lex)
        if neg is None:
            continue
        lo = min(neg.i, tok.i)
        aux = [
            c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg", "advmod") and c.i < tok.i
        ]
        if aux:
            lo = min(lo, min(c.i for c in aux))
        start = doc[lo].idx
        ev = _ev(doc, start, tok.idx + len(tok.text), "verification", "unverified")
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None and tok.dep_ in ("xcomp", "conj"):
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        skip = {t.i for t in subj.subtree} if subj is not None else set()
        objects = [t for t in tok.subtree if t.i not in skip and t.i != tok.i]
        objects += [t for c in tok.children if c.dep_ == "nsubjpass" for t in c.subtree]
        entries = []
        for t in objects:
            if t.i in sources.collective:
                entries.extend(sources.collective_entries(t.i))
            elif t.i in sources.entry_at:
                entry = sources.entry_at[t.i]
                if subj is not None:
                    entry = _held_by(sources, entry, subj, t.i) or entry
                entries.append(entry)
        if entries:
            for entry in dict.fromkeys(entries):
                if not any(c.start == ev.start for c in entry.caveats):
                    entry.caveats.append(ev)
            continue
        prev = sources.sents.before(sources.sents.of(tok))
        if prev is None:
            continue
        for f in found:
            if f.rule != "unattributed" and prev.start_char <= f.content[0] < prev.end_char:
                f.caveats.append(ev)


def _held_by(sources: Sources, entry, subj: Token, before: int):
    """ "The AP has not authenticated the document": prefer the document the AP obtained."""
    verifier = sources.from_head(subj)
    if entry.parent is not None and entry.parent.key() == verifier.key():
        return entry
    for cand in reversed(sources.compatible(entry.kind, frozenset(), before + 1)):
        if cand.parent is not None and cand.parent.key() == verifier.key():
            return cand
    return None
