#!/usr/bin/env bash
# Run a command with a throwaway Chroma server on loopback; NEWSDESK_TEST_CHROMA_URL points at it.
set -euo pipefail
PORT=${CHROMA_TEST_PORT:-8123}
DIR=$(mktemp -d)
chroma run --path "$DIR" --host 127.0.0.1 --port "$PORT" >"$DIR.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 60); do
  python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/api/v2/heartbeat', timeout=1)" 2>/dev/null && break
  sleep 0.5
done
NEWSDESK_TEST_CHROMA_URL="http://127.0.0.1:$PORT" "$@"
