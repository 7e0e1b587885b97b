"""Hybrid retrieval: Chroma vectors + BM25, fused by reciprocal rank, then time-aware ranking.

Pipeline for one question (``HybridRetriever.retrieve``):
1. Hard filters: ``since``/``until``/``as_of`` on ``published_days`` and ``source``. BM25 applies
   them as a per-query weight mask; the vector side checks them against the same per-chunk
   arrays (``CorpusArrays``) instead of Chroma's metadata filter, which costs ~0.5 s at 50k
   chunks (``FilteredVectorRetriever``; Chroma's own filter stays the fallback).
2. llama-index ``QueryFusionRetriever`` (reciprocal rank, one query, no LLM query generation).
3. Relative words ("this week") need a reference date: ``as_of``, else the newest published
   date among the first pass's matches. Their window is applied as a second, filtered pass
   (the BM25 term scores of the first are reused); when it matches nothing, the unwindowed pass
   stands (a soft window, never an empty answer).
4. Node postprocessors: the pluggable reranker slot (on the head of the fused pool,
   ``rerank_head``), then ``RecencyPostprocessor`` (drops documents published after ``as_of``;
   for questions about the present, boosts passages close to the reference date: a stale passage
   is the main failure mode on weekly news).
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
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.as_of_checks import fresh_from, is_stale
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

    def mask(self, corpus: CorpusArrays) -> np.ndarray | None:
        """The corpus rows these filters allow (None: no filter), same rules as ``metadata_filters``."""
        if self.empty:
            return None
        mask = np.ones(len(corpus.days), dtype=bool)
        if self.since is not None:
            mask &= corpus.days >= to_days(self.since)
        if self.until is not None:
            mask &= (corpus.days <= to_days(self.until)) & (corpus.days >= 0)
        if self.sources:
            codes = [corpus.source_codes[s] for s in self.sources if s in corpus.source_codes]
            mask &= np.isin(corpus.sources, np.array(codes, dtype=np.int32))
        return mask

    def allows(self, metadata: dict[str, Any]) -> bool:
        """One stored node's metadata against the filters (as Chroma's ``where`` would judge it)."""
        days = metadata.get("published_days")
        if self.since is not None or self.until is not None:
            if not isinstance(days, int | float):
                return False
            if self.since is not None and days < to_days(self.since):
                return False
            if self.until is not None and not (0 <= days <= to_days(self.until)):
                return False
        return not self.sources or metadata.get("source") in self.sources

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


@dataclass(frozen=True, eq=False)
class CorpusArrays:
    """Per-chunk columns of the BM25 corpus (the library's complete chunks), in corpus order.

    Built once per loaded BM25 object (a new one comes with every library generation), so each
    query's hard filters become numpy masks over these arrays, for BM25 and the vector side.
    """

    ids: np.ndarray  # object: node ids (= Chroma ids)
    days: np.ndarray  # int64 ``published_days``, -1 when unknown
    sources: np.ndarray  # int32 codes into ``source_codes``
    source_codes: dict[str, int]
    rows: dict[str, int]  # node id -> row
    entries: Sequence[dict[str, Any]]  # the corpus itself (``node_to_metadata_dict`` of each node)

    @classmethod
    def from_corpus(cls, corpus: Sequence[dict[str, Any]]) -> CorpusArrays:
        ids = np.array([str(c.get("node_id") or c.get("id_") or "") for c in corpus], dtype=object)
        days = np.array([int(c.get("published_days", -1) or -1) for c in corpus], dtype=np.int64)
        codes: dict[str, int] = {}
        sources = np.array(
            [codes.setdefault(str(c.get("source") or ""), len(codes)) for c in corpus], dtype=np.int32
        )
        rows = {node_id: i for i, node_id in enumerate(ids.tolist())}
        return cls(ids, days, sources, codes, rows, corpus)


_corpus_lock = threading.Lock()
_corpus_cache: list[tuple[Any, CorpusArrays]] = []  # one live BM25 index at a time


def corpus_arrays(bm25: Any) -> CorpusArrays:
    """The cached ``CorpusArrays`` of a ``BM25Retriever`` (built on first use, ~50 ms at 50k)."""
    with _corpus_lock:
        if _corpus_cache and _corpus_cache[0][0] is bm25:
            return _corpus_cache[0][1]
        arrays = CorpusArrays.from_corpus(bm25.corpus or [])
        _corpus_cache[:] = [(bm25, arrays)]
        return arrays


class MaskedBM25Retriever(BaseRetriever):
    """A shared, persisted ``BM25Retriever`` queried with per-query filters.

    ``BM25Retriever`` applies metadata filters only when constructed, by a Python loop over the
    whole corpus; at 50k chunks that costs more than the query. Here the corpus's dates and
    sources are cached as arrays once per BM25 object and the filter becomes a numpy mask.
    ``term_scores`` (a dict shared by one question's passes) keeps the unmasked BM25 scores per
    query string, so a second, windowed pass only re-masks and re-selects: the same steps as
    ``bm25s.BM25.retrieve(weight_mask=...)`` (scores * mask, then ``bm25s.selection.topk``).
    """

    def __init__(
        self,
        bm25: Any,
        top_k: int,
        filters: HardFilters,
        *,
        term_scores: dict[str, np.ndarray | None] | None = None,
    ) -> None:
        super().__init__()
        self._bm25 = bm25
        self._top_k = top_k
        self._filters = filters
        self._term_scores = term_scores if term_scores is not None else {}

    def _mask(self) -> np.ndarray | None:
        return self._filters.mask(corpus_arrays(self._bm25))

    def _tokens(self, query: str) -> Any:
        import bm25s

        bm = self._bm25
        return bm25s.tokenize(
            query,
            stemmer=None if bm.skip_stemming else bm.stemmer,
            token_pattern=bm.token_pattern,
            show_progress=False,
        )

    def _scores(self, query: str) -> np.ndarray | None:
        """Unmasked BM25 scores of every chunk for ``query`` (None: no token), cached per query."""
        if query not in self._term_scores:
            import bm25s

            tokens = self._tokens(query)
            scores = None
            if tokens.vocab:
                as_strings = bm25s.tokenization.convert_tokenized_to_string_list(tokens)[0]
                scores = self._bm25.bm25.get_scores(as_strings) if as_strings else None
            self._term_scores[query] = scores
        return self._term_scores[query]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        import bm25s

        bm = self._bm25
        mask = self._mask()
        if mask is not None and not mask.any():
            return []
        n_docs = int(bm.bm25.scores.get("num_docs", 0) or len(bm.corpus or []))
        k = min(self._top_k, n_docs)
        if k <= 0:
            return []
        weights = mask.astype(np.float32) if mask is not None else None
        if getattr(bm.bm25, "backend", "numpy") == "numpy":
            scores = self._scores(query_bundle.query_str)
            if scores is None:
                return []
            if weights is not None:
                scores = scores * weights
            top_scores, top_rows = bm25s.selection.topk(scores, k=k, backend="auto", sorted=True)
            hits = [(bm.corpus[int(i)], float(v)) for i, v in zip(top_rows, top_scores, strict=True)]
        else:  # another bm25s backend (numba): let it do the whole query
            tokens = self._tokens(query_bundle.query_str)
            if not tokens.vocab:
                return []
            rows, values = bm.bm25.retrieve(tokens, k=k, show_progress=False, weight_mask=weights)
            hits = [
                (i if isinstance(i, dict) else bm.corpus[int(i)], float(v))
                for i, v in zip(rows[0], values[0], strict=True)
            ]
        return [
            NodeWithScore(node=metadata_dict_to_node(entry), score=score)
            for entry, score in hits
            if score > 0.0  # masked out or no term in common
        ]


# Post-filtering asks Chroma for up to this many unfiltered neighbours (at 50k chunks ~2 ms for
# 20, ~5 ms for 400, ~20 ms for 2,000) before a narrow filter searches by ids (~15-50 ms).
POSTFILTER_MAX_RESULTS = 400
# Where ids cannot be used, post-filtering goes on up to this many before Chroma's own filter.
POSTFILTER_ESCALATE_MAX = 5_000
# ``ids=`` becomes SQL variables (SQLite allows 32,766); beyond this, no restriction by ids.
MAX_ID_RESTRICTION = 20_000


class VectorNeighbours:
    """One question's unfiltered nearest neighbours from Chroma (ids, distances), shared by its
    passes: a windowed pass often finds its top-k among the neighbours already fetched."""

    def __init__(self, collection: Any, embedding: list[float], prefetch: int = 0) -> None:
        self._collection = collection
        self._embedding = embedding
        self._prefetch = prefetch
        self._hits: list[tuple[str, float]] = []
        self._asked = 0

    def top(self, n: int) -> list[tuple[str, float]]:
        """The ``n`` nearest (fewer when the collection is smaller)."""
        if n > self._asked and len(self._hits) == self._asked:  # more exist: ask again
            self._asked = max(n, self._prefetch)
            res = self._collection.query(
                query_embeddings=[self._embedding], n_results=self._asked, include=["distances"]
            )
            self._hits = list(zip(res["ids"][0], res["distances"][0], strict=True))
        return self._hits[:n]


class FilteredVectorRetriever(BaseRetriever):
    """Chroma's top-k under ``HardFilters``, without Chroma's metadata filter where it can.

    Why not ``VectorIndexRetriever(filters=...)``: Chroma evaluates a ``where`` clause in SQLite
    over every matching row before the vector search; at 50k chunks an as-of cut-off (90% of the
    rows) costs ~500 ms, a one-week window ~190 ms, against ~2 ms for the vector search itself.
    The filters are checked against ``CorpusArrays`` instead:
    - post-filtering: unfiltered neighbours (``VectorNeighbours``, at least ``2 * top_k /
      allowed-fraction`` of them), the first ``top_k`` allowed ones kept. Once the neighbours
      hold ``top_k`` allowed chunks (or all of them), those are the filtered top-k of the same
      HNSW graph (on the 50k bench index: 0.994 recall of the exact top-20; Chroma's own
      filtered query: 0.988);
    - narrow filters (a date window) whose chunks are not among the first
      ``POSTFILTER_MAX_RESULTS`` neighbours: a query restricted to the allowed ids (``ids=``),
      Chroma's filtered search without the SQLite scan;
    - otherwise, without arrays, or when Chroma holds vectors the arrays do not know: Chroma's
      ``where`` filter through llama-index, as before.
    Nodes come from the BM25 corpus's copy of each chunk (the same ``chunk_node`` serialised by
    ``node_to_metadata_dict``; fetching them back from Chroma costs ~8 ms a pass); ids the corpus
    does not know are judged and fetched from Chroma.
    """

    def __init__(
        self,
        index: VectorStoreIndex,
        top_k: int,
        filters: HardFilters,
        *,
        corpus: CorpusArrays | None = None,
        ids_match_corpus: bool = False,
        neighbours: VectorNeighbours | None = None,
    ) -> None:
        super().__init__()
        self._index = index
        self._top_k = top_k
        self._filters = filters
        self._corpus = corpus
        self._ids_match_corpus = ids_match_corpus
        store = index.vector_store
        # chromadb's own types; the calls below are checked by tests against a real collection.
        self._collection: Any = store._collection if isinstance(store, ChromaVectorStore) else None
        self._neighbours = neighbours

    def _by_store(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        """The reference path: llama-index's retriever with Chroma's own metadata filter."""
        filters = self._filters.metadata_filters()
        retriever = self._index.as_retriever(similarity_top_k=self._top_k, filters=filters)
        return retriever.retrieve(query_bundle)

    def _restricted(self, embedding: list[float], ids: list[str], n: int) -> list[tuple[str, float]]:
        res = self._collection.query(
            query_embeddings=[embedding], n_results=n, ids=ids, include=["distances"]
        )
        return list(zip(res["ids"][0], res["distances"][0], strict=True))

    def _fetch(self, ids: list[str], include: list[str]) -> dict[str, tuple[str | None, dict[str, Any]]]:
        got = self._collection.get(ids=ids, include=include)
        texts = got.get("documents") or [None] * len(got["ids"])
        metas = got.get("metadatas") or [{}] * len(got["ids"])
        return {i: (t, dict(m or {})) for i, t, m in zip(got["ids"], texts, metas, strict=True)}

    def _allowed(self, hits: list[tuple[str, float]], mask: np.ndarray) -> list[tuple[str, float]]:
        """``hits`` the filters allow, in order; ids the arrays do not know are judged by metadata."""
        assert self._corpus is not None
        rows = self._corpus.rows
        unknown = [i for i, _ in hits if i not in rows]
        verdict: dict[str, bool] = {}
        if unknown:  # e.g. written by an ingest that has not finished: ask Chroma
            fetched = self._fetch(unknown, ["metadatas"])
            verdict = {i: self._filters.allows(meta) for i, (_, meta) in fetched.items()}
        return [(i, d) for i, d in hits if (mask[rows[i]] if i in rows else verdict.get(i, False))]

    def _nodes(self, hits: list[tuple[str, float]]) -> list[NodeWithScore]:
        rows = self._corpus.rows if self._corpus is not None else {}
        unknown = [i for i, _ in hits if i not in rows]
        fetched = self._fetch(unknown, ["documents", "metadatas"]) if unknown else {}
        out = []
        for node_id, distance in hits:
            if node_id in rows:
                assert self._corpus is not None
                node = metadata_dict_to_node(self._corpus.entries[rows[node_id]])
            elif node_id in fetched:
                text, metadata = fetched[node_id]
                node = metadata_dict_to_node(metadata, text=text)
            else:
                continue  # deleted since the query
            # The score ``ChromaVectorStore.query`` gives.
            out.append(NodeWithScore(node=node, score=math.exp(-distance)))
        return out

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        embedding = query_bundle.embedding
        if self._collection is None or not embedding or self._corpus is None:
            return self._by_store(query_bundle)
        neighbours = self._neighbours or VectorNeighbours(self._collection, embedding)
        k, mask = self._top_k, self._filters.mask(self._corpus)
        if mask is None:
            return self._nodes(neighbours.top(k))
        allowed = int(np.count_nonzero(mask))
        if allowed == 0 and self._ids_match_corpus:
            return []
        by_ids = self._ids_match_corpus and allowed <= MAX_ID_RESTRICTION
        limit = POSTFILTER_MAX_RESULTS if by_ids else POSTFILTER_ESCALATE_MAX
        n = min(math.ceil(2 * k * len(mask) / max(allowed, 1)), limit)
        while allowed > 0:
            hits = neighbours.top(n)
            kept = self._allowed(hits, mask)
            if len(kept) >= min(k, allowed) or len(hits) < n:
                return self._nodes(kept[:k])
            if n >= limit:
                break
            n = min(n * 4, limit)
        if by_ids:
            ids = self._corpus.ids[mask].tolist()
            return self._nodes(self._restricted(embedding, ids, min(k, allowed)))
        return self._by_store(query_bundle)


# The reranker scores this many of the fused pool's head (None: the whole pool). A 6-layer
# cross-encoder costs ~17 ms a pair on 2 CPU cores (head 20: 313 ms, head 16: 266 ms p50 at 50k
# chunks); top_k is 10, and the passages below the head keep their fused order (the recency
# step after the reranker can still lift them).
RERANK_HEAD: int = Settings.model_fields["rerank_head"].default  # NEWSDESK_RERANK_HEAD


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
        rerank_head: int | None = RERANK_HEAD,
    ) -> None:
        self.settings = settings
        self.embed_model = embed_model
        self.index = VectorStoreIndex.from_vector_store(vector_store, embed_model=embed_model)
        self.bm25_provider = bm25_provider
        self.reranker = reranker
        self.rerank_head = rerank_head
        # QueryFusionRetriever wants an LLM for query generation; with num_queries=1 it never
        # calls it. A MockLLM keeps it off llama-index's global (OpenAI) default.
        self._no_llm = MockLLM()
        self._ids_checked: tuple[CorpusArrays | None, bool] = (None, False)

    def _ids_match(self, corpus: CorpusArrays) -> bool:
        """Whether Chroma holds as many vectors as the corpus has chunks (checked once per corpus).

        When it holds others (an ingest that stopped half-way), an ids-restricted query would
        miss them where Chroma's filter finds them, so the vector side keeps Chroma's filter.
        """
        checked, ok = self._ids_checked
        if checked is corpus:
            return ok
        store = self.index.vector_store
        ok = isinstance(store, ChromaVectorStore) and store._collection.count() == len(corpus.ids)
        self._ids_checked = (corpus, ok)
        return ok

    # -- one fused pass -------------------------------------------------------------------------
    def _fused(
        self,
        query: QueryBundle,
        filters: HardFilters,
        bm25: Any = None,
        term_scores: dict[str, np.ndarray | None] | None = None,
        neighbours: VectorNeighbours | None = None,
    ) -> list[NodeWithScore]:
        s = self.settings
        corpus = corpus_arrays(bm25) if bm25 is not None else None
        retrievers: list[BaseRetriever] = [
            FilteredVectorRetriever(
                self.index,
                s.vector_top_k,
                filters,
                corpus=corpus,
                ids_match_corpus=corpus is not None and self._ids_match(corpus),
                neighbours=neighbours,
            )
        ]
        if bm25 is not None:
            retrievers.append(MaskedBM25Retriever(bm25, s.bm25_top_k, filters, term_scores=term_scores))
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

    def _rerank(self, nodes: list[NodeWithScore], query: QueryBundle) -> list[NodeWithScore]:
        """The reranker on the pool's head; the rest keep their order, scored below the head."""
        assert self.reranker is not None
        head = nodes if self.rerank_head is None else nodes[: self.rerank_head]
        ranked = self.reranker.postprocess_nodes(head, query_bundle=query)
        tail = nodes[len(head) :]
        if not tail:
            return ranked
        # Reranker scores (cross-encoder logits) and fused scores share no scale: the tail goes
        # strictly below the head, in its fused order, for the recency step's sort.
        lowest = min((n.score or 0.0 for n in ranked), default=0.0)
        return ranked + [
            NodeWithScore(node=n.node, score=lowest - (i + 1) * 1e-6) for i, n in enumerate(tail)
        ]

    def retrieve(
        self,
        question: str,
        query_time: QueryTime,
        *,
        since: date | None = None,
        until: date | None = None,
        sources: Sequence[str] | None = None,
        top_k: int | None = None,
        query_embedding: list[float] | None = None,
    ) -> RetrievalResult:
        """``query_embedding``: the question's embedding when the caller already has it."""
        top_k = top_k or self.settings.top_k
        as_of = query_time.as_of
        hard_until = min(d for d in (until, as_of) if d) if (until or as_of) else None
        hard = HardFilters(since, hard_until, tuple(sources or ()))
        embedding = query_embedding if query_embedding is not None else self.embed_query(question)
        query = QueryBundle(question, embedding=embedding)
        notes: list[str] = []
        bm25 = self.bm25_provider() if self.bm25_provider else None
        # Shared by both passes: BM25 term scores and Chroma's unfiltered neighbours (fetched
        # deep enough at once for a window pass when relative words will need one).
        term_scores: dict[str, np.ndarray | None] = {}
        neighbours = None
        if isinstance(self.index.vector_store, ChromaVectorStore):
            prefetch = POSTFILTER_MAX_RESULTS if query_time.relative else 0
            neighbours = VectorNeighbours(self.index.vector_store._collection, embedding, prefetch)

        nodes = self._fused(query, hard, bm25, term_scores, neighbours)
        qt = query_time
        if qt.needs_reference:
            dates = [d for d in (node_published(n) for n in nodes[:top_k]) if d is not None]
            qt = qt.resolved(max(dates) if dates else None)
        if qt.window is not None:
            windowed = self._fused(query, hard.with_window(qt.window), bm25, term_scores, neighbours)
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
            nodes = self._rerank(nodes, query)
        recency = RecencyPostprocessor(
            as_of=as_of,
            reference=qt.reference,
            half_life_days=qt.half_life(self.settings.recency_half_life_days),
            prefer_recent=qt.about_present or bool(qt.relative),
        )
        nodes = recency.postprocess_nodes(nodes, query_bundle=query)
        nodes = _on_the_questions_clock(nodes, qt, notes)
        return RetrievalResult(nodes=nodes[:top_k], query_time=qt, query_embedding=embedding, notes=notes)


def _on_the_questions_clock(
    nodes: list[NodeWithScore], qt: QueryTime, notes: list[str]
) -> list[NodeWithScore]:
    """The passages an answer may come from on the question's clock: a question about "this
    week" (or asking for the newest, as of a date) is not answered from articles a year older
    (``assistant.as_of_checks``), so neither the evidence nor the small model sees them ("125
    million under heat alerts" of 2022 beside this week's winter storm warnings). Here, before
    the top-k cut, so fresh passages take their places; all of them when none is fresh.

    Written here because llama-index's date postprocessors (FixedRecency, TimeWeighted) rank by
    recency or keep the newest few; none drops what is older than a date the question names."""
    start = fresh_from(qt)
    if start is None:
        return nodes
    fresh = [n for n in nodes if not is_stale(node_published(n), start)]
    if fresh and len(fresh) < len(nodes):
        notes.append(
            f"left out {len(nodes) - len(fresh)} passage(s) published over a year before {start.isoformat()}"
        )
    return fresh or nodes
