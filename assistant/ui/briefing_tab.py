"""Briefing tab: topic + date range -> the cited briefing, its timeline table and a Markdown download."""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import NewsdeskError
from assistant.ui.chat_tab import parse_date_filter
from assistant.ui.context import AppContext

logger = logging.getLogger(__name__)

TIMELINE_COLUMNS = ["Date", "Event", "Venue", "Participants", "Status", "Source"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value if v)
    return str(value)


def timeline_rows(data: dict[str, Any]) -> list[list[str]]:
    """Rows of the briefing's timeline from ``Briefing.to_dict()``."""
    rows: list[list[str]] = []
    for row in data.get("timeline") or []:
        date = row.get("date") or row.get("date_text") or row.get("date_start") or ""
        venue = row.get("venue") or ", ".join(
            v for v in (row.get("venue_city"), row.get("venue_country")) if v
        )
        citation = row.get("citation") or row.get("citations") or ""
        if isinstance(citation, dict):
            citation = f"[{citation.get('id', '')}] {citation.get('title', '')}".strip()
        elif isinstance(citation, list):
            citation = " ".join(f"[{c.get('id', '')}]" if isinstance(c, dict) else str(c) for c in citation)
        rows.append(
            [
                _text(date),
                _text(row.get("event") or row.get("what")),
                _text(venue),
                _text(row.get("participants")),
                _text(row.get("status")),
                _text(citation),
            ]
        )
    return rows


def _slug(topic: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:60] or "briefing"


def make_briefing(
    ctx: AppContext, topic: str, since_value: Any, until_value: Any, since_last: bool
) -> tuple[str, list[list[str]], str | None]:
    """(briefing markdown, timeline rows, path of the .md download)."""
    from assistant.briefing import build_briefing

    topic = (topic or "").strip()
    if not topic:
        raise gr.Error("Name a topic first, e.g. a country pair, an organisation or an event.")
    try:
        since = parse_date_filter(since_value, "Since")
        until = parse_date_filter(until_value, "Until")
        briefing = build_briefing(ctx.engine, topic, since=since, until=until, since_last=bool(since_last))
    except NewsdeskError as exc:
        raise gr.Error(str(exc)) from None
    markdown = briefing.to_markdown()
    out_dir = Path(tempfile.mkdtemp(prefix="newsdesk-brief-"))
    path = out_dir / f"{_slug(topic)}.md"
    path.write_text(markdown, encoding="utf-8")
    return markdown, timeline_rows(briefing.to_dict()), str(path)


def build_briefing_tab(ctx: AppContext) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=280, elem_classes=["nd-card-block"]):
            gr.HTML(
                '<h2 class="nd-section-title">Brief me on…</h2>'
                '<p class="nd-section-note">A short summary, key points and a dated timeline, every line '
                "cited to the sentence it comes from.</p>"
            )
            topic = gr.Textbox(
                label="Topic", placeholder="e.g. trade talks between two countries", elem_id="nd-topic"
            )
            with gr.Row():
                since = gr.Textbox(label="Since", placeholder="YYYY-MM-DD", min_width=100, max_lines=1)
                until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", min_width=100, max_lines=1)
            since_last = gr.Checkbox(
                label="Only what is new since my last briefing on this topic", value=False
            )
            go = gr.Button("Write briefing", variant="primary", elem_id="nd-brief")
            download = gr.DownloadButton("Download Markdown", visible=False, elem_id="nd-brief-download")
        with gr.Column(scale=3, min_width=480, elem_classes=["nd-card-block", "nd-briefing"]):
            body = gr.Markdown(
                '<p class="nd-section-note">Your briefing appears here.</p>', elem_id="nd-briefing-body"
            )
            timeline = gr.Dataframe(
                headers=TIMELINE_COLUMNS,
                interactive=False,
                wrap=True,
                label="Timeline",
                column_widths=["12%", "34%", "14%", "18%", "10%", "12%"],
                elem_id="nd-timeline",
                elem_classes=["nd-table"],
            )

    def on_brief(topic_value: str, since_value: str, until_value: str, last: bool) -> tuple[str, Any, Any]:
        markdown, rows, path = make_briefing(ctx, topic_value, since_value, until_value, last)
        return markdown, rows, gr.DownloadButton(value=path, visible=path is not None)

    go.click(on_brief, inputs=[topic, since, until, since_last], outputs=[body, timeline, download])
    topic.submit(on_brief, inputs=[topic, since, until, since_last], outputs=[body, timeline, download])
