"""'How many X did Y?': the count a sentence gives the thing asked, where it says the act too.

The small model sometimes restates the act without its number ("RTWU members joined the strike
[1]" over "They joined some 8,900 members of the RTWU who stopped work on March 11"); a second
reading without that sentence then answers from another one ("about 500 have returned since
April"). spaCy's parse says which number counts which noun and which verb that noun goes with,
so the count is read from the evidence: the number modifying the question's counted noun, in a
sentence where that noun does the question's act (as subject, object, or through a relative
clause). The engine cites and checks it like any answer (``assistant.reading.counted_reading``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.citations import extract_facts
from assistant.querytime import find_dates
from assistant.relation import relation_prefixes, says_word
from assistant.types import Evidence
from ingest.nlp import first_read, parse_one

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "How many members ...", "How many of its members ...", "How many more people ..."
_HOW_MANY = re.compile(
    r"\bhow many\s+(?:of\s+(?:its|their|the|his|her|those|these)\s+)?"
    r"(?:(?:more|new|other|additional)\s+)*([a-z][a-z-]+)\b",
    re.I,
)
# Words before a count that belong to it ("some 8,900", "about 1,400", "more than 200").
_HEDGES = frozenset(
    {"some", "about", "around", "roughly", "nearly", "almost", "approximately", "over", "more", "than"}
)


def counted_noun(question: str) -> str | None:
    """The noun a 'how many' question counts ("How many RTWU members ...?" -> "members"), by
    the parse ("many" modifies it, or counts "of" it), else the word after "how many"."""
    m = _HOW_MANY.search(question)
    if m is None:
        return None
    doc = parse_one(question)
    many = next((t for t in doc if t.lower_ == "many"), None) if doc is not None else None
    if many is not None:
        if many.head.pos_ in ("NOUN", "PROPN") and many.head.i != many.i:
            return many.head.lower_
        of = [g for c in many.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of:
            return of[0].lower_
    return m.group(1).lower()


def _same_noun(token: Token, noun: str) -> bool:
    lemma = token.lemma_.lower()
    return (
        token.lower_ == noun or lemma == noun or lemma == noun.rstrip("s") or token.lower_ == noun.rstrip("s")
    )


def _does_act(token: Token, prefixes: set[str]) -> bool:
    """The noun does or undergoes the act: its own verb says it, or a relative clause on it does
    ("members ... who stopped work")."""
    verbs = [c for c in token.children if c.dep_ in ("relcl", "acl")]
    head = token
    while head.dep_ in ("conj", "appos", "pobj", "prep") and head.head.i != head.i:
        head = head.head
    if head.head.pos_ in ("VERB", "AUX") and head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verbs.append(head.head)
    return any(says_word(v.text, prefixes) or says_word(v.lemma_, prefixes) for v in verbs)


def _count_text(number: Token) -> str:
    """The count as written, with the hedge before it ("some 8,900")."""
    words = [t for t in number.subtree if t.i <= number.i]
    while words and words[0].lower_ not in _HEDGES and not words[0].like_num:
        words = words[1:]
    return " ".join(t.text for t in words) if words else number.text


def counted_in(question: str, items: Sequence[Evidence]) -> tuple[Evidence, str] | None:
    """The best-ranked evidence sentence giving the asked noun one count where that noun does the
    question's act, and the count as written; None when there is no such sentence, the question
    asks with a light verb, or the sentence gives two counts of it."""
    noun = counted_noun(question)
    prefixes = relation_prefixes(question)
    if noun is None or not prefixes:
        return None

    def count(doc: Doc) -> str | None:
        counts = [
            _count_text(c)
            for t in doc
            if _same_noun(t, noun) and _does_act(t, prefixes)
            for c in t.children
            if c.dep_ == "nummod" and c.like_num
        ]
        return counts[0] if len(set(counts)) == 1 else None

    return first_read(items, count)


def counted_kind_reason(question: str, holding: Sequence[Evidence]) -> str | None:
    """ "How many measles cases ...?" answered from "a cluster of 12 mumps cases": the kind the
    question gives its counted noun (a noun compound) and the kind each sentence stating the
    answer gives it differ. A sentence that counts the noun bare ("148 confirmed cases"), with
    the same kind, or not at all is no conflict."""
    noun = counted_noun(question)
    asked_doc = parse_one(question) if noun is not None and holding else None
    if noun is None or asked_doc is None:
        return None
    asked = {c.lower_ for t in asked_doc if _same_noun(t, noun) for c in t.children if c.dep_ == "compound"}
    if not asked:
        return None
    other = ""
    for quote in holding:
        doc = parse_one(quote.text)
        if doc is None:
            return None
        kinds = [{c.lower_ for c in t.children if c.dep_ == "compound"} for t in doc if _same_noun(t, noun)]
        if not kinds or any(not kind or kind & asked for kind in kinds):
            return None
        other = other or " ".join(sorted(kinds[0]))
    return f"the question counts {' '.join(sorted(asked))} {noun}; the sentences stating the answer count {other} {noun}"


# A count asked of the present: the newest source's count answers it.
_SO_FAR = re.compile(r"\b(?:so far|to date|now|currently|at present|latest)\b", re.I)
# A count asked in the present, with no time of its own: "How many moons does Saturn have?",
# "How many cases are there?" ask for the count as it stands (not "... in 2019?").
_PRESENT_COUNT = re.compile(r"^\s*how many\b[^?]*?\b(?:(?:does|do)\b[^?]*\bhave|are there|is there)\b", re.I)


def _asks_current_count(question: str) -> bool:
    return bool(_SO_FAR.search(question)) or (
        _PRESENT_COUNT.search(question) is not None and not find_dates(question)
    )


def newer_count_reason(
    question: str, short: str, holding: Sequence[Evidence], evidence: Sequence[Evidence]
) -> str | None:
    """ "How many cases has the outbreak produced so far?" (or "How many moons does Saturn
    have?", asked in the present) answered from a report (148 on 29
    April) while a newer evidence sentence counts the same noun otherwise (187 on 7 May): the
    answer is out of date. Retrieval has already left out what was published after the as-of
    date. A count of another kind ("12 mumps cases" for cholera cases) is no newer count."""
    noun = counted_noun(question) if _asks_current_count(question) and holding else None
    said = extract_facts(short).numbers
    newest = max((q.published for q in holding if q.published), default=None)
    asked_doc = parse_one(question) if noun is not None and said and newest else None
    if asked_doc is None or noun is None or newest is None:
        return None
    asked = {c.lower_ for t in asked_doc if _same_noun(t, noun) for c in t.children if c.dep_ == "compound"}
    for quote in evidence:
        if not quote.published or quote.published <= newest or quote in holding:
            continue
        doc = parse_one(quote.text)
        counts = [
            c.text
            for t in (doc if doc is not None else ())
            if _same_noun(t, noun)
            and (
                not asked
                or not (kind := {k.lower_ for k in t.children if k.dep_ == "compound"})
                or kind & asked
            )
            for c in t.children
            if c.dep_ == "nummod" and c.like_num
        ]
        if counts and not extract_facts(" ".join(counts)).numbers & said:
            return f"a newer source ({quote.published}) gives another count of the {noun} ({counts[0]})"
    return None
