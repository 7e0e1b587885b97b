"""Who held a post on a day: one a source says had left it before that day was not its holder
then.

"Who was running the company on 3 May 2028?" is not answered by "Marten Quill" from "Ilse
Brannock ... became acting chief executive on Monday (1 May 2028), when Marten Quill resigned":
he had left two days before. ``subjects.departed_reason`` covers the present ("Who is the
medical director?"); this check gives it a clock for a day the question names (or a follow-up's
"at that point", which the engine turns into the day last answered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.querytime import find_dates, parse_date
from assistant.relative_dates import resolve_relative
from assistant.sentences import STOPWORDS
from assistant.subjects import LEFT_AFTER, LEFT_BEFORE, ROLE_NOUNS
from assistant.types import Evidence

# "Who was the chief executive ...", "Who was running / leading / in charge of the company ...",
# "Who ran / led / headed ...".
_ASKS_HOLDER = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:"
    rf"(?:is|was|were|had been|has been)\s+(?:(?:the|its|their|his|her)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{ROLE_NOUNS})\b"
    r"|(?:is|was|were|had been)\s+(?:running|leading|heading|in charge\b|at the helm\b)"
    r"|(?:ran|led|headed)\b)",
    re.I,
)


def asks_holder(question: str) -> bool:
    """The question asks who held (or holds) a post: a state over time, not a dated act."""
    return _ASKS_HOLDER.search(question) is not None


def _asked_day(question: str) -> date | None:
    """The first day of the last date the question names with its year ("on 3 May 2028", "in
    June 2031")."""
    days = [d.first_day() for d in find_dates(question) if d.year is not None]
    return days[-1] if days else None


def _left_on(quote: Evidence, at: int) -> date | None:
    """The day a sentence has its person leave: of the days it names (relative ones on its
    article's clock), the one nearest the leaving (``at``); naming none, its publish date (it
    reports the leaving as done by then)."""
    published = parse_date(quote.published) if quote.published else None
    base = published.year if published else None
    said = [
        (abs(d.start - at), d.last_day(base))
        for d in find_dates(quote.text)
        if d.month is not None and d.day is not None
    ]
    said += [(abs(r.start - at), r.day) for r in resolve_relative(quote.text, quote.published)]
    days = sorted((gap, day) for gap, day in said if day is not None)
    return days[0][1] if days else published


def left_before_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """The question asks who held a post on a day (or from a month or year on) and a sentence
    stating the answer says its name left ("resigned", "stepped down", "replaced X", "former
    X") on a day before it (``_left_on``)."""
    asked = _asked_day(question) if asks_holder(question) else None
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", short) if w.lower() not in STOPWORDS]
    if asked is None or not names:
        return None
    surname = re.escape(names[-1])
    for quote in holding:
        left = re.search(rf"\b{surname}{LEFT_AFTER}", quote.text) or re.search(
            rf"{LEFT_BEFORE}(?:\w+\s+)?{surname}\b", quote.text, re.I
        )
        if left is None:
            continue
        left_on = _left_on(quote, left.start())
        if left_on is not None and left_on < asked:
            return (
                f"a source says {names[-1]} had left ('{' '.join(left.group(0).split())}', by "
                f"{left_on.isoformat()}); the question asks who held the post on {asked.isoformat()}"
            )
    return None
