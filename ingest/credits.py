"""The agency an article credits, when its metadata names no source.

Wire copy says where it came from in the text: a credit line ("Based On ANI Report", "(With inputs
from PTI)") or an agency in the dateline ("WASHINGTON (AP) —", "New Delhi
[India], August 13 (ANI):"). The reader keeps it as the document's ``source``, so an answer can say
which agency a report is based on and a citation shows where its quote came from.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w&.'’-]*){0,4}"
# A line of its own: the credit, then the agency, optionally "report(s)" / "and agencies". Not
# "Source: X": in a page's text that is mostly a chart's caption ("Source: Bureau of Labor Statistics").
_CREDIT_LINE = re.compile(
    r"^\W*(?i:based\s+on\s+(?:an?\s+)?|with\s+(?:additional\s+)?inputs?\s+from\s+|compiled\s+from\s+)"
    rf"(?P<name>{_NAME})(?i:\s+reports?|\s+and\s+agencies)?\W*$"
)
# "WASHINGTON (AP) —", "New Delhi [India], August 13 (ANI):": an agency in brackets that ends the
# dateline, in the article's first 120 characters; all capitals or one capitalised word.
_DATELINE_AGENCY = re.compile(r"\((?P<name>[A-Z]{2,6}|[A-Z][a-z]{2,15})\)\s*[:—–-]")
# Words such a line may start with that are not an agency.
_NOT_AGENCY = frozenset({"the", "this", "a", "an", "our", "their", "his", "her", "its"})
MAX_LINES_SCANNED = 6
_TAIL = re.compile(r"(?:\s+(?:reports?|and\s+agencies))+$", re.I)
_DATE_WORD = re.compile(
    r"\b(?:\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I
)


def credit_source(text: str) -> str | None:
    """The agency named by a credit line among the first or last lines, else by the dateline."""
    found = credit_span(text)
    return found[0] if found else None


def credit_span(text: str) -> tuple[str, int, int] | None:
    """(agency, start, end): the agency and the credit line (or dateline) that names it, as
    offsets into ``text``, so an answer can quote it."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    for offset, line in [*lines[-MAX_LINES_SCANNED:], *lines[:MAX_LINES_SCANNED]]:
        m = _CREDIT_LINE.match(line.strip())
        if m and m.group("name").split()[0].lower() not in _NOT_AGENCY:
            name = _TAIL.sub("", m.group("name")).strip()
            if name:
                start = offset + len(line) - len(line.lstrip())
                return name, start, start + len(line.strip())
    lead = len(text) - len(text.lstrip())
    head = text[lead : lead + 120]
    m = _DATELINE_AGENCY.search(head)
    if m is None:
        return None
    before = head[: m.start()]
    # A dateline: a place in capitals ("WASHINGTON") or a date ("New Delhi [India], August 13"),
    # not a name with its abbreviation ("The Shanghai Cooperation Organisation (SCO) -").
    words = before.split()
    if (
        len(words) > 8
        or not words
        or not (re.fullmatch(r"[A-Z]{3,}\W*", words[0]) or _DATE_WORD.search(before))
    ):
        return None
    return m.group("name"), lead, lead + m.start() + len(m.group(0).rstrip(":—–- "))
