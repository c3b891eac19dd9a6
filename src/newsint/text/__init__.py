"""Shared text helpers, one of each: folding (fold), paragraph spans (segments).

Pure functions of their input with no NLP and no corpus statistics, so every layer can use them
and two texts compare the same way wherever they are compared.
"""
