"""Claims stage, issue 16 (branch attrlearn): cue verbs learned from PolNeAR train
(data/learned_cues.toml, stages/claims/learned.py). A verb outside the lexicon reports in a
construction whose train rate passed the table's thresholds, with a speaker as its subject;
a verb with a low rate, another construction or a thing as its subject does not. Sentences of
our own; each row names the claim by its cue."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from handmade import claims_by_cue as by_cue
from handmade import claims_listed as listed
from handmade import first_claim
from newsint.stages.claims.learned import (
    CLAUSE,
    INFINITIVE,
    OBJECT,
    PREP,
    THAT,
    learned_cues,
)

# text, cue, source as written, content (exact)
FOUND = [
    (  # a plain object ("offer", "object")
        "Councillor Mira Vell offered no evidence for the harbour fraud.",
        "offered",
        "Councillor Mira Vell",
        "no evidence for the harbour fraud",
    ),
    (  # ... with what completes it on the verb's right
        "The Ruritanian ministry offered cheap loans to ferry owners.",
        "offered",
        "The Ruritanian ministry",
        "cheap loans to ferry owners",
    ),
    (  # a deed PolNeAR marks as a stand ("approve", "object"), without its when and why
        "The harbour council approved the new ferry budget after a long debate on Tuesday.",
        "approved",
        "The harbour council",
        "the new ferry budget",
    ),
    (  # a lexicon verb in a construction its own rules do not take ("show" + object: only
        # a document shows evidence there), which train marks for a speaker 20 of 29 times
        "Mayor Ilse Brandt showed little patience with the harbour board.",
        "showed",
        "Mayor Ilse Brandt",
        "little patience with the harbour board",
    ),
    (  # a prepositional object ("focus", "prep:on")
        "Mayor Ilse Brandt focused on the cost of the new pier.",
        "focused on",
        "Mayor Ilse Brandt",
        "the cost of the new pier",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), FOUND)
def test_learned_cue_found(claims_of, text, cue, source, content) -> None:
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.content.text == content


# text, a cue that must not report anything
NOT_FOUND = [
    # a verb of low train rate with a plain object ("buy": none of its uses are cues)
    ("The Ruritanian ministry bought three old ferries.", "bought"),
    # a learned verb whose subject is no speaker
    ("The storm offered no respite to the harbour town.", "offered"),
    # ... and one negated or with a modal: not the plain uses the table counted
    ("Councillor Mira Vell did not offer any evidence.", "offer"),
    ("Councillor Mira Vell will offer cheap loans to ferry owners.", "offer"),
    # a learned verb in a construction the table does not hold ("offer" + infinitive: 1 of 2)
    ("Councillor Mira Vell offered to resign.", "offered"),
]


@pytest.mark.parametrize(("text", "cue"), NOT_FOUND)
def test_not_a_learned_cue(claims_of, text, cue) -> None:
    analysis = claims_of(text)
    assert not by_cue(analysis, cue), listed(analysis)


def test_table_well_formed() -> None:
    """Every row names a lemma, a known construction, and counts that pass the file's own
    thresholds, once; the loader reads every row."""
    data = tomllib.loads(
        resources.files("newsint.data").joinpath("learned_cues.toml").read_text("utf-8")
    )
    limits = data["thresholds"]
    rows = data["cues"]
    assert rows, "the table is empty"
    constructions = {THAT, CLAUSE, INFINITIVE, OBJECT}
    seen = set()
    for row in rows:
        assert set(row) == {"lemma", "construction", "n", "gold"}, row
        assert re.fullmatch(r"[a-z][a-z-]*", row["lemma"]), row
        kind = row["construction"]
        assert kind in constructions or re.fullmatch(PREP + r"[a-z]+", kind), row
        assert row["n"] >= limits["min_count"], row
        assert row["gold"] / row["n"] >= limits["min_rate"], row
        assert (row["lemma"], kind) not in seen, row
        seen.add((row["lemma"], kind))
    table = learned_cues()
    assert {(lemma, k) for lemma, ks in table.pairs.items() for k in ks} == seen
    assert table.speaker_kinds
