"""The events wing: who did what to whom, when and where, typed with PLOVER.

stage     the events stage
lexicon   PLOVER types, modes and trigger rules from data/plover.toml
triggers  trigger words in the parse, and the per-document index (mentions, times, claims)
syntax    dependency-parse helpers: subjects, objects, phrases, governors
extract   events from triggers: arguments, modality, the claim each sits in
main      the article's main event (5W1H)
"""
