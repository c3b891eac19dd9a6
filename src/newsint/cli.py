"""Command line: thin over the library. Parse arguments, call newsint, print."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsint import brief
from newsint.api import analyze_paths, parse_published
from newsint.config import load_config
from newsint.errors import InputError, NewsintError
from newsint.evaluate.cli import eval_command
from newsint.export.cli import export_command
from newsint.model import Analysis

app = typer.Typer(
    name="newsint",
    help="News intelligence: clean text, entities, times, sourced claims, events, copies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


class Format(StrEnum):
    text = "text"
    json = "json"
    md = "md"


ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="TOML file overriding default settings.", show_default=False),
]


@app.callback()
def _root() -> None:
    """News intelligence: clean text, entities, times, sourced claims, events, copies."""


def fail(error: NewsintError) -> None:
    err.print(f"[bold red]error[/] {error.line()}", markup=True, highlight=False, soft_wrap=True)


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


def demo_files() -> list[Path]:
    """The bundled sample corpus (fictional articles written for newsint)."""
    from importlib import resources

    root = Path(str(resources.files("newsint.data").joinpath("demo")))
    return sorted(p for p in root.iterdir() if p.suffix in {".txt", ".html", ".json", ".jsonl"})


@app.command()
def demo(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or md.")] = Format.text,
) -> None:
    """Analyse the bundled sample corpus and print a brief for each article."""
    files = demo_files()
    if not files:
        err.print("The sample corpus is missing from this installation; reinstall newsint.")
        raise typer.Exit(2)
    err.print(f"Analysing {len(files)} bundled sample articles (fictional, written for newsint)…")
    analyze([str(f) for f in files], published=None, fmt=fmt, config=None)


def main() -> None:
    try:
        app()
    except NewsintError as exc:
        fail(exc)
        sys.exit(2)


if __name__ == "__main__":
    main()
