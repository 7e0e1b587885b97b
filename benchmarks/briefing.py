"""Briefing benchmark (issue 5): a cited briefing on a real multi-article corpus, timed and checked.

    python benchmarks/briefing.py ../shared/benchmarks/realtimeqa --weeks 20260123 \
        --topic "winter storm" --since 2026-01-16 --until 2026-01-23 [--home DIR]

The weeks' RealTime QA articles are ingested as records (as ``benchmarks/realtimeqa.py`` does; a
``--home`` that already holds them is reused: re-ingest skips unchanged documents). Then, with the
embedded defaults, in one run it prints:
- the time to build the briefing (target: under a minute on 2 cores), split by stage;
- for every timeline row, whether one of its cited sentences holds a date inside the row's span
  (the row's date resolved against that sentence's own publish date, by ``ingest.dates``);
- the briefing itself (Markdown), so a reader can judge the rest.
Several ``--topic`` values may be given (each with the same window).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import assistant  # noqa: F401  (offline environment first)
from assistant.briefing import build_briefing
from assistant.briefing_render import Briefing
from assistant.settings import Settings
from assistant.wiring import build_engine
from benchmarks.realtimeqa import build_records, week_files
from ingest.dates import find_dates
from ingest.pipeline import ingest_paths


def rows_held(briefing: Briefing) -> tuple[int, list[str]]:
    """(rows whose cited sentences hold their date, descriptions of the rows that do not)."""
    cites = {c.id: c for c in briefing.citations}
    held, missing = 0, []
    for row, ids in zip(briefing.timeline, briefing.timeline_citations, strict=True):
        lo = date.fromisoformat(row.date_start)
        hi = date.fromisoformat(row.date_end or row.date_start)
        ok = False
        for cid in ids:
            cite = cites.get(cid)
            if cite is None:
                continue
            base = date.fromisoformat(cite.published) if cite.published else None
            if any(d.start <= hi and lo <= d.end for d in find_dates(cite.quote, base)):
                ok = True
                break
        if ok:
            held += 1
        else:
            missing.append(f"{row.date_label} | {row.what[:80]} | cited {ids}")
    return held, missing


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dir", type=Path, help="folder of YYYYMMDD_qa.jsonl / _gcs.jsonl weeks")
    parser.add_argument("--weeks", help="comma-separated weeks (YYYYMMDD) to ingest; default all")
    parser.add_argument("--topic", action="append", required=True, help="briefing topic (repeatable)")
    parser.add_argument("--since", help="window start (YYYY-MM-DD)")
    parser.add_argument("--until", help="window end (YYYY-MM-DD)")
    parser.add_argument("--home", type=Path, help="work home (default: a temp dir); reused if present")
    parser.add_argument("--quiet", action="store_true", help="do not print the briefings")
    args = parser.parse_args()

    weeks = week_files(args.dir, [w.strip() for w in args.weeks.split(",")] if args.weeks else None)
    home = args.home or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    settings = Settings(home=home)
    records = home / "realtimeqa_articles.jsonl"
    n_articles, _ = build_records(weeks, records)
    t = time.perf_counter()
    report = ingest_paths([str(records)], settings, progress=True)
    print(
        f"{len(weeks)} week(s), {n_articles} articles: {report.summary()} in {time.perf_counter() - t:.0f} s"
    )

    t = time.perf_counter()
    engine = build_engine(settings)
    engine.warm_up()
    print(f"engine ready in {time.perf_counter() - t:.1f} s (models loaded, prompt cached)")
    results = []
    for topic in args.topic:
        t = time.perf_counter()
        briefing = build_briefing(engine, topic, since=args.since, until=args.until)
        elapsed = time.perf_counter() - t
        held, missing = rows_held(briefing)
        results.append((topic, elapsed, briefing, held, missing))
        if not args.quiet:
            print(briefing.to_markdown())
        for line in missing:
            print(f"  row without a dated citation: {line}")

    print(f"\n{'topic':32s} {'seconds':>8s} {'summary':>10s} {'rows':>5s} {'dated+cited':>12s}")
    for topic, elapsed, briefing, held, _ in results:
        stages = ", ".join(f"{k} {v:.1f}" for k, v in briefing.timings.items() if k != "total")
        print(f"{topic[:32]:32s} {elapsed:8.1f} {briefing.summary_mode:>10s} {len(briefing.timeline):5d} "
              f"{held:>5d}/{len(briefing.timeline):<6d}  ({stages})")  # fmt: skip
    worst = max(r[1] for r in results)
    rows = sum(len(r[2].timeline) for r in results)
    dated = sum(r[3] for r in results)
    print(f"slowest briefing {worst:.1f} s (target < 60 s); timeline rows cited to a dated sentence: "
          f"{dated}/{rows}")  # fmt: skip


if __name__ == "__main__":
    main()
