"""Question time: the as-of date, the date window relative words name, and date mentions.

- ``analyze_question`` reads the question once: relative words ("this week", "last month",
  "recently", "yesterday", "this year"), explicit dates/months ("21 August", "March 2025"), and
  whether it is about the present ("current", "now", "who is", "latest", "this week").
- Relative words resolve against ``as_of`` when given, else against the newest matching
  documents' date (``QueryTime.resolved``), never against today's clock: a corpus of old news
  asked "this week" means that corpus's week.
- ``find_dates`` is a small regex date finder with exact offsets. dateparser's ``search_dates``
  is slow and guesses aggressively (it reads "May" in "may meet" as a month); citations need a
  predictable comparison ("21 August 2025" == "August 21, 2025"), so dates compare by parts.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ingest.dates import MONTH_NUMBERS, YEAR_FIRST_DATE

EPOCH = date(1970, 1, 1)

_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[89]\d\d|20\d\d)"

# Order matters: the longest forms first, so "August 21, 2025" is one mention, not three.
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR_RE})-(?P<m>0?[1-9]|1[0-2])-(?P<d>[0-3]?\d)\b")),
    ("slash", re.compile(rf"\b(?P<y>{_YEAR_RE})/(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d)\b")),
    ("ymd", YEAR_FIRST_DATE),  # "2019, September 20": ingest's pattern (groups y, mon, d)
    (
        "mdy",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>{_DAY_RE})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR_RE}))?\b", re.I
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>{_DAY_RE})(?:\s+of)?\s+(?P<mon>{_MONTH_RE})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR_RE}))?\b",
            re.I,
        ),
    ),
    ("my", re.compile(rf"\b(?P<mon>{_MONTH_RE})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR_RE}))?\b", re.I)),
    ("y", re.compile(rf"\b(?P<y>{_YEAR_RE})\b")),
]
# "may" and "march" are also verbs: a bare one only counts when capitalised and not after a modal.
_AMBIGUOUS_MONTHS = {
    "may",
    "march",
    "jan",
    "mar",
    "sep",
    "oct",
    "dec",
    "aug",
    "jun",
    "jul",
    "apr",
    "nov",
    "feb",
}


@dataclass(frozen=True)
class DateMention:
    """A date named in text: any of year/month/day may be unknown ("August 21", "2025")."""

    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None

    def first_day(self, base_year: int | None = None) -> date | None:
        year = self.year or base_year
        if year is None:
            return None
        return date(year, self.month or 1, self.day or 1)

    def last_day(self, base_year: int | None = None) -> date | None:
        year = self.year or base_year
        if year is None:
            return None
        if self.month is None:
            return date(year, 12, 31)
        if self.day is None:
            return date(year, self.month, calendar.monthrange(year, self.month)[1])
        return date(year, self.month, self.day)

    def matches(self, other: DateMention, *, years: frozenset[int] = frozenset()) -> bool:
        """Same date at the coarser of the two granularities. A year missing on *other* is
        accepted when it is one of ``years`` (e.g. the quote's publish year); with no such year
        (an undated article) it is unknown, and a year cannot be checked against it ("2018" is
        not supported by an undated "April 29")."""
        if self.month is not None and other.month is not None and self.month != other.month:
            return False
        if self.day is not None and other.day is not None and self.day != other.day:
            return False
        if self.day is not None and other.day is None and other.month is not None:
            return False  # "21 August" is not supported by a bare "August"
        if self.month is not None and other.month is None and other.year is not None and other.day is None:
            return False  # "August 2025" is not supported by a bare "2025"
        if self.year is not None:
            if other.year is not None:
                return self.year == other.year
            return self.year in years
        return True


def strip_dates(text: str) -> str:
    """``text`` with its date mentions blanked out (what is left to say besides the dates)."""
    for d in reversed(find_dates(text)):
        text = text[: d.start] + " " + text[d.end :]
    return text


def _safe_day(y: int | None, m: int | None, d: int | None) -> bool:
    if d is None or m is None:
        return True
    last = calendar.monthrange(y or 2000, m)[1]
    return 1 <= d <= last


def find_dates(text: str) -> list[DateMention]:
    """Date mentions in ``text`` with exact offsets, longest form first, no overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            groups = m.groupdict()
            month_word = (groups.get("mon") or "").lower().rstrip(".")
            if kind == "my" and month_word in _AMBIGUOUS_MONTHS | {"may", "march"} and not groups.get("y"):
                word = m.group(0)
                before = text[max(0, s - 12) : s].lower()
                if not word[0].isupper() or re.search(r"\b(?:you|we|they|it|i|he|she|that)\s*$", before):
                    continue
            year = int(groups["y"]) if groups.get("y") else None
            month: int | None
            if kind in ("iso", "slash"):
                month = int(groups["m"])
            else:
                month = MONTH_NUMBERS.get(month_word) if month_word else None
            day = int(re.sub(r"\D", "", groups["d"])) if groups.get("d") else None
            if not _safe_day(year, month, day):
                continue
            taken.append((s, e))
            found.append(DateMention(m.group(0), s, e, year, month, day))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(value: str | date | datetime | None) -> date | None:
    """An ISO date (or date/datetime) -> date; None passes through. Raises ValueError on junk."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def to_days(value: date) -> int:
    """Days since 1970-01-01: the ``published_days`` number Chroma filters on."""
    return (value - EPOCH).days


def from_days(days: int) -> date | None:
    return None if days < 0 else EPOCH + timedelta(days=days)


@dataclass(frozen=True)
class DateWindow:
    start: date | None
    end: date | None
    reason: str = ""

    def contains(self, value: date) -> bool:
        return (self.start is None or value >= self.start) and (self.end is None or value <= self.end)


# (pattern, present?, window builder name)
_RELATIVE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:today|tonight|this morning)\b", re.I), "today"),
    (re.compile(r"\byesterday\b", re.I), "yesterday"),
    (
        re.compile(
            r"\b(?:this|past|the last)\s+week(?:end)?\b|\blast (?:few|several|couple of) days\b", re.I
        ),
        "this_week",
    ),
    (re.compile(r"\blast week(?:end)?\b|\bpast two weeks\b", re.I), "last_week"),
    (re.compile(r"\bthis month\b|\bpast month\b", re.I), "this_month"),
    (re.compile(r"\blast month\b", re.I), "last_month"),
    (re.compile(r"\b(?:recent(?:ly)?|lately|latest|newest|so far)\b", re.I), "recent"),
    (re.compile(r"\bthis year\b|\bpast year\b", re.I), "this_year"),
    (re.compile(r"\blast year\b", re.I), "last_year"),
]
_PRESENT = re.compile(
    r"\b(?:current(?:ly)?|now|nowadays|today|at present|presently|still|latest|newest|recent(?:ly)?|lately"
    r"|this (?:week|month|year|weekend)|so far|as of)\b"
    r"|\bwho(?:'s| is| are)\b|\bwhat is the (?:status|state|price|score)\b",
    re.I,
)
_HISTORY = re.compile(r"\b(?:first|originally|history|historically|founded|in (?:18|19)\d\d|ago)\b", re.I)


# The least half-life (days) a relative word's span asks for.
_HALF_LIFE_FLOOR = {"this_month": 30.0, "last_month": 45.0, "this_year": 120.0, "last_year": 180.0}


def _window(kind: str, ref: date) -> DateWindow:
    if kind == "today":
        return DateWindow(ref - timedelta(days=1), ref, kind)
    if kind == "yesterday":
        return DateWindow(ref - timedelta(days=2), ref, kind)
    if kind == "this_week":
        return DateWindow(ref - timedelta(days=7), ref, kind)
    if kind == "last_week":
        return DateWindow(ref - timedelta(days=14), ref, kind)
    if kind == "this_month":
        return DateWindow(min(ref.replace(day=1), ref - timedelta(days=7)), ref, kind)
    if kind == "last_month":
        prev = (ref.replace(day=1) - timedelta(days=1)).replace(day=1)
        return DateWindow(prev, ref, kind)
    if kind == "recent":
        return DateWindow(ref - timedelta(days=30), ref, kind)
    if kind == "this_year":
        return DateWindow(min(date(ref.year, 1, 1), ref - timedelta(days=30)), ref, kind)
    if kind == "last_year":
        return DateWindow(date(ref.year - 1, 1, 1), ref, kind)
    raise ValueError(kind)


@dataclass(frozen=True)
class QueryTime:
    """What the question says about time. ``reference`` is what relative words resolve against."""

    question: str
    as_of: date | None
    reference: date | None
    relative: tuple[str, ...]  # kinds of relative words found ("this_week", ...)
    about_present: bool
    mentioned: tuple[DateMention, ...]  # explicit dates/months in the question
    window: DateWindow | None  # the published-date window relative words name (once resolved)

    def half_life(self, default: float) -> float:
        """How fast freshness fades for this question, in days: ``default`` for "this week" or
        "currently"; a month's or a year's relative words keep their whole span fresh ("this
        year's race" is not about the newest week's articles). The narrowest word wins."""
        spans = [_HALF_LIFE_FLOOR.get(kind, 0.0) for kind in self.relative]
        return max(default, min(spans)) if spans else default

    @property
    def needs_reference(self) -> bool:
        return self.reference is None and (bool(self.relative) or self.about_present)

    def resolved(self, reference: date | None) -> QueryTime:
        """Fill the reference date (as_of wins) and the window it gives the relative words."""
        ref = self.as_of or reference
        if ref is None:
            return self
        window = None
        if self.relative:
            windows = [_window(kind, ref) for kind in self.relative]
            # Several relative words: the widest span covers them all.
            start = min(w.start for w in windows if w.start is not None)
            window = DateWindow(start, ref, "+".join(self.relative))
        return replace(self, reference=ref, window=window)

    def mentioned_windows(self) -> list[DateWindow]:
        """The explicit dates in the question as day ranges (year-less ones in the reference year)."""
        base = self.reference.year if self.reference else None
        out = []
        for m in self.mentioned:
            first, last = m.first_day(base), m.last_day(base)
            if first and last:
                out.append(DateWindow(first, last, m.text))
        return out


def analyze_question(question: str, as_of: str | date | None = None) -> QueryTime:
    as_of_d = parse_date(as_of)
    relative = tuple(dict.fromkeys(kind for pattern, kind in _RELATIVE if pattern.search(question)))
    # "last week" also matches the "this week" pattern's "the last week" form only with "the".
    mentioned = tuple(m for m in find_dates(question) if m.month is not None or m.year is not None)
    historical = bool(_HISTORY.search(question))
    about_present = bool(_PRESENT.search(question)) and not historical
    if as_of_d is not None and not historical:
        # Asked as of a date, a question is about that date's present unless it names an
        # earlier year or the past itself ("founded", "originally"): what is news then.
        about_present = about_present or not any(
            m.year is not None and m.year < as_of_d.year for m in mentioned
        )
    qt = QueryTime(question, as_of_d, None, relative, about_present, mentioned, None)
    return qt.resolved(None) if as_of_d else qt


# -- tense: outcome questions vs. sources that only announce ---------------------------------
_OUTCOME_Q = re.compile(
    r"\b(?:what|which|how)\b[^?]*\b(?:did|was|were|has|have|had)\b[^?]*\b(?:agree|agreed|decide|decided|sign|signed"
    r"|discuss|discussed|announce|announced|conclude|concluded|result|outcome|achieve|achieved|say|said|"
    r"happen|happened|reach|reached|resolve|resolved|adopt|adopted|win|won|vote|voted|approve|approved)\b"
    r"|\b(?:outcome|result|results|conclusion|takeaways?)\s+of\b|\bwho won\b|\bwhat came out of\b",
    re.I,
)
# Words giving a date as a plan ("set to", "had aimed to", "was due to"): shared by the future
# wording below and the planned-date check (``assistant.date_answer``).
PLAN_WORDS = (
    r"aim(?:ed|s|ing)?|plan(?:ned|s|ning)?|due|scheduled|set|expected|hop(?:ed|es|ing)|"
    r"intend(?:ed|s|ing)?|supposed|slated|meant"
)
# Verbs that change a plan ("were moved from Kerrowby Town Hall", "postponed from June 2",
# "removed the summit finish"): what follows "from", or their object, is the plan they changed.
CHANGE_VERBS = (
    r"mov\w*|remov\w*|rerout\w*|switch\w*|relocat\w*|shift\w*|postpon\w*|delay\w*|put back|"
    r"push\w* back|brought forward|reschedul\w*|chang\w*|cancel\w*|call\w* off|scrap\w*|dropp\w*"
)
_FUTURE = re.compile(
    rf"\b(?:will|shall|(?:is|are)\s+(?:{PLAN_WORDS})\s+to|is scheduled|are scheduled|scheduled to|scheduled for|"
    r"expected to|plans to|plan to|is to|are to|upcoming|forthcoming|"
    r"next week|next month|later this (?:week|month|year)|to be held|is slated|are slated|would meet|will be)\b",
    re.I,
)


# "On which platform did they announce it?", "In what city was it signed?": the wh-word asks for
# a circumstance of the act (already reported), not for what came of it.
_CIRCUMSTANCE_Q = re.compile(
    r"^\s*(?:on|in|at|through|via|by|from|with|to|for|under|during)\s+(?:which|what)\b", re.I
)


def asks_about_outcome(question: str) -> bool:
    """A question about what came of an event (agreed, decided, won...), not when/where it is."""
    return bool(_OUTCOME_Q.search(question)) and not _CIRCUMSTANCE_Q.search(question)


_FUTURE_Q = re.compile(r"\b(?:will|shall|going to|upcoming|next|soon|scheduled to|planned|plans? to)\b", re.I)


def asks_about_future(question: str) -> bool:
    """ "When will they meet?", "Where is the next summit?": asks what is to come."""
    return bool(_FUTURE_Q.search(question))


def is_future_wording(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


@dataclass(frozen=True)
class Upcoming:
    """A source that only announces the event the question asks the outcome of."""

    evidence_n: int  # the Evidence number
    event_date: date
    published: date
    date_text: str

    def describe(self) -> str:
        return (
            f"scheduled for {self.event_date.day} {self.event_date:%b %Y}, announced "
            f"{self.published.day} {self.published:%b %Y} [{self.evidence_n}]; no source says it took place"
        )


def _future_date(sentence: str, published: date) -> tuple[date, str] | None:
    """The first date in ``sentence`` not before its publish date (year-less ones roll forward)."""
    for m in find_dates(sentence):
        if m.month is None:
            continue
        year = m.year or published.year
        first, last = m.first_day(year), m.last_day(year)
        if first is None or last is None:
            continue
        if m.year is None and last < published:
            first, last = m.first_day(year + 1), m.last_day(year + 1)
            if first is None or last is None:
                continue
        if last >= published:
            return max(first, published), m.text
    return None


def find_upcoming(
    question: str,
    evidence: list[tuple[int, str, date | None, float]],
    query_time: QueryTime,
    later_texts: list[tuple[date | None, str]],
) -> Upcoming | None:
    """Refusal case (d): the question asks what came of an event the sources only announce.

    ``evidence``: (n, sentence, published, score) best first; ``later_texts``: (published, text)
    of every retrieved passage, to see whether any source dated on/after the event covers it.
    """
    if not asks_about_outcome(question):
        return None
    from assistant.evidence import content_terms, term_set  # layer-local import: no cycle at load

    q_terms = {t for t, w in content_terms(question).items() if w >= 2.0}
    for n, sentence, published, _score in evidence[:3]:
        if published is None or not is_future_wording(sentence):
            continue
        found = _future_date(sentence, published)
        if found is None:
            continue
        event_date, text = found
        if query_time.mentioned:
            years = frozenset({published.year, published.year + 1})
            event_mentions = [m for m in find_dates(sentence) if m.text == text]
            if not any(q.matches(e, years=years) for q in query_time.mentioned for e in event_mentions):
                continue
        elif q_terms and len(q_terms & term_set(sentence)) * 2 < len(q_terms):
            continue
        cutoff = query_time.as_of
        if cutoff is None or cutoff >= event_date:
            covered = any(
                pub is not None
                and pub >= event_date
                and (not q_terms or len(q_terms & term_set(t)) * 2 >= len(q_terms))
                for pub, t in later_texts
            )
            if covered:
                return None
        return Upcoming(n, event_date, published, text)
    return None
