"""Building blocks for analyses written by hand in tests (corpus and web fixtures)."""

from __future__ import annotations

from newsint.model import Entity, Mention, stable_id


def named(aid: str, text: str, names: list[tuple[str, str]]) -> tuple[list[Entity], list[Mention]]:
    """An entity per (name, type) with a mention at every occurrence of the name in `text`."""
    entities: list[Entity] = []
    mentions: list[Mention] = []
    for name, type_ in names:
        eid = stable_id("ent", aid, name)
        ids = []
        start = text.find(name)
        while start >= 0:
            mid = stable_id("men", aid, start)
            ids.append(mid)
            mentions.append(
                Mention(
                    id=mid,
                    start=start,
                    end=start + len(name),
                    text=name,
                    label=type_,
                    type=type_,
                    entity=eid,
                )
            )
            start = text.find(name, start + 1)
        entities.append(Entity(id=eid, name=name, type=type_, mentions=ids))
    return entities, mentions
