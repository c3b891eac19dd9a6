"""The entities wing: names in the text, typed and merged into one entity per referent.

stage      the entities stage: spaCy's names checked and fixed against the tables, titles,
           roles and demonyms, then merged within the article; look-ups for later stages
names      in-document merging rules (aliases, short forms, acronyms, fuzzy spellings)
gazetteer  what the tables know: places, capitals, demonyms, outlets, agencies (data files)
"""
