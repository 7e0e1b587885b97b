"""Event records -> timeline rows: the same event told by several sources becomes one row;
the same event told with different dates or venues becomes two rows flagged as a conflict.

Identity is scored from what the records share (participants by surname, venue, words of the
event and its sentence, an exact day, the same article); nothing here knows any corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from assistant.textutil import FUNCTION_WORDS
from assistant.types import DocumentRecord, EventRecord
from ingest.dates import find_expressions, format_span

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
# Function words plus the titles and newsroom words that say nothing about which event it is.
_STOP = FUNCTION_WORDS | frozenset(
    [
        "affairs",
        "another",
        "being",
        "between",
        "chief",
        "external",
        "foreign",
        "government",
        "here",
        "him",
        "leader",
        "leaders",
        "minister",
        "ministers",
        "more",
        "most",
        "official",
        "officials",
        "other",
        "our",
        "president",
        "prime",
        "secretary",
        "set",
        "some",
        "state",
        "such",
        "these",
        "those",
        "three",
        "two",
        "under",
        "we",
        "while",
        "would",
    ]
)
MERGE_THRESHOLD = 1.5  # identity score at which two records are one event
CONFLICT_SIMILARITY = 0.5  # sentence/what similarity at which different dates or venues conflict


def terms(text: str, drop: Iterable[str] = ()) -> set[str]:
    dropped = {d.lower() for d in drop}
    out = set()
    for w in _WORD.findall(text):
        low = w.lower()
        if low in _STOP or low in dropped or len(low) < 3:
            continue
        out.add(low[:6])  # a crude stem: "meeting"/"meetings", "Russia"/"Russian" agree
    return out


def surnames(names: Iterable[str]) -> set[str]:
    return {n.split()[-1].lower().strip(".") for n in names if n.split()}


def capitalised_words(text: str) -> set[str]:
    """The capitalised words of a question, lower-cased: the names it may give by surname
    ("When did Lavrov and Jaishankar meet?"), compared with ``surnames`` of the records."""
    return {w.lower() for w in re.findall(r"\b[A-Z][a-zA-Z'’-]+", text)}


def _name_words(e: EventRecord) -> set[str]:
    words = {w for p in e.participants for w in p.replace("–", " ").replace("-", " ").split()}
    words |= {w for v in (e.venue_city, e.venue_country) if v for w in v.split()}
    return words


@lru_cache(maxsize=8192)
def _event_terms(e: EventRecord) -> tuple[set[str], set[str]]:
    """(what terms, sentence terms) without names, places and the date's words."""
    drop = _name_words(e)
    sentence = e.sentence
    for expr in find_expressions(sentence):
        sentence = sentence.replace(expr.text, " ")
    return terms(e.what, drop), terms(sentence, drop)


def similarity(a: EventRecord, b: EventRecord) -> float:
    """How alike two records' wording is (0..1): Jaccard of the "what", or the overlap of their
    sentences when they share at least three words."""
    wa, sa = _event_terms(a)
    wb, sb = _event_terms(b)
    what = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    shared = sa & sb
    sent = len(shared) / min(len(sa), len(sb)) if len(shared) >= 3 else 0.0
    return max(what, sent)


def _overlap(a: EventRecord, b: EventRecord) -> bool:
    if not (a.date_start and b.date_start):
        return False
    return a.date_start <= (b.date_end or b.date_start) and b.date_start <= (a.date_end or a.date_start)


def identity(a: EventRecord, b: EventRecord, sim: float | None = None) -> float:
    """Evidence that two records tell of the same event, dates aside."""
    score = 2 * (similarity(a, b) if sim is None else sim)
    pa, pb = surnames(a.participants), surnames(b.participants)
    shared = len(pa & pb)
    score += 2 if shared >= 2 else 1 if shared == 1 else (-1 if pa and pb else 0)
    if a.venue_city and b.venue_city:
        score += 1 if a.venue_city.lower() == b.venue_city.lower() else -2
    elif a.venue_country and b.venue_country and a.venue_country.lower() != b.venue_country.lower():
        score -= 1
    if a.doc_id == b.doc_id:
        score += 0.5
    return score


def same_event(a: EventRecord, b: EventRecord) -> bool:
    if not _overlap(a, b):
        return False
    score = identity(a, b)
    if a.granularity == "day" and b.granularity == "day" and a.date_start == b.date_start:
        score += 1
    return score >= MERGE_THRESHOLD


def conflicting(a: EventRecord, b: EventRecord) -> str | None:
    """ "date" or "venue" when two sources give the same event different ones, else None."""
    if a.doc_id == b.doc_id or not (a.date_start and b.date_start):
        return None
    if a.granularity == "year" or b.granularity == "year":
        return None  # a year is too vague to contradict anything
    sim = similarity(a, b)
    wa, wb = _event_terms(a)[0], _event_terms(b)[0]
    what = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    if sim < CONFLICT_SIMILARITY or what < 0.3:  # both the sentence and the event's words agree
        return None
    pa, pb = surnames(a.participants), surnames(b.participants)
    if pa and pb and not pa & pb:
        return None
    cities_differ = bool(a.venue_city and b.venue_city and a.venue_city.lower() != b.venue_city.lower())
    if not _overlap(a, b):
        # Different dates *and* different places: two events (a series), not one told twice.
        return None if cities_differ else "date"
    if a.venue_city and b.venue_city and a.venue_city.lower() != b.venue_city.lower():
        return "venue"
    return None


@dataclass(frozen=True)
class RowSource:
    """One sentence a row is cited to (``quote == document.text[start:end]``)."""

    event_id: str
    doc_id: str
    title: str
    published: str | None
    source: str | None
    url: str | None
    quote: str
    start: int
    end: int
    from_record: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class TimelineRow:
    date_start: str
    date_end: str
    granularity: str | None
    date_label: str
    what: str
    venue_city: str | None
    venue_country: str | None
    participants: tuple[str, ...]
    status: str
    status_text: str
    sources: list[RowSource]
    events: list[EventRecord] = field(default_factory=list)
    conflict: str | None = None  # "date" / "venue" when another row tells the same event otherwise
    conflict_with: list[int] = field(default_factory=list)  # indexes of the other rows

    @property
    def venue(self) -> str:
        return ", ".join(v for v in (self.venue_city, self.venue_country) if v)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date_start": self.date_start, "date_end": self.date_end, "granularity": self.granularity,
            "date": self.date_label, "what": self.what, "venue_city": self.venue_city,
            "venue_country": self.venue_country, "participants": list(self.participants),
            "status": self.status, "status_text": self.status_text, "conflict": self.conflict,
            "conflict_with": list(self.conflict_with), "sources": [s.to_dict() for s in self.sources],
        }  # fmt: skip


def cluster(events: Sequence[EventRecord]) -> list[list[EventRecord]]:
    """Greedy single-link clustering by ``same_event``; ``events`` in date order. Only groups
    whose dates reach the event's start are compared (same events overlap in time)."""
    groups: list[list[EventRecord]] = []
    active: list[tuple[str, list[EventRecord]]] = []  # (latest end, group)
    for e in events:
        start = e.date_start or ""
        active = [(end, g) for end, g in active if end >= start]
        home = next((g for _, g in active if any(same_event(e, m) for m in g)), None)
        end = e.date_end or start
        if home is None:
            home = [e]
            groups.append(home)
            active.append((end, home))
        else:
            home.append(e)
            active = [(max(x, end) if g is home else x, g) for x, g in active]
    return groups


def _label(date_iso: str) -> str:
    d = date.fromisoformat(date_iso)
    return f"{d.day} {d.strftime('%b')} {d.year}"


def _merge_people(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    best: dict[str, str] = {}
    for names in groups:
        for name in names:
            key = name.split()[-1].lower().strip(".") if name.split() else name
            if key not in best or len(name) > len(best[key]):
                best[key] = name
    return tuple(best.values())


def make_row(group: Sequence[EventRecord], docs: dict[str, DocumentRecord]) -> TimelineRow | None:
    """One row from one event's records; sources whose sentence no longer matches are dropped."""
    sources: list[RowSource] = []
    seen: set[tuple[str, int, int]] = set()
    ordered = sorted(group, key=lambda e: (not e.from_record, e.doc_id, e.sentence_start))
    for e in sorted(group, key=lambda e: (e.from_record, e.published or "", e.sentence_start)):
        doc = docs.get(e.doc_id)
        key = (e.doc_id, e.sentence_start, e.sentence_end)
        if doc is None or key in seen or doc.text[e.sentence_start : e.sentence_end] != e.sentence:
            continue
        seen.add(key)
        sources.append(RowSource(e.event_id, doc.doc_id, doc.title, doc.published, doc.source, doc.url,
                                 e.sentence, e.sentence_start, e.sentence_end, e.from_record))  # fmt: skip
    if not sources:
        return None
    # Records are taken as given: they name the event; the most specific date wins.
    rank = {"day": 0, "week": 1, "part_of_month": 2, "month": 3, "year": 4}
    main = ordered[0]
    dated = min(group, key=lambda e: (rank.get(e.granularity or "year", 5), not e.from_record))
    start, end = dated.date_start or "", dated.date_end or dated.date_start or ""
    status, status_text = _status(group, start)
    return TimelineRow(
        date_start=start,
        date_end=end,
        granularity=dated.granularity,
        date_label=format_span(date.fromisoformat(start), date.fromisoformat(end), dated.granularity)
        if start
        else "",
        what=main.what,
        venue_city=next((e.venue_city for e in ordered if e.venue_city), None),
        venue_country=next((e.venue_country for e in ordered if e.venue_country), None),
        participants=_merge_people(e.participants for e in ordered),
        status=status,
        status_text=status_text,
        sources=sources,
        events=list(ordered),
    )


def _status(group: Sequence[EventRecord], start: str) -> tuple[str, str]:
    """A row's status: "happened" needs a source published on or after the event's date."""
    announced = min((e.published for e in group if e.published), default=None)
    happened = [
        e for e in group if e.status == "happened" and (not e.published or not start or e.published >= start)
    ]
    if happened:
        return "happened", "happened"
    if any(e.status == "scheduled" for e in group):
        text = f"scheduled for {_label(start)}" if start else "scheduled"
        if announced:
            text += f", announced {_label(announced)}"
        return "scheduled", text + "; no source says it took place"
    return "announced", f"announced {_label(announced)}" if announced else "announced"


def rows_from_events(
    events: Sequence[EventRecord], docs: dict[str, DocumentRecord], keep: set[str] | None = None
) -> list[TimelineRow]:
    """Merged, date-ordered rows with conflicts flagged. ``keep``: event ids; a merged event is
    kept when any of its records is among them (a record of the same event comes along)."""
    ordered = sorted(events, key=lambda e: (e.date_start or "", e.date_end or "", e.doc_id, e.sentence_start))
    groups = cluster(ordered)
    if keep is not None:
        groups = [g for g in groups if any(e.event_id in keep for e in g)]
    rows = [r for g in groups if (r := make_row(g, docs)) is not None]
    rows.sort(key=lambda r: (r.date_start, r.date_end, r.what))
    _flag_conflicts(rows)
    return rows


def _flag_conflicts(rows: list[TimelineRow]) -> None:
    """Compare only rows that share words (an inverted index keeps this near-linear)."""
    index: dict[str, list[int]] = {}
    row_terms: list[set[str]] = []
    for i, row in enumerate(rows):
        words: set[str] = set()
        for e in row.events:
            words |= _event_terms(e)[1]
        row_terms.append(words)
        for w in words:
            index.setdefault(w, []).append(i)
    for i, a in enumerate(rows):
        counts: dict[int, int] = {}
        for w in row_terms[i]:
            for j in index[w]:
                if j > i:
                    counts[j] = counts.get(j, 0) + 1
        for j, shared in counts.items():
            if shared < 3:
                continue
            b = rows[j]
            kind = next((k for ea in a.events for eb in b.events if (k := conflicting(ea, eb))), None)
            if kind:
                a.conflict, b.conflict = a.conflict or kind, b.conflict or kind
                a.conflict_with.append(j)
                b.conflict_with.append(i)
