"""`newsint eval TASK`: score a task on the gold data and print tables (or JSON); `newsint eval
gate`: the accuracy gate over the floors of eval-floors.toml."""

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

from newsint.cli.common import ConfigOpt, fail
from newsint.cli.common import out as console  # wide tables when written to a file or a pipe
from newsint.config import Config, load_config
from newsint.errors import NewsintError
from newsint.evaluate import TASKS, task
from newsint.evaluate.common import EvalOptions, Report
from newsint.evaluate.gate import Floor, Floors, read_floors, run_gate

DEFAULT_DATA = Path("../shared/data")
DEFAULT_FLOORS = Path("eval-floors.toml")


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
    name: Annotated[
        str, typer.Argument(help="Task to score, 'all', or 'gate' (the floors of --floors).")
    ],
    data: Annotated[Path, typer.Option("--data", help="Evaluation data folder.")] = DEFAULT_DATA,
    limit: Annotated[
        int | None, typer.Option("--limit", help="At most N documents per set.")
    ] = None,
    split: Annotated[
        str | None, typer.Option("--split", help="Only this split (train/dev).")
    ] = None,
    subset: Annotated[
        str | None,
        typer.Option("--set", help="factuality: only this set (uw, meantime or all)."),
    ] = None,
    errors: Annotated[
        int, typer.Option("--errors", help="factuality: also list the N worst errors.")
    ] = 0,
    ablate: Annotated[
        bool,
        typer.Option("--ablate", help="factuality: also score with one cue family off each time."),
    ] = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the reports as JSON.")
    ] = None,
    floors: Annotated[
        Path,
        typer.Option(
            "--floors",
            help="With gate: the floors file (which tasks to run, and each score's floor).",
        ),
    ] = DEFAULT_FLOORS,
    config: ConfigOpt = None,
) -> None:
    """Score newsint on real gold data; absent data sets are skipped with a note.

    `newsint eval gate` runs the dev sets the floors file names and exits 1 naming every score
    under its floor (the accuracy gate of `make gate` and CI)."""
    try:
        cfg = load_config(config)
        if name == "gate":
            passed = _gate(read_floors(floors), data, cfg, json_out)
            if not passed:
                raise typer.Exit(1)
            return
    except NewsintError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    names = sorted(TASKS) if name == "all" else [name]
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        choices = ", ".join(["all", "gate", *sorted(TASKS)])
        console.print(f"[red]error[/] unknown task {unknown[0]!r} — use one of: {choices}")
        raise typer.Exit(2)
    options = EvalOptions(
        data=data,
        limit=limit,
        split=split,
        config=cfg,
        subset=subset,
        errors=errors,
        ablate=ablate,
    )
    reports: list[Report] = []
    for n in names:
        start = time.perf_counter()
        for report in task(n)(options):
            report.seconds = report.seconds or time.perf_counter() - start
            reports.append(report)
            print_report(report, console)
    _write_json(json_out, reports)


def _gate(floors: Floors, data: Path, config: Config, json_out: Path | None) -> bool:
    """Run the gate, print each report and a table of every floor; True when all pass."""
    start = time.perf_counter()
    outcomes, reports = run_gate(floors, data, config, on_report=lambda r: print_report(r, console))
    table = RichTable(
        title=f"Accuracy gate ({time.perf_counter() - start:.0f} s)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for column in ("score", "floor", "measured", ""):
        table.add_column(column)
    for o in outcomes:
        measured = "not measured" if o.score is None else f"{o.score:.3f}"
        broken = _beyond(o.floor, o.score).rsplit(" ", 1)[0].upper()
        verdict = "[green]ok[/]" if o.passed else f"[bold red]{broken}[/]"
        table.add_row(escape(o.floor.name), o.floor.bound, measured, verdict)
    console.print(table)
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        measured = "was not measured" if o.score is None else f"is {o.score:.3f}"
        console.print(
            f"[bold red]gate failed[/] {escape(o.floor.name)} {measured}, "
            f"{_beyond(o.floor, o.score)}",
            highlight=False,
        )
    if not failed:
        console.print(f"gate passed: {len(outcomes)} scores at or above their floors")
    _write_json(json_out, reports)
    return not failed


def _beyond(floor: Floor, score: float | None) -> str:
    """Which bound a failed score broke: "under its floor 0.900" or "over its ceiling 0.440"."""
    if floor.ceiling is not None and (floor.floor is None or (score or 0.0) > floor.ceiling):
        return f"over its ceiling {floor.ceiling:.3f}"
    return f"under its floor {floor.floor:.3f}"


def _write_json(path: Path | None, reports: list[Report]) -> None:
    if path:
        path.write_text(json.dumps([r.to_dict() for r in reports], indent=2) + "\n")
