"""The analyzer's compact state (issue 19.4): the band index finds what datasketch's LSH finds,
a Doc read back from the scratch file equals the one written, the spill map behaves as a dict,
and the analyzer's records do not depend on how much of its state stays in memory."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from newsint.config import default_config
from newsint.corpus import delta as delta_module
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.corpus.bandindex import BandIndex, digests
from newsint.corpus.compare import Doc, make_doc
from newsint.corpus.docbytes import decode_doc, encode_doc
from newsint.corpus.spill import SpillMap, SpillSettings
from newsint.stages.features import bands as features_bands
from newsint.stages.features.record import ArticleFeatures, Credit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engines"))
from generated_news import features, generate


@pytest.fixture(scope="module")
def feats() -> list[ArticleFeatures]:
    return features(generate(160))


def _band_matrix(batch: list[ArticleFeatures]) -> np.ndarray:
    cfg = default_config().corpus
    return np.stack([digests(features_bands.band_keys(f, cfg)) for f in batch])


@pytest.mark.parametrize("batch", [1, 17, 160])
def test_band_index_finds_what_lsh_queries_find(feats: list[ArticleFeatures], batch: int) -> None:
    """Known articles meeting each new batch, queried before the batch goes in, as the analyzer
    does: the same rows as datasketch's two MinHashLSH tables give."""
    cfg = default_config().corpus
    shingle = MinHashLSH(
        num_perm=cfg.shingle_num_perm, params=(cfg.shingle_bands, cfg.shingle_rows)
    )
    bag = MinHashLSH(num_perm=cfg.bag_num_perm, params=(cfg.bag_bands, cfg.bag_rows))
    index = BandIndex(cfg.shingle_bands + cfg.bag_bands)
    met = 0
    for start in range(0, len(feats), batch):
        chunk = feats[start : start + batch]
        matrix = _band_matrix(chunk)
        for f, rows in zip(chunk, index.query(matrix), strict=True):
            sig_s = features_bands.lean(f.shingle_minhash)
            sig_b = features_bands.lean(f.bag_minhash)
            expected = set(shingle.query(sig_s)) | set(bag.query(sig_b))
            assert {feats[r].id for r in rows} == expected
            met += len(rows)
        index.insert(range(start, start + len(chunk)), matrix)
        for f in chunk:
            shingle.insert(f.id, features_bands.lean(f.shingle_minhash), check_duplication=False)
            bag.insert(f.id, features_bands.lean(f.bag_minhash), check_duplication=False)
    assert len(index) == len(feats)
    # and everything against everything once all are in (each article finds itself too)
    for f, rows in zip(feats, index.query(_band_matrix(feats)), strict=True):
        expected = set(shingle.query(features_bands.lean(f.shingle_minhash)))
        expected |= set(bag.query(features_bands.lean(f.bag_minhash)))
        assert {feats[r].id for r in rows} == expected
        met += len(rows) - 1
    assert met > 20  # the generated stories' copies meet their originals


def test_band_index_share_is_a_shared_bucket(feats: list[ArticleFeatures]) -> None:
    matrix = _band_matrix(feats)
    index = BandIndex(matrix.shape[1])
    index.insert(range(len(feats)), matrix)
    shared = 0
    for a in range(0, len(feats), 7):
        for b in range(len(feats)):
            expected = bool(
                set(zip(range(99), matrix[a].tolist(), strict=False))
                & set(zip(range(99), matrix[b].tolist(), strict=False))
            )
            assert index.share(a, b) == expected
            shared += expected and a != b
    assert shared > 0


def test_band_index_rows_go_in_order() -> None:
    index = BandIndex(2)
    with pytest.raises(ValueError, match="in order"):
        index.insert([3], np.zeros((1, 2), dtype=np.uint64))


def _same_doc(a: Doc, b: Doc) -> None:
    for name in Doc.__slots__:
        x, y = getattr(a, name), getattr(b, name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype, name
            assert x.tobytes() == y.tobytes(), name
        else:
            assert x == y, name


def test_docs_read_back_equal(feats: list[ArticleFeatures]) -> None:
    cfg = default_config().corpus
    for f in feats[:40]:
        doc = make_doc(f, cfg)
        _same_doc(decode_doc(encode_doc(doc)), doc)


def test_doc_with_credits_years_and_no_words_reads_back() -> None:
    cfg = default_config().corpus
    f = ArticleFeatures.model_validate(
        {
            **features(generate(1))[0].model_dump(),
            "credits": [Credit(kind="provided", name="Eastmark Wire", key="eastmarkwire")],
            "years": {"2024": 2, "2019": 1},
            "title": "Ferry «Brelmora» closed",
            "language": "de",
        }
    )
    doc = make_doc(f, cfg)
    assert doc.credits and doc.top_years == {"2024"}
    _same_doc(decode_doc(encode_doc(doc)), doc)
    empty = Doc(
        id="art_x", site=None, site_key=None, published=None, title=None,
        order=("~", 1, "~", "art_x"), words=0, text_hash="", sent=frozenset(), n_sent=0,
        terms=np.zeros(0, np.uint32), weights=np.zeros(0, np.float32),
        story_weights=np.zeros(0, np.float32), sent_terms=np.zeros(0, np.uint32),
        sent_ids=np.zeros(0, np.int32), sent_lengths=np.zeros(0, np.int32), quotes=frozenset(),
        numbers=frozenset(), names=frozenset(), rare_names=frozenset(), credits=(),
        self_keys=frozenset(), outlet_name=None, primary=1,
    )  # fmt: skip
    _same_doc(decode_doc(encode_doc(empty)), empty)


TINY = SpillSettings(doc_cache=1, record_cache=1, garbage_ratio=0.5, garbage_min_bytes=16)

ops = st.lists(
    st.tuples(st.sampled_from(["set", "del", "get"]), st.sampled_from("abcdefg"), st.text()),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(ops=ops, cache=st.integers(0, 3))
def test_spill_map_behaves_as_a_dict(ops: list[tuple[str, str, str]], cache: int) -> None:
    """Whatever the cache size, and through rewrites of the file (tiny garbage limits)."""
    spill: SpillMap[str] = SpillMap(str.encode, bytes.decode, cache, TINY)
    plain: dict[str, str] = {}
    for op, key, value in ops:
        if op == "set":
            spill[key] = plain[key] = value
        elif op == "del" and key in plain:
            del spill[key]
            del plain[key]
        else:
            assert spill.get(key) == plain.get(key)
    assert list(spill) == list(plain)
    assert dict(spill.items()) == plain
    assert spill.disk_bytes() <= 2 * sum(len(v.encode()) for v in plain.values()) + 16 * 3
    spill.close()


def test_records_do_not_depend_on_what_stays_in_memory(
    feats: list[ArticleFeatures], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same snapshot with every Doc and record held decoded and with almost none."""
    big = CorpusAnalyzer(default_config())
    for start in range(0, len(feats), 40):
        big.add(feats[start : start + 40])
    monkeypatch.setattr(delta_module, "spill_settings", lambda: TINY)
    small = CorpusAnalyzer(default_config())
    for start in range(0, len(feats), 40):
        small.add(feats[start : start + 40])
    assert small.snapshot() == big.snapshot()
    assert big.snapshot()["copy_links"] and big.snapshot()["stories"]
