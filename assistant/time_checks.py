"""The time checks of an answer (see ``assistant.answerability``): two clocks, the article's and
the event's.

- **Tense**: a question about what will happen ("will", "next", "upcoming") is not answered by
  sentences that only report the past, nor from a dated past clause.
- **Planned**: a question about what happened is not answered as fact from sentences that only say
  it was planned ("is expected to start in late June", published in March).
- **Original plan**: a question after the original plan ("Where had the meeting originally been
  planned?") is not answered by a sentence that states the answer as what happened, or as the
  place or date a thing was moved to.
- **Quarter**: a fiscal quarter the question names ("Q2 2020") is not answered by a sentence that
  states the answer of another ("during the first quarter").
- **Years**: a year the question names must not be contradicted by the cited sentences (they name
  other years, or their year-less dates fall in another on their article's clock), read in their
  passage when they name no year; a bare answer kept after the model's own sentence failed must
  have the year in its sentence or passage.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from assistant.citations import strip_citations
from assistant.querytime import (
    CHANGE_VERBS,
    PLAN_WORDS,
    DateMention,
    asks_about_future,
    find_dates,
    is_future_wording,
    parse_date,
)
from assistant.relation import base_form, question_verb
from assistant.relative_dates import dates_said, resolve_relative
from assistant.role_clock import asks_holder
from assistant.subjects import PASSAGE_WINDOW
from assistant.textutil import WORK_PART_WORDS
from assistant.types import Evidence
from ingest.dates import Tense
from ingest.dates import find_dates as find_spans
from ingest.nlp import parse_one

# A year said as a boundary dates a state, not an event: "the youngest finalist since 2015", "As
# of 2021, the player with the most wins was X". For a question about an event ("Who won
# Wimbledon in 2021?") such a year does not place the event in it; for one about a state or a
# start ("Who is CEO as of 2021?", "Who became CEO in 2018?" answered by "CEO since 2018") it does.
_BOUNDARY_BEFORE = re.compile(
    r"\b(?:since|as of|as at)\s+(?:(?:early|late|mid|the end of|the start of)[\s-]+)?$", re.I
)
# Stems of verbs that start a state (a question with one is answered by "since <year>").
_START_VERBS_TEXT = "becom appoi join start begin found estab elect serve lead head rule"
_START_VERBS = tuple(_START_VERBS_TEXT.split())


# A copied reference's access stamp ("Retrieved January 8, 2017", "Archived from the original on
# 4 March 2016") dates the copying, never what the passage reports.
_ACCESS_STAMP_BEFORE = re.compile(r"\b(?:retrieved|accessed|archived)\b[^.;]{0,30}$", re.I)


def _years(text: str, *, events_only: bool = False) -> set[int]:
    """The years ``text`` names (access stamps aside); ``events_only``: not those said as a
    boundary ("since 2018")."""
    return {
        d.year
        for d in find_dates(text)
        if d.year is not None
        and not _ACCESS_STAMP_BEFORE.search(text[max(0, d.start - 40) : d.start])
        and not (events_only and _BOUNDARY_BEFORE.search(text[max(0, d.start - 24) : d.start]))
    }


def question_years(question: str) -> set[int]:
    """The years a question dates its event by ("the 2024 conference"), not those it says as a
    boundary ("since 2018")."""
    return _years(question, events_only=True)


def _asks_event_year(question: str) -> bool:
    """The question dates an event (its verb is a content verb, not a start) and not as a boundary."""
    verb = question_verb(question)
    if verb is None or verb.startswith(_START_VERBS):
        return False
    return not any(
        _BOUNDARY_BEFORE.search(question[max(0, d.start - 24) : d.start]) for d in find_dates(question)
    )


def text_dates(quotes: Sequence[Evidence]) -> bool:
    """Some cited sentence itself names a day, month or year (not only its publish date), or a
    day its publish date fixes ("on Monday")."""
    return any(d.month is not None or d.year is not None for q in quotes for d in find_dates(q.text)) or any(
        resolve_relative(q.text, q.published) for q in quotes
    )


def _past_clause(text: str, short: str, published: date | None) -> bool:
    """The answer sits in a dated clause about the past, whatever else the sentence says ahead:
    "The upcoming talks follow their dialogue on July 6 at the summit in Rio" (published in
    August) puts Rio on July 6. The date nearest the answer decides, unless future wording
    stands between them ("after the July 6 summit, the next one will be held in Kazan")."""
    if not short or published is None:
        return False
    at = text.lower().find(short.lower())
    if at < 0:
        return False
    dates = find_dates(text)
    if not dates:
        return False
    near = min(dates, key=lambda d: min(abs(d.start - at), abs(d.end - at)))
    between = text[min(near.end, at) : max(near.start, at + len(short))]
    if is_future_wording(between):
        return False
    last = near.last_day(near.year or published.year)
    return last is not None and last < published


def tense_reason(question: str, quotes: Sequence[Evidence], short: str = "") -> str | None:
    """A question about the future answered only by sentences (or, where the answer is found in
    one, its clause) about the past."""
    if not asks_about_future(question) or not quotes:
        return None
    for q in quotes:
        published = parse_date(q.published) if q.published else None
        if _past_clause(q.text, strip_citations(short).strip(" ."), published):
            continue
        if is_future_wording(q.text):
            return None
        for d in find_dates(q.text):
            year = d.year or (published.year if published else None)
            last = d.last_day(year)
            if last is None or published is None or last >= published:
                return None  # a date on/after the publish date: the sentence looks ahead
        if published is not None and any(m.day >= published for m in resolve_relative(q.text, q.published)):
            return None  # "would try again on Tuesday" in a Sunday story
    return "the question asks what will happen; the cited sentences only report the past"


_PAST_EVENT_Q = re.compile(
    r"\bdid\b|\bwhen (?:was|were)\b|\bhas\b[^?]{0,40}\b(?:begun|started|happened)\b", re.I
)
_HEDGED = re.compile(r"\b(?:scheduled|expected|planned|plans?|set to|due to|no source says|not yet)\b", re.I)
# "When did the ministry announce the talks?" asks about the act of telling, not the event told:
# "Announcing this on X, the ministry said the leaders will meet" reports the act as done, however
# planned its content. The asked verb (base form after "did", participle after "was") and the word
# forms that say it.
_TELLING_Q = re.compile(
    r"\bdid\b[^?]*?\b(announce|say|state|report|reveal|confirm|post|tweet|publish|disclose|declare|tell|"
    r"claim|write|unveil)\b|\b(?:was|were)\b[^?]*?\b(announced|said|stated|reported|revealed|confirmed|"
    r"posted|tweeted|published|disclosed|declared|told|claimed|written|unveiled)\b",
    re.I,
)
# Words before a verb that put the act itself ahead ("is expected to announce", "will say").
_ACT_AHEAD = frozenset(
    {"will", "to", "would", "shall", "may", "might", "could", "expected", "set", "plans", "due"}
)


def _telling_asked(question: str) -> str | None:
    """The telling verb the question asks about, in its base form ("said" -> "say"), or None."""
    m = _TELLING_Q.search(question)
    return base_form(m.group(1) or m.group(2)) if m else None


def _reports_the_telling(verb: str, text: str) -> bool:
    """``text`` says the telling ``verb`` as done: a form of it ("said", "announcing") not put
    ahead by "will", "to", "expected to" (the three words before)."""
    words = re.findall(r"[a-z]+", text.lower())
    return any(
        (base_form(word) == verb or word.startswith(verb[:5]))
        and not _ACT_AHEAD & set(words[max(0, i - 3) : i])
        for i, word in enumerate(words)
    )


def _asks_what_happened(question: str) -> bool:
    """ "When did ...?", "When was ...?", or a past-tense main verb ("Who chaired the final
    session?", "Which team won the final?"); not "Who was ...?" (a copula asks no act)."""
    if _PAST_EVENT_Q.search(question):
        return True
    doc = parse_one(question)
    if doc is None:
        return False
    sentences = [s for s in doc.sents if "?" in s.text] or list(doc.sents)
    root = sentences[-1].root if sentences else None
    return root is not None and root.pos_ == "VERB" and root.tag_ == "VBD"


def planned_reason(question: str, answer: str, quotes: Sequence[Evidence]) -> str | None:
    """A question about what happened, answered as fact from sentences that only say it was
    planned ("Construction is expected to start in late June", published in March, for "When did
    construction begin?"). A sentence that also names a day before its publish date may report
    the event ("X, expected to win, won on Sunday"); an answer that says it was only planned
    ("scheduled for ...; no source says it took place") is what such sources allow."""
    if not quotes or asks_about_future(question) or not _asks_what_happened(question):
        return None
    said = strip_citations(answer)
    if _HEDGED.search(said):
        return None
    # The sentences that hold the answer's date, when it states one (others may be cited for a name).
    claimed = find_dates(said)
    dating = [q for q in quotes if any(c.matches(d) for c in claimed for d in find_dates(q.text))]
    telling = _telling_asked(question)
    for q in dating or quotes:
        if not is_future_wording(q.text) or (telling and _reports_the_telling(telling, q.text)):
            return None
        published = parse_date(q.published) if q.published else None
        if published is None:
            return None
        for d in find_dates(q.text):
            last = d.last_day(d.year or published.year)
            if last is not None and last < published:
                return None
        if any(m.day < published for m in resolve_relative(q.text, q.published)):
            return None
    return "the question asks what happened; the cited sentences only say what was planned"


# "Where had the meeting originally been planned?", "When was it first scheduled?", "What was the
# original date?": the question asks for the plan as first made, not what came of it ("How many
# beds did it have at first?" asks no plan).
_ASKS_ORIGINAL = re.compile(
    rf"\b(?:originally|initially|at first)\b[^?]{{0,30}}?\b(?:{PLAN_WORDS}|intend\w*)\b"
    rf"|\bfirst\s+(?:{PLAN_WORDS})\b|\boriginal\s+(?:plans?|date|venue|schedule)\b",
    re.I,
)
# A sentence that gives a plan: "would hold", "had been set for", "was due to", "instead of", or
# the change of one, which names the plan it changed (querytime.CHANGE_VERBS).
_STATES_PLAN = re.compile(
    rf"\b(?:{PLAN_WORDS}|would|was to|were to|originally|initially|at first|instead of|rather than|{CHANGE_VERBS})\b",
    re.I,
)
# "will move from Keldrail House to the larger Exchange Hall", "first moved the finish to Hallby":
# what follows "to" is the new one.
_MOVED_TO = re.compile(
    rf"\b(?:{CHANGE_VERBS})\s+(?:[\w'’]+\s+){{0,3}}?(?:from\b[^.;]{{1,80}}?)?\bto\s+(?:the\s+)?(?:\w+\s+){{0,2}}?$",
    re.I,
)


def original_plan_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """A question after the original plan answered by a sentence that states the answer as what
    happened ("shareholders meeting at the Exchange Hall rejected the bid" for "Where had the
    meeting originally been planned?"), or as what the plan was changed to ("will move from
    Keldrail House to the larger Exchange Hall"). A sentence stating a plan passes ("would hold
    the meeting at Keldrail House", "had been set for April 8")."""
    answer = strip_citations(short).strip(" .")
    if not answer or not holding or not _ASKS_ORIGINAL.search(question):
        return None
    for q in holding:
        at = q.text.lower().find(answer.lower())
        if at >= 0 and _MOVED_TO.search(q.text[:at]):
            continue
        if is_future_wording(q.text) or _STATES_PLAN.search(q.text):
            return None
    return "the question asks for the original plan; the cited sentences say what happened or changed"


def _clock_years(quote: Evidence) -> set[int]:
    """The years a dated quote's year-less dates fall in on its article's clock: "burst its banks
    on Saturday" or "on November 3" in a story of October 2025 speak of 2025, not of the 1990 or
    2024 a question asks about."""
    if not quote.published:
        return set()
    base = parse_date(quote.published)
    # A year-less date of unknown tense may lie either side of the publish date ("won Wimbledon
    # in July" in March): both readings are kept. Spans naming their own year are _years' (which
    # knows "since 2018" is a boundary).
    tenses: tuple[Tense, ...] = ("future",) if is_future_wording(quote.text) else ("past", "future")
    spans = {
        d.start.year
        for tense in tenses
        for d in find_spans(quote.text, base, tense)
        if not _YEAR_DIGITS.search(d.text)
    }
    if base is not None and tenses == ("future",) and not _YEAR_DIGITS.search(quote.text):
        # A sentence looking ahead with no year of its own speaks of its article's year ("Referee
        # Mirela Castan, who took charge of last season's semi-final, will officiate"), whatever
        # years its passage names.
        spans.add(base.year)
    return spans | {m.day.year for m in resolve_relative(quote.text, quote.published)}


_YEAR_DIGITS = re.compile(r"\d{4}")


# How far around a cited sentence its passage is read for years when the sentence names none.
_YEAR_WINDOW = PASSAGE_WINDOW


def year_reason(
    question: str,
    quotes: Sequence[Evidence],
    documents: Mapping[str, str] | None = None,
    *,
    required: bool = False,
) -> str | None:
    """The question names a year the cited sentences contradict (they name only other years).
    A sentence that names no year ("Elena Rybakina won Wimbledon.") is read in its passage
    (``documents``: doc_id -> text): a passage about 2022 does not answer "in 2018?".
    ``required``: the sentences or their passages must name the year (a bare answer kept after
    the model's own sentence failed the check has no other claim to be about that year)."""
    asked = _years(question)
    if not asked or not quotes:
        return None
    events = _asks_event_year(question)
    cited: set[int] = set()
    for q in quotes:
        cited |= _years(f"{q.title} {q.text}", events_only=events) | _clock_years(q)
    if ((required and not asked & cited) or not cited) and documents:
        for q in quotes:
            text = documents.get(q.doc_id, "")
            cited |= _years(text[max(0, q.start - _YEAR_WINDOW) : q.end + _YEAR_WINDOW], events_only=events)
    if required and not asked & cited:
        # A sentence naming no year speaks of its article's time: "Norway won the most medals in
        # these Olympics" in an article of February 2022 is about 2022.
        cited |= {
            int(q.published[:4])
            for q in quotes
            if q.published and q.published[:4].isdigit() and not _years(q.text)
        }
    years = ", ".join(map(str, sorted(asked)))
    if required and not asked & cited:
        return f"the question asks about {years}; the sentence cited does not speak of it"
    if cited and not (asked & cited):
        return f"the question asks about {years}; the sources cited speak of other years"
    if not cited and documents is not None and not any(q.published for q in quotes):
        # An undated source whose passage names no year cannot place its sentence in the year
        # asked ("Manti Te'o wins the Walter Camp award" for "the 2017 winner"); a dated one
        # shows its publish date beside the quote.
        return f"the question asks about {years}; nothing dates the sources cited"
    return None


_UP_TO = re.compile(r"\b(?:by|as of|until|up to)\s+(?:the\s+)?$", re.I)


# A report published within this many days of a day speaks of that day's state ("had risen to 19"
# in the next morning's paper); a later one, of its own.
_REPORT_LAG_DAYS = 2


def _no_later(said: DateMention, asked: DateMention, published: date | None) -> bool:
    """``said`` is a day no later than ``asked``, or reported within ``_REPORT_LAG_DAYS`` of it
    ("said on Wednesday that 23 cases had now been confirmed" is the count by Tuesday); years
    taken from the article's clock."""
    base = published.year if published else None
    said_day, asked_day = said.last_day(base), asked.last_day(base)
    if said_day is None or asked_day is None or said.day is None:
        return False
    return (said_day - asked_day).days <= _REPORT_LAG_DAYS


def _reported_later(asked: DateMention, published: date) -> bool:
    day = asked.last_day(published.year)
    return day is not None and (published - day).days > _REPORT_LAG_DAYS


def day_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """The question names a day ("How many stopped work on March 11?") and every cited sentence
    names only other dates ("About 500 have returned since the start of April"): they speak of
    another time. A sentence naming no date does not contradict it (the year check's rule, a
    day finer), but for "by" a day, one in a report of days later does; relative dates count on
    their article's clock."""
    asked = [d for d in find_dates(question) if d.month is not None and d.day is not None]
    if not asked or not quotes or asks_holder(question):
        return None  # who held a post on a day: one who took it before then held it (role_clock)
    # "How many cases were there by May 3?": a count said earlier is the count by then.
    by = [a for a in asked if _UP_TO.search(question[: a.start])]
    for q in quotes:
        published = parse_date(q.published) if q.published else None
        years = frozenset({published.year}) if published else frozenset()
        said = dates_said(q.text, q.published)
        if not said and by and published and all(_reported_later(a, published) for a in by):
            continue  # "had risen to 21" in a report two weeks after the day asked: its count then
        if not said or any(a.matches(d, years=years) for a in asked for d in said):
            return None
        if any(_no_later(d, a, published) for a in by for d in said):
            return None
    return f"the question asks about {asked[0].text}; the sentences cited speak of other dates"


# A numbered part of a work: the date listed after "Season 11, Episode 17:" is that episode's,
# not the season's premiere. Part 1 is where the whole starts: its date is the whole's. Not a
# schedule's labels ("Week 5", "Round 3", "Game 2"): a fixture listed under one is asked as itself.
_NUMBERED_PART = re.compile(
    rf"\b({'|'.join(sorted(WORK_PART_WORDS, key=len, reverse=True))})\.?\s*(\d{{1,3}}|[IVX]{{1,5}})\b", re.I
)
# The last part's date is the whole's end: "When does the season end?" is answered by its finale.
_ASKS_END = re.compile(r"\b(?:end|ends|ended|ending|finale|final|finish\w*|conclude\w*|last)\b", re.I)
# What ends the stretch of text a date belongs to: a sentence, or an item of a listing.
_ITEM_BREAK = re.compile(r"(?<!\b[Ee]p)(?<!\b[Vv]ol)\.\s|[;|•·\n]")  # not "Ep. 17", "Vol. 2"


def part_date_reason(question: str, short: str, quotes: Sequence[Evidence]) -> str | None:
    """Every cited sentence that states the answer's date gives it to a numbered part the question
    does not ask about ("The Walking Dead season 11 release schedule · Season 11, Episode 17:
    Releases Sunday, October 2, 2022" for the premiere of season 11)."""
    wanted = find_dates(short)
    if not wanted or _ASKS_END.search(question):
        return None
    parts: list[str] = []
    for q in quotes:
        spots = [d for d in find_dates(q.text) if any(w.matches(d) for w in wanted)]
        if not spots:
            continue
        part = _part_before(q.text, spots[0].start, question)
        if part is None:
            return None
        parts.append(part)
    return f"the date is that of {parts[0]}, a part of what the question asks about" if parts else None


def _part_before(text: str, at: int, question: str) -> str | None:
    """The numbered part (other than the first) named in the listing item that ends at ``at``,
    when the question names no such part."""
    breaks = [m.end() for m in _ITEM_BREAK.finditer(text, 0, at)]
    item = text[(breaks[-1] if breaks else 0) : at]
    named = list(_NUMBERED_PART.finditer(item))
    if not named:
        return None
    word, number = named[-1].group(1), named[-1].group(2)
    if number in ("1", "01", "I") or re.search(rf"\b{re.escape(word.rstrip('.'))}", question, re.I):
        return None
    return f"{word.lower()} {number}"


# A fiscal quarter: "Q2", "the second quarter", "second-quarter".
_QUARTER = re.compile(r"\bQ([1-4])\b|\b(first|second|third|fourth)[\s-]quarter\b", re.I)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _quarters(text: str) -> set[int]:
    return {
        int(m.group(1)) if m.group(1) else _QUARTER_WORDS[m.group(2).lower()] for m in _QUARTER.finditer(text)
    }


def quarter_reason(question: str, holding: Sequence[Evidence]) -> str | None:
    """The question names a quarter ("Q2 2020") and a sentence stating the answer names only
    others: "Wall Street's revenue consensus for Tesla during the first quarter is $5.146 billion"
    is no second-quarter revenue. A sentence naming no quarter is left to the other checks."""
    asked = _quarters(question)
    if not asked:
        return None
    for quote in holding:
        said = _quarters(quote.text)
        if said and not said & asked:
            return f"the question asks about Q{min(asked)}; the sentence stating the answer speaks of another quarter"
    return None
