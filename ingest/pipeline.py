"""``ingest_paths``: files and folders -> library (SQLite) + Chroma vectors + BM25, idempotently.

Identity and versions: a document's ``source_key`` is its absolute path, its url (records with a
url and no id) or ``path#id`` / ``path#line-N`` (records); ``doc_id`` is a short hash of it and
its version is the hash of title + text + published date. Unchanged -> skipped; edited ->
replaced (old chunks and vectors deleted); the same content under another name -> an alias.

Crash safety: a document is staged ``pending`` (text, chunks, events in one transaction), then
its vectors are written, then it is marked ``complete``. Every ingest starts by repairing pending
documents (their vectors deleted and rewritten from the library), so an ingest killed with
``kill -9`` and run again ends complete, with no duplicates.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.components.library import Library
from assistant.components.vector_store import make_vector_store
from assistant.errors import IngestError, NewsdeskError, StoreError
from assistant.settings import Settings
from assistant.types import ChunkRecord, DocumentRecord, EventRecord, IngestFailure, IngestReport
from ingest import events as ingest_events
from ingest.chunking import chunk_document
from ingest.index import build_bm25, chunk_nodes, embed_nodes, write_nodes
from ingest.readers import ARTICLE_EXTENSIONS, read_article
from ingest.records import RECORD_EXTENSIONS, read_records, resolve_field_names

if TYPE_CHECKING:
    from tqdm import tqdm

logger = logging.getLogger(__name__)
EVENTS_VERSION_KEY = "events_extractor_version"

SUPPORTED_EXTENSIONS = ARTICLE_EXTENSIONS | RECORD_EXTENSIONS
# Embed this many batches' worth of chunks per flush: big enough for length-sorted batching to
# pay off, small enough that a crash loses little work.
FLUSH_BATCHES = 8


def doc_id_for(source_key: str) -> str:
    return hashlib.sha256(source_key.encode("utf-8")).hexdigest()[:16]


def content_hash(title: str, text: str, published: str | None) -> str:
    # Whitespace-normalised so a re-saved file with other line endings/spacing is "unchanged".
    norm = "\x1f".join((" ".join(title.split()), " ".join(text.split()), published or ""))
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def make_document(
    source_key: str, title: str, text: str, *, published: str | None = None, source: str | None = None,
    url: str | None = None, path: str | None = None, kind: str = "article", extra: dict[str, object] | None = None,
) -> DocumentRecord:  # fmt: skip
    return DocumentRecord(
        doc_id=doc_id_for(source_key), source_key=source_key, content_hash=content_hash(title, text, published),
        title=title, text=text, published=published, source=source, url=url, path=path,
        kind="record" if kind == "record" else "article", extra=dict(extra or {}),
    )  # fmt: skip


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[IngestError]]:
    """Files to ingest (folders recursed, sorted, hidden entries skipped) and path-level errors."""
    files: list[Path] = []
    errors: list[IngestError] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            errors.append(IngestError(str(path), "no such file or directory"))
            continue
        candidates = _walk(path, errors) if path.is_dir() else [path]
        for file in candidates:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(resolved)
    return files, errors


def _walk(folder: Path, errors: list[IngestError]) -> list[Path]:
    def unreadable(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename), f"cannot read directory: {exc.strerror or exc}"))

    found: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / n for n in names if not n.startswith("."))
    return sorted(found)


def read_documents(path: Path, settings: Settings) -> tuple[list[DocumentRecord], list[IngestError]]:
    """The documents one file holds, and the per-record errors. File-level problems raise."""
    suffix = path.suffix.lower()
    key = str(path)
    if suffix in ARTICLE_EXTENSIONS:
        art = read_article(path)
        return [make_document(key, art.title, art.text, published=art.published, source=art.source, url=art.url,
                              path=key, extra=art.extra)], []  # fmt: skip
    if suffix in RECORD_EXTENSIONS:
        result = read_records(path, settings.field_map)
        docs = []
        for rec in result.records:
            if rec.record_id:
                source_key = f"{key}#{rec.record_id}"
            elif rec.url:
                source_key = rec.url  # the same article found by several searches is one document
            else:
                source_key = f"{key}#{rec.position.replace(' ', '-')}"
            docs.append(make_document(source_key, rec.title, rec.text, published=rec.published, source=rec.source,
                                      url=rec.url, path=key, kind="record", extra=rec.extra))  # fmt: skip
        return docs, result.errors
    known = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    raise IngestError(key, f"unknown file type '{suffix or '(no extension)'}' (supported: {known})")


@dataclass
class _Staged:
    doc: DocumentRecord
    chunks: list[ChunkRecord]
    status: str  # "added" | "updated" | "repaired"


class _Ingest:
    def __init__(self, settings: Settings, library: Library, embed_model: BaseEmbedding | None) -> None:
        self.settings = settings
        self.library = library
        self._embed_model = embed_model
        self.store: ChromaVectorStore = make_vector_store(settings)
        self.report = IngestReport()
        self.buffer: list[_Staged] = []
        self.changed = False
        self.seen_keys: dict[str, str] = {}  # source_key -> content_hash, this run
        self.flush_chunks = settings.embed_batch_size * FLUSH_BATCHES

    @property
    def embed_model(self) -> BaseEmbedding:
        if self._embed_model is None:  # loaded only when something needs embedding
            from assistant.components.embedding import make_embed_model

            self._embed_model = make_embed_model(self.settings)
        return self._embed_model

    # -- failures ---------------------------------------------------------------------------
    def fail(self, error: IngestError | Exception, path: str) -> None:
        if isinstance(error, IngestError):
            failure = IngestFailure(path=error.path, message=str(error), line=error.line)
        else:
            failure = IngestFailure(path=path, message=f"{path}: {type(error).__name__}: {error}")
        logger.warning("ingest failed: %s", failure.message)
        self.report.failed += 1
        self.report.failures.append(failure)

    # -- crash repair -----------------------------------------------------------------------
    def repair_pending(self) -> None:
        pending = self.library.pending_doc_ids()
        if not pending:
            return
        logger.warning("repairing %d document(s) left pending by an interrupted ingest", len(pending))
        for doc_id in pending:
            doc = self.library.get_document(doc_id)
            if doc is not None:
                self.buffer.append(_Staged(doc, self.library.chunks_for(doc_id), "repaired"))
        self.flush()

    # -- event rules upgrade ----------------------------------------------------------------
    def refresh_events(self, progress: bool = False) -> None:
        """Events stored by older extraction rules are extracted again from the stored texts.

        Re-ingest skips unchanged documents, so without this a library would keep the events an
        older Newsdesk read (a date it missed) for ever; texts, chunks and vectors are kept.
        """
        if not self.settings.extract_events:
            return
        stored = self.library.get_meta(EVENTS_VERSION_KEY)
        if stored == ingest_events.EXTRACTOR_VERSION:
            return
        doc_ids = [d["doc_id"] for d in self.library.list_documents()]
        if doc_ids:
            logger.warning(
                "event rules changed since this library was built (%s -> %s): extracting the events "
                "of %d stored document(s) again", stored or "unversioned", ingest_events.EXTRACTOR_VERSION,
                len(doc_ids),
            )  # fmt: skip
        bar = _progress_bar(len(doc_ids), progress, "events")
        try:
            for start in range(0, len(doc_ids), 200):
                docs = self.library.get_documents(doc_ids[start : start + 200])
                for doc in docs.values():
                    if bar is not None:
                        bar.update(1)
                    try:
                        events = self._events(doc)
                    except IngestError as exc:  # the record was valid when stored: keep its events
                        logger.warning("kept the stored events of %s: %s", doc.source_key, exc)
                        continue
                    self.library.replace_events(doc.doc_id, events)
                    self.report.events_refreshed += 1
        finally:
            if bar is not None:
                bar.close()
        self.library.set_meta(EVENTS_VERSION_KEY, ingest_events.EXTRACTOR_VERSION)

    # -- one document -----------------------------------------------------------------------
    def _events(self, doc: DocumentRecord) -> list[EventRecord]:
        if not self.settings.extract_events:
            return []
        try:
            if doc.kind == "record":
                return list(ingest_events.events_from_record(doc))
            return list(ingest_events.extract_events(doc))
        except IngestError:
            raise  # a record's own event fields are invalid: that record fails, named
        except Exception as exc:  # extraction from prose is best effort: never fails the document
            logger.warning("event extraction failed for %s: %s: %s", doc.source_key, type(exc).__name__, exc)
            return []

    def add_document(self, doc: DocumentRecord) -> None:
        key = doc.source_key
        if key in self.seen_keys:  # the same source twice in one run: the first one wins
            if self.seen_keys[key] != doc.content_hash:
                logger.warning("%s appears more than once with different content; kept the first", key)
            self.report.skipped += 1
            return
        self.seen_keys[key] = doc.content_hash
        existing = self.library.lookup_source(key)
        if existing is not None and existing[1] == doc.content_hash:
            self.report.skipped += 1
            return
        own = existing is not None and existing[0] == doc.doc_id
        twin = self.library.find_by_hash(doc.content_hash, exclude_source=key)
        if twin is not None and twin != doc.doc_id:
            if own:  # this source now holds another document's content: drop its old version
                self._remove(doc.doc_id)
                self.report.updated += 1
            else:
                self.report.skipped += 1
            self.library.add_alias(key, twin)
            return
        chunks = chunk_document(doc, self.settings.chunk_size, self.settings.chunk_overlap)
        self.library.stage_document(doc, chunks, self._events(doc))
        if existing is not None and not own:
            self.library.add_alias(key, doc.doc_id)  # it was an alias of another document before
        self.buffer.append(_Staged(doc, chunks, "updated" if own else "added"))
        if sum(len(s.chunks) for s in self.buffer) >= self.flush_chunks:
            self.flush()

    def _remove(self, doc_id: str) -> None:
        self.store.client.delete(where={"document_id": doc_id})
        self.library.remove_document(doc_id)
        self.changed = True

    # -- vectors ----------------------------------------------------------------------------
    def flush(self) -> None:
        """Embed and write the buffered documents' chunks, then mark them complete."""
        if not self.buffer:
            return
        staged, self.buffer = self.buffer, []
        nodes: list[TextNode] = []
        for item in staged:
            nodes.extend(chunk_nodes(item.doc, item.chunks))
        embed_nodes(nodes, self.embed_model)
        ids = [item.doc.doc_id for item in staged]
        try:
            # Old versions and any half-written vectors of these documents go first: no orphans.
            self.store.client.delete(where={"document_id": {"$in": ids}})
            write_nodes(self.store, nodes)
        except Exception as exc:
            raise StoreError(f"writing vectors to Chroma failed: {exc}") from exc
        for item in staged:
            self.library.mark_complete(item.doc.doc_id)
            if item.status == "added":
                self.report.added += 1
            elif item.status == "updated":
                self.report.updated += 1
            if item.status != "repaired":
                self.report.doc_ids.append(item.doc.doc_id)
                self.report.chunks += len(item.chunks)
        # Bumped per flush, not only at the end: a crash after this point still marks BM25 stale.
        self.library.bump_generation()
        self.changed = True

    def finish(self) -> None:
        self.flush()
        if self.changed:
            build_bm25(self.settings, self.library)


def ingest_paths(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    settings: Settings,
    *,
    embed_model: BaseEmbedding | None = None,
    library: Library | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest files and folders; bad inputs are reported in ``IngestReport.failures``, never raised.

    Store-level problems (Chroma unreachable, no embedding model) raise: nothing can be ingested.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    resolve_field_names(settings.field_map)  # a bad mapping is a ConfigError for the whole run
    own_library = library is None
    lib = library or Library(settings.library_path)
    try:
        run = _Ingest(settings, lib, embed_model)
        run.repair_pending()
        run.refresh_events(progress)
        files, errors = expand_paths(paths)
        for error in errors:
            run.fail(error, error.path)
        bar = _progress_bar(len(files), progress)
        try:
            for i, path in enumerate(files, start=1):
                if bar is not None:
                    bar.set_postfix_str(f"file {i}/{len(files)} {path.name[-40:]}", refresh=False)
                try:
                    docs, record_errors = read_documents(path, settings)
                except IngestError as exc:
                    run.fail(exc, str(path))
                    docs, record_errors = [], []
                except Exception as exc:  # a reader bug on one odd file must not stop the batch
                    logger.exception("unexpected error reading %s", path)
                    run.fail(exc, str(path))
                    docs, record_errors = [], []
                for error in record_errors:
                    run.fail(error, str(path))
                if bar is not None:  # a records file holds many documents: count them, not files
                    bar.total = (bar.total or 0) + len(docs) - 1
                    bar.refresh()
                for doc in docs:
                    if bar is not None:
                        bar.update(1)
                    try:
                        run.add_document(doc)
                    except IngestError as exc:
                        run.fail(exc, doc.source_key)
                    except (NewsdeskError, OSError):
                        raise  # store/model problems: nothing else could be ingested either
                    except Exception as exc:
                        logger.exception("unexpected error ingesting %s", doc.source_key)
                        run.fail(exc, doc.source_key)
                if bar is not None and not docs:
                    bar.update(1)  # a file that gave no document still counts once
            run.finish()
        finally:
            if bar is not None:
                bar.close()
        logger.info("ingest: %s", run.report.summary())
        return run.report
    finally:
        if own_library:
            lib.close()


def _progress_bar(total: int, enabled: bool, desc: str = "ingest") -> tqdm[Any] | None:
    if not enabled or total == 0:
        return None
    from tqdm import tqdm

    # Ingest starts at one step per file; each file's documents replace its step once read.
    return tqdm(total=total, unit="doc", desc=desc, dynamic_ncols=True)


def remove_documents(doc_ids: Iterable[str], settings: Settings, *, library: Library | None = None) -> int:
    """Remove documents (library rows, chunks, events, aliases, vectors, BM25 entries).

    Each id may be a doc id or a source key (a file path or url as ingested). Returns how many
    documents were removed; unknown ids are skipped with a warning.
    """
    own_library = library is None
    lib = library or Library(settings.library_path)
    try:
        store = make_vector_store(settings)
        removed = 0
        for ident in doc_ids:
            doc_id = ident if lib.get_document(ident) is not None else None
            if doc_id is None:
                key = str(Path(ident).expanduser().resolve()) if Path(ident).expanduser().exists() else ident
                found = lib.lookup_source(key)
                doc_id = found[0] if found else None
            if doc_id is None:
                logger.warning("no document %s", ident)
                continue
            # Vectors first: a crash in between leaves a library row, which a re-run removes.
            store.client.delete(where={"document_id": doc_id})
            if lib.remove_document(doc_id):
                removed += 1
        if removed:
            lib.bump_generation()
            build_bm25(settings, lib)
        return removed
    finally:
        if own_library:
            lib.close()


__all__ = ["content_hash", "doc_id_for", "expand_paths", "ingest_paths", "read_documents", "remove_documents"]
