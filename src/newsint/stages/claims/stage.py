"""Claims stage: who says so, through which sources, and how sure the text is.

For every attribution in the article (a source, a cue, a content span) and every sentence the
article asserts on its own, one Claim: the content, the cue, the chain of sources from the
article outward to the origin (article ← Associated Press ← leaked document ← signals
intelligence), direct/indirect/mixed/unattributed, and the epistemic status and polarity with
the words that decided them. Entities are used when the entities stage ran (sources then carry
entity ids and canonical names) but are not required: without them, names come from the text.
The rules live beside this module (newsint.stages.claims); the words in data/claims.toml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.config import Claims as ClaimsConfig
from newsint.model import Analysis, Claim, Evidence, Source, TextSpan, stable_id
from newsint.stages.claims.context import Found
from newsint.stages.claims.evidential import EVIDENTIAL
from newsint.stages.claims.extract import Extractor
from newsint.stages.claims.factual import judge
from newsint.stages.claims.lexicon import Lexicon, lexicon
from newsint.stages.claims.questions import question_frame
from newsint.stages.claims.quotes import find_quotes, quoted_share
from newsint.stages.claims.source_refs import SrcRef
from newsint.stages.claims.sources import Sources
from newsint.stages.claims.status import decide, denial, hedges, negation, verification_caveats
from newsint.stages.tokens import tokens_of
from newsint.text.outlets import load_outlets
from newsint.text.segments import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsint.stages.base import Work

ARTICLE_TEXT = "the article"


class ClaimsStage:
    """Pipeline stage: fills analysis.claims from the parse (and entities when present)."""

    name = "claims"
    english_only = True  # English model and word lists: skipped for other languages
    # 2: statuses from factuality (issue 15); 3: issue 16's speaker, cue and content rules (learned
    # cue verbs, content bounds, source choice), which change which claims an article gets;
    # 5: claims with a lead (a content split by its frame is one claim), evidential claims,
    # refusals as the cue classifier's, lost subjects; 6: prepositional stance cues, coordinated
    # reports, closing signatures, possessive stance nouns; 7: outer frames over cue verbs,
    # coordinated second reports, past participles on subjects, content bounds (sixth pass)
    version = 7
    requires = frozenset({"text", "doc"})
    # read when present: the stages that assign these must not run after this one
    uses = frozenset({"entities", "mentions", "title", "factuality"})
    assigns = frozenset({"claims"})

    def __init__(self, cfg: ClaimsConfig) -> None:
        self.cfg = cfg
        self.lex = lexicon()

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            work.analysis.claims = extract_claims(work.analysis, work.doc, self.cfg, self.lex)


def article_source(analysis: Analysis) -> Source:
    """The first link of every chain: the article itself (its site when known)."""
    return Source(text=ARTICLE_TEXT, kind="article", name=analysis.article.site or None)


def title_span(analysis: Analysis) -> tuple[int, int] | None:
    """The headline when the clean text starts with it (the clean stage keeps one copy)."""
    title = analysis.article.title
    paras = paragraphs(analysis.text)
    if not title or not paras:
        return None
    start, end = paras[0]
    if " ".join(analysis.text[start:end].split()) == " ".join(title.split()):
        return (start, end)
    return None


def extract_claims(
    analysis: Analysis, doc: Doc, cfg: ClaimsConfig, lex: Lexicon | None = None
) -> list[Claim]:
    lex = lex or lexicon()
    text = analysis.text
    quotes = find_quotes(text)
    sources = Sources(doc, lex, cfg, analysis.mentions, analysis.entities)
    found = Extractor(doc, lex, cfg, sources, quotes, title_span(analysis)).run()
    verification_caveats(doc, lex, sources, found)
    article = article_source(analysis)
    wire = relaying_outlet(analysis, sources)
    claims: list[Claim] = []
    seen: set[str] = set()
    tokens = tokens_of(doc)
    for f in found:
        refs = chain_refs(f)
        if wire is not None and refs and all(r.key() != wire.key() for r in refs):
            refs = [wire, *refs]  # article ← AP ← the speaker: the wire relays, never speaks
        for ref in refs:
            sources.link(ref)
        chain = [article] + [to_source(r) for r in refs]
        kind, kind_evidence = claim_kind(f, text, quotes, cfg, lex, doc)
        evidence = list(f.evidence) + kind_evidence + _how(f, doc)
        if f.effect != "asserted" and f.cue is not None:
            evidence.append(
                Evidence(
                    start=f.cue[0],
                    end=f.cue[1],
                    text=text[f.cue[0] : f.cue[1]],
                    # the writer's hedge marks the claim as an attribution to the article
                    kind=EVIDENTIAL if f.rule == EVIDENTIAL else "cue",
                    effect=f.effect,
                )
            )
        words = tokens.char_span(*f.content, expand=True)  # as doc.char_span: no Span made
        span = doc[words[0] : words[1]] if words is not None else None
        neg = None
        negative = False
        factuality: float | None = None
        if span is not None:
            evidence += hedges(doc, span, lex)
            if f.cue is not None and (cue := tokens.char_span(*f.cue, expand=True)):
                # a hedge in the cue is the claim's: "found no evidence that…", "allegedly said"
                evidence += hedges(doc, doc[cue[0] : cue[1]], lex)
            neg = negation(doc, span, lex)
            if neg is not None:
                evidence.append(neg)
            judged = judge(doc, span, f.cue_tokens, lex, cfg)
            evidence += judged.evidence
            factuality = judged.value
            negative = neg is not None or any(e.effect == "negative" for e in judged.evidence)
            rejected = denial(doc, span, lex, negative)
            if rejected is not None:
                evidence.append(rejected)
        for caveat in _caveats(f, refs):
            evidence.append(caveat)
        asked = question_frame(doc, f, lex)
        if asked is not None:
            evidence.append(asked.evidence)
            if not asked.own:  # the reporter's question, not the claim of the one asked
                chain, kind = [article], "unattributed"
        evidence = _unique(evidence)
        status = decide(lex, evidence, negative)
        cue = (
            TextSpan(start=f.cue[0], end=f.cue[1], text=text[f.cue[0] : f.cue[1]])
            if f.cue
            else None
        )
        cid = stable_id(
            "clm", analysis.article.id, f.content[0], f.content[1], f.cue[0] if f.cue else -1
        )
        if cid in seen:
            continue
        seen.add(cid)
        claims.append(
            Claim(
                id=cid,
                content=TextSpan(
                    start=f.content[0], end=f.content[1], text=text[f.content[0] : f.content[1]]
                ),
                lead=None
                if f.lead is None
                else TextSpan(start=f.lead[0], end=f.lead[1], text=text[f.lead[0] : f.lead[1]]),
                cue=cue,
                source=chain[-1],
                chain=chain,
                kind=kind,  # type: ignore[arg-type]
                status=status,  # type: ignore[arg-type]
                polarity="negative" if negative else "positive",
                evidence=evidence,
                confidence=round(max(0.0, min(1.0, f.confidence)), 3),
                factuality=None if factuality is None else round(factuality, 2),
            )
        )
    _denied_within(claims, lex)
    return claims


def _denied_within(claims: list[Claim], lex: Lexicon) -> None:
    """A claim whose cue lies inside what another source denies is denied too, whatever the
    parse made of the words between ("Valdoria denies its minister called for talks": the
    minister's call for talks is what Valdoria denies)."""
    denials = [c for c in claims if c.status == "denied" and c.cue is not None]
    for claim in claims:
        if claim.cue is None or claim.status == "denied":
            continue
        outer = next(
            (
                d
                for d in denials
                if d is not claim
                and d.content.start <= claim.cue.start
                and claim.content.end <= d.content.end
            ),
            None,
        )
        if outer is None or outer.cue is None:
            continue
        cue = outer.cue
        claim.evidence = _unique(
            [
                *claim.evidence,
                Evidence(
                    start=cue.start, end=cue.end, text=cue.text, kind="denial", effect="denied"
                ),
            ]
        )
        claim.status = decide(lex, claim.evidence, claim.polarity == "negative")  # type: ignore[assignment]


def relaying_outlet(analysis: Analysis, sources: Sources) -> SrcRef | None:
    """The outlet or wire a dateline or credit line says the story comes from ("WASHINGTON
    (AP) —", "This story was provided by Reuters"): a link of every attributed claim's chain
    between the article and its speaker, unless the article is that outlet's own page."""
    outlets = load_outlets()
    own = outlets.by_site(analysis.article.site) if analysis.article.site else None
    for credit in sources.credits:
        if credit.kind in ("photo", "byline") or credit.outlet is None:
            continue
        if not outlets.looks_like_outlet(credit.outlet.text):
            continue
        if own is not None and credit.outlet.outlet == own:
            return None
        mention = credit.outlet
        return SrcRef(
            text=mention.text,
            kind="media",
            start=mention.start,
            end=mention.end,
            name=mention.name,
            resolved_from=f"credited in “{credit.text}”",
        )
    return None


def chain_refs(f: Found) -> list[SrcRef]:
    """Sources from the article outward: the enclosing claims' chains, then this source's
    provenance, then whatever it cites. Each source appears once (chains are acyclic)."""
    if f.rule in ("unattributed", EVIDENTIAL):  # the article's own: no link after it
        return []
    outer = chain_refs(f.parent) if f.parent is not None else []
    own = f.source.lineage() + [r for via in f.via for r in via.lineage()]
    out: list[SrcRef] = []
    keys: set[str] = set()
    for ref in [*outer, *own]:
        if ref.key() in keys:
            continue
        keys.add(ref.key())
        out.append(ref)
    return out


def to_source(ref: SrcRef) -> Source:
    return Source(
        text=ref.text,
        kind=ref.kind,  # type: ignore[arg-type]
        start=ref.start,
        end=ref.end,
        entity=ref.entity,
        name=ref.name,
        resolved_from=ref.resolved_from,
    )


def claim_kind(
    f: Found, text: str, quotes: list, cfg: ClaimsConfig, lex: Lexicon, doc: Doc
) -> tuple[str, list[Evidence]]:
    """direct / mixed / indirect from the share of quoted words (a leading "that" aside);
    first-person content before the cue is a quote whose marks were lost."""
    if f.rule in ("unattributed", EVIDENTIAL):
        return "unattributed", []
    start, end = f.content
    if text[start:end].lower().startswith("that "):
        start += 5
    share = quoted_share(text, start, end, quotes)
    if share >= cfg.direct_quote_share:
        return "direct", []
    if share > 0:
        return "mixed", []
    if f.first_person:
        span = doc.char_span(*f.content, alignment_mode="expand")
        pron = next((t for t in span or [] if t.lower_ in lex.first_person), None)
        if pron is not None:
            return "direct", [
                Evidence(
                    start=pron.idx,
                    end=pron.idx + len(pron.text),
                    text=pron.text,
                    kind="first-person",
                    effect="direct",
                )
            ]
    return "indirect", []


def _how(f: Found, doc: Doc) -> list[Evidence]:
    """Evidence for how the speaker or the content was found when not plainly by the cue."""
    out: list[Evidence] = []
    if f.inherited_from is not None:
        tok = doc[f.inherited_from]
        out.append(
            Evidence(
                start=tok.idx,
                end=tok.idx + len(tok.text),
                text=tok.text,
                kind="inherited-speaker",
            )
        )
    if f.anaphor is not None:
        s, e = f.anaphor
        span = doc.char_span(s, e, alignment_mode="expand")
        out.append(
            Evidence(start=s, end=e, text=span.text if span is not None else "", kind="anaphora")
        )
    return out


def _caveats(f: Found, refs: list[SrcRef]) -> list[Evidence]:
    out = list(f.caveats)
    for ref in refs:
        if ref.entry is not None:
            out.extend(ref.entry.caveats)
    return out


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for e in sorted(evidence, key=lambda e: (e.start, e.end, e.kind)):
        key = (e.start, e.end, e.kind)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


# ---------------------------------------------------------------------------- helpers for others


def claim_at(analysis: Analysis, start: int, end: int) -> Claim | None:
    """The innermost claim whose content covers [start, end) (for events: an alleged meeting
    is an event inside a claim). Attributed claims win over the article's own at equal size."""
    best: Claim | None = None
    for claim in analysis.claims:
        c = claim.content
        if not (c.start <= start and end <= c.end):
            continue
        rank = (len(c), claim.kind == "unattributed")
        if best is None or rank < (len(best.content), best.kind == "unattributed"):
            best = claim
    return best
