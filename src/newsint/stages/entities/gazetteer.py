"""Name tables the entities stage consults: countries, capitals, demonyms, outlets, seats of power.

Countries come from pycountry (every ISO 3166 code and name) plus data/countries.toml, which adds
what news writes and ISO lacks ("Turkey", "the US", demonyms, capitals). The word lists of
data/entities.toml (titles, designators, metonymy cues) are compiled here too, so rules in the
stage stay general and what they know about the world is data. News outlets come from
data/outlets.toml through `newsint.text.outlets`, the one outlet recogniser. Everything is keyed by
`newsint.text.fold.name_key()`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Literal

from newsint.text.alternation import prefix_tree
from newsint.text.fold import name_key
from newsint.text.outlets import Outlets, load_outlets

EntryKind = Literal["country", "capital", "demonym", "media", "seat"]


@dataclass(frozen=True)
class Entry:
    """What the tables know about one written name."""

    kind: EntryKind
    name: str  # the proper form of the name in the table
    type: str  # entity type it gives: GPE, NORP, ORG
    country: str | None = None  # ISO alpha-2 code it points to
    stands_for: str | None = None  # seats of government: the body they stand for

    @property
    def identity(self) -> str | None:
        """Names of one identity are one entity whatever their spelling ("US" = "America")."""
        if self.kind == "country":
            return f"country:{self.country}"
        if self.kind == "demonym":
            return f"country:{self.country}"
        if self.kind in ("media", "seat"):
            return f"{self.kind}:{name_key(self.name)}"
        return None


@dataclass(frozen=True)
class Lexicon:
    """Word lists of data/entities.toml, folded, as sets."""

    title_heads: frozenset[str]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    designators: frozenset[str]
    acronym_skip: frozenset[str]
    org_heads: frozenset[str]
    boilerplate: frozenset[str]
    place_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    demonym_links: Mapping[str, str]  # head noun -> government | military | people
    literal_verbs: frozenset[str]
    literal_adjectives: frozenset[str]
    literal_nouns: frozenset[str]
    interaction_words: frozenset[str]
    government_nouns: frozenset[str]
    agent_deps: frozenset[str]
    sports_cue_matcher: re.Pattern[str]  # any sports word, as a whole word in any case
    sports_verbs: frozenset[str]
    sports_prepositions: frozenset[str]
    sports_nouns: frozenset[str]
    sports_roles: frozenset[str]
    sports_separators: frozenset[str]  # as written
    sports_venue_words: frozenset[str]
    sports_name_joiners: frozenset[str]
    national_sides: frozenset[str]
    competition_heads: frozenset[str]
    person_figures: re.Pattern[str]
    result_line: re.Pattern[str]  # "Lotte 6 Hyundai 2"
    ticker: re.Pattern[str]  # "(NYSE:FRX)" after a company's name
    company_descriptors: frozenset[str]
    company_based_suffix: str
    company_owned: frozenset[str]

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every word of a title ("Foreign Minister", "Mr"): a span of these alone is no name
        (asked for every candidate: united once)."""
        return self.title_heads | self.title_modifiers | self.honorifics


@dataclass(frozen=True)
class Gazetteer:
    countries: Mapping[str, str]  # code -> display name
    entries: Mapping[str, Entry]  # name_key(name) -> entry
    matcher: re.Pattern[str]  # finds table names in running text (for names the model missed)
    words: Lexicon
    outlets: Outlets  # news outlets and the credit lines that name them (data/outlets.toml)

    def lookup(self, name: str) -> Entry | None:
        return self.entries.get(name_key(name))

    @cached_property
    def one_word_places(self) -> frozenset[str]:
        """Keys of the one-word country names and demonyms (a name's removable words when
        merging): worked out once, not on every article."""
        return frozenset(
            k for k, e in self.entries.items() if e.kind in ("country", "demonym") and " " not in k
        )

    def country_name(self, code: str) -> str:
        return self.countries.get(code, code)


def _data(name: str) -> dict:
    return tomllib.loads(resources.files("newsint.data").joinpath(name).read_text("utf-8"))


def _iso_names(country: object) -> list[str]:
    """pycountry's names usable in running text (not the "Korea, Republic of" index forms)."""
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if value and "," not in value and "(" not in value:
            names.append(value)
    return names


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(name_key(v) for v in values)


@cache
def load_gazetteer() -> Gazetteer:
    """Build the tables once per process (about 10 ms; pycountry's JSON dominates)."""
    import pycountry

    data = _data("countries.toml")
    ambiguous = _words(data["ambiguous"]["names"])
    table = data["countries"]
    entries: dict[str, Entry] = {}
    display: dict[str, str] = {}
    surfaces: set[str] = set()  # case-sensitive forms for the text matcher
    any_case: set[str] = set()

    def add(form: str, entry: Entry) -> None:
        key = name_key(form)
        if not key or key in ambiguous:
            return
        entries.setdefault(key, entry)
        surfaces.add(form)
        letters = form.replace(".", "")
        if letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 4:
            surfaces.add(".".join(letters) + ".")  # "U.S."

    for code, row in table.items():
        display[code] = row["names"][0] if row["names"] else code
    for country in pycountry.countries:
        code = country.alpha_2
        iso = _iso_names(country)
        display.setdefault(code, iso[0] if iso else country.name)
    # Our names first: they are what news writes and win over ISO forms on a clash.
    for code, row in table.items():
        for form in row["names"]:
            form = form.removeprefix("the ").removeprefix("The ")
            add(form, Entry("country", display[code], "GPE", code))
    for country in pycountry.countries:
        for form in _iso_names(country):
            add(form, Entry("country", display[country.alpha_2], "GPE", country.alpha_2))
    for code, row in table.items():
        for form in row["demonyms"]:
            add(form, Entry("demonym", form, "NORP", code))
        for form in row["capitals"]:
            add(form, Entry("capital", form, "GPE", code))

    ent = _data("entities.toml")
    for name, seat in ent["seats"].items():
        add(name, Entry("seat", name, "ORG", seat["country"], seat["stands_for"]))
    outlets = load_outlets()
    for outlet, row in zip(outlets.outlets, outlets.raw_rows, strict=True):
        for name in (outlet.name, *row["aliases"]):
            add(name, Entry("media", outlet.name, "ORG"))
        for name in row.get("any_case", []):
            entries.setdefault(name_key(name), Entry("media", outlet.name, "ORG"))
            any_case.add(name)

    # One matcher for both sets, the case-sensitive forms tried first (as prefix trees).
    pattern = (
        rf"(?<![\w.])(?:{prefix_tree(surfaces)}|(?i:{prefix_tree(any_case, fold=True)}))(?![\w])"
    )
    links = ent["demonym_links"]
    metonymy = ent["metonymy"]
    sports = ent["sports"]
    words = Lexicon(
        title_heads=_words(ent["titles"]["heads"]),
        title_modifiers=_words(ent["titles"]["modifiers"]) | {"-"},
        honorifics=_words(ent["titles"]["honorifics"]),
        designators=_words(ent["organisations"]["designators"]),
        acronym_skip=_words(ent["organisations"]["acronym_skip"]),
        org_heads=_words(ent["organisations"]["heads"]),
        boilerplate=_words(ent["boilerplate"]["words"])
        | _words(ent["sports"]["furniture"])
        | set("&|»›>/-"),
        place_nouns=_words(ent["places"]["head_nouns"]),
        place_prepositions=_words(ent["places"]["prepositions"]),
        demonym_links={name_key(w): kind for kind in links for w in links[kind]},
        literal_verbs=_words(metonymy["literal_verbs"]),
        literal_adjectives=_words(metonymy["literal_adjectives"]),
        literal_nouns=_words(metonymy["literal_nouns"]),
        interaction_words=_words(metonymy["interaction_words"]),
        government_nouns=_words(metonymy["government_nouns"]),
        agent_deps=frozenset(metonymy["agent_deps"]),
        sports_cue_matcher=re.compile(
            rf"(?<![\w-])(?:{prefix_tree(set(sports['cues']), fold=True)})(?![\w-])", re.IGNORECASE
        ),
        sports_verbs=_words(sports["verbs"]),
        sports_prepositions=_words(sports["prepositions"]),
        sports_nouns=_words(sports["nouns"]),
        sports_roles=_words(sports["roles"]),
        sports_separators=frozenset(sports["separators"]),
        sports_venue_words=_words(sports["venue_words"]),
        sports_name_joiners=_words(sports["name_joiners"]),
        national_sides=_words(sports["national_sides"]),
        competition_heads=_words(sports["competition_heads"]),
        person_figures=re.compile(sports["person_figures"]),
        result_line=re.compile(sports["result_line"], re.MULTILINE),
        company_descriptors=_words(ent["companies"]["descriptors"]),
        company_based_suffix=ent["companies"]["based_suffix"],
        company_owned=_words(ent["companies"]["owned"]),
        ticker=re.compile(
            ent["tickers"]["pattern"].format(
                exchanges="|".join(re.escape(x) for x in ent["tickers"]["exchanges"])
            )
        ),
    )
    return Gazetteer(
        countries=display,
        entries=entries,
        matcher=re.compile(pattern),
        words=words,
        outlets=outlets,
    )
