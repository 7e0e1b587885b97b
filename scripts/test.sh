#!/usr/bin/env bash
# Fresh machine -> setup, then the whole test suite (fast + slow + browser + Chroma-server runs) and the
# seed eval gate. The two dev eval sets (LLM-bound: ~20 min on a slow 2-core CI machine) are in
# scripts/evals.sh, so the suite keeps to its 15-minute budget.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. .venv/bin/activate
# Debian's Chromium for the browser tests (playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (apt)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; browser tests will fail"
fi
# Offline proof, strongest form: run the suite in a network namespace with only loopback
# (unshare -rn). Where that is not permitted, the suite's own socket guard still blocks
# every non-loopback connection (tests/conftest.py).
OFFLINE=()
if unshare -rn true 2>/dev/null; then
  OFFLINE=(unshare -rn sh -c 'ip link set lo up 2>/dev/null || true; exec "$@"' sh)
  echo "== running tests with no network (unshare -rn)"
fi
SECONDS=0
"${OFFLINE[@]}" python -m pytest -q -p no:cacheprovider "$@"
echo "== pytest took ${SECONDS} s"
echo "== ingest tests against a Chroma server (chroma run on loopback)"
SECONDS=0
"${OFFLINE[@]}" scripts/with_chroma_server.sh python -m pytest -q -p no:cacheprovider -m "not slow and not ui" \
  tests/test_ingest_pipeline.py
echo "== Chroma-server tests took ${SECONDS} s"
echo "== seed eval set on the sample corpus, embedded defaults, gated"
SECONDS=0
EVAL_HOME=$(mktemp -d)
"${OFFLINE[@]}" newsdesk ingest data/sample --home "$EVAL_HOME" -q
"${OFFLINE[@]}" newsdesk eval evals/sets/sample.jsonl --home "$EVAL_HOME" --report "${EVAL_REPORT_DIR:-$EVAL_HOME/report}" \
  --min-accuracy 0.55 --min-citation-precision 0.9 --min-refusal 0.8 --max-false-refusal 0.3
echo "== seed eval set took ${SECONDS} s"
