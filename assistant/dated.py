"""The day a sentence gives the act a "when" question asks about, read by the pipeline where the
small model restated the question without a date ("The recall was extended to everything produced
at the Brackwater site [2]." over "Harrowfield Foods on Wednesday expanded its listeria recall to
all 41 products made at its Brackwater plant").

The event records hold such dates too, but only for events whose words cover the question's
(``assistant.events_answer``); this reads the ranked evidence the model was shown, and the answer
then passes every check a reply does (``assistant.reading``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.date_verb import act_words, chain_to_verb, support_nouns
from assistant.querytime import find_dates
from assistant.relation import relation_prefixes, says_any, says_word
from assistant.relative_dates import BARE_WEEKDAY, dated_weekdays
from assistant.types import Evidence
from ingest.events import without_dateline
from ingest.nlp import parse_one

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _days_of_act(quote: Evidence, prefixes: set[str]) -> dict[tuple[int, int], str]:
    """The days a sentence gives the act (a date whose parse chain reaches a word saying it),
    (month, day) -> as said ("May 3", "3 May 2028"); a weekday as its article's clock dates it.
    Not the wire dateline's day ("MERROWGATE, May 4 –"): the report's, not the act's."""
    text = dated_weekdays(without_dateline(quote.text), [quote], bracketed=True)
    doc = parse_one(text)
    if doc is None:
        return {}
    days: dict[tuple[int, int], str] = {}
    for d in find_dates(text):
        if d.month is not None and d.day is not None and _reaches_act(doc, d.start, d.end, prefixes):
            days.setdefault((d.month, d.day), d.text.strip())
    return days


def dates_act(text: str, prefixes: set[str]) -> bool:
    """Whether a sentence gives the act a date, a year or a weekday (no article's clock needed):
    the evidence for a "when" question needs one that does, not only sentences naming the act
    ("has until July 8 to decide whether to appeal")."""
    if not says_any(text, prefixes):
        return False
    text = without_dateline(text)
    spans = [(d.start, d.end) for d in find_dates(text)]
    spans += [(m.start(), m.end()) for m in BARE_WEEKDAY.finditer(text)]
    doc = parse_one(text) if spans else None
    return doc is not None and any(_reaches_act(doc, start, end, prefixes) for start, end in spans)


def _reaches_act(doc: Doc, start: int, end: int, prefixes: set[str]) -> bool:
    """Whether the date at ``start:end`` hangs, in the parse, from a word saying the act."""
    return any(says_word(t.text, prefixes) for t in act_words(chain_to_verb(doc, start, end)))


def act_prefixes(clause: str) -> set[str]:
    """The words that say a clause's act: its verb's family, or for a light verb ("the election
    was held") its subject and object nouns."""
    prefixes = relation_prefixes(clause)
    if prefixes:
        return prefixes
    return support_nouns(clause, ("nsubj", "nsubjpass", "dobj"), ("NOUN", "PROPN"))


def dated_in(
    question: str, items: Sequence[Evidence], *, clause: bool = False
) -> tuple[Evidence, str] | None:
    """The best-ranked evidence sentence giving the question's act (its verb or family) one day,
    and that day; None when the question has no act or no sentence does (two days of the act in
    one sentence are a span or a move: the model's to read). ``clause``: ``question`` is a clause
    whose act may be said with a light verb (``act_prefixes``)."""
    prefixes = act_prefixes(question) if clause else relation_prefixes(question)
    if not prefixes:
        return None
    for quote in sorted(items, key=lambda e: -e.score):
        if not says_any(quote.text, prefixes):
            continue
        days = _days_of_act(quote, prefixes)
        if len(days) == 1:
            return quote, next(iter(days.values()))
    return None
