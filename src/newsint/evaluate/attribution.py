"""`newsint eval attribution`: sources, cues and contents against PolNeAR.

PolNeAR (attribution/polnear) is political news annotated in brat standoff: Source, Cue and
Content spans tied together by Attribution events. Where several annotators worked on an
article, the first one listed in metadata.tsv is the gold (as the data README says).

Scores, per role (source, cue, content), over the distinct spans of each article:
  exact    a predicted span counts when its tokens equal a gold span's tokens;
  overlap  token-overlap credit (the metric family of BBC's Citron): precision is the mean,
           over predicted spans, of |P∩G|/|P| against the best gold span; recall the mean, over
           gold spans, of |P∩G|/|G| against the best prediction.
"content with source right" pairs gold and predicted attributions by content overlap (each used
once) and gives the content credit only when the two sources overlap (or both are absent).
Among the pairs matched so, the source table says how often the source span is exactly the
gold's and how often its head word is, overall and for gold sources outside the sentence(s) of
their content (a quotation that runs on, a speaker named a sentence earlier).
Unattributed claims (the article's own assertions) are not attributions and are not scored.

PolNeAR annotates no attribution inside another's content (dev: none of its 2,192 cues lies in
another attribution's content), so the headline scores the outermost attributions newsint finds
("X said Y told him Z" is X's); the same scores with the nested ones included follow.
The error table says where recall is lost, so the next improvement is obvious.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsint.config import Config
from newsint.evaluate.common import PRF, EvalOptions, Report, Table, skipped
from newsint.stages.claims.evidential import EVIDENTIAL

TASK = "attribution"
DATASET = "polnear"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_EVENT_LABELS = {"Attribution", "Attribution-no-source"}

Spans = tuple[tuple[int, int], ...]


@dataclass
class Attribution:
    content: Spans
    cue: Spans = ()
    source: Spans = ()


@dataclass
class GoldDoc:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


# ---------------------------------------------------------------------------- reading PolNeAR


def read_ann(text: str) -> list[Attribution]:
    """Attribution events of one brat .ann file (text spans may hold line breaks)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if re.match(r"T\d+\t", line):
            tid, rest = line.split("\t")[:2]
            label, offsets = rest.split(" ", 1)
            parts = tuple(
                (int(a), int(b)) for a, b in (p.split() for p in offsets.split(";") if p.strip())
            )
            spans[tid] = (label, parts)
        elif re.match(r"E\d+\t", line):
            roles: dict[str, str] = {}
            for item in line.split("\t")[1].split():
                if ":" in item:
                    role, ref = item.split(":", 1)
                    roles[role] = ref
            events.append(roles)
    out: list[Attribution] = []
    for roles in events:
        trigger = next((k for k in roles if k in _EVENT_LABELS), None)
        if trigger is None or "Content" not in roles or roles["Content"] not in spans:
            continue

        def get(role: str, roles: dict[str, str] = roles) -> Spans:
            ref = roles.get(role)
            return spans[ref][1] if ref in spans else ()

        out.append(Attribution(content=get("Content"), cue=get("Cue"), source=get("Source")))
    return out


def read_polnear(root: Path, split: str, limit: int | None = None) -> Iterator[GoldDoc]:
    annotators: dict[str, str] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row.get("annotators"):
                annotators[row["filename"]] = row["annotators"].split("|")[0]
    texts = sorted((root / split / "text").glob("*.txt"))
    n = 0
    for path in texts:
        name = path.stem
        ann = root / split / "attributions" / f"{name}_{annotators.get(name, '')}.ann"
        if not ann.exists():
            candidates = sorted((root / split / "attributions").glob(f"{name}_*.ann"))
            if not candidates:
                continue
            ann = candidates[0]
        yield GoldDoc(name, path.read_text(encoding="utf-8"), read_ann(ann.read_text("utf-8")))
        n += 1
        if limit is not None and n >= limit:
            return


# ---------------------------------------------------------------------------- predictions


def outermost(atts: list[Attribution]) -> list[Attribution]:
    """The attributions whose cue lies in no other attribution's content (the level PolNeAR
    annotates); one without a cue is kept unless its content lies inside another's."""

    def inside(inner: Spans, outer: Spans) -> bool:
        return bool(inner) and all(any(s <= a and b <= e for s, e in outer) for a, b in inner)

    out = []
    for a in atts:
        probe = a.cue or a.content
        if not any(
            b is not a and b.content != a.content and inside(probe, b.content) for b in atts
        ):
            out.append(a)
    return out


def predict_claims(analysis: object) -> list[Attribution]:
    """Attributions from an analysis: claims that share a cue (a quote continued after the
    speaker tag) are one attribution with a discontinuous content, as PolNeAR writes them."""
    groups: dict[tuple[int, int, int, int], Attribution] = {}
    for claim in analysis.claims:  # type: ignore[attr-defined]
        if claim.kind == "unattributed" and not _evidential(claim):
            continue
        src = claim.source
        source: Spans = ((src.start, src.end),) if src.start is not None and src.end else ()
        cue: Spans = ((claim.cue.start, claim.cue.end),) if claim.cue else ()
        key = (*(cue[0] if cue else (-1, -1)), *(source[0] if source else (-1, -1)))
        content = ((claim.content.start, claim.content.end),)
        if claim.lead is not None:  # "which | is nearly empty": one claim, two parts
            content = ((claim.lead.start, claim.lead.end), *content)
        if key in groups and cue:
            groups[key].content = tuple(sorted(groups[key].content + content))
        else:
            groups[key if cue else (claim.content.start, claim.content.end, -2, -2)] = Attribution(
                content=content, cue=cue, source=source
            )
    return list(groups.values())


def _evidential(claim: object) -> bool:
    """The writer's own hedge ("the bid seemed doomed"): the article's claim, but one PolNeAR
    marks as an attribution with a cue and no source."""
    return any(e.kind == EVIDENTIAL for e in claim.evidence)  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------- scoring


def tokenize(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


class Tokens:
    """Span -> the set of token indices it covers (punctuation included, spaces not)."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.starts = [s for s, _ in self.tokens]

    def of(self, spans: Spans) -> frozenset[int]:
        import bisect

        out: set[int] = set()
        for s, e in spans:
            i = max(0, bisect.bisect_right(self.starts, s) - 1)
            while i < len(self.tokens) and self.tokens[i][0] < e:
                ts, te = self.tokens[i]
                if te > s and ts < e:
                    out.add(i)
                i += 1
        return frozenset(out)


@dataclass
class SoftPRF:
    """Precision and recall as mean credits: each prediction earns its share of correct tokens
    (precision), each gold span the share of it that was found (recall)."""

    p_sum: float = 0.0
    p_n: int = 0
    r_sum: float = 0.0
    r_n: int = 0

    def predicted(self, credit: float) -> None:
        self.p_sum += credit
        self.p_n += 1

    def gold(self, credit: float) -> None:
        self.r_sum += credit
        self.r_n += 1

    @property
    def precision(self) -> float:
        return self.p_sum / self.p_n if self.p_n else 0.0

    @property
    def recall(self) -> float:
        return self.r_sum / self.r_n if self.r_n else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> list[float]:
        return [round(self.precision, 3), round(self.recall, 3), round(self.f1, 3)]


@dataclass
class Scores:
    exact: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    overlap: dict[str, SoftPRF] = field(default_factory=lambda: {r: SoftPRF() for r in ROLES})
    content_source: SoftPRF = field(default_factory=SoftPRF)
    content_source_exact: PRF = field(default_factory=PRF)
    # among matched pairs: [all, gold source outside the content's sentence] x counts
    matched: list[int] = field(default_factory=lambda: [0, 0])
    source_exact: list[int] = field(default_factory=lambda: [0, 0])
    source_head: list[int] = field(default_factory=lambda: [0, 0])
    source_samples: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    missed_cues: Counter[str] = field(default_factory=Counter)
    spurious_cues: Counter[str] = field(default_factory=Counter)
    gold: int = 0
    predicted: int = 0
    docs: int = 0


ROLES = ("source", "cue", "content")


def _overlap_credit(pred: list[frozenset[int]], gold: list[frozenset[int]], prf: SoftPRF) -> None:
    for p in pred:
        prf.predicted(max((len(p & g) / len(p) for g in gold), default=0.0) if p else 0.0)
    for g in gold:
        prf.gold(max((len(p & g) / len(g) for p in pred), default=0.0) if g else 0.0)


def _exact(pred: list[frozenset[int]], gold: list[frozenset[int]], prf: PRF) -> None:
    ps, gs = set(pred), set(gold)
    prf.add(tp=len(ps & gs), fp=len(ps - gs), fn=len(gs - ps))


class Parse:
    """Head words and sentences of spans, from the parse newsint made of the gold text."""

    def __init__(self, spacy_doc: object | None) -> None:
        self.doc = spacy_doc

    def head(self, spans: Spans) -> int | None:
        if self.doc is None or not spans:
            return None
        span = self.doc.char_span(*spans[0], alignment_mode="expand")  # type: ignore[attr-defined]
        return span.root.i if span is not None and len(span) else None

    def sentences(self, spans: Spans) -> set[int]:
        if self.doc is None:
            return set()
        out = set()
        for s, e in spans:
            span = self.doc.char_span(s, e, alignment_mode="expand")  # type: ignore[attr-defined]
            for tok in span or []:
                out.add(tok.sent.start)
        return out


def score_doc(
    doc: GoldDoc,
    pred: list[Attribution],
    scores: Scores,
    cue_word: Callable[[str], str],
    parse: Parse | None = None,
) -> None:
    parse = parse or Parse(None)
    toks = Tokens(doc.text)
    scores.docs += 1
    scores.gold += len(doc.attributions)
    scores.predicted += len(pred)
    for role in ROLES:
        gold_sets = list(dict.fromkeys(toks.of(getattr(a, role)) for a in doc.attributions))
        pred_sets = list(dict.fromkeys(toks.of(getattr(a, role)) for a in pred))
        gold_sets = [g for g in gold_sets if g]
        pred_sets = [p for p in pred_sets if p]
        _exact(pred_sets, gold_sets, scores.exact[role])
        _overlap_credit(pred_sets, gold_sets, scores.overlap[role])
    # pair attributions by content overlap, greedily, best first
    g_items = [(a, toks.of(a.content), toks.of(a.source), toks.of(a.cue)) for a in doc.attributions]
    p_items = [(a, toks.of(a.content), toks.of(a.source), toks.of(a.cue)) for a in pred]
    pairs = []
    for gi, (_, gc, _, _) in enumerate(g_items):
        for pi, (_, pc, _, _) in enumerate(p_items):
            inter = len(gc & pc)
            if inter:
                pairs.append((inter / max(len(gc | pc), 1), gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((gi, pi))
    cs, cse = scores.content_source, scores.content_source_exact
    for gi, pi in matched:
        ga, gc, gs, gq = g_items[gi]
        pa, pc, ps, pq = p_items[pi]
        source_ok = bool(gs & ps) or (not gs and not ps)
        _source_match(doc, ga, pa, gs == ps, parse, scores)
        inter = len(gc & pc)
        cs.predicted(inter / len(pc) if source_ok else 0.0)
        cs.gold(inter / len(gc) if source_ok else 0.0)
        exact = gc == pc and gs == ps
        cse.add(tp=1 if exact else 0, fp=0 if exact else 1, fn=0 if exact else 1)
        if not source_ok:
            scores.errors["wrong source (content found)"] += 1
        elif gs and gs != ps:
            scores.errors["source span boundary"] += 1
        if gc != pc:
            scores.errors[_boundary_kind(gc, pc)] += 1
        if gq and not gq & pq:
            scores.errors["different cue for the same content"] += 1
    for gi, (ga, _, _, _) in enumerate(g_items):
        if gi in used_g:
            continue
        cs.gold(0.0)
        cse.add(fn=1)
        word = " ".join(doc.text[s:e] for s, e in ga.cue).lower() if ga.cue else ""
        scores.errors[f"missed: {cue_word(word)}"] += 1
        scores.missed_cues[word or "(no cue)"] += 1
    for pi, (pa, _, _, _) in enumerate(p_items):
        if pi in used_p:
            continue
        cs.predicted(0.0)
        cse.add(fp=1)
        word = " ".join(doc.text[s:e] for s, e in pa.cue).lower() if pa.cue else ""
        scores.errors["spurious: no gold attribution there"] += 1
        scores.spurious_cues[word or "(no cue)"] += 1


def _source_match(
    doc: GoldDoc, ga: Attribution, pa: Attribution, exact: bool, parse: Parse, scores: Scores
) -> None:
    """Counts a matched pair's source: exactly right, head right; and separately when the gold
    source stands outside the sentence(s) of its content."""
    g_head, p_head = parse.head(ga.source), parse.head(pa.source)
    head = exact or (g_head is not None and g_head == p_head)
    outside = bool(ga.source) and not (parse.sentences(ga.source) & parse.sentences(ga.content))
    for k in (0, 1) if outside else (0,):
        scores.matched[k] += 1
        scores.source_exact[k] += exact
        scores.source_head[k] += head
    if not exact and len(scores.source_samples) < 400:
        g = " ".join(doc.text[s:e] for s, e in ga.source) or "(none)"
        p = " ".join(doc.text[s:e] for s, e in pa.source) or "(none)"
        scores.source_samples.append(f"{doc.name}\tgold={g!r}\tpred={p!r}")


def _boundary_kind(gold: frozenset[int], pred: frozenset[int]) -> str:
    if pred < gold:
        return "content boundary: too short"
    if pred > gold:
        return "content boundary: too long"
    return "content boundary: shifted"


def cue_kind_namer() -> Callable[[str], str]:
    """Names the kind of a missed gold cue, against our lexicon: that tells whether the word
    was unknown to us or known but not found in the parse."""
    from newsint.stages.claims.lexicon import lexicon, noun_base, verb_base

    lex = lexicon()

    def name(cue: str) -> str:
        words = [w for w in re.findall(r"[\w']+|:", cue.lower())]
        if not words:
            return "cue kind: none (source-less)"
        if words == [":"] or (words[-1] == ":" and len(words) == 1):
            return "cue kind: colon"
        joined = " ".join(words)
        if any(joined.startswith(" ".join(p)) for p in lex.prep_cues):
            return "cue kind: according to / per (known)"
        for w in words:
            if verb_base(w, lex.cue_verbs, lex.irregular):
                return "cue kind: verb in lexicon (parse/rule miss)"
        for w in words:
            if noun_base(w, lex.cue_nouns):
                return "cue kind: reporting noun in lexicon"
        return "cue kind: word not in lexicon"

    return name


# ---------------------------------------------------------------------------- the task


def analyses(
    docs: Iterable[GoldDoc], config: Config, batch_size: int = 16
) -> Iterator[tuple[GoldDoc, object, object]]:
    """Run the pipeline (no cleaning: offsets must stay those of the gold) over the texts."""
    from newsint.model import Analysis, ArticleMeta, stable_id
    from newsint.pipeline import build_stages
    from newsint.stages.base import READER_ASSIGNS, Resources, Work

    resources = Resources(config)
    # the text is the gold's own: no clean stage (it would move offsets); the text is given
    stages = build_stages(["nlp", "entities", "claims"], resources, READER_ASSIGNS | {"text"})
    batch: list[GoldDoc] = []

    def flush() -> Iterator[tuple[GoldDoc, object, object]]:
        works = [
            Work(
                Analysis(article=ArticleMeta(id=stable_id("art", d.name)), text=d.text, raw=d.text)
            )
            for d in batch
        ]
        for stage in stages:
            stage(works)
        yield from zip(batch, [w.analysis for w in works], [w.doc for w in works], strict=True)

    for doc in docs:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def tables(scores: Scores, split: str, nested: Scores | None = None) -> list[Table]:
    out = [_roles_table(scores, f"{split}: spans (outermost attributions, ")]
    sources = Table(
        f"{split}: sources of matched attributions",
        ["which", "matched", "source exact", "source head"],
    )
    for k, which in enumerate(("all", "source outside the content's sentence")):
        n = scores.matched[k] or 1
        sources.rows.append(
            [
                which,
                scores.matched[k],
                round(scores.source_exact[k] / n, 3),
                round(scores.source_head[k] / n, 3),
            ]
        )
    sources.notes.append(
        "Pairs matched by content (as for 'content with source right'); exact: the same tokens; "
        "head: the same head word in newsint's parse of the text."
    )
    out.append(sources)
    if nested is not None:
        out.append(_roles_table(nested, f"{split}, nested attributions included: spans ("))
    return out + _error_tables(scores, split)


def _roles_table(scores: Scores, title: str) -> Table:
    roles = Table(
        f"{title}{scores.docs} articles, {scores.gold} gold attributions, "
        f"{scores.predicted} predicted)",
        ["role", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1"],
    )
    for role in ROLES:
        roles.rows.append([role, *scores.exact[role].row(), *scores.overlap[role].row()])
    roles.rows.append(
        [
            "content with source right",
            *scores.content_source_exact.row(),
            *scores.content_source.row(),
        ]
    )
    roles.notes.append(
        "exact: same tokens; overlap: token-overlap credit (Citron's metric family). "
        "'content with source right' pairs attributions by content and needs the sources to "
        "overlap (exact: both spans identical)."
    )
    return roles


def _error_tables(scores: Scores, split: str) -> list[Table]:
    total = scores.gold or 1
    errors = Table(f"{split}: where attributions go wrong", ["category", "count", "per gold"])
    for category, n in sorted(scores.errors.items(), key=lambda kv: (-kv[1], kv[0])):
        errors.rows.append([category, n, round(n / total, 3)])
    words = Table(
        f"{split}: most missed and most spurious cues", ["missed cue", "n", "spurious cue", "n"]
    )
    missed = scores.missed_cues.most_common(15)
    spurious = scores.spurious_cues.most_common(15)
    for i in range(max(len(missed), len(spurious))):
        m = missed[i] if i < len(missed) else ("", "")
        s = spurious[i] if i < len(spurious) else ("", "")
        words.rows.append([m[0], m[1], s[0], s[1]])
    return [errors, words]


def evaluate(docs: Iterable[GoldDoc], config: Config) -> tuple[Scores, Scores]:
    """Scores of the outermost attributions (the headline) and of all, nested included."""
    scores, nested = Scores(), Scores()
    namer = cue_kind_namer()
    for doc, analysis, spacy_doc in analyses(docs, config):
        parse = Parse(spacy_doc)
        pred = predict_claims(analysis)
        score_doc(doc, outermost(pred), scores, namer, parse)
        score_doc(doc, pred, nested, namer, parse)
    return scores, nested


def run(options: EvalOptions) -> list[Report]:
    root = options.data / "attribution" / "polnear"
    if not (root / "metadata.tsv").exists():
        return [skipped(TASK, DATASET, root)]
    splits = [options.split] if options.split else ["dev", "train"]
    reports = []
    for split in splits:
        if not (root / split / "text").exists():
            reports.append(skipped(TASK, f"{DATASET}/{split}", root / split))
            continue
        start = time.perf_counter()
        scores, nested = evaluate(read_polnear(root, split, options.limit), options.config)
        reports.append(
            Report(
                TASK,
                f"{DATASET}/{split}",
                tables(scores, split, nested),
                seconds=time.perf_counter() - start,
            )
        )
    return reports
