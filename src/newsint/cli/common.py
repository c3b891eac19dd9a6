"""What every command shares: the consoles, the option types, one-line errors, the corpus opener."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from newsint.config import load_config
from newsint.errors import NewsintError

if TYPE_CHECKING:
    from newsint.corpus.api import Corpus

# Piped or redirected output is read in a file or pager, not an 80-column terminal: give the
# brief's tables room unless $COLUMNS says otherwise.
out = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 120)
err = Console(stderr=True)


class Format(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    markdown = "markdown"  # the spelled-out name newcomers type: the same as md

    @property
    def is_markdown(self) -> bool:
        return self in (Format.md, Format.markdown)


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


def fail(error: NewsintError) -> None:
    line = escape(error.line())  # an error names things like newsint[ray]: not markup
    err.print(f"[bold red]error[/] {line}", markup=True, highlight=False, soft_wrap=True)


def missing_corpus(path: Path, db: str | None) -> NewsintError:
    """ "No corpus here", naming the file looked for, how to make one, and the corpora that do
    exist beside it (a newcomer's demo may be in another file)."""
    which = "the default database" if db is None else "the file --db names"
    others = sorted(p.name for p in path.parent.glob("*.db") if p.is_file())
    beside = (
        f"; corpora in {path.parent}: {', '.join(others)} (give one with --db)" if others else ""
    )
    return NewsintError(
        str(path),
        f"no corpus here ({which})",
        "make one with `newsint demo` (the sample corpus) or `newsint ingest PATH...`, or give "
        f"--db FILE or set $NEWSINT_DB{beside}",
    )


# Said once, when opening a corpus rewrote what was stored under other grading settings.
REBUILT = (
    "Regraded {db}: the grading settings (data/grading.toml, [grade], the outlet and leak word "
    "lists) or newsint's version changed since its grades were written, so its corpus grades, "
    "claims list, story counts and timeline were rebuilt by these settings."
)


@contextmanager
def open_corpus(
    db: str | None, config: Path | None = None, must_exist: bool = True
) -> Iterator[Corpus]:
    """The corpus at --db, closed after; a NewsintError inside becomes one line and exit 2.

    A query on a SQLite file that does not exist is an error, not a silently created empty
    database."""
    from newsint.corpus.api import Corpus
    from newsint.corpus.store.store import database_url

    try:
        url = database_url(db)
        if must_exist and url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                raise missing_corpus(path, db)
        with Corpus(db, load_config(config)) as corpus:
            if corpus.store.summaries_rebuilt:
                err.print(REBUILT.format(db=corpus.store.shown), markup=False, highlight=False)
            yield corpus
    except NewsintError as exc:
        fail(exc)
        raise typer.Exit(2) from None


def emit(data: Any, fmt: Output, renderable: Any = None) -> None:
    from newsint.present import tables

    if fmt is Output.json:
        out.file.write(tables.dumps(data) + "\n")
    else:
        out.print(renderable)
