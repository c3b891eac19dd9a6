from __future__ import annotations

from handmade import article
from newsint.model import Entity, Mention, Role
from newsint.present.brief import section_entities


def test_entities_section_groups_by_type_with_aliases_and_demonyms() -> None:
    text = "Turkish officials met Ana Ribeiro. Ankara said Ribeiro and Turkey agreed."
    a = article(text, id="a")

    def mention(i: int, needle: str, type_: str, entity: str, kind: str = "name") -> Mention:
        start = text.index(needle, 20 if i == 4 else 0)  # m4: the second "Ribeiro"
        return Mention(
            id=f"m{i}", start=start, end=start + len(needle), text=needle, label=type_,
            type=type_, entity=entity, kind=kind,
        )  # fmt: skip

    a.mentions = [
        mention(1, "Turkish", "NORP", "tr", "demonym"),
        mention(2, "Ana Ribeiro", "PERSON", "ar"),
        mention(3, "Ankara", "GPE", "an", "metonym"),
        mention(4, "Ribeiro", "PERSON", "ar"),
        mention(5, "Turkey", "GPE", "tr"),
    ]
    a.entities = [
        Entity(id="tr", name="Turkey", type="GPE", mentions=["m1", "m5"], country="TR"),
        Entity(
            id="ar",
            name="Ana Ribeiro",
            type="PERSON",
            aliases=["Ribeiro"],
            mentions=["m2", "m4"],
            roles=[Role(role="Foreign Minister", start=0, end=1)],
        ),
        Entity(id="an", name="Ankara", type="GPE", mentions=["m3"], country="TR", metonymy=True),
    ]
    section = section_entities(a)
    assert section is not None and section.title == "Entities (3)"
    names = [row[1] for row in section.rows]
    assert names == ["Ana Ribeiro", "Turkey", "Ankara"]  # PERSON first, then most mentioned
    assert section.rows[0][2:5] == ["Ribeiro", "2", "Foreign Minister"]
    assert section.rows[1][2] == "demonyms: Turkish"
    assert section.rows[2][5:] == ["TR", "yes (1 of 1)"]


def test_no_section_before_the_stage_ran() -> None:
    a = article("x", id="a")
    assert section_entities(a) is None
