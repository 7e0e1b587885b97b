"""Which one of a series the question asks about: "the first cash offer" is not the raised one,
"the next summit" not the one a sentence announces without calling it next.

A bid, a proposal or a vote often comes several times, and the later reports name it with the
same words ("raised its cash offer to 46.25 crowns on Monday"); the relation and subject checks
see the offer, the act and the company and pass. A question asking for the first (or initial,
original) one is not answered by sentences that only speak of a later one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import stem
from assistant.types import Evidence

_ASKS_FIRST = re.compile(
    r"\b(?:the|its|their|his|her|a)\s+(?:very\s+)?(first|initial|original)\s+(?!time\b)[a-z]", re.I
)
# Words saying the thing is a later one of its series ("raised its offer", "a second vote"); not
# "another", which counts one of several in any order ("another notable meeting in February").
_LATER = re.compile(
    r"\b(raised|raises|raising|increased|improved|revised|sweetened|second|third|fourth|renewed|"
    r"latest|again|fresh|higher|repeat|rerun)\b",
    re.I,
)
_FIRST_SAID = re.compile(r"\b(?:first|initial|original|opening)\b", re.I)
# Words after which a sentence about a later one speaks of the earlier ("raised its offer to 44
# crowns, up from the 41.50 crowns it proposed in early February").
_EARLIER = re.compile(r"\b(?:up|down) from\b|\b(?:earlier|previous|prior)\b", re.I)


def first_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """The question asks for the first of something and every sentence stating the answer
    speaks of a later one ("raised", "second", "again") without naming the first, and does not
    state the answer after a turn to the earlier one ("up from ...")."""
    asked = _ASKS_FIRST.search(question)
    if asked is None or not holding:
        return None
    later: list[str] = []
    for q in holding:
        text = q.text.lower()
        at = text.find(short.lower().strip(" .")) if short.strip(" .") else -1
        earlier = _EARLIER.search(text)
        if _FIRST_SAID.search(text) or (earlier is not None and 0 <= earlier.start() < at):
            return None
        if (m := _LATER.search(text)) is None:
            return None
        later.append(m.group(1).lower())
    return (
        f"the question asks about the {asked.group(1).lower()} one; the sentences stating the answer "
        f"speak of a later one ('{later[0]}')"
    )


# The words naming what the question asks the first of ("the first measles case" -> measles, case).
_FIRST_OF = re.compile(r"\b(?:first|initial|original)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.I)


def first_elsewhere_reason(
    question: str, holding: Sequence[Evidence], evidence: Sequence[Evidence]
) -> str | None:
    """The question asks for the first of something, an evidence sentence speaks of the first
    one ("The first case, a child from Brenholm, was confirmed in late March"), and no sentence
    stating the answer says first at all: it is about another one ("Fourteen cases had been
    confirmed as of Wednesday")."""
    asked = _FIRST_OF.search(question) if _ASKS_FIRST.search(question) else None
    if asked is None or not holding or any(_FIRST_SAID.search(q.text) for q in holding):
        return None
    nouns = {stem(w) for w in asked.group(1).split() if len(w) >= 4}
    for e in evidence:
        for m in _FIRST_OF.finditer(e.text):
            if nouns & {stem(w) for w in m.group(1).split()}:
                return (
                    f"the question asks about the first one; a source speaks of the first ('{m.group(0)}'), "
                    "the sentences stating the answer do not"
                )
    return None


# "the next Northern Corridors Transport Summit", "the next chief executive"; not "next month".
_ASKS_NEXT = re.compile(r"\bthe next\s+(?!(?:week|month|year|day|weekend|season|time)\b)([\w'’-]+)", re.I)
_NEXT_SAID = re.compile(r"\b(?:next|following|upcoming|succeed\w*|successor)\b", re.I)


def next_reason(question: str, holding: Sequence[Evidence]) -> str | None:
    """The question asks about the next one of a series and no sentence stating the answer
    calls it next (or the following, upcoming one): "The summit will take place on June 11-12
    at the Velmora Congress Hall" names this summit's venue, not the next one's."""
    asked = _ASKS_NEXT.search(question)
    if asked is None or not holding or any(_NEXT_SAID.search(f"{q.title} {q.text}") for q in holding):
        return None
    return f"the question asks about the next {asked.group(1)}; no sentence stating the answer speaks of the next one"
