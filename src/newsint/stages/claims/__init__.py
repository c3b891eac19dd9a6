"""The claims wing: who says what in a parsed article, the sources behind them, and how sure.

stage     the claims stage: one Claim per attribution and per sentence the article asserts
lexicon   the word lists of data/claims.toml, compiled, and word-form helpers
quotes    quotation regions from quote marks (paired per paragraph)
sources   source noun phrases: kind, name, pronoun/description resolution, the per-article
          registry of documents/statements and their provenance, entity links
extract   (source, cue, content) triples from the dependency parse and the quotes
status    epistemic status, polarity and the evidence spans behind them
"""
