"""Timeline rows: duplicates merged across sources, conflicting dates/venues kept and flagged."""

from __future__ import annotations

from pathlib import Path

from assistant.components.library import Library
from assistant.timeline import build_timeline, timeline_to_text, topic_terms, topic_window
from assistant.types import DocumentRecord
from ingest.events import events_from_record, extract_events


def _store(library: Library, doc: DocumentRecord) -> None:
    events = events_from_record(doc) if doc.kind == "record" else extract_events(doc)
    library.stage_document(doc, [], events)
    library.mark_complete(doc.doc_id)


def _article(doc_id: str, text: str, published: str = "2026-02-01") -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source_key=f"/x/{doc_id}.txt", content_hash=doc_id, title=f"Report {doc_id}",
                          text=text, published=published)  # fmt: skip


SUMMIT = "The climate summit of island nations will be held in {city} on March {day}, 2026, {who} said."


def _library(tmp_path: Path, *docs: DocumentRecord) -> Library:
    library = Library(tmp_path / "library.sqlite3")
    for doc in docs:
        _store(library, doc)
    return library


def test_different_dates_for_the_same_event_are_both_kept_and_flagged(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        _article("a", SUMMIT.format(city="Geneva", day=3, who="officials")),
        _article("b", SUMMIT.format(city="Geneva", day=5, who="organisers")),
    )
    rows = build_timeline(library)
    assert [r.date_start for r in rows] == ["2026-03-03", "2026-03-05"]
    assert all(r.conflict == "date" for r in rows)
    assert rows[0].conflict_with == [1] and rows[1].conflict_with == [0]
    assert {r.sources[0].doc_id for r in rows} == {"a", "b"}  # each side cited
    assert "CONFLICT" in timeline_to_text(rows)


def test_different_venues_on_the_same_day_conflict(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        _article("a", SUMMIT.format(city="Geneva", day=3, who="officials")),
        _article("c", SUMMIT.format(city="Vienna", day=3, who="diplomats")),
    )
    rows = build_timeline(library)
    assert len(rows) == 2 and {r.venue_city for r in rows} == {"Geneva", "Vienna"}
    assert all(r.conflict == "venue" for r in rows)


def test_a_series_of_meetings_is_not_a_conflict(tmp_path: Path) -> None:
    text = (
        "Foreign Minister Anna Kowalska met Chancellor Peter Brandt in Vienna on March 3, 2025.\n"
        "Kowalska and Brandt met in Lisbon on June 9, 2025, to discuss trade."
    )
    other = "Anna Kowalska and Peter Brandt met in Paris on October 2, 2025, to discuss energy."
    rows = build_timeline(
        _library(tmp_path, _article("s", text, "2025-11-01"), _article("t", other, "2025-11-02"))
    )
    assert [r.venue_city for r in rows] == ["Vienna", "Lisbon", "Paris"]
    assert not any(r.conflict for r in rows)


def test_the_same_event_from_an_article_and_a_record_is_one_row(tmp_path: Path) -> None:
    record = DocumentRecord(
        doc_id="r", source_key="/x/r.jsonl#1", content_hash="r", title="Summit in Geneva",
        text="Island nations will hold their climate summit in Geneva on March 3, 2026.", published="2026-02-02",
        kind="record",
        extra={"what": "Climate summit of island nations", "event_date": "2026-03-03", "venue_city": "Geneva",
               "venue_country": "Switzerland", "status": "scheduled"},
    )  # fmt: skip
    library = _library(tmp_path, _article("a", SUMMIT.format(city="Geneva", day=3, who="officials")), record)
    (row,) = build_timeline(library)
    assert row.what == "Climate summit of island nations"  # records are taken as given
    assert {s.doc_id for s in row.sources} == {"a", "r"}
    assert row.status == "scheduled" and "no source says it took place" in row.status_text
    assert "announced 1 Feb 2026" in row.status_text  # the earliest report


def test_date_range_and_topic_word_filter(tmp_path: Path) -> None:
    library = _library(
        tmp_path,
        _article("a", SUMMIT.format(city="Geneva", day=3, who="officials")),
        _article("k", "Chancellor Peter Brandt opened a steel plant in Hamburg on January 12, 2026."),
    )
    assert [r.sources[0].doc_id for r in build_timeline(library, since="2026-03-01")] == ["a"]
    assert [r.sources[0].doc_id for r in build_timeline(library, until="2026-02-01")] == ["k"]
    assert [r.sources[0].doc_id for r in build_timeline(library, topic="climate summit")] == ["a"]
    assert [r.sources[0].doc_id for r in build_timeline(library, topic="steel plant in 2026")] == ["k"]


def test_topic_helpers() -> None:
    assert topic_window("India–Russia engagements in 2025") == ("2025-01-01", "2025-12-31")
    assert topic_window("climate policy") == (None, None)
    assert {"india", "russia"} <= topic_terms("India–Russia engagements in 2025")
    assert not any(t.isdigit() for t in topic_terms("talks in 2025"))
