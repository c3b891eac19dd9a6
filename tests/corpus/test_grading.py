"""Corpus grades: a claim graded again with its cluster's corroboration, as ingest grows it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from corpus_texts import DENIAL, INDEPENDENT, analysis
from newsint import Corpus
from newsint.config import Config, default_config
from newsint.corpus.grading import Report, corpus_grade, corroboration
from newsint.model import Analysis, Claim, ClaimCluster, Source, TextSpan
from newsint.stages.grade import grade

ALONE = "1 independent source: no other article in the corpus makes this claim"


def graded(analyses: list[Analysis]) -> list[Analysis]:
    """The analyses as the grade stage leaves them (single-article grades)."""
    for a in analyses:
        for c in a.claims:
            c.grade = grade(c)
    return analyses


def key(a: Analysis) -> str:
    return f"{a.article.id}/{a.claims[0].id}"


@pytest.mark.parametrize(
    ("second", "code", "why"),
    [
        # an independent report (another speaker, another outlet): confirmed
        ("radio", "C1", ["confirmed by 2 independent sources (1)"]),
        # a verbatim copy collapses into its original: nothing gained, and the reason says so
        (
            "gazette",
            "C2",
            [
                "only 1 independent source, fewer than the 2 that confirm",
                "1 of 2 articles counted once (copies, or the same source)",
                "The Gazette ({gazette}) collapses into its original Coastal Wire ({wire}): "
                "The Gazette is a verbatim copy of Coastal Wire",
            ],
        ),
    ],
)
def test_the_next_article_changes_the_grade(
    small_analyses: list[Analysis],
    db_url: str,
    tmp_path: Path,
    second: str,
    code: str,
    why: list[str],
) -> None:
    wire, gazette, radio, _ = graded(small_analyses)
    other = {"radio": radio, "gazette": gazette}[second]
    ids = {"wire": wire.article.id, "gazette": gazette.article.id}
    with Corpus(db_url) as corpus:
        corpus.add([wire])
        alone = corpus.show(key(wire)).claim
        assert (alone.grade, alone.article_grade) == ("C2", "C2")
        assert alone.corroboration == [ALONE]
        assert alone.grade_reasons == [
            "source is a named person (Ines Duarte) (C)",
            "credibility: stated without hedging (2: probably true)",
            ALONE,
        ]
        corpus.add([other])
        now = corpus.show(key(wire)).claim
        assert (now.grade, now.article_grade) == (code, "C2")
        assert now.corroboration == [w.format(**ids) for w in why]
        (listed,) = [c for c in corpus.claims() if c.claims > 1]
        assert (listed.grade, listed.corroboration) == (now.grade, now.corroboration)
        # the newcomer's own claim is graded with the same cluster
        assert corpus.show(key(other)).claim.grade == code
    # the grade is a function of the corpus, not of the order articles arrived in
    with Corpus(str(tmp_path / "fresh.db")) as fresh:
        fresh.add([other, wire])
        again = fresh.show(key(wire)).claim
        assert (again.grade, again.grade_reasons) == (now.grade, now.grade_reasons)


def test_copy_and_independent_report_together(small_analyses: list[Analysis], db_url: str) -> None:
    wire, gazette, radio, museum = graded(small_analyses)
    with Corpus(db_url) as corpus:
        corpus.add([wire, gazette, radio, museum])
        (claim,) = [c for c in corpus.claims() if c.claims > 1]
        assert (claim.grade, claim.independent_sources, claim.articles) == ("C1", 2, 3)
        assert claim.corroboration[:2] == [
            "confirmed by 2 independent sources (1)",
            "1 of 3 articles counted once (copies, or the same source)",
        ]
        assert "collapses into its original Coastal Wire" in claim.corroboration[2]
        # a claim no other article makes: one source, said in words
        lone = corpus.show(key(museum)).claim
        assert (lone.grade, lone.corroboration) == ("C2", [ALONE])
        # the article page and the full records carry the same corpus grade
        (on_page,) = corpus.article(wire.article.id).claims
        assert on_page.grade == "C1" and on_page.article_grade == "C2"
        record = corpus.claim_records([key(wire)])[key(wire)]
        assert (record.grade.credibility, record.article_grade.credibility) == (1, 2)


CARRIED = "the freighter Silent Heron carried 3,200 crates of counterfeit vaccines"


def contradiction() -> tuple[Analysis, Analysis]:
    said = analysis(
        INDEPENDENT,
        site="valmoraherald.example",
        published="2026-03-02",
        claims=[{"content": CARRIED, "chain": [("person", "Jonas Mirel")]}],
    )
    denied = analysis(
        DENIAL,
        site="tradegazette.example",
        published="2026-03-04",
        claims=[
            {
                "content": CARRIED,
                "chain": [("organisation", "Marlow Brant Logistics")],
                "status": "denied",
            }
        ],
    )
    return graded([said, denied])  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("threshold", "said_code", "denied_code"),
    [
        # a denial is no corroboration: each side has 1 independent source, so asserted stays 2
        # and is contradicted to 3; denied stays 4 and is contradicted to 5
        (1, "C3", "C5"),
        # [grade] contradicting_reports = 2: one denial is not enough to mark the claim down
        (2, "C2", "C4"),
    ],
)
def test_a_contradicted_claim_loses_credibility(
    db_url: str, threshold: int, said_code: str, denied_code: str
) -> None:
    said, denied = contradiction()
    base = default_config()
    config = base.model_copy(
        update={"grade": base.grade.model_copy(update={"contradicting_reports": threshold})}
    )
    with Corpus(db_url, config=config) as corpus:
        corpus.add([said, denied])
        (cluster,) = [c for c in corpus.claims() if c.claims > 1]
        assert cluster.contradictions == 2 and cluster.independent_sources == 1
        a = corpus.show(key(said)).claim
        b = corpus.show(key(denied)).claim
        assert (a.grade, b.grade) == (said_code, denied_code)
        against_a = (
            "contradicted by 1 report of the opposite stance (denied by Marlow Brant Logistics "
            f"in tradegazette.example ({denied.article.id})): −1 → 3"
        )
        against_b = (
            "contradicted by 1 report of the opposite stance (asserted by Jonas Mirel in "
            f"valmoraherald.example ({said.article.id})): −1 → 5"
        )
        if threshold == 1:
            assert a.corroboration[-1] == against_a
            assert b.corroboration[-1] == against_b
        else:
            assert not any("contradicted" in r for r in a.grade_reasons + b.grade_reasons)


REUTERS = Source(text="Reuters", kind="media", name="Reuters", start=0, end=7)


def reuters_claim() -> Claim:
    article = Source(text="the article", kind="article")
    return Claim(
        id="clm_b",
        content=TextSpan(start=0, end=5, text="words"),
        source=REUTERS,
        chain=[article, REUTERS],
        kind="indirect",
        status="asserted",
    )


@pytest.mark.parametrize(
    ("independent", "by_stance", "code"),
    [
        # two independent upstreams that both assert it: confirmed
        (2, {"1": 2}, "B1"),
        # three articles resting on one upstream (one wire story): counted once, not confirmed
        (1, {"1": 1}, "B2"),
        # three independent reports, but two deny it: one upstream makes this statement
        (3, {"1": 1, "-1": 2}, "B3"),
    ],
)
def test_b1_needs_two_independent_upstreams_making_the_same_statement(
    independent: int, by_stance: dict[str, int], code: str
) -> None:
    """The B-grade rule (issue 17): a confirmed grade needs at least two independent upstreams
    that each make the same statement; reports of one upstream, or of the opposite stance,
    never confirm (the opposite stance marks the grade down instead)."""
    members = ["art_a/c1", "art_b/c1", "art_c/c1"]
    cluster = ClaimCluster(
        id="ccl_test",
        claims=members,
        articles=["art_a", "art_b", "art_c"],
        independent_sources=independent,
        stance_sources=by_stance,
    )
    statuses = {"art_a/c1": "asserted", "art_b/c1": "asserted", "art_c/c1": "asserted"}
    if "-1" in by_stance:
        statuses["art_b/c1"] = statuses["art_c/c1"] = "denied"
    reports = {k: Report(key=k, status=s, polarity="positive") for k, s in statuses.items()}
    corr = corroboration("art_a/c1", cluster, reports)
    claim = reuters_claim()
    claim.grade = grade(claim)
    graded_claim = corpus_grade(claim, corr, default_config().grade)
    assert graded_claim is not None
    assert graded_claim.code == code
    assert corr.sources == by_stance["1"]


def _person_is_d(monkeypatch: pytest.MonkeyPatch) -> None:
    """data/grading.toml edited: a named person starts at D, not C."""
    from newsint.stages import grade as grade_module

    r = grade_module.rules()
    edited = replace(r, kind={**r.kind, "person": ("D", "source is a person ({name})")})
    monkeypatch.setattr(grade_module, "rules", lambda: edited)


def _three_confirm(monkeypatch: pytest.MonkeyPatch) -> Config:
    """[grade] confirmed_sources = 3."""
    base = default_config()
    return base.model_copy(update={"grade": base.grade.model_copy(update={"confirmed_sources": 3})})


@pytest.mark.parametrize(
    ("change", "listed", "alone", "reason"),
    [
        # the rules file: both the corpus grade and the article's own grade follow it
        (_person_is_d, "D1", "D2", "source is a person (Ines Duarte) (D)"),
        # a threshold: 2 independent sources no longer confirm; the article grade is as it was
        (_three_confirm, "C2", "C2", "only 2 independent sources, fewer than the 3 that confirm"),
    ],
    ids=["grading.toml", "[grade]"],
)
def test_a_change_of_grading_settings_regrades_the_stored_corpus(
    small_analyses: list[Analysis],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[pytest.MonkeyPatch], Config | None],
    listed: str,
    alone: str,
    reason: str,
) -> None:
    wire, _, radio, _ = graded(small_analyses)
    with Corpus(db_url) as corpus:
        corpus.add([wire, radio])
        (before,) = [c for c in corpus.claims() if c.claims > 1]
        assert (before.grade, before.article_grade) == ("C1", "C2")
    with Corpus(db_url) as same:  # the same settings: nothing is rewritten
        assert not same.store.summaries_rebuilt
    config = change(monkeypatch)
    with Corpus(db_url, config=config) as corpus:
        assert corpus.store.summaries_rebuilt
        (after,) = [c for c in corpus.claims() if c.claims > 1]
        assert (after.grade, after.article_grade) == (listed, alone)
        assert reason in after.grade_reasons
        (on_page,) = corpus.article(wire.article.id).claims  # the article page too
        assert (on_page.grade, on_page.article_grade) == (listed, alone)
        assert corpus.claims(grade=listed, min_sources=0)
    with Corpus(db_url, config=config) as again:  # written once
        assert not again.store.summaries_rebuilt


def test_the_cli_says_when_it_regraded(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from newsint.cli import app

    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(small_corpus), "--db", db]).exit_code == 0
    quiet = runner.invoke(app, ["claims", "--db", db])
    assert quiet.exit_code == 0 and "Regraded" not in quiet.stderr
    _person_is_d(monkeypatch)
    told = runner.invoke(app, ["claims", "--db", db], env={"COLUMNS": "400"})
    assert told.exit_code == 0, told.output
    assert "Regraded" in told.stderr and "data/grading.toml, [grade]," in told.stderr
    assert "D" in told.stdout
