"""Newsdesk: an offline-first research assistant over news articles.

Python API::

    from assistant import Settings, build_engine
    engine = build_engine(Settings(home=".newsdesk"))
    answer = engine.ask("Where was the 17th BRICS Summit held?")

Heavy modules are imported lazily so ``import assistant`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import offline as _offline  # noqa: F401  (sets offline env vars first)
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.engine import Engine

__all__ = ["Engine", "Settings", "build_engine"]


def build_engine(settings: Settings, **kwargs: Any) -> Engine:
    from assistant.wiring import build_engine as _build

    return _build(settings, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "Engine":
        from assistant.engine import Engine

        return Engine
    raise AttributeError(name)
