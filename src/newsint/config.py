"""One typed configuration. Defaults live in default_config.toml beside this file, with comments."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from newsint.errors import ConfigError

DEFAULT_CONFIG = Path(__file__).with_name("default_config.toml")


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limits(Section):
    max_file_bytes: int
    max_text_chars: int
    max_control_ratio: float
    min_decoded_ratio: float
    min_utf8_share: float
    max_encoding_chaos: float
    western_chaos_margin: float
    max_decompressed_bytes: int
    max_decompression_ratio: float
    min_published_year: int
    max_published_year: int
    article_seconds: float
    worker_memory_mb: int
    worker_start_seconds: float
    orphan_check_seconds: float
    isolate: bool


class Language(Section):
    """Language detection (newsint.stages.language)."""

    max_chars: int
    min_letters: int
    min_probability: float
    english: list[str]


class Clean(Section):
    near_duplicate_min_words: int
    near_duplicate_threshold: float
    near_duplicate_min_length_ratio: float
    near_duplicate_min_overlap: float
    duplicate_min_words: int
    stem_prefix: int
    breadcrumb_max_words: int
    title_max_words: int
    title_min_words: int
    furniture_max_words: int
    line_mode_min_lines: int
    max_punctuation_run: int
    related_max_items: int


class Html(Section):
    favor_precision: bool
    include_comments: bool
    include_tables: bool


class Nlp(Section):
    models: list[str]
    exclude: list[str]
    fast_attributes: bool
    attribute_cache_entries: int
    blas: Literal["numpy", "blis"]
    blas_threads: int
    batch_size: int
    n_process: int
    max_piece_chars: int


class Entities(Section):
    labels: list[str]
    fuzzy_threshold: float
    fuzzy_min_chars: int
    fuzzy_max_variant_mentions: int
    fuzzy_min_shared_context: int
    acronym_max_letters: int
    role_max_tokens: int
    shouted_min_ratio: float
    shouted_min_words: int
    context_stem_prefix: int
    propagate: bool
    sports_min_cues: int
    sports_min_result_lines: int
    table_min_numbers: int
    table_number_ratio: float


class PipelineSettings(Section):
    stages: list[str]
    batch_size: int
    gc_freeze: bool
    gc_young_threshold: int


class Store(Section):
    default_db: str
    sqlite_busy_timeout: float
    sqlite_synchronous: Literal["OFF", "NORMAL", "FULL", "EXTRA"]
    writer_lock_poll_seconds: float
    full_text_count_cap: int


class Ingest(Section):
    jobs: int
    chunk_size: int
    queue_per_job: int
    analyzer_batch: int
    suffixes: list[str]
    skip_hidden: bool
    max_feed_entries: int
    feed_min_content_chars: int
    max_warc_records: int
    store_schemes: list[str]
    parquet_rows: int


class Ray(Section):
    address: str
    actors: int
    cpus_per_actor: float
    batch_size: int
    window: int
    analyzer_batch: int
    ray_progress_bars: bool
    connect_timeout: float


class Fetch(Section):
    connect_timeout: float
    read_timeout: float
    total_timeout: float
    max_bytes: int
    max_redirects: int
    content_types: list[str]
    user_agent: str
    allow_private: bool


class Corpus(Section):
    """Copies, stories, corroboration and cross-document entities (newsint.corpus)."""

    shingle_num_perm: int
    bag_num_perm: int
    shingle_words: int
    stem_prefix: int
    max_terms: int
    min_sentence_words: int
    min_quote_words: int
    shingle_bands: int
    shingle_rows: int
    bag_bands: int
    bag_rows: int
    min_shared_keys: int
    max_key_articles: int
    max_keys_per_article: int
    credit_key_names: int
    key_number_min_chars: int
    rare_name_min_chars: int
    verbatim_min_containment: float
    spin_min_aligned: float
    spin_sentence_dice: float
    spin_min_cosine: float
    spin_min_evidence: int
    align_max_sentences: int
    derivative_min_cosine: float
    summary_max_share: float
    direction_cited: float
    direction_earlier_day: float
    direction_dated_primary: float
    direction_dated: float
    direction_self_credit: float
    direction_earlier_time: float
    direction_tie: float
    direction_containment: float
    direction_containment_ratio: float
    direction_wire_line: float
    direction_min_misattribution: float
    parent_score_tie: float
    story_block_similarity: float
    story_merge_distance: float
    story_copy_distance: float
    story_min_member_similarity: float
    story_min_pair_similarity: float
    story_min_small_member_similarity: float
    story_small_size: int
    story_key_terms: int
    story_key_min_shared: int
    story_cosine_weight: float
    story_year_penalty: float
    story_published_year_weight: float
    story_block_max_articles: int
    story_idf_ceiling: float
    story_idf_unknown_zipf: float
    story_title_weight: float
    story_max_days: int
    story_other_language_min_names: int
    name_noun_languages: list[str]
    name_noun_min_zipf: float
    claim_min_similarity: float
    claim_min_similarity_copy: float
    claim_prefilter_dice: float
    claim_min_words: int
    claim_min_story_similarity: float
    claim_document_similarity: float
    entity_min_name_similarity: float
    entity_unsure_name_similarity: float
    entity_token_min_similarity: float
    entity_short_form_token_similarity: float
    entity_short_form_weight: float
    entity_prefilter_score: int
    entity_min_context: float
    entity_context_articles: int
    entity_min_shared_context: int


class Web(Section):
    """`newsint serve`: the web UI and REST API (newsint.web)."""

    host: str
    port: int
    workers: int
    token_env: str
    page_size: int
    max_page_size: int
    max_query_number: int
    max_body_bytes: int
    write_wait_seconds: float
    snippet_chars: int
    graph_max_entities: int
    graph_max_claims: int
    graph_links_per_entity: int
    graph_iterations: int
    graph_seed: int
    graph_spacing: float
    graph_spread: float
    graph_label_chars: int


class Time(Section):
    dateline_window_chars: int
    mod_share: float
    anchor_min_shared_words: int
    anchor_max_sentences_back: int
    window_chars: int
    recognizer_max_chars: int
    spacy_fallback: bool
    recognizer_cache_size: int
    dateparser_cache_size: int
    dateparser_values_kept: int
    recognizer_focus: bool
    focus_context_words: int
    focus_min_stem: int
    focus_words_kept: int


class Events(Section):
    lexicon: str
    statements: bool
    noun_needs_participant: bool
    max_split: int
    max_climb: int
    max_support_gap: int
    main_title: float
    main_lead: float
    main_position_decay: float
    main_actor: float
    main_target: float
    main_time: float
    main_place: float
    main_unrealised_penalty: float
    negated_factuality: float
    happened_factuality: float
    all_events: bool


class Factuality(Section):
    lexicon: str


class Claims(Section):
    unattributed: bool
    unattributed_min_words: int
    unattributed_in_title: bool
    direct_quote_share: float
    min_speech_quote_words: int
    continuation_paragraphs: int
    continuation_gap_words: int
    quote_opening_gap_words: int
    split_part_min_words: int
    colon_max_name_words: int
    pronoun_window: int
    description_window: int
    recency_bonus: float
    recent_sentences: int
    inherit_depth: int
    name_max_words: int
    source_paren_tokens: int
    confidence_verb: float
    confidence_according: float
    confidence_noun: float
    confidence_colon: float
    confidence_continuation: float
    confidence_unattributed: float
    inherited_penalty: float
    resolved_penalty: float
    denied_factuality: float
    negative_factuality: float


class Grade(Section):
    long_chain_hops: int
    confirmed_sources: int
    contradicting_reports: int


class Brief(Section):
    summary_claims: int
    claim_chars: int
    summary_chars: int


class Config(Section):
    limits: Limits
    clean: Clean
    language: Language
    html: Html
    nlp: Nlp
    pipeline: PipelineSettings
    store: Store
    ingest: Ingest
    ray: Ray
    fetch: Fetch
    corpus: Corpus
    web: Web
    entities: Entities
    time: Time
    factuality: Factuality
    claims: Claims
    grade: Grade
    events: Events
    brief: Brief


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(
                where, f"unknown setting {key!r}", "check the name against default_config.toml"
            )
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(where, f"{key!r} must be a table", f"write it as [{key}]")
            out[key] = _merge(base[key], value, where)
        else:
            out[key] = value
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(str(path), "config file not found", "give an existing TOML file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"not valid TOML ({exc})", "fix the syntax") from exc


def load_config(path: str | Path | None = None) -> Config:
    """Defaults, overridden by `path` or $NEWSINT_CONFIG when given."""
    if path is None and os.environ.get("NEWSINT_CONFIG"):
        path = os.environ["NEWSINT_CONFIG"]
    if path is None:
        return default_config()
    data = _merge(_read_toml(DEFAULT_CONFIG), _read_toml(Path(path)), str(path))
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            str(path), f"invalid setting: {exc.errors()[0]['msg']}", "fix the value"
        ) from exc


@cache
def default_config() -> Config:
    return Config.model_validate(_read_toml(DEFAULT_CONFIG))
