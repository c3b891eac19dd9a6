"""Band keys as rows, grouped: the same candidate pairs as datasketch's MinHashLSH queries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from datasketch import MinHashLSH

from newsint.config import default_config
from newsint.corpus import bands
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.stages.features import bands as features_bands
from newsint.stages.features.record import ArticleFeatures

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engines"))
from generated_news import features, generate


def lsh_pairs(feats: list[ArticleFeatures]) -> set[tuple[str, str]]:
    """Candidates the way the analyzer used to find them: insert all, query each."""
    cfg = default_config().corpus
    tables = [
        (
            MinHashLSH(num_perm=cfg.shingle_num_perm, params=(cfg.shingle_bands, cfg.shingle_rows)),
            "shingle_minhash",
        ),
        (
            MinHashLSH(num_perm=cfg.bag_num_perm, params=(cfg.bag_bands, cfg.bag_rows)),
            "bag_minhash",
        ),
    ]
    for lsh, field in tables:
        for f in feats:
            lsh.insert(f.id, features_bands.lean(getattr(f, field)), check_duplication=False)
    pairs = set()
    for lsh, field in tables:
        for f in feats:
            for j in lsh.query(features_bands.lean(getattr(f, field))):
                if j != f.id:
                    pairs.add((min(f.id, j), max(f.id, j)))
    return pairs


BASE = (
    "The Harbour Authority of Brelmora closed the ferry line near Ondrigo on Monday. "
    '"We closed it because the survey left us no choice," Anika Vorel said. '
    "About 4200 people use the ferry every week, Tomas Brenik said. "
    "Repairs will cost 310 thousand crowns, according to the council."
)
CASES = {
    "identical": (BASE, BASE),
    "truncated": (BASE, BASE.rsplit(". ", 1)[0] + "."),
    "credit added": (BASE, BASE + " This story was provided by Eastmark Wire."),
    "reworded": (BASE, BASE.replace("closed", "shut").replace("said", "stated")),
    "unrelated": (BASE, "Tram fares in Kastavel rise by 12 percent from June, the Bus Union said."),
    "empty-ish": ("Short.", "Short."),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_band_grouping_equals_lsh_query_on_a_pair(case: str) -> None:
    a, b = CASES[case]
    records = [
        {
            "maintext": t,
            "title": "t",
            "url": f"https://s{i}.example/{case}",
            "source_domain": f"s{i}.example",
            "date_publish": "2025-03-01 08:00:00",
        }
        for i, t in enumerate((a, b))
    ]
    feats = features(records)
    cfg = default_config().corpus
    assert bands.candidate_pairs(bands.band_rows(feats, cfg)) == lsh_pairs(feats)


def test_band_grouping_equals_lsh_query_on_generated_stories() -> None:
    feats = features(generate(240))
    cfg = default_config().corpus
    pairs = bands.candidate_pairs(bands.band_rows(feats, cfg))
    assert pairs == lsh_pairs(feats)
    assert len(pairs) > 50  # the stories' copies are found


def test_band_keys_are_datasketchs_buckets() -> None:
    (f,) = features(generate(1))
    cfg = default_config().corpus
    lsh = MinHashLSH(num_perm=cfg.shingle_num_perm, params=(cfg.shingle_bands, cfg.shingle_rows))
    lsh.insert(f.id, features_bands.lean(f.shingle_minhash))
    shingle = [k[3:] for k in features_bands.band_keys(f, cfg) if k[:1] == features_bands.SHINGLE]
    assert shingle == list(lsh.keys[f.id])


def test_analyzer_state_is_the_same_with_engine_grouped_pairs_and_in_batches() -> None:
    feats = features(generate(240))
    cfg = default_config()
    one = CorpusAnalyzer(cfg)
    one.add(feats)
    pieces = CorpusAnalyzer(cfg)
    for start in range(0, len(feats), 70):
        batch = feats[start : start + 70]
        pieces.add(batch, batch_pairs=bands.candidate_pairs(bands.band_rows(batch, cfg.corpus)))
    assert one.snapshot() == pieces.snapshot()
    assert one.snapshot()["copy_links"]
