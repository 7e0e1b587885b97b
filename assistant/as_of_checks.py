"""Checks of a checked reply against the question's own clock (its as-of date and relative words).

The other time checks (``assistant.time_checks``) read the cited sentences against their articles'
clocks; these read them against the question's: a question asked as of a date is about that date.

- **Stale**: a question whose relative words ("this week") name a span, or that asks for the new
  or the latest ("according to new federal data"), is not answered from articles published more
  than a year before that span or its as-of date.
- **Passed plan**: a question about what is to come ("may soon face higher tariffs"), asked as of a
  date, is not answered by sentences whose dates had all passed by then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.querytime import QueryTime, asks_about_future, is_future_wording, parse_date
from assistant.types import Evidence
from ingest.dates import Tense
from ingest.dates import find_dates as find_spans

# An article published more than this long before the span a question's relative words name
# does not report what happened in it: a 2022 report that life expectancy fell to 76.4 answers no
# question about this week's federal data asked in 2026. A year, so a preview or a background
# piece from earlier in the season still counts.
STALE_AFTER_DAYS = 365

# Words asking for the newest information itself ("new federal data", "the latest figures"), not
# for a present state that may have held for years ("who is the mayor now"). "new" only in lower
# case: "New York", "New Year".
_ASKS_NEWEST = re.compile(r"\bnew\b|\b(?:[Nn]ewest|[Ll]atest|[Mm]ost recent|[Rr]ecent(?:ly)?)\b")


def fresh_from(qt: QueryTime) -> date | None:
    """The first day the question asks about: its relative words' span ("this week"), else its
    as-of date when it asks for the newest; None when it names no time of its own."""
    if qt.window is not None and qt.window.start is not None:
        return qt.window.start
    if qt.as_of is not None and _ASKS_NEWEST.search(qt.question):
        return qt.as_of
    return None


def is_stale(published: date | None, start: date) -> bool:
    """An article of ``published`` is from long before ``start`` (undated: of any time, never)."""
    return published is not None and (start - published).days > STALE_AFTER_DAYS


def stale_reason(qt: QueryTime, quotes: Sequence[Evidence]) -> str | None:
    """The cited articles are all from long before the time the question asks about
    (``fresh_from``); None when an article is undated (it may be of any time) or the question
    names no time of its own."""
    start = fresh_from(qt)
    if start is None or not quotes:
        return None
    published = [parse_date(q.published) for q in quotes]
    dated = [d for d in published if d is not None]
    if len(dated) < len(published):
        return None
    newest = max(dated)
    if not is_stale(newest, start):
        return None
    return (
        f"the cited articles (the newest of {newest.isoformat()}) are from long before the time the "
        f"question asks about (from {start.isoformat()})"
    )


# Spans fine enough to date a plan: "Aug. 12", "next week", "in March"; not a bare year.
_PLAN_GRANULARITIES = frozenset({"day", "week", "part_of_month", "month"})


def passed_plan_reason(qt: QueryTime, quotes: Sequence[Evidence]) -> str | None:
    """A question about what is to come, asked as of a date, answered by sentences every date of
    which had passed by then: "China faces an Aug. 12 deadline" in a story of July 2025 does not
    say which country "may soon face higher tariffs" asked in January 2026. None when a cited
    sentence names no date of its own (it may speak of any time) or its article is undated."""
    as_of = qt.as_of
    if as_of is None or not quotes or not asks_about_future(qt.question):
        return None
    latest: date | None = None
    for q in quotes:
        base = parse_date(q.published)
        if base is None:
            return None
        tense: Tense = "future" if is_future_wording(q.text) else "unknown"
        ends = [d.end for d in find_spans(q.text, base, tense) if d.granularity in _PLAN_GRANULARITIES]
        if not ends:
            return None
        latest = max([*ends, latest] if latest else ends)
    if latest is None or latest >= as_of:
        return None
    return (
        f"the question asks what is to come as of {as_of.isoformat()}; every date the cited "
        f"sentences give had passed by then (the latest {latest.isoformat()})"
    )


def as_of_reason(qt: QueryTime, quotes: Sequence[Evidence]) -> str | None:
    """The first reason the cited sentences do not answer the question on its own clock, or None."""
    return stale_reason(qt, quotes) or passed_plan_reason(qt, quotes)
