""" "How many times have A and B met (in 2025, before the talks of 21 August)?" counted from event
records, each occurrence cited to its own sentence.

The small model cannot count occurrences spread over several sentences (it answers with a number
no sentence states, which the citation check must then refuse), and no sentence states the count.
The event records can: the merged timeline rows (``assistant.event_merge``, the briefing's rows)
whose participants include every person the question names, that took place, inside the
question's window (its year, "before/after/since" a date, its as-of date). The answer lists them,
each with its date and cited sentence, so the count is what the cited sentences show, and each
item passes the citation check on its own quote before the count is shown. Rows are the sources'
events: the answer says "the sources report", and a corpus missing a meeting undercounts.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from assistant.citations import VerifiedAnswer, citation_for, verify_answer
from assistant.components.library import Library
from assistant.event_merge import TimelineRow, capitalised_words, rows_from_events, surnames
from assistant.relation import says_relation
from assistant.time_checks import question_years
from assistant.types import Evidence
from ingest.dates import find_dates

_HOW_MANY_TIMES = re.compile(r"^\s*how (?:many (?:times|occasions)|often)\b", re.I)
# The question asks what is to come: the records' scheduled rows are not occurrences.
_FUTURE = re.compile(r"\b(?:will|going to|plan(?:s|ned)? to|scheduled|upcoming)\b", re.I)
_BEFORE = re.compile(r"\b(?:before|prior to|until|ahead of)\s+(?:the\s+)?$", re.I)
_AFTER = re.compile(r"\b(?:after|since)\s+(?:the\s+)?$", re.I)


@dataclass
class EventCount:
    count: int
    verified: VerifiedAnswer
    evidence: list[Evidence]


# Only encounters are counted: an occurrence record says who was there, not who won or did what to
# whom ("How many times has Djokovic beaten Nadal?" is not the number of their matches).
_ENCOUNTER = re.compile(
    r"\b(?:me(?:e)?t|meetings?|talk(?:s|ed)?|interact\w*|sp(?:o|ea)ke?n?|conferr?\w*|summits?|visit\w*|"
    r"held talks|hold talks|(?:tele)?phoned?|called)\b",
    re.I,
)


def asks_how_many_times(question: str) -> bool:
    return (
        bool(_HOW_MANY_TIMES.search(question))
        and bool(_ENCOUNTER.search(question))
        and not _FUTURE.search(question)
    )


def _window(question: str, as_of: date | None) -> tuple[set[int], date | None, date | None]:
    """(years, after, before): the years the question counts in ("in 2025"), and the bounds it
    sets with "after/since X" and "before X" (a bound's own year is not a year counted in)."""
    years = sorted(question_years(question))
    base = date(years[-1], 12, 31) if years else as_of
    after = before = None
    rest = question
    for span in find_dates(question, base):
        lead = question[max(0, span.char_start - 24) : span.char_start]
        start, end = span.start, span.end
        if years and not re.search(r"\d{4}", span.text):
            # "in 2024 before June 10": a year-less bound is in the year counted.
            with contextlib.suppress(ValueError):  # 29 February
                start, end = start.replace(year=years[-1]), end.replace(year=years[-1])
        if _BEFORE.search(lead):
            before = start
        elif _AFTER.search(lead):
            after = end
        else:
            continue
        rest = rest[: span.char_start] + " " * (span.char_end - span.char_start) + rest[span.char_end :]
    return question_years(rest), after, before


# A sentence that names the pair by reference ("The two ministers first met in Geneva", "They
# last met in May") has no participants in its record; in an article that names them, it is theirs.
_PAIR_REFERENCE = re.compile(r"^\W*(?:(?:the|both)\s+(?:two|leaders|ministers|sides)\b|they\b|both\b)", re.I)


def _occurrence(row: TimelineRow, people: set[str], question: str, their_docs: set[str]) -> bool:
    if row.status != "happened" or not row.date_start or not row.sources:
        return False
    if row.participants:
        if not people <= surnames(row.participants):
            return False
    elif not all(s.doc_id in their_docs and _PAIR_REFERENCE.match(s.quote) for s in row.sources):
        return False
    # "met or interacted": the row must say one of the question's verbs (light verbs pass).
    text = " ".join([row.what, *(s.quote for s in row.sources)])
    return says_relation(question, text) is not False


def _evidence(row: TimelineRow, n: int) -> Evidence:
    src = sorted(row.sources, key=lambda s: s.from_record)[0]  # the article's own sentence first
    return Evidence(
        n, src.doc_id, src.title, src.published, src.source, src.url, src.quote, src.start, src.end, 1.0
    )


def _clause(row: TimelineRow) -> str:
    on = "on" if row.granularity == "day" else "in"
    return f"{on} {row.date_label}" + (f" in {row.venue}" if row.venue else "")


def count_from_events(
    question: str, evidence_doc_ids: Sequence[str], library: Library, as_of: date | None
) -> EventCount | None:
    """The cited occurrences a "how many times" question asks for, or None (then the evidence
    and the model answer, or the pipeline refuses)."""
    if not asks_how_many_times(question) or not evidence_doc_ids:
        return None
    events = library.events(doc_ids=list(dict.fromkeys(evidence_doc_ids)))
    if as_of is not None:
        events = [e for e in events if not e.published or e.published <= as_of.isoformat()]
    if not events:
        return None
    rows = rows_from_events(events, library.get_documents(e.doc_id for e in events))
    known = set().union(*(surnames(r.participants) for r in rows))
    # The people the question names that the records know, by surname ("Lavrov and Jaishankar"):
    # two at least; one person's trips or visits are not encounters the records pair.
    people = capitalised_words(question) & known
    if len(people) < 2:
        return None
    their_docs = {s.doc_id for r in rows if people <= surnames(r.participants) for s in r.sources}
    years, after, before = _window(question, as_of)
    chosen: list[TimelineRow] = []
    for row in rows:
        if not _occurrence(row, people, question, their_docs):
            continue
        start = date.fromisoformat(row.date_start)
        end = date.fromisoformat(row.date_end or row.date_start)
        if years and not any(start.year <= y <= end.year for y in years):
            continue
        if (before and end >= before) or (after and start <= after) or (as_of and start > as_of):
            continue
        chosen.append(row)
    if not chosen:
        return None
    evidence = [_evidence(row, i) for i, row in enumerate(chosen, start=1)]
    parts = []
    for row, ev in zip(chosen, evidence, strict=True):
        # Each occurrence must pass the citation check against its own sentence.
        said = _clause(row)
        checked = verify_answer(f"{said[:1].upper()}{said[1:]} [1].", [ev])
        # The venue may come from another of the row's sentences: the city alone, then no venue.
        for fewer in (replace(row, venue_country=None), replace(row, venue_city=None, venue_country=None)):
            if checked.supported_sentences or not row.venue:
                break
            said = _clause(fewer)
            checked = verify_answer(f"{said[:1].upper()}{said[1:]} [1].", [ev])
        if not checked.supported_sentences:
            return None
        parts.append(f"{said} [{ev.n}]")
    n = len(chosen)
    listed = parts[0] if n == 1 else "; ".join(parts[:-1]) + f"; and {parts[-1]}"
    text = f"{n} {'time' if n == 1 else 'times'}, according to the sources: {listed}."
    citations = [citation_for(ev.n, ev, True) for ev in evidence]
    return EventCount(n, VerifiedAnswer(text, citations, n, [], [], evidence), evidence)
