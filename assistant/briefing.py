"""Cited briefings: a 2–3 sentence summary, key points, a dated timeline table and conflicts.

Every line is cited to stored sentences and checked with the answering engine's citation check
(``assistant.citations``). The summary is the LLM's (compact prompt: a few selected evidence
sentences) when every kept sentence passes the check; otherwise it falls back to extractive,
cited sentences. ``since_last`` remembers, per normalised topic under ``settings.state_path``,
which documents earlier briefings drew on, and leaves them out.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from llama_index.core.base.llms.types import ChatMessage, MessageRole

import prompts
from assistant.briefing_render import Briefing, BriefLine
from assistant.citations import (
    is_refusal,
    parse_citation_ids,
    split_answer_sentences,
    strip_citations,
    verify_answer,
)
from assistant.components.library import Library
from assistant.evidence import format_evidence
from assistant.timeline import TOPIC_TOP_K, TimelineRow, build_timeline
from assistant.types import Citation, Evidence
from ingest.dates import find_dates

logger = logging.getLogger(__name__)

__all__ = ["BriefLine", "Briefing", "build_briefing", "normalise_topic"]

SUMMARY_EVIDENCE = 6  # sentences the LLM reads for the summary (keeps the prompt ~300 tokens)
KEY_POINTS = 5
MAX_TIMELINE_ROWS = 60
MAX_POINT_CHARS = 280
STATE_FILE = "briefings.json"


def normalise_topic(topic: str) -> str:
    """The key a topic's briefing state is kept under: case, dashes and spacing do not matter."""
    text = unicodedata.normalize("NFKC", topic).casefold()
    return " ".join(re.findall(r"[\w]+", text))


def _iso(value: str | date | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


class _Book:
    """Numbers citations in order of first use; a quote must still be the stored text."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.ids: dict[tuple[str, int, int], int] = {}
        self.citations: list[Citation] = []

    def cite(self, doc_id: str, start: int, end: int, title: str = "", published: str | None = None,
             source: str | None = None, url: str | None = None) -> int | None:  # fmt: skip
        key = (doc_id, start, end)
        if key in self.ids:
            return self.ids[key]
        doc = self.library.get_document(doc_id)
        if doc is None or not doc.text[start:end].strip():
            return None
        cid = len(self.citations) + 1
        self.ids[key] = cid
        self.citations.append(Citation(cid, doc_id, doc.title or title, doc.source or source, doc.url or url,
                                       doc.published or published, doc.text[start:end], start, end, True))  # fmt: skip
        return cid

    def cite_evidence(self, ev: Evidence) -> int | None:
        return self.cite(ev.doc_id, ev.start, ev.end, ev.title, ev.published, ev.source, ev.url)


# -- state for --since-last ---------------------------------------------------------------------
def _state_file(settings: Any) -> Path:
    return Path(settings.state_path) / STATE_FILE


def _load_state(settings: Any) -> dict[str, Any]:
    path = _state_file(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        logger.warning("briefing state %s is unreadable (%s); starting afresh", path, exc)
        return {}


def _save_state(settings: Any, state: dict[str, Any]) -> None:
    path = _state_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".briefings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(state, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)  # atomic: a crash never leaves half a state file


# -- summary ------------------------------------------------------------------------------------
def _llm_summary(
    engine: Any, topic: str, items: Sequence[Evidence]
) -> tuple[list[tuple[str, list[Evidence]]], str]:
    """(sentence, its evidence) pairs from the LLM that pass the citation check, and a note."""
    if not items:
        return [], "no evidence"
    user = prompts.render_prompt("brief_user", topic=topic, evidence=format_evidence(items))
    messages = [ChatMessage(role=MessageRole.SYSTEM, content=prompts.load_prompt("brief_system")),
                ChatMessage(role=MessageRole.USER, content=user)]  # fmt: skip
    try:
        reply = _generate(engine.llm, messages)
    except Exception as exc:  # a failing backend must not lose the briefing: fall back
        logger.warning("briefing LLM call failed: %s", exc)
        return [], f"LLM failed: {exc}"
    if not reply.strip() or is_refusal(reply):
        return [], "LLM gave no summary"
    verified = verify_answer(_protect_abbreviations(reply), items)
    lines: list[tuple[str, list[Evidence]]] = []
    for sentence in split_answer_sentences(verified.text):
        used = [verified.used[i - 1] for i in parse_citation_ids(sentence) if 0 < i <= len(verified.used)]
        body = strip_citations(sentence).strip()
        if used and body and body.lower() not in {b.lower() for b, _ in lines}:  # small models repeat
            lines.append((body, used))
    note = f"{len(verified.removed)} unsupported sentence(s) removed" if verified.removed else ""
    return lines[:3], note


# A reply sentence ends with its citation: "... [2]." Three of them make a full summary.
_CITED_END = re.compile(r"\[\d{1,3}\]\s*[.!?]|[.!?]\s*\[\d{1,3}\]")
_ABBREV_DOT = re.compile(
    r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|St|Jr|Sr|Prof)\.(?=\s)"
)


def _generate(llm: Any, messages: list[ChatMessage]) -> str:
    """Stream the reply and stop after three cited sentences (the 2–3 we keep): no tokens are
    spent on the repetitions a small model adds."""
    text = ""
    for chunk in llm.stream_chat(messages):
        text = chunk.message.content or text
        if len(_CITED_END.findall(text)) >= 3:
            break
    return text


def _protect_abbreviations(text: str) -> str:
    """ "Jan. 3" -> "Jan 3": the citation check splits sentences at any ". " before a capital or digit."""
    return _ABBREV_DOT.sub(r"\1", text)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_POINT_CHARS else text[: MAX_POINT_CHARS - 1].rsplit(" ", 1)[0] + " …"


def _extractive(
    items: Sequence[Evidence], n: int, skip: set[tuple[str, int, int]]
) -> list[tuple[str, list[Evidence]]]:
    """The best evidence sentences themselves, one per document first."""
    out: list[tuple[str, list[Evidence]]] = []
    docs: set[str] = set()
    for prefer_new_doc in (True, False):
        for ev in items:
            key = (ev.doc_id, ev.start, ev.end)
            if len(out) >= n or key in skip or (prefer_new_doc and ev.doc_id in docs):
                continue
            if ev.text.rstrip(" \"”’'").endswith("?") or len(ev.text.split()) < 6:
                continue  # questions (subheadings) and fragments are not points
            if any(key == (e.doc_id, e.start, e.end) for _, used in out for e in used):
                continue
            # Checked like any other line (a clipped sentence still carries its facts).
            if verify_answer(f"{_clip(ev.text)} [{ev.n}]", [ev]).supported_sentences:
                out.append((_clip(ev.text), [ev]))
                docs.add(ev.doc_id)
    return out


def _lines(book: _Book, pairs: Sequence[tuple[str, Sequence[Evidence]]]) -> list[BriefLine]:
    lines = []
    for text, used in pairs:
        ids = [cid for ev in used if (cid := book.cite_evidence(ev)) is not None]
        if ids:
            lines.append(BriefLine(text, list(dict.fromkeys(ids))))
    return lines


def _row_cites(book: _Book, row: TimelineRow) -> list[int]:
    ids = [book.cite(s.doc_id, s.start, s.end, s.title, s.published, s.source, s.url) for s in row.sources]
    return list(dict.fromkeys(i for i in ids if i is not None))


def _conflict_lines(rows: Sequence[TimelineRow], cites: Sequence[list[int]]) -> list[BriefLine]:
    lines = []
    for i, row in enumerate(rows):
        for j in row.conflict_with:
            if j <= i or j >= len(rows):
                continue
            other = rows[j]
            a = f"{row.date_label}{', ' + row.venue if row.venue else ''}"
            b = f"{other.date_label}{', ' + other.venue if other.venue else ''}"
            text = f"Sources disagree on the {row.conflict} of “{row.what}”: {a} {_marks(cites[i])} vs {b} {_marks(cites[j])}"
            lines.append(BriefLine(text, list(dict.fromkeys(cites[i] + cites[j])), inline=True))
    return lines


def _in_window(ev: Evidence, since: str | None, until: str | None) -> bool:
    """Published in the window, or naming a date in it."""
    lo, hi = since or "0000-00-00", until or "9999-99-99"
    if ev.published and lo <= ev.published[:10] <= hi:
        return True
    base = date.fromisoformat(ev.published[:10]) if ev.published else None
    return any(lo <= d.end.isoformat() and d.start.isoformat() <= hi for d in find_dates(ev.text, base))


def _with_row_sentences(items: list[Evidence], rows: Sequence[TimelineRow], limit: int) -> list[Evidence]:
    """Selected evidence, topped up with the timeline's own (dated, on-topic) sentences."""
    out = list(items)
    have = {(e.doc_id, e.start, e.end) for e in out}
    for row in rows:
        if len(out) >= limit:
            break
        s = row.sources[0]
        if (s.doc_id, s.start, s.end) not in have:
            have.add((s.doc_id, s.start, s.end))
            out.append(
                Evidence(0, s.doc_id, s.title, s.published, s.source, s.url, s.quote, s.start, s.end, 0.0)
            )
    return _renumber(out)


def _renumber(items: Sequence[Evidence]) -> list[Evidence]:
    return [replace(ev, n=i) for i, ev in enumerate(items, start=1)]


def _marks(ids: Sequence[int]) -> str:
    return "".join(prompts.format_citation(i) for i in ids)


# -- the briefing -------------------------------------------------------------------------------
# Articles published up to this long after the window's end still report what happened in it.
REPORTED_AFTER = timedelta(days=31)


def retrieve_for_window(engine: Any, topic: str, since: str | None, until: str | None) -> list[Any]:
    """The topic's chunks: those published in (or just after) the window first, then the rest."""
    everywhere = engine.retrieve(topic, top_k=TOPIC_TOP_K)
    if not since and not until:
        return list(everywhere)
    late = (date.fromisoformat(until) + REPORTED_AFTER).isoformat() if until else None
    windowed = engine.retrieve(topic, since=since, until=late, top_k=TOPIC_TOP_K)
    have = {n.node.node_id for n in windowed}
    return [*windowed, *(n for n in everywhere if n.node.node_id not in have)]


def build_briefing(
    engine: Any,
    topic: str,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    since_last: bool = False,
) -> Briefing:
    """A cited briefing on ``topic`` from the engine's corpus (see the module docstring)."""
    t0 = time.perf_counter()
    settings, library = engine.settings, engine.library
    since_s, until_s = _iso(since), _iso(until)
    key = normalise_topic(topic)
    state = _load_state(settings)
    previous = state.get(key) if isinstance(state.get(key), dict) else None
    seen: set[str] = set(previous.get("doc_ids", [])) if since_last and previous else set()
    notes: list[str] = []
    if since_last and previous is None:
        notes.append("first briefing on this topic: everything is new")

    # The window applies to event dates (timeline) and to evidence (reported in it, or dated in
    # it); retrieval only leans on it: first the articles published from its start to a month
    # after its end (they report its events), then the rest (an earlier article may announce
    # them). Unwindowed alone, a topic's stale articles can fill the whole pool.
    nodes = retrieve_for_window(engine, topic, since_s, until_s)
    retrieved_docs = {str(n.node.metadata.get("doc_id", "")) for n in nodes}
    nodes = [n for n in nodes if str(n.node.metadata.get("doc_id", "")) not in seen]
    timings = {"retrieve": time.perf_counter() - t0}

    evidence = (
        engine.selector.select(topic, nodes, k=SUMMARY_EVIDENCE + KEY_POINTS + 1).items if nodes else []
    )
    if since_s or until_s:
        evidence = _renumber([ev for ev in evidence if _in_window(ev, since_s, until_s)])
    rows = build_timeline(
        library, since=since_s, until=until_s, topic=topic, nodes=nodes, exclude_docs=seen or None
    )
    rows = rows[:MAX_TIMELINE_ROWS]
    evidence = _with_row_sentences(evidence, rows, SUMMARY_EVIDENCE + KEY_POINTS + 1)
    timings["evidence_timeline"] = time.perf_counter() - t0 - timings["retrieve"]

    book = _Book(library)
    t1 = time.perf_counter()
    summary_pairs, note = _llm_summary(engine, topic, evidence[:SUMMARY_EVIDENCE])
    timings["llm"] = time.perf_counter() - t1
    mode = "llm"
    if len(summary_pairs) < min(2, len(evidence)):
        if note:
            notes.append(f"summary: {note}; extractive fallback used")
        summary_pairs = _extractive(evidence, 3 if len(evidence) > 4 else 2, set())
        mode = "extractive" if summary_pairs else "none"
    summary = _lines(book, summary_pairs)
    used = {(e.doc_id, e.start, e.end) for _, evs in summary_pairs for e in evs}
    key_points = _lines(book, _extractive(evidence, KEY_POINTS, used))
    row_cites = [_row_cites(book, r) for r in rows]
    conflicts = _conflict_lines(rows, row_cites)

    previous_run = previous.get("last_run") if previous else None
    if since_last and previous_run and not (summary or rows):
        notes.append(f"nothing new since the last briefing on this topic ({previous_run})")
    docs_now = retrieved_docs | {s.doc_id for r in rows for s in r.sources}
    state[key] = {
        "topic": topic,
        "last_run": datetime.now(UTC).isoformat(timespec="seconds"),
        "doc_ids": sorted((set(previous.get("doc_ids", [])) if previous else set()) | docs_now),
    }
    try:
        _save_state(settings, state)
    except OSError as exc:
        notes.append(f"could not remember this briefing for --since-last: {exc}")
    timings["total"] = time.perf_counter() - t0
    return Briefing(
        topic=topic,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        since=since_s,
        until=until_s,
        since_last=previous_run if since_last else None,
        summary=summary,
        summary_mode=mode,
        key_points=key_points,
        timeline=rows,
        timeline_citations=row_cites,
        conflicts=conflicts,
        citations=book.citations,
        notes=notes,
        timings=timings,
    )
