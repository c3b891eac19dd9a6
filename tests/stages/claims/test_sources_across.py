"""Who really said it: sources across sentences, spokespeople, tickers, "the firm", outlets that
relay, datelines (issue 16). Sentences of our own; the entities stage runs, as in `analyze`."""

from __future__ import annotations

from pathlib import Path

import pytest

from handmade import first_claim
from newsint.model import Analysis, Claim

STAGES = ["clean", "nlp", "entities", "claims"]  # as `claims_of` in conftest


def claim(analysis: Analysis, content: str, cue: str | None = None) -> Claim:
    """The attributed claim whose content holds `content` (and whose cue reads `cue`)."""
    for c in analysis.claims:
        right_cue = cue is None or (c.cue is not None and c.cue.text == cue)
        if c.kind != "unattributed" and content in c.content.text and right_cue:
            return c
    got = [(c.cue.text if c.cue else None, c.content.text) for c in analysis.claims]
    raise AssertionError(f"no claim holding {content!r}; claims: {got}")


def names(c: Claim) -> list[str]:
    return [link.name or link.text for link in c.chain[1:]]


def test_pronoun_across_a_paragraph(claims_of) -> None:
    a = claims_of(
        "Bridge to reopen\n\nMayor Lena Ortiz said on Monday that the bridge would reopen in "
        "May.\n\nShe added that the repairs would cost $4 million."
    )
    c = claim(a, "the repairs would cost", "added")
    assert c.source.text == "She"
    assert c.source.name == "Lena Ortiz"
    assert c.source.resolved_from and "She" in c.source.resolved_from


def test_a_pronoun_skips_a_person_of_the_other_gender(claims_of) -> None:
    a = claims_of(
        "Canal talks\n\nIrena Vasko, the negotiator for Veldara, met Mr. Tomas Reyes on Monday. "
        "Mr. Reyes said the talks had stalled.\n\nShe said the proposal was unacceptable."
    )
    assert claim(a, "the proposal was unacceptable").source.name == "Irena Vasko"
    assert claim(a, "the talks had stalled").source.name == "Tomas Reyes"


def test_a_ministry_and_its_spokesman(claims_of) -> None:
    a = claims_of(
        "Fuel report denied\n\nThe Foreign Ministry of Veldara said on Monday that the report "
        "was false. Its spokesman, Arvo Lenk, told reporters the figures had been invented.\n\n"
        "He was referring to a Halden Post report published last week."
    )
    told = claim(a, "the figures had been invented", "told")
    assert told.source.name == "Arvo Lenk"
    assert names(told) == ["Foreign Ministry of Veldara", "Arvo Lenk"]
    referring = claim(a, "Halden Post report")
    assert referring.source.text == "He"
    assert names(referring) == ["Foreign Ministry of Veldara", "Arvo Lenk"]


def test_an_unnamed_spokesman_stands_for_his_body_once(claims_of) -> None:
    a = claims_of("Port closed\n\nA Harbour Authority spokesman said the port would reopen soon.")
    c = claim(a, "the port would reopen soon")
    assert len(c.chain) == 2  # article ← the spokesman (of the Harbour Authority), no echo


def test_a_speaker_with_a_ticker_is_the_company(claims_of) -> None:
    a = claims_of(
        "Drug deal\n\nLarkspur Pharmaceuticals Inc (NYSE:LKP) said the deal would close in June."
    )
    attributed = [c for c in a.claims if c.kind != "unattributed"]
    assert len(attributed) == 1  # the ticker's colon is no "Name: content"
    (c,) = attributed
    assert c.source.name == "Larkspur Pharmaceuticals Inc"
    assert c.source.text == "Larkspur Pharmaceuticals Inc (NYSE:LKP)"
    assert names(c) == ["Larkspur Pharmaceuticals Inc"]  # never the NYSE


@pytest.mark.parametrize(
    ("content", "cue"),
    [
        ("its proposed acquisition is compelling", "According to"),
        ("the offer values Riverton at $2 billion", "According to"),
        ("has lost market share for three years", "according to"),
    ],
)
def test_according_to_the_firm(claims_of, content: str, cue: str) -> None:
    a = claims_of(
        "Bid for Riverton\n\nHalvard Capital, an investment firm, has offered to buy Riverton "
        "Systems. Riverton rejected the offer on Monday.\n\nAccording to the investment firm, "
        "its proposed acquisition is compelling for shareholders.\n\nAccording to Halvard "
        "Capital, the investment firm that made the bid, the offer values Riverton at $2 "
        "billion.\n\nRiverton, according to the firm, has lost market share for three years."
    )
    c = claim(a, content, cue)
    assert c.source.name == "Halvard Capital"  # the firm, never the company it bids for
    assert "according" not in c.content.text.lower()


def test_the_company_is_the_subject_named_before(claims_of) -> None:
    a = claims_of(
        "Stake sold\n\nHalvard Capital Inc bought a stake in Brenton Mills Ltd on Friday. The "
        "company said the stake was passive."
    )
    c = claim(a, "the stake was passive")
    assert c.source.name == "Halvard Capital Inc"  # the subject, not the nearer object
    assert c.source.resolved_from and "The company" in c.source.resolved_from


def test_a_quotation_runs_on_across_paragraphs(claims_of) -> None:
    a = claims_of(
        "Prices hold\n\n“We will not raise prices this year,” said Greta Olsen, the chief "
        "executive. “Our costs are stable.\n\n“We expect the same next year.”"
    )
    c = claim(a, "We expect the same next year")
    assert c.source.name == "Greta Olsen"


TOLL = (
    "Strikes kill 214 in Dornia\n\n"
    "SALTMERE, Dornia (Meridian Wire) — Veldara's air campaign has killed at least 214 people in "
    "Saltmere since Sunday, according to the Dornian Health Ministry. Veldara's army said it had "
    "struck only military targets.\n\n"
    "Meridian Wire Photo/Jonas Berg\n\n"
    "“Most of the dead were women and children,” the ministry’s spokeswoman, Ilse Marrow, told "
    "reporters."
)


def test_an_outlet_relaying_is_a_link_never_the_speaker(claims_of) -> None:
    a = claims_of(TOLL)
    toll = claim(a, "has killed at least 214 people")
    assert names(toll) == ["Meridian Wire", "Dornian Health Ministry"]
    assert toll.chain[1].kind == "media"
    quote = claim(a, "Most of the dead")
    assert names(quote) == ["Meridian Wire", "Dornian Health Ministry", "Ilse Marrow"]
    army = claim(a, "struck only military targets")
    assert names(army)[0] == "Meridian Wire"
    assert all(c.source.name != "Meridian Wire" for c in a.claims)


def test_datelines_and_photo_credits_are_never_claims(claims_of) -> None:
    a = claims_of(TOLL)
    dateline = a.text.index("SALTMERE")
    credit = a.text.index("Meridian Wire Photo")
    for c in a.claims:
        assert not (c.content.start <= dateline < c.content.end)
        assert not (c.content.start <= credit < c.content.end)
        assert c.source.start is None or c.source.start > a.text.index("—")


def test_the_demo_toll_is_the_ministry_s(run_stages) -> None:
    """The bundled demo article: the wire relays the ministry's toll and names the other side;
    the toll is the ministry's (article ← Meridian Wire ← Dornian Health Ministry)."""
    path = Path(__file__).parents[3] / "src/newsint/data/demo/meridian-saltmere-strikes.txt"
    a = run_stages(path.read_text(encoding="utf-8"), STAGES).analysis
    toll = claim(a, "has killed at least 214 people")
    assert names(toll) == ["Meridian Wire", "Dornian Health Ministry"]
    children = claim(a, "61 of the dead were children")
    assert names(children) == ["Meridian Wire", "Dornian Health Ministry"]
    assert children.source.text == "The ministry"
    quote = claim(a, "We need fuel before anything else")
    assert names(quote) == ["Meridian Wire", "Dornian Health Ministry", "Ilse Marrow"]
    havel = claim(a, "could not be verified")
    assert names(havel)[-1] == "Piet Havel" and "Dornian Health Ministry" not in names(havel)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "links"),
    [
        (
            "Cranes idle\n\nNordic Wire quoted harbour master Ole Brekke as saying the cranes had "
            "been idle since Monday.",
            "the cranes had been idle",
            "Ole Brekke",
            ["Nordic Wire", "Ole Brekke"],
        ),
        (  # the parser makes the dateline's place the verb's subject: the outlet still quotes
            "Cranes idle\n\nHALDEN, Norway — Nordic Wire quoted harbour master Ole Brekke as "
            "saying the cranes had been idle since Monday.",
            "the cranes had been idle",
            "Ole Brekke",
            ["Nordic Wire", "Ole Brekke"],
        ),
        (
            "Border talks\n\nState radio quoted the interior minister as saying the border "
            "would stay closed until Friday.",
            "the border would stay closed",
            "interior minister",
            ["State radio", "interior minister"],
        ),
        (
            "Border talks\n\nThe minister was quoted by Halden Radio as saying that the border "
            "would reopen in spring.",
            "the border would reopen in spring",
            "minister",
            ["Halden Radio", "minister"],
        ),
    ],
)
def test_an_outlet_quoting_someone_is_a_link_not_the_speaker(
    claims_of, text: str, content: str, speaker: str, links: list[str]
) -> None:
    a = claims_of(text)
    c = claim(a, content, "saying")
    assert c.source.name == speaker
    assert names(c) == links
    # the quoting verb makes no claim of its own whose content is the one quoted
    assert not any(x.cue is not None and x.cue.text == "quoted" for x in a.claims)


def test_a_role_noun_never_resolves_to_a_dateline_place(claims_of) -> None:
    a = claims_of(
        "Port strike\n\nHALDEN, Norway — Dock workers walked out on Monday.\n\n"
        "The agency said that talks would resume next week."
    )
    c = claim(a, "talks would resume next week")
    assert c.source.name != "HALDEN"


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [("This time showed that the harbour was safe.", "showed", "This time")],
)
def test_a_common_word_is_no_outlet(claims_of, text: str, cue: str, source: str) -> None:
    """ "time" is not the magazine Time: a one-word outlet is one only when written as a name
    (the parse once hung a relative "which" on "the first time" and made it a media source)."""
    claim = first_claim(claims_of(text), cue)
    assert claim.source.text == source
    assert claim.source.kind != "media", claim.source
