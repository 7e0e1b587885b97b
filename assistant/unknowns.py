"""Does the cited sentence say the asked thing is not known? ("Investigators have not determined
what started the fire" answers no "What started the fire?", though its subject is a tempting name.)

The citation check sees the answer's words in the quote, the relation check sees the question's
act; neither reads that the sentence withholds the answer. News says so in a few fixed ways
("has not been determined", "remains unclear", "is under investigation", "declined to say"); the
clause such a phrase governs names what is unknown, and when that is what the question asks, the
sentence is no answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import content_terms, term_set
from assistant.types import Evidence

# The phrase saying something is not known; the clause it governs follows it ("have not
# determined what started the fire") or comes before it ("the cause of the fire is still under
# investigation").
_NOT_KNOWN = re.compile(
    r"\b(?:(?:has|have|had|was|were|is|are)\s+(?:not|yet\s+to)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:determine[ds]?|establish(?:ed)?|identif(?:y|ied)|confirm(?:ed)?|disclose[ds]?|known|"
    r"made\s+public|release[ds]?|decide[ds]?)"
    r"|(?:is|are|was|were|remains?|remained)\s+(?:still\s+|as\s+yet\s+)?(?:not\s+(?:yet\s+)?known|unknown|"
    r"unclear|undetermined|under\s+investigation|being\s+investigated)"
    r"|(?:did|do|does|would)\s+not\s+(?:say|disclose|give|reveal|name|specify)"
    r"|declined\s+to\s+(?:say|disclose|give|reveal|name|specify|comment\s+on))\b",
    re.I,
)
# Where the governed clause ends (before) or starts (after).
_CLAUSE_END = re.compile(r"[.;:!?]|,\s|\bbut\b|\band\s+(?:said|says)\b", re.I)


def _clause_after(text: str, at: int) -> str:
    end = _CLAUSE_END.search(text, at)
    return text[at : end.start() if end else len(text)]


def _clause_before(text: str, at: int) -> str:
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    return text[ends[-1] if ends else 0 : at]


def _shares(asked: set[str], clause: str) -> bool:
    """A content word of the question is in the clause ("fire" in "wildfire": stems, not words)."""
    said = {t for t in term_set(clause) if len(t) >= 4}
    return any(t in q or q in t for t in said for q in asked if len(q) >= 4)


def unknown_reason(question: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """Every sentence holding the answer says the asked thing is not known: the clause a
    not-known phrase governs shares a content word of the question and does not hold the
    answer ("Investigators have not determined what started the fire" for "What started the
    Sable Ridge wildfire?", answered "Investigators"). None when a sentence holds the answer
    outside such a clause."""
    if not holding or not short.strip():
        return None
    asked = set(content_terms(question))
    answer = short.strip().lower()
    for quote in holding:
        withheld = False
        for m in _NOT_KNOWN.finditer(quote.text):
            after, before = _clause_after(quote.text, m.end()), _clause_before(quote.text, m.start())
            if any(_shares(asked, c) and answer not in c.lower() for c in (after, before)):
                withheld = True
                break
        if not withheld:
            return None
    return "the cited sentence says what the question asks is not known"
