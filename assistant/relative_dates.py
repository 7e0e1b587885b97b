"""Relative dates in a quote, resolved against its article's publish date.

News writes "on Monday", "yesterday", "two days ago": the small model cannot do the calendar
arithmetic (it answered "April 9" for a Monday in an article of Tuesday 12 March), so the
evidence it reads carries the resolved date beside the phrase ("on Monday (11 March 2024)"),
and the citation check accepts that date as said by the quote. The publish date is the clock,
never today (the two clocks of the design).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from assistant.querytime import DateMention, find_dates, is_future_wording
from assistant.types import Evidence
from ingest import event_nlp
from ingest.dates import DateSpan, Tense, find_expressions, parse_iso, resolve
from ingest.nlp import parse_one

# Phrases whose date only the publish date fixes (a named month or year says its own).
RELATIVE_KINDS = frozenset({"weekday", "relday", "ago"})


@dataclass(frozen=True)
class ResolvedMention:
    start: int  # offsets of the phrase in the quote
    end: int
    day: date

    @property
    def label(self) -> str:
        return f"{self.day.day} {self.day:%B} {self.day.year}"  # "11 March 2024"


# Called for every quote by the evidence list, the citation check and the refusal checks: cached.
@lru_cache(maxsize=4096)
def _resolve_cached(text: str, published: str | None) -> tuple[ResolvedMention, ...]:
    base = parse_iso(published)
    if base is None:
        return ()
    out = []
    for expr in find_expressions(text):
        if expr.kind not in RELATIVE_KINDS:
            continue
        probe = resolve(expr, base, "unknown")
        if probe is None:
            continue
        span = resolve(expr, base, _clause_tense(text, probe))
        if span is not None and span.granularity == "day" and span.start == span.end:
            out.append(ResolvedMention(span.char_start, span.char_end, span.start))
    return tuple(out)


def _clause_tense(text: str, span: DateSpan) -> Tense:
    """The tense of the clause the phrase belongs to, as ingest reads it for event records: the
    sentence's other wording does not decide ("began a strike on Wednesday in protest at the
    company's plans" is a past Wednesday, however "plans" reads). The whole sentence's future
    wording only when the parse says nothing (or spaCy is missing)."""
    doc = parse_one(text)
    if doc is not None:
        tokens = event_nlp.date_tokens(doc, span)
        if tokens:
            tense = event_nlp.local_tense(event_nlp.anchor_of(doc, tokens))
            if tense != "unknown":
                return tense
    return "future" if is_future_wording(text) else "unknown"


def resolve_relative(text: str, published: str | None) -> list[ResolvedMention]:
    """The day-exact relative date phrases of ``text`` with the dates they name."""
    return list(_resolve_cached(text, published))


def dates_said(text: str, published: str | None) -> list[DateMention]:
    """Every date a sentence names: as written ("March 26", "2019") and, dated on its article's
    clock, relative ones ("on Friday", "last month"), in one list for the checks that read a
    sentence's days."""
    return find_dates(text) + [
        DateMention(text[r.start : r.end], r.start, r.end, r.day.year, r.day.month, r.day.day)
        for r in resolve_relative(text, published)
    ]


def annotate(text: str, published: str | None) -> str:
    """``text`` with each relative date followed by the date it names, for the model to read."""
    for m in reversed(resolve_relative(text, published)):
        text = f"{text[: m.end]} ({m.label}){text[m.end :]}"
    return text


def resolved_labels(text: str, published: str | None) -> str:
    """The resolved dates of ``text``'s relative phrases, space-separated (for date matching)."""
    return " ".join(m.label for m in resolve_relative(text, published))


@lru_cache(maxsize=4096)
def resolved_years(text: str, published: str | None) -> str:
    """The years "this year", "last year", "next year" name on the article's clock, space-separated:
    a claim "in 2026" is stated by "this year" in a 2026 article, not by its publish date alone."""
    base = parse_iso(published)
    if base is None:
        return ""
    years = []
    for expr in find_expressions(text):
        if expr.kind == "relunit" and (expr.group("unit") or "").lower() == "year":
            span = resolve(expr, base, "unknown")
            if span is not None and span.granularity == "year":
                years.append(str(span.start.year))
    return " ".join(years)


# A weekday the answer says without its date ("will try again on Tuesday").
BARE_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?!,?\s+\(?(?:the\s+)?\d)", re.I)


def dated_weekdays(text: str, quotes: Sequence[Evidence], *, bracketed: bool = False) -> str:
    """``text`` with each bare weekday followed by the date it names in the cited ``quotes``
    ("on Tuesday" -> "on Tuesday, 22 September 2026" where a quote of Sunday 20 September says
    "would try again on Tuesday"): a "when" answer is a date on the article's clock, not a
    weekday the reader must place. Left alone when the quotes give that weekday no date, or two.
    ``bracketed`` writes "on Tuesday (22 September 2026)" for a parser: the comma form can hang
    the date from what follows ("ended on Friday, 20 March 2026 as planned" -> "planned")."""
    for m in reversed(list(BARE_WEEKDAY.finditer(text))):
        word = m.group(0).lower()
        days = {
            r.day
            for q in quotes
            for r in resolve_relative(q.text, q.published)
            if word in q.text[r.start : r.end].lower() and f"{r.day:%A}".lower() == word
        }
        if len(days) == 1:
            day = days.pop()
            date = f"{day.day} {day:%B} {day.year}"
            added = f" ({date})" if bracketed else f", {date}"
            text = f"{text[: m.end()]}{added}{text[m.end() :]}"
    return text
