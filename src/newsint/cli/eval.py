"""`newsint eval TASK`: score a task on the gold data and print tables (or JSON)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from newsint.cli.common import out as console  # wide tables when written to a file or a pipe
from newsint.evaluate import TASKS, task
from newsint.evaluate.common import EvalOptions, Report

DEFAULT_DATA = Path("../shared/data")


def print_report(report: Report, console: Console) -> None:
    # Everything but our own markup is escaped: notes, paths and cells may hold "[…]".
    head = f"[bold]{escape(report.task)}[/] on [bold]{escape(report.dataset)}[/]"
    if report.skipped:
        console.print(f"{head}: [yellow]{escape(report.skipped)}[/]")
        return
    console.print(f"{head} ({report.seconds:.1f} s)")
    for t in report.tables:
        table = RichTable(title=escape(t.title), box=box.SIMPLE_HEAD, title_justify="left")
        for c in t.columns:
            table.add_column(escape(str(c)))
        for row in t.rows:
            table.add_row(*[escape(f"{v:.3f}" if isinstance(v, float) else str(v)) for v in row])
        console.print(table)
        for note in t.notes:
            console.print(f"  [dim]{escape(note)}[/]")


def eval_command(
    name: Annotated[str, typer.Argument(help="Task to score, or 'all'.")],
    data: Annotated[Path, typer.Option("--data", help="Evaluation data folder.")] = DEFAULT_DATA,
    limit: Annotated[
        int | None, typer.Option("--limit", help="At most N documents per set.")
    ] = None,
    split: Annotated[
        str | None, typer.Option("--split", help="Only this split (train/dev).")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the reports as JSON.")
    ] = None,
) -> None:
    """Score newsint on real gold data; absent data sets are skipped with a note."""
    names = sorted(TASKS) if name == "all" else [name]
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        choices = ", ".join(["all", *sorted(TASKS)])
        console.print(f"[red]error[/] unknown task {unknown[0]!r} — use one of: {choices}")
        raise typer.Exit(2)
    options = EvalOptions(data=data, limit=limit, split=split)
    reports: list[Report] = []
    for n in names:
        start = time.perf_counter()
        for report in task(n)(options):
            report.seconds = report.seconds or time.perf_counter() - start
            reports.append(report)
            print_report(report, console)
    if json_out:
        json_out.write_text(json.dumps([r.to_dict() for r in reports], indent=2) + "\n")
