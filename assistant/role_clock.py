"""Who held a post on a day: one a source says had left it before that day was not its holder
then.

"Who was running the company on 3 May 2028?" is not answered by "Marten Quill" from "Ilse
Brannock ... became acting chief executive on Monday (1 May 2028), when Marten Quill resigned":
he had left two days before. ``subjects.departed_reason`` covers the present ("Who is the
medical director?"); this check gives it a clock for a day the question names (or a follow-up's
"at that point", which the engine turns into the day last answered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from assistant.querytime import find_dates, parse_date
from assistant.relative_dates import resolve_relative
from assistant.sentences import STOPWORDS
from assistant.subjects import LEFT_AFTER, LEFT_BEFORE, ROLE_NOUNS
from assistant.types import Evidence
from ingest.events import without_dateline
from ingest.nlp import parse_one

if TYPE_CHECKING:
    from spacy.tokens import Token

# "Who was the chief executive ...", "Who was running / leading / in charge of the company ...",
# "Who ran / led / headed ...".
_ASKS_HOLDER = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:"
    rf"(?:is|was|were|had been|has been)\s+(?:(?:the|its|their|his|her)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{ROLE_NOUNS})\b"
    r"|(?:is|was|were|had been)\s+(?:running|leading|heading|in charge\b|at the helm\b)"
    r"|(?:ran|led|headed)\b)",
    re.I,
)


# The words a refusal of this check ends with (``holder_in`` reads the holder after it).
ASKS_HOLDER_ON = "the question asks who held the post on"


def asks_holder(question: str) -> bool:
    """The question asks who held (or holds) a post: a state over time, not a dated act."""
    return _ASKS_HOLDER.search(question) is not None


def _asked_day(question: str) -> date | None:
    """The first day of the last date the question names with its year ("on 3 May 2028", "in
    June 2031")."""
    days = [d.first_day() for d in find_dates(question) if d.year is not None]
    return days[-1] if days else None


def _left_on(quote: Evidence, at: int) -> date | None:
    """The day a sentence has its person leave: of the days it names (relative ones on its
    article's clock), the one nearest the leaving (``at``); naming none, its publish date (it
    reports the leaving as done by then)."""
    published = parse_date(quote.published) if quote.published else None
    base = published.year if published else None
    said = [
        (abs(d.start - at), d.last_day(base))
        for d in find_dates(quote.text)
        if d.month is not None and d.day is not None
    ]
    said += [(abs(r.start - at), r.day) for r in resolve_relative(quote.text, quote.published)]
    days = sorted((gap, day) for gap, day in said if day is not None)
    return days[0][1] if days else published


def left_before_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """The question asks who held a post on a day (or from a month or year on) and a sentence
    stating the answer says its name left ("resigned", "stepped down", "replaced X", "former
    X") on a day before it (``_left_on``)."""
    asked = _asked_day(question) if asks_holder(question) else None
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", short) if w.lower() not in STOPWORDS]
    if asked is None or not names:
        return None
    surname = re.escape(names[-1])
    for quote in holding:
        left = re.search(rf"\b{surname}{LEFT_AFTER}", quote.text) or re.search(
            rf"{LEFT_BEFORE}(?:\w+\s+)?{surname}\b", quote.text, re.I
        )
        if left is None:
            continue
        left_on = _left_on(quote, left.start())
        if left_on is not None and left_on < asked:
            return (
                f"a source says {names[-1]} had left ('{' '.join(left.group(0).split())}', by "
                f"{left_on.isoformat()}); {ASKS_HOLDER_ON} {asked.isoformat()}"
            )
    return None


# Taking a post: "became acting chief executive", "took over", "succeeded X", "has run the company
# since", "was appointed/named chief executive".
_TOOK_POST = ("becam", "become", "took", "take", "succeed", "replac", "run", "ran", "led", "lead", "head")
_LEFT_VERBS = (
    "resign",
    "stepped",
    "steps",
    "quit",
    "retir",
    "left",
    "leav",
    "oust",
    "fired",
    "dismiss",
    "sacked",
)
_NAMED_TO_POST = ("appoint", "name", "install", "elect")
_ROLE_SAID = re.compile(rf"\b(?:{ROLE_NOUNS}|acting|interim|run|runs|ran|led|leads|heads|headed)\b", re.I)


_RELATIVE = frozenset({"who", "that", "which"})


def _taker(verb: Token) -> str | None:
    """The proper name that takes the post: the verb's subject, through a relative pronoun the
    noun its clause hangs from, through an apposition the name it describes ("Ilse Brannock, the
    company's finance director, who became ...")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    token = verb.head if subject.lower_ in _RELATIVE and verb.dep_ == "relcl" else subject
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    if token.pos_ != "PROPN":
        return None
    name = [t for t in token.lefts if t.pos_ == "PROPN" and t.dep_ == "compound"]
    return " ".join(t.text for t in [*name, token])


def holder_in(question: str, items: Sequence[Evidence]) -> tuple[Evidence, str] | None:
    """For "Who was running the company on 3 May 2028?", the best-ranked evidence sentence in
    which one person takes the post ("Ilse Brannock ..., who became acting chief executive on
    Monday, when Marten Quill resigned") on a day no later than the one asked, and that person;
    not one the sentence has leave. None when no sentence does, or the parse is unavailable."""
    asked = _asked_day(question) if asks_holder(question) else None
    if asked is None:
        return None
    for quote in sorted(items, key=lambda e: -e.score):
        text = without_dateline(quote.text)
        doc = parse_one(text) if _ROLE_SAID.search(text) else None
        if doc is None:
            continue
        # Who the parse has leave ("Marten Quill, who led Harrowfield for nine years, resigned").
        leavers = {_taker(v) for v in doc if v.pos_ == "VERB" and v.lower_.startswith(_LEFT_VERBS)}
        for verb in doc:
            lemma = verb.lower_
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            if verb.pos_ not in ("VERB", "AUX") or not (
                lemma.startswith(_TOOK_POST) or (passive and lemma.startswith(_NAMED_TO_POST))
            ):
                continue
            if lemma.startswith(("took", "take")) and not any(c.lower_ == "over" for c in verb.children):
                continue  # "took" alone takes no post
            person = _taker(verb)
            if person is None or person in leavers:
                continue
            surname = re.escape(person.split()[-1])
            if re.search(rf"\b{surname}{LEFT_AFTER}", text) or re.search(
                rf"{LEFT_BEFORE}(?:\w+\s+)?{surname}\b", text, re.I
            ):
                continue  # the one who left, not the one who took over
            took_on = _left_on(quote, quote.text.find(verb.text))
            if took_on is not None and took_on <= asked:
                return quote, person
    return None
