"""Corpus queries over a small hand-made corpus (analyses ingested as JSON, no NLP run): typed
records whose JSON is what `--format json` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import small_corpus_analyses
from newsint import Corpus
from newsint.corpus.api import NotInCorpus
from newsint.corpus.queries.records import (
    ArticleDetail,
    ClaimClusterDetail,
    ClaimDetail,
    EntityDetail,
    StoryArticle,
)
from newsint.corpus.queries.stories import copy_tree
from newsint.errors import NewsintError
from newsint.model import CopyLink, Grade
from newsint.present.tables import dumps


@pytest.fixture
def corpus(small_corpus: Path, db_url: str):
    with Corpus(db_url) as c:
        summary = c.ingest([str(small_corpus)])
        assert (summary.added, summary.failed) == (4, [])
        yield c


def by_site(rows: list, site: str):
    (row,) = [r for r in rows if r.site == site]
    return row


def test_stories_biggest_first_with_copy_tree(corpus: Corpus) -> None:
    stories = corpus.stories()
    assert [s.articles for s in stories] == [3, 1]
    bridge = stories[0]
    assert bridge.title == "Kerrow bridge to reopen on Monday"
    assert bridge.sites == 3 and bridge.copies == 1
    assert (bridge.first_published, bridge.last_published) == (
        "2025-03-07T09:00:00",
        "2025-03-08T08:00:00",
    )
    story = corpus.story(bridge.id)
    assert [a.site for a in story.articles] == ["Coastal Wire", "The Gazette", "Valley Radio"]
    wire = by_site(story.articles, "Coastal Wire")
    # the copy hangs under the wire story; the independent report is a root of its own
    roots = {n.site: n for n in story.tree}
    assert set(roots) == {"Coastal Wire", "Valley Radio"}
    (copy,) = roots["Coastal Wire"].children
    assert copy.site == "The Gazette" and copy.kind in {"verbatim", "syndicated"}
    assert roots["Valley Radio"].children == []
    assert wire.original is True
    # each article's language, as stored (the hand-made analyses are English)
    assert {a.language for a in story.articles} == {"en"} == {n.language for n in story.tree}
    assert corpus.stories(min_articles=2) == stories[:1]


def test_claims_list_every_claim_best_corroborated_first(corpus: Corpus) -> None:
    claim, museum = corpus.claims()
    assert claim.independent_sources == 2  # the copy does not count; the radio report does
    assert claim.articles == 3 and claim.claims == 3
    assert claim.text == "The Kerrow bridge will reopen to traffic on Monday morning"
    assert claim.speaker == "Ines Duarte"  # the earliest report stands for the cluster
    assert claim.site == "Coastal Wire"  # an outlet, not an article id
    # a claim no other article makes is listed too, as its own row (one source)
    assert (museum.speaker, museum.independent_sources, museum.claims) == ("Lena Marsh", 1, 1)
    assert museum.id == museum.representative and museum.site == "Harbour News"
    # every claim of every article is on the list: in a cluster row or as a row of its own
    assert sum(r.claims for r in corpus.claims()) == corpus.stats().claims == 4
    assert corpus.claims_total() == 2
    assert corpus.claims(min_sources=2) == [claim]
    assert corpus.claims(min_sources=3) == []
    assert corpus.claims(entity="Tomas Reyes") == [claim]  # said by him in one report
    assert corpus.claims(entity="kerrow") == [claim]  # named inside the statement
    assert corpus.claims(entity="Lena Marsh") == [museum]
    assert corpus.claims(status="denied") == []
    assert corpus.claims(status="asserted") == [claim, museum]
    with pytest.raises(NotInCorpus, match="no entity"):
        corpus.claims(entity="Nobody At All")


@pytest.mark.parametrize(
    ("facet", "expected"),
    [
        ({"speaker": "lena marsh"}, ["Lena Marsh"]),
        ({"speaker": "Ines Duarte"}, ["Ines Duarte"]),
        ({"q": "museum"}, ["Lena Marsh"]),
        ({"q": "reopen traff"}, ["Ines Duarte"]),  # every word, the last one as a prefix
        ({"q": "bridge museum"}, []),
        ({"since": "2025-03-05"}, ["Ines Duarte"]),
        ({"until": "2025-03-04"}, ["Lena Marsh"]),
        ({"since": "2025-03-07", "until": "2025-03-07"}, ["Ines Duarte"]),
        ({"sort": "recent"}, ["Ines Duarte", "Lena Marsh"]),
        ({"sort": "oldest"}, ["Lena Marsh", "Ines Duarte"]),
    ],
)
def test_claims_facets_in_sql(corpus: Corpus, facet: dict, expected: list[str]) -> None:
    rows = corpus.claims(**facet)
    assert [r.speaker for r in rows] == expected
    assert corpus.claims_total(**facet) == len(expected)


@pytest.fixture
def graded(tmp_path: Path, db_url: str):
    """The small corpus with its claims graded from their articles, as the grade stage does."""
    analyses = small_corpus_analyses()
    for a in analyses:
        for c in a.claims:
            c.grade = Grade(reliability="C", credibility=3, reasons=["hand-made"])
    path = tmp_path / "graded.jsonl"
    path.write_text("\n".join(a.to_json(indent=None) for a in analyses) + "\n")
    with Corpus(db_url) as c:
        c.ingest([str(path)])
        yield c


def test_claims_grade_and_story_facets(graded: Corpus) -> None:
    corpus = graded
    claim, museum = corpus.claims()
    # corpus grades, written at ingest: the two independent sources raise the cluster's grade
    assert claim.grade and museum.grade and claim.grade != museum.grade
    # the article's own grade by the grading settings of now, not the hand-made one it was
    # stored with (a change of data/grading.toml regrades a stored corpus)
    assert claim.article_grade == museum.article_grade == "C2"
    assert claim.corroboration and museum.corroboration
    assert corpus.claims(grade=claim.grade) == [
        r for r in (claim, museum) if r.grade == claim.grade
    ]
    assert claim in corpus.claims(grade=claim.grade[0])  # the reliability letter alone
    assert claim in corpus.claims(grade=claim.grade[1])  # the credibility digit alone
    bridge, other = corpus.stories()
    assert corpus.claims(story=bridge.id) == [claim]
    assert corpus.claims(story=other.id) == [museum]
    with pytest.raises(NewsintError, match="not a date"):
        corpus.claims(since="last week")


def test_claims_paged_without_overlap(corpus: Corpus) -> None:
    everything = corpus.claims()
    pages = [corpus.claims(limit=1, offset=i) for i in range(len(everything))]
    assert [p[0] for p in pages] == everything


def test_show_claim_cluster_and_single_claim(corpus: Corpus) -> None:
    (claim,) = corpus.claims(min_sources=2)
    cluster = corpus.show(claim.id)
    assert isinstance(cluster, ClaimClusterDetail) and cluster.kind == "claim-cluster"
    assert sorted(c.site for c in cluster.claims) == [
        "Coastal Wire",
        "The Gazette",
        "Valley Radio",
    ]
    one = cluster.claims[0]
    single = corpus.show(one.key)
    assert isinstance(single, ClaimDetail) and single.cluster == claim.id
    assert single.claim.chain == ["the article", one.speaker]


def test_entities_and_show_entity(corpus: Corpus) -> None:
    rows = corpus.entities()
    assert [(r.name, r.articles) for r in rows[:2]] == [("Ines Duarte", 3), ("Kerrow", 3)]
    assert [r.name for r in corpus.entities(type="org")] == ["Harbour Board"]
    assert [r.name for r in corpus.entities(q="marsh")] == ["Lena Marsh"]
    shown = corpus.show("Ines Duarte")
    assert isinstance(shown, EntityDetail) and len(shown.members) == 3
    assert all(m.key == f"{m.article}/{m.id}" for m in shown.members)
    with pytest.raises(NotInCorpus):
        corpus.show("no_such_thing")


def test_show_article(corpus: Corpus) -> None:
    gazette = by_site(corpus.articles(), "The Gazette")
    shown = corpus.show(gazette.id)
    assert isinstance(shown, ArticleDetail)
    assert shown.article.url == "https://gazette.example/kerrow-bridge"
    assert shown.article.stages == ["imported"] and shown.article.current
    assert [link.kind for link in shown.copies] in (["verbatim"], ["syndicated"])
    assert shown.copied_by == [] and len(shown.stories) == 1
    assert shown.counts.model_dump() == {"entities": 3, "claims": 1, "events": 0, "times": 0}
    assert shown.claims[0].speaker == "Ines Duarte"


def test_search_and_articles(corpus: Corpus) -> None:
    assert [a.site for a in corpus.search("museum")] == ["Harbour News"]
    assert len(corpus.search("tomas reyes")) == 1  # by entity name
    assert len(corpus.search("reopen to traffic")) == 3  # by claim text
    assert corpus.search("%") == [] and corpus.search("_") == []  # literal, not wildcards
    listed = corpus.articles()
    assert [a.published for a in listed] == sorted(a.published for a in listed)
    assert corpus.articles(limit=1, offset=1) == listed[1:2]
    assert corpus.stats().articles == 4


def test_merge_and_split_are_judgements_that_persist(corpus: Corpus, db_url: str) -> None:
    before = {r.name for r in corpus.entities()}
    merged = corpus.merge("Harbour Board", "Lena Marsh")
    assert [j.verdict for j in merged.judgements if j.by == "user"] == ["same"]
    names = [r.name for r in corpus.entities()]
    assert len(names) == len(before) - 1
    with pytest.raises(NewsintError, match="already one entity"):
        corpus.merge("Harbour Board", "Lena Marsh")
    # the merge survives a reopen: judgements are stored and replayed
    with Corpus(db_url) as again:
        assert len(again.entities()) == len(before) - 1
        split = again.split("Harbour Board", ["Lena Marsh"])
        assert "not-same" in [j.verdict for j in split.judgements]
        assert {r.name for r in again.entities()} == before
        assert {j.by for j in again.judgements(active=True)} >= {"user"}
        with pytest.raises(NotInCorpus, match="no member"):
            again.split("Harbour Board", ["Ines Duarte"])


def test_timeline_runs_on_a_corpus_without_events(corpus: Corpus) -> None:
    assert corpus.timeline() == []
    assert corpus.timeline(entity="Kerrow") == []


def test_queries_are_stable(corpus: Corpus) -> None:
    first = dumps([corpus.stories(), corpus.claims(), corpus.entities()])
    assert dumps([corpus.stories(), corpus.claims(), corpus.entities()]) == first
    # the JSON of a record is the dict the CLI and the API print, keys in declared order
    claim = json.loads(dumps(corpus.claims()))[0]
    assert list(claim)[:5] == ["id", "text", "speaker", "status", "independent_sources"]


@pytest.mark.parametrize(
    ("links", "parents"),
    [
        ([], {}),
        ([("b", "a", 0.9, 0.9)], {"b": "a"}),
        # b copies both a and c: it hangs under the surer link only
        ([("b", "a", 0.9, 0.6), ("b", "c", 0.8, 0.9)], {"b": "c"}),
        # a cycle is cut rather than looping
        ([("b", "a", 0.9, 0.9), ("a", "b", 0.9, 0.8)], {"b": "a"}),
    ],
)
def test_copy_tree(links: list[tuple[str, str, float, float]], parents: dict[str, str]) -> None:
    articles = [
        StoryArticle(
            id=x, title=x, published=f"2025-01-0{i + 1}", published_source="metadata", original=True
        )
        for i, x in enumerate("abc")
    ]
    records = [
        CopyLink(id=f"l{i}", article=c, original=o, kind="spin", score=s, confidence=k)
        for i, (c, o, s, k) in enumerate(links)
    ]
    found: dict[str, str] = {}

    def walk(node, parent: str | None) -> None:
        if parent:
            found[node.article] = parent
        for child in node.children:
            walk(child, node.article)

    tree = copy_tree(articles, records)
    for root in tree:
        walk(root, None)
    assert found == parents
    assert sorted(r.article for r in tree) == sorted(set("abc") - set(parents))
