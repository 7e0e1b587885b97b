"""Checks that the answer is of the contest the question asks about: its stage (the run-off, not
the first round; the final, not a semi-final), its side (the women's event, not the men's) and its
division (the open event, not the wheelchair or junior one). Split from ``assistant.subjects``,
whose checks are about the question's names, places and roles."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.subjects import PASSAGE_WINDOW
from assistant.types import Evidence

# Stages of one contest, by the words that say them. A share, a score or a winner of one stage is
# not another's: "Bíró took 38.9%" (the first round) does not answer "What share did he get in the
# run-off?". The final is left out: winning it is winning the whole ("France won the 2018 World
# Cup" answers "Who won the World Cup final?"), so only a sentence naming another stage fails it.
_STAGES: dict[str, re.Pattern[str]] = {
    "run-off": re.compile(r"\brun[- ]?offs?\b|\bsecond[- ]round\b", re.I),
    "first round": re.compile(r"\bfirst[- ]round\b", re.I),
    "semi-final": re.compile(r"\bsemi[- ]?finals?\b|\bsemis\b", re.I),
    "quarter-final": re.compile(r"\bquarter[- ]?finals?\b", re.I),
}
# "The final" as a noun ("the cup final", "in the final", "the final on Sunday"), not the adjective
# of "the final score".
_FINAL_ASKED = re.compile(
    r"(?<![\w-])finals?(?=\s*(?:[?.,;]|$|\s+(?:of|on|at|in|against|between|was|is|will|be|took|"
    r"takes|held|played|last|this|next)\b))",
    re.I,
)


# A stage spoken of as still to come ("will meet in a run-off", "faces run-off", "short of the
# majority needed to avoid a run-off"): a passage saying only that is about an earlier stage.
_STAGE_AHEAD = re.compile(
    r"\b(?:will|would|to|face[sd]?|facing|avoid|avoiding|force[sd]?|forcing|heads?|heading|set for|next"
    r"|upcoming|possible|likely|expected|reach|reached)\s+(?:\S+\s+){0,3}$",
    re.I,
)


# The stages that come after one ("final" is ``_FINAL_ASKED``'s).
_LATER_STAGES: dict[str, tuple[str, ...]] = {
    "first round": ("run-off",),
    "quarter-final": ("semi-final", "final"),
    "semi-final": ("final",),
}


def _stage_ahead(pattern: re.Pattern[str], text: str) -> bool:
    """``text`` names the stage as one to come."""
    return any(_STAGE_AHEAD.search(text[: m.start()]) for m in pattern.finditer(text))


# A stage of another edition: "who took charge of last season's semi-final" says nothing of
# this season's final.
_OTHER_EDITION = re.compile(
    r"\b(?:(?:last|previous|past)\s+(?:season|year|edition|campaign)|(?:19|20)\d\d)['’]?s?\s+$", re.I
)


def _stage_said(pattern: re.Pattern[str], text: str) -> bool:
    """``text`` names the stage other than as one to come."""
    return any(not _STAGE_AHEAD.search(text[: m.start()]) for m in pattern.finditer(text))


def stage_reason(
    question: str, holding: Sequence[Evidence], documents: Mapping[str, str] | None = None
) -> str | None:
    """The question asks about one stage of a contest ("in the run-off", "the semi-finals") and
    no sentence stating the answer is about it: the first round's share, the semi-final's date or
    venue is not the run-off's or the final's. A sentence naming no stage is about the one its
    title or passage (``documents``) reports ("Turnout was 57%." under "Bíró unseats Varga in
    run-off"), not one they only say is to come ("faces run-off"). For the final, only a sentence
    naming another stage fails."""
    if not holding:
        return None
    said = " ".join(q.text for q in holding)
    for stage, pattern in _STAGES.items():
        if not pattern.search(question) or pattern.search(said):
            continue
        if _stage_said(_FINAL_ASKED, said) or any(_stage_said(p, said) for p in _STAGES.values()):
            return (
                f"the question asks about the {stage}; the sentence stating the answer is about another stage"
            )
        for q in holding:
            around = (documents or {}).get(q.doc_id, "")[
                max(0, q.start - PASSAGE_WINDOW) : q.end + PASSAGE_WINDOW
            ]
            if _stage_said(pattern, q.title) or _stage_said(pattern, around):
                break
            # A passage saying only that a later stage is to come reports an earlier one: "Varga
            # won 44.2% ... short of the majority needed to avoid a run-off" is the first round.
            later = [_STAGES.get(name, _FINAL_ASKED) for name in _LATER_STAGES.get(stage, ())]
            if any(_stage_ahead(p, f"{q.title} {q.text} {around}") for p in later):
                break
        else:
            return f"the question asks about the {stage}; no sentence stating the answer names it"
    if _FINAL_ASKED.search(question) and not _FINAL_ASKED.search(said):
        other = next(
            (
                stage
                for stage, pattern in _STAGES.items()
                if any(not _OTHER_EDITION.search(said[: m.start()]) for m in pattern.finditer(said))
            ),
            None,
        )
        if other is not None:
            return f"the question asks about the final; the sentence stating the answer is about the {other}"
    return None


# The two sides of a gendered event or ranking ("the women's singles", "men's No 1"). Plural and
# possessive forms only: "a man was arrested" does not make a passage about the men's event.
# Tennis's two tours name their side: the ATP is the men's, the WTA the women's.
_GENDERED = {
    "women's": re.compile(r"\b(?:women|ladies|female|girls)(?:['’]s?)?(?![\w'’])|\bWTA\b", re.I),
    "men's": re.compile(r"\b(?:men|gentlemen|male|boys)(?:['’]s?)?(?![\w'’])|\bATP\b", re.I),
}


def gender_reason(
    question: str, holding: Sequence[Evidence], documents: Mapping[str, str] | None = None
) -> str | None:
    """The question asks about one side of a gendered event ("the women's singles") and the
    sentences naming the answer, their titles and passages, speak of the other side only: "2018,
    Wimbledon, Novak Djokovic" from a list of men's champions does not name the women's one."""
    asked = [side for side, pattern in _GENDERED.items() if pattern.search(question)]
    if len(asked) != 1 or not holding:
        return None
    other = "men's" if asked[0] == "women's" else "women's"
    for q in holding:
        around = (documents or {}).get(q.doc_id, "")[max(0, q.start - PASSAGE_WINDOW) : q.end]
        said = f"{q.title} {q.text} {around}"
        if _GENDERED[asked[0]].search(said) or not _GENDERED[other].search(said):
            return None
    return f"the sentences naming the answer speak of the {other} side, the question of the {asked[0]}"


# Divisions that make a competition or ranking another one than the open event: the wheelchair
# tour's No. 1 is not "women's year-end No 1", the junior champion not "the winner of the US Open".
# Lower-case "junior"/"youth": capitalised, they are names ("Vinícius Júnior", "Youth Party").
# A rank before an office is no division: "junior minister for social care", "junior partner".
_DIVISION = re.compile(
    r"\b(?:[Ww]heelchair|[Pp]aralympic|[Pp]ara-\w+|junior|juniors|youth|amateur|veterans|"
    r"[Uu]nder-\d{2}|U-?\d{2})\b"
    r"(?!\s+(?:minister|partner|doctor|officer|staff|employee|secretary|analyst|associate|member|clerk|"
    r"lecturer|government|coalition)s?\b)"
)


def division_reason(question: str, holding: Sequence[Evidence]) -> str | None:
    """Every sentence naming the answer speaks of a division of the competition (wheelchair,
    junior, under-21) that the question does not name."""
    if not holding or _DIVISION.search(question):
        return None
    found = [_DIVISION.search(q.text) for q in holding]
    if not all(found):
        return None
    division = next(m.group(0).lower() for m in found if m)
    return f"the sentence naming the answer speaks of the {division} division, which the question does not ask about"
