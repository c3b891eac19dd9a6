from __future__ import annotations

import tomllib
from importlib import resources

import pycountry
import pytest

from newsint.stages.entities.gazetteer import load_gazetteer
from newsint.text.fold import name_key

GAZ = load_gazetteer()


@pytest.mark.parametrize(
    ("name", "kind", "type_", "country"),
    [
        ("Turkey", "country", "GPE", "TR"),
        ("Türkiye", "country", "GPE", "TR"),
        ("Russian Federation", "country", "GPE", "RU"),  # from pycountry
        ("the US", None, None, None),  # determiners are the stage's job
        ("U.S.", "country", "GPE", "US"),
        ("Turkish", "demonym", "NORP", "TR"),
        ("Ankara", "capital", "GPE", "TR"),
        ("Kremlin", "seat", "ORG", "RU"),
        ("associated press", "media", "ORG", None),
        ("Congo", None, None, None),  # two countries: never guessed
    ],
)
def test_lookup(name: str, kind: str | None, type_: str | None, country: str | None) -> None:
    entry = GAZ.lookup(name)
    if kind is None:
        assert entry is None
        return
    assert entry is not None
    assert (entry.kind, entry.type, entry.country) == (kind, type_, country)


def test_matcher_respects_case_except_for_any_case_names() -> None:
    text = "Sources told the associated press and Reuters that us officials met US envoys."
    assert [m.group() for m in GAZ.matcher.finditer(text)] == ["associated press", "Reuters", "US"]


def test_country_table_is_consistent() -> None:
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("countries.toml").read_text("utf-8")
    )
    owner: dict[str, str] = {}
    for code, row in data["countries"].items():
        assert code == "XK" or pycountry.countries.get(alpha_2=code) is not None, code
        for field in ("names", "demonyms", "capitals"):
            for name in row[field]:
                key = name_key(name.removeprefix("the "))
                assert owner.setdefault(key, code) == code, f"{name} is {owner[key]} and {code}"
