"""A claim's lead (the content's first part, split from it by the frame) in the corpus store:
its own columns, the typed records, the claims list and full text; and a store written before
the lead had columns (revision 0004) opens with its leads filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from leadcorpus import EXPECTED, IN_LEAD, LEAD_WORDS, ferry, ferry_jsonl
from newsint import Corpus
from newsint.corpus.store.migrations import current, head, upgrade
from newsint.corpus.store.rows import article_row, derived_rows
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import AnalysisRow, ArticleRow, ClaimRow


@pytest.fixture
def corpus(tmp_path: Path, db_url: str):
    with Corpus(db_url) as c:
        summary = c.ingest([str(ferry_jsonl(tmp_path))])
        assert (summary.added, summary.failed) == (1, [])
        yield c


def check_leads(c: Corpus) -> None:
    """The leads as EXPECTED in the claim rows, the article's claims, the claims list and the
    claim records, and full text finds a claim by its lead's words."""
    a = ferry()
    by_text = {r.text: r for r in c.article(a.article.id).claims}
    listed = {r.text: r for r in c.claims()}
    for content, lead, span, statement in EXPECTED:
        report, row = by_text[content], listed[content]
        assert report.statement == row.statement == statement
        got = report.lead
        assert (got.text, (got.start, got.end)) == (lead, span) if got else lead is None
        assert row.lead == report.lead
        (shown,) = [x for x in a.claims if x.content.text == content]
        assert statement == shown.statement  # the same string as the analysis's claim
        assert c.claim(report.key).claim.lead == report.lead  # type: ignore[union-attr]
    # a word only the lead holds finds the claim and its article
    assert [r.statement for r in c.claims(q=LEAD_WORDS)] == [EXPECTED[0][3]]
    assert [r.id for r in c.search(LEAD_WORDS)] == [a.article.id]


def test_lead_round_trips_through_the_store(corpus: Corpus) -> None:
    with corpus.store.reading() as conn:
        rows = {
            r.text: (r.lead_text, r.lead_start, r.lead_end) for r in conn.execute(select(ClaimRow))
        }
    for content, lead, span, _ in EXPECTED:
        assert rows[content] == ((lead, *span) if span else (None, None, None))
    check_leads(corpus)
    # a name in the lead alone makes the claim one about that entity
    assert [r.statement for r in corpus.claims(entity=IN_LEAD)] == [EXPECTED[0][3]]


def test_store_written_before_leads_had_columns_opens_with_them(db_url: str) -> None:
    """A store at revision 0004, written as newsint wrote it then (no lead columns, search
    text of the contents alone), is upgraded on open: leads from the stored analyses, search
    text and claims list rewritten."""
    a = ferry()
    old = Store(db_url, migrate=False)
    upgrade(old.engine, "0004")
    rows = derived_rows(a)
    for claim in rows[ClaimRow]:
        for column in ("lead_text", "lead_start", "lead_end"):
            claim.pop(column)
    before = article_row(a, "imported", None)
    before["search_text"] = " ".join(c.content.text for c in a.claims)
    with old.transaction() as conn:
        conn.execute(ArticleRow.__table__.insert(), [before])
        conn.execute(
            AnalysisRow.__table__.insert(),
            [{"article_id": a.article.id, "schema": a.schema_, "data": a.to_json(indent=None)}],
        )
        for table, values in rows.items():
            if values:
                conn.execute(table.__table__.insert(), values)
    old.close()
    with Corpus(db_url) as c:
        assert current(c.store.engine) == head()
        check_leads(c)


def test_downgrade_drops_the_lead_columns_and_keeps_full_text(corpus: Corpus) -> None:
    """Back to 0004 and up again: the columns go and come back filled, and full text (kept by
    triggers on SQLite, which a copied table would lose) still finds the claim."""
    from alembic import command

    from newsint.corpus.store.migrations import alembic_config

    engine = corpus.store.engine
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("claims")}
        if conn.dialect.name == "sqlite":
            triggers = conn.scalars(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
                {"t": "claims"},
            )
            assert sorted(triggers) == ["claims_fts_ad", "claims_fts_ai", "claims_fts_au"]
    assert not columns & {"lead_text", "lead_start", "lead_end"}
    upgrade(engine)
    assert current(engine) == head()
    check_leads(corpus)
