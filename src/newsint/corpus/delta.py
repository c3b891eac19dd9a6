"""What the corpus analyzer hands the store (CorpusDelta: records to upsert, ids to delete) and
the state it keeps between batches (LSH band index, pair relations, components, the records as
last emitted). The bulky parts stay compact or out of memory so that memory does not grow ~40 kB
per article: band keys in sorted numpy arrays (bandindex.py), the articles' comparison forms and
the emitted records in a scratch file with a bounded cache (spill.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pydantic import Field

from newsint.config import Config, default_config
from newsint.corpus.bandindex import BandIndex, KeyIndex
from newsint.corpus.compare import Doc
from newsint.corpus.copies import Relation
from newsint.corpus.corroborate import ClaimItem
from newsint.corpus.docbytes import decode_doc, encode_doc
from newsint.corpus.graph import Components
from newsint.corpus.resolve import EntityResolver
from newsint.corpus.spill import SpillMap, spill_settings
from newsint.model import ClaimCluster, CopyLink, CorpusEntity, Judgement, Record, Story, stable_id

R = TypeVar("R", bound=Record)


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


def _records(model: type[R], cache: int) -> SpillMap[R]:
    """Emitted records of one kind, kept as their JSON (which round-trips them exactly)."""
    decode: Callable[[bytes], R] = model.model_validate_json
    return SpillMap(lambda r: r.model_dump_json().encode("utf-8"), decode, cache)


class AnalyzerState:
    """The corpus analyzer's indexes and current records."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or default_config()
        cfg = self.cfg = self.config.corpus
        memory = spill_settings()
        self.docs: SpillMap[Doc] = SpillMap(encode_doc, decode_doc, memory.doc_cache)
        # LSH: band digests of every known article; an article's row is its place in `row_ids`
        self.band_index = BandIndex(cfg.shingle_bands + cfg.bag_bands)
        self.rows: dict[str, int] = {}
        self.row_ids: list[str] = []
        # rare keys (analyzer._keys) of each article, packed (bandindex.pack_keys), and the rows
        # holding each key; a key in `common` no longer counts
        self.doc_keys: dict[str, bytes] = {}
        self.buckets = KeyIndex()
        # outlet+name keys (analyzer._outlet_keys): never common, filtered by credit instead
        self.outlet_keys: dict[str, bytes] = {}
        self.outlet_buckets = KeyIndex()
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
        self.links: SpillMap[CopyLink] = _records(CopyLink, memory.record_cache)
        self.stories: SpillMap[Story] = _records(Story, memory.record_cache)
        self.story_of: dict[str, str] = {}
        # the part (stories.split_block) each member of an over-large block was last clustered
        # in: a part met again whole, with no member touched, keeps its stories
        self.story_part: dict[str, frozenset[str]] = {}
        self.clusters: SpillMap[ClaimCluster] = _records(ClaimCluster, memory.record_cache)
        self.cluster_of: dict[str, str] = {}
        self.entities: SpillMap[CorpusEntity] = _records(CorpusEntity, memory.record_cache)
