"""export.kinds: which named entities leave newsint as people (Aleph xrefs every FtM Person)."""

from __future__ import annotations

import pytest

from newsint.export.kinds import kind_of, split_authors
from newsint.model import Entity, Role


def entity(name: str, type_: str = "PERSON", roles: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id="ent-x",
        name=name,
        type=type_,  # type: ignore[arg-type]
        roles=[Role(role=r, start=0, end=len(r)) for r in roles],
    )


@pytest.mark.parametrize(
    ("name", "type_", "roles", "kind"),
    [
        ("Nadia Okafor", "PERSON", (), "person"),
        ("Inês Carvalhal", "PERSON", ("Foreign Minister",), "person"),
        ("Okafor", "PERSON", (), "unclear"),  # one word: a place, a ship or a surname
        ("Harbour Ledger", "PERSON", (), "organisation"),  # an outlet word
        ("Gazette", "PERSON", (), "organisation"),
        ("Reuters", "PERSON", (), "organisation"),  # a wire agency of data/outlets.toml
        ("Serov Trading", "PERSON", (), "organisation"),
        ("Blue Tern Lines", "PERSON", (), "organisation"),
        ("Polar Meadow", "PERSON", ("bulk carrier",), "unclear"),  # a ship
        ("Norway", "PERSON", (), "place"),
        ("Blue Tern Lines", "ORG", (), "organisation"),
        ("Skarra Island", "GPE", (), "place"),
        ("Danish", "NORP", (), "unclear"),
    ],
)
def test_kind_of(name: str, type_: str, roles: tuple[str, ...], kind: str) -> None:
    assert kind_of(entity(name, type_, roles)) == kind


@pytest.mark.parametrize(
    ("author", "names"),
    [
        (None, []),
        ("", []),
        ("Ana Varga", ["Ana Varga"]),
        ("Ana Varga and Lee Park", ["Ana Varga", "Lee Park"]),
        ("Ana Varga, Lee Park & Tomas Ruud", ["Ana Varga", "Lee Park", "Tomas Ruud"]),
        ("Ana Varga; Ana Varga", ["Ana Varga"]),
        ("  Ana   Varga  ", ["Ana Varga"]),
    ],
)
def test_split_authors(author: str | None, names: list[str]) -> None:
    assert split_authors(author) == names


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ursula von der Leyen", "person"),
        ("Moon Jae-in", "person"),
        ("Jane Roe/AP", "unclear"),  # a photo credit
        ("Ben Morgan 7/8", "unclear"),
        ("lone wolf", "unclear"),
        ("Harbour Opens Its Doors To Everyone", "unclear"),  # a headline, not a name
    ],
)
def test_a_person_needs_a_name_shaped_like_one(name: str, kind: str) -> None:
    assert kind_of(entity(name)) == kind


@pytest.mark.parametrize(
    ("name", "roles", "kind"),
    [
        ("Abu Musab al-Barnawi", (), "person"),
        ("Jean d'Alembert", (), "person"),
        ("Kris Hoce", ("chief executive of the hospital",), "person"),  # the head is "executive"
        ("Dana Reyes", ("’s regional organiser",), "person"),
        ("Polar Meadow", ("the bulk carrier",), "unclear"),
    ],
)
def test_particles_and_role_heads(name: str, roles: tuple[str, ...], kind: str) -> None:
    assert kind_of(entity(name, roles=roles)) == kind
