"""Which sentences can be evidence: statements, not questions, datelines or text addressed to an
AI; a field label joined to its value. Used by ``assistant.evidence`` when it splits the retrieved
documents into candidate sentences."""

from __future__ import annotations

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
