"""The library: a SQLite ledger of documents, chunks and event records under ``home``.

Why our own store beside Chroma: citations must quote ``text[start:end]`` of the *stored*
document, ingest must be idempotent and crash-safe (a document is ``pending`` until its
vectors are in Chroma, then ``complete``), BM25 is rebuilt from it without re-reading files,
and event records need date-range queries. Chroma holds the vectors (and a copy of the chunk
text and metadata for filtering); this ledger is the source of truth for everything else.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from assistant.types import ChunkRecord, DocumentRecord, EventRecord

DocState = Literal["pending", "complete"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source_key TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published TEXT,
    source TEXT,
    url TEXT,
    path TEXT,
    kind TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE TABLE IF NOT EXISTS aliases (
    source_key TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    granularity TEXT,
    date_text TEXT NOT NULL,
    status TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    venue_city TEXT,
    venue_country TEXT,
    participants TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    from_record INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_DOC_COLS = "doc_id, source_key, content_hash, title, text, published, source, url, path, kind, extra"
_EVENT_COLS = (
    "event_id, doc_id, what, date_start, date_end, granularity, date_text, status, sentence_start, "
    "sentence_end, sentence, venue_city, venue_country, participants, published, from_record"
)


def _doc(row: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(
        doc_id=row["doc_id"],
        source_key=row["source_key"],
        content_hash=row["content_hash"],
        title=row["title"],
        text=row["text"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
        path=row["path"],
        kind=row["kind"],
        extra=json.loads(row["extra"]),
    )


def _event(row: sqlite3.Row) -> EventRecord:
    return EventRecord(
        event_id=row["event_id"],
        doc_id=row["doc_id"],
        what=row["what"],
        date_start=row["date_start"],
        date_end=row["date_end"],
        granularity=row["granularity"],
        date_text=row["date_text"],
        status=row["status"],
        sentence_start=row["sentence_start"],
        sentence_end=row["sentence_end"],
        sentence=row["sentence"],
        venue_city=row["venue_city"],
        venue_country=row["venue_country"],
        participants=tuple(json.loads(row["participants"])),
        published=row["published"],
        from_record=bool(row["from_record"]),
    )


class Library:
    """Thread-safe (one connection, one lock): the UI's queue may call from worker threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- transactions ----------------------------------------------------------------------
    def _tx(self) -> _Tx:
        return _Tx(self)

    # -- documents -------------------------------------------------------------------------
    def lookup_source(self, source_key: str) -> tuple[str, str, DocState] | None:
        """(doc_id, content_hash, state) stored for this source, following aliases."""
        with self._lock:
            row = self._conn.execute(
                "SELECT doc_id, content_hash, state FROM documents WHERE source_key=?", (source_key,)
            ).fetchone()
            if row is None:
                alias = self._conn.execute(
                    "SELECT d.doc_id, d.content_hash, d.state FROM aliases a JOIN documents d "
                    "ON a.doc_id=d.doc_id WHERE a.source_key=?",
                    (source_key,),
                ).fetchone()
                row = alias
        return (row["doc_id"], row["content_hash"], row["state"]) if row else None

    def find_by_hash(self, content_hash: str, exclude_source: str | None = None) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT doc_id FROM documents WHERE content_hash=? AND source_key IS NOT ? LIMIT 1",
                (content_hash, exclude_source),
            ).fetchone()
        return row["doc_id"] if row else None

    def add_alias(self, source_key: str, doc_id: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO aliases(source_key, doc_id) VALUES (?, ?)", (source_key, doc_id)
            )

    def stage_document(
        self, doc: DocumentRecord, chunks: Sequence[ChunkRecord], events: Sequence[EventRecord] = ()
    ) -> None:
        """Write a document, its chunks and events in one transaction, state ``pending``."""
        with self._tx() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc.doc_id,))
            conn.execute("DELETE FROM events WHERE doc_id=?", (doc.doc_id,))
            conn.execute(
                f"INSERT OR REPLACE INTO documents({_DOC_COLS}, state, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,'pending',datetime('now'))",
                (
                    doc.doc_id, doc.source_key, doc.content_hash, doc.title, doc.text, doc.published,
                    doc.source, doc.url, doc.path, doc.kind, json.dumps(doc.extra, default=str),
                ),
            )  # fmt: skip
            conn.executemany(
                'INSERT INTO chunks(chunk_id, doc_id, idx, start, "end", text) VALUES (?,?,?,?,?,?)',
                [(c.chunk_id, c.doc_id, c.index, c.start, c.end, c.text) for c in chunks],
            )
            self._insert_events(conn, events)

    def _insert_events(self, conn: sqlite3.Connection, events: Iterable[EventRecord]) -> None:
        conn.executemany(
            f"INSERT OR REPLACE INTO events({_EVENT_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    e.event_id, e.doc_id, e.what, e.date_start, e.date_end, e.granularity, e.date_text,
                    e.status, e.sentence_start, e.sentence_end, e.sentence, e.venue_city, e.venue_country,
                    json.dumps(list(e.participants)), e.published, int(e.from_record),
                )
                for e in events
            ],
        )  # fmt: skip

    def replace_events(self, doc_id: str, events: Sequence[EventRecord]) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM events WHERE doc_id=?", (doc_id,))
            self._insert_events(conn, events)

    def mark_complete(self, doc_id: str) -> None:
        with self._tx() as conn:
            conn.execute("UPDATE documents SET state='complete' WHERE doc_id=?", (doc_id,))

    def pending_doc_ids(self) -> list[str]:
        with self._lock:
            rows = self._conn.execute("SELECT doc_id FROM documents WHERE state='pending'").fetchall()
        return [r["doc_id"] for r in rows]

    def get_document(self, doc_id: str) -> DocumentRecord | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_DOC_COLS} FROM documents WHERE doc_id=?", (doc_id,)
            ).fetchone()
        return _doc(row) if row else None

    def get_documents(self, doc_ids: Iterable[str]) -> dict[str, DocumentRecord]:
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, DocumentRecord] = {}
        with self._lock:
            for i in range(0, len(ids), 500):
                batch = ids[i : i + 500]
                marks = ",".join("?" * len(batch))
                for row in self._conn.execute(
                    f"SELECT {_DOC_COLS} FROM documents WHERE doc_id IN ({marks})", batch
                ):
                    out[row["doc_id"]] = _doc(row)
        return out

    def list_documents(self, include_pending: bool = False) -> list[dict[str, Any]]:
        """Document metadata (no text), newest published first, with chunk and event counts."""
        where = "" if include_pending else "WHERE d.state='complete'"
        with self._lock:
            rows = self._conn.execute(
                "SELECT d.doc_id, d.source_key, d.title, d.published, d.source, d.url, d.path, d.kind, "
                "d.state, d.updated_at, "
                "(SELECT COUNT(*) FROM chunks c WHERE c.doc_id=d.doc_id) AS chunks, "
                "(SELECT COUNT(*) FROM events e WHERE e.doc_id=d.doc_id) AS events "
                f"FROM documents d {where} ORDER BY d.published DESC, d.title"
            ).fetchall()
        return [dict(r) for r in rows]

    def count_documents(self) -> int:
        with self._lock:
            return int(
                self._conn.execute("SELECT COUNT(*) FROM documents WHERE state='complete'").fetchone()[0]
            )

    def remove_document(self, doc_id: str) -> bool:
        with self._tx() as conn:
            cur = conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
            return cur.rowcount > 0

    # -- chunks ----------------------------------------------------------------------------
    def chunks_for(self, doc_id: str) -> list[ChunkRecord]:
        with self._lock:
            rows = self._conn.execute(
                'SELECT chunk_id, doc_id, idx, start, "end", text FROM chunks WHERE doc_id=? ORDER BY idx',
                (doc_id,),
            ).fetchall()
        return [
            ChunkRecord(r["chunk_id"], r["doc_id"], r["idx"], r["start"], r["end"], r["text"]) for r in rows
        ]

    def iter_chunks(self, batch: int = 2000) -> Iterator[tuple[ChunkRecord, DocumentRecord]]:
        """Every chunk of every complete document, with its document (for BM25 rebuilds)."""
        with self._lock:
            rows = self._conn.execute(
                'SELECT c.chunk_id, c.doc_id, c.idx, c.start, c."end", c.text, '
                f"{', '.join('d.' + c.strip() for c in _DOC_COLS.split(',') if c.strip() != 'doc_id')} "
                "FROM chunks c JOIN documents d ON c.doc_id=d.doc_id WHERE d.state='complete' "
                "ORDER BY c.doc_id, c.idx"
            ).fetchall()
        docs: dict[str, DocumentRecord] = {}
        for r in rows:
            doc = docs.get(r["doc_id"])
            if doc is None:
                doc = _doc(r)
                docs[r["doc_id"]] = doc
            yield ChunkRecord(r["chunk_id"], r["doc_id"], r["idx"], r["start"], r["end"], r["text"]), doc

    def count_chunks(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    # -- events ----------------------------------------------------------------------------
    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        doc_ids: Iterable[str] | None = None,
        include_undated: bool = False,
    ) -> list[EventRecord]:
        """Events of complete documents overlapping [since, until], in date order."""
        clauses = ["d.state='complete'"]
        params: list[Any] = []
        if not include_undated:
            clauses.append("e.date_start IS NOT NULL")
        if since:
            clauses.append("COALESCE(e.date_end, e.date_start) >= ?")
            params.append(since)
        if until:
            clauses.append("e.date_start <= ?")
            params.append(until)
        if doc_ids is not None:
            ids = list(doc_ids)
            if not ids:
                return []
            clauses.append(f"e.doc_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        sql = (
            f"SELECT {', '.join('e.' + c.strip() for c in _EVENT_COLS.split(','))} FROM events e "
            f"JOIN documents d ON e.doc_id=d.doc_id WHERE {' AND '.join(clauses)} "
            "ORDER BY e.date_start, e.sentence_start"
        )
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [_event(r) for r in rows]

    # -- meta ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row["value"] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """Bumped on every change of the set of complete documents (BM25 staleness check)."""
        return int(self.get_meta("generation") or 0)

    def bump_generation(self) -> int:
        gen = self.generation() + 1
        self.set_meta("generation", str(gen))
        return gen


class _Tx:
    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def __enter__(self) -> sqlite3.Connection:
        self.lib._lock.acquire()
        self.lib._conn.execute("BEGIN IMMEDIATE")
        return self.lib._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            self.lib._conn.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.lib._lock.release()
