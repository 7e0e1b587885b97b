"""Briefing tab: topic + date range -> the cited briefing, its timeline table and a Markdown download.

The briefing itself (evidence, citation checks, timeline, conflicts, ``since_last`` memory) is
``assistant.briefing``'s; this tab lays it out: text with inline marks, the timeline as a table and
the cited sentences as the same source cards the chat uses.
"""

from __future__ import annotations

import logging
import re
import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.errors import NewsdeskError
from assistant.ui import render
from assistant.ui.chat_tab import parse_date_filter
from assistant.ui.context import AppContext

if TYPE_CHECKING:
    from assistant.briefing import Briefing

logger = logging.getLogger(__name__)

BRIEF_CONTEXT_CHARS = 90
TIMELINE_COLUMNS = ["Date", "Event", "Venue", "Participants", "Status", "Sources"]


def timeline_rows(briefing: Briefing) -> list[list[str]]:
    rows = []
    for row, cites in zip(briefing.timeline, briefing.timeline_citations, strict=True):
        status = row.status_text + (f" (conflicting {row.conflict})" if row.conflict else "")
        rows.append(
            [
                row.date_label,
                row.what,
                row.venue,
                ", ".join(row.participants),
                status,
                "".join(f"[{c}]" for c in cites),
            ]
        )
    return rows


def briefing_html(briefing: Briefing) -> str:
    """Summary, key points and conflicts (escaped; the [n] marks match the source cards)."""
    scope = []
    if briefing.since or briefing.until:
        scope.append(
            f"{render.format_date(briefing.since) if briefing.since else 'the start'} – "
            f"{render.format_date(briefing.until) if briefing.until else 'now'}"
        )
    if briefing.since_last:
        scope.append(f"new since the briefing of {briefing.since_last[:16].replace('T', ' ')}")
    meta = " · ".join(
        [f"{len(briefing.timeline)} dated events", f"{len(briefing.citations)} sources", *scope]
    )
    parts = [
        f'<article class="nd-brief" data-testid="briefing"><h2 class="nd-brief-title">{escape(briefing.topic)}</h2>',
        f'<p class="nd-brief-meta">{escape(meta)}</p>',
    ]
    parts += [f'<p class="nd-brief-note">{escape(n)}</p>' for n in briefing.notes]
    if briefing.empty:
        parts.append(
            render.state_panel(
                "nd-refusal",
                "Nothing on this topic in the sources",
                "No article in your library covers it in this date range. Try other words or a wider range.",
                testid="refusal",
            )
        )
    if briefing.summary:
        text = " ".join(line.render() for line in briefing.summary)
        parts.append(f'<p class="nd-brief-summary">{escape(text)}</p>')
    if briefing.key_points:
        items = "".join(f"<li>{escape(line.render())}</li>" for line in briefing.key_points)
        parts.append(f'<h3 class="nd-brief-h">Key points</h3><ul class="nd-brief-points">{items}</ul>')
    if briefing.conflicts:
        items = "".join(f"<li>{escape(line.render())}</li>" for line in briefing.conflicts)
        parts.append(
            f'<h3 class="nd-brief-h">Sources disagree</h3><ul class="nd-brief-points nd-conflicts">{items}</ul>'
        )
    parts.append("</article>")
    return "".join(parts)


def briefing_sources_html(ctx: AppContext, briefing: Briefing) -> str:
    cites = [c for c in briefing.citations if c.supported]
    if not cites:
        return ""
    texts = ctx.doc_texts([c.doc_id for c in cites])
    # Briefings cite many sentences: shorter passages keep the list scannable.
    cards = "".join(render.source_card_html(c, texts.get(c.doc_id), BRIEF_CONTEXT_CHARS) for c in cites)
    return (
        f'<details class="nd-sources nd-brief-sources" open><summary class="nd-panel-head">'
        f"{len(cites)} cited sentences</summary>{cards}</details>"
    )


def _slug(topic: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:60] or "briefing"


def make_briefing(
    ctx: AppContext, topic: str, since_value: Any, until_value: Any, since_last: bool
) -> tuple[str, list[list[str]], str, str]:
    """(briefing HTML, timeline rows, sources HTML, path of the Markdown download)."""
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
    path = Path(tempfile.mkdtemp(prefix="newsdesk-brief-")) / f"briefing-{_slug(topic)}.md"
    path.write_text(briefing.to_markdown(), encoding="utf-8")
    return briefing_html(briefing), timeline_rows(briefing), briefing_sources_html(ctx, briefing), str(path)


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
        with gr.Column(scale=3, min_width=480, elem_classes=["nd-card-block"]):
            body = gr.HTML(
                '<p class="nd-section-note">Your briefing appears here.</p>', elem_id="nd-briefing-body"
            )
            timeline = gr.Dataframe(
                headers=TIMELINE_COLUMNS,
                interactive=False,
                wrap=True,
                label="Timeline",
                column_widths=["11%", "28%", "13%", "17%", "21%", "10%"],
                max_height=720,
                elem_id="nd-timeline",
                elem_classes=["nd-table"],
            )
            sources = gr.HTML("", elem_id="nd-brief-sources")

    def on_brief(
        topic_value: str, since_value: str, until_value: str, last: bool
    ) -> tuple[str, Any, str, Any]:
        html, rows, sources_html, path = make_briefing(ctx, topic_value, since_value, until_value, last)
        return html, rows, sources_html, gr.DownloadButton(value=path, visible=True)

    inputs = [topic, since, until, since_last]
    outputs = [body, timeline, sources, download]
    go.click(on_brief, inputs=inputs, outputs=outputs)
    topic.submit(on_brief, inputs=inputs, outputs=outputs)
