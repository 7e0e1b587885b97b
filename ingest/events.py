"""Event records extracted at ingest. (Owned by the events/briefing work; signatures are the contract.)"""

from __future__ import annotations

from assistant.types import DocumentRecord, EventRecord


def extract_events(doc: DocumentRecord) -> list[EventRecord]:
    """Event records found in an article's sentences, dates resolved against doc.published."""
    return []


def events_from_record(doc: DocumentRecord) -> list[EventRecord]:
    """Event records given by a related-records file (fields in doc.extra), validated."""
    return []
