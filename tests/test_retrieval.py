from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant import retrieval
from assistant.components.fakes import HashEmbedding
from assistant.components.library import Library
from assistant.components.vector_store import make_vector_store
from assistant.errors import ModelNotAvailableError
from assistant.querytime import analyze_question, to_days
from assistant.retrieval import (
    HardFilters,
    HybridRetriever,
    MaskedBM25Retriever,
    RecencyPostprocessor,
    make_reranker,
)
from assistant.settings import Settings
from assistant.wiring import bm25_provider
from ingest.pipeline import ingest_paths

RECORDS = [
    ("r1", "Council elects chair", "The harbour council elected Mira Holt as its chair for the coming term.", "2023-01-10", "Coast Post"),
    ("r2", "Council chair replaced", "The harbour council replaced its chair: Tomas Reyes now leads the council.", "2024-06-02", "Coast Post"),
    ("r3", "Ferry strike ends", "The ferry strike ended after workers accepted a new wage deal on Tuesday.", "2024-05-28", "Bay Times"),
    ("r4", "Bridge opening planned", "Engineers said the Ostrava bridge will open to traffic next spring.", "2024-05-30", "Bay Times"),
    ("r5", "Museum acquires painting", "The city museum acquired a painting by Ilse Varga for its modern wing.", "2022-03-15", "Arts Weekly"),
    ("r6", "Harbour dredging starts", "Dredging of the harbour channel started this week, the port authority said.", "2024-06-01", "Coast Post"),
]  # fmt: skip


def write_records(folder: Path, records: list[tuple[str, str, str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for rid, title, text, published, source in records:
            fh.write(
                json.dumps(
                    {"id": rid, "title": title, "text": text, "published": published, "source": source}
                )
                + "\n"
            )
    return path


@pytest.fixture
def indexed(settings: Settings, tmp_path: Path) -> tuple[Settings, Library]:
    report = ingest_paths([write_records(tmp_path / "corpus", RECORDS)], settings)
    assert report.failed == 0 and report.added == len(RECORDS)
    return settings, Library(settings.library_path)


def make_retriever(
    settings: Settings, library: Library, embed_model: BaseEmbedding | None = None, **kwargs: Any
) -> HybridRetriever:
    return HybridRetriever(
        settings,
        vector_store=make_vector_store(settings),
        embed_model=embed_model or HashEmbedding(),
        bm25_provider=bm25_provider(settings, library),
        **kwargs,
    )


def titles(nodes: list[NodeWithScore]) -> list[str]:
    return [str(n.node.metadata["title"]) for n in nodes]


def test_hybrid_finds_the_matching_chunk_with_the_node_contract(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    result = retriever.retrieve("ferry strike wage deal", analyze_question("ferry strike wage deal"))
    assert titles(result.nodes)[0] == "Ferry strike ends"
    meta = result.nodes[0].node.metadata
    doc = library.get_document(str(meta["doc_id"]))
    assert doc is not None
    assert doc.text[int(meta["start"]) : int(meta["end"])] == result.nodes[0].node.get_content()
    assert len({n.node.node_id for n in result.nodes}) == len(result.nodes)  # fused without duplicates


def test_filters_since_until_and_source(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "harbour council chair"
    res = retriever.retrieve(q, analyze_question(q), since=date(2024, 1, 1), until=date(2024, 6, 1))
    assert res.nodes
    for n in res.nodes:
        assert "2024-01-01" <= str(n.node.metadata["published"]) <= "2024-06-01"
    res = retriever.retrieve(q, analyze_question(q), sources=["Arts Weekly"])
    assert {n.node.metadata["source"] for n in res.nodes} == {"Arts Weekly"}


def test_as_of_cuts_later_documents(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "Who chairs the harbour council?"
    res = retriever.retrieve(q, analyze_question(q, "2023-12-31"))
    assert res.nodes
    assert all(str(n.node.metadata["published"]) <= "2023-12-31" for n in res.nodes)
    assert titles(res.nodes)[0] == "Council elects chair"


def test_present_questions_prefer_recent_documents(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "Who is the current chair of the harbour council?"
    res = retriever.retrieve(q, analyze_question(q))
    assert res.query_time.reference == date(2024, 6, 2)  # newest matching source, not the clock
    top = titles(res.nodes)
    assert top.index("Council chair replaced") < top.index("Council elects chair")


def test_relative_words_resolve_against_the_newest_matching_source(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "What started at the harbour this week?"
    res = retriever.retrieve(q, analyze_question(q))
    assert res.query_time.window is not None
    assert res.query_time.window.end == date(2024, 6, 2)
    assert titles(res.nodes)[0] == "Harbour dredging starts"


def test_window_that_matches_nothing_falls_back_to_all_dates(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "What did the museum acquire last week?"
    res = retriever.retrieve(q, analyze_question(q, "2022-09-01"))  # nothing within a week of it
    assert "Museum acquires painting" in titles(res.nodes)
    assert any("searched all dates" in note for note in res.notes)


def test_a_this_week_question_leaves_out_articles_a_year_older(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "What did the city museum acquire for its modern wing this week?"
    res = retriever.retrieve(q, analyze_question(q, "2024-06-03"))
    # The 2022 record matches every word but is from two years before the week asked about; the
    # fresh ones take its place.
    assert res.nodes and "Museum acquires painting" not in titles(res.nodes)
    assert any("published over a year before" in note for note in res.notes)
    # Asked in its own week, it is the answer.
    res = retriever.retrieve(q, analyze_question(q, "2022-03-16"))
    assert titles(res.nodes)[0] == "Museum acquires painting"


def _nws(node_id: str, published: str, score: float) -> NodeWithScore:
    days = to_days(date.fromisoformat(published))
    node = TextNode(id_=node_id, text=node_id, metadata={"published": published, "published_days": days})
    return NodeWithScore(node=node, score=score)


def test_recency_postprocessor_boosts_drops_and_leaves_history_alone() -> None:
    nodes = [
        _nws("old", "2020-01-01", 1.0),
        _nws("new", "2024-05-30", 0.8),
        _nws("future", "2024-07-01", 0.9),
    ]
    boosted = RecencyPostprocessor(as_of=date(2024, 6, 1), reference=date(2024, 6, 1), prefer_recent=True)
    assert [n.node.node_id for n in boosted.postprocess_nodes(list(nodes))] == ["new", "old"]
    plain = RecencyPostprocessor(as_of=date(2024, 6, 1), reference=date(2024, 6, 1), prefer_recent=False)
    assert [n.node.node_id for n in plain.postprocess_nodes(list(nodes))] == ["old", "new"]


def test_masked_bm25_applies_per_query_filters(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    bm25 = bm25_provider(settings, library)()
    assert bm25 is not None
    q = QueryBundle("harbour council chair")
    everything = MaskedBM25Retriever(bm25, 10, HardFilters()).retrieve(q)
    assert {"Council elects chair", "Council chair replaced"} <= set(titles(everything))
    only_2023 = MaskedBM25Retriever(bm25, 10, HardFilters(until=date(2023, 12, 31))).retrieve(q)
    assert titles(only_2023) == ["Council elects chair"]
    none = MaskedBM25Retriever(bm25, 10, HardFilters(sources=("Nobody",))).retrieve(q)
    assert none == []


class ReverseReranker(BaseNodePostprocessor):
    """Stands in for a cross-encoder: reverses the order and records that it ran."""

    calls: int = 0
    top_n: int = 5
    model: str = ""

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        self.calls += 1
        out = list(reversed(nodes))[: self.top_n]
        for i, n in enumerate(out):
            n.score = float(len(out) - i)
        return out


def test_reranker_slot(
    indexed: tuple[Settings, Library], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings, library = indexed
    assert make_reranker(settings, 5) is None
    with pytest.raises(ModelNotAvailableError, match="local cross-encoder"):
        make_reranker(settings.model_copy(update={"reranker": "sentence_transformer"}), 5)
    model_dir = tmp_path / "cross-encoder"
    model_dir.mkdir()
    import llama_index.core.postprocessor as pp

    monkeypatch.setattr(pp, "SentenceTransformerRerank", ReverseReranker)
    configured = settings.model_copy(
        update={"reranker": "sentence_transformer", "reranker_model": str(model_dir)}
    )
    reranker = make_reranker(configured, 5)
    assert isinstance(reranker, ReverseReranker) and reranker.model == str(model_dir)
    q = "ferry strike wage deal"
    plain = titles(make_retriever(settings, library).retrieve(q, analyze_question(q)).nodes)
    reranked = make_retriever(settings, library, reranker=reranker).retrieve(q, analyze_question(q))
    assert reranker.calls == 1
    assert titles(reranked.nodes)[0] != plain[0]


# -- the fast paths keep the ranking (performance work, issue 4) ------------------------------
TOPICS = ["harbour council vote", "ferry strike wages", "bridge opening traffic", "museum painting",
          "port dredging channel", "city budget schools", "river flood warning", "tram line works"]  # fmt: skip
SOURCES = ["Coast Post", "Bay Times", "Arts Weekly"]


WORDS = ["officials", "said", "matter", "moved", "after", "long", "meeting", "late", "night", "residents",
         "asked", "questions", "mayor", "office", "confirmed", "plans"]  # fmt: skip


def many_records(n: int = 48) -> list[tuple[str, str, str, str, str]]:
    """Deterministic news over two years and three sources, several stories per topic. Every
    text says "report" (as every test question does) and has its own length, so vector and BM25
    scores do not tie (tied chunks may come back in any order, from Chroma's filter too)."""
    out = []
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        day = date(2023, 1, 1).toordinal() + (i * 37) % 700
        published = date.fromordinal(day).isoformat()
        words = [WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(2 + i)]
        text = f"Report on the {topic}: {' '.join(words)} (item {i})."
        out.append((f"m{i}", f"{topic.title()} {i}", text, published, SOURCES[i % len(SOURCES)]))
    return out


class JitterEmbedding(HashEmbedding):
    """``HashEmbedding`` plus a small fixed per-text component: no two chunks tie in cosine
    (tied chunks may come back in any order, from Chroma's own filter too)."""

    @classmethod
    def class_name(cls) -> str:
        return "JitterEmbedding"

    def _embed(self, text: str) -> list[float]:
        seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
        vec = np.array(super()._embed(text)) + 0.05 * np.random.default_rng(seed).standard_normal(self.dim)
        return (vec / np.linalg.norm(vec)).tolist()


@pytest.fixture
def many(settings: Settings, tmp_path: Path) -> tuple[Settings, Library]:
    records = many_records()
    report = ingest_paths(
        [write_records(tmp_path / "many", records)], settings, embed_model=JitterEmbedding()
    )
    assert report.failed == 0 and report.added == len(records)
    return settings, Library(settings.library_path)


FILTER_CASES = [
    HardFilters(),
    HardFilters(until=date(2023, 12, 31)),
    HardFilters(since=date(2024, 3, 1)),
    HardFilters(since=date(2023, 6, 1), until=date(2023, 6, 30)),  # a window: a few chunks
    HardFilters(sources=("Arts Weekly",)),
    HardFilters(until=date(2024, 6, 1), sources=("Bay Times", "Nobody")),
    HardFilters(since=date(2030, 1, 1)),  # nothing
]


def _vector(
    settings: Settings, library: Library, filters: HardFilters, question: str, top_k: int = 5
) -> tuple[retrieval.FilteredVectorRetriever, QueryBundle]:
    bm25 = bm25_provider(settings, library)()
    hybrid = make_retriever(settings, library, JitterEmbedding())
    corpus = retrieval.corpus_arrays(bm25)
    vector = retrieval.FilteredVectorRetriever(
        hybrid.index, top_k, filters, corpus=corpus, ids_match_corpus=hybrid._ids_match(corpus)
    )
    return vector, QueryBundle(question, embedding=JitterEmbedding().get_query_embedding(question))


def _same(fast: list[NodeWithScore], reference: list[NodeWithScore]) -> None:
    assert [n.node.node_id for n in fast] == [n.node.node_id for n in reference]
    for a, b in zip(fast, reference, strict=True):
        assert a.score == pytest.approx(b.score, rel=1e-5)
        # The node is the one Chroma's path builds: same text, metadata and hash (RRF key).
        assert a.node.get_content() == b.node.get_content()
        assert a.node.metadata == b.node.metadata and a.node.hash == b.node.hash
        assert a.node.ref_doc_id == b.node.ref_doc_id


@pytest.mark.parametrize("path", ["post-filter", "ids", "where"])
def test_filtered_vector_paths_match_chromas_filter(
    many: tuple[Settings, Library], monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """Each way of applying the hard filters returns what Chroma's own ``where`` filter does."""
    settings, library = many
    if path != "post-filter":  # the first neighbour never suffices: restrict by ids, or else where
        monkeypatch.setattr(retrieval, "POSTFILTER_MAX_RESULTS", 1)
        monkeypatch.setattr(retrieval, "POSTFILTER_ESCALATE_MAX", 1)
    if path == "where":
        monkeypatch.setattr(retrieval, "MAX_ID_RESTRICTION", 0)
    used: list[str] = []
    for name in ("_restricted", "_by_store"):
        original = getattr(retrieval.FilteredVectorRetriever, name)

        def spy(self: Any, *args: Any, _name: str = name, _original: Any = original) -> Any:
            used.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(retrieval.FilteredVectorRetriever, name, spy)
    taken: set[str] = set()
    for filters in FILTER_CASES:
        for question in (
            "report: officials said the harbour council vote",
            "mayor report on the river flood",
        ):
            vector, query = _vector(settings, library, filters, question)
            used.clear()
            fast = vector.retrieve(query)
            taken.update(used or ["post-filter"])
            _same(fast, vector._by_store(query))
            assert all(filters.allows(n.node.metadata) for n in fast)
    assert taken == {"post-filter", {"ids": "_restricted", "where": "_by_store"}.get(path, "post-filter")}


def test_chroma_vectors_unknown_to_the_corpus_are_judged_by_their_metadata(
    many: tuple[Settings, Library],
) -> None:
    """Vectors the library does not list yet (an ingest still running) are found as before."""
    settings, library = many
    text = "An unlisted report: harbour council vote, officials said."
    node = TextNode(
        id_="ghost:0",
        text=text,
        metadata={
            "doc_id": "ghost",
            "title": "Ghost",
            "published": "2023-03-01",
            "published_days": to_days(date(2023, 3, 1)),
            "source": "Coast Post",
        },
        embedding=JitterEmbedding().get_text_embedding(text),
    )
    make_vector_store(settings).add([node])
    for filters in (HardFilters(until=date(2023, 12, 31)), HardFilters(since=date(2024, 1, 1))):
        vector, query = _vector(
            settings, library, filters, "officials said the harbour council vote", top_k=8
        )
        assert vector._ids_match_corpus is False  # Chroma holds more: no ids restriction
        fast, reference = vector.retrieve(query), vector._by_store(query)
        assert [n.node.node_id for n in fast] == [n.node.node_id for n in reference]
        assert ("ghost:0" in [n.node.node_id for n in fast]) == filters.allows(node.metadata)


def test_masked_bm25_with_shared_term_scores_equals_bm25s_retrieve(many: tuple[Settings, Library]) -> None:
    settings, library = many
    bm25 = bm25_provider(settings, library)()
    assert bm25 is not None
    corpus = retrieval.corpus_arrays(bm25)
    import bm25s

    shared: dict[str, Any] = {}
    for question in ("harbour council vote", "officials said the matter moved on", "zzz unknown"):
        tokens = bm25s.tokenize(
            question, stemmer=bm25.stemmer, token_pattern=bm25.token_pattern, show_progress=False
        )
        for filters in FILTER_CASES:
            mask = filters.mask(corpus)
            got = MaskedBM25Retriever(bm25, 10, filters, term_scores=shared).retrieve(QueryBundle(question))
            if not tokens.vocab or (mask is not None and not mask.any()):
                assert got == []
                continue
            docs, scores = bm25.bm25.retrieve(
                tokens,
                k=10,
                show_progress=False,
                weight_mask=None if mask is None else mask.astype(np.float32),
            )
            expected = [(d["node_id"], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
            assert [(n.node.node_id, n.score) for n in got] == expected
    assert set(shared) == {"harbour council vote", "officials said the matter moved on", "zzz unknown"}


QUESTIONS = [
    ("What did the report say about the harbour council vote this week?", None, {}),
    ("What is the latest report on the ferry strike wages?", "2024-03-01", {}),
    ("Which museum painting report came out last month?", "2024-06-15", {}),
    ("river flood warning report", None, {"since": date(2023, 5, 1), "until": date(2024, 2, 1)}),
    ("tram line works report", "2024-01-10", {"sources": ["Bay Times"]}),
    ("What did the report say about the bridge opening traffic recently?", "2023-09-30", {"sources": ["Coast Post"]}),
]  # fmt: skip


@pytest.mark.parametrize("top_k", [5, 30])
def test_hybrid_ranking_equals_the_chroma_filter_pipeline(
    many: tuple[Settings, Library], monkeypatch: pytest.MonkeyPatch, top_k: int
) -> None:
    """The whole pipeline (both passes, fusion, recency) returns the same chunks in the same
    order as when every vector query goes through Chroma's own ``where`` filter."""
    settings, library = many
    fast = make_retriever(settings, library, JitterEmbedding())
    results = {q: fast.retrieve(q, analyze_question(q, a), top_k=top_k, **kw) for q, a, kw in QUESTIONS}
    monkeypatch.setattr(
        retrieval.FilteredVectorRetriever, "_retrieve", retrieval.FilteredVectorRetriever._by_store
    )
    reference = make_retriever(settings, library, JitterEmbedding())
    for q, a, kw in QUESTIONS:
        expected = reference.retrieve(q, analyze_question(q, a), top_k=top_k, **kw)
        assert [n.node.node_id for n in results[q].nodes] == [n.node.node_id for n in expected.nodes], q
        assert [n.score for n in results[q].nodes] == pytest.approx([n.score for n in expected.nodes])
        assert results[q].query_time == expected.query_time and results[q].notes == expected.notes


def test_a_windowed_question_asks_chroma_once_without_a_where_filter(
    many: tuple[Settings, Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, library = many
    retriever = make_retriever(settings, library, JitterEmbedding())
    q = "What did the report say about the harbour council vote this week?"
    retriever.retrieve(q, analyze_question(q, "2024-02-01"))  # warm: corpus arrays, count check
    collection = retriever.index.vector_store._collection  # type: ignore[attr-defined]
    queries: list[dict[str, Any]] = []
    original = type(collection).query

    def query(self: Any, *args: Any, **kwargs: Any) -> Any:
        queries.append(kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(collection), "query", query)
    res = retriever.retrieve(q, analyze_question(q, "2024-02-01"))
    assert res.query_time.window is not None and res.nodes
    assert len(queries) == 1 and "where" not in queries[0]


def test_query_embedding_is_used_when_given(indexed: tuple[Settings, Library]) -> None:
    settings, library = indexed
    retriever = make_retriever(settings, library)
    q = "ferry strike wage deal"
    plain = retriever.retrieve(q, analyze_question(q))
    calls: list[str] = []
    retriever.embed_query = lambda question: calls.append(question) or []  # type: ignore[method-assign]
    given = retriever.retrieve(q, analyze_question(q), query_embedding=plain.query_embedding)
    assert calls == [] and given.query_embedding == plain.query_embedding
    assert [n.node.node_id for n in given.nodes] == [n.node.node_id for n in plain.nodes]


def test_reranker_sees_the_head_and_the_tail_keeps_its_order(many: tuple[Settings, Library]) -> None:
    settings, library = many
    q = "report on the harbour council vote"  # no time words: the recency step keeps the order
    plain = (
        make_retriever(settings, library, JitterEmbedding()).retrieve(q, analyze_question(q), top_k=30).nodes
    )
    assert len(plain) > 8
    reranker = ReverseReranker(top_n=40)
    head = make_retriever(settings, library, JitterEmbedding(), reranker=reranker, rerank_head=4)
    got = head.retrieve(q, analyze_question(q), top_k=30).nodes
    ids = [n.node.node_id for n in plain]
    assert [n.node.node_id for n in got] == ids[:4][::-1] + ids[4:]
    scores = [n.score or 0.0 for n in got]
    assert scores == sorted(scores, reverse=True)  # the tail strictly below the head
    whole = make_retriever(
        settings, library, JitterEmbedding(), reranker=ReverseReranker(top_n=40), rerank_head=None
    )
    assert [n.node.node_id for n in whole.retrieve(q, analyze_question(q), top_k=30).nodes] == ids[::-1]
    assert retrieval.RERANK_HEAD == 16
