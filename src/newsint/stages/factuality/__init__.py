"""Factuality: how far the text commits to each predicate having happened (-3 .. +3).

The stage (`stage.FactualityStage`, "factuality") walks each sentence's dependency tree once
and writes `Analysis.factuality`: one `Factuality` per verb head and eventive noun head, with
the article's view (`value`), the nearest source's view (`source_value`) and the cues that set
them. The pieces:

- `lexicon`: the cue words and class lexicons (data/factuality.toml), loaded and checked;
- `cues`: a predicate's own cues (negation and negative quantifiers, modals, hedges,
  conditionals, questions);
- `embedding`: what a governing predicate's class (factive, implicative, report, denial,
  belief, intention, question, evidence and hypothetical nouns) does to its complement;
- `walk`: one top-down pass composing the two, kept on the Doc (`doc.user_data`);
- `lookup`: for the stages after this one:
  `lookup.at(analysis_or_list, start, end) -> Factuality | None` (the least embedded predicate
  whose head lies in the span) and `lookup.of_token(token) -> Factuality` (any token of a Doc
  the stage ran on, e.g. a claim content's root; walked on demand otherwise).
"""
