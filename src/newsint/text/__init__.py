"""Shared text helpers, one of each, below every stage and the corpus:

  fold      the comparison form of a text (accents, case, typographic variants) and its keys
  segments  paragraphs and lines
  timex     TIMEX3 value arithmetic: granularity, the days a value covers, shifting
  textsim   cheap paraphrase similarity (content-word Dice and token-set ratio)
  outlets   news outlets and wire agencies (data/outlets.toml) and the lines that credit them:
            datelines, credit lines, photo credits, bylines

Pure functions of their input with no NLP and no corpus statistics, so every layer can use them
and two texts compare the same way wherever they are compared.
"""
