"""What every exporter promises: deterministic bytes, any stream, one story at a time."""

from __future__ import annotations

import io
import json
import random

import networkx as nx
import pytest

from newsint.export import EXPORTERS, ExportData, StoryNotFound
from newsint.model import Analysis, ArticleMeta

FORMATS = sorted(EXPORTERS)


def test_registry() -> None:
    assert set(EXPORTERS) == {"stix", "ftm", "graphml", "jsonl", "csv"}
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name
        assert "/" in exporter.media_type
        assert exporter.filename("corpus").startswith("corpus.")


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_records_give_the_same_bytes_in_any_order(data: ExportData, fmt: str) -> None:
    exporter = EXPORTERS[fmt]
    first = exporter.to_bytes(data)
    assert exporter.to_bytes(data) == first
    shuffled = ExportData(**{name: list(getattr(data, name)) for name in vars(data)})
    rng = random.Random(7)
    for name in vars(shuffled):
        rng.shuffle(getattr(shuffled, name))
    shuffled.analyses.append(data.analyses[0])  # a duplicate is exported once
    assert exporter.to_bytes(shuffled) == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_binary_and_text_streams_get_the_same_export(data: ExportData, fmt: str) -> None:
    binary, text = io.BytesIO(), io.StringIO()
    EXPORTERS[fmt].write(data, binary)
    EXPORTERS[fmt].write(data, text)
    assert binary.getvalue() == text.getvalue().encode("utf-8") == EXPORTERS[fmt].to_bytes(data)


def test_empty_exports() -> None:
    empty = {name: e.to_bytes(ExportData()) for name, e in EXPORTERS.items()}
    assert empty["jsonl"] == empty["ftm"] == b""
    assert empty["csv"].decode("utf-8").splitlines()[0].startswith("article_id,title,")
    assert len(empty["csv"].decode("utf-8").splitlines()) == 1
    assert nx.read_graphml(io.BytesIO(empty["graphml"])).number_of_nodes() == 0
    assert json.loads(empty["stix"])["type"] == "bundle"


def test_select_story_keeps_only_its_articles(data: ExportData) -> None:
    stray = Analysis(article=ArticleMeta(id="art-stray", title="Unrelated"), text="x", raw="x")
    data.analyses.append(stray)
    one = data.select_story("sto-ferry")
    assert sorted(a.article.id for a in one.analyses) == ["art-courier", "art-gazette"]
    lines = EXPORTERS["jsonl"].to_bytes(one).decode("utf-8").splitlines()
    assert "art-stray" not in "".join(lines)
    assert json.loads(lines[0])["record"] == "article"


@pytest.mark.parametrize(
    ("article", "claim", "member"),
    [
        ("art-gazette", "art-gazette/clm-temporary", "art-gazette/ent-marten"),
        # the fixture names this member by its bare id: it is found in its article
        ("art-courier", "art-courier/clm-temporary2", "art-courier/ent-marten2"),
    ],
)
def test_select_story_restricts_members(
    data: ExportData, article: str, claim: str, member: str
) -> None:
    data.stories[0].articles = [article]
    one = data.select_story("sto-ferry")
    assert one.copy_links == []  # the other end of the copy is outside the story now
    assert one.claim_clusters[0].claims == [claim]
    marten = next(e for e in one.corpus_entities if e.id == "cen-marten")
    assert (marten.members, marten.articles) == ([member], 1)


def test_unknown_story_says_what_to_do(data: ExportData) -> None:
    with pytest.raises(StoryNotFound) as caught:
        data.select_story("sto-none")
    assert "newsint stories" in caught.value.fix
