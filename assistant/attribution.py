""" "Which news agency is the report on X based on?" answered from the report's own credit line.

The answer is not in any sentence about X: it is in the line that credits the agency ("Based On
ANI Report", "(With inputs from PTI)", "WASHINGTON (AP) —"), which the evidence selector leaves
out (it states nothing about the news). So the documents of the best evidence sentences are read
for their credit line (``ingest.credits``), and the answer quotes it: the citation points at the
exact line that names the agency and passes the same check as every other answer. A report whose
agency is only a metadata field (no line says it) is not answered here: no quote would hold it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citations import VerifiedAnswer, verify_answer
from assistant.components.library import Library
from assistant.types import Evidence
from ingest.credits import credit_span

# "the report / this article / the story" and a question after its agency, outlet or publisher.
_THE_REPORT = re.compile(r"\b(?:the|this|that)\s+(?:news\s+)?(?:report|article|story|piece|dispatch)\b", re.I)
_ASKS_SOURCE = re.compile(
    r"\b(?:which|what)\s+(?:news\s+|wire\s+|media\s+)?(?:agency|agencies|outlet|newspaper|publication|"
    r"wire\s+service|news\s+service|broadcaster|publisher)\b|\bwho\s+(?:published|reported|filed|carried)\b|"
    r"\bwhat\s+is\s+the\s+source\b|\b(?:which|what)\s+source\b",
    re.I,
)


def asks_report_source(question: str) -> bool:
    return bool(_ASKS_SOURCE.search(question)) and bool(_THE_REPORT.search(question))


def answer_from_credit(
    question: str, items: Sequence[Evidence], library: Library
) -> tuple[VerifiedAnswer, str, Evidence] | None:
    """(verified answer, agency, the credit line as evidence), or None when none of the best
    evidence sentences' documents credits an agency in its text."""
    if not asks_report_source(question):
        return None
    # In evidence order: the report whose sentence matches the question best comes first.
    doc_ids = list(dict.fromkeys(e.doc_id for e in items))
    docs = library.get_documents(doc_ids)
    for doc_id in doc_ids:
        doc = docs.get(doc_id)
        found = credit_span(doc.text) if doc is not None else None
        if doc is None or found is None:
            continue
        name, start, end = found
        line = Evidence(
            1, doc.doc_id, doc.title, doc.published, doc.source, doc.url, doc.text[start:end], start, end, 1.0
        )
        checked = verify_answer(f"The report credits {name} [1].", [line])
        if checked.supported_sentences:
            return checked, name, line
    return None
