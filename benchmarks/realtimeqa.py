"""RealTime QA through the real pipeline, scored with the benchmark's own rules.

    python benchmarks/realtimeqa.py DIR [--home H] [--weeks 20260123,20260130] [--limit N]

DIR holds ``YYYYMMDD_qa.jsonl`` and ``YYYYMMDD_gcs.jsonl`` files (directly or under ``weeks/``),
and optionally ``baselines/*_gcs_gen.jsonl`` (a published baseline's predictions). Steps:

1. The articles of every selected week's ``*_gcs.jsonl`` become one records file in the work home
   (url = identity, each url once; title, text, publish_date ``YYYY/MM/DD``, source = the url's
   site) and are ingested like any user's records (idempotent: a reused home skips them).
2. Each question is asked with its ``question_date`` as the as-of date, in a fresh conversation;
   the short answer (empty when refused) is the prediction, written as ``{"question_id",
   "prediction"}`` JSONL.
3. Scored with the benchmark's normalisation (``evals.qa_scoring``) and printed beside the baseline
   on the same questions: EM/F1, EM where the gold answer is in the question's own articles, the
   refusal rate where it is not, latency p50/p95.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import offline as _offline  # noqa: F401  (offline env before model imports)
from assistant.logsetup import configure_logging
from assistant.settings import Settings
from evals.metrics import percentile, strip_citations
from evals.qa_scoring import (
    answer_in_texts,
    exact_match,
    f1_score,
    gold_answer,
    is_except_question,
)

logger = logging.getLogger("benchmarks.realtimeqa")


def week_files(root: Path, weeks: list[str] | None) -> list[tuple[str, Path, Path]]:
    """(week, qa file, gcs file) for each week found under root (or root/weeks)."""
    base = root / "weeks" if (root / "weeks").is_dir() else root
    found = []
    for qa in sorted(base.glob("*_qa.jsonl")):
        week = qa.name[: -len("_qa.jsonl")]
        gcs = base / f"{week}_gcs.jsonl"
        if weeks and week not in weeks:
            continue
        if not gcs.exists():
            logger.warning("%s: no %s beside it; skipped", qa, gcs.name)
            continue
        found.append((week, qa, gcs))
    if not found:
        raise SystemExit(f"error: no YYYYMMDD_qa.jsonl + YYYYMMDD_gcs.jsonl pairs found in {base}")
    return found


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                logger.warning("%s:%d: invalid JSON (%s); line skipped", path, n, exc.msg)
    return rows


def site(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def build_records(weeks: list[tuple[str, Path, Path]], out: Path) -> tuple[int, dict[str, list[str]]]:
    """Write the unique articles as records; return (count, question_id -> its article texts)."""
    seen: set[str] = set()
    texts: dict[str, list[str]] = {}
    lines = []
    for _, _, gcs in weeks:
        for row in read_jsonl(gcs):
            results = row.get("search_result") or []
            texts[str(row.get("question_id"))] = [
                f"{a.get('title') or ''} {a.get('text') or ''}" for a in results
            ]
            for art in results:
                url, text = art.get("url"), (art.get("text") or "").strip()
                if not url or url in seen or not text:
                    continue  # no identity, already written, or nothing to index
                seen.add(url)
                record = {"url": url, "title": art.get("title") or "", "text": text, "source": site(url)}
                if art.get("publish_date"):
                    record["publish_date"] = art["publish_date"]
                lines.append(json.dumps(record, ensure_ascii=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    content = "\n".join(lines) + "\n"
    if not out.exists() or out.read_text(encoding="utf-8") != content:
        out.write_text(content, encoding="utf-8")
    return len(lines), texts


def load_baseline(root: Path, question_ids: set[str]) -> dict[str, str]:
    folder = root / "baselines"
    preds: dict[str, str] = {}
    for path in sorted(folder.glob("*_gcs_gen.jsonl")) if folder.is_dir() else []:
        for row in read_jsonl(path):
            qid = str(row.get("question_id"))
            if qid in question_ids:
                preds[qid] = str(row.get("prediction") or "")
    return preds


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(rows: list[dict[str, Any]], pred_key: str, unicode: bool = False) -> dict[str, Any]:
    em = [exact_match(r[pred_key], r["gold"], unicode=unicode) for r in rows]
    f1 = [f1_score(r[pred_key], r["gold"], unicode=unicode) for r in rows]
    inside = [e for e, r in zip(em, rows, strict=True) if r["in_articles"]]
    outside = [r for r in rows if not r["in_articles"]]
    refused_key = "refused" if pred_key == "prediction" else None
    lat = [r["latency_s"] for r in rows if "latency_s" in r and pred_key == "prediction"]
    return {
        "n": len(rows),
        "em": _mean(em),
        "f1": _mean(f1),
        "em_in_articles": _mean(inside),
        "n_in_articles": len(inside),
        "refusal_not_in_articles": _mean([float(r[refused_key]) for r in outside]) if refused_key else None,
        "n_not_in_articles": len(outside),
        "latency_p50": percentile(lat, 50),
        "latency_p95": percentile(lat, 95),
    }


def print_table(title: str, named: list[tuple[str, dict[str, Any]]]) -> None:
    from rich.console import Console
    from rich.table import Table

    def f(v: Any, digits: int = 3) -> str:
        return "n/a" if v is None else f"{v:.{digits}f}"

    table = Table(title=title)
    for col in ("system", "n", "EM", "F1", "EM (answer in articles)", "refusal (not in articles)",
                "p50 s", "p95 s"):  # fmt: skip
        table.add_column(col, justify="left" if col == "system" else "right")
    for name, s in named:
        table.add_row(name, str(s["n"]), f(s["em"]), f(s["f1"]), f"{f(s['em_in_articles'])} (n={s['n_in_articles']})",
                      f"{f(s['refusal_not_in_articles'])} (n={s['n_not_in_articles']})",
                      f(s["latency_p50"], 2), f(s["latency_p95"], 2))  # fmt: skip
    Console().print(table)


def ask_one(engine: Any, q: dict[str, Any], texts: dict[str, list[str]]) -> dict[str, Any]:
    """Ask one question as of its date in a fresh conversation; never raises."""
    qid = str(q["question_id"])
    t0 = time.perf_counter()
    try:
        answer = engine.ask(q["question_sentence"], as_of=q.get("question_date"))
        refused = answer.refused
        # The bare answer is the prediction; without one, the answer text (for partial F1).
        prediction = "" if refused else (answer.short_answer or strip_citations(answer.answer))
        text, notes = answer.answer, list(answer.notes)
    except Exception as exc:  # one failing question must not end the benchmark
        logger.warning("%s failed: %s", qid, exc)
        prediction, refused, text, notes = "", False, "", [f"error: {exc}"]
    gold = gold_answer(q)
    return {"question_id": qid, "question": q["question_sentence"], "gold": gold, "prediction": prediction,
            "refused": refused, "latency_s": time.perf_counter() - t0, "answer": text, "notes": notes,
            "in_articles": answer_in_texts(gold, texts.get(qid, []))}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder of YYYYMMDD_qa.jsonl / _gcs.jsonl weeks")
    parser.add_argument("--home", type=Path, help="work home (default: a temp dir); reused if present")
    parser.add_argument("--weeks", help="comma-separated weeks (YYYYMMDD) to use; default all")
    parser.add_argument(
        "--limit", type=int, help="ask at most N questions (articles of all weeks are ingested)"
    )
    parser.add_argument("--out", type=Path, help="predictions JSONL (default HOME/predictions.jsonl)")
    parser.add_argument(
        "--score", type=Path, help="only score this predictions JSONL (no ingest, no questions)"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    configure_logging(args.verbose)

    weeks = week_files(args.dir, [w.strip() for w in args.weeks.split(",")] if args.weeks else None)
    if args.score:
        return score_file(args.dir, weeks, args.score)
    home = args.home or Path(tempfile.mkdtemp(prefix="rtqa-"))
    settings = Settings(home=home)
    records = home / "realtimeqa_articles.jsonl"
    n_articles, texts = build_records(weeks, records)
    print(f"home {home}: {len(weeks)} weeks, {n_articles} unique articles with text")

    from ingest.pipeline import ingest_paths

    started = time.perf_counter()
    report = ingest_paths([str(records)], settings, progress=True)
    print(f"ingest: {report.summary()} in {time.perf_counter() - started:.0f} s")
    for failure in report.failures[:10]:
        print(f"  failed: {failure.message}")

    from assistant.wiring import build_engine

    engine = build_engine(settings)
    questions = [q for _, qa, _ in weeks for q in read_jsonl(qa) if not is_except_question(q)]
    if args.limit:
        questions = questions[: args.limit]
    rows: list[dict[str, Any]] = []
    out = args.out or home / "predictions.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        try:
            for i, q in enumerate(questions, start=1):
                row = ask_one(engine, q, texts)
                rows.append(row)
                fh.write(
                    json.dumps({"question_id": row["question_id"], "prediction": row["prediction"]}) + "\n"
                )
                fh.flush()
                mark = (
                    "=" if exact_match(row["prediction"], row["gold"]) else ("-" if row["refused"] else "x")
                )
                print(f"[{i}/{len(questions)}] {mark} {row['question_id']} {row['latency_s']:.1f}s | "
                      f"{row['question'][:70]} | gold: {row['gold']} | ours: {row['prediction'] or '(refused)'}",
                      flush=True)  # fmt: skip
        except KeyboardInterrupt:  # Ctrl-C: score what was asked so far
            print(f"interrupted: scoring the {len(rows)} questions answered so far")

    (home / "results.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    report_rows(args.dir, rows)
    print(f"predictions: {out}; details: {home / 'results.json'}")
    return 0


def score_file(root: Path, weeks: list[tuple[str, Path, Path]], predictions: Path) -> int:
    """Score a predictions file in the benchmark's format (an empty prediction counts as a refusal)."""
    questions = {str(q["question_id"]): q for _, qa, _ in weeks for q in read_jsonl(qa)}
    texts: dict[str, list[str]] = {}
    for _, _, gcs in weeks:
        for row in read_jsonl(gcs):
            texts[str(row.get("question_id"))] = [f"{a.get('title') or ''} {a.get('text') or ''}"
                                                  for a in row.get("search_result") or []]  # fmt: skip
    rows = []
    for pred in read_jsonl(predictions):
        q = questions.get(str(pred.get("question_id")))
        if q is None or is_except_question(q):
            continue
        gold, prediction = gold_answer(q), str(pred.get("prediction") or "")
        rows.append({"question_id": str(q["question_id"]), "gold": gold, "prediction": prediction,
                     "refused": not prediction, "in_articles": answer_in_texts(gold, texts.get(str(q["question_id"]), []))})  # fmt: skip
    report_rows(root, rows)
    return 0


def report_rows(root: Path, rows: list[dict[str, Any]]) -> None:
    baseline = load_baseline(root, {r["question_id"] for r in rows})
    named = [("ours (all asked)", summarize(rows, "prediction"))]
    same = [dict(r, baseline=baseline[r["question_id"]]) for r in rows if r["question_id"] in baseline]
    if same:
        named.append(("ours (baseline's questions)", summarize(same, "prediction")))
        named.append(("Llama 4 Scout + search (published)", summarize(same, "baseline")))
    print_table("RealTime QA, generation setting, the benchmark's normalisation", named)
    uni = summarize(rows, "prediction", unicode=True)
    if rows:
        print(f"Unicode-aware normalisation (beside, not instead): EM {uni['em']:.3f} F1 {uni['f1']:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
