"""Clubs named after places, by context, in sports articles of our own. The model's reading is
forced (doc.ents set by hand) where the test is about correcting it."""

from __future__ import annotations

import pytest

from newsint.model import Analysis, Mention

# Enough sports words for a sports article ([entities] sports_min_cues).
SPORT = "The league season goes on after the cup tournament, the coach said of the penalty. "


def mention(a: Analysis, text: str) -> Mention:
    found = [m for m in a.mentions if m.text == text]
    assert found, f"{text!r} not in {[(m.text, m.type) for m in a.mentions]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "ents", "name", "type_"),
    [
        # subject and object of a result verb
        (
            SPORT + "Harrowgate beat Oakvale by two goals.",
            [("Harrowgate", "GPE")],
            "Harrowgate",
            "ORG",
        ),
        (
            SPORT + "Oakvale lost to Harrowgate on Saturday.",
            [("Harrowgate", "PERSON")],
            "Harrowgate",
            "ORG",
        ),
        # a squad role after the club
        (
            SPORT + "Harrowgate captain Ola Brenn was fined.",
            [("Harrowgate", "GPE")],
            "Harrowgate",
            "ORG",
        ),
        # a results line and a standings line
        (SPORT + "\n\nHarrowgate 3 Oakvale 1\n", [("Harrowgate", "GPE")], "Harrowgate", "ORG"),
        (SPORT + "\n\nOakvale 4 2 1 1 5 4 7\n", [], "Oakvale", "ORG"),
        # a fixture in capitals: the visitors, then the place they play at
        (SPORT + "\n\nHARROWGATE AT OAKVALE\n", [], "HARROWGATE", "ORG"),
        (SPORT + "\n\nHARROWGATE AT OAKVALE\n", [], "OAKVALE", "GPE"),
        # a competition is an event, not a club or a place, in capitals too
        (SPORT + "\n\nRESULTS FROM THE OAKVALE OPEN .\n", [], "OAKVALE OPEN", "EVENT"),
        (
            SPORT + "Harrowgate lead the Northern League.",
            [("Northern League", "ORG")],
            "Northern League",
            "EVENT",
        ),
        (
            SPORT + "She reached the final of the Oakvale Open.",
            [("Oakvale Open", "GPE")],
            "Oakvale Open",
            "EVENT",
        ),
        # a country's side stays the country
        (SPORT + "Norway beat Harrowgate in a friendly.", [("Norway", "GPE")], "Norway", "GPE"),
        # an athlete with a nationality, the model's ORG notwithstanding
        (
            SPORT + "\n\nMarta Quist ( Norway ) 3:31.674\n",
            [("Marta Quist", "ORG")],
            "Marta Quist",
            "PERSON",
        ),
        # a bowler's figures make a person, not a club
        (
            SPORT + "\n\nBowling : Brenn 10-1-40-2 , Ostrem 9-0-45-1\n",
            [("Brenn", "PERSON")],
            "Brenn",
            "PERSON",
        ),
    ],
)
def test_club_by_context(
    forced, text: str, ents: list[tuple[str, str]], name: str, type_: str
) -> None:
    a = forced(text, ents)
    assert mention(a, name).type == type_


@pytest.mark.parametrize(
    ("ents", "name", "type_"),
    [
        ([("Oakvale 2-0", "ORG")], "Oakvale", "ORG"),  # a club's score is no part of its name
        ([("Ola Brenn 3", "PERSON")], "Ola Brenn", "PERSON"),
    ],
)
def test_score_is_no_part_of_a_name(forced, ents, name: str, type_: str) -> None:
    text = SPORT + "Harrowgate beat Oakvale 2-0 as Ola Brenn 3 times hit the post."
    a = forced(text, ents)
    m = mention(a, name)
    assert m.type == type_ and "score" in (m.fix or "")


def test_no_club_outside_sport(forced) -> None:
    """Without sports words a place beside a number stays a place."""
    text = "Harrowgate beat its own record for rainfall.\n\nHarrowgate 3 Oakvale 1\n"
    a = forced(text, [("Harrowgate", "GPE")])
    assert mention(a, "Harrowgate").type == "GPE"


def test_dateline_place_in_sports_stays_a_place(forced) -> None:
    text = "OAKVALE 2024-05-04\n\n" + SPORT + "Harrowgate beat Oakvale by two goals."
    a = forced(text, [])
    assert mention(a, "OAKVALE").type == "GPE"


def test_table_furniture_is_no_name(forced) -> None:
    text = SPORT + "\n\nWomen 's 400 metres\n"
    a = forced(text, [("Women", "ORG")])
    assert all(m.text != "Women" for m in a.mentions)


def test_club_named_in_prose_follows_its_table(forced) -> None:
    text = SPORT + "Title hopefuls Harrowgate and Oakvale both won.\n\nHarrowgate 3 Oakvale 1\n"
    a = forced(text, [("Harrowgate", "PERSON"), ("Oakvale", "GPE")])
    prose = [m for m in a.mentions if m.text in ("Harrowgate", "Oakvale")]
    assert len(prose) == 4 and all(m.type == "ORG" for m in prose)


def test_dateline_place_is_not_the_club(forced) -> None:
    text = "OAKVALE 2024-05-04\n\n" + SPORT + "\n\nHarrowgate 3 Oakvale 1\n"
    a = forced(text, [])
    place, club = mention(a, "OAKVALE"), mention(a, "Oakvale")
    assert (place.type, club.type) == ("GPE", "ORG")
    assert place.entity != club.entity


def test_surname_of_a_player_is_no_club(forced) -> None:
    text = SPORT + "Brandt beat Kovac again. Lena Brandt beat Mia Kovac in straight sets.\n"
    a = forced(
        text,
        [("Brandt", "PERSON"), ("Lena Brandt", "PERSON"), ("Mia Kovac", "PERSON")],
    )
    brandt = [m for m in a.mentions if "Brandt" in m.text]
    assert brandt and all(m.type == "PERSON" for m in brandt)


def test_results_lines_make_a_sports_article(forced) -> None:
    """No sports word, but two results lines: the names beside the scores are clubs."""
    text = "Results on Thursday :\n\nHarrowgate 2 Oakvale 0\nBrenmouth 6 Harrowgate 2\n"
    a = forced(text, [("Brenmouth", "PERSON")])
    assert mention(a, "Brenmouth").type == "ORG"
    assert mention(a, "Oakvale").type == "ORG"
