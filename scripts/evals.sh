#!/usr/bin/env bash
# The two dev eval sets, each on a corpus written for it, gated like the seed set: run them before
# merging a change to retrieval, evidence, answering or the checks (scripts/test.sh runs the seed set).
# Usage: scripts/evals.sh  (after scripts/setup.sh; EVAL_REPORT_DIR=DIR keeps the reports)
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
OFFLINE=()
if unshare -rn true 2>/dev/null; then
  OFFLINE=(unshare -rn sh -c 'ip link set lo up 2>/dev/null || true; exec "$@"' sh)
fi
echo "== second eval set on a corpus written for it (txt date line, md front matter, html, jsonl records), gated"
DEV_HOME=$(mktemp -d)
"${OFFLINE[@]}" newsdesk ingest data/dev_port --home "$DEV_HOME" -q
"${OFFLINE[@]}" newsdesk eval evals/sets/dev_port.jsonl --home "$DEV_HOME" --report "${EVAL_REPORT_DIR:-$DEV_HOME/report}-dev" \
  --min-accuracy 0.7 --min-citation-precision 0.9 --min-refusal 0.5 --max-false-refusal 0.3
echo "== third eval set, written blind on another beat (company results, a strike; records with guid/headline/body/pubDate fields), gated"
MARKET_HOME=$(mktemp -d)
"${OFFLINE[@]}" newsdesk ingest data/dev_market --home "$MARKET_HOME" -q
"${OFFLINE[@]}" newsdesk eval evals/sets/dev_market.jsonl --home "$MARKET_HOME" --report "${EVAL_REPORT_DIR:-$MARKET_HOME/report}-market" \
  --min-accuracy 0.7 --min-citation-precision 0.9 --min-refusal 0.5 --max-false-refusal 0.3
