"""When / where / who questions answered from event records, telling scheduled from happened.

The engine calls ``answer_from_events`` with the documents its retrieval found; the finding
carries the matching event's records (their sentences become cited evidence) and a status text
such as "scheduled for 21 Aug 2025, announced 13 Aug 2025; no source says it took place".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from assistant.components.library import Library
from assistant.event_merge import RowSource, TimelineRow, capitalised_words, rows_from_events, surnames, terms
from assistant.querytime import asks_about_outcome
from assistant.relation import says_relation
from assistant.time_checks import question_years
from assistant.titles import numbered_names, says_numbered_name
from assistant.types import DocumentRecord, EventRecord
from ingest.dates import SPECIFICITY, find_dates, parse_iso
from ingest.nlp import parse_one

QuestionKind = Literal["when", "where", "who", "what"]

_KIND = [
    ("when", re.compile(r"^\s*when\b|\bwhat (?:date|day|month|year)\b|\bwhich (?:date|day|month)\b|\bwhen\b", re.I)),
    ("where", re.compile(r"^\s*where\b|\bin which (?:city|country|place)\b|\b(?:which|what) (?:city|country|venue|place)\b|\bwhere\b", re.I)),
    ("who", re.compile(r"^\s*(?:who|whom)\b|\bwho\b|\bwhich (?:minister|leader|official|person|people)\b", re.I)),
]  # fmt: skip
# "When is the run-off?" asks for the one to come (or under way), like "will".
_FUTURE_Q = re.compile(
    r"\b(will|is set to|are set to|scheduled|upcoming|next|going to|plan(?:s|ned)? to)\b|^\s*when (?:is|are)\b",
    re.I,
)
_PAST_Q = re.compile(r"\b(did|was|were|had|held|met|took place|happened|last)\b", re.I)
# "When did they last meet?", "their most recent talks": the latest occurrence that happened
# ("last week" / "last year" are dates, not this).
_LAST_Q = re.compile(
    r"\b(?:last|latest|most recent(?:ly)?|previous(?:ly)?)\b(?!\s+(?:week|month|year|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|season|summer|winter|spring|autumn|fall)\b)",
    re.I,
)
_ANNOUNCE_Q = re.compile(r"\b(?:announc|unveil|reveal|declar)\w*", re.I)
# Asking when the telling happened ("When did the ministry announce that ...?", "When was the
# move announced?"), not when what was told will happen ("the announced summit").
_ASKS_TELLING = re.compile(
    r"\b(?:did|does|has|had)\b[^?]*?\b(?:announce|unveil|reveal|declare|confirm)\b"
    r"|\b(?:was|were)\b[^?]*?\b(?:announced|unveiled|revealed|declared|confirmed)\b",
    re.I,
)
# How far below the best row a happened row may score and still be the latest occurrence.
_LAST_MARGIN = 1.5
_COUNTRY_Q = re.compile(r"\b(?:which|what|in which) country\b|\bcountry (?:hosted|held)\b", re.I)
# A sentence led by a pronoun names its subject elsewhere: "It was released for the PC and Mac
# versions of Diablo III on March 25, 2014" dates the expansion, not the game.
_PRONOUN_LED = re.compile(r"^\W*(?:it|he|she|they|this|these|those|that)\b", re.I)
# Rows this close to the best are rivals: when their dates do not overlap, the records cannot
# say which date the question means, and the evidence (read by the model) decides.
_RIVAL_MARGIN = 0.5
_MIN_SCORE = 2.5
# A finer date inside the best row's span (June 2020 inside 2020) from a row that still
# matches the question refines the answer.
_REFINE_MIN_SCORE = 1.5
# "Xenoblade Chronicles 2", "Diablo III", "Season 17": a numbered name the row must say too
# (a record of "Xenoblade Chronicles" dates the first game, not the second). Months are dates,
# and so is a day before a capitalised word ("Moscow 21 August").
_QUESTION_STOP = frozenset(
    terms("when where who whom which what will did does do held take place meet met happen date day")
)


@dataclass
class EventFinding:
    """A structured answer from event records (cited through ``events``' sentences)."""

    kind: QuestionKind
    text: str  # "scheduled for 21 Aug 2025 in Moscow, Russia, announced 13 Aug 2025; no source says it took place"
    short_answer: str  # "21 August 2025" / "Rio de Janeiro" / "Andrey Belousov"; "" for "what"
    status: str  # scheduled / announced / happened
    took_place: bool  # False: no source says the event happened (yet)
    row: TimelineRow
    events: list[EventRecord] = field(default_factory=list)  # article sentences first, then records
    score: float = 0.0
    # May answer without the LLM: "when" and "where" always (the record holds the date and
    # venue); "who" only when the question names a participant (the answer is the others).
    direct: bool = False

    @property
    def spans(self) -> list[tuple[str, int, int]]:
        """(doc_id, start, end) of the cited sentences."""
        return [(s.doc_id, s.start, s.end) for s in self.row.sources]


def question_kind(question: str) -> QuestionKind:
    for kind, pattern in _KIND:
        if pattern.search(question):
            return kind  # type: ignore[return-value]
    return "what"


def question_terms(question: str, people: set[str]) -> set[str]:
    return terms(question) - _QUESTION_STOP - {n[:6] for n in people}


def _covers(row: TimelineRow, question: str) -> bool:
    """Every content word of the question is in the row's sentences (at least two words); of a
    long question, all but one (its verb said otherwise: "give the contract" as "award")."""
    q_terms = question_terms(question, surnames(row.participants))
    said = terms(" ".join([row.what, *(s.quote for s in row.sources)]))
    # A word's other forms count ("vote" in "voted"): terms are cut to a prefix, not stemmed.
    missing = {t for t in q_terms if t not in said and not any(len(t) >= 4 and w.startswith(t) for w in said)}
    if len(q_terms) < 2:
        return False
    if not missing:
        return True
    # Only a verb may be said otherwise; "finally", "first" or a name left unsaid is another event.
    return len(q_terms) >= _LONG_QUESTION and len(missing) == 1 and missing <= _verb_terms(question)


def _verb_terms(question: str) -> set[str]:
    doc = parse_one(question)
    return terms(" ".join(t.text for t in doc if t.pos_ == "VERB")) if doc is not None else set()


# Content words from which a question may leave one unsaid by the row (see ``_covers``).
_LONG_QUESTION = 6


def _venue_words(row: TimelineRow) -> set[str]:
    return {w.lower() for v in (row.venue_city, row.venue_country) if v for w in v.split()}


def _says_numbered_names(row: TimelineRow, question: str) -> bool:
    text = " ".join([row.what, *(s.quote for s in row.sources)])
    return all(says_numbered_name(text, name, numbers) for name, numbers in numbered_names(question))


def score_row(row: TimelineRow, question: str, as_of: date | None) -> float:
    """How well a row matches the question: people (by surname), venue, words, date, tense;
    0 for a row that does not say a numbered name the question asks about, or for a plan whose
    date had passed when a question about what will happen was asked (as of 21 September, the
    launch "set for Sept. 3" is not the next attempt)."""
    if not _says_numbered_names(row, question):
        return 0.0
    if (
        as_of is not None
        and row.date_end
        and _FUTURE_Q.search(question)
        and date.fromisoformat(row.date_end) < as_of
    ):
        return 0.0
    names = capitalised_words(question)
    people = surnames(row.participants)
    score = 2.0 * len(people & names)
    if _venue_words(row) & names:
        score += 1.5
    q_terms = question_terms(question, people)
    if q_terms:
        text = " ".join([row.what, *(s.quote for s in row.sources)])
        score += 2.0 * len(q_terms & terms(text)) / len(q_terms)
    if row.date_start and _names_row_date(question, row, as_of):
        score += 1.5
    # The row says what the question asks happened ("began", not "ended", for "When did the
    # strike begin?"); a row that does not is another event of the same things.
    said = says_relation(question, " ".join([row.what, *(s.quote for s in row.sources)]))
    if said is not None:
        score += 1.0 if said else -2.0
    # Tense: "will/next/scheduled" asks for what is to come, "did/was/met" for what happened.
    if _FUTURE_Q.search(question):
        score += 1.0 if row.status == "scheduled" else -1.0
    elif _LAST_Q.search(question) and row.status != "happened":
        score -= 1.0  # the last time they met is a meeting that took place, not one to come
    elif _PAST_Q.search(question) and row.status == "happened":
        score += 0.5
    if row.sources and all(_PRONOUN_LED.match(s.quote) for s in row.sources):
        score -= 1.0
    return score


def _span(row: TimelineRow) -> tuple[date, date]:
    start = date.fromisoformat(row.date_start or "")
    return start, date.fromisoformat(row.date_end or row.date_start or "")


def _specificity(row: TimelineRow) -> int:
    return SPECIFICITY.get(row.granularity or "year", len(SPECIFICITY))


def _inside(inner: TimelineRow, outer: TimelineRow) -> bool:
    (a, b), (c, d) = _span(inner), _span(outer)
    return c <= a and b <= d


def _dates_disagree(best: TimelineRow, best_score: float, scored: list[tuple[float, TimelineRow]]) -> bool:
    """A rival row as good as the best dates the event elsewhere (2010, 2015, 2020 for three
    games of one series): no record can be trusted to answer "when" on its own."""
    if not best.date_start:
        return False
    for score, row in scored:
        if row is best or not row.date_start or score < max(_MIN_SCORE, best_score - _RIVAL_MARGIN):
            continue
        if best.status == "happened" and row.status != "happened":
            continue  # a plan that slipped ("will not reopen on May 22 as planned") is no rival date
        (a, b), (c, d) = _span(row), _span(best)
        if b < c or d < a:
            return True
    return False


def _finest(best: TimelineRow, scored: list[tuple[float, TimelineRow]]) -> TimelineRow:
    """The best row, or a finer-dated row inside its span that still matches the question
    ("founded in 2015" refined by "founded in December 2015"; a plan, "coming in 2020", by
    what happened inside it, "released on May 29, 2020")."""
    if not best.date_start:
        return best
    finer = [
        (score, row)
        for score, row in scored
        if score >= _REFINE_MIN_SCORE and row.date_start
        and (row.status == best.status or row.status == "happened")
        and _specificity(row) < _specificity(best) and _inside(row, best)
    ]  # fmt: skip
    return max(finer, key=lambda x: (-_specificity(x[1]), x[0]))[1] if finer else best


def _latest(best: TimelineRow, best_score: float, scored: list[tuple[float, TimelineRow]]) -> TimelineRow:
    """The latest-dated happened row scoring within ``_LAST_MARGIN`` of the best that names the
    best row's people (the same pair meeting again), or the best row."""
    people = surnames(best.participants)
    close = [
        row
        for score, row in scored
        if row.status == "happened" and row.date_start and score >= max(_MIN_SCORE, best_score - _LAST_MARGIN)
        and (not people or people <= surnames(row.participants))
    ]  # fmt: skip
    return max(close, key=lambda r: _span(r)[1]) if close else best


# A later report that the plan moved: "the match will now be played on Sunday, Oct. 11",
# "postponed to", "pushed back to", "rescheduled for".
_RESCHEDULED = re.compile(
    r"\b(?:now|moved|postpon\w*|reschedul\w*|pushed back|put back|brought forward|delayed)\b", re.I
)
# How much of a document's opening names what it is about (its title and lead sentence).
_LEAD_CHARS = 400


def _published(row: TimelineRow) -> str:
    return max((s.published or "" for s in row.sources), default="")


def _superseding(
    best: TimelineRow, scored: list[tuple[float, TimelineRow]], question: str, docs: dict[str, DocumentRecord]
) -> TimelineRow | None:
    """A later report moving the plan the best row dates: a scheduled row published after it,
    at another date, whose sentence says the plan moved and whose article's title and lead name
    what the question asks about as fully as the best row does ("the match will now be played on
    Sunday, Oct. 11" in a report led by "The Calder Coast Cup final ... will be moved"). The
    sentence itself often names the event only as "the match", so the lead stands in for it."""
    if best.status != "scheduled" or not best.date_start:
        return None
    q_terms = question_terms(question, surnames(best.participants))
    if not q_terms:
        return None
    # Not the words of a later report's mention giving the plan up: they are the move's (and
    # the row's "what" may be taken from it).
    given_up = _giving_up(best)
    kept = [s.quote for s in best.sources if s not in given_up]
    best_said = q_terms & terms(" ".join(kept if given_up else [best.what, *kept]))
    later = []
    for _, row in scored:
        if row.status != "scheduled" or not row.date_start or _span(row) == _span(best):
            continue
        if not _later_report(row, best) or not any(_RESCHEDULED.search(s.quote) for s in row.sources):
            continue
        leads = " ".join(
            f"{d.title} {d.text[:_LEAD_CHARS]}" for d in (docs.get(s.doc_id) for s in row.sources) if d
        )
        said = q_terms & terms(" ".join([row.what, leads, *(s.quote for s in row.sources)]))
        if len(said) >= max(2, len(best_said)):
            later.append(row)
    return max(later, key=_published) if later else None


def _giving_up(row: TimelineRow) -> list[RowSource]:
    """The row's mentions, after its first report, that give its plan up ("will not reopen on May
    22 as planned"): the old day said again by the report that moves it."""
    first = min((s.published or "" for s in row.sources), default="")
    return [s for s in row.sources if (s.published or "") > first and _GIVEN_UP.search(s.quote)]


def _later_report(row: TimelineRow, best: TimelineRow) -> bool:
    """``row`` was reported after ``best``'s plan: after all of its reports, or in a report giving
    that plan up (whose mention of the old day joined the old plan's record)."""
    if _published(row) > _published(best):
        return True
    return any(s.doc_id == g.doc_id for s in row.sources for g in _giving_up(best))


# A report saying the plan is off: "will not reopen on May 22 as planned", "no longer".
_GIVEN_UP = re.compile(
    r"\b(?:not|no longer|never)\b[^.;]{0,80}\bas (?:planned|scheduled|expected)\b|\bno longer\b", re.I
)


def _names_row_date(question: str, row: TimelineRow, as_of: date | None) -> bool:
    """The question names a date inside the row's span. A year-less "August 21" is read in the
    row's own year (the question's clock is unknown without as_of; the row's is not)."""
    start = date.fromisoformat(row.date_start or "")
    end = date.fromisoformat(row.date_end or row.date_start or "")
    return any(d.start <= end and start <= d.end for d in find_dates(question, as_of or start))


def _long_date(row: TimelineRow) -> str:
    if row.granularity == "day" and row.date_start:
        d = date.fromisoformat(row.date_start)
        return f"{d.day} {d.strftime('%B')} {d.year}"
    return row.date_label


def answer_from_events(
    question: str, evidence_doc_ids: Sequence[str], library: Library, as_of: str | date | None
) -> EventFinding | None:
    """The best-matching event for a when/where/who question (or an outcome question about an
    event no source says took place), or None when no event record fits."""
    if not evidence_doc_ids:
        return None
    as_of_d = as_of if isinstance(as_of, date) else parse_iso(as_of)
    events = library.events(doc_ids=list(dict.fromkeys(evidence_doc_ids)))
    if as_of_d is not None:
        events = [e for e in events if not e.published or e.published <= as_of_d.isoformat()]
    if not events:
        return None
    docs = library.get_documents(e.doc_id for e in events)
    rows = rows_from_events(events, docs)
    kind = question_kind(question)
    scored = sorted(((score_row(r, question, as_of_d), r) for r in rows), key=lambda x: -x[0])
    if not scored:
        return None
    best_score, row = scored[0]
    names = capitalised_words(question)
    venue_named = kind != "where" and bool(_venue_words(row) & names)
    if best_score < _MIN_SCORE or not (
        surnames(row.participants) & names or venue_named or _covers(row, question) or best_score >= 3.5
    ):
        return None
    if kind == "when" and _LAST_Q.search(question) and not _FUTURE_Q.search(question):
        # Rival dates are expected here (they met in February, July 6, July 15): the latest
        # happened row among the close ones is the answer, not a reason to decline.
        row = _latest(row, best_score, scored)
        if row.status != "happened":
            return None
    elif kind in ("when", "where") and (moved := _superseding(row, scored, question, docs)) is not None:
        if kind == "where" and not moved.venue:
            return None  # the plan moved; the later report's record names no venue: the evidence answers
        row = moved
    elif kind == "when":
        if _dates_disagree(row, best_score, scored):
            return None
        row = _finest(row, scored)
    if kind == "when" and row.status == "announced" and not _ANNOUNCE_Q.search(question):
        # The row's date is its announcement's ("announced on Monday that it will ..."), which
        # does not date the release or visit asked about: the evidence answers, or no one.
        return None
    if kind == "when" and row.status == "scheduled" and _ASKS_TELLING.search(question):
        # The row's date is the plan's ("due to be held on May 14-15"), not the day it was told.
        return None
    if row.date_start and (asked := question_years(question)):
        start, end = _span(row)
        if not any(start.year <= y <= end.year for y in asked):
            return None  # "the 2024 conference" is not the one of November 2025
    took_place = row.status == "happened"
    where = f" in {row.venue}" if row.venue else ""
    if row.status == "happened":
        on = "on" if row.granularity == "day" else "in"
        text = f"{on} {row.date_label}{where}" if row.date_label else f"took place{where}"
    else:
        text = (
            row.status_text.replace(f"for {row.date_label}", f"for {row.date_label}{where}", 1)
            if where
            else row.status_text
        )
    named = bool(surnames(row.participants) & names)
    direct = kind in ("when", "where")
    if kind == "when":
        short = _long_date(row)
    elif kind == "where":
        if not row.venue:
            return None
        if _COUNTRY_Q.search(question):
            if not row.venue_country:
                return None  # the record names no country: let the evidence answer
            short = row.venue_country
        else:
            short = row.venue_city or row.venue_country or ""
    elif kind == "who":
        others = [p for p in row.participants if p.split()[-1].lower().strip(".") not in names]
        if not others:
            return None
        short = ", ".join(others)
        text = f"{short}, {text}"
        direct = named
    else:
        # "What did they agree?" of an event no source says happened; "What will they
        # discuss?" asks what the announcement itself says.
        if took_place or not asks_about_outcome(question) or _FUTURE_Q.search(question):
            return None
        short = ""
    # The article's own sentence first, and of those one that states the row's date as dated
    # ("founded in December 2015" before "founded in 2015" in a Dec 2015 row): it is cited.
    ordered = sorted(
        row.events,
        key=lambda e: (e.from_record, (e.date_start, e.granularity) != (row.date_start, row.granularity)),
    )
    return EventFinding(kind, text, short, row.status, took_place, row, ordered, best_score, direct)
