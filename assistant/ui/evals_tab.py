"""Evals tab: run an eval set against the live engine and show the score tables and chart.

The run, scoring and report files are the evals package's (``run_eval``, ``write_report``); this tab
only picks the set, reports progress per question and lays the results out.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import NewsdeskError
from assistant.ui.context import AppContext

logger = logging.getLogger(__name__)

DEFAULT_SET = "sample.jsonl"


def eval_set_choices() -> list[str]:
    """The eval sets shipped with the package (evals/sets)."""
    import evals

    sets_dir = Path(evals.__file__).resolve().parent / "sets"
    if not sets_dir.is_dir():
        return []
    return sorted(str(p) for p in sets_dir.iterdir() if p.suffix in {".jsonl", ".yaml", ".yml"})


def _default_choice(choices: list[str]) -> str | None:
    for choice in choices:
        if Path(choice).name == DEFAULT_SET:
            return choice
    return choices[0] if choices else None


def metric_rows(report: Any) -> list[list[str]]:
    from evals.report import METRICS, fmt

    return [
        [label.replace("@k", f"@{report.k}"), fmt(report.metrics.get(key), key)] for key, label, _ in METRICS
    ]


def category_rows(report: Any) -> list[list[Any]]:
    from evals.report import fmt

    return [
        [name, row.get("n", 0), fmt(row.get("score")), fmt(row.get("latency_mean"), "latency")]
        for name, row in report.categories.items()
    ]


def miss_rows(report: Any) -> list[list[str]]:
    rows = []
    for r in report.results:
        if r.correct:
            continue
        got = r.shown()
        rows.append([f"{r.item_id}#{r.turn}", r.question, r.expected or "(should refuse)", got[:200]])
    return rows


def summary_html(report: Any) -> str:
    from evals.report import fmt

    m = report.metrics
    cards = [
        ("Answer accuracy", fmt(m.get("accuracy"))),
        ("Refusal on unanswerable", fmt(m.get("refusal_rate"))),
        ("Citation precision", fmt(m.get("citation_precision"))),
        (f"Retrieval hit@{report.k}", fmt(m.get("hit_at_k"))),
        ("Latency p50", f"{fmt(m.get('latency_p50'), 'latency')} s"),
    ]
    items = "".join(
        f'<div class="nd-kpi"><div class="nd-kpi-value">{v}</div><div class="nd-kpi-label">{k}</div></div>'
        for k, v in cards
    )
    return f'<div class="nd-kpis" data-testid="eval-summary">{items}</div>'


def run_eval_set(
    ctx: AppContext, set_path: str | None, uploaded: str | None, k: int, progress: gr.Progress
) -> tuple[str, Any, Any, Any, str | None, list[str] | None]:
    from evals.report import write_report
    from evals.runner import run_eval
    from evals.schema import load_eval_set

    path = uploaded or set_path
    if not path:
        raise gr.Error("Pick an eval set or upload one (.jsonl or .yaml).")
    try:
        total = load_eval_set(path).n_questions
    except NewsdeskError as exc:
        raise gr.Error(str(exc)) from None
    done = [0]

    def tick(result: Any) -> None:
        done[0] += 1
        progress((done[0], total), desc=f"{result.item_id}: {'correct' if result.correct else 'miss'}")

    progress((0, total), desc="Starting")
    try:
        engine: Any = ctx.engine  # evals' EngineLike protocol types retrieve() loosely
        report = run_eval(engine, path, k=int(k), progress=False, library=ctx.library, on_result=tick)
    except NewsdeskError as exc:
        raise gr.Error(str(exc)) from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    paths = write_report(report, ctx.settings.home / "eval_reports" / stamp)
    return (
        summary_html(report),
        metric_rows(report),
        category_rows(report),
        miss_rows(report),
        str(paths["png"]),
        [str(paths["md"]), str(paths["json"])],
    )


def build_evals_tab(ctx: AppContext) -> None:
    choices = eval_set_choices()
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=280, elem_classes=["nd-card-block"]):
            gr.HTML(
                '<h2 class="nd-section-title">Measure answer quality</h2>'
                '<p class="nd-section-note">Runs every question of an eval set against this library '
                "and scores answers, refusals, citations and retrieval.</p>"
            )
            set_path = gr.Dropdown(
                label="Eval set",
                choices=[(Path(c).name, c) for c in choices],
                value=_default_choice(choices),
                allow_custom_value=True,
                elem_id="nd-eval-set",
            )
            uploaded = gr.File(label="…or upload your own (.jsonl / .yaml)", type="filepath", height=110)
            k = gr.Slider(1, 20, value=5, step=1, label="k for hit@k and MRR@k")
            run = gr.Button("Run eval", variant="primary", elem_id="nd-run-eval")
            files = gr.File(label="Report files", file_count="multiple", interactive=False, height=90)
        with gr.Column(scale=3, min_width=480, elem_classes=["nd-card-block"]):
            summary = gr.HTML('<p class="nd-section-note">Results appear here after a run.</p>')
            with gr.Row(equal_height=False):
                metrics = gr.Dataframe(
                    headers=["Metric", "Value"], datatype=["str", "str"], interactive=False,
                    label="Scores", elem_id="nd-eval-scores", column_widths=["70%", "30%"], elem_classes=["nd-table"],
                )  # fmt: skip
                categories = gr.Dataframe(
                    headers=["Category", "n", "Score", "Mean latency (s)"],
                    interactive=False,
                    label="By category",
                    elem_classes=["nd-table"],
                )
            chart = gr.Image(label="Scores by category and latency",
                elem_id="nd-eval-chart", type="filepath", interactive=False,
                             buttons=["download", "fullscreen"], height=340)  # fmt: skip
            misses = gr.Dataframe(
                headers=["Item", "Question", "Expected", "Answer"],
                column_widths=["18%", "40%", "20%", "22%"], interactive=False, wrap=True,
                label="Misses", max_height=360, elem_classes=["nd-table"],
            )  # fmt: skip

    def on_run(
        set_value: str | None,
        upload_value: str | None,
        k_value: int,
        progress: gr.Progress = gr.Progress(),  # noqa: B008
    ) -> tuple[str, Any, Any, Any, str | None, list[str] | None]:
        return run_eval_set(ctx, set_value, upload_value, k_value, progress)

    run.click(
        on_run, inputs=[set_path, uploaded, k], outputs=[summary, metrics, categories, misses, chart, files]
    )
