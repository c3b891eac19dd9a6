from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select

import handmade
from handmade import Did, Said, When
from newsint.corpus.delta import CorpusDelta
from newsint.corpus.store.migrations import current, head, upgrade
from newsint.corpus.store.store import Store, database_url
from newsint.corpus.store.tables import (
    EXPRESSION_INDEXES,
    ArticleRow,
    Base,
    ClaimClusterMemberRow,
    ClaimClusterRow,
    ClaimRow,
    CorpusEntityMemberRow,
    EntityRow,
    EventRow,
    MentionRow,
    StoryArticleRow,
)
from newsint.errors import AnalysisProblem, StoreError
from newsint.model import (
    Analysis,
    ClaimCluster,
    CopyLink,
    CorpusEntity,
    Grade,
    Judgement,
    Story,
)

TEXT = "Mayor Ines Duarte said the bridge will reopen on Monday, officials said."


def article(
    n: int, url: str | None = None, text: str = TEXT, source: str | None = None
) -> Analysis:
    """A small analysed article made by hand, with one of every annotation."""
    raw = f"{text} ({n})"
    return handmade.article(
        raw,
        url=url,
        site="courier.example" if url else None,
        published=f"2025-03-{n % 28 + 1:02d}",
        title=f"Bridge to reopen ({n})",
        source=source or f"/data/{n}.txt",
        fmt="txt",
        names=[("Ines Duarte", "PERSON")],
        times=[When("on Monday", "2025-03-10", anchor=None)],
        claims=[
            Said(
                "the bridge will reopen on Monday",
                cue="said",
                kind="indirect",
                source=("person", "Mayor Ines Duarte", "Ines Duarte"),
                grade=Grade(reliability="B", credibility=2, reasons=["named official"]),
            )
        ],
        events=[Did("reopen", "RETREAT", actor="the bridge", time="on Monday")],
    )


@pytest.fixture
def store(db_url: str):
    with Store(db_url) as s:
        yield s


def test_open_migrates_to_head_and_schema_matches_models(store: Store, db_url: str) -> None:
    assert current(store.engine) == head()
    with store.engine.connect() as conn:
        # full-text tables (FTS5 and its shadow tables) are kept by triggers, not models;
        # indexes on expressions are made by the migration alone
        context = MigrationContext.configure(
            conn,
            opts={
                "include_name": lambda name, kind, _: (
                    not (name or "").count("_fts") and name not in EXPRESSION_INDEXES
                )
            },
        )
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []
    # reopening an up-to-date store changes nothing
    with Store(db_url) as again:
        assert again.counts() == store.counts()


def test_upgrade_turns_stored_upstream_strings_into_lists(db_url: str) -> None:
    """A store written before upstreams were lists (revision 0001) reads back as lists."""
    engine = Store(db_url, migrate=False).engine
    upgrade(engine, "0001")
    old = {
        "id": "claims_1",
        "upstreams": ["art_a <- Harbour Board", "art_b"],
        "stance_sources": {"1": 2},
    }
    with engine.begin() as conn:
        conn.execute(
            insert(ClaimClusterRow),
            [
                {
                    "id": "claims_1",
                    "representative": None,
                    "independent_sources": 2,
                    "articles": 2,
                    "record": old,
                }
            ],
        )
    engine.dispose()
    with Store(db_url) as store, store.reading() as conn:
        record = conn.execute(select(ClaimClusterRow.record)).scalar_one()
    assert record["upstreams"] == [["art_a", "Harbour Board"], ["art_b"]]
    assert ClaimCluster.model_validate(record).upstreams == record["upstreams"]


def test_add_article_writes_every_table_and_keeps_the_json(store: Store) -> None:
    a = article(1, url="https://courier.example/bridge")
    store.add_article(a, b"features-1", stages=["clean", "nlp"])
    counts = store.counts()
    for table in ("articles", "analyses", "features", "entities", "mentions", "times", "claims"):
        assert counts[table] == 1, table
    assert counts["events"] == 1
    assert store.analysis(a.article.id).to_json() == a.to_json()  # byte for byte
    with store.reading() as conn:
        row = conn.execute(select(ArticleRow)).one()
        claim = conn.execute(select(ClaimRow)).one()
        event = conn.execute(select(EventRow)).one()
    assert row.stages == "clean,nlp" and row.current and not row.analyzed
    assert row.published == a.article.published.date and row.chars == len(a.text)
    assert claim.speaker == "Ines Duarte" and claim.grade == "B2" and claim.chain == ["the article"]
    assert event.time == "2025-03-10" and event.actor == "the bridge"
    assert list(store.features()) == [(a.article.id, b"features-1")]
    assert store.integrity() == []


def test_a_failing_article_leaves_nothing(store: Store) -> None:
    good = article(1)
    store.add_article(good, b"f")
    bad = article(2)
    # two mentions with one id: the mentions insert fails after the article row was sent
    bad.mentions.append(bad.mentions[0].model_copy())
    with pytest.raises(AnalysisProblem, match=r"(?i)cannot be stored.*(unique|duplicate)"):
        store.add_article(bad, b"f")
    assert store.known([good.article.id, bad.article.id]) == {good.article.id}
    counts = store.counts()
    assert counts["articles"] == counts["analyses"] == counts["mentions"] == 1
    assert store.integrity() == []


def test_versions_by_url_and_by_source(store: Store) -> None:
    old = article(1, url="https://courier.example/bridge")
    store.add_article(old, b"f")
    assert store.current_version(url=old.article.url, source=None) == old.article.id
    new = article(1, url="https://courier.example/bridge", text=TEXT + " Updated.")
    store.add_article(new, b"f", supersedes=old.article.id)
    assert store.current_version(url=old.article.url, source=None) == new.article.id
    # without a URL the input it came from identifies the article
    local = article(3, source="/data/local.txt")
    store.add_article(local, b"f")
    assert store.current_version(url=None, source="/data/local.txt") == local.article.id
    assert store.current_version(url=None, source="/data/other.txt") is None


def delta_for(a: Analysis, b: Analysis, story_id: str = "sty_1") -> CorpusDelta:
    link = CopyLink(
        id="cpy_1", article=b.article.id, original=a.article.id, kind="verbatim", score=0.97
    )
    story = Story(
        id=story_id,
        title="Bridge to reopen",
        articles=[a.article.id, b.article.id],
        originals=[a.article.id],
        links=["cpy_1"],
        first_published=a.article.published.date,
        last_published=b.article.published.date,
    )
    entity = CorpusEntity(
        id="cent_1",
        name="Ines Duarte",
        type="PERSON",
        members=[f"{a.article.id}/{a.entities[0].id}", b.entities[0].id],  # keyed or bare
        articles=2,
    )
    cluster = ClaimCluster(
        id="ccl_1",
        claims=[f"{a.article.id}/{a.claims[0].id}", b.claims[0].id],
        articles=[a.article.id, b.article.id],
        representative=a.claims[0].id,
        independent_sources=1,
        collapsed=["copy of the same article"],
    )
    judgement = Judgement(id="jdg_1", a=a.entities[0].id, b=b.entities[0].id, verdict="same")
    return CorpusDelta(
        copy_links=[link],
        stories=[story],
        corpus_entities=[entity],
        claim_clusters=[cluster],
        judgements=[judgement],
    )


def test_apply_delta_upserts_and_removes(store: Store) -> None:
    a, b = article(1), article(2)
    store.add_article(a, b"fa")
    store.add_article(b, b"fb")
    store.apply_delta(delta_for(a, b), analyzed=[a.article.id, b.article.id])
    counts = store.counts()
    assert counts["copy_links"] == counts["stories"] == counts["corpus_entities"] == 1
    assert counts["story_articles"] == 2 and counts["corpus_entity_members"] == 2
    assert counts["claim_cluster_members"] == 2 and counts["judgements"] == 1
    assert list(store.features(analyzed=False)) == []
    with store.reading() as conn:
        entity_members = set(
            conn.execute(select(CorpusEntityMemberRow.article_id, CorpusEntityMemberRow.entity_id))
        )
        claim_members = set(
            conn.execute(select(ClaimClusterMemberRow.article_id, ClaimClusterMemberRow.claim_id))
        )
    assert entity_members == {(x.article.id, x.entities[0].id) for x in (a, b)}
    assert claim_members == {(x.article.id, x.claims[0].id) for x in (a, b)}
    # applying the same delta again changes nothing (upsert by id)
    store.apply_delta(delta_for(a, b))
    assert store.counts() == counts
    # a story replaced by another: members go with the removed story
    replaced = delta_for(a, b, story_id="sty_2")
    replaced.removed_stories = ["sty_1"]
    store.apply_delta(replaced)
    with store.reading() as conn:
        assert set(conn.scalars(select(StoryArticleRow.story_id))) == {"sty_2"}
    assert store.integrity() == []


def test_judgements_keep_their_order_and_can_be_deactivated(store: Store) -> None:
    made = [Judgement(id=f"jdg_{i}", a=f"e{i}", b=f"e{i + 1}", verdict="same") for i in (3, 1, 2)]
    store.apply_delta(CorpusDelta(judgements=made))
    assert [j.id for j in store.judgements()] == ["jdg_3", "jdg_1", "jdg_2"]
    undone = made[1].model_copy(update={"active": False, "by": "user"})
    store.apply_delta(CorpusDelta(judgements=[undone]))
    assert [j.id for j in store.judgements()] == ["jdg_3", "jdg_1", "jdg_2"]  # same place
    assert [j.id for j in store.judgements(active=True)] == ["jdg_3", "jdg_2"]


def test_integrity_finds_half_articles(store: Store) -> None:
    a = article(1)
    with store.transaction() as conn:  # an article row alone, as a broken writer would leave it
        conn.execute(
            insert(ArticleRow),
            [
                {
                    "id": a.article.id,
                    "published_source": "unknown",
                    "language": "en",
                    "chars": 0,
                    "stages": "",
                    "current": True,
                    "analyzed": False,
                }
            ],
        )
    problems = store.integrity()
    assert "1 article(s) without analyses row" in problems
    assert "1 article(s) without features row" in problems


def test_meta_values(store: Store) -> None:
    assert store.get_meta("features") is None
    store.set_meta("features", "v1")
    store.set_meta("features", "v2")
    assert store.get_meta("features") == "v2"


def test_rows_deleted_with_their_article(store: Store) -> None:
    a = article(1)
    store.add_article(a, b"f")
    with store.transaction() as conn:
        conn.execute(ArticleRow.__table__.delete())
    counts = store.counts()
    for table in (EntityRow, MentionRow, ClaimRow, EventRow):
        assert counts[table.__tablename__] == 0


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url(given: str, url: str) -> None:
    assert database_url(given) == url


def test_database_url_from_path_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert database_url(tmp_path / "c.db") == f"sqlite:///{tmp_path / 'c.db'}"
    monkeypatch.setenv("NEWSINT_DB", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"


def test_unopenable_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path)  # a folder, not a database file
    assert str(tmp_path) in info.value.line() and "--db" in info.value.fix
    with pytest.raises(StoreError) as info:
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in info.value.line()
