"""The entities wing: names in the text, typed and merged into one entity per referent.

stage      the entities stage, the assembly of mentions and entities, look-ups for later stages
mentions   spaCy's names checked and fixed against the tables; the names it missed
describe   demonym links, metonymy, titles and roles, context words
context    what those rules share while reading one article
names      in-document merging rules (aliases, short forms, acronyms, fuzzy spellings)
gazetteer  what the tables know: places, capitals, demonyms, outlets, agencies (data files)
credits    datelines, credit lines, bylines, photo credits and tickers: what is no name there
sports     clubs named after places, by context in sports articles
business   companies the model reads as people or places, by their description
"""
