"""The one place an ``Engine`` is assembled from settings (CLI, UI, evals and tests use it)."""

from __future__ import annotations

import logging
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import LLM

from assistant.components.embedding import make_embed_model
from assistant.components.library import Library
from assistant.components.llm import make_llm
from assistant.components.vector_store import make_vector_store
from assistant.engine import Engine
from assistant.retrieval import HybridRetriever, make_reranker
from assistant.settings import Settings

logger = logging.getLogger(__name__)


def bm25_provider(settings: Settings, library: Library) -> Any:
    """() -> the current BM25 retriever (ingest rebuilds it when the library changed), or None."""
    try:
        from ingest.index import load_bm25
    except ImportError:  # pragma: no cover - ingest is part of the package
        logger.warning("ingest.index is missing: retrieval is vector-only")
        return None

    def provide() -> Any:
        return load_bm25(settings, library, settings.bm25_top_k)

    return provide


def build_engine(
    settings: Settings,
    *,
    llm: LLM | None = None,
    embed_model: BaseEmbedding | None = None,
    library: Library | None = None,
) -> Engine:
    """Models, stores and retrievers from ``settings``; pass ``llm``/``embed_model`` to share loaded ones."""
    embed_model = embed_model if embed_model is not None else make_embed_model(settings)
    llm = llm if llm is not None else make_llm(settings)
    library = library if library is not None else Library(settings.library_path)
    retriever = HybridRetriever(
        settings,
        vector_store=make_vector_store(settings),
        embed_model=embed_model,
        bm25_provider=bm25_provider(settings, library),
        reranker=make_reranker(settings, top_n=settings.vector_top_k + settings.bm25_top_k),
        rerank_head=settings.rerank_head,
    )
    return Engine(settings, llm=llm, embed_model=embed_model, library=library, retriever=retriever)
