from __future__ import annotations

from typing import get_args

import pytest

from newsint.model import ClaimStatus
from newsint.stages.claims.lexicon import lexicon, noun_base, verb_base


@pytest.mark.parametrize(
    ("form", "base"),
    [
        ("said", "say"),
        ("says", "say"),
        ("stated", "state"),
        ("stating", "state"),
        ("denies", "deny"),
        ("denied", "deny"),
        ("admitted", "admit"),
        ("urged", "urge"),
        ("told", "tell"),
        ("purports", "purport"),
        ("walked", None),
    ],
)
def test_verb_forms(form: str, base: str | None) -> None:
    lex = lexicon()
    assert verb_base(form, lex.cue_verbs, lex.irregular) == base


def test_noun_forms() -> None:
    lex = lexicon()
    assert noun_base("allegations", lex.cue_nouns) == "allegations"
    assert noun_base("readouts", lex.source_nouns["statement"]) == "readout"
    assert noun_base("tables", lex.source_nouns["statement"]) is None


def test_status_groups() -> None:
    lex = lexicon()
    assert lex.cue_verbs["claim"] == "alleged"
    assert lex.cue_verbs["deny"] == "denied"
    assert lex.cue_verbs["confirm"] == "confirmed"
    assert lex.cue_verbs["suggest"] == "uncertain"
    assert lex.hedges["allegedly"] == "alleged"
    assert lex.outlets["associated press"] == "Associated Press"
    assert lex.precedence[0] == "question" and lex.precedence[-1] == "asserted"
    assert set(lex.precedence) | {"negated"} == set(get_args(ClaimStatus))


def test_particle_required_verbs_have_particles() -> None:
    """Every verb that needs a particle to report has its particles listed."""
    lex = lexicon()
    assert lex.particle_required
    assert lex.particle_required <= set(lex.cue_particles)
    assert "read" in lex.cue_particles and "read" not in lex.particle_required


def test_claims_outlets_are_the_outlet_table() -> None:
    """One outlet list: every form the outlet table knows is a media form of the claims lexicon,
    short forms included ("Post" for the Washington Post, never in running-text matching)."""
    from newsint.stages.claims.lexicon import lexicon
    from newsint.text.outlets import load_outlets

    forms = load_outlets().forms()
    assert lexicon().outlets == forms
    assert forms["post"] == "The Washington Post"
    assert forms["associated press"] == forms["ap"] == "Associated Press"
