"""Precision of each rule family and route of the claims stage on a PolNeAR split.

    PYTHONPATH=src python bench/claim_families.py --split dev --data ../shared/data \
        [--parses /work/notes/cache/dev-*.spacy] [--oof] [--by lemma|cons|how] [--show ROUTE]

Every outermost predicted attribution is paired with a gold one as the scorer pairs them (by
content overlap, best first) and counted under the route that made it: the `Found.rule` of its
rule family (verb, frame, according, noun, predicate, stance, colon, continuation, signature,
evidential…), and for the verb family the way in: a lexicon verb, a general report verb
(`_general_report`), an unnamed passive, an inherited speaker, or the cue classifier
(`model:<construction>`, `model-only:` for a lexicon verb its rules refused). A prediction is
"right" when its source overlaps the gold's (or both have none), "wrong source" when not, and
"spurious" when no gold attribution overlaps its content.

With --oof (train), the cue classifier's probabilities are out of fold: each article's from the
model fitted (as bench/train_cue_model.py, C 1, no class weight, 5 folds grouped by article) on
the other folds, at data/cue_model.json's threshold; in sample its train precision means
nothing. --by splits the classifier's routes further; --show prints the sentences of one route.
Never a unit test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsint.config import load_config
from newsint.evaluate.attribution import Tokens, outermost, predict_claims, read_polnear
from newsint.stages.claims import cue_model
from newsint.stages.claims.context import UNNAMED
from newsint.stages.claims.extract import Extractor
from newsint.stages.claims.verbs import VerbRules

sys.path.insert(0, str(Path(__file__).parent))
from polnear_parses import parsed, split_arguments

Key = tuple[int, int, int]  # content start, content end, cue start (-1 for none)

ROUTES: dict[str, dict[Key, str]] = {}  # article text -> claim key -> route
DETAILS: dict[str, dict[Key, dict[str, Any]]] = {}  # article text -> claim key -> the cue's
_NOTES: dict[str, Any] = {}


def _install(by: str) -> None:
    """Record, for each article the stage extracts, the route of every Found it returns."""
    learned_cue = VerbRules._learned_cue
    general_report = VerbRules._general_report
    model_cues = Extractor._model_cues
    run = Extractor.run

    def _learned(self: Any, tok: Any) -> Any:
        got = learned_cue(self, tok)
        if got is not None:
            cand = cue_model.candidate(self.doc[tok.i], self.lex, self.sources)
            how = cand.how if cand else "?"
            detail = {"cons": got[1].split(":")[0], "lemma": got[0], "how": how}
            self._learned_at[tok.i] = detail.get(by, got[1].split(":")[0])
            if cand is not None:
                self._details[tok.i] = {
                    **detail,
                    "prob": cue_model.score(cand, self.lex, self.sources, self.quotes),
                    "features": cue_model.features(cand, self.lex, self.sources, self.quotes),
                    "subj_kind": cand.subj_kind,
                }
        return got

    def _general(self: Any, tok: Any) -> Any:
        got = general_report(self, tok)
        if got is not None:
            self._general_at.add(tok.i)
        return got

    def _model(self: Any, words: Any, here: Any) -> Any:
        out = model_cues(self, words, here)
        for f in out:
            self._model_found.add(id(f))
        return out

    def _run(self: Any) -> Any:
        self._learned_at, self._general_at, self._model_found = {}, set(), set()
        self._details = {}
        found = run(self)
        at = {id(f): i for i, f in self.by_verb.items()}
        routes: dict[Key, str] = {}
        details: dict[Key, dict[str, Any]] = {}
        for f in found:
            route = f.rule
            i = at.get(id(f))
            if f.rule == "verb" and i is not None:
                lexical = self._lexicon_base(self.doc[i]) != (None, None)
                if id(f) in self._model_found and i in self._learned_at:
                    route = ("model-only:" if lexical else "model:") + self._learned_at[i]
                elif i in self._learned_at:
                    route = "verb-fallback:" + self._learned_at[i]
                elif i in self._general_at:
                    route = "general"
                elif f.source.text == UNNAMED:
                    route = "verb-unnamed"
                elif f.inherited_from is not None:
                    route = "verb-inherited"
                else:
                    route = "verb-lexicon"
            elif f.rule == "verb":
                route = "verb-other"
            key = (f.content[0], f.content[1], f.cue[0] if f.cue else -1)
            routes[key] = route
            tok = self.doc[i] if i is not None else None
            details[key] = {
                **self._details.get(i, {}),
                "verb": None if tok is None else tok.lemma_.lower(),
                "tag": None if tok is None else tok.tag_,
                "dep": None if tok is None else tok.dep_,
                "head": None if tok is None else tok.head.lemma_.lower(),
                "head_dep": None if tok is None else tok.head.dep_,
                "notes": list(f.notes),
                "source_kind": f.source.kind,
                "sentence": self.text[f.sentence[0] : f.sentence[1]],
            }
        ROUTES[self.text] = routes
        DETAILS[self.text] = details
        return found

    VerbRules._learned_cue = _learned  # type: ignore[method-assign]
    VerbRules._general_report = _general  # type: ignore[method-assign]
    Extractor._model_cues = _model  # type: ignore[method-assign]
    Extractor.run = _run  # type: ignore[method-assign]


def _oof(docs: list[Any], parses: Path | None) -> None:
    """Out-of-fold probabilities for the cue classifier (bench/train_cue_model.py)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from train_cue_model import collect, out_of_fold, set_score

    threshold = cue_model.model().threshold
    rows = collect(docs, parses)
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for _, _, f, _ in rows])
    y = np.array([r[3] for r in rows])
    p = out_of_fold(x, y, np.array([r[0] for r in rows]), 1.0, None)
    prob = {(art, idx): float(q) for (art, idx, _, _), q in zip(rows, p, strict=True)}
    text_art = {d.text: n for n, d in enumerate(docs)}

    def oof(cand: cue_model.Candidate, *_: Any) -> float:
        return prob.get((text_art[cand.verb.doc.text], cand.verb.idx), 0.0)

    set_score(oof, threshold)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    split_arguments(parser)
    parser.add_argument("--oof", action="store_true", help="the classifier out of fold")
    parser.add_argument("--by", default="cons", help="model routes by cons, lemma or how")
    parser.add_argument("--show", default=None, help="print the spurious claims of a route")
    parser.add_argument("--right", action="store_true", help="--show the right ones too")
    parser.add_argument("--jsonl", type=Path, default=None, help="every prediction, one a line")
    args = parser.parse_args(argv)
    docs = list(read_polnear(args.data / "attribution" / "polnear", args.split, args.limit))
    if args.oof:
        _oof(docs, args.parses)
    _install(args.by)
    config = load_config()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    out = args.jsonl.open("w", encoding="utf-8") if args.jsonl else None
    for gold, analysis, _ in parsed(docs, args.parses, config):
        routes = ROUTES.get(gold.text, {})
        by_att: dict[int, str] = {}
        key_att: dict[int, Key] = {}
        atts = predict_claims(analysis)
        for claim in analysis.claims:
            key = (claim.content.start, claim.content.end, claim.cue.start if claim.cue else -1)
            for n, att in enumerate(atts):
                if (claim.content.start, claim.content.end) in att.content and (
                    (att.cue and claim.cue and att.cue[0][0] == claim.cue.start)
                    or (not att.cue and not claim.cue)
                ):
                    by_att.setdefault(n, routes.get(key, "?"))
                    key_att.setdefault(n, key)
        outer = outermost(atts)
        toks = Tokens(gold.text)
        g_items = [(toks.of(a.content), toks.of(a.source)) for a in gold.attributions]
        p_items = [(toks.of(a.content), toks.of(a.source)) for a in outer]
        pairs = sorted(
            (
                (len(gc & pc) / max(len(gc | pc), 1), gi, pi)
                for gi, (gc, _) in enumerate(g_items)
                for pi, (pc, _) in enumerate(p_items)
                if gc & pc
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        paired: dict[int, int] = {}
        for _, gi, pi in pairs:
            if gi in used_g or pi in paired:
                continue
            used_g.add(gi)
            paired[pi] = gi
        for pi, att in enumerate(outer):
            n_att = next(n for n, a in enumerate(atts) if a is att)
            route = by_att.get(n_att, "?")
            if pi not in paired:
                label = "spurious"
            else:
                gs, ps = g_items[paired[pi]][1], p_items[pi][1]
                label = "right" if (gs & ps) or (not gs and not ps) else "wrong source"
            counts[route][label] += 1
            if out is not None:
                text = gold.text
                record = {
                    "article": gold.name,
                    "route": route,
                    "label": label,
                    "cue": " ".join(text[s:e] for s, e in att.cue),
                    "source": " ".join(text[s:e] for s, e in att.source),
                    "content": " ".join(text[s:e] for s, e in att.content),
                    **DETAILS.get(text, {}).get(key_att.get(n_att, (-1, -1, -1)), {}),
                }
                out.write(json.dumps(record) + "\n")
            if args.show and route.startswith(args.show) and (label != "right" or args.right):
                text = gold.text
                cue = " ".join(text[s:e] for s, e in att.cue)
                src = " ".join(text[s:e] for s, e in att.source)
                content = " ".join(text[s:e] for s, e in att.content)
                print(f"[{label}] {route} src={src!r} cue={cue!r} content={content[:160]!r}")
    total: Counter[str] = Counter()
    print(f"{'route':32s} {'n':>5s} {'right':>6s} {'wrong':>6s} {'spur':>5s} {'P(pair)':>8s}")
    for route, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(c.values())
        total.update(c)
        paired_share = (n - c["spurious"]) / n
        print(
            f"{route:32s} {n:5d} {c['right']:6d} {c['wrong source']:6d} {c['spurious']:5d} "
            f"{paired_share:8.3f}"
        )
    n = sum(total.values())
    right, wrong, spurious = total["right"], total["wrong source"], total["spurious"]
    print(f"{'all':32s} {n:5d} {right:6d} {wrong:6d} {spurious:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
