"""Entities stage: who and what is named, merged into one entity per referent inside the article.

Mentions start from spaCy's NER and are corrected by general rules and the tables in
newsint/data (never by patches for one article):

- span fixes: a leading "the", a trailing "'s", a title ("President", "Foreign Minister") split
  off a person's name and kept as a role;
- type fixes: site furniture tagged ORG is dropped; demonyms tagged GPE become NORP demonyms
  ("Ukrainian"); places tagged PERSON become places ("the Zaporizhzhia nuclear power facility",
  "fighting in Bakhmut"); names the tables know take the table's type ("Kremlin" is an ORG);
- names the model missed: table names in the text ("the associated press", "Kyiv"), names it
  tagged elsewhere in the article ("Recep Tayyip Erdogan" when "Erdogan" is tagged), spelling
  variants of tagged names ("Vagner"), all-caps headlines checked against the body;
- links: demonyms to their country with what they stand for ("Russian forces": military),
  capitals and seats of power used for a government ("Ankara said", "the Kremlin") flagged as
  metonymy, roles from appositions ("Bill Burns, the director of the CIA").

The rules are beside this module: mentions (fixes and missed names), describe (links, roles),
names (merging: pure, order-independent, with the evidence of each link kept), gazetteer (the
tables). Other stages find the entity at a span with `entity_at` / `mention_at`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, get_args

from newsint.model import Analysis, Entity, EntityType, Mention, stable_id
from newsint.stages.base import validated
from newsint.stages.entities.gazetteer import Gazetteer, load_gazetteer
from newsint.stages.entities.mentions import extract
from newsint.stages.entities.names import Candidate, Group, merge

if TYPE_CHECKING:
    from newsint.stages.base import Resources, Work

ENTITY_TYPES = frozenset(get_args(EntityType))


class EntitiesStage:
    name = "entities"
    english_only = True  # English model and word lists: skipped for other languages
    version = 2
    requires = frozenset({"doc", "text"})
    uses: frozenset[str] = frozenset()
    assigns = frozenset({"entities", "mentions"})

    def __init__(self, resources: Resources) -> None:
        self.cfg = resources.config.entities
        self.gaz: Gazetteer = resources.get("gazetteer", load_gazetteer)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            analysis = work.analysis
            cands = extract(work.doc, self.gaz, self.cfg)
            credited = [c for c in cands if c.kind == "credit"]
            groups = merge([c for c in cands if c.kind != "credit"], self.gaz, self.cfg)
            analysis.mentions, analysis.entities = assemble(analysis.article.id, groups, credited)


# --------------------------------------------------------------------------- lookups for others


def mention_at(analysis: Analysis, start: int, end: int, inside: bool = False) -> Mention | None:
    """The mention covering the span [start, end): the smallest one that contains it.

    With `inside=True` a longer phrase also finds the first mention lying within it
    ("Wagner Group representatives" -> "Wagner Group"), for callers holding a noun phrase.
    Mentions are few per article; a scan is cheaper than an index here.
    """
    best: Mention | None = None
    for m in analysis.mentions:
        if (
            m.start <= start
            and end <= m.end
            and (best is None or m.end - m.start < best.end - best.start)
        ):
            best = m
    if best is None and inside:
        best = next((m for m in analysis.mentions if start <= m.start and m.end <= end), None)
    return best


def entity_at(analysis: Analysis, start: int, end: int, inside: bool = False) -> Entity | None:
    """The entity of `mention_at(analysis, start, end, inside)`, or None."""
    m = mention_at(analysis, start, end, inside)
    return analysis.entity(m.entity) if m and m.entity else None


# --------------------------------------------------------------------------- assembly


def assemble(
    article_id: str, groups: list[Group], credited: list[Candidate] | None = None
) -> tuple[list[Mention], list[Entity]]:
    """Records from merged groups with stable ids: mentions by offset, entities by first mention.
    Names inside credit lines (`credited`) become mentions of no entity."""
    mentions: list[Mention] = [
        validated(
            Mention,
            {
                "id": stable_id("men", article_id, c.start, c.end),
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "label": c.label,
                "type": c.type if c.type in ENTITY_TYPES else "OTHER",
                "kind": "credit",
            },
        )
        for c in credited or []
    ]
    entities: list[Entity] = []
    used: set[str] = set()
    for g in groups:
        eid = stable_id("ent", article_id, g.name, g.type)
        if eid in used:  # two referents sharing a name and type (merging refused): keep both
            eid = stable_id("ent", article_id, g.name, g.type, g.members[0].start)
        used.add(eid)
        ids = []
        for c in g.members:
            mid = stable_id("men", article_id, c.start, c.end)
            ids.append(mid)
            mentions.append(
                validated(
                    Mention,
                    {
                        "id": mid,
                        "start": c.start,
                        "end": c.end,
                        "text": c.text,
                        "label": c.label,
                        "type": c.type if c.type in ENTITY_TYPES else "OTHER",
                        "entity": eid,
                        "kind": c.kind,
                        "fix": ",".join(dict.fromkeys(c.fixes)) or None,
                        "link": c.link,
                    },
                )
            )
        entities.append(
            Entity(
                id=eid,
                name=g.name,
                type=g.type if g.type in ENTITY_TYPES else "OTHER",
                aliases=g.aliases,
                mentions=ids,
                roles=g.roles,
                country=g.country,
                links=g.links,
                metonymy=g.metonymy,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, entities
