"""Stored corpora made with older features upgrade themselves when the analyzer is loaded.

Features are a pure function of the stored analysis (stages/features/extract.py), so features
of an older FEATURES_VERSION are re-extracted from it, never re-running the NLP pipeline. The
corpus records derived from them (copy links, stories, corpus entities, claim clusters) were
computed by the older analysis: they are dropped and every article is marked not yet analysed,
so the ingest's analyzer derives them again from the new features and stores its delta. User
judgements are kept (they are replayed onto the new records).
"""

from __future__ import annotations

from itertools import islice

from sqlalchemy import delete, update

from newsint.config import Config
from newsint.corpus.store.store import Store
from newsint.corpus.store.tables import (
    ArticleRow,
    ClaimClusterMemberRow,
    ClaimClusterRow,
    CopyLinkRow,
    CorpusEntityMemberRow,
    CorpusEntityRow,
    FeatureRow,
    StoryArticleRow,
    StoryRow,
)
from newsint.stages.features.extract import extract_features
from newsint.stages.features.record import FEATURES_VERSION, decode, encode

# Articles re-extracted per transaction.
_CHUNK = 200
_DERIVED = (
    CopyLinkRow,
    StoryArticleRow,
    StoryRow,
    CorpusEntityMemberRow,
    CorpusEntityRow,
    ClaimClusterMemberRow,
    ClaimClusterRow,
)


def stale_features(store: Store) -> list[str]:
    """Articles whose stored features are older than FEATURES_VERSION."""
    return [aid for aid, data in store.features() if decode(data).version < FEATURES_VERSION]


def upgrade_features(store: Store, config: Config) -> int:
    """Re-extract stale features from the stored analyses and reset the derived records;
    returns how many articles were upgraded (0: nothing to do, nothing written)."""
    stale = stale_features(store)
    if not stale:
        return 0
    left = iter(stale)
    while chunk := list(islice(left, _CHUNK)):
        rows = [(a.article.id, encode(extract_features(a, config))) for a in store.analyses(chunk)]
        with store.transaction() as conn:
            for aid, data in rows:
                conn.execute(
                    update(FeatureRow).where(FeatureRow.article_id == aid).values(data=data)
                )
    with store.transaction() as conn:
        for table in _DERIVED:
            conn.execute(delete(table))
        conn.execute(update(ArticleRow).values(analyzed=False))
    return len(stale)
