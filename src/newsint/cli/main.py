"""Command line: thin over the library. Parse arguments, call newsint, print.

`newsint` (pyproject's entry point `newsint.cli:main`) is the typer app built here; the commands
live beside it: corpus.py (ingest and the queries), export.py, eval.py; common.py holds what
they share.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from newsint.api import analyze_paths, parse_published
from newsint.cli import corpus as corpus_commands
from newsint.cli.common import ConfigOpt, DbOpt, Format, err, fail, open_corpus, out
from newsint.cli.eval import eval_command
from newsint.cli.export import export_command
from newsint.config import load_config
from newsint.engines.local import memory_cap
from newsint.errors import InputError, NewsintError
from newsint.model import Analysis
from newsint.present import brief

app = typer.Typer(
    name="newsint",
    help="News intelligence: clean text, entities, times, sourced claims, events, copies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """News intelligence: clean text, entities, times, sourced claims, events, copies."""


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
        typer.Option(
            "--format", "-f", help="text: a brief; json: the analysis; md (or markdown): Markdown."
        ),
    ] = Format.text,
    all_events: Annotated[
        bool,
        typer.Option(
            "--all-events",
            help="Keep negated, denied, hypothetical, questioned and planned events on the "
            "timeline and in the choice of the main event.",
        ),
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles one by one and print a brief (or the JSON analysis)."""
    try:
        cfg = load_config(config)
        if all_events:
            events = cfg.events.model_copy(update={"all_events": True})
            cfg = cfg.model_copy(update={"events": events})
        iso = parse_published(published, cfg)
    except NewsintError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    # This process only analyses: the article budget's memory cap is its own while it does (an
    # article over it fails alone, with an error line, and the others go on).
    with memory_cap(cfg.limits.worker_memory_mb):
        failed = 0
        results: list[Analysis] = []
        for item in analyze_paths(files, published=iso, config=cfg):
            if isinstance(item, InputError):
                failed += 1
                fail(item)
                continue
            if fmt is Format.json:
                results.append(item)
            elif fmt.is_markdown:
                out.file.write(brief.render_markdown(item, cfg.events.all_events) + "\n")
            else:
                brief.render_console(item, out, cfg.events.all_events)
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
for command in (corpus_commands.ingest, corpus_commands.stories, corpus_commands.claims):
    app.command()(command)
app.add_typer(corpus_commands.entities_app, name="entities")
for command in (corpus_commands.timeline, corpus_commands.show):
    app.command()(command)


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
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Server processes answering requests (default \\[web] workers: one per CPU "
            "core, at least 2; 1: a single process).",
            show_default=False,
        ),
    ] = None,
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
    from newsint.web.app import serve_settings, server_processes

    busy = port_problem(host, port)
    if busy is not None:  # before "Serving at …": a server that cannot listen serves nothing
        fail(busy)
        raise typer.Exit(2)
    processes = server_processes(workers, cfg)
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
                f" · {processes} server processes" if processes > 1 else "",
                ". Ctrl+C stops.",
            ),
            highlight=False,
        )
        if processes == 1:
            uvicorn.run(web_app, host=host, port=port, proxy_headers=False, log_level="warning")
            return
        # Several processes: each builds the app from the same settings (uvicorn imports the
        # factory in every worker), so a slow route never queues the others behind the GIL.
        os.environ.update(serve_settings(corpus.store.url, token, allow_private, config))
    uvicorn.run(
        "newsint.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=processes,
        proxy_headers=False,
        log_level="warning",
    )


@app.command()
def glossary(
    term: Annotated[
        str | None,
        typer.Argument(
            help="A code to explain (C2, alleged, spin, 2024-WI, PXM, PROTEST…); none: all.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="text: tables; json: for scripts; md: Markdown."),
    ] = Format.text,
) -> None:
    """What the codes mean: grades, claim statuses, copy kinds, event types, TIMEX values."""
    from newsint.present import glossary as words

    entries = list(words.load().entries) if term is None else words.lookup(term)
    if not entries:
        fail(
            NewsintError(
                term or "",
                "not a code newsint knows",
                "`newsint glossary` lists every code (grades such as C2 and TIMEX values such "
                "as 2024-WI are explained from their parts)",
            )
        )
        raise typer.Exit(2)
    if fmt is Format.json:
        out.file.write(words.to_json(entries) + "\n")
    elif fmt.is_markdown:
        out.file.write(words.to_markdown(entries))
    else:
        out.print(words.to_console(entries))


def port_problem(host: str, port: int) -> NewsintError | None:
    """Why the server could not listen on host:port (a port in use, a privileged port), or
    None. Probed with the options uvicorn binds with, then released for it."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return NewsintError(
            f"--host {host}",
            f"not an address here ({exc.strerror})",
            "give an address of this machine, e.g. --host 127.0.0.1",
        )
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                problem = f"port {port} on {host} is already in use by another program"
            else:
                problem = f"cannot listen on {host}:{port} ({exc.strerror})"
            return NewsintError(
                f"--port {port}", problem, "choose another port with --port N (e.g. --port 8080)"
            )
    return None


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
    db: DbOpt = None,
    briefs: Annotated[
        bool, typer.Option("--briefs", help="Print each article's brief instead.")
    ] = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="With --briefs: text, json or md (markdown).")
    ] = Format.text,
) -> None:
    """Ingest the bundled sample corpus; print its stories, copy trees and best claims."""
    from newsint.present import tables

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
    with open_corpus(db, must_exist=False) as corpus:
        err.print(
            f"Ingesting {len(files)} bundled sample articles (fictional, written for newsint) "
            f"into {corpus.store.shown}…",
            highlight=False,
        )
        with tables.BarProgress(err) as progress:
            summary = corpus.ingest([str(f) for f in files], progress=progress)
        err.print(tables.summary_table(summary))
        stories_found = corpus.stories()
        out.rule(Text("Stories", style="bold cyan"), align="left")
        out.print(tables.stories_table(stories_found))
        for story in stories_found:
            if story.articles > 1:
                out.print(tables.tree_of(corpus.story(story.id)))
                out.print()
        out.rule(Text("Best-corroborated claims", style="bold cyan"), align="left")
        out.print(tables.claims_table(corpus.claims(limit=10)))
    # The default database (no --db) is the one every other command reads: the README's tour
    # runs as written after `make demo`.
    on = "" if db is None else f" --db {db}"
    out.print(
        Text.assemble(
            "\nExplore further: ",
            (f"newsint stories{on}", "bold"),
            " · ",
            (f"newsint claims{on} --min-sources 2", "bold"),
            " · ",
            (f"newsint entities{on}", "bold"),
            " · ",
            (f"newsint timeline{on}", "bold"),
            " · ",
            (f"newsint show ID{on}", "bold"),
            "\nYour own articles: ",
            ("newsint ingest FOLDER-OR-FEED-OR-WARC", "bold"),
        )
    )
    web = load_config(None).web
    out.print(
        Text.assemble(
            "\nExplore it in your browser: ",
            (f"{_program()} serve{on}", "bold green"),
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
