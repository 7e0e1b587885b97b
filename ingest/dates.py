"""Date expressions in news text, resolved against a base date: the article's published date.

Never against today's clock: "last week" in an article from January 2026 is a week of January
2026 whenever it is read. Two steps, so a caller can learn the sentence's tense in between:
``find_expressions`` (regex, fast: also the pre-filter for which sentences get parsed at all) and
``resolve`` (calendar rules, with the year roll-over a year-less date needs). ``resolve_text``
resolves any phrase, trying the rules first and dateparser for what they miss.

Year roll-over: a date without a year takes the base's year, unless that puts a past-tense
event well after the base (published Jan 2026, "met on December 12" -> 2025-12-12) or a
future-tense one well before it (published Dec 2025, "will meet on January 5" -> 2026-01-05);
with no tense known, the occurrence nearest the base wins.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from assistant.types import Granularity

logger = logging.getLogger(__name__)

Tense = Literal["past", "future", "unknown"]

# Most specific first: an event sentence keeps its most specific date.
SPECIFICITY: dict[str, int] = {"day": 0, "week": 1, "part_of_month": 2, "month": 3, "year": 4}
# How far past the base a past-tense date may fall (and a future one before it) before the
# year rolls over: publish dates and event dates disagree by a few days in real news.
ROLLOVER_SLACK = timedelta(days=14)

# Month word (lower case: "january", "jan", "sept") -> number; the query-time finder
# (assistant.querytime) reads months by this table too.
MONTH_NUMBERS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTH_NUMBERS["sept"] = 9
MONTH_WORDS = frozenset(MONTH_NUMBERS)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAY_WORDS = frozenset(_WEEKDAYS)
# Month and weekday words, lower-cased: capitalized words that name no one ("on Friday", "in May").
CALENDAR_WORDS = frozenset({*(m.lower() for m in MONTH_WORDS), *WEEKDAY_WORDS})
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip

# Month names must be capitalised: "may" and "march" are also verbs.
_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z])\.?"
)
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_OPT_YEAR = rf"(?:,?\s+(?:of\s+)?{_YEAR}(?!\d|,\d))?"  # "November 21, 1998", "November 21 of 1998"

# "2019, September 20" (data sheets, tables): the year first, the month capitalised ("in 2019,
# may 20 people ..." is no date). Shared with the query-time finder, which has no other form of it.
YEAR_FIRST_DATE = re.compile(rf"\b{_YEAR},?\s+{_MONTH}\s+{_DAY}\b(?!,?\d|:)")

# (kind, pattern), highest priority first; later patterns only match outside earlier matches.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("numeric", re.compile(rf"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/{_YEAR}\b")),
    ("part", re.compile(rf"\b(?P<part>(?i:early|mid|late))[- ]?(?:in\s+)?{_MONTH}{_OPT_YEAR}")),
    ("part", re.compile(rf"\b(?i:the\s+)?(?P<part>(?i:beginning|start|middle|end))\s+of\s+{_MONTH}{_OPT_YEAR}")),
    ("ymd", YEAR_FIRST_DATE),
    ("mdy", re.compile(rf"(?:\b{_WEEKDAY},?\s+)?\b{_MONTH}\s+{_DAY}\b(?!,?\d|:){_OPT_YEAR}")),
    ("dmy", re.compile(rf"(?:\b{_WEEKDAY},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z]){_OPT_YEAR}")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b(?!\d|,\d)")),  # "June 2020", "June of 2020"
    ("month", re.compile(rf"\b(?P<rel>(?i:last|next|this|in|since|during|until|by|through|from|early|late))\s+{_MONTH}(?!\s*\d)")),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("relday", re.compile(r"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b")),  # not "USA TODAY"
    ("relunit", re.compile(r"\b(?P<rel>last|this|next|past|coming|previous|earlier\s+this|later\s+this)\s+(?P<unit>week|weekend|month|year)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<rel>(?i:last|next|this|on|coming|this\s+past|past))\s+)?{_WEEKDAY}(?!s)\b")),
    ("year", re.compile(rf"\b(?P<rel>(?i:in|during|by|of|for|early|mid|late|throughout|since|until|the))[- ]\s*{_YEAR}\b(?![-–/]?\d|\s*%|s\b)")),
]  # fmt: skip
# Dates after these words mark the edge of a state ("since 2019"), not an event.
DURATIONAL = frozenset({"since", "until", "through", "from"})


@dataclass(frozen=True)
class DateExpression:
    """A date phrase found in text, not yet resolved (that needs the base date and tense)."""

    kind: str
    text: str
    start: int  # offsets into the searched text
    end: int
    groups: tuple[tuple[str, str], ...]

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)

    @property
    def lead(self) -> str:
        """The relation word before the date ("since", "in", "last"), lower-case, or ""."""
        return (self.group("rel") or "").lower()


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date
    granularity: Granularity
    text: str
    char_start: int = 0  # offsets of ``text`` in the searched text (0, 0 when not from a search)
    char_end: int = 0
    lead: str = ""

    def label(self) -> str:
        return format_span(self.start, self.end, self.granularity)


def format_span(start: date, end: date, granularity: str | None) -> str:
    """A short human label: "21 Aug 2025", "late Jun 2025", "Feb 2025", "2025", "week of 5 Jan 2026"."""
    if granularity == "day" or (granularity is None and start == end):
        return f"{start.day} {calendar.month_abbr[start.month]} {start.year}"
    if granularity == "week":
        return f"week of {start.day} {calendar.month_abbr[start.month]} {start.year}"
    if granularity == "part_of_month":
        part = "early" if start.day <= 10 else "mid" if start.day <= 20 else "late"
        return f"{part} {calendar.month_abbr[start.month]} {start.year}"
    if granularity == "month":
        return f"{calendar.month_abbr[start.month]} {start.year}"
    if granularity == "year":
        return str(start.year)
    return f"{start.isoformat()} – {end.isoformat()}"


# One cheap look before the full patterns: most sentences hold no date at all.
_QUICK = re.compile(
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day\b|days\b|tonight|tomorrow|week|month|year|(?:19|20)\d\d",
    re.I,
)
# "Fat Tuesday", "Black Friday", "Super Tuesday": a capitalised word before a weekday makes a name.
_NAMED_DAY = re.compile(
    r"(?:^|\s)(?!(?:On|Last|Next|This|Past|Coming|Since|By|From|Until|Late|Early)\b)[A-Z][a-z]+\s+$"
)


def find_expressions(text: str) -> list[DateExpression]:
    """Every date phrase in ``text``, in order, non-overlapping (earlier patterns win)."""
    if not _QUICK.search(text):
        return []
    taken: list[tuple[int, int]] = []
    found: list[DateExpression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "year" and (m.group("rel") or "").lower() == "the" and not _adjectival(text, e):
                continue
            if kind == "weekday" and not m.group("rel") and _NAMED_DAY.search(text, max(0, s - 20), s):
                continue
            taken.append((s, e))
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(DateExpression(kind, m.group(), s, e, groups))
    found.sort(key=lambda x: x.start)
    return found


def _adjectival(text: str, end: int) -> bool:
    """ "the 2024 election": a year used as a modifier of a lower-case noun."""
    return re.match(r"\s+[a-z]", text[end : end + 3]) is not None


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _part_span(year: int, month: int, part: str) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    part = part.lower()
    if part in ("early", "beginning", "start"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "middle"):
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), date(year, month, last)


def _roll(
    span_for: Callable[[int], tuple[date, date]], base: date, tense: Tense, lead: str = ""
) -> tuple[date, date]:
    """Pick the year of a year-less date (see the module docstring)."""
    year = base.year
    if lead == "last":
        start, end = span_for(year)
        return span_for(year - 1) if end >= base else (start, end)
    if lead == "next":
        start, end = span_for(year)
        return span_for(year + 1) if start <= base else (start, end)
    start, end = span_for(year)
    if tense == "past":
        return span_for(year - 1) if start > base + ROLLOVER_SLACK else (start, end)
    if tense == "future":
        return span_for(year + 1) if end < base - ROLLOVER_SLACK else (start, end)

    def distance(span: tuple[date, date]) -> int:
        if span[0] <= base <= span[1]:
            return 0
        return min(abs((span[0] - base).days), abs((span[1] - base).days))

    candidates = [span_for(year), span_for(year - 1), span_for(year + 1)]
    return min(candidates, key=distance)  # ties keep the base's year (listed first)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _weekday(base: date, target: int, rel: str, tense: Tense) -> date:
    back = (base.weekday() - target) % 7
    ahead = (target - base.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return base - timedelta(days=back or 7)
    if rel == "next":
        return base + timedelta(days=ahead or 7)
    if rel == "this":
        return base - timedelta(days=base.weekday()) + timedelta(days=target)
    if rel == "coming" or tense == "future":
        return base + timedelta(days=ahead)
    return base - timedelta(days=back)  # news mostly reports what happened: the latest one


def _relunit(base: date, rel: str, unit: str) -> tuple[date, date, Granularity]:
    rel = " ".join(rel.lower().split())
    if unit == "week":
        if rel == "past":
            return base - timedelta(days=7), base, "week"
        shift = {"last": -7, "previous": -7, "next": 7, "coming": 7}.get(rel, 0)
        start, end = _week_of(base + timedelta(days=shift))
        return start, end, "week"
    if unit == "weekend":
        saturday = base - timedelta(days=base.weekday()) + timedelta(days=5)
        if rel in ("last", "past", "previous"):
            saturday -= timedelta(days=7)
            if saturday + timedelta(days=1) >= base:
                saturday -= timedelta(days=7)
        elif rel in ("next", "coming") and saturday <= base:
            saturday += timedelta(days=7)
        return saturday, saturday + timedelta(days=1), "week"
    if unit == "month":
        if rel == "past":
            return base - timedelta(days=30), base, "month"
        year, month = base.year, base.month
        offset = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        month += offset
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
        start, end = _month_span(year, month)
        return start, end, "month"
    if rel == "past":
        return base - timedelta(days=365), base, "year"
    year = base.year + {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    return date(year, 1, 1), date(year, 12, 31), "year"


def resolve(expr: DateExpression, base: date | None, tense: Tense = "unknown") -> DateSpan | None:
    """The calendar span ``expr`` names, or None (unresolvable without a base, or not a date)."""
    try:
        span = _resolve(expr, base, tense)
    except ValueError:  # "February 30", "2025-02-30"
        return None
    if span is None:
        return None
    start, end, granularity = span
    return DateSpan(start, end, granularity, expr.text, expr.start, expr.end, expr.lead)


def _resolve(expr: DateExpression, base: date | None, tense: Tense) -> tuple[date, date, Granularity] | None:
    g = expr.group
    y, mon, m, d_ = g("y"), g("mon"), g("m"), g("d")
    year = int(y) if y else None
    month = MONTH_NUMBERS[mon.lower()] if mon else (int(m) if m else None)
    day = int(d_) if d_ else None
    kind = expr.kind
    if kind in ("iso", "numeric", "ymd", "mdy", "dmy") and month is not None and day is not None:
        if year is not None:
            d = date(year, month, day)
            return d, d, "day"
        if base is None:
            return None
        start, _ = _roll(lambda y: (date(y, month, day), date(y, month, day)), base, tense)
        return start, start, "day"
    if kind == "part" and month is not None:
        part = g("part") or "late"
        if year is not None:
            start, end = _part_span(year, month, part)
        elif base is None:
            return None
        else:
            start, end = _roll(lambda y: _part_span(y, month, part), base, tense)
        return start, end, "part_of_month"
    if kind == "my" and month is not None and year is not None:
        start, end = _month_span(year, month)
        return start, end, "month"
    if kind == "month" and month is not None:
        if base is None:
            return None
        start, end = _roll(lambda y: _month_span(y, month), base, tense, expr.lead)
        return start, end, "month"
    if kind == "year" and year is not None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    if base is None:
        return None
    if kind == "relday":
        shift = {"yesterday": -1, "tomorrow": 1}.get(expr.lead, 0)
        d = base + timedelta(days=shift)
        return d, d, "day"
    if kind == "relunit":
        return _relunit(base, expr.lead, (g("unit") or "").lower())
    if kind == "weekday" and g("wd"):
        d = _weekday(base, _WEEKDAYS[g("wd").lower()], " ".join(expr.lead.split()), tense)  # type: ignore[union-attr]
        return d, d, "day"
    if kind == "ago":
        n_text = (g("n") or "").lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text, 1)
        unit = (g("unit") or "").lower()
        if unit == "day":
            d = base - timedelta(days=n)
            return d, d, "day"
        if unit == "week":
            start, end = _week_of(base - timedelta(days=7 * n))
            return start, end, "week"
        if unit == "month":
            year_n, month0 = divmod(base.year * 12 + base.month - 1 - n, 12)
            start, end = _month_span(year_n, month0 + 1)
            return start, end, "month"
        return date(base.year - n, 1, 1), date(base.year - n, 12, 31), "year"
    return None


def find_dates(text: str, base: date | None, tense: Tense = "unknown") -> list[DateSpan]:
    """Resolved date spans in ``text`` (in order); unresolvable phrases are left out."""
    out = []
    for expr in find_expressions(text):
        span = resolve(expr, base, tense)
        if span is not None:
            out.append(span)
    return out


def most_specific(spans: list[DateSpan]) -> DateSpan | None:
    """The most specific span (day before week before ... year); the first among equals."""
    if not spans:
        return None
    return min(spans, key=lambda s: (SPECIFICITY[s.granularity], s.char_start))


_DATEPARSER_HINT = re.compile(
    r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|week|month|year|tonight|weekend", re.I
)


def resolve_text(phrase: str, base: date | None, tense: Tense = "unknown") -> DateSpan | None:
    """Resolve one date phrase (e.g. a spaCy DATE entity): our rules, then dateparser.

    dateparser only runs with a base (``RELATIVE_BASE``): without one it would resolve
    relative words against today's clock.
    """
    exprs = [e for e in find_expressions(phrase) if resolve(e, base, tense) is not None]
    if exprs:
        best = most_specific([s for e in exprs if (s := resolve(e, base, tense)) is not None])
        if best is not None:
            return DateSpan(best.start, best.end, best.granularity, phrase.strip(), lead=best.lead)
    if base is None or not _DATEPARSER_HINT.search(phrase):
        return None
    prefer = {"past": "past", "future": "future"}.get(tense, "current_period")
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        from dateparser.date import DateDataParser

        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (ValueError, OverflowError, TypeError) as exc:
        logger.debug("dateparser failed on %r: %s", phrase, exc)
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return DateSpan(date(d.year, 1, 1), date(d.year, 12, 31), "year", phrase.strip())
    if period == "month":
        start, end = _month_span(d.year, d.month)
        return DateSpan(start, end, "month", phrase.strip())
    if period == "week":
        start, end = _week_of(d)
        return DateSpan(start, end, "week", phrase.strip())
    return DateSpan(d, d, "day", phrase.strip())


def parse_iso(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) -> date; None for empty or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
