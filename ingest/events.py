"""Event records: extracted from article sentences at ingest, or taken (validated) from records.

Extraction: split sentences (exact offsets), keep those holding a date phrase (a regex pre-filter,
so only about one sentence in six is parsed), parse them in one spaCy batch, and make one record
per sentence: its most specific event date resolved against the published date, what happened,
venue, participants (merged by surname across the article) and status.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple, cast

from assistant.errors import IngestError
from assistant.types import DocumentRecord, EventRecord, EventStatus, Granularity
from ingest import event_nlp
from ingest.dates import (
    DURATIONAL,
    SPECIFICITY,
    DateExpression,
    DateSpan,
    Tense,
    find_dates,
    find_expressions,
    most_specific,
    parse_iso,
    resolve,
    resolve_text,
)
from ingest.nlp import Sentence, parse, split_sentences
from ingest.places import venue_of

logger = logging.getLogger(__name__)

# The extraction rules' version, stored with the library: when a newer Newsdesk reads dates or
# events differently ("June of 2020" became a month, "November 21 of 1998" a day), the next ingest extracts the
# stored documents' events again (their texts and vectors stay). Bump it with any rule change.
EXTRACTOR_VERSION = "2026-12-08.1"
STATUSES: frozenset[str] = frozenset({"scheduled", "announced", "happened"})
GRANULARITIES: frozenset[str] = frozenset({"day", "week", "part_of_month", "month", "year"})
# Longer "sentences" are lists or tables pasted as text: not worth a parse.
MAX_SENTENCE_CHARS = 1200
# Words of a dateline ("Aug. 28, 2025 Updated Aug. 29, 2025, 4:47 p.m. ET") that are not content.
_DATELINE_WORDS = frozenset(
    [
        "date",
        "dated",
        "published",
        "updated",
        "posted",
        "last",
        "modified",
        "am",
        "pm",
        "a.m",
        "p.m",
        "et",
        "pt",
        "est",
        "edt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "ist",
        "on",
        "at",
        "by",
        "the",
        "of",
        "and",
    ]
)


def _content_words(sentence: str, exprs: Sequence[DateExpression]) -> int:
    rest = sentence
    for e in sorted(exprs, key=lambda x: -x.start):
        rest = rest[: e.start] + " " + rest[e.end :]
    words = [
        w for w in re.findall(r"[A-Za-z][A-Za-z.]+", rest) if w.lower().strip(".") not in _DATELINE_WORDS
    ]
    return len(words)


# Years named as a backdrop ("this year", "the 2017 season", "over the past year") rarely date an
# event; a sentence holding only those is not parsed.
_WEAK_YEAR_LEADS = frozenset({"the", "this", "past", "of", "for", "throughout", "earlier this", "later this"})


def _weak(expr: DateExpression) -> bool:
    if expr.kind == "year":
        return expr.lead in _WEAK_YEAR_LEADS
    return (
        expr.kind == "relunit"
        and (expr.group("unit") or "").lower() == "year"
        and (" ".join(expr.lead.split()) in _WEAK_YEAR_LEADS)
    )


# A search snippet's or wire story's dateline: "Jun 4, 2023 ... The iPhone 11, released on
# September 20, 2019, ...", "Aug. 28, 2025 — ...". It dates the page, not the event the sentence
# reports.
# A wire dateline names the city in capitals and the agency after the date: "MARROWICK, Sept 29
# (Coastline Press Agency) – The final ...".
_AFTER_DATELINE = re.compile(r"\s*(?:\([^()\n]{1,60}\)\s*)?(?:\.{3}|…|—|–|-\s|\|)")
# The place in capitals, with a state or country after it ("SAN JOSE, Calif., May 2 –").
_DATELINE_PLACE = re.compile(r"\s*([A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w.'’-]*)?,")
_DATELINE_CITY = re.compile(rf"(?:{_DATELINE_PLACE.pattern}\s*|\s*)")


def _is_dateline(text: str, expr: DateExpression) -> bool:
    return dateline_at(text, expr.start, expr.end)


def dateline_at(text: str, start: int, end: int) -> bool:
    """The date at [start, end) is a wire dateline's ("MARROWICK, Sept 29 (Agency) –")."""
    return bool(_DATELINE_CITY.fullmatch(text[:start])) and bool(_AFTER_DATELINE.match(text, end))


def dateline_place(text: str) -> str | None:
    """The place of the wire dateline ``text`` opens with ("TALLISFORD, June 25 – ..." ->
    "TALLISFORD"); None when the capitals before a comma are no dateline ("BRICS, the bloc, ...")."""
    place = _DATELINE_PLACE.match(text)
    if place is None:
        return None
    dated = next((e for e in find_expressions(text[: place.end() + 40]) if e.start >= place.end()), None)
    if dated is None or not dateline_at(text, dated.start, dated.end):
        return None
    return place.group(1)


# A wire story's opening dateline, dated or not: "MOMBASA (Coastal Wire) - ", "HALLBY – ",
# "MARROWICK, Sept 29 (Coastline Press Agency) – ".
_OPENING_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’-]*)?,?\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*)?(?:\((?P<agency>[^()\n]{1,60})\)\s*)?(?:—|–|-)\s+"
)


# The story's opening paragraph follows at most a headline and a byline.
_OPENING_PARAGRAPHS = 3
_DATELINE_CAPITALS = re.compile(r"\s*([A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})")


class Dateline(NamedTuple):
    """Where a story is filed from, and the agency that filed it when the dateline names one."""

    place: str
    agency: str | None


def story_dateline(text: str) -> Dateline | None:
    """The wire dateline of a story's opening paragraph, dated or not ("Headline\n\nBy Henrik
    Osk\n\nKERROWBY, April 8 (Brevan Wire) – Judge ..." -> KERROWBY, Brevan Wire); None when
    the story opens without one."""
    for paragraph in re.split(r"\n\s*\n", text.lstrip(), maxsplit=_OPENING_PARAGRAPHS)[:_OPENING_PARAGRAPHS]:
        opening = _OPENING_DATELINE.match(paragraph)
        place = _DATELINE_CAPITALS.match(paragraph)
        if opening and place:
            return Dateline(place.group(1), opening.group("agency"))
    return None


def without_dateline(text: str) -> str:
    """``text`` less the wire dateline it opens with ("MOMBASA (Coastal Wire) - The board on
    Monday approved ..." -> "The board on Monday approved ..."): a parser reads the capitals as
    the sentence's subject."""
    m = _OPENING_DATELINE.match(text)
    return text[m.end() :] if m else text


def _candidates(doc: DocumentRecord) -> list[tuple[Sentence, list[DateExpression]]]:
    out = []
    for sentence in split_sentences(doc.text):
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            continue
        exprs = [
            e
            for e in find_expressions(sentence.text)
            if e.lead not in DURATIONAL and not _is_dateline(sentence.text, e)
        ]
        if not exprs or all(_weak(e) for e in exprs) or _content_words(sentence.text, exprs) < 3:
            continue  # no event date, or a dateline / the publish-date line
        out.append((sentence, exprs))
    return out


def extract_events(doc: DocumentRecord) -> list[EventRecord]:
    """Event records found in an article's sentences, dates resolved against doc.published."""
    return extract_events_batch([doc])[0]


def extract_events_batch(docs: Sequence[DocumentRecord]) -> list[list[EventRecord]]:
    """``extract_events`` for many documents with one spaCy batch (faster at ingest)."""
    per_doc = [_candidates(doc) for doc in docs]
    texts = [sentence.text for cands in per_doc for sentence, _ in cands]
    parsed = iter(parse(texts)) if texts else iter(())
    results: list[list[EventRecord]] = []
    for doc, cands in zip(docs, per_doc, strict=True):
        parses = [next(parsed) for _ in cands]
        try:
            results.append(_events_for(doc, cands, parses))
        except Exception:  # one odd article must not fail a batch: it just has no events
            logger.exception("event extraction failed for %s", doc.source_key)
            results.append([])
    return results


def _events_for(
    doc: DocumentRecord, cands: list[tuple[Sentence, list[DateExpression]]], parses: list[Any]
) -> list[EventRecord]:
    base = parse_iso(doc.published)
    people = event_nlp.canonical_people(
        ent.text for sent in parses for ent in sent.ents if ent.label_ == "PERSON"
    )
    events: list[EventRecord] = []
    for (sentence, exprs), sent in zip(cands, parses, strict=True):
        event = _event(doc, base, sentence, exprs, sent, people)
        if event is not None:
            events.append(event)
    return events


def _event(
    doc: DocumentRecord,
    base: date | None,
    sentence: Sentence,
    exprs: list[DateExpression],
    sent: Any,
    people: dict[str, str],
) -> EventRecord | None:
    # Tense first (per date: its own clause), then resolve each date with it.
    spans: list[DateSpan] = []
    tenses: dict[int, Tense] = {}
    for expr in exprs:
        probe = resolve(expr, base, "unknown")
        if probe is None:
            continue
        anchor = event_nlp.anchor_of(sent, event_nlp.date_tokens(sent, probe))
        tense = event_nlp.local_tense(anchor)
        if _MOVED_TO.search(sentence.text[max(0, expr.start - 160) : expr.start]):
            tense = "future"  # "has postponed the launch to Sept. 19": a past act, a date ahead
        span = resolve(expr, base, tense)
        if span is not None:
            spans.append(span)
            tenses[span.char_start] = tense
    # Every date our rules read, datelines too: spaCy tags parts of them ("14" of "Aug 14").
    covered = [(e.start, e.end) for e in find_expressions(sentence.text)]
    for ent in sent.ents:  # dates our rules do not know ("the first week of March")
        if ent.label_ != "DATE" or any(ent.start_char < e and s < ent.end_char for s, e in covered):
            continue
        if dateline_at(sentence.text, ent.start_char, ent.end_char):
            continue  # the dateline our rules dropped: spaCy tags it too
        extra = resolve_text(ent.text, base)
        if extra is not None and re.search(r"\d", ent.text):
            spans.append(
                DateSpan(extra.start, extra.end, extra.granularity, ent.text, ent.start_char, ent.end_char)
            )
    primary = most_specific(spans)
    if primary is None:
        return None
    # Of dates as specific as the most specific, the one of the sentence's main verb: "Because the
    # stadium hosts a concert on Saturday, Oct. 10, the match will now be played on Sunday, Oct. 11"
    # dates the match, not the concert of its subordinate clause.
    peers = [s for s in spans if SPECIFICITY[s.granularity] == SPECIFICITY[primary.granularity]]
    if len(peers) > 1:
        primary = min(
            peers,
            key=lambda s: (
                _clause_rank(event_nlp.anchor_of(sent, event_nlp.date_tokens(sent, s)), sentence.text, s),
                s.char_start,
            ),
        )
    tokens = event_nlp.date_tokens(sent, primary)
    anchor = event_nlp.anchor_of(sent, tokens)
    tense = tenses.get(primary.char_start, event_nlp.local_tense(anchor))
    skip = {t.i for t in tokens}
    what = event_nlp.condense(sent, anchor, skip)
    if len(what.split()) < 3:  # the parse gave too little ("put"): the sentence's opening instead
        words = sentence.text.split()
        what = " ".join(words[:16]) + (" …" if len(words) > 16 else "")
    city, country = venue_of(sent)
    return EventRecord(
        event_id=f"{doc.doc_id}:s{sentence.start}",
        doc_id=doc.doc_id,
        what=what,
        date_start=primary.start.isoformat(),
        date_end=primary.end.isoformat(),
        granularity=primary.granularity,
        date_text=primary.text,
        status=event_nlp.detect_status(primary, base, tense, sentence.text),
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        sentence=sentence.text,
        venue_city=city,
        venue_country=country,
        participants=tuple(event_nlp.people_in(sent, people)),
        published=doc.published,
    )


# The date a plan was moved to: "has postponed the launch ... to no earlier than Sept. 19".
_MOVED_TO = re.compile(
    r"\b(?:postpon|delay|push|mov|reschedul|put off|pushed back)\w*\b[^.;]*?\b(?:to|until|till)\s+"
    r"(?:no earlier than\s+|at least\s+|as late as\s+)?$",
    re.I,
)
# A date a plan moved away from: "postponed from Sept. 28 to Oct. 5", "which had been due to lift
# off on Thursday" (the new date, after "to", is the event's).
_LEFT_DATE = re.compile(r"\b(?:from|had been (?:due|scheduled|set|expected|planned)\b[^,;]*?)\s*$", re.I)


# Verbs that report another act ("..., the agency said on Monday"): their own date is the
# report's, after any date of the act reported. Word forms: ingest runs spaCy without its lemmatizer.
_REPORTING = frozenset(
    ["say", "says", "said", "tell", "tells", "told", "announce", "announces", "announced", "state", "states",
     "stated", "report", "reports", "reported", "confirm", "confirms", "confirmed", "add", "adds", "added"]
)  # fmt: skip


def _clause_rank(anchor: Any, sentence: str, span: DateSpan) -> int:
    """How far a date is from dating the sentence's act: +1 for a date a plan was moved from; +1 in
    an adverbial clause ("Because the stadium hosts a concert on Saturday, Oct. 10, ..."), which
    dates a circumstance; +2 for the date of the reporting verb that is the sentence's root
    ("... burst its banks on Saturday, the agency said on Monday": Saturday)."""
    rank = 1 if _LEFT_DATE.search(sentence[max(0, span.char_start - 60) : span.char_start]) else 0
    verb = event_nlp.head_chain(anchor)[-1]
    if verb.dep_ == "ROOT" and verb.lower_ in _REPORTING:
        return rank + 2
    node = anchor
    while node.head.i != node.i:
        if node.dep_ == "advcl":
            return rank + 1
        node = node.head
    return rank


# -- records ----------------------------------------------------------------------------------
EVENT_FIELDS = (
    "what",
    "event_date",
    "date_granularity",
    "venue_city",
    "venue_country",
    "participants",
    "status",
)
_ISO_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def events_from_record(doc: DocumentRecord) -> list[EventRecord]:
    """Event records given by a related-records file (fields in doc.extra), validated.

    A record holds one event when it has ``event_date`` or ``what``; the other fields are
    optional. A record without them is an article in record form: its text is extracted. A bad date, granularity or status raises ``IngestError`` naming the field.
    """
    extra = doc.extra or {}
    if extra.get("event_date") in (None, "") and extra.get("what") in (None, ""):
        return extract_events(doc)  # a news article stored as a record (e.g. a search-result dump)
    where = doc.path or doc.source_key
    base = parse_iso(doc.published)
    span = _record_date(extra.get("event_date"), extra.get("date_granularity"), where)
    status = _record_status(extra.get("status"), span, base, where)
    participants = _record_participants(extra.get("participants"), where)
    sentence = _record_sentence(doc, span)
    what = _text_field(extra, "what", where) or doc.title
    return [
        EventRecord(
            event_id=f"{doc.doc_id}:r0",
            doc_id=doc.doc_id,
            what=what,
            date_start=span[0].isoformat() if span else None,
            date_end=span[1].isoformat() if span else None,
            granularity=span[2] if span else None,
            date_text=str(extra.get("event_date") or ""),
            status=status,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            sentence=sentence.text,
            venue_city=_text_field(extra, "venue_city", where),
            venue_country=_text_field(extra, "venue_country", where),
            participants=participants,
            published=doc.published,
            from_record=True,
        )
    ]


def _text_field(extra: Mapping[str, Any], name: str, where: str) -> str | None:
    value = extra.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int | float):
        raise IngestError(where, f"'{name}' must be text, got {type(value).__name__}", field=name)
    return str(value).strip() or None


def _iso_bounds(part: str, where: str) -> tuple[date, date, Granularity]:
    import calendar

    match = _ISO_PART.match(part.strip())
    if not match:
        raise ValueError(part)
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if day is not None:
        d = date(year, int(month or 1), int(day))
        return d, d, "day"
    if month is not None:
        m = int(month)
        return date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]), "month"
    return date(year, 1, 1), date(year, 12, 31), "year"


def _record_date(value: Any, granularity: Any, where: str) -> tuple[date, date, Granularity] | None:
    if value in (None, ""):
        if granularity not in (None, ""):
            raise IngestError(
                where, "'date_granularity' is given but 'event_date' is missing", field="event_date"
            )
        return None
    if not isinstance(value, str):
        raise IngestError(where, f"'event_date' must be a date string, got {value!r}", field="event_date")
    try:
        if "/" in value:
            first, last = value.split("/", 1)
            start, _, g1 = _iso_bounds(first, where)
            _, end, _ = _iso_bounds(last, where)
            inferred: Granularity = (
                "part_of_month"
                if (start.year, start.month) == (end.year, end.month) and g1 == "day"
                else "day"
            )
        else:
            start, end, inferred = _iso_bounds(value, where)
    except ValueError:
        span = resolve_text(value, None)  # a phrase with its own year ("late June 2025")
        if span is None:
            raise IngestError(
                where,
                f"'event_date' {value!r} is not a date (use YYYY-MM-DD, YYYY-MM, YYYY or START/END)",
                field="event_date",
            ) from None
        start, end, inferred = span.start, span.end, span.granularity
    if end < start:
        raise IngestError(where, f"'event_date' {value!r} ends before it starts", field="event_date")
    if granularity in (None, ""):
        return start, end, inferred
    if granularity not in GRANULARITIES:
        raise IngestError(
            where,
            f"'date_granularity' {granularity!r} is not one of {', '.join(sorted(GRANULARITIES))}",
            field="date_granularity",
        )
    if granularity == "day" and start != end:
        raise IngestError(where, f"'date_granularity' is day but 'event_date' {value!r} is a range",
                          field="date_granularity")  # fmt: skip
    return start, end, cast(Granularity, granularity)


def _record_status(
    value: Any, span: tuple[date, date, Granularity] | None, base: date | None, where: str
) -> EventStatus:
    if value in (None, ""):
        if span is not None and base is not None and span[0] > base:
            return "scheduled"
        return "happened"
    status = str(value).strip().lower()
    if status not in STATUSES:
        raise IngestError(
            where, f"'status' {value!r} is not one of scheduled, announced, happened", field="status"
        )
    return cast(EventStatus, status)


def _record_participants(value: Any, where: str) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        items = re.split(r"\s*[;|]\s*", value) if re.search(r"[;|]", value) else re.split(r"\s*,\s*", value)
    elif isinstance(value, list | tuple):
        if not all(isinstance(v, str) for v in value):
            raise IngestError(where, "'participants' must be a list of names", field="participants")
        items = list(value)
    else:
        raise IngestError(where, f"'participants' must be a list of names, got {type(value).__name__}",
                          field="participants")  # fmt: skip
    return tuple(dict.fromkeys(v.strip() for v in items if v and v.strip()))


def _record_sentence(doc: DocumentRecord, span: tuple[date, date, Granularity] | None) -> Sentence:
    """The record's sentence that holds its date (the citation), else its first sentence."""
    sentences = split_sentences(doc.text) or [Sentence(0, len(doc.text), doc.text)]
    if span is not None:
        base = parse_iso(doc.published)
        for sentence in sentences:
            for found in find_dates(sentence.text, base):
                if found.start <= span[1] and span[0] <= found.end:
                    return sentence
    return sentences[0]
