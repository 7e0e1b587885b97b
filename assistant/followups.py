"""Follow-ups read against the conversation before the condenser rewrites them: whether a
message leans on earlier turns, its pronoun as the last short answer, its "at that point" as the
day last answered, and the dates the condenser copied in from an answer taken out again.

The engine condenses with its own prompt (``prompts/condense``) rather than llama-index's
CondenseQuestionChatEngine, whose answer step would bypass the checks; either way the small
condenser copies an answer's date into the question and rewrites "at that point" as the event's
words, and the checks then hold the answer to a day the user never asked about (or to none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.citations import is_refusal, strip_citations
from assistant.querytime import find_dates
from assistant.textutil import NAME_JOINERS, leading_name
from ingest.dates import CALENDAR_WORDS, WEEKDAY_WORDS, find_expressions

_DEPENDENT = re.compile(
    r"\b(?:it|its|that|those|these|they|them|their|there|then|he|him|his|she|her|hers|the same|the latter|"
    r"the former|this one)\b|^\s*(?:and|but|also|so|what about|how about|why|when|where)\b[^?]{0,25}\??\s*$",
    re.I,
)
# Words that are capitalized without naming the subject of a question ("on Friday", "in May").
_NOT_NAMES = CALENDAR_WORDS | {"i", "mr", "mrs", "ms", "dr"}
_THIS_TIME = re.compile(r"\bth(?:is|at) (?:week|month|year|weekend|morning)\b", re.I)


def _names_nothing(message: str) -> bool:
    """A follow-up naming no one and nothing ("How many people turned up?", "By how many
    votes?", "Where had the signing originally been planned?") asks about what the conversation
    named: no capitalized word after its first but months and weekdays."""
    words = re.findall(r"[A-Za-z][\w'’-]*", message)[1:]
    return not any(w[0].isupper() and w.lower() not in _NOT_NAMES for w in words)


_PRONOUN = re.compile(r"\b(?:(his|her|its|their)|(he|she|him|it|they|them))\b", re.I)


def with_last_answer(message: str, answer: str) -> str | None:
    """``message`` with its first pronoun replaced by the last answer when that answer is a
    short one ("What is his post?" after "Jonas Vell [1]." -> "What is Jonas Vell's post?"),
    else None."""
    last = re.sub(r"^(?:in|on|at|by|from|to)\s+", "", strip_citations(answer).strip(" ."), flags=re.I)
    # "Jonas Vell toured Lenfeld": the name the short reply leads with, not the whole reply.
    name = leading_name(last)
    rest = last.split()[len(name.split()) :]
    if name and rest and rest[0].isalpha() and rest[0] not in NAME_JOINERS:
        last = name
    m = _PRONOUN.search(message)
    if m is None or not last or is_refusal(last) or len(last.split()) > 6:
        return None
    said = f"{last}'s" if m.group(1) else last
    return f"{message[: m.start()]}{said}{message[m.end() :]}"


# A follow-up's time that is the day last answered: "at that point", "by then", "at the time" (not
# "at the time of the vote", which names its own).
_THEN = re.compile(
    r"\b(?:(by)\s+(?:then|that (?:point|time|stage|date|day))|(?:at|on)\s+(?:that|the)\s+(?:point|time|stage|moment|date|day))"
    r"\b(?!\s+(?:of|when|that)\b)",
    re.I,
)


def _answered_day(answer: str) -> date | None:
    """The one day a short answer gives ("On 3 May 2028 [1]."), else None."""
    said = strip_citations(answer)
    if is_refusal(said) or len(said.split()) > 25:
        return None
    days = {d.first_day() for d in find_dates(said) if d.year is not None and d.month is not None and d.day}
    return days.pop() if len(days) == 1 else None


def at_last_date(message: str, answers: Sequence[str]) -> str:
    """``message`` with its "at that point" / "by then" made the day the latest answer giving one
    gave ("Who was running the company at that point?" after "On 3 May 2028 [1]." -> "... on 3
    May 2028?"; a "by then" after the who-answer that followed it, still that day): the condenser
    otherwise rewrites it as the event's words, and no check can hold the answer to a day the
    question does not name. Unchanged when no recent answer names a single day."""
    m = _THEN.search(message)
    on = next((d for a in reversed(answers) if (d := _answered_day(a)) is not None), None) if m else None
    if m is None or on is None:
        return message
    said_day = f"{'by' if m.group(1) else 'on'} {on.day} {on:%B} {on.year}"
    return f"{message[: m.start()]}{said_day}{message[m.end() :]}"


def without_answer_dates(line: str, message: str, history: Sequence[tuple[str, str]]) -> str:
    """The condensed question less the date phrases the user never gave: the small condenser
    copies the last answer's date into the question ("Who took over from her?" -> "... on
    Tuesday, 13 May 2031?", the day she resigned), and the checks then hold the answer to that
    day. A phrase stays when its day and month words are the user's own (the condenser may add
    the year or the weekday)."""
    asked = set(re.findall(r"[a-z]+|\d+", " ".join([message, *(q for q, _ in history)]).lower()))
    for expr in reversed(find_expressions(line)):
        words = re.findall(r"[a-z]+|\d+", expr.text.lower())
        own = [w for w in words if w not in WEEKDAY_WORDS and not re.fullmatch(r"\d{4}", w)]
        if own and set(own) <= asked:
            continue
        lead = re.search(r"\s*\b(?:on|in|as of|since|by|from)\s*$", line[: expr.start], re.I)
        line = line[: lead.start() if lead else expr.start] + line[expr.end :]
    line = re.sub(r"\(\s*[,;]?\s*\)", "", line)  # "reached (6 June 2028)?" less its date: no "()"
    return re.sub(r"\s+([?.,!])", r"\1", line).strip()


def leans_on_history(message: str) -> bool:
    """The message depends on earlier turns: a pronoun or "then" ("this week" aside), a bare
    "And where?", or no name of its own."""
    return bool(_DEPENDENT.search(_THIS_TIME.sub("", message))) or _names_nothing(message)
