"""Library tab: add files (the ingest pipeline's formats and bad-input rules), list and remove documents.

Uploads are copied under ``home/uploads`` first: Gradio's temp paths change on every upload, while a
document's identity is its path, so re-uploading an edited file updates it instead of duplicating it.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import NewsdeskError
from assistant.types import IngestReport
from assistant.ui import render
from assistant.ui.context import AppContext

logger = logging.getLogger(__name__)

COLUMNS = ["Published", "Title", "Source", "Type", "Passages", "Events"]
ACCEPTED = ".txt .md .html .htm .json .jsonl .csv"


@dataclass
class LibraryTab:
    table: gr.Dataframe
    changed: list[Any] = field(default_factory=list)  # event dependencies after which the library changed


def uploads_dir(ctx: AppContext) -> Path:
    return ctx.settings.home / "uploads"


def document_rows(docs: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            render.format_date(d.get("published")),
            d.get("title") or "Untitled",
            d.get("source") or "",
            d.get("kind") or "",
            int(d.get("chunks") or 0),
            int(d.get("events") or 0),
        ]
        for d in docs
    ]


def document_choices(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (f"{d.get('title') or 'Untitled'} · {render.format_date(d.get('published'))}", d["doc_id"])
        for d in docs
    ]


def _file_outcome(name: str, report: IngestReport) -> tuple[str, str]:
    """(status, detail) for one uploaded file."""
    parts = []
    if report.added:
        parts.append(f"{report.added} added")
    if report.updated:
        parts.append(f"{report.updated} updated")
    if report.skipped:
        parts.append(f"{report.skipped} unchanged")
    if report.failed:
        parts.append(f"{report.failed} failed")
    status = "failed" if report.failed and not (report.added or report.updated or report.skipped) else (
        "partial" if report.failed else "ok"
    )  # fmt: skip
    return status, ", ".join(parts) or "nothing to add"


def results_html(rows: list[tuple[str, str, str, list[str]]]) -> str:
    """Per-file outcome list: (file name, status, summary, error messages)."""
    if not rows:
        return ""
    items = []
    for name, status, summary, errors in rows:
        errs = "".join(f"<li>{escape(e)}</li>" for e in errors)
        items.append(
            f'<li class="nd-upload nd-upload-{status}" data-testid="upload-result">'
            f'<span class="nd-upload-name">{escape(name)}</span>'
            f'<span class="nd-upload-summary">{escape(summary)}</span>'
            f"{f'<ul class=nd-upload-errors>{errs}</ul>' if errs else ''}</li>"
        )
    return f'<ul class="nd-uploads">{"".join(items)}</ul>'


def ingest_uploads(ctx: AppContext, files: list[str] | None, progress: gr.Progress) -> str:
    """Ingest each uploaded file on its own, so every file gets its own outcome and errors."""
    from ingest.pipeline import ingest_paths

    if not files:
        return ""
    target_dir = uploads_dir(ctx)
    target_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str, list[str]]] = []
    embed_model = ctx.embed_model()
    for i, tmp in enumerate(files):
        name = Path(tmp).name
        progress((i, len(files)), desc=f"Adding {name}")
        target = target_dir / name
        try:
            shutil.copyfile(tmp, target)
            report = ingest_paths(
                [str(target)], ctx.settings, embed_model=embed_model, library=ctx.library, progress=False
            )
        except NewsdeskError as exc:
            rows.append((name, "failed", "failed", [str(exc)]))
            continue
        except OSError as exc:
            rows.append(
                (name, "failed", "failed", [f"{name}: could not read the upload ({exc.strerror or exc})"])
            )
            continue
        status, summary = _file_outcome(name, report)
        # Messages name the stored copy's path; the reader knows the file by its name.
        errors = [f.message.replace(str(target), name) for f in report.failures]
        rows.append((name, status, summary, errors))
        if status == "failed":
            target.unlink(missing_ok=True)
    progress((len(files), len(files)), desc="Done")
    return results_html(rows)


def remove_document(ctx: AppContext, doc_id: str | None) -> str:
    from ingest.pipeline import remove_documents

    if not doc_id:
        return '<p class="nd-note">Pick a document to remove.</p>'
    doc = ctx.library.get_document(doc_id)
    if doc is None:
        return '<p class="nd-note">That document is no longer in the library.</p>'
    removed = remove_documents([doc_id], ctx.settings, library=ctx.library)
    if not removed:
        return f'<p class="nd-note">Could not remove “{escape(doc.title)}”.</p>'
    # Our own uploaded copy goes too, so the file is not silently re-added by a later folder ingest.
    if doc.path:
        path = Path(doc.path)
        if (
            path.parent == uploads_dir(ctx)
            and path.exists()
            and ctx.library.lookup_source(doc.source_key) is None
        ):
            path.unlink(missing_ok=True)
    return f'<p class="nd-note">Removed “{escape(doc.title)}”.</p>'


def build_library_tab(ctx: AppContext) -> LibraryTab:
    docs = ctx.documents()
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=300, elem_classes=["nd-card-block"]):
            gr.HTML(
                '<h2 class="nd-section-title">Add articles</h2>'
                f'<p class="nd-section-note">Articles ({escape(".txt .md .html")}) or records files '
                f"({escape('.json .jsonl .csv')}). A <code>date YYYY-MM-DD</code> line or front matter "
                "sets an article's published date. Files you add again are updated, never duplicated.</p>"
            )
            files = gr.File(
                label="Drop files here or click to browse",
                file_count="multiple",
                type="filepath",
                elem_id="nd-upload",
                height=150,
            )
            upload_result = gr.HTML("", elem_id="nd-upload-result")
        with gr.Column(scale=3, min_width=420, elem_classes=["nd-card-block"]):
            gr.HTML('<h2 class="nd-section-title">Your library</h2>')
            table = gr.Dataframe(
                value=document_rows(docs),
                headers=COLUMNS,
                datatype=["str", "str", "str", "str", "number", "number"],
                interactive=False,
                wrap=True,
                max_height=460,
                column_widths=["14%", "39%", "11%", "10%", "15%", "11%"],
                elem_id="nd-doc-table",
                elem_classes=["nd-table"],
                show_search="search",
            )
            with gr.Row(equal_height=True, elem_classes=["nd-remove-row"]):
                picked = gr.Dropdown(
                    label="Remove a document",
                    choices=document_choices(docs),
                    value=None,
                    scale=4,
                    elem_id="nd-remove-pick",
                )
                remove_btn = gr.Button(
                    "Remove", variant="stop", size="md", scale=1, min_width=100, elem_id="nd-remove"
                )
            remove_result = gr.HTML("")

    def refresh() -> tuple[Any, Any]:
        fresh = ctx.documents()
        return gr.Dataframe(value=document_rows(fresh)), gr.Dropdown(
            choices=document_choices(fresh), value=None
        )

    def on_upload(uploaded: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[str, None]:  # noqa: B008
        return ingest_uploads(ctx, uploaded, progress), None

    upload_event = files.upload(
        on_upload, inputs=[files], outputs=[upload_result, files], show_progress="full"
    ).then(refresh, outputs=[table, picked], queue=False, show_progress="hidden")
    remove_event = remove_btn.click(
        lambda doc_id: remove_document(ctx, doc_id), inputs=[picked], outputs=[remove_result]
    ).then(refresh, outputs=[table, picked], queue=False, show_progress="hidden")
    return LibraryTab(table=table, changed=[upload_event, remove_event])
