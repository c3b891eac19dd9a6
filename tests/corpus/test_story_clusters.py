"""Stories as events: average linkage inside blocks, the time window, the years test, other
languages, and claim clusters that never cross a story (our own invented texts)."""

from __future__ import annotations

import pytest

from corpus_texts import features
from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.corpus.compare import make_doc
from newsint.corpus.stories import cluster_block, story_distance, story_similarity, years_disagree
from newsint.stages.features import pieces as T

CFG = default_config().corpus

FLOOD = (
    "Floodwater from the Arvel river swept through Dunmere on Saturday, and rescuers in boats "
    "lifted 230 residents from rooftops, the Dunmere fire service said. Mayor Ilse Raddon said "
    "the Arvel flood was the worst since the levee was built."
)
FLOOD_TOO = (
    "Rescuers lifted 230 people from rooftops in Dunmere after the Arvel burst its banks on "
    "Saturday. Mayor Ilse Raddon called the flood the worst since the levee went up, the fire "
    "service said."
)

# an independent report of the same flood: other words, other sentences, the same names
FLOOD_LATER = (
    "Dunmere began clearing mud from its streets on Monday as the Arvel river fell back. Mayor "
    "Ilse Raddon asked the army for pumps, and the fire service reopened the levee road."
)


def doc(text: str, site: str, published: str | None = "2026-03-02", language: str | None = "en"):
    f = features(text, site=site, published=published)
    f.language = language
    return make_doc(f, CFG)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The 2008 crash and the 2008 bailout, then 2011.", {"2008": 2, "2011": 1}),
        ("Prices rose 2015 per cent and $2019 was paid.", {}),
        ("He scored 1,2019 points in 12.2019 seconds.", {}),
        ("No year here, only 300 boats.", {}),
    ],
)
def test_years_mentioned(text: str, years: dict[str, int]) -> None:
    assert T.years(text) == years


def test_single_links_do_not_chain_two_events_together() -> None:
    """a-b and c-d are one event each; one middling b-c link must not join the four."""
    docs = [doc(FLOOD, f"s{i}.example") for i in range(4)]
    ids = [d.id for d in docs]
    sims = {(ids[0], ids[1]): 0.9, (ids[2], ids[3]): 0.9, (ids[1], ids[2]): 0.3}

    def known(a: str, b: str) -> tuple[float, bool]:
        return sims.get((a, b), sims.get((b, a), 0.0)), False

    groups = cluster_block(docs, known, CFG)
    assert sorted(sorted(g) for g in groups) == sorted([sorted(ids[:2]), sorted(ids[2:])])


def test_an_unrelated_member_of_a_block_stands_alone() -> None:
    """Ward merges a third, unrelated article cheaply into a tight pair; the member floor
    takes it out again."""
    docs = [doc(FLOOD, f"t{i}.example") for i in range(3)]
    ids = [d.id for d in docs]
    sims = {(ids[0], ids[1]): 0.9}

    def known(a: str, b: str) -> tuple[float, bool]:
        return sims.get((a, b), sims.get((b, a), 0.0)), False

    groups = cluster_block(docs, known, CFG)
    assert sorted(sorted(g) for g in groups) == sorted([sorted(ids[:2]), [ids[2]]])


@pytest.mark.parametrize(
    ("similarity", "copy", "together"),
    [
        (0.9, False, True),
        (CFG.story_min_pair_similarity + 0.01, False, True),
        (CFG.story_min_pair_similarity - 0.01, False, False),
        (0.16, False, False),  # related (over the block bar), but one weak pair is no story
        (0.0, True, True),  # a copy stays with its original whatever its words
    ],
)
def test_two_articles_alone_need_the_pair_floor(
    similarity: float, copy: bool, together: bool
) -> None:
    """Ward's cost of joining two single articles is under the cut for any related pair: a
    story of two needs story_min_pair_similarity."""
    a, b = doc(FLOOD, "p.example"), doc(FLOOD_TOO, "q.example")
    groups = cluster_block([a, b], lambda x, y: (similarity, copy), CFG)
    assert (len(groups) == 1) is together
    assert sorted(m for g in groups for m in g) == sorted([a.id, b.id])


def test_the_pair_left_after_an_outsider_leaves_needs_the_pair_floor() -> None:
    """Three articles, one unrelated to the others, two weakly related: the outsider leaves by
    the member floor, and the two left are no story by themselves."""
    docs = [doc(FLOOD, f"w{i}.example") for i in range(3)]
    ids = [d.id for d in docs]
    weak = CFG.story_min_pair_similarity - 0.05
    sims = {(ids[0], ids[1]): weak}

    def known(a: str, b: str) -> tuple[float, bool]:
        return sims.get((a, b), sims.get((b, a), 0.0)), False

    groups = cluster_block(docs, known, CFG)
    assert sorted(groups) == sorted([[i] for i in ids])


def test_a_copy_stays_with_its_original_whatever_its_words() -> None:
    a, b = doc(FLOOD, "a.example"), doc(FLOOD_TOO, "b.example")
    assert story_distance(a, b, CFG, 0.0, copy=True) == CFG.story_copy_distance
    assert story_distance(a, b, CFG, 0.0, copy=False) > CFG.story_copy_distance


@pytest.mark.parametrize(("second", "together"), [("2026-03-09", True), ("2027-02-20", False)])
def test_time_window_on_publication_dates(second: str, together: bool) -> None:
    analyzer = CorpusAnalyzer(default_config())
    a = features(FLOOD, site="a.example", published="2026-03-02")
    b = features(FLOOD_LATER, site="b.example", published=second)
    analyzer.add([a, b])
    assert not analyzer.links  # not a copy: only the story tells them together
    assert (analyzer.story_of[a.id] == analyzer.story_of[b.id]) is together


def test_a_different_years_event_is_penalised() -> None:
    this = doc(FLOOD + " The 2026 flood followed heavy rain.", "a.example")
    old = doc(  # undated: its year is only what it says
        FLOOD_TOO + " The 2019 flood had followed heavy rain, as in 2019 spring.",
        "b.example",
        published=None,
    )
    same = doc(FLOOD_TOO + " Heavy rain in 2026 caused it.", "c.example")
    assert years_disagree(this, old) and not years_disagree(this, same)
    penalised = story_similarity(this, old, CFG) - CFG.story_year_penalty
    assert story_distance(this, old, CFG, None, copy=False) == pytest.approx(
        (2 * (1 - penalised)) ** 0.5
    )


@pytest.mark.parametrize(
    ("aside", "published", "disagree"),
    [
        # one background year is no event year: the publication year outweighs it
        (" The levee dates from 1994.", "2026-03-04", False),
        # undated, the background year is all the article says about when
        (" The levee dates from 1994.", None, True),
        # two mentions of 2019 outweigh the publication year, but an article published in 2026
        # may look back at 2019 while reporting 2026: no veto
        (" The 2019 flood, like the 2019 storm, hit Dunmere.", "2026-03-04", False),
    ],
)
def test_the_publication_year_counts_as_a_mention(
    aside: str, published: str | None, disagree: bool
) -> None:
    this = doc(FLOOD + " The 2026 flood followed heavy rain.", "a.example")
    other = doc(FLOOD_TOO + aside, "b.example", published=published)
    assert years_disagree(this, other) is disagree


def test_another_language_is_compared_on_names_alone() -> None:
    en = doc(FLOOD, "a.example")
    de = doc(FLOOD_TOO, "b.example", language="de")
    assert story_similarity(en, de, CFG) == pytest.approx(
        2 * len(en.names & de.names) / (len(en.names) + len(de.names))
    )
    assert story_similarity(en, doc(FLOOD_TOO, "c.example"), CFG) != story_similarity(en, de, CFG)


LEAK_A = (
    "Documents leaked to reporters show the Harlow Freight board approved the Tessin depot sale "
    "in 2019, the union said on Monday. The union said the documents were leaked by a manager."
)
LEAK_B = (
    "The Orvane Ministry of Culture said a draft of the 2024 museum budget had leaked, and "
    "curators in Orvane protested outside the gallery. The ministry said the documents were "
    "leaked by a manager."
)


def test_junk_claim_cluster_trap_claims_of_two_stories_never_cluster() -> None:
    """The same words about different events (they only share "leaked") are never one claim."""
    claim = [{"content": "the documents were leaked by a manager"}]
    analyzer = CorpusAnalyzer(default_config())
    a = features(LEAK_A, site="a.example", published="2026-03-02", claims=claim)
    b = features(LEAK_B, site="b.example", published="2026-03-03", claims=claim)
    analyzer.add([a, b])
    assert analyzer.story_of[a.id] != analyzer.story_of[b.id]
    for cluster in analyzer.clusters.values():
        stories = {analyzer.story_of[k.split("/")[0]] for k in cluster.claims}
        assert len(stories) == 1
    assert not analyzer.clusters
