"""Who held a post on a day: one a source says had left it before that day was not its holder
then.

"Who was running the company on 3 May 2028?" is not answered by "Marten Quill" from "Ilse
Brannock ... became acting chief executive on Monday (1 May 2028), when Marten Quill resigned":
he had left two days before. ``subjects.departed_reason`` covers the present ("Who is the
medical director?"); this check gives it a clock for a day the question names (or a follow-up's
"at that point", which the engine turns into the day last answered), or for the day the evidence
gives an act the question names ("Who chaired the committee when the council voted through the
contract?": the vote's day, read by ``assistant.dated``; one elected to the chair after it did not
chair it then).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.dated import dated_in
from assistant.querytime import find_dates, parse_date
from assistant.relative_dates import dates_said
from assistant.sentences import STOPWORDS
from assistant.subjects import ROLE_NOUNS, said_to_leave
from assistant.types import Evidence
from ingest.dates import CALENDAR_WORDS
from ingest.events import without_dateline
from ingest.nlp import parse_one

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs that ask who held a post, with the post they name ("Who chaired the committee ...?").
_ASKED_VERB_ROLE = {"chaired": "chair", "coached": "coach", "captained": "captain", "governed": "governor"}
_ROLE_VERBS = "|".join(_ASKED_VERB_ROLE)

# "Who was the chief executive ...", "Who was running / leading / in charge of the company ...",
# "Who ran / led / headed ...".
_ASKS_HOLDER = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:"
    rf"(?:is|was|were|had been|has been)\s+(?:(?:the|its|their|his|her)\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{ROLE_NOUNS})\b"
    r"|(?:is|was|were|had been)\s+(?:running|leading|heading|in charge\b|at the helm\b)"
    rf"|(?:ran|led|headed|{_ROLE_VERBS})\b)",
    re.I,
)


# The words a refusal of this check ends with (``holder_in`` reads the holder after it).
ASKS_HOLDER_ON = "the question asks who held the post on"
# ... and the words ``holder_kind_reason``'s refusal starts with (read the same way).
ASKS_PERSONS_POST = "the question asks who held a post only a person holds"


def asks_holder(question: str) -> bool:
    """The question asks who held (or holds) a post: a state over time, not a dated act."""
    return _ASKS_HOLDER.search(question) is not None


def _asked_day(question: str) -> date | None:
    """The first day of the last date the question names with its year ("on 3 May 2028", "in
    June 2031")."""
    days = [d.first_day() for d in find_dates(question) if d.year is not None]
    return days[-1] if days else None


# "... when the council voted through the contract": the act whose day is the day asked (not a
# leading "When did ...?", which asks a day).
_WHEN_CLAUSE = re.compile(r"\S\s+when\s+([^?]+)", re.I)


def _clause_day(question: str, items: Sequence[Evidence]) -> date | None:
    """The day the best-ranked evidence sentence gives the act of the question's when-clause
    (``assistant.dated.dated_in``), on its article's clock."""
    return _clause_day_cached(question, tuple(items))


@lru_cache(maxsize=64)  # one holder answer's checks and readings ask for it up to three times
def _clause_day_cached(question: str, items: tuple[Evidence, ...]) -> date | None:
    m = _WHEN_CLAUSE.search(question)
    if m is None:
        return None
    # A sentence dating the act names whom the clause names ("when Mira Halvorsen was elected").
    named = _names(m.group(1))
    found = dated_in(m.group(1), [e for e in items if all(n in e.text for n in named)], clause=True)
    if found is None:
        return None
    quote, said = found
    published = parse_date(quote.published) if quote.published else None
    days = [d.last_day(published.year if published else None) for d in find_dates(said) if d.day is not None]
    return next((d for d in days if d is not None), None)


def on_clause_day(question: str, items: Sequence[Evidence]) -> str:
    """A holder question with its when-clause made the day the evidence gives the clause's act
    ("Who was the health minister when the institute conceded ...?" -> "Who was the health
    minister on 10 May 2028?"); the question itself when it has none or no day is found."""
    m = _WHEN_CLAUSE.search(question) if asks_holder(question) and _asked_day(question) is None else None
    day = _clause_day(question, items) if m else None
    if m is None or day is None:
        return question
    return f"{question[: m.start(1)].rstrip()[: -len('when')].rstrip()} on {day.day} {day:%B} {day.year}?"


def holder_day(question: str, items: Sequence[Evidence]) -> date | None:
    """For a question asking who held a post, the day asked: one it names, else the day the
    evidence gives its when-clause's act; None for other questions."""
    if not asks_holder(question):
        return None
    return _asked_day(question) or _clause_day(question, items)


# Posts only a person holds, and the words that end an organisation's name: "Who was Eastvale's
# premier when the election was held?" is not answered by "Electoral Commission".
# The role nouns (``subjects.ROLE_NOUNS``) an organisation may hold too: a law firm is a
# company's lawyer, a ministry the summit's host, a group a club's owner.
_BODY_MAY_HOLD = frozenset({"lawyer", "attorney", "manager", "director", "founder", "owner", "editor", "host",
                            "secretary", "officer"})  # fmt: skip
_PERSONS_POST = re.compile(
    rf"\b(?:{'|'.join(r for r in ROLE_NOUNS.split('|') if r not in _BODY_MAY_HOLD)})\b", re.I
)
_ORGANISATION_END = re.compile(
    r"\b(?:Commission|Committee|Council|Party|Ministry|Directorate|Institute|Agency|Authority|Office|Department"
    r"|Court|Union|Alliance|Association|Federation|Group|Board|Government|Parliament|Assembly|Trust|Consortium|Company|Corporation)\W*$"
)


def holder_kind_reason(question: str, short: str) -> str | None:
    """A question asking who held a post only a person holds, answered with an organisation."""
    m = _ASKS_HOLDER.search(question)
    if m is None or not _PERSONS_POST.search(m.group(0)) or not _ORGANISATION_END.search(short.strip()):
        return None
    return f"{ASKS_PERSONS_POST}; '{short.strip()}' is an organisation"


def _names(short: str) -> list[str]:
    """The capitalised words of a phrase, stopwords aside."""
    return [w for w in re.findall(r"[A-Z][\w'’-]+", short) if w.lower() not in STOPWORDS]


def _left_on(quote: Evidence, at: int) -> date | None:
    """The day a sentence has its person leave: of the days it names (relative ones on its
    article's clock), the one nearest the leaving (``at``); naming none, its publish date (it
    reports the leaving as done by then)."""
    published = parse_date(quote.published) if quote.published else None
    return _nearest_day(quote, at, days_only=True) or published


def _nearest_day(quote: Evidence, at: int, *, days_only: bool) -> date | None:
    """Of the dates a sentence names (relative ones on its article's clock), the one nearest
    ``at``: day-exact ones on their day (``days_only``), else also a month or year on its first
    day; None when it names none."""
    published = parse_date(quote.published) if quote.published else None
    base = published.year if published else None
    said = [
        (abs(d.start - at), d.last_day(base) if days_only else d.first_day(base))
        for d in dates_said(quote.text, quote.published)
        if d.day or not days_only
    ]
    days = sorted((gap, day) for gap, day in said if day is not None)
    return days[0][1] if days else None


def left_before_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """The question asks who held a post on a day (or from a month or year on) and a sentence
    stating the answer says its name left ("resigned", "stepped down", "replaced X", "former
    X") on a day before it (``_left_on``)."""
    asked = _asked_day(question) if asks_holder(question) else None
    names = _names(short)
    if asked is None or not names:
        return None
    return _left_before(asked, names[-1], holding)


def _left_before(asked: date, surname: str, holding: Sequence[Evidence]) -> str | None:
    for quote in holding:
        left = said_to_leave(quote.text, surname)
        if left is None:
            continue
        left_on = _left_on(quote, left.start())
        if left_on is not None and left_on < asked:
            return (
                f"a source says {surname} had left ('{' '.join(left.group(0).split())}', by "
                f"{left_on.isoformat()}); {ASKS_HOLDER_ON} {asked.isoformat()}"
            )
    return None


def held_then_reason(
    question: str, short: str, holding: Sequence[Evidence], items: Sequence[Evidence]
) -> str | None:
    """ "Who chaired the committee when the council voted through the contract?" answered with
    one a source has take the post after the vote's day ("Mira Halvorsen was elected to replace
    him on Friday", two weeks later), or with one a sentence stating the answer has leave before
    it. The day is the evidence's (``holder_day``); a day the question names is
    ``left_before_reason``'s."""
    names = _names(short)
    if not names or _asked_day(question) is not None:
        return None
    asked = holder_day(question, items)
    if asked is None:
        return None
    surname = names[-1]
    return (
        _left_before(asked, surname, holding)
        or _took_after(asked, surname, items)
        or _other_holder_then(question, asked, surname, holding, items)
    )


def _reports_then(quote: Evidence, asked: date) -> bool:
    """The sentence's article was published in the week from the day asked (it reports then)."""
    published = parse_date(quote.published) if quote.published else None
    return published is not None and 0 <= (published - asked).days <= _REPORT_DAYS


def _other_holder_then(
    question: str, asked: date, surname: str, holding: Sequence[Evidence], items: Sequence[Evidence]
) -> str | None:
    """A report of the week asked names another in the post ("Benedikt Sauer, chair of the
    council's transport committee" the day after the vote), and the answer's sentences are from
    months later ("Transport committee chair Mira Halvorsen said" in June): the later holder."""
    role = _asked_role(question)
    if role is None or any(_reports_then(q, asked) for q in holding):
        return None
    for quote in items:
        text = without_dateline(quote.text)
        named = _named_holder(text, role, _post_words(question)) if _reports_then(quote, asked) else None
        if named and surname not in named.split():
            return (
                f"a report of that week names {named} {role}, not {surname}; "
                f"{ASKS_HOLDER_ON} {asked.isoformat()}"
            )
    return None


def _took_after(asked: date, surname: str, items: Sequence[Evidence]) -> str | None:
    for quote in items:
        text = without_dateline(quote.text)
        if surname not in text:
            continue
        for verb, person in _takings(text):
            if person.split()[-1] != surname:
                continue
            took_on = _took_on(quote, quote.text.find(verb))
            if took_on is not None and took_on > asked:
                return (
                    f"a source says {surname} took the post ('{verb}', on {took_on.isoformat()}); "
                    f"{ASKS_HOLDER_ON} {asked.isoformat()}"
                )
    return None


def _took_on(quote: Evidence, at: int) -> date | None:
    """The earliest day a sentence may have its person take the post: of the dates it names, the
    one nearest the taking (a year or a month on its first day: "became chair in 2019" may be
    any day of it); None when it names none (the publish date bounds the taking only from above)."""
    return _nearest_day(quote, at, days_only=False)


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
_ROLE_SAID = re.compile(
    rf"\b(?:{ROLE_NOUNS}|acting|interim|run|runs|ran|led|leads|heads|headed|replac\w*|succeed\w*|took over"
    r"|became|appointed|named|elected|installed)\b",
    re.I,
)


_RELATIVE = frozenset({"who", "that", "which"})


def _taker(verb: Token) -> str | None:
    """The proper name that takes the post: the verb's subject, through a relative pronoun the
    noun its clause hangs from, through an apposition the name it describes ("Ilse Brannock, the
    company's finance director, who became ...") or the name describing it ("His deputy,
    Councillor Mira Halvorsen, was elected ...")."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    token = verb.head if subject.lower_ in _RELATIVE and verb.dep_ == "relcl" else subject
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    if token.pos_ != "PROPN":
        token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), token)
    if token.pos_ != "PROPN":
        return None
    name = [t for t in token.lefts if t.pos_ == "PROPN" and t.dep_ == "compound"]
    return " ".join(t.text for t in [*name, token])


def _takings(text: str) -> list[tuple[str, str]]:
    """(verb, person) for each person a sentence's parse has take a post and not leave it."""
    doc = parse_one(text) if _ROLE_SAID.search(text) else None
    if doc is None:
        return []
    # Who the parse has leave ("Marten Quill, who led Harrowfield for nine years, resigned").
    leavers = {_taker(v) for v in doc if v.pos_ == "VERB" and v.lower_.startswith(_LEFT_VERBS)}
    found = []
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
        if person is None or person in leavers or said_to_leave(text, person.split()[-1]):
            continue  # the one who left, not the one who took over
        found.append((verb.text, person))
    return found


# The post's holder named beside it in a report of its day: "Benedikt Sauer, chair of the
# council's transport committee, said" or "Transport committee chair Mira Halvorsen said" (not a
# "former", "new" or "incoming" one: the post may have changed hands since the day asked).
_NAME = r"(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+"
_NOT_HOLDING = re.compile(
    r"\b(?:former|ex|incoming|outgoing|future|new|next|then)[\s-]+(?:[\w'’-]+\s+){0,3}$", re.I
)
# A report within this many days of the day asked names the holder then.
_REPORT_DAYS = 7


def _asked_role(question: str) -> str | None:
    m = re.search(rf"\b({ROLE_NOUNS})\b", question, re.I)
    if m:
        return m.group(1).lower()
    verb = re.search(rf"\b({_ROLE_VERBS})\b", question, re.I)
    return _ASKED_VERB_ROLE[verb.group(1).lower()] if verb else None


_ASKS_NOW = re.compile(r"^\s*(?:and\s+)?who\s+(?:is|are|has been)\b", re.I)


def _now(question: str, items: Sequence[Evidence]) -> date | None:
    """For "Who is the medical director?" (no day named), the newest evidence's publish date."""
    if not _ASKS_NOW.search(question) or not asks_holder(question):
        return None
    days = [d for e in items if e.published and (d := parse_date(e.published)) is not None]
    return max(days) if days else None


def _holding_since(text: str, role: str | None) -> list[tuple[str, str]]:
    """("since", person) for "Dr Ulla Brenner, head of the infectious diseases unit, has been
    acting medical director since July 1": the post held from that day on (the day is the one
    nearest "since")."""
    if role is None:
        return []
    m = re.search(
        rf"({_NAME})(?:,[^,]{{1,80}},)?\s+(?:has|had)\s+been\s+(?:[\w'’-]+\s+){{0,5}}?(?i:{role})\b[^.;]*?\b(since)\b",
        text,
    )
    return [(m.group(2), m.group(1))] if m and not said_to_leave(text, m.group(1).split()[-1]) else []


def _post_words(question: str) -> list[str]:
    """The lowercase words that name the post's body after the role ("chaired Karvo's transport
    committee when ..." -> transport, committee): a sentence naming the holder names them too."""
    m = re.search(
        rf"\b(?:{ROLE_NOUNS}|{_ROLE_VERBS})\b([^?]*?)(?:\bwhen\b|\bon\b|\?|$)",
        question,
        re.I,
    )
    words = re.findall(r"\b[a-z][a-z'’-]+\b", m.group(1)) if m else []
    return [w for w in words if w not in STOPWORDS and not w.endswith(("'s", "’s"))]


def _named_holder(text: str, role: str, post: Sequence[str] = ()) -> str | None:
    """The name a sentence gives the post: in an apposition after it, or before it as a title;
    None when the sentence does not name the post's body (``post``: another committee's chair)."""
    if not all(re.search(rf"\b{re.escape(w)}", text, re.I) for w in post):
        return None
    for m in re.finditer(rf"\b(?i:{role})\b", text):
        if _NOT_HOLDING.search(text[: m.start()]):
            continue
        after = re.search(rf"^,?\s+({_NAME})", text[m.end() :])
        before = re.search(rf"({_NAME}),\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}$", text[: m.start()])
        for found in (after, before):
            # A name, not a sentence's opening words ("On Tuesday, Kerrowby General's director").
            if found and not any(w.lower() in STOPWORDS | CALENDAR_WORDS for w in found.group(1).split()):
                return found.group(1)
    return None


def holder_in(question: str, items: Sequence[Evidence]) -> tuple[Evidence, str] | None:
    """For "Who was running the company on 3 May 2028?" (or "... when the council voted?",
    ``holder_day``), the best-ranked evidence sentence in which one person takes the post ("Ilse
    Brannock ..., who became acting chief executive on Monday, when Marten Quill resigned") on a
    day no later than the one asked, or which names the post's holder in a report of that week,
    and that person; not one the sentence has leave. None when no sentence does, or the parse is
    unavailable."""
    asked = holder_day(question, items) or _now(question, items)
    if asked is None:
        return None
    role = _asked_role(question)
    for quote in sorted(items, key=lambda e: -e.score):
        text = without_dateline(quote.text)
        for verb, person in [*_takings(text), *_holding_since(text, role)]:
            took_on = _left_on(quote, quote.text.find(verb))
            if took_on is not None and took_on <= asked:
                return quote, person
        if role is None or not _reports_then(quote, asked):
            continue
        named = _named_holder(text, role, _post_words(question))
        surname = named.split()[-1] if named else ""
        if named and not said_to_leave(text, surname) and _took_after(asked, surname, items) is None:
            return quote, named
    return None
