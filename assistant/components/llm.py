"""LLM factory: one ``Literal`` mode, one builder each, optional packages imported lazily.

- ``embedded``: the package-shipped Qwen2.5-Coder-1.5B GGUF through llama-index's ``LlamaCPP``
  (llama-cpp-python), with ChatML formatting: LlamaCPP's default prompt format gives garbage
  with this model.
- ``openai_like``: any OpenAI-compatible server (vLLM, llama.cpp server, OpenAI).
- ``ollama``: an Ollama server.
- ``fake``: the scripted test LLM.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from llama_index.core.base.llms.types import ChatMessage
from llama_index.core.llms import LLM

from assistant.components.model_files import assemble_embedded_model
from assistant.errors import MissingDependencyError
from assistant.settings import Settings

logger = logging.getLogger(__name__)

CHATML_STOP = ["<|im_end|>", "<|endoftext|>"]


def messages_to_chatml(messages: Sequence[ChatMessage]) -> str:
    parts = []
    for message in messages:
        role = message.role.value if hasattr(message.role, "value") else str(message.role)
        parts.append(f"<|im_start|>{role}\n{message.content or ''}<|im_end|>\n")
    parts.append("<|im_start|>assistant\n")
    return "".join(parts)


def completion_to_chatml(completion: str, system_prompt: str | None = None) -> str:
    system = system_prompt or "You are a careful assistant."
    return (
        f"<|im_start|>system\n{system}<|im_end|>\n"
        f"<|im_start|>user\n{completion}<|im_end|>\n<|im_start|>assistant\n"
    )


# What scripts/setup.sh builds llama-cpp-python with on x86_64 (see there for why).
PORTABLE_CMAKE_ARGS = "-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"


def amx_build_on_amx_cpu(ggml_cpu_lib: Path, cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """llama.cpp's CPU library was built with Intel AMX kernels and this CPU has AMX: under common
    hypervisors the first long prompt then dies with SIGSEGV (ggml-org/llama.cpp#20824), with no
    message at all, so we say it before loading."""
    try:
        return (
            b"amx_tile" in cpuinfo.read_bytes()
            and b"ggml_backend_amx_buffer_type" in ggml_cpu_lib.read_bytes()
        )
    except OSError:
        return False


def _embedded(settings: Settings) -> LLM:
    try:
        import llama_cpp
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError as exc:
        raise MissingDependencyError(
            "the embedded LLM", "llama-index-llms-llama-cpp llama-cpp-python"
        ) from exc
    if amx_build_on_amx_cpu(Path(llama_cpp.__file__).parent / "lib" / "libggml-cpu.so"):
        logger.warning(
            "llama-cpp-python was built with Intel AMX kernels, which crash (segmentation fault) on many "
            "virtual machines with this CPU; rebuild it portable: scripts/setup.sh, or "
            "CMAKE_ARGS='%s' pip install --force-reinstall --no-cache-dir --no-deps llama-cpp-python",
            PORTABLE_CMAKE_ARGS,
        )
    model_path = (
        Path(settings.llm_model) if settings.llm_model else assemble_embedded_model(settings.model_dir)
    )
    return LlamaCPP(
        model_path=str(model_path),
        temperature=settings.llm_temperature,
        max_new_tokens=settings.llm_max_tokens,
        context_window=settings.llm_context_window,
        generate_kwargs={"stop": CHATML_STOP, "top_k": 1, "repeat_penalty": 1.05},
        model_kwargs={
            "n_threads": settings.llm_threads,
            "n_ctx": settings.llm_context_window,
            "verbose": False,
        },
        messages_to_prompt=messages_to_chatml,
        completion_to_prompt=completion_to_chatml,
        verbose=False,
    )


def _openai_like(settings: Settings) -> LLM:
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as exc:
        raise MissingDependencyError("llm_mode=openai_like", "llama-index-llms-openai-like") from exc
    if not settings.llm_api_base or not settings.llm_model:
        from assistant.errors import ConfigError

        raise ConfigError("llm_mode=openai_like needs NEWSDESK_LLM_API_BASE and NEWSDESK_LLM_MODEL")
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
    # Typed: without the optional extra installed, mypy sees Any here.
    llm: LLM = OpenAILike(
        model=settings.llm_model,
        api_base=settings.llm_api_base,
        api_key=key,
        is_chat_model=True,
        context_window=settings.llm_context_window,
        max_tokens=settings.llm_max_tokens,
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout_s,
    )
    return llm


def _ollama(settings: Settings) -> LLM:
    try:
        from llama_index.llms.ollama import Ollama
    except ImportError as exc:
        raise MissingDependencyError("llm_mode=ollama", "llama-index-llms-ollama") from exc
    if not settings.llm_model:
        from assistant.errors import ConfigError

        raise ConfigError("llm_mode=ollama needs NEWSDESK_LLM_MODEL (e.g. qwen2.5:7b)")
    llm: LLM = Ollama(
        model=settings.llm_model,
        base_url=settings.llm_api_base or "http://127.0.0.1:11434",
        temperature=settings.llm_temperature,
        request_timeout=settings.llm_timeout_s,
        context_window=settings.llm_context_window,
    )
    return llm


def make_llm(settings: Settings) -> LLM:
    if settings.llm_mode == "fake":
        from assistant.components.fakes import FakeLLM

        return FakeLLM()
    if settings.llm_mode == "embedded":
        return _embedded(settings)
    if settings.llm_mode == "openai_like":
        return _openai_like(settings)
    return _ollama(settings)


def is_remote(settings: Settings) -> bool:
    """True when answering sends text off this machine (shown in the UI's settings panel)."""
    return settings.llm_mode in ("openai_like", "ollama") and not _is_loopback(settings.llm_api_base)


def _is_loopback(url: str | None) -> bool:
    if not url:
        return True
    from urllib.parse import urlparse

    host = urlparse(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")
