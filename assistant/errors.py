"""All errors Newsdesk raises on purpose. The CLI and UI turn them into clean messages."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: the message is meant for the user, as is."""


class ConfigError(NewsdeskError):
    """A setting is wrong or a backend cannot be built from it."""


class MissingDependencyError(ConfigError):
    """An optional backend needs a package that is not installed."""

    def __init__(self, what: str, package: str) -> None:
        super().__init__(f"{what} needs an extra package: install {package} (pip install {package})")
        self.package = package


class ModelNotAvailableError(ConfigError):
    """A model's files are not on this machine (nothing is downloaded at run time)."""


class IngestError(NewsdeskError):
    """One input (file, line or record) could not be ingested; the rest of the batch continues."""

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None) -> None:
        where = path if line is None else f"{path}:{line}"
        if field:
            where += f" (field '{field}')"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.field = field
        self.reason = message


class StoreError(NewsdeskError):
    """The vector store or library database failed."""


class NotFoundError(NewsdeskError):
    """A document, briefing or report that was asked for does not exist."""


class LLMError(NewsdeskError):
    """The LLM backend failed to answer."""


class PromptError(NewsdeskError):
    """A prompt file is missing or uses an unknown placeholder."""


class EvalSetError(NewsdeskError):
    """An eval-set file is malformed (the message names the file and line)."""
