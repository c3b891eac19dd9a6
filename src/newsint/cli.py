"""Command line: thin over the library. Parse arguments, call newsint, print."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from newsint import brief
from newsint.api import analyze_paths, parse_published
from newsint.config import load_config
from newsint.errors import InputError, NewsintError
from newsint.evaluate.cli import eval_command
from newsint.export.cli import export_command
from newsint.model import Analysis

if TYPE_CHECKING:
    from newsint.corpus.api import Corpus

app = typer.Typer(
    name="newsint",
    help="News intelligence: clean text, entities, times, sourced claims, events, copies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Piped or redirected output is read in a file or pager, not an 80-column terminal: give the
# brief's tables room unless $COLUMNS says otherwise.
out = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 120)
err = Console(stderr=True)


class Format(StrEnum):
    text = "text"
    json = "json"
    md = "md"


ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="TOML file overriding default settings.", show_default=False),
]


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class Output(StrEnum):
    text = "text"
    json = "json"


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="NEWSINT_DB",
        help="Corpus database: a SQLite file (default ./newsint.db) or postgresql://user@host/db.",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Output, typer.Option("--format", "-f", help="text: tables; json: for scripts.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="Show at most this many.")]


@app.callback()
def _root() -> None:
    """News intelligence: clean text, entities, times, sourced claims, events, copies."""


def fail(error: NewsintError) -> None:
    line = escape(error.line())  # an error names things like newsint[ray]: not markup
    err.print(f"[bold red]error[/] {line}", markup=True, highlight=False, soft_wrap=True)


@app.command()
def analyze(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt .html .json .jsonl, optionally .gz); - for stdin."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) when the page lacks one."),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="text: a brief; json: the analysis; md: Markdown."),
    ] = Format.text,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles one by one and print a brief (or the JSON analysis)."""
    try:
        cfg = load_config(config)
        iso = parse_published(published)
    except NewsintError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    failed = 0
    results: list[Analysis] = []
    for item in analyze_paths(files, published=iso, config=cfg):
        if isinstance(item, InputError):
            failed += 1
            fail(item)
            continue
        if fmt is Format.json:
            results.append(item)
        elif fmt is Format.md:
            out.file.write(brief.render_markdown(item) + "\n")
        else:
            brief.render_console(item, out)
    if fmt is Format.json:
        # One object for one article, a JSON array for several: both stable and parseable.
        if len(results) == 1:
            out.file.write(results[0].to_json() + "\n")
        elif results:
            out.file.write("[\n" + ",\n".join(r.to_json() for r in results) + "\n]\n")
    if failed:
        err.print(f"{failed} input(s) failed; the others were analysed.", highlight=False)
        raise typer.Exit(1)


app.command("eval")(eval_command)
app.command("export")(export_command)


# --------------------------------------------------------------------------- corpus


@contextmanager
def open_corpus(
    db: str | None, config: Path | None = None, must_exist: bool = True
) -> Iterator[Corpus]:
    """The corpus at --db, closed after; a NewsintError inside becomes one line and exit 2.

    A query on a SQLite file that does not exist is an error, not a silently created empty
    database."""
    from newsint.corpus.api import Corpus
    from newsint.corpus.store import database_url

    try:
        url = database_url(db)
        if must_exist and url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                raise NewsintError(
                    str(path), "no corpus here", "run `newsint ingest PATH...` first, or give --db"
                )
        with Corpus(db, load_config(config)) as corpus:
            yield corpus
    except NewsintError as exc:
        fail(exc)
        raise typer.Exit(2) from None


def emit(data: Any, fmt: Output, renderable: Any = None) -> None:
    from newsint.corpus import render

    if fmt is Output.json:
        out.file.write(render.dumps(data) + "\n")
    else:
        out.print(renderable)


@app.command()
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
            "(pip install 'newsint[ray]'). Same results.",
        ),
    ] = Engine.local,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="With --engine ray: auto (the cluster this machine is in) or ray://host:port; "
            "default: [ray] address, else a Ray instance started on this machine.",
            show_default=False,
        ),
    ] = None,
    parquet: Annotated[
        str | None,
        typer.Option(
            "--parquet",
            help="Also write the added analyses as Parquet partitions into this folder or "
            "object-store URI (s3://…; needs pyarrow: pip install 'newsint[ray]').",
            show_default=False,
        ),
    ] = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Add articles to the corpus: incremental (re-ingesting changes nothing), parallel."""
    from newsint.corpus import render
    from newsint.engines.local import job_count

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
        with render.BarProgress(err) as progress:
            summary = corpus.ingest(
                paths,
                jobs=job_count(jobs, cfg),
                fetch=fetch,
                allow_private=allow_private or None,
                progress=progress,
                engine=engine.value,
                ray_address=ray_address,
                parquet=parquet,
            )
    if fmt is Output.json:
        out.file.write(render.dumps(summary.to_dict()) + "\n")
    else:
        err.print(render.summary_table(summary, time.monotonic() - started))
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


@app.command()
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
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        rows = corpus.stories(min_articles=min_articles, limit=limit)
    emit(rows, fmt, render.stories_table(rows))


@app.command()
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
    limit: LimitOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Claims across the corpus, best corroborated (most independent sources) first."""
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        rows = corpus.claims(entity=entity, min_sources=min_sources, status=status, limit=limit)
    emit(rows, fmt, render.claims_table(rows))


entities_app = typer.Typer(
    help="Entities across the corpus; merge and split them (judgements you can undo).",
    no_args_is_help=False,
)
app.add_typer(entities_app, name="entities")


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
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        rows = corpus.entities(type=type_, q=q, limit=limit)
    emit(rows, fmt, render.entities_table(rows))


@entities_app.command("merge")
def entities_merge(
    a: Annotated[str, typer.Argument(help="Entity id or name.")],
    b: Annotated[str, typer.Argument(help="Entity id or name judged the same as A.")],
    db: DbOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Judge two entities the same. Undo with `newsint entities split`."""
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        result = corpus.merge(a, b)
    emit(result, fmt, render.entities_table([_entity_row(e) for e in result["entities"]]))


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
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        result = corpus.split(entity, members)
    emit(result, fmt, render.entities_table([_entity_row(e) for e in result["entities"]]))


def _entity_row(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": e["id"],
        "name": e["name"],
        "type": e["type"],
        "articles": e.get("articles", 0),
        "aliases": e.get("aliases", []),
        "members": len(e.get("members", [])),
    }


@app.command()
def timeline(
    db: DbOpt = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="Only events involving this entity.")
    ] = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Dated events across the corpus, oldest first, each counted once across copies."""
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        rows = corpus.timeline(entity=entity)
    emit(rows, fmt, render.timeline_table(rows))


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="An article, story, claim or entity id (or name).")],
    db: DbOpt = None,
    fmt: OutputOpt = Output.text,
    config: ConfigOpt = None,
) -> None:
    """Everything about one article, story (with its copy tree), claim or entity."""
    from newsint.corpus import render

    with open_corpus(db, config) as corpus:
        data = corpus.show(ref)
    emit(data, fmt, render.show(data))


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="Address to listen on (default 127.0.0.1: this machine only). Any other "
            "address needs a token.",
            show_default=False,
        ),
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port (default 8000).", show_default=False)
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="Access token every request must carry (Bearer header, or log in once in the "
            "browser). Default: $NEWSINT_TOKEN.",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let POST /api/articles fetch URLs on private addresses."
        ),
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Web UI and REST API over the corpus (OpenAPI docs at /docs)."""
    import os

    import uvicorn

    from newsint.web.app import create_app
    from newsint.web.state import is_loopback_host

    cfg = load_config(config)
    host = host or cfg.web.host
    port = port or cfg.web.port
    token = token or os.environ.get(cfg.web.token_env) or None
    if token is None and not is_loopback_host(host):
        fail(
            NewsintError(
                f"--host {host}",
                "serving beyond this machine needs an access token",
                f"give --token TOKEN or set {cfg.web.token_env} (a long random string), "
                "or keep the default --host 127.0.0.1",
            )
        )
        raise typer.Exit(2)
    with open_corpus(db, config) as corpus:
        try:
            web_app = create_app(corpus, token=token, allow_private=allow_private, config=cfg)
        except NewsintError as exc:
            fail(exc)
            raise typer.Exit(2) from None
        shown = f"[{host}]" if ":" in host else host
        err.print(
            Text.assemble(
                "Serving ",
                (corpus.store.shown, "bold"),
                " at ",
                (f"http://{shown}:{port}", "bold"),
                f" (API docs at http://{shown}:{port}/docs)",
                " · token required" if token else "",
                ". Ctrl+C stops.",
            ),
            highlight=False,
        )
        uvicorn.run(web_app, host=host, port=port, proxy_headers=False, log_level="warning")


def _program() -> str:
    """How the user can call newsint again: `newsint` when that is on PATH, else the path used
    (`make demo` runs .venv/bin/newsint without activating the environment)."""
    import shutil

    used = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    found = shutil.which("newsint")
    if used is None or used.name != "newsint":
        return "newsint"
    if found and Path(found).resolve() == used.resolve():
        return "newsint"
    try:
        return str(used.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(used)


def demo_files() -> list[Path]:
    """The bundled sample corpus (fictional articles written for newsint)."""
    from importlib import resources

    root = Path(str(resources.files("newsint.data").joinpath("demo")))
    return sorted(p for p in root.iterdir() if p.suffix in {".txt", ".html", ".json", ".jsonl"})


@app.command()
def demo(
    db: Annotated[
        str,
        typer.Option("--db", help="Where the demo corpus is stored (kept for you to explore)."),
    ] = "newsint-demo.db",
    briefs: Annotated[
        bool, typer.Option("--briefs", help="Print each article's brief instead.")
    ] = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="With --briefs: text, json or md.")
    ] = Format.text,
) -> None:
    """Ingest the bundled sample corpus; print its stories, copy trees and best claims."""
    from newsint.corpus import render

    files = demo_files()
    if not files:
        err.print("The sample corpus is missing from this installation; reinstall newsint.")
        raise typer.Exit(2)
    if briefs:
        err.print(
            f"Analysing {len(files)} bundled sample articles (fictional, written for newsint)…"
        )
        analyze([str(f) for f in files], published=None, fmt=fmt, config=None)
        return
    err.print(
        f"Ingesting {len(files)} bundled sample articles (fictional, written for newsint) "
        f"into {db}…"
    )
    with open_corpus(db, must_exist=False) as corpus:
        with render.BarProgress(err) as progress:
            summary = corpus.ingest([str(f) for f in files], progress=progress)
        err.print(render.summary_table(summary))
        stories_found = corpus.stories()
        out.rule(Text("Stories", style="bold cyan"), align="left")
        out.print(render.stories_table(stories_found))
        for story in stories_found:
            if story["articles"] > 1:
                out.print(render.tree_of(corpus.story(story["id"])))
                out.print()
        out.rule(Text("Best-corroborated claims", style="bold cyan"), align="left")
        out.print(render.claims_table(corpus.claims(limit=10)))
    out.print(
        Text.assemble(
            "\nExplore further: ",
            (f"newsint stories --db {db}", "bold"),
            " · ",
            (f"newsint claims --db {db} --min-sources 2", "bold"),
            " · ",
            (f"newsint entities --db {db}", "bold"),
            " · ",
            (f"newsint timeline --db {db}", "bold"),
            " · ",
            (f"newsint show ID --db {db}", "bold"),
            "\nYour own articles: ",
            ("newsint ingest FOLDER-OR-FEED-OR-WARC", "bold"),
        )
    )
    web = load_config(None).web
    out.print(
        Text.assemble(
            "\nExplore it in your browser: ",
            (f"{_program()} serve --db {db}", "bold green"),
            "  then open ",
            (f"http://{web.host}:{web.port}", "bold green"),
            " (stories, copy trees, highlighted articles, claims, entities, graph).",
        )
    )
    if summary.failed:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except NewsintError as exc:
        fail(exc)
        sys.exit(2)


if __name__ == "__main__":
    main()
