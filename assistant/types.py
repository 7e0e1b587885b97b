"""Plain data types shared across layers (no behaviour beyond (de)serialisation).

Dates are ISO strings (``YYYY-MM-DD``) so they travel unchanged through Chroma metadata,
SQLite and JSON output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Granularity = Literal["day", "week", "part_of_month", "month", "year"]
EventStatus = Literal["scheduled", "announced", "happened"]
DocKind = Literal["article", "record"]


@dataclass(frozen=True)
class DocumentRecord:
    """One stored document: an article or one record of a records file."""

    doc_id: str  # stable: derived from source_key
    source_key: str  # identity: absolute path, url or path#record-id
    content_hash: str  # version: hash of the normalised text (+ title)
    title: str
    text: str  # the exact text chunk offsets and citation quotes index into
    published: str | None = None  # ISO date
    source: str | None = None  # publisher / site
    url: str | None = None
    path: str | None = None
    kind: DocKind = "article"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        return data


@dataclass(frozen=True)
class ChunkRecord:
    chunk_id: str  # f"{doc_id}:{index}"
    doc_id: str
    index: int
    start: int  # character offsets into DocumentRecord.text
    end: int
    text: str  # == document.text[start:end]


@dataclass(frozen=True)
class EventRecord:
    """Something that happened (or is scheduled) at a resolved date, linked to its sentence."""

    event_id: str
    doc_id: str
    what: str
    date_start: str | None  # ISO date; None when the sentence holds no resolvable date
    date_end: str | None
    granularity: Granularity | None
    date_text: str  # the words the date came from ("late June")
    status: EventStatus
    sentence_start: int  # offsets into the document text
    sentence_end: int
    sentence: str
    venue_city: str | None = None
    venue_country: str | None = None
    participants: tuple[str, ...] = ()
    published: str | None = None  # the article's publish date (the clock the date resolved on)
    from_record: bool = False  # taken as given from a related-records file

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["participants"] = list(self.participants)
        return data


@dataclass(frozen=True)
class IngestFailure:
    path: str
    message: str  # already names file/line/field
    line: int | None = None


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # unchanged or duplicate content
    failed: int = 0
    chunks: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)  # added or updated
    events_refreshed: int = 0  # stored documents whose events newer rules extracted again

    def summary(self) -> str:
        refreshed = f"; events re-extracted for {self.events_refreshed}" if self.events_refreshed else ""
        return (
            f"added {self.added}, updated {self.updated}, skipped {self.skipped} unchanged, "
            f"failed {self.failed} ({self.chunks} chunks written){refreshed}"
        )


@dataclass(frozen=True)
class Evidence:
    """A sentence picked as evidence, numbered as the LLM sees it."""

    n: int
    doc_id: str
    title: str
    published: str | None
    source: str | None
    url: str | None
    text: str  # == document.text[start:end]
    start: int
    end: int
    score: float
    chunk_id: str | None = None


@dataclass(frozen=True)
class Citation:
    id: int
    doc_id: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    quote: str  # == document.text[start:end]
    start: int
    end: int
    supported: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# The note the engine adds when it refuses, followed by the reason (the check that refused).
REFUSED_NOTE = "refused: "


@dataclass
class Answer:
    question: str
    answer: str
    short_answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    standalone_question: str | None = None
    as_of: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def refusal_reason(self) -> str:
        """Why the engine refused (its last ``refused: ...`` note); "" when it did not say."""
        reasons = [n[len(REFUSED_NOTE) :] for n in self.notes if n.startswith(REFUSED_NOTE)]
        return reasons[-1] if reasons else ""

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` contract of ``newsdesk ask``."""
        return {
            "question": self.question,
            "answer": self.answer,
            "short_answer": self.short_answer,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "timings": dict(self.timings),
            "standalone_question": self.standalone_question,
            "as_of": self.as_of,
            "notes": list(self.notes),
        }
