"""Which sentences can be evidence: statements, not questions, datelines or text addressed to an
AI; a field label joined to its value; the section heading a sentence sits under. Used by ``assistant.evidence`` when it splits the retrieved
documents into candidate sentences."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from assistant.querytime import strip_dates

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*")
STOPWORDS_TEXT = """a an the of in on at to for and or but nor is are was were be been being will would shall should can
    could may might must do does did done has have had having with by from as that this these those it its
    what who whom whose when where which why how there here than then so such not no yes into onto about
    over under after before during between also just only very more most much many any some each other
    their they them he him his she her we us our you your i me my mine said says say tell told according"""
STOPWORDS = frozenset(STOPWORDS_TEXT.split())

# Text addressed to an AI model is not news: such a sentence is never evidence (prompt injection).
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|"
    r"preceding|your|system|other)\b[^.\n]{0,30}\b(?:instructions?|prompts?|rules|guidelines|directions)\b"
    r"|\b(?:system prompt|developer mode|jailbreak)\b|\byou are (?:now )?(?:an? )?(?:ai|assistant|chatbot|"
    r"language model)\b|\b(?:as an ai|ai assistant|language model)s?\b[^.\n]{0,40}\b(?:must|should|will)\b"
    r"|<\|im_(?:start|end)\|>",
    re.I,
)


def looks_like_instruction(text: str) -> bool:
    return bool(_INSTRUCTION.search(text))


_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")
# ... and the access stamps of copied references ("Retrieved December 12, 2019.", "Archived from the
# original on ...").
_TIME_WORDS_TEXT = (
    "updated published posted am pm et gmt utc pt ct est edt pst retrieved accessed archived original"
)
_TIME_WORDS = frozenset(_TIME_WORDS_TEXT.split())


def states_nothing(text: str) -> bool:
    """A question or a bare dateline: no statement a claim could be cited to.

    Search snippets and FAQ-style articles are full of both ("Feb 7, 2021 ...", "Updated
    Jan. 20, 2025, 11:06 p.m. ET", "Where will the 2026 Winter Olympics be held?"); each took one
    of the few evidence slots the small model reads (RGB, RealTime QA) while it can support nothing.
    """
    if _QUESTION_END.search(text):
        return True
    words = [
        w for w in WORD.findall(strip_dates(text))
        if w.isalpha() and len(w) > 1 and w.lower() not in STOPWORDS and w.lower() not in _TIME_WORDS
    ]  # fmt: skip
    return not words


# A field label the sentence splitter cut from its value: "Release date. December 1, 2017 ;",
# "Born. 12 May 1990" (infoboxes and store pages in search snippets).
_FIELD_SEP = re.compile(r"\s[;·|]\s")
_LABEL = re.compile(r"^\W*(?:[A-Z][\w'’-]*)(?:\s+[\w'’-]+){0,2}\s*[.:]\s*$")


def with_labels(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans, a short label joined to the bare value that follows it: apart, the
    label is too short to be evidence and the value a bare date that states nothing."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        s, e = spans[i]
        # The value up to the next field ("December 1, 2017 ; No. of players.").
        value = _FIELD_SEP.split(text[spans[i + 1][0] : spans[i + 1][1]])[0] if i + 1 < len(spans) else ""
        if value and _LABEL.match(text[s:e]) and states_nothing(value):
            out.append((s, spans[i + 1][1]))
            i += 2
            continue
        out.append((s, e))
        i += 1
    return out


# A section heading: a short line of its own that does not end a statement ("What movie won best
# picture at the first Oscars?", "1. 'The Broadway Melody' (1929)", "## Where to watch").
# Explainers (FAQ-style, listicles) answer under such headings and leave out what the heading says:
# "'Wings,' a drama starring ... won 'outstanding picture'" never says *first*.
_HEADING_MAX_WORDS = 14
# How far a heading reaches: an FAQ answer's or a list item's paragraphs, not the rest of a long
# article after the last subhead.
HEADING_REACH = 1200
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_HEADING_START = re.compile(r"^(?:#{1,6}\s+)?[\"'“‘(]?[A-Z0-9]")
_STATEMENT_END = re.compile(r"[.!:;,][\s\"'”’)\]]*$")


def _heading_shaped(text: str, start: int, end: int) -> bool:
    """A whole line, short, that does not end a statement (not the text's first or last line)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0 or not text[line_end:].strip():
        return False  # the last line heads nothing
    if line_start == 0 or text[line_start:start].strip() or text[end:line_end].strip():
        return False  # the first line is the title or lead; a heading is a whole line
    line = text[start:end]
    words = WORD.findall(line)
    if not words or len(words) > _HEADING_MAX_WORDS or not _HEADING_START.match(line):
        return False
    if _MD_HEADING.match(line) or _QUESTION_END.search(line):
        return True
    # A line without end punctuation is a heading unless it states nothing (a dateline or byline
    # stamp: "Published 10:15 a.m. ET March 3, 2026").
    return not _STATEMENT_END.search(line) and not states_nothing(line)


def section_headings(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (of the sentence spans given) that are section headings, in text order. A
    heading comes after the body has begun: the headline under a date line ("date 2025-08-13",
    "# Title") is the article's title, not a section's."""
    first_line_end = text.find("\n")
    out: list[tuple[int, int]] = []
    body = False
    for s, e in spans:
        if _heading_shaped(text, s, e):
            if body:
                out.append((s, e))
        elif not body and s > first_line_end >= 0 and not states_nothing(text[s:e]):
            body = True
    return out


def heading_before(text: str, headings: Sequence[tuple[int, int]], start: int) -> str:
    """The heading a sentence starting at ``start`` sits under ("" when none is within
    ``HEADING_REACH`` characters before it): the nearest heading before it."""
    at = bisect.bisect_right(headings, (start, start)) - 1
    while at >= 0 and headings[at][1] > start:
        at -= 1  # the sentence is the heading itself (or inside it)
    if at < 0 or start - headings[at][1] > HEADING_REACH:
        return ""
    s, e = headings[at]
    return _MD_HEADING.sub("", " ".join(text[s:e].split()))
