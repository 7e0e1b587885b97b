"""'What is it called?': the name the sources give a thing, read after the words news use to
name ("called", "known as", "dubbed", "nicknamed", "referred to as").

The small model often answers a naming question by restating it ("A total lunar eclipse turned
the moon a deep red [4]") while a retrieved sentence says 'Total lunar eclipses are often called
"blood moons"'. No extractive QA model ships offline (../shared/MODELS.md) and the naming phrases
are few, so the name is read after them, in the evidence sentence that shares most of the
question's words; the engine cites and checks it like any answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import content_terms, lexical_coverage, term_set
from assistant.types import Evidence

# "What is the event called?", "What is it known as?", "... earned him what nickname?"
ASKS_NAME = re.compile(
    r"\bwhat (?:is|was|are|were) (?:it|this|that|they|these|those|the [\w'’ -]{1,40}?) "
    r"(?:called|known as|nicknamed|dubbed)\b|\b(?:what|which) nickname\b",
    re.I,
)
_NAMING = re.compile(
    r"\b(?:called|known as|dubbed|nicknamed|referred to as)\s+(?:an?\s+|the\s+)?"
    r"(?:[\"“‘]([^\"”’]{2,40}?)[\"”’]|([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}))"
)
# The naming words themselves say nothing of what is named.
_NAMING_TERMS = frozenset(term_set("called known nickname nicknamed dubbed referred name event thing"))
# Share of the question's other words (names weigh double) the sentence and its article's title
# must hold: the name must be of what the question asks about.
MIN_SHARE = 0.3


def asks_name(question: str) -> bool:
    return ASKS_NAME.search(question) is not None


def named_in(question: str, items: Sequence[Evidence]) -> tuple[Evidence, str] | None:
    """The evidence sentence that names what the question asks and the name it gives, or None
    (the question asks no name, no sentence names anything the question does not already say,
    or the naming sentences share too little of the question)."""
    if not asks_name(question):
        return None
    asked = {t: w for t, w in content_terms(question).items() if t not in _NAMING_TERMS}
    said_by_question = term_set(question)
    best: tuple[float, Evidence, str] | None = None
    for item in items:
        share = lexical_coverage(asked, term_set(f"{item.title} {item.text}")) if asked else 1.0
        for m in _NAMING.finditer(item.text):
            name = (m.group(1) or m.group(2) or "").strip(" .,;:")
            if not name or term_set(name) <= said_by_question:
                continue
            if best is None or share > best[0]:
                best = (share, item, name)
    if best is None or best[0] < MIN_SHARE:
        return None
    return best[1], _in_number_asked(question, best[2])


# "What is the event called?" asks the name of one: 'eclipses are often called "blood moons"'
# names them all. A lower-case plural (a common name, not "the Kings") is given in the singular.
_ASKS_ONE = re.compile(r"\bwhat (?:is|was) (?:it|this|that|the [\w'’ -]{1,40}?) called\b", re.I)
_PLURAL_END = re.compile(r"(?<![su])s$")


def _in_number_asked(question: str, name: str) -> str:
    if not _ASKS_ONE.search(question) or name != name.lower() or not _PLURAL_END.search(name):
        return name
    return name[:-3] + "y" if name.endswith("ies") else name[:-1]
