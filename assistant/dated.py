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

from assistant.date_verb import chain_to_verb
from assistant.querytime import find_dates
from assistant.relation import relation_prefixes, says_any, says_word
from assistant.relative_dates import dated_weekdays
from assistant.types import Evidence
from ingest.events import without_dateline
from ingest.nlp import parse_one


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
        if d.month is None or d.day is None:
            continue
        chain = chain_to_verb(doc, d.start, d.end)
        if chain and chain[-1].lower_.startswith(_LIGHT_VERBS):
            # "Eastvale held its provincial election on Sunday": a light verb's act is its noun.
            chain += [c for c in chain[-1].children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if any(says_word(t.text, prefixes) for t in chain):
            days.setdefault((d.month, d.day), d.text.strip())
    return days


# Verbs that say only that an act took place; the act is their subject or object.
_LIGHT_VERBS = ("held", "hold", "took", "take", "happen", "occur", "came", "come")


def act_prefixes(clause: str) -> set[str]:
    """The words that say a clause's act: its verb's family, or for a light verb ("the election
    was held") its subject and object nouns."""
    prefixes = relation_prefixes(clause)
    if prefixes:
        return prefixes
    doc = parse_one(clause)
    if doc is None:
        return set()
    return {
        c.lower_[:5]
        for verb in doc
        if verb.lower_.startswith(_LIGHT_VERBS)
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN")
    }


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
