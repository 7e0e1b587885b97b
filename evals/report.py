"""Eval reports: terminal table, report.json / report.md / report.png, comparison and thresholds."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.errors import NotFoundError
from evals.runner import EvalReport

logger = logging.getLogger(__name__)

# (key, label, higher is better); the order of every table.
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("accuracy", "answer accuracy (answerable)", True),
    ("short_answer_accuracy", "bare answer accuracy (answerable)", True),
    ("overall", "overall (refusals count on unanswerable)", True),
    ("refusal_rate", "refusal rate (unanswerable)", True),
    ("false_refusal_rate", "false-refusal rate (answerable)", False),
    ("hit_at_k", "retrieval hit@k", True),
    ("mrr_at_k", "retrieval MRR@k", True),
    ("citation_precision", "citation precision (ALCE)", True),
    ("citation_recall", "citation recall (ALCE)", True),
    ("cited_expected", "cites an expected document", True),
    ("latency_p50", "latency p50 (s)", False),
    ("latency_p95", "latency p95 (s)", False),
)
THRESHOLDS: dict[str, tuple[str, bool]] = {
    # threshold name -> (metric, is a minimum)
    "min_accuracy": ("accuracy", True),
    "min_citation_precision": ("citation_precision", True),
    "min_citation_recall": ("citation_recall", True),
    "min_refusal": ("refusal_rate", True),
    "max_false_refusal": ("false_refusal_rate", False),
    "min_hit_at_k": ("hit_at_k", True),
    "max_latency_p95": ("latency_p95", False),
}


def fmt(value: Any, key: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.2f}" if key.startswith("latency") else f"{value:.3f}"
    return str(value)


def _label(key: str, k: int) -> str:
    label = dict((m, lab) for m, lab, _ in METRICS).get(key, key)
    return label.replace("@k", f"@{k}")


# --- terminal --------------------------------------------------------------------------------
def render_table(report: EvalReport, console: Console | None = None) -> None:
    console = console or Console()
    m = report.metrics
    table = Table(title=f"Eval: {report.eval_set} ({m.get('questions')} questions, k={report.k})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, _, _ in METRICS:
        table.add_row(_label(key, report.k), fmt(m.get(key), key))
    console.print(table)
    cats = Table(title="by category")
    for col in ("category", "n", "score", "mean latency (s)"):
        cats.add_column(col, justify="left" if col == "category" else "right")
    for name, row in report.categories.items():
        cats.add_row(name, str(row["n"]), fmt(row["score"]), fmt(row["latency_mean"], "latency"))
    console.print(cats)
    misses = [r for r in report.results if not r.correct]
    if misses:
        wrong = Table(title=f"misses ({len(misses)})")
        for col in ("id", "question", "expected", "got"):
            wrong.add_column(col, overflow="fold")
        for r in misses:
            got = r.shown()
            wrong.add_row(f"{r.item_id}#{r.turn}", r.question, r.expected or "(refusal)", got[:120])
        console.print(wrong)
    for w in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")


# --- files -----------------------------------------------------------------------------------
def to_markdown(report: EvalReport, chart_name: str | None = "report.png") -> str:
    m = report.metrics
    lines = [
        f"# Eval report: `{report.eval_set}`",
        "",
        f"{m.get('questions')} questions ({m.get('answerable')} answerable, {m.get('unanswerable')} "
        f"unanswerable, {m.get('errors')} errors), k = {report.k}, {report.created}.",
        "",
    ]
    if report.config:
        lines += ["Config: " + ", ".join(f"`{k}={v}`" for k, v in report.config.items()), ""]
    lines += ["| metric | value |", "|---|---:|"]
    lines += [f"| {_label(key, report.k)} | {fmt(m.get(key), key)} |" for key, _, _ in METRICS]
    lines += ["", "## By category", "", "| category | n | score | mean latency (s) |", "|---|---:|---:|---:|"]
    for name, row in report.categories.items():
        lines.append(f"| {name} | {row['n']} | {fmt(row['score'])} | {fmt(row['latency_mean'], 'latency')} |")
    if chart_name:
        lines += ["", f"![scores and latency]({chart_name})"]
    lines += [
        "",
        "## Questions",
        "",
        "| id | question | expected | answer | ok | s |",
        "|---|---|---|---|:-:|--:|",
    ]
    for r in report.results:
        got = r.shown()
        cells = [f"{r.item_id}#{r.turn}", r.question, r.expected or "(refusal)", got[:160],
                 "✓" if r.correct else "✗", f"{r.latency_s:.1f}"]  # fmt: skip
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    if report.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in report.warnings]
    return "\n".join(lines) + "\n"


def write_chart(report: EvalReport, path: Path) -> Path:
    """Per-category scores (bars) beside the latency distribution (histogram), as a PNG."""
    import matplotlib

    matplotlib.use("Agg")  # no display; must precede pyplot
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    names = list(report.categories)
    scores = [report.categories[n]["score"] or 0.0 for n in names]
    bars = left.barh(names, scores, color="#2f6f9f")
    left.bar_label(bars, labels=[f"{s:.2f}" for s in scores], padding=3, fontsize=8)
    left.set_xlim(0, 1.1)
    left.invert_yaxis()
    left.set_xlabel("score (correct share)")
    acc = report.metrics.get("accuracy")
    left.set_title(f"By category (accuracy {fmt(acc)})")
    latencies = [r.latency_s for r in report.results if r.error is None]
    right.hist(latencies or [0.0], bins=min(20, max(5, len(latencies) // 2)), color="#9f6f2f")
    for key, style in (("latency_p50", "--"), ("latency_p95", ":")):
        value = report.metrics.get(key)
        if value is not None:
            right.axvline(value, color="black", linestyle=style, label=f"{key[8:]} {value:.2f}s")
    right.set_xlabel("seconds per question")
    right.set_ylabel("questions")
    right.set_title("Latency")
    if latencies:
        right.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def write_report(report: EvalReport, report_dir: str | Path) -> dict[str, Path]:
    """Write report.json, report.md and report.png under ``report_dir``; return their paths."""
    out = Path(report_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "png": out / "report.png"}
    paths["json"].write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    write_chart(report, paths["png"])
    paths["md"].write_text(to_markdown(report, paths["png"].name), encoding="utf-8")
    return paths


def load_report(path: str | Path) -> EvalReport:
    """A report written earlier: the report.json file or the directory holding it."""
    p = Path(path)
    if p.is_dir():
        p = p / "report.json"
    try:
        return EvalReport.from_dict(json.loads(p.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise NotFoundError(f"{p}: no such eval report") from None
    except (json.JSONDecodeError, TypeError, ValueError) as exc:
        raise NotFoundError(f"{p}: not an eval report.json ({exc})") from None


# --- comparison ------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeltaRow:
    metric: str
    old: float | None
    new: float | None
    delta: float | None
    better: bool | None  # None when unchanged or not comparable


def compare(old_report_path: str | Path | EvalReport, new: EvalReport) -> list[DeltaRow]:
    """Metric by metric, old vs new, with the delta and whether it moved the right way."""
    old = old_report_path if isinstance(old_report_path, EvalReport) else load_report(old_report_path)
    rows: list[DeltaRow] = []
    for key, _, higher in METRICS:
        a, b = old.metrics.get(key), new.metrics.get(key)
        if a is None or b is None:
            rows.append(DeltaRow(key, a, b, None, None))
            continue
        delta = float(b) - float(a)
        better = None if abs(delta) < 1e-9 else (delta > 0) == higher
        rows.append(DeltaRow(key, float(a), float(b), delta, better))
    return rows


def render_compare(rows: list[DeltaRow], console: Console | None = None, k: int = 5) -> None:
    table = Table(title="compared with the earlier report")
    for col in ("metric", "old", "new", "delta"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    for r in rows:
        sign = "" if r.delta is None else f"{r.delta:+.3f}"
        color = "green" if r.better else "red" if r.better is False else "white"
        table.add_row(
            _label(r.metric, k), fmt(r.old, r.metric), fmt(r.new, r.metric), f"[{color}]{sign}[/{color}]"
        )
    (console or Console()).print(table)


def compare_markdown(rows: list[DeltaRow], k: int = 5) -> str:
    lines = ["| metric | old | new | delta |", "|---|---:|---:|---:|"]
    for r in rows:
        delta = "" if r.delta is None else f"{r.delta:+.3f}"
        lines.append(f"| {_label(r.metric, k)} | {fmt(r.old, r.metric)} | {fmt(r.new, r.metric)} | {delta} |")
    return "\n".join(lines) + "\n"


# --- thresholds ------------------------------------------------------------------------------
@dataclass
class GateResult:
    passed: bool
    failures: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def check_thresholds(report: EvalReport, thresholds: dict[str, float | None]) -> GateResult:
    """Compare metrics with ``min_*`` / ``max_*`` thresholds; a metric that is n/a fails its gate."""
    failures: list[str] = []
    for name, limit in thresholds.items():
        if limit is None:
            continue
        if name not in THRESHOLDS:
            raise ValueError(f"unknown threshold '{name}' (known: {', '.join(sorted(THRESHOLDS))})")
        metric, is_min = THRESHOLDS[name]
        value = report.metrics.get(metric)
        if value is None:
            failures.append(f"{metric} is n/a (no question to measure it), {name} = {limit}")
        elif (is_min and value < limit) or (not is_min and value > limit):
            op = "<" if is_min else ">"
            failures.append(f"{metric} = {value:.3f} {op} {name} {limit}")
    return GateResult(passed=not failures, failures=failures)
