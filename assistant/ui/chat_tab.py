"""Chat tab: streamed, cited answers beside a panel of the sources they quote.

Built on ``gr.ChatInterface``: its ``additional_inputs`` carry the filters and the per-browser
conversation state, its ``additional_outputs`` the sources panel, so streaming, stop, retry and
clear come from Gradio rather than being rebuilt here.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.engine import ChatSession
from assistant.errors import NewsdeskError
from assistant.types import Answer
from assistant.ui import render
from assistant.ui.context import AppContext

logger = logging.getLogger(__name__)


@dataclass
class ChatTab:
    chat: gr.ChatInterface
    sources: gr.HTML
    source_filter: gr.Dropdown
    conversation: gr.State


def parse_date_filter(value: Any, name: str) -> str | None:
    """A filter box's value -> ISO date (None when empty); a clear error naming the filter otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from ingest.pubdate import parse_published

    try:
        return parse_published(str(value).strip())
    except NewsdeskError as exc:
        raise NewsdeskError(f"{name}: {exc}") from None


def respond(
    ctx: AppContext,
    message: str,
    history: list[dict[str, Any]],
    since_value: Any,
    until_value: Any,
    as_of_value: Any,
    sources: list[str] | None,
    conversation: ChatSession | None,
) -> Iterator[tuple[str, str, ChatSession]]:
    """The ChatInterface function: yields (message so far, sources panel, this browser's session)."""
    conv = conversation if conversation is not None and history else ChatSession()  # no history: cleared
    # Retry/undo drop turns from the visible chat: keep the session's turns in step with it.
    shown = sum(1 for m in history if m.get("role") == "user")
    del conv.turns[shown:], conv.answers[shown:]
    question = (message or "").strip()
    if not question:
        yield "Ask a question about the articles in your library.", render.empty_sources_html(), conv
        return
    try:
        since = parse_date_filter(since_value, "Since")
        until = parse_date_filter(until_value, "Until")
        as_of = parse_date_filter(as_of_value, "As of")
    except NewsdeskError as exc:
        yield f"Check the date filter — {exc}", render.error_html(str(exc)), conv
        return
    yield "", render.pending_html(), conv
    text = ""
    answer: Answer | None = None
    try:
        # The filters apply to this question; the session's turns condense follow-ups.
        conv.as_of, conv.since, conv.until, conv.sources = as_of, since, until, list(sources or []) or None
        for item in ctx.engine.chat_stream(question, conv):
            if isinstance(item, str):
                text += item
                yield text, render.pending_html(), conv
            else:
                answer = item
    except NewsdeskError as exc:
        logger.warning("answer failed: %s", exc)
        yield f"Sorry — {exc}", render.error_html(str(exc)), conv
        return
    if answer is None:  # an engine that only streamed text: nothing verified to show
        yield text, render.error_html("The engine returned no verified answer."), conv
        return
    doc_ids = [c.doc_id for c in render.visible_citations(answer)]
    panel = render.sources_html(answer, ctx.doc_texts(doc_ids))
    # The final text replaces the streamed one: unsupported citations have been removed from it.
    yield render.answer_markdown(answer), panel, conv


def build_chat_tab(ctx: AppContext, source_choices: list[str]) -> ChatTab:
    conversation = gr.State(None)
    sources_panel = gr.HTML(render.empty_sources_html(), elem_id="nd-sources", render=False)
    with gr.Row(equal_height=False, elem_classes=["nd-chat-row"]):
        with gr.Column(scale=7, min_width=420, elem_classes=["nd-chat-col"]):
            with gr.Row(elem_classes=["nd-filters"]):
                since = gr.Textbox(
                    label="Since", placeholder="YYYY-MM-DD", scale=1, min_width=110, max_lines=1
                )
                until = gr.Textbox(
                    label="Until", placeholder="YYYY-MM-DD", scale=1, min_width=110, max_lines=1
                )
                as_of = gr.Textbox(
                    label="As of",
                    placeholder="no cut-off",
                    info=None,
                    scale=1,
                    min_width=110,
                    max_lines=1,
                    elem_id="nd-as-of",
                )
                source_filter = gr.Dropdown(
                    label="Sources",
                    choices=source_choices,
                    multiselect=True,
                    value=[],
                    scale=2,
                    min_width=160,
                    elem_id="nd-source-filter",
                )
            chatbot = gr.Chatbot(
                elem_id="nd-chatbot",
                height=560,
                show_label=False,
                placeholder=(
                    "<div class='nd-placeholder'><h2>What do you want to know?</h2>"
                    "<p>Ask about people, places and dates in your articles. Every answer cites the "
                    "sentence it comes from; if the sources do not say, Newsdesk tells you.</p></div>"
                ),
                buttons=["copy"],
                feedback_options=None,
                layout="bubble",
            )
            textbox = gr.Textbox(
                placeholder="Ask a question, e.g. who met whom, when and where…",
                show_label=False,
                submit_btn="Ask",
                stop_btn=True,
                elem_id="nd-question",
                autofocus=True,
            )

            def _respond(
                message: str, history: list[dict[str, Any]], *args: Any
            ) -> Iterator[tuple[str, str, ChatSession]]:
                yield from respond(ctx, message, history, *args)

            chat = gr.ChatInterface(
                _respond,
                chatbot=chatbot,
                textbox=textbox,
                additional_inputs=[since, until, as_of, source_filter, conversation],
                additional_outputs=[sources_panel, conversation],
                fill_height=False,
                autoscroll=True,
                api_name="ask",
            )
        with gr.Column(scale=5, min_width=320, elem_classes=["nd-side"]):
            sources_panel.render()  # type: ignore[no-untyped-call]
            with gr.Accordion("Engine settings", open=False, elem_id="nd-settings"):
                gr.HTML(render.settings_html(ctx.settings))
    chatbot.clear(
        lambda: (None, render.empty_sources_html()), outputs=[conversation, sources_panel], queue=False
    )
    return ChatTab(chat=chat, sources=sources_panel, source_filter=source_filter, conversation=conversation)
