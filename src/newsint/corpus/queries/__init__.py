"""The corpus queries, each a function of a Store returning typed records (records.py):

  articles  articles, search, one article, the counts, everything an export writes
  stories   same-event stories and one story with its copy tree
  claims    claim clusters, one claim or cluster, corpus grades
  entities  corpus entities, one entity, look-ups by name
  timeline  the corpus timeline
  graph     entities, claims and sources as nodes and edges

corpus/api.py's Corpus is the facade over them.
"""
