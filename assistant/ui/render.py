"""HTML for the app's panels: header, source cards, refusal and empty states.

Pure functions over plain data (no Gradio), so they are unit-tested directly. Everything that comes
from a document or the LLM is HTML-escaped here; the only markup is ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlparse

from assistant.settings import Settings
from assistant.types import Answer, Citation

# How much of the stored document to show around a quoted sentence.
PASSAGE_CONTEXT_CHARS = 260
_CITE = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class CorpusStats:
    documents: int = 0
    articles: int = 0
    records: int = 0
    chunks: int = 0
    events: int = 0
    earliest: str | None = None
    latest: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_documents(cls, docs: list[dict[str, Any]]) -> CorpusStats:
        dates = sorted(d["published"] for d in docs if d.get("published"))
        sources = sorted({str(d["source"]) for d in docs if d.get("source")}, key=str.lower)
        return cls(
            documents=len(docs),
            articles=sum(1 for d in docs if d.get("kind") == "article"),
            records=sum(1 for d in docs if d.get("kind") == "record"),
            chunks=sum(int(d.get("chunks") or 0) for d in docs),
            events=sum(int(d.get("events") or 0) for d in docs),
            earliest=dates[0] if dates else None,
            latest=dates[-1] if dates else None,
            sources=tuple(sources),
        )


def format_date(iso: str | None) -> str:
    """'2025-08-13' -> '13 Aug 2025'; partial or odd dates are shown as given."""
    if not iso:
        return "date unknown"
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", iso[:10])
    if not match or not 1 <= int(match.group(2)) <= 12:
        return iso
    year, month, day = match.group(1), months[int(match.group(2)) - 1], match.group(3)
    return f"{int(day)} {month} {year}" if day else f"{month} {year}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def header_html(stats: CorpusStats, settings: Settings) -> str:
    if stats.documents:
        span = (
            f"{format_date(stats.earliest)} – {format_date(stats.latest)}"
            if stats.earliest and stats.earliest != stats.latest
            else format_date(stats.earliest)
        )
        facts = [
            _plural(stats.documents, "document"),
            _plural(stats.chunks, "passage"),
            _plural(stats.events, "dated event"),
            f"published {span}",
        ]
    else:
        facts = ["Library is empty: add articles in the Library tab"]
    chips = "".join(f'<span class="nd-stat">{escape(f)}</span>' for f in facts)
    model = settings.llm_model or ("built-in Qwen2.5 1.5B" if settings.llm_mode == "embedded" else "")
    engine = f"LLM: {settings.llm_mode}{' · ' + model if model else ''}"
    return (
        '<header class="nd-header">'
        '<div class="nd-brand"><span class="nd-logo" aria-hidden="true">N</span>'
        '<div><h1 class="nd-title">Newsdesk</h1>'
        '<p class="nd-tagline">Answers from your news archive — every claim cited, nothing leaves this machine.</p>'
        "</div></div>"
        f'<div class="nd-stats" data-testid="corpus-stats">{chips}'
        f'<span class="nd-stat nd-stat-engine" title="LLM backend">{escape(engine)}</span></div>'
        "</header>"
    )


def settings_html(settings: Settings) -> str:
    """The read-only engine settings panel."""
    model = settings.llm_model or (
        "built-in Qwen2.5-Coder-1.5B (GGUF)" if settings.llm_mode == "embedded" else "—"
    )
    reranker = (
        "off" if settings.reranker == "none" else f"on ({settings.reranker_model or settings.reranker})"
    )
    rows = [
        ("LLM backend", settings.llm_mode),
        ("LLM model", model),
        (
            "Embedding model",
            settings.embedding_model if settings.embedding_mode != "fake" else "fake (test profile)",
        ),
        ("Top-k passages", str(settings.top_k)),
        ("Evidence sentences", str(settings.evidence_k)),
        ("Reranker", reranker),
        ("Vector store", settings.chroma_url or "embedded Chroma"),
        ("Data folder", str(settings.home)),
    ]
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="nd-settings" data-testid="settings-table">{body}</table>'


def passage_window(
    text: str, start: int, end: int, context: int = PASSAGE_CONTEXT_CHARS
) -> tuple[str, str, str]:
    """(before, quote, after) around text[start:end], cut at word boundaries, with ellipses."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - context), min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    before = re.sub(r"\s+", " ", text[lo:start]).lstrip()
    after = re.sub(r"\s+", " ", text[end:hi]).rstrip()
    return ("…" if lo > 0 else "") + before, text[start:end], after + ("…" if hi < len(text) else "")


def visible_citations(answer: Answer) -> list[Citation]:
    """Supported citations only, in id order, one per id (unsupported ones never reach the reader)."""
    seen: dict[int, Citation] = {}
    for c in answer.citations:
        if c.supported and c.id not in seen:
            seen[c.id] = c
    return [seen[k] for k in sorted(seen)]


def source_card_html(citation: Citation, doc_text: str | None, context: int = PASSAGE_CONTEXT_CHARS) -> str:
    if doc_text is not None and doc_text[citation.start : citation.end] == citation.quote:
        before, quote, after = passage_window(doc_text, citation.start, citation.end, context)
    else:  # the stored text moved on (document re-ingested): show the quote alone
        before, quote, after = "", citation.quote, ""
    title = escape(citation.title or "Untitled")
    if citation.url:
        title = f'<a href="{escape(citation.url, quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    meta = [format_date(citation.published)]
    site = citation.source or (urlparse(citation.url).netloc if citation.url else "")
    if site:
        meta.insert(0, site)
    meta_html = " · ".join(escape(m) for m in meta)
    return (
        f'<article class="nd-card" id="nd-src-{citation.id}" data-testid="source-card">'
        f'<div class="nd-card-head"><span class="nd-num">{citation.id}</span>'
        f'<div><h3 class="nd-card-title">{title}</h3><p class="nd-card-meta">{meta_html}</p></div></div>'
        f'<p class="nd-passage">{escape(before)}<mark class="nd-quote">{escape(quote)}</mark>{escape(after)}</p>'
        "</article>"
    )


def sources_html(answer: Answer, doc_texts: dict[str, str]) -> str:
    """The sources panel for an answer: cards, or the refusal state."""
    cards = [source_card_html(c, doc_texts.get(c.doc_id)) for c in visible_citations(answer)]
    if answer.refused:
        # A refusal may still cite what the sources do say (e.g. only that an event was announced).
        said = f'<div class="nd-panel-head">What the sources do say</div>{"".join(cards)}' if cards else ""
        return refusal_html(answer) + said
    if not cards:
        return state_panel(
            "nd-empty",
            "No verified source",
            "The answer could not be tied to a sentence in your library, so no source is shown.",
        )
    head = f'<div class="nd-panel-head">{_plural(len(cards), "source")} for the latest answer</div>'
    return f'<section class="nd-sources" data-testid="sources">{head}{"".join(cards)}</section>'


def refusal_html(answer: Answer | None = None) -> str:
    scope = ""
    if answer is not None and answer.as_of:
        scope = f" as of {format_date(answer.as_of)}"
    return state_panel(
        "nd-refusal",
        "Not in the sources",
        f"Nothing in your library{escape(scope)} answers this question, so Newsdesk does not guess. "
        "Try widening the date range or removing source filters, or add articles that cover it.",
        testid="refusal",
    )


def pending_html() -> str:
    return state_panel(
        "nd-pending", "Reading the sources…", "Searching passages and checking every citation."
    )


def empty_sources_html() -> str:
    return state_panel(
        "nd-empty",
        "Sources appear here",
        "Each answer lists the articles it cites, with the quoted sentence highlighted in its passage.",
    )


def error_html(message: str) -> str:
    return state_panel("nd-error", "Something went wrong", escape(message), testid="error")


def state_panel(kind: str, title: str, body_html: str, testid: str = "sources-state") -> str:
    return (
        f'<section class="nd-state {kind}" data-testid="{testid}">'
        f'<h3 class="nd-state-title">{escape(title)}</h3><p>{body_html}</p></section>'
    )


def answer_markdown(answer: Answer) -> str:
    """The final chat message: the verified answer text, with a marker for a refusal."""
    text = answer.answer.strip()
    if answer.refused:
        return f"**Not in the sources.** {text}" if text else "**Not in the sources.**"
    return text


def citation_ids(text: str) -> list[int]:
    return [int(m.group(1)) for m in _CITE.finditer(text)]
