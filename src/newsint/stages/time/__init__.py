"""The time wing: time expressions found, normalised TIMEX3-style and anchored; events placed.

  stage       the time stage: the publication date (dateline) and the expressions of an article
  rules       its conventions as data (data/time_rules.toml)
  candidates  expressions from the recogniser, the cue patterns and spaCy, cut to TimeML extents
  normalise   candidates to TIMEX3 values with news conventions (tense, weekdays, seasons)
  anchors     expressions relative to a reported event ("one month after the calls")
  recognizer  Microsoft Recognizers-Text behind a cache that shares its extractors' work
  timeline    one article's events in time order, granularity kept (for events and the brief)

TIMEX3 value arithmetic (period, shift, granularity) is newsint.text.timex, shared with the
corpus timeline and the evaluation.
"""
