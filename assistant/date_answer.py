"""A bare date answer as specific as its cited sentences state it.

The small model often shortens the date it read: "November" where the cited sentence says "The
season premiered November 12, 2020", "May 2012" for "Diablo III was released on May 15, 2012",
"2017" for "released worldwide on December 1, 2017". The cited sentence states the day; an
analyst asking "when" wants it. The finer date is taken only when it is the one date of the cited
sentences that agrees with the model's (so "November" stays "November" in a sentence that says
both "November 3" and "November 12"), and never when the question asks for the year or month
itself ("In which year ...?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import content_terms, lexical_coverage, term_set
from assistant.querytime import (
    CHANGE_VERBS,
    PLAN_WORDS,
    DateMention,
    asks_about_future,
    find_dates,
    parse_date,
    strip_dates,
)
from assistant.relative_dates import dated_weekdays
from assistant.types import Evidence
from ingest.events import without_dateline

# A question after one granularity: "In what year was it founded?" is answered with the year.
_ASKS_GRANULARITY = re.compile(
    r"\b(?:what|which)\s+(?:year|month|decade|century|season|day of the week|weekday)\b", re.I
)


def _finer(said: DateMention, other: DateMention) -> bool:
    """``other`` names more of the date than ``said`` (a day for a month, a month for a year)."""
    if said.day is not None:
        return False
    return other.day is not None if said.month is not None else other.month is not None


def _within(coarse: tuple[int | None, ...], fine: tuple[int | None, ...]) -> bool:
    """``fine`` (year, month, day) is ``coarse`` with more said."""
    return all(c is None or c == f for c, f in zip(coarse, fine, strict=True))


def finer_date(short: str, quotes: Sequence[Evidence], question: str) -> str:
    """The date the cited ``quotes`` state that ``short`` (a bare month, month and year, or
    year) stands for, written as they write it (with the model's year added to a year-less day);
    ``short`` itself when it is no bare coarse date, the question asks for its granularity, or
    the quotes state no such date or several."""
    mentions = find_dates(short)
    if len(mentions) != 1 or strip_dates(short).strip(" ,.") or _ASKS_GRANULARITY.search(question):
        return short
    said = mentions[0]
    if said.day is not None or (said.month is None and said.year is None):
        return short
    asked = {(d.year, d.month, d.day) for d in find_dates(question)}
    found: dict[tuple[int | None, int | None, int | None], str] = {}
    for quote in quotes:
        published = parse_date(quote.published)
        for other in find_dates(quote.text):
            key = (other.year, other.month, other.day)
            if key in asked or not _finer(said, other):
                continue
            # Within the model's date, a year-less one on its article's clock.
            if said.matches(other, years=frozenset({published.year}) if published else frozenset()):
                found.setdefault(key, other.text)
    # "December 2017" and "December 1, 2017" in one sentence are one date said twice.
    finest = [k for k in found if not any(o != k and _within(k, o) for o in found)]
    if len(finest) != 1:
        return short
    key = finest[0]
    (year, _month, _day), text = key, found[key]
    return f"{text}, {said.year}" if year is None and said.year is not None else text


# "On what date / which day ...?": one day is asked, not a span's first or last.
_ASKS_ONE_DAY = re.compile(r"\b(?:on\s+)?(?:what|which)\s+(?:date|day)\b(?!\s+of the week)", re.I)
# A span's bounds asked for: "When does the race start?", "What day does it end?".
_ASKS_BOUND = re.compile(r"\b(?:start|begin|began|open|end|close|finish|run|last)\w*\b", re.I)
_SPAN_JOIN = re.compile(r"^\s*(?:to|until|till|through|thru|and|[–—-])\s*$", re.I)
_MOVED_FROM = re.compile(rf"\b(?:{CHANGE_VERBS})\b[^.;]{{0,160}}?\bfrom\s+(?:\w+,?\s+)?$", re.I)


def span_day_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """ "On what date will the stage be raced?" is not answered by the first or last day of the
    race's span ("will run from July 15 to July 23"): every sentence stating the answer's date
    gives it as a bound of a span, and the question asks for one day, not a bound."""
    wanted = find_dates(short)
    if not wanted or not holding or not _ASKS_ONE_DAY.search(question) or _ASKS_BOUND.search(question):
        return None
    bounds = 0
    for q in holding:
        dates = find_dates(q.text)
        for i, d in enumerate(dates):
            if not any(w.matches(d) for w in wanted):
                continue
            after = i + 1 < len(dates) and _SPAN_JOIN.match(q.text[d.end : dates[i + 1].start])
            before = i > 0 and _SPAN_JOIN.match(q.text[dates[i - 1].end : d.start])
            if not (after or before):
                return None
            if _MOVED_FROM.search(q.text[: dates[i - 1 if before else i].start]):
                return None  # "moved the hearing from May 18 to June 8": a change, not a span
            bounds += 1
    if not bounds:
        return None  # no sentence states the date as written: the citation checks' case
    return "the answer's date is a bound of a span the sentence gives, not the day the question asks"


# A date the sentence gives as a plan, not as what happened: "had aimed to restart on Monday,
# June 5, but ...", "had been due to rule on June 2", "postponed from June 2".
_PLAN_BEFORE = re.compile(
    rf"\b(?:{PLAN_WORDS})\s+to\b[^.;]*$"
    rf"|\b(?:{CHANGE_VERBS})\s+from\s+(?:\w+,?\s+)?$",
    re.I,
)
# Where the clause a date belongs to starts: "... on Tuesday, a day later than planned" is not
# the plan's; "but" turns from the plan to what happened.
_CLAUSE_START = re.compile(r"[.;]\s|\bbut\b|\bwhile\b|\bafter\b", re.I)
# The question asks about the plan itself: "When had the ruling originally been due?"
_ASKS_PLAN = re.compile(
    r"\b(?:originally|initially|first|supposed|planned|scheduled|due|expected|meant|aim\w*|set to|slated)\b",
    re.I,
)


def _given_as_plan(text: str, at: int, *, removed: bool = False) -> bool:
    """What ``text`` says at ``at`` is given as a plan or as what a plan moved from, in its clause;
    with ``removed``, also as what was taken out of it ("has removed the summit finish on Kessen
    Ridge from Tuesday's stage")."""
    before = text[:at]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    return _PLAN_BEFORE.search(clause) is not None or (removed and _REMOVED_BEFORE.search(clause) is not None)


# Taken out of a plan: the removed thing follows its verb within the object phrase.
_REMOVED_BEFORE = re.compile(
    r"\b(?:remov\w*|cancel\w*|scrap\w*|dropp\w*|call\w* off|abandon\w*)\b[^.;]{0,60}$", re.I
)


def planned_place_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """ "Where did the stage finish?" is not answered by the place a sentence gives as the plan
    ("originally due to be raced on Tuesday with a summit finish on Kessen Ridge, but organisers
    moved the finish to Hallby"): every mention of the answer in the sentences stating it is in a
    plan's clause, or is the place a plan moved from, and the question asks what happened."""
    said = short.strip(" .")
    if not said or not holding or _ASKS_PLAN.search(question) or asks_about_future(question):
        return None
    spots = [(q.text, m.start()) for q in holding for m in re.finditer(re.escape(said), q.text, re.I)]
    if not spots or not all(_given_as_plan(text, at, removed=True) for text, at in spots):
        return None
    return "the sentence gives the answer's place as a plan, and the question asks what happened"


def planned_date_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """ "When did production actually restart?" is not answered by the date a sentence gives as
    the plan ("had aimed to restart on Monday, June 5, but the results did not arrive"): every
    sentence stating the answer's date states it as a plan, or as the date a thing was moved
    from, and the question asks what happened, not what was planned or is to come."""
    wanted = find_dates(short)
    if not wanted or not holding or _ASKS_PLAN.search(question) or asks_about_future(question):
        return None
    planned = 0
    for q in holding:
        # A weekday plan ("due to be raced on Tuesday") is dated on its article's clock.
        text = dated_weekdays(q.text, [q], bracketed=True)
        for d in find_dates(text):
            if not any(w.matches(d) for w in wanted):
                continue
            if not _given_as_plan(text, d.start):
                return None
            planned += 1
    if not planned:
        return None  # no sentence states the date as written: the citation checks' case
    return "the sentence gives the answer's date as a plan, and the question asks what happened"


# The plan as it now stands ("When are the hearings due to start?"), not the first one ("When was
# it originally due?", "When did it first announce ...?": a newer day does not change that).
_ASKS_CURRENT_PLAN = re.compile(
    r"\b(?:supposed|planned|scheduled|due|expected|meant|aim\w*|set to|slated)\b", re.I
)
_ASKS_ORIGINAL = re.compile(r"\b(?:originally|initially|first|original)\b", re.I)


def newer_plan_reason(
    question: str, short: str, holding: Sequence[Evidence], evidence: Sequence[Evidence]
) -> str | None:
    """ "When are the inquiry's public hearings due to start?" answered with the day an older
    report gives the plan ("will hold public hearings starting on June 16", 15 May) while a newer
    evidence sentence, saying at least as much of the question, gives another day still ahead of
    its own report ("will open its public hearings on June 23", 2 June): the answer is out of date.
    Retrieval has already left out what was published after the as-of date. Only for a question
    about the plan or what is to come: what happened is the plan checks' case."""
    wanted = [w for w in find_dates(short) if w.day is not None]
    newest = max((q.published for q in holding if q.published), default=None)
    if not wanted or newest is None or _ASKS_ORIGINAL.search(question):
        return None
    if not (_ASKS_CURRENT_PLAN.search(question) or asks_about_future(question)):
        return None
    asked = content_terms(question)
    covered = max(lexical_coverage(asked, term_set(q.text)) for q in holding)
    for quote in evidence:
        published = parse_date(quote.published)
        if quote in holding or published is None or (quote.published or "") <= newest:
            continue
        if lexical_coverage(asked, term_set(quote.text)) < covered:
            continue
        text = dated_weekdays(without_dateline(quote.text), [quote], bracketed=True)
        for d in find_dates(text):
            day = d.first_day(published.year) if d.day is not None else None
            if day is not None and day > published and not any(w.matches(d) for w in wanted):
                return f"a newer source ({quote.published}) gives the plan another day ({d.text.strip()})"
    return None
