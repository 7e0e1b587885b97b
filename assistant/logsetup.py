"""Logging for entry points (the CLI, the benchmark scripts); library code only gets loggers."""

from __future__ import annotations

import logging


def configure_logging(verbose: bool) -> None:
    """Warnings and errors on stderr (everything with ``-v``). The level is set on the handler,
    not only the root logger: a library that sets its own logger to DEBUG when imported (bm25s)
    would otherwise print its debug lines through the root handler."""
    level = logging.DEBUG if verbose else logging.WARNING
    root = logging.getLogger()
    if root.handlers:
        return  # configured already (an embedding application, a test runner)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
