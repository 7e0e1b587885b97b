"""Answer normalisation for evals: is a predicted answer the expected one, given its type?

Matching is lenient about form and strict about content. An answer *matches* when it
contains the expected value (or an accepted variant) once both are normalised for their type:

- ``date``: dates are found in the prediction with dateparser and compared at the expected
  granularity (``2025`` year, ``2025-08`` month, ``2025-08-21`` day; a range
  ``2025-06-21/2025-06-30`` accepts any day in it or its month). A prediction date with no year
  ("21 August") is compared on month/day only.
- ``place`` / ``organisation``: case, punctuation, leading articles and known aliases
  ("UAE" = "United Arab Emirates", "US" = "USA" = "United States") are normalised; an
  organisation also matches its acronym.
- ``person``: full name, or the surname alone ("Belousov" for "Andrey Belousov"); titles dropped.
- ``number``: digits, thousands separators and number words ("five", "twenty-one") compare as values.
- ``text``: the normalised expected words appear in order in the prediction, or token F1 >= 0.6.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from dateparser.search import search_dates

from evals.schema import AnswerType, Expected

# General-purpose aliases (never corpus-specific): each group names one thing.
_ALIAS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("united arab emirates", "uae", "emirates"),
    ("united states", "us", "usa", "united states of america", "america", "u s", "u s a"),
    ("united kingdom", "uk", "britain", "great britain", "u k"),
    ("european union", "eu"),
    ("united nations", "un"),
    ("soviet union", "ussr"),
    ("russia", "russian federation"),
    ("china", "peoples republic of china", "prc"),
    ("south korea", "republic of korea", "rok"),
    ("north korea", "dprk", "democratic peoples republic of korea"),
    ("czech republic", "czechia"),
    ("turkey", "turkiye"),
    ("netherlands", "holland"),
    ("myanmar", "burma"),
    ("ivory coast", "cote divoire"),
    ("democratic republic of congo", "drc", "dr congo"),
    ("new york city", "nyc"),
    ("washington dc", "washington d c", "dc"),
    ("mumbai", "bombay"),
    ("kolkata", "calcutta"),
    ("chennai", "madras"),
    ("beijing", "peking"),
    ("kyiv", "kiev"),
    ("north atlantic treaty organization", "nato"),
    ("world health organization", "who"),
    ("international monetary fund", "imf"),
    ("shanghai cooperation organisation", "shanghai cooperation organization", "sco"),
    ("association of southeast asian nations", "asean"),
    ("federal bureau of investigation", "fbi"),
    ("central intelligence agency", "cia"),
)
_ALIASES: dict[str, str] = {alias: group[0] for group in _ALIAS_GROUPS for alias in group}

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "president",
        "prime",
        "minister",
        "pm",
        "minister",
        "secretary",
        "general",
        "gen",
        "senator",
        "sen",
        "rep",
        "governor",
        "gov",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "chancellor",
        "eam",
        "mp",
        "justice",
        "judge",
        "chief",
        "foreign",
        "defence",
        "defense",
        "external",
        "affairs",
        "russian",
        "indian",
    ]
)
_ARTICLES = frozenset({"a", "an", "the"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "&"})

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "twelfth": 12, "twentieth": 20}  # fmt: skip
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:st|nd|rd|th)?(?![\w])")
_WORD = re.compile(r"[a-z0-9]+")


# ---------------------------------------------------------------------------------------------
def fold(text: str) -> str:
    """Lower-case, strip accents, turn punctuation (ASCII and Unicode) into spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("'", "").replace("’", "")
    return " ".join(_WORD.findall(text))


def tokens(text: str) -> list[str]:
    return fold(text).split()


def _contains(haystack: list[str], needle: list[str]) -> bool:
    """Is ``needle`` a contiguous token run inside ``haystack``?"""
    if not needle:
        return False
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def canonical(text: str) -> str:
    """Folded text with leading articles dropped and an exact alias replaced by its canonical name."""
    words = tokens(text)
    while words and words[0] in _ARTICLES:
        words = words[1:]
    folded = " ".join(words)
    return _ALIASES.get(folded, folded)


def _alias_forms(value: str) -> set[str]:
    """Every folded surface form that names the same thing as ``value``."""
    canon = canonical(value)
    forms = {canon, " ".join(tokens(value))}
    for group in _ALIAS_GROUPS:
        if group[0] == canon:
            forms.update(group)
    return {f for f in forms if f}


def acronym(value: str) -> str | None:
    words = [w for w in tokens(value) if w not in _ACRONYM_SKIP and not w.isdigit()]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def token_f1(prediction: str, gold: str) -> float:
    pred, ref = tokens(prediction), tokens(gold)
    common = sum((Counter(pred) & Counter(ref)).values())
    if not pred or not ref or common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


# --- numbers ---------------------------------------------------------------------------------
def _words_to_number(words: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _ORDINALS:
            current += _ORDINALS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "and" and seen:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def numbers_in(text: str) -> list[float]:
    """Every number written in ``text``, as digits ("1,200", "3.5", "21st") or words ("twenty-one")."""
    found: list[float] = []
    lowered = text.lower()
    for m in _DIGITS.finditer(lowered):
        whole = m.group(1).replace(",", "")
        value = float(f"{whole}.{m.group(2)}") if m.group(2) else float(whole)
        rest = lowered[m.end() :].lstrip()
        for scale, factor in _SCALES.items():
            if rest.startswith(scale):
                value *= factor
                break
        found.append(value)
    run: list[str] = []
    number_words = set(_UNITS) | set(_TENS) | set(_SCALES) | set(_ORDINALS) | {"and"}
    for word in [*re.findall(r"[a-z]+", lowered), ""]:
        if word in number_words and (word != "and" or run):
            run.append(word)
            continue
        while run and run[-1] == "and":
            run.pop()
        if run and any(w in _SCALES for w in run) and not any(w not in _SCALES for w in run):
            run = []  # a bare "million" is not a number
        if run:
            value_or_none = _words_to_number(run)
            if value_or_none is not None:
                found.append(float(value_or_none))
        run = []
    return found


def parse_number(value: str | float | int) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    values = numbers_in(str(value))
    return values[0] if values else None


# --- dates -----------------------------------------------------------------------------------
_ISO_PARTS = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def expected_date_span(value: str) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, granularity) of an expected ISO value: YYYY, YYYY-MM, YYYY-MM-DD or A/B."""
    if "/" in value:
        left, right = value.split("/", 1)
        start, _, gran = expected_date_span(left.strip())
        _, end, _ = expected_date_span(right.strip())
        return start, end, "range" if gran == "day" else gran
    m = _ISO_PARTS.match(value.strip())
    if not m:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year = int(m.group(1))
    if m.group(3):
        day = dt.date(year, int(m.group(2)), int(m.group(3)))
        return day, day, "day"
    if m.group(2):
        month = int(m.group(2))
        start = dt.date(year, month, 1)
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return start, nxt - dt.timedelta(days=1), "month"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


@lru_cache(maxsize=4096)
def _dates_with_base(text: str, year: int) -> tuple[tuple[str, dt.date], ...]:
    base = dt.datetime(year, 7, 1)
    settings = {"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]}
    found: list[tuple[str, dt.date]] = []
    hits = search_dates(text, languages=["en"], settings=settings) or []
    for phrase, when in hits:
        found.append((phrase, when.date()))
    # Bare years ("in 2025") are not found with REQUIRE_PARTS=month; keep them as year-only dates.
    covered = " ".join(phrase for phrase, _ in found)
    for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", text):
        if m.group(1) not in covered:
            found.append((m.group(1), dt.date(int(m.group(1)), 1, 1)))
    return tuple(found)


class DateMention(NamedTuple):
    date: dt.date
    has_year: bool
    granularity: str  # "day", "month" or "year"


def dates_in(text: str) -> list[DateMention]:
    """Dates written in ``text``. A phrase without a year ("21 August") is detected by parsing it
    against bases in two different years: its year follows the base."""
    if not text.strip():
        return []
    one, two = _dates_with_base(text, 2001), _dates_with_base(text, 2003)
    out: list[DateMention] = []
    for (phrase, d1), (_, d2) in zip(one, two, strict=False):
        if re.fullmatch(r"\d{4}", phrase.strip()):
            out.append(DateMention(d1, True, "year"))
            continue
        has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", phrase)))
        out.append(DateMention(d1, d1.year == d2.year, "day" if has_day else "month"))
    return out


def date_matches(prediction: str, value: str) -> bool:
    """Does some date in ``prediction`` fall on ``value`` at the value's granularity?"""
    start, end, gran = expected_date_span(value)
    for when, has_year, found_gran in dates_in(prediction):
        if has_year and not (start.year <= when.year <= end.year):
            continue
        if gran == "year":
            if has_year:
                return True
            continue
        if found_gran == "year":
            continue
        same_month = (when.month in {start.month, end.month}) if start.year == end.year else True
        if gran == "month":
            if same_month:
                return True
            continue
        if found_gran == "month":
            # "June 2025" answers a range within June (e.g. "late June") but not a single day.
            if gran == "range" and same_month:
                return True
            continue
        day = when.replace(year=start.year) if not has_year else when
        if start <= day <= end:
            return True
    return False


# --- entities --------------------------------------------------------------------------------
def name_matches(prediction: str, value: str, kind: AnswerType) -> bool:
    pred = tokens(prediction)
    pred_canon = [_ALIASES.get(w, w) for w in pred]
    for form in _alias_forms(value):
        words = form.split()
        if _contains(pred, words) or _contains(pred_canon, [_ALIASES.get(w, w) for w in words]):
            return True
        # Multi-word aliases appearing in the prediction ("united arab emirates" for "uae").
        if _ALIASES.get(form) and any(
            _contains(pred, alias.split()) for alias in _alias_forms(_ALIASES[form])
        ):
            return True
    if kind == "person":
        names = [w for w in tokens(value) if w not in _TITLES and len(w) > 1]
        if names and names[-1] in pred:
            return True
    if kind == "organisation":
        short = acronym(value)
        if short and short in pred:
            return True
        # The expected value is an acronym and the prediction spells it out.
        if len(tokens(value)) == 1:
            for i in range(len(pred)):
                for j in range(i + 2, min(len(pred), i + 8) + 1):
                    if acronym(" ".join(pred[i:j])) == tokens(value)[0]:
                        return True
    return False


def text_matches(prediction: str, value: str) -> bool:
    return _contains(tokens(prediction), tokens(value)) or token_f1(prediction, value) >= 0.6


def value_matches(prediction: str, value: str, kind: AnswerType) -> bool:
    """One accepted value against the prediction, by the answer type's rule."""
    if not prediction.strip():
        return False
    if kind == "date":
        try:
            if date_matches(prediction, value):
                return True
        except ValueError:
            pass
        if _ISO_PARTS.match(value.split("/")[0]):
            return False
        # A variant written as a day ("22 July 2027") is that day: shared words are no match
        # ("20 July 2027" shares "July 2027"). One written in other words ("late June") is
        # accepted word for word.
        named = [m for m in dates_in(value) if m.granularity == "day" and m.has_year]
        if named:
            return any(date_matches(prediction, m.date.isoformat()) for m in named)
        return text_matches(prediction, value)
    if kind == "number":
        target = parse_number(value)
        if target is not None and any(abs(n - target) < 1e-9 for n in numbers_in(prediction)):
            return True
        return text_matches(prediction, str(value)) if target is None else False
    if kind in ("place", "person", "organisation"):
        return name_matches(prediction, value, kind)
    return text_matches(prediction, value)


def answer_matches(prediction: str, expected: Expected) -> bool:
    """True when the prediction holds the expected value or one of its variants."""
    values: Iterable[str] = [str(expected.value), *expected.variants]
    return any(value_matches(prediction, v, expected.type) for v in values)
