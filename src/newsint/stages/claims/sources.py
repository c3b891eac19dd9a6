"""Sources: the noun phrases claims rest on, what kind they are, and where they come from.

A source is built from the head token of its noun phrase. It gets a kind (person, organisation,
government, document, intelligence, statement, media, anonymous), a name (the entity's name when
the entities stage ran, a news outlet's canonical name, or the phrase without its determiner),
and, for pronouns and definite descriptions, the antecedent it was resolved to with the
evidence. Documents, statements and intelligence are kept in a per-article registry so that
"the document" three paragraphs later is the same leaked document, with the same provenance
("obtained by the Associated Press") and the same caveats ("has not been authenticated").
"""

from __future__ import annotations

from newsint.stages.claims.phrases import PhraseRules
from newsint.stages.claims.references import ReferenceRules


class Sources(PhraseRules, ReferenceRules):
    """Builds and resolves sources for one parsed article (phrases.py builds them from noun
    phrases, references.py resolves those that point back)."""
