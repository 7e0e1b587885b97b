"""The dated, cited timeline: event records filtered by date range and topic, merged, conflicts kept.

Topic filter: with an engine, the topic is retrieved like a question (hybrid, time-aware) and an
event counts when its sentence lies in a retrieved chunk, or its document was retrieved and its
words match the topic; without one (or for documents retrieval missed), by word match alone.
An explicit year or month in the topic ("... in 2025") bounds the event dates when no
``since``/``until`` is given.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from llama_index.core.schema import NodeWithScore

from assistant.components.library import Library
from assistant.event_merge import RowSource, TimelineRow, rows_from_events, terms
from assistant.settings import Settings
from assistant.types import EventRecord
from ingest.dates import find_dates

logger = logging.getLogger(__name__)

__all__ = ["RowSource", "TimelineRow", "build_timeline", "timeline_to_text", "topic_terms", "topic_window"]

TOPIC_TOP_K = 30  # chunks retrieved for a topic
# Share of the topic's words an event must hold to count on word match alone.
WORD_MATCH_MIN = 0.5
# The most relevant events a topic timeline keeps (then shown in date order).
MAX_TOPIC_EVENTS = 30
_GENERIC = frozenset(
    terms("news events engagements updates developments latest timeline briefing story stories")
)


def topic_terms(topic: str) -> set[str]:
    """The topic's content words (crudely stemmed), without its date words."""
    text = topic.replace("–", " ").replace("—", " ").replace("-", " ")
    for span in find_dates(text, None):
        text = text.replace(span.text, " ")
    return terms(text) - {"202", "201", "200", "199"}


def topic_window(topic: str) -> tuple[str | None, str | None]:
    """(since, until) from an explicit year or month in the topic, e.g. "... in 2025"."""
    spans = [s for s in find_dates(topic, None) if s.granularity in ("year", "month", "day", "part_of_month")]
    if not spans:
        return None, None
    return min(s.start for s in spans).isoformat(), max(s.end for s in spans).isoformat()


def _iso(value: str | date | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _match_share(event: EventRecord, wanted: set[str], title: str) -> float:
    if not wanted:
        return 1.0
    have = terms(" ".join([event.what, event.sentence, title, *event.participants,
                           event.venue_city or "", event.venue_country or ""]))  # fmt: skip
    return len(wanted & have) / len(wanted)


def select_events(
    library: Library,
    *,
    since: str | None,
    until: str | None,
    topic: str | None,
    nodes: Sequence[NodeWithScore] | None,
) -> tuple[list[EventRecord], set[str] | None]:
    """(candidate events, ids of those that match the topic; None = all match).

    Candidates are the events of retrieved documents plus word-matched ones; an event matches
    when its sentence lies in a retrieved chunk and shares a topic word, or its document was
    retrieved and it holds half the topic's words, or it holds them all.
    """
    events = library.events(since=since, until=until)
    if not topic:
        return events, None
    wanted = topic_terms(topic) - _GENERIC or topic_terms(topic)
    chunks: dict[str, list[tuple[int, int]]] = {}
    for n in nodes or []:
        meta = n.node.metadata
        doc_id = str(meta.get("doc_id", ""))
        if doc_id:
            chunks.setdefault(doc_id, []).append((int(meta.get("start", 0)), int(meta.get("end", 0))))
    titles = {d["doc_id"]: d["title"] for d in library.list_documents()} if events else {}
    candidates, scored = [], []
    for e in events:
        share = _match_share(e, wanted, titles.get(e.doc_id, ""))
        spans = chunks.get(e.doc_id)
        in_chunk = spans is not None and any(s <= e.sentence_start < t for s, t in spans)
        if spans is not None or share >= WORD_MATCH_MIN:
            candidates.append(e)
        if (in_chunk and share > 0) or (spans is not None and share >= WORD_MATCH_MIN) or share >= 0.99:
            # Relevance: the sentence's own words first (a topical article also dates its backstory).
            own = _match_share(e, wanted, "")
            scored.append((own + 0.5 * in_chunk + 0.25 * share, e.event_id))
    scored.sort(reverse=True)
    return candidates, {event_id for _, event_id in scored[:MAX_TOPIC_EVENTS]}


def build_timeline(
    source: Library | Settings,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    topic: str | None = None,
    engine: Any | None = None,
    nodes: Sequence[NodeWithScore] | None = None,
    exclude_docs: set[str] | None = None,
) -> list[TimelineRow]:
    """Dated, cited timeline rows in date order.

    ``source``: the library (or settings, to open it). ``engine``: an ``Engine`` whose retrieval
    filters by ``topic`` (else word match). ``nodes``: already retrieved chunks (skips retrieval).
    ``exclude_docs``: documents whose events are left out (a briefing's "since last").
    """
    library = source if isinstance(source, Library) else Library(source.library_path)
    since_s, until_s = _iso(since), _iso(until)
    if topic and since_s is None and until_s is None:
        since_s, until_s = topic_window(topic)
    if topic and nodes is None and engine is not None:
        nodes = engine.retrieve(topic, since=_iso(since), until=_iso(until), top_k=TOPIC_TOP_K)
    events, keep = select_events(library, since=since_s, until=until_s, topic=topic, nodes=nodes)
    if exclude_docs:
        events = [e for e in events if e.doc_id not in exclude_docs]
    docs = library.get_documents(e.doc_id for e in events)
    rows = rows_from_events(events, docs, keep)
    logger.debug("timeline: %d events -> %d rows", len(events), len(rows))
    return rows


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_to_text(rows: Sequence[TimelineRow]) -> str:
    """A plain-text timeline for the terminal: one block per row, its sources quoted under it."""
    if not rows:
        return "No dated events found."
    lines = []
    for i, row in enumerate(rows):
        venue = f" — {row.venue}" if row.venue else ""
        people = f" ({', '.join(row.participants)})" if row.participants else ""
        flag = (
            f"  [CONFLICT: {row.conflict} differs from row {', '.join(str(j + 1) for j in row.conflict_with)}]"
            if row.conflict
            else ""
        )
        lines.append(f"{i + 1:>3}. {row.date_label:<16} {_cell(row.what, 90)}{venue}{people}")
        lines.append(f"     status: {row.status_text}{flag}")
        for s in row.sources:
            lines.append(f'     - {s.title} ({s.published or "undated"}): "{_cell(s.quote, 160)}"')
    return "\n".join(lines)
