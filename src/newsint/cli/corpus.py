"""The corpus commands: ingest, and the queries (stories, claims, entities, timeline, show)."""

from __future__ import annotations

import time
from enum import StrEnum
from typing import Annotated

import typer
from rich.text import Text

from newsint.cli.common import (
    ConfigOpt,
    DbOpt,
    Engine,
    LimitOpt,
    Output,
    OutputOpt,
    emit,
    err,
    fail,
    open_corpus,
    out,
)
from newsint.config import load_config
from newsint.corpus.queries.records import EntitySummary
from newsint.errors import NewsintError
from newsint.model import CorpusEntity


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), JSONL dumps, WARC files, RSS/Atom/OPML files, "
            "feed or article URLs; - for stdin.",
            show_default=False,
        ),
    ],
    db: DbOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Worker processes (0: one per core).", show_default=False
        ),
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch/--no-fetch", help="Fetch pages that feeds only link to.")
    ] = True,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow URLs on private, loopback or link-local hosts."
        ),
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: a process pool on this machine; ray: Ray Data on a Ray cluster "
            "(pip install 'newsint\\[ray]'). Same results.",
        ),
    ] = Engine.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="With --engine ray: auto (the cluster this machine is in) or ray://host:port; "
            "default: \\[ray] address, else a Ray instance started on this machine.",
            show_default=False,
        ),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait/--no-wait",
            help="When another ingest is writing this corpus: wait for it (default), or "
            "refuse at once.",
        ),
    ] = True,
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            help="Also write the added analyses as Parquet partitions into this folder or "
            "object-store URI (s3://…; needs pyarrow: pip install 'newsint\\[ray]').",
            show_default=False,
        ),
    ] = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Add articles to the corpus: incremental (re-ingesting changes nothing), parallel."""
    from newsint.engines.local import job_count
    from newsint.present import tables

    cfg = load_config(config)
    started = time.monotonic()
    if engine is Engine.ray:
        from newsint.engines.ray_engine import import_ray

        try:
            import_ray()
        except NewsintError as exc:
            fail(exc)
            raise typer.Exit(2) from None
    with open_corpus(db, config, must_exist=False) as corpus:
        err.print(f"Corpus: {corpus.store.shown}", highlight=False)
        with tables.BarProgress(err) as progress:
            summary = corpus.ingest(
                paths,
                jobs=job_count(jobs, cfg),
                fetch=fetch,
                allow_private=allow_private or None,
                progress=progress,
                engine=engine.value,
                ray_address=ray_address,
                parquet=parquet,
                wait=wait,
            )
    if fmt is Output.json:
        out.file.write(tables.dumps(summary.to_dict()) + "\n")
    else:
        err.print(tables.summary_table(summary, time.monotonic() - started))
        if summary.parquet:
            err.print(
                f"{len(summary.parquet)} Parquet file(s) written to {parquet}", highlight=False
            )
        for f in summary.failed[:20]:
            err.print(Text(f"{f.where}: {f.message}"), style="red", highlight=False)
        if len(summary.failed) > 20:
            err.print(f"… and {len(summary.failed) - 20} more failures", highlight=False)
    if summary.failed:
        raise typer.Exit(1)


def stories(
    db: DbOpt = None,
    min_articles: Annotated[
        int, typer.Option("--min-articles", help="Only stories with at least this many articles.")
    ] = 1,
    limit: LimitOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Same-event stories, biggest first."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        rows = corpus.stories(min_articles=min_articles, limit=limit)
    emit(rows, fmt, tables.stories_table(rows))


class ClaimOrder(StrEnum):
    sources = "sources"
    recent = "recent"
    oldest = "oldest"


def claims(
    db: DbOpt = None,
    entity: Annotated[
        str | None,
        typer.Option("--entity", help="Only claims by or about this entity (id or name)."),
    ] = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", help="At least this many independent sources.")
    ] = 1,
    status: Annotated[
        str | None, typer.Option("--status", help="asserted, alleged, denied, confirmed, …")
    ] = None,
    grade: Annotated[
        str | None,
        typer.Option(
            "--grade", help="Corpus grade: a code (C2), a reliability (C) or credibility (2)."
        ),
    ] = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Said by (case-insensitive).")
    ] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="Only claims made in this story's articles.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="First reported on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="First reported on or before (YYYY-MM-DD).")
    ] = None,
    q: Annotated[
        str | None, typer.Option("--search", "-s", help="Full text: the claim holds these words.")
    ] = None,
    sort: Annotated[
        ClaimOrder, typer.Option("--sort", help="Most independent sources first, or by date.")
    ] = ClaimOrder.sources,
    limit: LimitOpt = None,
    offset: Annotated[int, typer.Option("--offset", help="Rows to skip (paging).")] = 0,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Every claim, best corroborated (most independent sources) first.

    Clusters (the same statement across articles) and single-source claims alike."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        rows = corpus.claims(
            entity=entity,
            min_sources=min_sources,
            status=status,
            grade=grade,
            speaker=speaker,
            story=story,
            since=since,
            until=until,
            q=q,
            sort=sort.value,
            limit=limit,
            offset=offset,
        )
    emit(rows, fmt, tables.claims_table(rows))


entities_app = typer.Typer(
    help="Entities across the corpus; merge and split them (judgements you can undo).",
    no_args_is_help=False,
)


@entities_app.callback(invoke_without_command=True)
def entities(
    ctx: typer.Context,
    db: DbOpt = None,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, …")] = None,
    q: Annotated[str | None, typer.Option("--name", help="Names containing this.")] = None,
    limit: LimitOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Entities across the corpus, most widely mentioned first."""
    if ctx.invoked_subcommand is not None:
        return
    entities_list(db=db, type_=type_, q=q, limit=limit, fmt=fmt, config=config)


@entities_app.command("list")
def entities_list(
    db: DbOpt = None,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, ORG, GPE, …")] = None,
    q: Annotated[str | None, typer.Option("--name", help="Names containing this.")] = None,
    limit: LimitOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Entities across the corpus, most widely mentioned first."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        rows = corpus.entities(type=type_, q=q, limit=limit)
    emit(rows, fmt, tables.entities_table(rows))


@entities_app.command("merge")
def entities_merge(
    a: Annotated[str, typer.Argument(help="Entity id or name.")],
    b: Annotated[str, typer.Argument(help="Entity id or name judged the same as A.")],
    db: DbOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Judge two entities the same. Undo with `newsint entities split`."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        result = corpus.merge(a, b)
    emit(result, fmt, tables.entities_table([_entity_row(e) for e in result.entities]))


@entities_app.command("split")
def entities_split(
    entity: Annotated[str, typer.Argument(help="Entity id or name to split.")],
    members: Annotated[
        list[str],
        typer.Argument(
            help="Members to take out: keys ARTICLE/ENTITY (see `newsint show ENTITY`) or "
            "names as written.",
            show_default=False,
        ),
    ],
    db: DbOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Judge members not the same as the rest of an entity (undoes a merge)."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        result = corpus.split(entity, members)
    emit(result, fmt, tables.entities_table([_entity_row(e) for e in result.entities]))


def _entity_row(e: CorpusEntity) -> EntitySummary:
    return EntitySummary(
        id=e.id,
        name=e.name,
        type=e.type,
        articles=e.articles,
        aliases=e.aliases,
        members=len(e.members),
    )


def timeline(
    db: DbOpt = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only events involving this entity.")
    ] = None,
    all_events: Annotated[
        bool,
        typer.Option(
            "--all-events",
            help="Also negated, denied, hypothetical, questioned and planned events.",
        ),
    ] = False,
    limit: LimitOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Dated events across the corpus, oldest first, each counted once across copies."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        rows = corpus.timeline(entity=entity, all_events=all_events, limit=limit)
    emit(rows, fmt, tables.timeline_table(rows))


def show(
    ref: Annotated[str, typer.Argument(help="An article, story, claim or entity id (or name).")],
    db: DbOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Everything about one article, story (with its copy tree), claim or entity."""
    from newsint.present import tables

    with open_corpus(db, config) as corpus:
        data = corpus.show(ref)
    emit(data, fmt, tables.show(data))
