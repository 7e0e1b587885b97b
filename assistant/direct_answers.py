"""Questions the records answer and no sentence states, answered without the LLM (each item
cited and checked): "How many times have A and B met?" (``assistant.event_count``: the event
records' occurrences) and "Which agency is the report based on?" (``assistant.attribution``: the
report's credit line, quoted)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from assistant.attribution import answer_from_credit
from assistant.citations import VerifiedAnswer
from assistant.components.library import Library
from assistant.event_count import asks_how_many_times, count_from_events
from assistant.types import Evidence

logger = logging.getLogger(__name__)


def answer_without_llm(
    question: str, items: Sequence[Evidence], doc_ids: Sequence[str], library: Library, as_of: date | None
) -> tuple[VerifiedAnswer, str, list[Evidence], str] | None:
    """(verified answer, bare answer, its evidence, a note for the answer), or None.
    ``items``: the evidence sentences; ``doc_ids``: the retrieved documents, best first."""
    if asks_how_many_times(question):
        try:
            counted = count_from_events(question, doc_ids, library, as_of)
        except Exception as exc:  # the events layer is an enhancement: never fail an answer on it
            logger.warning("event count failed: %s", exc)
            counted = None
        if counted is not None:
            note = f"counted {counted.count} occurrence(s) in the event records"
            return counted.verified, str(counted.count), counted.evidence, note
    credited = answer_from_credit(question, items, library)
    if credited is not None:
        verified, agency, line = credited
        return verified, agency, [line], "answered from the report's credit line"
    return None
