"""Published dates: the many ways news data writes a date -> one ISO ``YYYY-MM-DD`` string.

Fast exact formats first (ISO, ``2026/03/20``, RFC 2822, "Aug. 28, 2025"), then dateparser for
the rest. A published date must name a day: "August 2025" or "yesterday" is refused rather
than silently filled in from today's clock.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

from assistant.errors import NewsdeskError

MIN_YEAR = 1800
MAX_YEAR = 2200


class UnparseableDateError(NewsdeskError, ValueError):
    """A value that should be a published date is not one (the message quotes it)."""


# 2025-08-13, 2025-08-13T10:00:00Z, 2026/03/20, 2026/03/20/23:06, 2025.08.13 (year first: unambiguous)
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s/_,+Z])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20250813
# "Aug. 28, 2025", "August 28 2025", "28 Aug 2025", "Thursday, August 28, 2025"
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MDY = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
_DMY = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})\b", re.IGNORECASE)


def _make(year: int, month: int, day: int, raw: str) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UnparseableDateError(f"date '{raw}' has an implausible year {year}")
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise UnparseableDateError(f"date '{raw}' is not a valid calendar date ({exc})") from None


def _named_month(raw: str) -> str | None:
    match = _MDY.match(raw)
    if match and match.group(1).lower() in _MONTHS:
        return _make(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)), raw)
    match = _DMY.match(raw)
    if match and match.group(2).lower() in _MONTHS:
        return _make(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)), raw)
    return None


# A line that is a date and nothing else: "2026-10-08", "2026-10-08T09:30:00Z", "August 14, 2026",
# "Thu, 14 Aug 2026" (no dateparser: a headline such as "May 5 rally" must not pass).
_YMD_LINE = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def bare_date(line: str) -> str | None:
    """The ISO date a line holds when the line is only a date (year, month and day), else None."""
    line = line.strip()
    if _YMD_LINE.fullmatch(line):
        return parse_published(line)
    for pattern in (_MDY, _DMY):
        if pattern.fullmatch(line):
            try:
                return _named_month(line)
            except UnparseableDateError:
                return None
    return None


@lru_cache(maxsize=1)
def _dateparser_settings() -> dict[str, Any]:
    # Require all three parts and no relative parser: otherwise dateparser fills the gaps from
    # today's clock ("1 day ago", "August 2025" -> today's day).
    return {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    }


def parse_published(value: Any) -> str:
    """A published date in any common format -> ``YYYY-MM-DD``; UnparseableDateError otherwise.

    Datetimes keep the date as written (no conversion to UTC): a story published at 23:30 in
    New York is dated that day where it was published.
    """
    if isinstance(value, datetime):
        return _make(value.year, value.month, value.day, str(value))
    if isinstance(value, date):
        return _make(value.year, value.month, value.day, str(value))
    if not isinstance(value, str):
        raise UnparseableDateError(f"date must be text, got {type(value).__name__} {value!r}")
    raw = value.strip()
    if not raw:
        raise UnparseableDateError("date is empty")
    match = _YMD.match(raw) or _COMPACT.match(raw)
    if match:
        return _make(int(match.group(1)), int(match.group(2)), int(match.group(3)), raw)
    named = _named_month(raw)
    if named:
        return named
    if "," in raw and raw[:3].isalpha():
        try:  # RFC 2822: "Tue, 13 Aug 2025 10:00:00 +0000"
            parsed = parsedate_to_datetime(raw)
            return _make(parsed.year, parsed.month, parsed.day, raw)
        except (TypeError, ValueError, IndexError):
            pass
    if not re.search(r"\d", raw):
        # "yesterday", "last week": relative to when? A published date must be absolute.
        raise UnparseableDateError(f"date '{raw}' does not name a day (need e.g. 2025-08-13)")
    import dateparser  # slow import; only for the formats above did not catch

    try:
        parsed_dt = dateparser.parse(raw, settings=_dateparser_settings())
    except Exception:  # dateparser raises assorted errors on odd input
        parsed_dt = None
    if parsed_dt is None:
        raise UnparseableDateError(
            f"date '{raw}' does not parse (expected e.g. 2025-08-13, 2026/03/20, Aug. 28, 2025)"
        )
    return _make(parsed_dt.year, parsed_dt.month, parsed_dt.day, raw)


def days_since_epoch(iso: str | None) -> int:
    """ISO date -> days since 1970-01-01 (Chroma range filters need numbers); -1 when unknown."""
    if not iso:
        return -1
    try:
        return (date.fromisoformat(iso[:10]) - date(1970, 1, 1)).days
    except ValueError:
        return -1
