"""The time wing: time expressions found, normalised TIMEX3-style and anchored; events placed.

  stage       the time stage: candidates (recognizer, cue patterns, spaCy), normalisation,
              anchors ("two days after the vote"), the publication date from a dateline
  recognizer  Microsoft Recognizers-Text behind a cache that shares its extractors' work
  timeline    one article's events in time order, granularity kept (for events and the brief)

TIMEX3 value arithmetic (period, shift, granularity) is newsint.text.timex, shared with the
corpus timeline and the evaluation.
"""
