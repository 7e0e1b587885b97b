"""Answering benchmark (issue 4): retrieval latency and the embedded LLM's answer latency.

    python benchmarks/answer.py --work /tmp/nd-bench [--chunks 50000] [--realtimeqa DIR] [--skip-llm]

In one run:
- Retrieval p50/p95 of the hybrid pipeline (vector + BM25, fused, time-aware postprocessing) on
  the sample corpus and on a large index (``--chunks``, default 50,000), rerank off and on,
  beside Chroma's bare ``collection.query`` time on the same index and query embeddings (and,
  on the large index, Chroma's own as-of filtered query, which the pipeline avoids). The query
  embedding (MiniLM, once per question) is timed apart; "hybrid total" includes it, "hybrid"
  alone is the pipeline given the embedding.
- Rerank "on": the cross-encoder at ``--reranker-model``; none ships offline, so by default a
  timing stand-in is used: MiniLM's weights loaded as a ``CrossEncoder`` (the same 6-layer/384-d
  architecture as ms-marco-MiniLM-L-6 cross-encoders; its scores are meaningless, its cost is not).
  Timed on the head of the fused pool (``RERANK_HEAD``, the default) and on the whole pool.
- The embedded LLM: time to first token and to the full answer (``Engine.ask`` on the sample),
  beside the model's own raw generation speed (tokens/s of a plain completion) in the same run.

The large index is synthesised from the RealTime QA articles' sentences (read in place from
``--realtimeqa``): each article is one document, its chunks are windows of 1-2 sentences, so
the chunk count grows without inventing text. It is built once under ``--work`` and reused.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant  # noqa: F401  (offline environment first)
from assistant.components.embedding import make_embed_model, resolve_embedding_path
from assistant.components.library import Library
from assistant.components.vector_store import get_collection, make_vector_store
from assistant.logsetup import configure_logging
from assistant.querytime import analyze_question
from assistant.retrieval import RERANK_HEAD, HardFilters, HybridRetriever, make_reranker
from assistant.settings import Settings
from assistant.types import ChunkRecord, DocumentRecord
from assistant.wiring import bm25_provider, build_engine

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "benchmarks" / "realtimeqa"
SAMPLE_QUESTIONS = [
    "When and where will Lavrov meet Jaishankar?",
    "Where was the 17th BRICS Summit held?",
    "Who did Rajnath Singh meet in Qingdao?",
    "Who led the all-party delegation to Russia?",
    "Where did Lavrov and Jaishankar meet in February 2025?",
    "What did India and Russia discuss at the SCO Defence Ministers' Meeting?",
]
# Questions no event record answers: the LLM writes them (timed apart from the record answers).
LLM_QUESTIONS = [
    "What is the name of India's external affairs minister?",
    "What did Jaishankar and Lavrov review in Johannesburg?",
    "Which countries joined BRICS recently?",
    "Who is Russia's foreign minister?",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(values: list[float]) -> str:
    return f"p50 {pct(values, 0.5) * 1000:7.1f} ms  p95 {pct(values, 0.95) * 1000:7.1f} ms"


# -- the large index ---------------------------------------------------------------------------
def realtimeqa_questions(folder: Path, limit: int) -> list[tuple[str, str]]:
    out = []
    for path in sorted((folder / "weeks").glob("*_qa.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["question_sentence"], row["question_date"].replace("/", "-")[:10]))
    return out[:limit]


def synth_documents(folder: Path) -> list[tuple[DocumentRecord, list[tuple[int, int]]]]:
    """Each unique RealTime QA article as a document with its sentence offsets."""
    from ingest.nlp import split_sentences
    from ingest.pipeline import content_hash, doc_id_for
    from ingest.pubdate import parse_published

    seen: set[str] = set()
    docs = []
    for path in sorted((folder / "weeks").glob("*_gcs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            for art in json.loads(line).get("search_result", []):
                url, text = art.get("url") or "", (art.get("text") or "").strip()
                if not text or url in seen:
                    continue
                seen.add(url)
                try:
                    published = (
                        parse_published(art.get("publish_date") or "") if art.get("publish_date") else None
                    )
                except Exception:
                    published = None
                title = (art.get("title") or "").strip() or text[:80]
                key = f"bench:{url}"
                doc = DocumentRecord(doc_id_for(key), key, content_hash(title, text, published), title, text,
                                     published, url.split("/")[2] if "//" in url else None, url, None, "article")  # fmt: skip
                docs.append((doc, [(s.start, s.end) for s in split_sentences(text)]))
    return docs


def build_large_index(settings: Settings, folder: Path, target: int, embed_model: Any) -> int:
    """Windows of 1 and 2 sentences until ``target`` chunks; resumable (documents done stay done)."""
    from ingest.index import build_bm25, chunk_node, embed_nodes, write_nodes

    library = Library(settings.library_path)
    if library.count_chunks() >= target and library.get_meta("bench_target") == str(target):
        return library.count_chunks()
    store = make_vector_store(settings)
    docs = synth_documents(folder)
    plan: list[tuple[DocumentRecord, list[ChunkRecord]]] = []
    total = 0
    for width in (1, 2):
        for doc, sents in docs:
            if total >= target:
                break
            chunks = []
            for i in range(0, max(0, len(sents) - width + 1)):
                s, e = sents[i][0], sents[i + width - 1][1]
                if e - s < 40:
                    continue
                chunks.append(ChunkRecord(f"{doc.doc_id}-w{width}:{i}", doc.doc_id, i, s, e, doc.text[s:e]))
            chunks = chunks[: target - total]
            total += len(chunks)
            plan.append((doc, chunks))
    # One library document per (article, width) so both windows' chunks are kept.
    done = {d["doc_id"] for d in library.list_documents()}
    started = time.perf_counter()
    written = 0
    for i, (doc, chunks) in enumerate(plan):
        width_id = chunks[0].chunk_id.split("-w")[1].split(":")[0] if chunks else "1"
        wdoc = DocumentRecord(**{**doc.to_dict(), "doc_id": f"{doc.doc_id}w{width_id}",
                                 "source_key": f"{doc.source_key}#w{width_id}"})  # fmt: skip
        if wdoc.doc_id in done or not chunks:
            continue
        chunks = [
            ChunkRecord(f"{wdoc.doc_id}:{j}", wdoc.doc_id, j, c.start, c.end, c.text)
            for j, c in enumerate(chunks)
        ]
        library.stage_document(wdoc, chunks)
        nodes = [chunk_node(wdoc, c) for c in chunks]
        embed_nodes(nodes, embed_model)
        write_nodes(store, nodes)
        library.mark_complete(wdoc.doc_id)
        written += len(chunks)
        if i % 50 == 0:
            rate = written / max(1e-9, time.perf_counter() - started)
            print(
                f"  large index: {library.count_chunks()}/{target} chunks ({rate:.0f} chunks/s)", flush=True
            )
    library.bump_generation()
    build_bm25(settings, library)
    library.set_meta("bench_target", str(target))
    return library.count_chunks()


# -- measurements ------------------------------------------------------------------------------
def time_retrieval(settings: Settings, embed_model: Any, questions: list[tuple[str, str | None]],
                   reranker: Any, label: str, *, rerank_head: int | None = RERANK_HEAD,
                   chroma_filtered: bool = False) -> dict[str, Any]:  # fmt: skip
    """Per question: the query embedding, Chroma's bare query, then the hybrid pipeline given
    that embedding; "hybrid total" = embedding + pipeline (what a real query costs)."""
    from llama_index.core.schema import QueryBundle

    library = Library(settings.library_path)
    provider = bm25_provider(settings, library)
    retriever = HybridRetriever(settings, vector_store=make_vector_store(settings), embed_model=embed_model,
                                bm25_provider=provider, reranker=reranker, rerank_head=rerank_head)  # fmt: skip
    collection = get_collection(settings)
    embeds, bare, filtered, pipeline = [], [], [], []
    for q, as_of in questions[:2]:  # warm caches (BM25 load, corpus arrays, HNSW pages)
        retriever.retrieve(q, analyze_question(q, as_of))
    for q, as_of in questions:
        t = time.perf_counter()
        vec = embed_model.get_query_embedding(q)
        embeds.append(time.perf_counter() - t)
        t = time.perf_counter()
        collection.query(query_embeddings=[vec], n_results=settings.vector_top_k)
        bare.append(time.perf_counter() - t)
        qt = analyze_question(q, as_of)
        if chroma_filtered and qt.as_of is not None:  # what the as-of cut-off cost as a Chroma filter
            where = HardFilters(until=qt.as_of).metadata_filters()
            t = time.perf_counter()
            retriever.index.as_retriever(similarity_top_k=settings.vector_top_k, filters=where).retrieve(
                QueryBundle(q, embedding=vec)
            )
            filtered.append(time.perf_counter() - t)
        t = time.perf_counter()
        retriever.retrieve(q, qt, query_embedding=vec)
        pipeline.append(time.perf_counter() - t)
    hybrid = [e + p for e, p in zip(embeds, pipeline, strict=True)]
    row = {"index": label, "chunks": library.count_chunks(), "queries": len(questions),
           "rerank_head": rerank_head if reranker is not None else None, "embed": embeds,
           "chroma_bare": bare, "chroma_filtered": filtered, "hybrid": hybrid,
           "hybrid_no_embed": pipeline}  # fmt: skip
    print(f"{label:28s} chunks={row['chunks']:>6}  query-embed {ms(embeds)}")
    print(f"{'':28s} chroma bare  {ms(bare)}")
    if filtered:
        print(f"{'':28s} chroma as-of filter (where) {ms(filtered)}")
    print(f"{'':28s} hybrid total {ms(hybrid)}  (incl. embedding)")
    print(f"{'':28s} hybrid       {ms(pipeline)}  (without embedding)")
    return row


def stand_in_reranker(settings: Settings, path: str | None) -> Any:
    model = path or str(resolve_embedding_path(settings.embedding_model))
    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
    return make_reranker(settings.model_copy(update={"reranker": "sentence_transformer", "reranker_model": model}),
                         top_n=settings.vector_top_k + settings.bm25_top_k)  # fmt: skip


def time_llm(settings: Settings, embed_model: Any) -> None:
    from ingest.pipeline import ingest_paths

    ingest_paths([REPO / "data" / "sample"], settings, embed_model=embed_model)
    t = time.perf_counter()
    engine = build_engine(settings, embed_model=embed_model)
    engine.warm_up()
    print(f"LLM load + warm-up: {time.perf_counter() - t:.1f} s")
    model = engine.llm._model  # type: ignore[attr-defined]
    prompt = "<|im_start|>user\nWrite a paragraph about rivers.<|im_end|>\n<|im_start|>assistant\n"
    t = time.perf_counter()
    out = model.create_completion(prompt, max_tokens=64, temperature=0, top_k=1)
    dt = time.perf_counter() - t
    n = out["usage"]["completion_tokens"]
    p = out["usage"]["prompt_tokens"]
    t = time.perf_counter()
    out2 = model.create_completion(prompt, max_tokens=1, temperature=0, top_k=1)  # prompt cached: ~0
    t_prompt = time.perf_counter() - t
    print(
        f"raw generation: {n} tokens in {dt:.2f} s ({n / max(dt - t_prompt, 1e-9):.1f} tok/s; prompt {p} tok)"
    )
    _ = out2
    # The raw run replaced the prompt cache: warm up again, as `newsdesk serve` is before a question.
    engine.warm_up()
    firsts, totals, llm_firsts, llm_totals = [], [], [], []
    for q in SAMPLE_QUESTIONS + LLM_QUESTIONS:
        a = engine.ask(q)
        first = a.timings.get("first_token", a.timings["total"])
        firsts.append(first)
        totals.append(a.timings["total"])
        if a.timings.get("llm", 0.0) > 0:  # the question went through the LLM
            llm_firsts.append(first)
            llm_totals.append(a.timings["total"])
        print(f"  {first:5.2f} s first, {a.timings['total']:5.2f} s total  "
              f"{'llm ' if a.timings.get('llm', 0.0) > 0 else 'rec '}"
              f"{'REFUSED' if a.refused else a.short_answer!r:30s}  {q}")  # fmt: skip
    print(f"embedded LLM answers (all {len(firsts)}): first token p50 {statistics.median(firsts):.2f} s, "
          f"full answer p50 {statistics.median(totals):.2f} s (max {max(totals):.2f} s)")  # fmt: skip
    if llm_firsts:
        print(f"answers written by the LLM ({len(llm_firsts)}): first token p50 "
              f"{statistics.median(llm_firsts):.2f} s (max {max(llm_firsts):.2f} s), full answer p50 "
              f"{statistics.median(llm_totals):.2f} s (max {max(llm_totals):.2f} s)")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, required=True, help="folder for the cached indexes")
    ap.add_argument("--realtimeqa", type=Path, default=SHARED)
    ap.add_argument("--chunks", type=int, default=50_000)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--reranker-model", default=None)
    ap.add_argument(
        "--rerank-head",
        type=int,
        default=RERANK_HEAD,
        help=f"passages of the fused pool's head the reranker scores (default {RERANK_HEAD})",
    )
    ap.add_argument("--skip-llm", action="store_true")
    ap.add_argument("--skip-large", action="store_true")
    args = ap.parse_args()
    configure_logging(False)
    base = Settings(home=args.work / "sample", llm_mode="embedded")
    t = time.perf_counter()
    embed_model = make_embed_model(base)
    embed_model.get_query_embedding("warm up")
    print(f"embedding model load: {time.perf_counter() - t:.1f} s")
    reranker = stand_in_reranker(base, args.reranker_model)
    rr_label = "cross-encoder" if args.reranker_model else "rerank stand-in (MiniLM as CrossEncoder)"

    from ingest.pipeline import ingest_paths

    ingest_paths([REPO / "data" / "sample"], base, embed_model=embed_model)
    sample_q: list[tuple[str, str | None]] = [(q, None) for _ in range(5) for q in SAMPLE_QUESTIONS]
    whole = None  # the reranker on the whole fused pool (vector_top_k + bm25_top_k)
    rows = [time_retrieval(base, embed_model, sample_q, None, "sample, rerank off"),
            time_retrieval(base, embed_model, sample_q, reranker, f"sample, {rr_label}, head {args.rerank_head}",
                           rerank_head=args.rerank_head),
            time_retrieval(base, embed_model, sample_q, reranker, f"sample, {rr_label}, whole pool",
                           rerank_head=whole)]  # fmt: skip
    if not args.skip_large:
        large = Settings(home=args.work / f"large{args.chunks}", llm_mode="fake")
        t = time.perf_counter()
        n = build_large_index(large, args.realtimeqa, args.chunks, embed_model)
        print(f"large index ready: {n} chunks ({time.perf_counter() - t:.0f} s, cached under {large.home})")
        qs: list[tuple[str, str | None]] = list(realtimeqa_questions(args.realtimeqa, args.queries))
        if not qs:
            raise SystemExit(f"no RealTime QA questions under {args.realtimeqa}/weeks: pass --realtimeqa DIR")
        rows.append(time_retrieval(large, embed_model, qs, None, "large, rerank off", chroma_filtered=True))
        rows.append(
            time_retrieval(
                large,
                embed_model,
                qs,
                reranker,
                f"large, {rr_label}, head {args.rerank_head}",
                rerank_head=args.rerank_head,
            )
        )
        rows.append(time_retrieval(large, embed_model, qs, reranker, f"large, {rr_label}, whole pool",
                                   rerank_head=whole))  # fmt: skip
    (args.work / "answer_bench.json").write_text(json.dumps(rows, indent=1))
    if not args.skip_llm:
        time_llm(Settings(home=args.work / "llm"), embed_model)


if __name__ == "__main__":
    main()
