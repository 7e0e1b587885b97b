"""Is the answer's date the date of what the question asks? ("When was the depot reopened?" is not
answered by "a promise to reopen the depot, which the city closed in 2024": 2024 is when it closed.)

A sentence may carry two acts and one date; the citation check sees the date in the quote and the
relation check sees the question's verb, so neither notices that the date belongs to the other
act. spaCy's parse says which verb a date hangs from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.querytime import find_dates
from assistant.relation import is_light_verb, relation_prefixes, says_word
from assistant.relative_dates import dated_weekdays
from assistant.types import Evidence
from ingest.event_nlp import head_chain
from ingest.nlp import parse_one

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def chain_to_verb(doc: Doc, start: int, end: int) -> list[Token]:
    """The head chain of the text span [start, end) up to the first verb (last in the list). A
    date written in brackets after its weekday ("lodged last Thursday (1 April 2027)",
    ``relative_dates.dated_weekdays``) hangs where the weekday does: the parser often hangs the
    bracket elsewhere."""
    if weekday := _BRACKETED_AFTER.search(doc.text, 0, start):
        start, end = weekday.start(1), weekday.end(1)
    inside = [t for t in doc if t.idx >= start and t.idx + len(t) <= end]
    if not inside:
        return []
    token = next((t for t in inside if not (start <= t.head.idx < end) or t.head.i == t.i), inside[0])
    chain = head_chain(token)
    # An open complement's date is its governor's too: "would try to launch Tern II on Tuesday"
    # dates the trying as well as the launch.
    while chain and chain[-1].dep_ == "xcomp" and chain[-1].head.pos_ == "VERB":
        chain.append(chain[-1].head)
    return chain


_BRACKETED_AFTER = re.compile(r"\b((?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*\(\s*$", re.I)


# Verbs that say only that an act took place, or that someone did it ("held its election",
# "lodged an appeal", "filed a complaint", "launched an inquiry"): the act is their subject or
# object.
_SUPPORT_VERBS = (
    "held", "hold", "took", "take", "happen", "occur", "came", "come",
    "lodg", "file", "filing", "launch", "submit", "issu", "made", "make", "mount", "brought", "bring",
)  # fmt: skip


def is_support_verb(verb: Token) -> bool:
    """The verb says only that its subject or object took place or was done."""
    return verb.lower_.startswith(_SUPPORT_VERBS)


def act_words(chain: list[Token]) -> list[Token]:
    """The words of a date's head chain (``chain_to_verb``) that say the date's act: with a
    support verb its subject and object ("Eastvale held its election on Sunday"); without
    another verb's object, from which the parser often hangs the day ("The court rejected the
    appeal on July 4" is the rejection's day, not the appeal's)."""
    if not chain:
        return chain
    verb = chain[-1]
    if is_support_verb(verb):
        return [*chain, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]
    return [t for t in chain if not (t.dep_ == "dobj" and t.head.i == verb.i)]


def support_nouns(text: str, deps: tuple[str, ...] = ("dobj",), pos: tuple[str, ...] = ("NOUN",)) -> set[str]:
    """The prefixes of the nouns a support verb of ``text`` takes, by dependency ("lodge its court
    challenge" -> "chall"; "the election was held" -> "elect" with subjects too): its act."""
    doc = parse_one(text)
    if doc is None:
        return set()
    return {
        c.lower_[:5]
        for verb in doc
        if is_support_verb(verb)
        for c in verb.children
        if c.dep_ in deps and c.pos_ in pos
    }


# Speech verbs, as written (the parse has no lemmas).
_SPEECH_VERBS = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "announce",
        "announces",
        "announced",
        "state",
        "states",
        "stated",
        "confirm",
        "confirms",
        "confirmed",
        "add",
        "adds",
        "added",
        "report",
        "reports",
        "reported",
        "write",
        "writes",
        "wrote",
    ]
)
_ASKS_SAYING = re.compile(r"\b(?:announc|sa(?:y|id)|stat|confirm|report|declar|t[eo]l)\w*", re.I)


# How its reason opens (``assistant.reading.dated_reading`` then reads the act's own day).
DATE_OF_OTHER_ACT = "the answer's date is said of"


def date_verb_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """Every sentence stating the answer's date hangs it from another verb than the question's,
    while saying the question's verb too (so the date is another act's, not a date of an act the
    sentence does not name). None when the question asks with a light verb ("When is the final?")
    or the answer states no date."""
    wanted = find_dates(short)
    prefixes = relation_prefixes(question) if wanted and holding else None
    if not prefixes:
        return None
    # "lodge its court challenge": the support verb's object says the act too.
    prefixes = prefixes | support_nouns(question)
    asks_saying = _ASKS_SAYING.search(question) is not None
    other: str | None = None
    for q in holding:
        # "on Wednesday" with the date it names on the article's clock (an event answer's date).
        text = dated_weekdays(q.text, [q], bracketed=True)
        doc = parse_one(text)
        spots = [d for d in find_dates(text) if any(w.matches(d) for w in wanted)]
        if doc is None or not spots:
            return None
        for spot in spots:
            chain = chain_to_verb(doc, spot.start, spot.end)
            verb = chain[-1] if chain and chain[-1].pos_ == "VERB" else None
            # The date of a noun saying the act ("highlighted by the May 2025 visit") is its date.
            if verb is None or any(says_word(t.text, prefixes) for t in act_words(chain)):
                return None
            # The act said by another verb, or by a noun when the date's verb is an act of its
            # own ("signed a coalition deal on Wednesday, ... after the provincial election");
            # not when it is light ("The reopening is set for June 3": the reopening's date).
            # A speech verb's date is the saying's ("..., the court said on Wednesday"), unless
            # the question asks when it was said.
            light = is_light_verb(verb) and (asks_saying or verb.lower_ not in _SPEECH_VERBS)
            saying = ("VERB",) if light else ("VERB", "NOUN")
            if not any(t.pos_ in saying and t.i != verb.i and says_word(t.text, prefixes) for t in doc):
                return None  # the sentence does not say the asked act: the relation check's case
            other = verb.text
    return f"{DATE_OF_OTHER_ACT} '{other}', not of what the question asks" if other else None
