"""Ingest benchmark (issue 3): our ingest throughput against raw ``SentenceTransformer.encode``.

    python benchmarks/ingest.py ../shared/benchmarks/realtimeqa [--limit N] [--rgb ../shared/benchmarks/rgb/en_fact.json]

The RealTime QA search-result files (``*_gcs.jsonl``, found recursively under DIR) are ingested
in place as records (one document per unique url). In one run, on the same chunk texts:
- raw ``SentenceTransformer.encode`` chunks/s (the model's own speed, batch = embed_batch_size),
- our ``ingest_paths`` chunks/s end to end (read, chunk, embed, Chroma, library, BM25) and the ratio
  (target >= 0.8),
- re-ingest of the unchanged corpus as a share of the first ingest (target <= 5%),
- model load time, apart from both.
``--rgb FILE`` adds RGB's passages as more documents (the 11 RealTime QA weeks hold fewer than
1,000 unique articles). ``--limit N`` takes the first N documents (written to a temp file).
Event extraction is off unless ``--events`` (it is a separate stage with its own cost).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from llama_index.core.schema import MetadataMode

import assistant  # noqa: F401  (offline environment first)
from assistant.components.embedding import make_embed_model, resolve_embedding_path
from assistant.components.library import Library
from assistant.logsetup import configure_logging
from assistant.settings import Settings
from ingest.index import chunk_node
from ingest.pipeline import ingest_paths
from ingest.records import read_records


def gcs_files(folder: Path) -> list[Path]:
    # Search-result files only (baselines/ holds *_gcs.jsonl predictions too).
    files = [p for p in sorted(folder.rglob("*_gcs.jsonl")) if '"search_result"' in p.open().readline()]
    if not files:
        raise SystemExit(f"no *_gcs.jsonl files under {folder}")
    return files


def unique_urls(files: list[Path]) -> int:
    urls: set[str] = set()
    for path in files:
        urls.update(r.url or r.position for r in read_records(path).records)
    return len(urls)


def rgb_records(path: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        for kind in ("positive", "negative"):
            for i, passage in enumerate(item.get(kind) or []):
                rows.append({"id": f"rgb-{item['id']}-{kind}-{i}", "text": passage})
    return rows


def limited_corpus(files: list[Path], limit: int | None, rgb: Path | None, tmp: Path) -> list[Path]:
    """The inputs to ingest: the gcs files in place, unless --limit/--rgb need a temp records file."""
    if limit is None and rgb is None:
        return files
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            for r in json.loads(line).get("search_result", []):
                if r.get("text") and r.get("url") not in seen:
                    seen.add(r["url"])
                    rows.append(r)
    if rgb is not None:
        rows.extend(rgb_records(rgb))
    if limit is not None:
        rows = rows[:limit]
    out = tmp / "corpus.jsonl"
    out.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return [out]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, help="folder holding RealTime QA *_gcs.jsonl files")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument(
        "--rgb", type=Path, default=None, help="RGB en_fact.json: add its passages as documents"
    )
    parser.add_argument("--events", action="store_true", help="extract event records during ingest")
    parser.add_argument("--batch-size", type=int, default=32, help="embedding batch size (both sides)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    args = parser.parse_args()
    configure_logging(False)

    files = gcs_files(args.data)
    print(f"{len(files)} gcs files, {unique_urls(files)} unique article urls with text")
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        inputs = limited_corpus(files, args.limit, args.rgb, tmp)
        settings = Settings(home=tmp / "home", extract_events=args.events, embed_batch_size=args.batch_size)

        t0 = time.perf_counter()
        embed_model = make_embed_model(settings)
        embed_model.get_text_embedding("warm up")
        load_ours = time.perf_counter() - t0

        t0 = time.perf_counter()
        first = ingest_paths(inputs, settings, embed_model=embed_model)
        first_s = time.perf_counter() - t0
        print(f"first ingest: {first.summary()} in {first_s:.1f}s")

        t0 = time.perf_counter()
        again = ingest_paths(inputs, settings, embed_model=embed_model)
        again_s = time.perf_counter() - t0
        print(f"re-ingest:    {again.summary()} in {again_s:.2f}s")

        # The exact strings our pipeline embedded (title + chunk text), from the library.
        library = Library(settings.library_path)
        texts = [
            chunk_node(doc, chunk).get_content(metadata_mode=MetadataMode.EMBED)
            for chunk, doc in library.iter_chunks()
        ]
        documents = library.count_documents()
        library.close()

        from sentence_transformers import SentenceTransformer

        t0 = time.perf_counter()
        model = SentenceTransformer(str(resolve_embedding_path(settings.embedding_model)), device="cpu")
        model.encode(["warm up"])
        load_raw = time.perf_counter() - t0
        t0 = time.perf_counter()
        model.encode(texts, batch_size=args.batch_size, show_progress_bar=False)
        raw_s = time.perf_counter() - t0

    raw_rate = len(texts) / raw_s
    ours_rate = first.chunks / first_s
    rows = [
        ("documents ingested", f"{documents}", ""),
        ("chunks", f"{len(texts)}", ""),
        ("failed records (no text etc.)", f"{first.failed}", ""),
        ("raw SentenceTransformer.encode", f"{raw_rate:.1f} chunks/s", f"{raw_s:.1f} s"),
        ("our ingest (end to end)", f"{ours_rate:.1f} chunks/s", f"{first_s:.1f} s"),
        ("ratio ours / raw (target >= 0.8)", f"{ours_rate / raw_rate:.2f}", ""),
        ("re-ingest unchanged (target <= 5%)", f"{100 * again_s / first_s:.1f} %", f"{again_s:.2f} s"),
        ("model load: ours (HuggingFaceEmbedding)", f"{load_ours:.1f} s", "not in the rates"),
        ("model load: raw SentenceTransformer", f"{load_raw:.1f} s", "not in the rates"),
    ]
    width = max(len(r[0]) for r in rows)
    print(
        f"\nmodel {settings.embedding_model}, batch {args.batch_size}, events {'on' if args.events else 'off'}"
    )
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>18}  {note}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "documents": documents,
                    "chunks": len(texts),
                    "raw_chunks_per_s": raw_rate,
                    "ours_chunks_per_s": ours_rate,
                    "ratio": ours_rate / raw_rate,
                    "first_ingest_s": first_s,
                    "reingest_s": again_s,
                    "reingest_share": again_s / first_s,
                    "load_ours_s": load_ours,
                    "load_raw_s": load_raw,
                    "skipped_on_reingest": again.skipped,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
