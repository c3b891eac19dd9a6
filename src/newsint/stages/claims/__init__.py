"""The claims wing: who says what in a parsed article, the sources behind them, and how sure.

stage         the claims stage: one Claim per attribution and per sentence the article asserts
extract       the extractor: every rule family below, run in order, then nested
context       Found (one attribution before its chain and status) and the shared state
verbs         rule family: reporting verbs ("X said that…", "“…,” X said")
content       what a reporting verb reports (clause, object, quotation)
speakers      who speaks for a reporting verb, and who is only addressed
prepositions  rule family: "according to X", "as reported by X", "…, citing X"
nouns         rule families: reporting nouns ("X's claim that…") and "Name: content"
discourse     rule families across sentences: continued quotations, signatures, anaphora
unattributed  rule family: sentences no attribution covers, the article's own claims
sources       sources (the noun phrases claims rest on), built by phrases and resolved by
              references (pronouns, descriptions, the registry of documents); source_refs
              holds what a source is and the shared indexes
status        epistemic status, polarity and the evidence spans behind them
lexicon       the word lists of data/claims.toml, compiled, and word-form helpers
quotes        quotation regions from quote marks (paired per paragraph)
"""
