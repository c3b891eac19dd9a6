"""A corpus stored with version-1 features upgrades itself when its analyzer is loaded."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from newsint.corpus.api import Corpus
from newsint.corpus.ingest import load_analyzer
from newsint.corpus.store.tables import FeatureRow
from newsint.corpus.upgrade import stale_features, upgrade_features
from newsint.stages.features.record import FEATURES_VERSION, decode, encode


def _downgrade(corpus: Corpus) -> dict[str, bytes]:
    """Rewrite every stored features record as the version-1 extractor wrote it."""
    store = corpus.store
    old = {}
    for aid, data in store.features():
        f = decode(data).model_copy(update={"version": 1, "years": {}, "language": None})
        old[aid] = encode(f)
    with store.transaction() as conn:
        for aid, data in old.items():
            conn.execute(update(FeatureRow).where(FeatureRow.article_id == aid).values(data=data))
    return old


def test_old_features_are_re_extracted_and_records_derived_again(fresh_db: Path, config) -> None:
    with Corpus(fresh_db) as corpus:
        stories_before = sorted(s.id for s in corpus.stories())
        old = _downgrade(corpus)
        assert sorted(stale_features(corpus.store)) == sorted(old)
        analyzer = load_analyzer(corpus.store, config)
        assert stale_features(corpus.store) == []
        for _, data in corpus.store.features():
            assert decode(data).version == FEATURES_VERSION
        assert sorted(analyzer.docs) == sorted(old)
        assert sorted(s.id for s in corpus.stories()) == stories_before
        assert upgrade_features(corpus.store, config) == 0  # nothing left to do
