"""End-to-end briefings on the sample corpus (fake models), Markdown export, --since-last."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.briefing import Briefing, build_briefing, normalise_topic
from assistant.settings import Settings
from assistant.wiring import build_engine
from ingest.dates import find_dates
from ingest.pipeline import ingest_paths

TOPIC = "India–Russia engagements in 2025"


@pytest.fixture
def engine(settings: Settings, sample_dir: Path) -> Any:
    report = ingest_paths([str(sample_dir)], settings)
    assert report.failed == 0
    return build_engine(settings)


def _check_citations(briefing: Briefing, engine: Any) -> None:
    ids = {c.id for c in briefing.citations}
    for c in briefing.citations:
        doc = engine.library.get_document(c.doc_id)
        assert doc is not None and doc.text[c.start : c.end] == c.quote and c.supported
    for line in briefing.summary + briefing.key_points + briefing.conflicts:
        assert line.citations and set(line.citations) <= ids
    for cites in briefing.timeline_citations:
        assert cites and set(cites) <= ids


def test_brief_on_sample_lists_the_six_engagements_in_order(engine: Any) -> None:
    briefing = build_briefing(engine, TOPIC)
    rows = briefing.timeline
    got = [(r.date_start, r.granularity, r.venue_city, r.status) for r in rows]
    assert got == [
        ("2025-02-01", "month", "Johannesburg", "happened"),
        ("2025-05-01", "month", None, "happened"),  # the delegation visited Russia (no city)
        ("2025-06-21", "part_of_month", "Qingdao", "happened"),
        ("2025-07-06", "day", "Rio de Janeiro", "happened"),
        ("2025-07-15", "day", None, "happened"),
        ("2025-08-21", "day", "Moscow", "scheduled"),
    ]
    assert rows[1].venue_country == "Russia"
    assert "no source says it took place" in rows[-1].status_text
    assert not any(r.conflict for r in rows)
    # Every row is cited to a sentence that holds its date.
    by_id = {c.id: c for c in briefing.citations}
    for row, cites in zip(rows, briefing.timeline_citations, strict=True):
        start, end = date.fromisoformat(row.date_start), date.fromisoformat(row.date_end)
        quotes = [by_id[i] for i in cites]
        assert any(
            d.start <= end and start <= d.end
            for q in quotes
            for d in find_dates(q.quote, date.fromisoformat(q.published or "2025-08-13"))
        )
    assert 2 <= len(briefing.summary) <= 3 and briefing.key_points
    _check_citations(briefing, engine)


def test_llm_summary_is_checked_sentence_by_sentence(engine: Any) -> None:
    def reply(prompt: str) -> str:
        lines = re.findall(r"^\[(\d+)\] (.+)$", prompt, re.MULTILINE)
        assert len(lines) >= 2
        (n1, s1), (n2, s2) = lines[0], lines[1]
        return f"{s1} [{n1}] {s2} [{n2}] India and Russia signed a 40 billion dollar treaty in 1999 [{n1}]."

    engine.llm.enqueue(reply)
    briefing = build_briefing(engine, TOPIC)
    assert briefing.summary_mode == "llm"
    text = " ".join(line.text for line in briefing.summary)
    assert "1999" not in text and "treaty" not in text  # the unsupported sentence is gone
    assert len(briefing.summary) == 2
    prompt = engine.llm.prompts[-1]
    assert TOPIC in prompt and "<sources>" in prompt
    _check_citations(briefing, engine)


def test_unsupported_llm_summary_falls_back_to_extractive(engine: Any) -> None:
    engine.llm.enqueue("India and Russia signed a treaty in 1999 [1]. It was worth 40 billion dollars [2].")
    briefing = build_briefing(engine, TOPIC)
    assert briefing.summary_mode == "extractive"
    assert len(briefing.summary) >= 2
    assert any("extractive fallback" in note for note in briefing.notes)
    _check_citations(briefing, engine)


def test_markdown_and_dict_export(engine: Any, tmp_path: Path) -> None:
    briefing = build_briefing(engine, TOPIC, since="2025-06-01", until="2025-07-31")
    assert [r.date_start for r in briefing.timeline] == ["2025-06-21", "2025-07-06", "2025-07-15"]
    markdown = briefing.to_markdown()
    assert markdown.startswith(f"# Briefing: {TOPIC}")
    for heading in ("## Summary", "## Key points", "## Timeline", "## Sources"):
        assert heading in markdown
    assert "| Date | Event | Venue | Participants | Status | Sources |" in markdown
    assert "| 6 Jul 2025 |" in markdown and "Rio de Janeiro, Brazil" in markdown
    for c in briefing.citations:
        assert f"{c.id}. **" in markdown
    data = json.loads(json.dumps(briefing.to_dict()))
    assert data["topic"] == TOPIC and len(data["timeline"]) == 3
    assert all(row["citations"] for row in data["timeline"])


def test_since_last_only_shows_what_is_new(engine: Any, settings: Settings, tmp_path: Path) -> None:
    first = build_briefing(engine, TOPIC, since_last=True)
    assert len(first.timeline) == 6 and any("first briefing" in n for n in first.notes)
    again = build_briefing(
        engine, "india russia ENGAGEMENTS in 2025", since_last=True
    )  # same topic, normalised
    assert again.timeline == [] and again.summary == []
    assert any("nothing new" in n for n in again.notes) and again.since_last
    new = tmp_path / "new" / "talks.txt"
    new.parent.mkdir()
    new.write_text(
        "date 2025-09-02\n\nIndia and Russia held energy talks in New Delhi on September 1, 2025, "
        "where officials from both countries reviewed oil supplies.\n",
        encoding="utf-8",
    )
    assert ingest_paths([str(new)], settings).added == 1
    later = build_briefing(engine, TOPIC, since_last=True)
    assert [(r.date_start, r.venue_city) for r in later.timeline] == [("2025-09-01", "New Delhi")]
    state = json.loads((settings.state_path / "briefings.json").read_text(encoding="utf-8"))
    assert normalise_topic(TOPIC) in state
    # Without --since-last everything is shown again.
    assert len(build_briefing(engine, TOPIC).timeline) == 7


def test_unknown_topic_gives_an_empty_briefing(engine: Any) -> None:
    briefing = build_briefing(engine, "volcanic eruptions in Iceland in 1783")
    assert briefing.timeline == []
    assert "Nothing in the sources" in briefing.to_markdown() or briefing.summary


@pytest.mark.slow
def test_brief_with_the_real_models(real_settings_factory: Any, tmp_path: Path, sample_dir: Path) -> None:
    settings = real_settings_factory(tmp_path / "real")
    assert ingest_paths([str(sample_dir)], settings).failed == 0
    engine = build_engine(settings)
    briefing = build_briefing(engine, TOPIC)
    assert [r.date_start[:7] for r in briefing.timeline] == [
        "2025-02",
        "2025-05",
        "2025-06",
        "2025-07",
        "2025-07",
        "2025-08",
    ]
    assert briefing.timeline[-1].status == "scheduled"
    assert 2 <= len(briefing.summary) <= 3
    _check_citations(briefing, engine)


def test_a_windowed_briefing_retrieves_the_windows_articles_first() -> None:
    from types import SimpleNamespace

    from assistant.briefing import retrieve_for_window

    def node(node_id: str) -> Any:
        return SimpleNamespace(node=SimpleNamespace(node_id=node_id))

    calls: list[dict[str, Any]] = []

    class Stub:
        def retrieve(self, topic: str, **kw: Any) -> list[Any]:
            calls.append(kw)
            # stale chunks fill the unwindowed pool; the window's come only when asked for
            return [node("new"), node("old-1")] if kw.get("since") else [node("old-1"), node("old-2")]

    got = retrieve_for_window(Stub(), "storm", "2026-01-16", "2026-01-23")
    assert [n.node.node_id for n in got] == ["new", "old-1", "old-2"]
    assert {"since": "2026-01-16", "until": "2026-02-23"}.items() <= calls[-1].items()
    assert [n.node.node_id for n in retrieve_for_window(Stub(), "storm", None, None)] == ["old-1", "old-2"]
