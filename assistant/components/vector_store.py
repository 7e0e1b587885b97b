"""Chroma: the embedded PersistentClient by default, an HttpClient for a Chroma server.

Telemetry is off and the collection is created with *no* embedding function: Chroma's default
one downloads an ONNX model, and we always pass our own embeddings.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlparse

from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.errors import ConfigError, StoreError
from assistant.settings import Settings

logger = logging.getLogger(__name__)


def make_chroma_client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        parsed = urlparse(settings.chroma_url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigError(f"--chroma-url must look like http://host:port, got '{settings.chroma_url}'")
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        try:
            client = chromadb.HttpClient(
                host=parsed.hostname, port=port, ssl=parsed.scheme == "https", settings=chroma_settings
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(f"cannot reach the Chroma server at {settings.chroma_url}: {exc}") from exc
        return client
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def get_collection(settings: Settings, client: Any | None = None) -> Any:
    client = client or make_chroma_client(settings)
    return client.get_or_create_collection(
        name=settings.chroma_collection,
        embedding_function=None,
        metadata={"hnsw:space": "cosine"},
    )


def make_vector_store(settings: Settings, collection: Any | None = None) -> ChromaVectorStore:
    collection = collection if collection is not None else get_collection(settings)
    return ChromaVectorStore(chroma_collection=collection)
