from __future__ import annotations

from pathlib import Path

from assistant.components.library import Library
from assistant.types import ChunkRecord, DocumentRecord, EventRecord


def _doc(
    doc_id: str, text: str = "Alpha met Beta in Paris. Then they left.", published: str = "2025-01-02"
) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source_key=f"/x/{doc_id}.txt", content_hash=f"h-{text}", title="T",
                          text=text, published=published)  # fmt: skip


def _event(doc_id: str, date: str) -> EventRecord:
    return EventRecord(event_id=f"{doc_id}-e", doc_id=doc_id, what="meeting", date_start=date, date_end=date,
                       granularity="day", date_text=date, status="happened", sentence_start=0, sentence_end=24,
                       sentence="Alpha met Beta in Paris.", participants=("Alpha", "Beta"))  # fmt: skip


def test_stage_then_complete_roundtrip(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    doc = _doc("d1")
    lib.stage_document(
        doc, [ChunkRecord("d1:0", "d1", 0, 0, 24, doc.text[:24])], [_event("d1", "2025-01-01")]
    )
    assert lib.pending_doc_ids() == ["d1"] and lib.count_documents() == 0
    assert list(lib.iter_chunks()) == []  # pending documents are invisible to retrieval
    lib.mark_complete("d1")
    assert lib.lookup_source("/x/d1.txt") == ("d1", doc.content_hash, "complete")
    assert lib.get_document("d1") == doc
    [(chunk, owner)] = list(lib.iter_chunks())
    assert owner.text[chunk.start : chunk.end] == chunk.text
    assert [e.participants for e in lib.events(since="2024-12-31", until="2025-01-01")] == [("Alpha", "Beta")]
    assert lib.events(since="2025-01-02") == []


def test_restage_replaces_chunks_and_events(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.stage_document(
        _doc("d1"), [ChunkRecord("d1:0", "d1", 0, 0, 5, "Alpha"), ChunkRecord("d1:1", "d1", 1, 6, 9, "met")]
    )
    lib.stage_document(_doc("d1", "New text."), [ChunkRecord("d1:0", "d1", 0, 0, 9, "New text.")])
    assert [c.text for c in lib.chunks_for("d1")] == ["New text."]


def test_alias_lookup_and_remove_cascades(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    lib.stage_document(
        _doc("d1"), [ChunkRecord("d1:0", "d1", 0, 0, 5, "Alpha")], [_event("d1", "2025-01-01")]
    )
    lib.mark_complete("d1")
    lib.add_alias("/y/copy.txt", "d1")
    assert lib.lookup_source("/y/copy.txt") is not None
    assert lib.find_by_hash(_doc("d1").content_hash, exclude_source="/y/copy.txt") == "d1"
    assert lib.remove_document("d1") is True
    assert lib.lookup_source("/y/copy.txt") is None and lib.chunks_for("d1") == [] and lib.events() == []
    assert lib.remove_document("d1") is False


def test_generation_counter(tmp_path: Path) -> None:
    lib = Library(tmp_path / "lib.sqlite3")
    assert lib.generation() == 0
    assert lib.bump_generation() == 1 and Library(tmp_path / "lib.sqlite3").generation() == 1
