"""Chunks -> llama-index ``TextNode``s (the node contract in docs/ARCHITECTURE.md), Chroma writes
through ``ChromaVectorStore``, and the persisted ``BM25Retriever`` built from the library.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode, MetadataMode, NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.components.library import Library
from assistant.settings import Settings
from assistant.types import ChunkRecord, DocumentRecord
from ingest.chunking import embed_title
from ingest.pubdate import days_since_epoch

if TYPE_CHECKING:
    from llama_index.retrievers.bm25 import BM25Retriever

logger = logging.getLogger(__name__)

NODE_METADATA_KEYS = ("doc_id", "chunk_index", "start", "end", "title", "published", "published_days",
                      "source", "url", "kind")  # fmt: skip
_NOT_EMBEDDED = [k for k in NODE_METADATA_KEYS if k != "title"]
GENERATION_FILE = "generation.txt"


def chunk_node(doc: DocumentRecord, chunk: ChunkRecord) -> TextNode:
    node = TextNode(
        id_=chunk.chunk_id,
        text=chunk.text,
        metadata={
            "doc_id": doc.doc_id,
            "chunk_index": chunk.index,
            "start": chunk.start,
            "end": chunk.end,
            "title": embed_title(doc.title),
            "published": doc.published or "",
            "published_days": days_since_epoch(doc.published),
            "source": doc.source or "",
            "url": doc.url or "",
            "kind": doc.kind,
        },
        excluded_embed_metadata_keys=list(_NOT_EMBEDDED),
        excluded_llm_metadata_keys=list(NODE_METADATA_KEYS),
        start_char_idx=chunk.start,
        end_char_idx=chunk.end,
    )
    # ref_doc_id = our doc_id: ChromaVectorStore.delete(doc_id) then removes every chunk of it.
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=doc.doc_id)
    return node


def chunk_nodes(doc: DocumentRecord, chunks: Iterable[ChunkRecord]) -> list[TextNode]:
    return [chunk_node(doc, c) for c in chunks]


def embed_nodes(nodes: Sequence[TextNode], embed_model: BaseEmbedding) -> None:
    """Embed many nodes in as few model calls as possible (``embed_batch_size`` per call).

    Texts are sent sorted by length, as ``SentenceTransformer.encode`` does within one call:
    batches of similar length waste less padding. Results go back to their nodes in order.
    """
    if not nodes:
        return
    texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    vectors = embed_model.get_text_embedding_batch([texts[i] for i in order])
    for i, vector in zip(order, vectors, strict=True):
        nodes[i].embedding = vector


def write_nodes(store: ChromaVectorStore, nodes: Sequence[TextNode]) -> None:
    if nodes:
        store.add(list(nodes))


def delete_doc_vectors(store: ChromaVectorStore, doc_id: str) -> None:
    store.delete(ref_doc_id=doc_id)


def vector_ids(store: ChromaVectorStore, doc_id: str | None = None) -> list[str]:
    """Chunk ids stored in Chroma (for one document, or all): checks and tests."""
    collection = store.client
    where = {"document_id": doc_id} if doc_id else None
    return list(collection.get(where=where, include=[])["ids"])


# -- BM25 ---------------------------------------------------------------------------------
_bm25_cache: dict[tuple[str, int, int], BM25Retriever] = {}
_bm25_lock = threading.Lock()


def _stored_generation(path: Path) -> int | None:
    try:
        return int((path / GENERATION_FILE).read_text().strip())
    except (OSError, ValueError):
        return None


def _library_nodes(library: Library) -> list[BaseNode]:
    return [chunk_node(doc, chunk) for chunk, doc in library.iter_chunks()]


def build_bm25(settings: Settings, library: Library) -> BM25Retriever | None:
    """Build the BM25 retriever from every complete chunk and persist it; None for an empty library.

    Written to a temporary folder then swapped in, so a reader never sees half an index.
    """
    from llama_index.retrievers.bm25 import BM25Retriever

    generation = library.generation()
    target = settings.bm25_path
    nodes = _library_nodes(library)
    if not nodes:
        shutil.rmtree(target, ignore_errors=True)
        return None
    retriever = BM25Retriever(nodes=nodes, similarity_top_k=min(settings.bm25_top_k, len(nodes)))
    # A loaded retriever keeps its corpus on the bm25 object; do the same so both behave alike
    # (e.g. BM25Retriever(existing_bm25=r.bm25, filters=...) for filtered queries).
    retriever.bm25.corpus = retriever.corpus
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    retriever.persist(str(tmp), show_progress=False)
    (tmp / GENERATION_FILE).write_text(str(generation))
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    logger.info("BM25 index rebuilt: %d chunks (generation %d)", len(nodes), generation)
    return retriever


def load_bm25(settings: Settings, library: Library, top_k: int | None = None) -> BM25Retriever | None:
    """The persisted BM25 retriever, rebuilt first when the library changed since it was written.

    Cheap to call per query: the loaded retriever is cached per (folder, generation, top_k).
    """
    from llama_index.retrievers.bm25 import BM25Retriever

    k = top_k or settings.bm25_top_k
    generation = library.generation()
    key = (str(settings.bm25_path), generation, k)
    with _bm25_lock:
        cached = _bm25_cache.get(key)
        if cached is not None:
            return cached
        if library.count_documents() == 0:
            return None
        retriever: BM25Retriever | None = None
        if _stored_generation(settings.bm25_path) == generation:
            try:
                retriever = BM25Retriever.from_persist_dir(str(settings.bm25_path), show_progress=False)
            except Exception as exc:  # a damaged folder is rebuilt, not fatal
                logger.warning("BM25 index at %s unreadable (%s); rebuilding", settings.bm25_path, exc)
        if retriever is None:
            retriever = build_bm25(settings, library)
        if retriever is None:
            return None
        size = len(retriever.corpus) if retriever.corpus is not None else k
        retriever.similarity_top_k = max(1, min(k, size))
        for stale in [c for c in _bm25_cache if c[0] == key[0]]:
            del _bm25_cache[stale]
        _bm25_cache[key] = retriever
        return retriever
