from __future__ import annotations

import re
import tomllib
from importlib import resources

import pycountry
import pytest

from newsint.stages.entities.gazetteer import _alternation, _trie, load_gazetteer
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


# Forms sharing prefixes, a form that is a prefix of another, one-letter forms, dots and
# spaces: the prefix tree must find what the flat longest-first alternation finds.
_FORMS = {"Port", "Port Vell", "Port Vellmar", "Porta", "P", "Pa.", "Vell", "Vell Mar", "U.K."}
_CASED_TEXTS = [
    "Port Vellmar and Port Vell, Porta, Portage and Port.",
    "In Port Vellmarsh the P. Pa. ferry left Vell Mar for U.K. ports; U.K.s and P.",
    "Port Vell Mar Vell Marina Porta Port Vellm",
]


@pytest.mark.parametrize("text", _CASED_TEXTS)
def test_trie_matches_like_the_flat_alternation(text: str) -> None:
    around = r"(?<![\w.])(?:{})(?![\w])"
    flat = re.compile(around.format(_alternation(list(_FORMS))))
    tree = re.compile(around.format(_trie(_FORMS)))
    expected = [(m.start(), m.group()) for m in flat.finditer(text)]
    assert expected  # the texts are built to match
    assert [(m.start(), m.group()) for m in tree.finditer(text)] == expected


@pytest.mark.parametrize(
    ("forms", "text"),
    [
        ({"half-time", "half", "Harbour Times"}, "HALF-TIME at harbour times: Half, half-timer"),
        ({"Café Nord", "cafe"}, "CAFÉ NORD by the Cafe, café nord"),  # not ASCII: kept flat
    ],
)
def test_case_folded_trie_matches_like_the_flat_alternation(forms: set[str], text: str) -> None:
    around = r"(?<![\w-])(?:{})(?![\w-])"
    flat = re.compile(around.format(_alternation(list(forms))), re.IGNORECASE)
    tree = re.compile(around.format(_trie(forms, fold=True)), re.IGNORECASE)
    expected = [(m.start(), m.group()) for m in flat.finditer(text)]
    assert expected
    assert [(m.start(), m.group()) for m in tree.finditer(text)] == expected
