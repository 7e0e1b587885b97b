"""Counts a sentence states by listing: "the bloc's recently inducted countries — Egypt, Ethiopia,
Iran, the UAE, and Indonesia" says *five* recently inducted countries without the number.

The citation check (``assistant.citations``) needs every number of an answer in its quote; "The
report names 5 recently inducted countries [1]" is what the quote says, counted. So a list's length
counts as a number of the quote, tied to the words that introduce it ("bloc", "recently",
"inducted", "countries"): the answer's number must count one of those words. Only lists a dash,
colon, parenthesis or "namely" introduces are counted: those are the whole set the words name.
"including" / "such as" / "among them" introduce examples ("BRICS members, including Egypt and
Iran" does not say BRICS has two members), so they are not counted. spaCy's parse is not used:
its conjunct trees split such lists unreliably and this runs inside every citation check.

The other way round, an answer may state a count and then list what it counts, each item cited
("3 times, according to the sources: in Feb 2025 in Johannesburg [1]; on 6 Jul 2025 [2]; and on
15 Jul 2025 [3]"): no single quote holds the count, the items are checked each on its own quote,
and the count is their number (``own_count``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.evidence import stem
from assistant.sentences import STOPWORDS

# The introducing words (at most four), then the marker that says "these are they".
_INTRO = re.compile(
    r"((?:[\w'’-]+\s+){0,3}[\w'’-]+)\s*(?:[—–:(]|\s-\s|,\s+namely\b|\bnamely\b)\s*",
)
_ITEM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_END = re.compile(r"[.;)—–]|\s-\s")
MAX_ITEM_WORDS = 5
# The set's word is a plural noun ("countries —", "three priorities:"); "Officials said: the talks
# went well and will resume" is a clause, not a list.
_PLURAL = re.compile(
    r"(?:[a-z]{2}[^siu\W]s|ies|ees|ses|xes|ches|shes)$|^(?:people|men|women|children|staff|crew|police)$",
    re.I,
)


def _items(tail: str) -> list[str] | None:
    """The list items at the start of ``tail``, or None when it is not a simple list joined by
    "and" / "or" (short items, two or more)."""
    end = _LIST_END.search(tail)
    body = tail[: end.start()] if end else tail
    joined = re.search(r"(?:,\s*|\s+)(?:and|or)\s+", body)
    if joined is None:
        return None
    # The item after "and" ends at the next comma ("..., and Indonesia, which joined in 2024").
    last = body[joined.end() :].split(",", 1)[0]
    head = [p for p in _ITEM_SPLIT.split(body[: joined.start()]) if p.strip()]
    items = [*head, last]
    if len(items) < 2 or any(not 1 <= len(p.split()) <= MAX_ITEM_WORDS for p in items):
        return None
    return items


@lru_cache(maxsize=4096)  # the citation check reads the same quotes for each claim of an answer
def listed_counts(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(count, stems of the introducing words) for each list ``text`` introduces with a dash,
    colon, parenthesis or "namely"."""
    out: list[tuple[str, frozenset[str]]] = []
    for m in _INTRO.finditer(text):
        items = _items(text[m.end() :])
        if items is None or not _PLURAL.search(m.group(1).split()[-1]):
            continue
        words = frozenset(
            stem(w) for w in re.findall(r"[A-Za-z]{3,}", m.group(1)) if w.lower() not in STOPWORDS
        )
        if words:
            out.append((str(len(items)), words))
    return tuple(out)


# A count opening a sentence, its plural noun, then a colon and the list ("3 times, according to
# the sources: ...").
_OWN_COUNT = re.compile(r"^\W*(\d+)\s+([\w'’-]+)[^:;]*:\s*(.+)$")
_CITED_ITEM = re.compile(r"\[\d+\]\W*$")


def own_count(text: str) -> str | None:
    """The number that opens ``text`` when the sentence then lists exactly that many items after a
    colon, separated by semicolons, each with its own citation; else None. Such a count is the
    list's length, shown by the items' citations rather than stated by any one quote. An
    uncited or comma list ("3 members: A, B and C [1]") is not one: its count is a claim of the
    quote (three of ten members listed is not "3 members")."""
    m = _OWN_COUNT.match(text)
    if m is None or not (m.group(1) == "1" or _PLURAL.search(m.group(2))):  # "1 time: ..."
        return None
    items = [p for p in re.split(r";\s*(?:and\s+)?", m.group(3)) if p.strip(" .")]
    if len(items) != int(m.group(1)) or not all(_CITED_ITEM.search(p) for p in items):
        return None
    return m.group(1)
