"""What every tab shares: the settings, one engine, the library ledger and corpus statistics.

One engine per server (models are loaded once); per-browser state lives in ``gr.State`` in the tabs.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from assistant.components.library import Library
from assistant.errors import NewsdeskError
from assistant.settings import Settings
from assistant.ui.render import CorpusStats

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    from assistant.engine import Engine

logger = logging.getLogger(__name__)


class AppContext:
    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self._engine = engine
        self._lock = threading.Lock()
        self.library = Library(settings.library_path)

    @property
    def engine(self) -> Engine:
        """Built on first use unless given; later calls share it (thread-safe)."""
        with self._lock:
            if self._engine is None:
                from assistant.wiring import build_engine

                self._engine = build_engine(self.settings)
            return self._engine

    def embed_model(self) -> BaseEmbedding | None:
        """The engine's embedding model, so uploads do not load a second copy."""
        return self.engine.embed_model

    def documents(self) -> list[dict[str, Any]]:
        return self.library.list_documents()

    def stats(self) -> CorpusStats:
        return CorpusStats.from_documents(self.documents())

    def doc_texts(self, doc_ids: list[str]) -> dict[str, str]:
        return {doc_id: doc.text for doc_id, doc in self.library.get_documents(doc_ids).items()}

    def warm_up(self) -> None:
        """Build the engine before the first browser connects (a model load takes seconds)."""
        try:
            _ = self.engine
        except NewsdeskError:
            logger.exception("engine could not be built; the app will show the error per request")
            raise
