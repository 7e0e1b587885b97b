"""Hybrid retrieval: Chroma vectors + BM25, fused by reciprocal rank, then time-aware ranking.

Pipeline for one question (``HybridRetriever.retrieve``):
1. Hard filters: ``since``/``until``/``as_of`` on ``published_days`` and ``source``; pushed down
   into Chroma as ``MetadataFilters`` and into BM25 as a per-query weight mask.
2. llama-index ``QueryFusionRetriever`` (reciprocal rank, one query, no LLM query generation).
3. Relative words ("this week") need a reference date: ``as_of``, else the newest published
   date among the first pass's matches. Their window is applied as a second, filtered pass;
   when it matches nothing, the unwindowed pass stands (a soft window, never an empty answer).
4. Node postprocessors: the pluggable reranker slot, then ``RecencyPostprocessor`` (drops
   documents published after ``as_of``; for questions about the present, boosts passages close
   to the reference date: a stale passage is the main failure mode on weekly news).
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms.mock import MockLLM
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores.types import (
    BasePydanticVectorStore,
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
)

from assistant.errors import ModelNotAvailableError
from assistant.querytime import DateWindow, QueryTime, from_days, parse_date, to_days
from assistant.settings import Settings

logger = logging.getLogger(__name__)

BM25Provider = Callable[[], Any]  # () -> BM25Retriever | None (rebuilt by ingest when stale)


@dataclass(frozen=True)
class HardFilters:
    """Filters no result may break: the user's date range, sources and the as-of cut-off."""

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = ()

    def with_window(self, window: DateWindow | None) -> HardFilters:
        if window is None:
            return self
        since = max(d for d in (self.since, window.start) if d) if (self.since or window.start) else None
        until = min(d for d in (self.until, window.end) if d) if (self.until or window.end) else None
        return HardFilters(since, until, self.sources)

    @property
    def empty(self) -> bool:
        return self.since is None and self.until is None and not self.sources

    def metadata_filters(self) -> MetadataFilters | None:
        items: list[MetadataFilter | MetadataFilters] = []
        if self.since is not None:
            items.append(
                MetadataFilter(key="published_days", value=to_days(self.since), operator=FilterOperator.GTE)
            )
        if self.until is not None:
            # Unknown dates are stored as -1: a date range excludes them, as it should.
            items.append(
                MetadataFilter(key="published_days", value=to_days(self.until), operator=FilterOperator.LTE)
            )
            if self.since is None:
                items.append(MetadataFilter(key="published_days", value=0, operator=FilterOperator.GTE))
        if self.sources:
            items.append(MetadataFilter(key="source", value=list(self.sources), operator=FilterOperator.IN))
        if not items:
            return None
        return MetadataFilters(filters=items, condition=FilterCondition.AND)


@dataclass
class RetrievalResult:
    nodes: list[NodeWithScore]
    query_time: QueryTime
    query_embedding: list[float] | None = None
    notes: list[str] = field(default_factory=list)


def node_published(node: NodeWithScore) -> date | None:
    meta = node.node.metadata
    days = meta.get("published_days")
    if isinstance(days, int | float) and days >= 0:
        return from_days(int(days))
    try:
        return parse_date(meta.get("published") or None)
    except ValueError:
        return None


class RecencyPostprocessor(BaseNodePostprocessor):
    """Drop what was published after ``as_of``; for present-tense questions, boost closeness.

    llama-index's ``FixedRecencyPostprocessor`` sorts by date alone and keeps top-n: it would
    throw relevance away. Here a passage's relevance is ``0.5 ** (rank / rank_half)``; it keeps
    ``floor`` of it however old and gains the rest by ``0.5 ** (age / half_life_days)``: a fresh
    passage can overtake about ``rank_half * log2(1/floor)`` places of stale ones, no more.
    """

    as_of: date | None = None
    reference: date | None = None
    half_life_days: float = 14.0
    prefer_recent: bool = False
    floor: float = 0.3
    rank_half: float = 4.0

    @classmethod
    def class_name(cls) -> str:
        return "RecencyPostprocessor"

    def decay(self, published: date | None) -> float:
        if self.reference is None:
            return 1.0
        if published is None:
            return 0.25  # undated: treated as neither fresh nor the stalest
        age = abs((self.reference - published).days)
        return math.pow(0.5, age / self.half_life_days)

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        kept = []
        for n in nodes:
            published = node_published(n)
            if self.as_of is not None and published is not None and published > self.as_of:
                continue
            kept.append(n)
        if not self.prefer_recent or self.reference is None or not kept:
            return kept
        kept.sort(key=lambda n: n.score or 0.0, reverse=True)
        out = []
        for rank, n in enumerate(kept):
            # Relevance by rank, not raw score: fused RRF scores differ by ~1% between ranks and
            # cross-encoder logits have no fixed scale; halving every ``rank_half`` places does.
            base = math.pow(0.5, rank / self.rank_half)
            factor = self.floor + (1.0 - self.floor) * self.decay(node_published(n))
            out.append(NodeWithScore(node=n.node, score=base * factor))
        out.sort(key=lambda n: n.score or 0.0, reverse=True)
        return out


def make_reranker(settings: Settings, top_n: int) -> BaseNodePostprocessor | None:
    """The reranker slot: a local cross-encoder when configured (none ships offline today)."""
    if settings.reranker == "none":
        return None
    if not settings.reranker_model or not Path(settings.reranker_model).expanduser().exists():
        raise ModelNotAvailableError(
            f"reranker={settings.reranker} needs NEWSDESK_RERANKER_MODEL set to a local cross-encoder "
            f"directory (got {settings.reranker_model!r}); nothing is downloaded at run time"
        )
    from llama_index.core.postprocessor import SentenceTransformerRerank

    return SentenceTransformerRerank(
        model=str(Path(settings.reranker_model).expanduser()), top_n=top_n, device="cpu"
    )


class MaskedBM25Retriever(BaseRetriever):
    """A shared, persisted ``BM25Retriever`` queried with per-query filters.

    ``BM25Retriever`` applies metadata filters only when constructed, by a Python loop over the
    whole corpus; at 50k chunks that costs more than the query. Here the corpus's dates and
    sources are cached as arrays once per BM25 object and the filter becomes a numpy mask.
    """

    _cache_lock = threading.Lock()
    _cache: dict[int, tuple[Any, np.ndarray, np.ndarray]] = {}  # noqa: RUF012 - shared across instances

    def __init__(self, bm25: Any, top_k: int, filters: HardFilters) -> None:
        super().__init__()
        self._bm25 = bm25
        self._top_k = top_k
        self._filters = filters

    def _arrays(self) -> tuple[np.ndarray, np.ndarray]:
        key = id(self._bm25)
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is None or hit[0] is not self._bm25:
                corpus = self._bm25.corpus or []
                days = np.array([int(c.get("published_days", -1) or -1) for c in corpus], dtype=np.int64)
                sources = np.array([str(c.get("source") or "") for c in corpus], dtype=object)
                hit = (self._bm25, days, sources)
                self._cache.clear()  # one live BM25 index at a time
                self._cache[key] = hit
        return hit[1], hit[2]

    def _mask(self) -> np.ndarray | None:
        f = self._filters
        if f.empty:
            return None
        days, sources = self._arrays()
        mask = np.ones(len(days), dtype=bool)
        if f.since is not None:
            mask &= days >= to_days(f.since)
        if f.until is not None:
            mask &= (days <= to_days(f.until)) & (days >= 0)
        if f.sources:
            mask &= np.isin(sources, np.array(f.sources, dtype=object))
        return mask

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        import bm25s
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        bm = self._bm25
        mask = self._mask()
        if mask is not None and not mask.any():
            return []
        n_docs = int(bm.bm25.scores.get("num_docs", 0) or len(bm.corpus or []))
        k = min(self._top_k, n_docs)
        if k <= 0:
            return []
        tokens = bm25s.tokenize(
            query_bundle.query_str,
            stemmer=None if bm.skip_stemming else bm.stemmer,
            token_pattern=bm.token_pattern,
            show_progress=False,
        )
        if not tokens.vocab:
            return []
        indexes, scores = bm.bm25.retrieve(
            tokens,
            k=k,
            show_progress=False,
            weight_mask=mask.astype(np.float32) if mask is not None else None,
        )
        out = []
        for idx, score in zip(indexes[0], scores[0], strict=True):
            if float(score) <= 0.0:
                continue  # masked out or no term in common
            entry = idx if isinstance(idx, dict) else bm.corpus[int(idx)]
            out.append(NodeWithScore(node=metadata_dict_to_node(entry), score=float(score)))
        return out


class HybridRetriever:
    """Built once per engine; ``retrieve`` builds the per-query retrievers (filters vary)."""

    def __init__(
        self,
        settings: Settings,
        *,
        vector_store: BasePydanticVectorStore,
        embed_model: BaseEmbedding,
        bm25_provider: BM25Provider | None = None,
        reranker: BaseNodePostprocessor | None = None,
    ) -> None:
        self.settings = settings
        self.embed_model = embed_model
        self.index = VectorStoreIndex.from_vector_store(vector_store, embed_model=embed_model)
        self.bm25_provider = bm25_provider
        self.reranker = reranker
        # QueryFusionRetriever wants an LLM for query generation; with num_queries=1 it never
        # calls it. A MockLLM keeps it off llama-index's global (OpenAI) default.
        self._no_llm = MockLLM()

    # -- one fused pass -------------------------------------------------------------------------
    def _fused(self, query: QueryBundle, filters: HardFilters) -> list[NodeWithScore]:
        s = self.settings
        retrievers: list[BaseRetriever] = [
            self.index.as_retriever(similarity_top_k=s.vector_top_k, filters=filters.metadata_filters())
        ]
        bm25 = self.bm25_provider() if self.bm25_provider else None
        if bm25 is not None:
            retrievers.append(MaskedBM25Retriever(bm25, s.bm25_top_k, filters))
        fusion = QueryFusionRetriever(
            retrievers,
            llm=self._no_llm,
            mode="reciprocal_rerank",  # type: ignore[arg-type]
            num_queries=1,
            similarity_top_k=s.vector_top_k + s.bm25_top_k,
            use_async=False,
        )
        nodes = fusion.retrieve(query)
        # The fusion dedupes by node hash; a chunk whose stored copies differ (Chroma vs BM25
        # metadata) would appear twice, so dedupe by id too, keeping the summed score.
        by_id: dict[str, NodeWithScore] = {}
        for n in nodes:
            prev = by_id.get(n.node.node_id)
            if prev is None:
                by_id[n.node.node_id] = n
            else:
                prev.score = (prev.score or 0.0) + (n.score or 0.0)
        return sorted(by_id.values(), key=lambda n: n.score or 0.0, reverse=True)

    def embed_query(self, question: str) -> list[float]:
        return self.embed_model.get_query_embedding(question)

    def retrieve(
        self,
        question: str,
        query_time: QueryTime,
        *,
        since: date | None = None,
        until: date | None = None,
        sources: Sequence[str] | None = None,
        top_k: int | None = None,
    ) -> RetrievalResult:
        top_k = top_k or self.settings.top_k
        as_of = query_time.as_of
        hard_until = min(d for d in (until, as_of) if d) if (until or as_of) else None
        hard = HardFilters(since, hard_until, tuple(sources or ()))
        embedding = self.embed_query(question)
        query = QueryBundle(question, embedding=embedding)
        notes: list[str] = []

        nodes = self._fused(query, hard)
        qt = query_time
        if qt.needs_reference:
            dates = [d for d in (node_published(n) for n in nodes[:top_k]) if d is not None]
            qt = qt.resolved(max(dates) if dates else None)
        if qt.window is not None:
            windowed = self._fused(query, hard.with_window(qt.window))
            if windowed:
                # Keep the window's matches first, then the rest: relative words narrow, they
                # do not forbid (an article a day outside "this week" may still hold the answer).
                seen = {n.node.node_id for n in windowed}
                nodes = windowed + [n for n in nodes if n.node.node_id not in seen]
            else:
                notes.append(
                    f"no source in the window {qt.window.start}..{qt.window.end}; searched all dates"
                )
        pool = self.settings.vector_top_k + self.settings.bm25_top_k
        nodes = nodes[:pool]
        if self.reranker is not None and nodes:
            nodes = self.reranker.postprocess_nodes(nodes, query_bundle=query)
        recency = RecencyPostprocessor(
            as_of=as_of,
            reference=qt.reference,
            half_life_days=self.settings.recency_half_life_days,
            prefer_recent=qt.about_present or bool(qt.relative),
        )
        nodes = recency.postprocess_nodes(nodes, query_bundle=query)
        return RetrievalResult(nodes=nodes[:top_k], query_time=qt, query_embedding=embedding, notes=notes)
