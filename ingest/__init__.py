"""Ingest: read articles and records, chunk, embed into Chroma, extract event records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.types import IngestReport


def ingest_paths(paths: Any, settings: Any, **kwargs: Any) -> IngestReport:
    from ingest.pipeline import ingest_paths as _ingest

    return _ingest(paths, settings, **kwargs)


__all__ = ["ingest_paths"]
