from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

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


def make_retriever(settings: Settings, library: Library, **kwargs: Any) -> HybridRetriever:
    return HybridRetriever(
        settings,
        vector_store=make_vector_store(settings),
        embed_model=HashEmbedding(),
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
    res = retriever.retrieve(q, analyze_question(q, "2025-06-03"))  # nothing within a week of it
    assert "Museum acquires painting" in titles(res.nodes)
    assert any("searched all dates" in note for note in res.notes)


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
