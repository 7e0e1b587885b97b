"""What ``newsdesk eval`` does, kept here so the CLI stays a thin face."""

from __future__ import annotations

import logging
from pathlib import Path

from rich.console import Console

from assistant.settings import Settings
from evals.report import check_thresholds, compare, render_compare, render_table, write_report
from evals.runner import run_eval
from evals.schema import load_eval_set

logger = logging.getLogger(__name__)


def run_eval_command(
    settings: Settings,
    eval_set: Path,
    *,
    report_dir: Path | None = None,
    compare_to: Path | None = None,
    k: int = 5,
    thresholds: dict[str, float | None] | None = None,
    progress: bool = True,
    console: Console | None = None,
) -> int:
    """Run the set against the corpus in ``settings.home``; print, write, compare and gate.

    Returns the exit code: 0 when every given threshold holds, 1 otherwise.
    """
    from assistant.wiring import build_engine

    console = console or Console()
    load_eval_set(eval_set)  # a malformed set fails before the models load
    engine = build_engine(settings)
    report = run_eval(engine, eval_set, k=k, progress=progress)
    render_table(report, console)
    if report_dir is not None:
        paths = write_report(report, report_dir)
        console.print("written: " + ", ".join(str(p) for p in paths.values()))
    if compare_to is not None:
        render_compare(compare(compare_to, report), console, k=k)
    gate = check_thresholds(report, thresholds or {})
    for failure in gate.failures:
        console.print(f"[red]threshold failed:[/red] {failure}")
    if thresholds and any(v is not None for v in thresholds.values()) and gate.passed:
        console.print("[green]all thresholds met[/green]")
    return gate.exit_code
