"""What the corpus analyzer hands the store (CorpusDelta: records to upsert, ids to delete) and
the in-memory state it keeps between batches (LSH indexes, pair relations, components, the
records as last emitted).
"""

from __future__ import annotations

from datasketch import MinHashLSH
from pydantic import Field

from newsint.config import Config, default_config
from newsint.corpus.compare import Doc
from newsint.corpus.copies import Relation
from newsint.corpus.corroborate import ClaimItem
from newsint.corpus.graph import Components
from newsint.corpus.resolve import EntityResolver
from newsint.model import ClaimCluster, CopyLink, CorpusEntity, Judgement, Record, Story, stable_id


class CorpusDelta(Record):
    """What changed in the corpus after an add (or a user judgement): records to upsert, ids to
    delete. Records are complete (not patches); ids are deterministic."""

    copy_links: list[CopyLink] = Field(default_factory=list)
    removed_copy_links: list[str] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    removed_stories: list[str] = Field(default_factory=list)
    judgements: list[Judgement] = Field(default_factory=list)
    corpus_entities: list[CorpusEntity] = Field(default_factory=list)
    removed_corpus_entities: list[str] = Field(default_factory=list)
    claim_clusters: list[ClaimCluster] = Field(default_factory=list)
    removed_claim_clusters: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)


_PHRASE = {
    "verbatim": "a verbatim copy of",
    "syndicated": "a syndicated copy of",
    "spin": "a spun rewrite of",
    "derivative": "derived from",
    "": "linked to",
}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def link_id(article: str) -> str:
    """One copy link per copy: its id depends on the copy only, so a better original replaces
    the link in place instead of adding another."""
    return stable_id("copy", article)


class AnalyzerState:
    """The corpus analyzer's in-memory indexes and current records."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or default_config()
        cfg = self.cfg = self.config.corpus
        self.docs: dict[str, Doc] = {}
        self.shingle_lsh = MinHashLSH(
            num_perm=cfg.shingle_num_perm, params=(cfg.shingle_bands, cfg.shingle_rows)
        )
        self.bag_lsh = MinHashLSH(num_perm=cfg.bag_num_perm, params=(cfg.bag_bands, cfg.bag_rows))
        self.doc_keys: dict[str, tuple[int, ...]] = {}
        self.buckets: dict[int, list[str]] = {}
        # outlet+name keys (analyzer._outlet_keys): never common, filtered by credit instead
        self.outlet_keys: dict[str, tuple[int, ...]] = {}
        self.outlet_buckets: dict[int, list[str]] = {}
        self.common: set[int] = set()
        self.relations: dict[tuple[str, str], Relation] = {}
        self.neighbours: dict[str, set[str]] = {}
        self.parent: dict[str, Relation] = {}
        self.children: dict[str, set[str]] = {}
        self.story_graph = Components()
        self.claims: dict[str, ClaimItem] = {}
        self.article_claims: dict[str, list[str]] = {}
        self.claim_graph = Components()
        self.claim_edges: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.member_claims: dict[str, set[str]] = {}
        self.resolver = EntityResolver(cfg)
        # current records, as last emitted
        self.links: dict[str, CopyLink] = {}
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.clusters: dict[str, ClaimCluster] = {}
        self.cluster_of: dict[str, str] = {}
        self.entities: dict[str, CorpusEntity] = {}
