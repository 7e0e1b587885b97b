"""Date resolution against a base (published) date: table-driven."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.dates import find_dates, find_expressions, format_span, most_specific, resolve_text

AUG13 = date(2025, 8, 13)  # a Wednesday
JAN5 = date(2026, 1, 5)  # a Monday


@pytest.mark.parametrize(
    ("text", "base", "tense", "start", "end", "granularity"),
    [
        # explicit dates
        ("on August 21, 2025, for talks", AUG13, "unknown", "2025-08-21", "2025-08-21", "day"),
        ("on 21 August 2025", AUG13, "unknown", "2025-08-21", "2025-08-21", "day"),
        ("Aug. 28, 2025", AUG13, "unknown", "2025-08-28", "2025-08-28", "day"),
        ("published 2025-08-13", None, "unknown", "2025-08-13", "2025-08-13", "day"),
        ("on 1/6/2021", None, "unknown", "2021-01-06", "2021-01-06", "day"),
        ("released on November 21 of 1998", None, "unknown", "1998-11-21", "1998-11-21", "day"),
        ("Released 2019, September 20 ...", None, "unknown", "2019-09-20", "2019-09-20", "day"),
        ("debuted in June of 2020, it", None, "unknown", "2020-06-01", "2020-06-30", "month"),
        # year-less: year from the base
        ("dialogue on July 6 at the summit", AUG13, "unknown", "2025-07-06", "2025-07-06", "day"),
        ("the forthcoming August 21 talks", AUG13, "future", "2025-08-21", "2025-08-21", "day"),
        # year roll-over
        ("they met on December 12", JAN5, "past", "2025-12-12", "2025-12-12", "day"),
        ("they met on December 12", JAN5, "unknown", "2025-12-12", "2025-12-12", "day"),
        ("they met in December", AUG13, "past", "2024-12-01", "2024-12-31", "month"),
        ("elections will be held in March", AUG13, "future", "2026-03-01", "2026-03-31", "month"),
        ("they will meet on January 5", date(2025, 12, 20), "future", "2026-01-05", "2026-01-05", "day"),
        # parts of a month
        ("in late June, the minister met", AUG13, "past", "2025-06-21", "2025-06-30", "part_of_month"),
        ("in early March 2024", None, "unknown", "2024-03-01", "2024-03-10", "part_of_month"),
        ("by mid-June", AUG13, "unknown", "2025-06-11", "2025-06-20", "part_of_month"),
        ("at the end of February 2024", None, "unknown", "2024-02-21", "2024-02-29", "part_of_month"),
        # months and years
        ("in February 2025 to review", AUG13, "unknown", "2025-02-01", "2025-02-28", "month"),
        ("the May 2025 visit", None, "unknown", "2025-05-01", "2025-05-31", "month"),
        ("in 2024, sales rose", None, "unknown", "2024-01-01", "2024-12-31", "year"),
        ("consistent this year", AUG13, "unknown", "2025-01-01", "2025-12-31", "year"),
        ("last year", JAN5, "unknown", "2025-01-01", "2025-12-31", "year"),
        ("last month", JAN5, "unknown", "2025-12-01", "2025-12-31", "month"),
        # weeks and weekdays
        ("last week", AUG13, "unknown", "2025-08-04", "2025-08-10", "week"),
        ("next week", JAN5, "unknown", "2026-01-12", "2026-01-18", "week"),
        ("two weeks ago", AUG13, "unknown", "2025-07-28", "2025-08-03", "week"),
        ("next Tuesday", AUG13, "unknown", "2025-08-19", "2025-08-19", "day"),
        ("last Tuesday", AUG13, "unknown", "2025-08-12", "2025-08-12", "day"),
        ("officials said on Monday", AUG13, "past", "2025-08-11", "2025-08-11", "day"),
        ("the vote will be held on Friday", AUG13, "future", "2025-08-15", "2025-08-15", "day"),
        ("said Wednesday", AUG13, "past", "2025-08-13", "2025-08-13", "day"),
        ("yesterday", JAN5, "unknown", "2026-01-04", "2026-01-04", "day"),
        ("tomorrow", JAN5, "unknown", "2026-01-06", "2026-01-06", "day"),
    ],
)
def test_resolution_table(
    text: str, base: date | None, tense: str, start: str, end: str, granularity: str
) -> None:
    spans = find_dates(text, base, tense)  # type: ignore[arg-type]
    assert spans, f"no date found in {text!r}"
    best = most_specific(spans)
    assert best is not None
    assert (best.start.isoformat(), best.end.isoformat(), best.granularity) == (start, end, granularity)
    assert text[best.char_start : best.char_end] == best.text  # offsets are exact


@pytest.mark.parametrize(
    "text",
    [
        "they may 5 times a day",  # "may" the verb
        "famous Fat Tuesday daiquiris",  # a named day, not a date
        "June 30,000 people",  # a number
        "in the 1990s",  # a decade
        "Mondays are quiet",  # habitual
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, AUG13) == []


@pytest.mark.parametrize("text", ["July 6", "late June", "last week", "next Tuesday", "this year"])
def test_relative_dates_need_a_base(text: str) -> None:
    """Without a published date nothing relative resolves (never against today's clock)."""
    assert find_dates(text, None) == []


def test_expressions_keep_their_lead_word() -> None:
    leads = {e.text: e.lead for e in find_expressions("It has grown since 2019 and was sold in 2024.")}
    assert leads == {"since 2019": "since", "in 2024": "in"}


def test_resolve_text_uses_dateparser_for_what_rules_miss() -> None:
    span = resolve_text("two days later", AUG13)
    assert span is not None and span.start == date(2025, 8, 15)
    assert resolve_text("two days later", None) is None
    assert resolve_text("no date here", AUG13) is None


@pytest.mark.parametrize(
    ("start", "end", "granularity", "label"),
    [
        (date(2025, 8, 21), date(2025, 8, 21), "day", "21 Aug 2025"),
        (date(2025, 6, 21), date(2025, 6, 30), "part_of_month", "late Jun 2025"),
        (date(2025, 2, 1), date(2025, 2, 28), "month", "Feb 2025"),
        (date(2024, 1, 1), date(2024, 12, 31), "year", "2024"),
        (date(2025, 8, 4), date(2025, 8, 10), "week", "week of 4 Aug 2025"),
    ],
)
def test_labels(start: date, end: date, granularity: str, label: str) -> None:
    assert format_span(start, end, granularity) == label
