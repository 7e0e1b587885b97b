"""Elapsed time since an event: "How many years has it been since Russia launched its full-scale
invasion of Ukraine?" is asked as "When did Russia launch its full-scale invasion of Ukraine?",
and the count is computed from the cited date against the question's clock.

The small model cannot count years, and a count it states ("4 years") is in no source, so the
citation check rightly rejects it. The date is what the sources say (cited and checked like any
"when" answer); the count is arithmetic the pipeline does, on the question's as-of date, else the
newest cited source's publish date (never the machine's today: the two clocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from assistant.querytime import DateMention, find_dates, parse_date
from assistant.types import Answer
from ingest.nlp import lemmas, parse_one

# "How long": counted in the largest of these that counts at least one (weeks lose the days).
_HOW_LONG_UNITS = ("year", "month", "day")
_SINCE = re.compile(
    r"^\s*how\s+(?:many\s+(?P<unit>years|months|weeks|days)|long)\s+"
    r"(?:(?:has\s+it\s+been|have\s+passed|had\s+passed|is\s+it|was\s+it)\s+)?since\s+(?P<clause>.+?)\s*\??\s*$",
    re.I,
)
_AGO = re.compile(
    r"^\s*how\s+(?:many\s+(?P<unit>years|months|weeks|days)|long)\s+ago\s+(?P<rest>(?:did|was|were)\s+.+?)\s*\??\s*$",
    re.I,
)


@dataclass(frozen=True)
class ElapsedQuestion:
    """An elapsed-time question: its unit (None for "how long": the largest whole unit) and the
    "when" question that finds the event's date."""

    unit: str | None
    when: str


def elapsed_question(question: str) -> ElapsedQuestion | None:
    """The "when" form of "How many years has it been since ...?" / "How long ago did ...?";
    None for any other question or a clause it cannot turn."""
    if m := _AGO.match(question):
        return ElapsedQuestion(_unit(m.group("unit")), f"When {m.group('rest')}?")
    if m := _SINCE.match(question):
        when = _when_form(m.group("clause"))
        return ElapsedQuestion(_unit(m.group("unit")), when) if when else None
    return None


def _unit(word: str | None) -> str | None:
    return word.lower().rstrip("s") if word else None


def _when_form(clause: str) -> str | None:
    """ "Russia launched its invasion" -> "When did Russia launch its invasion?"; "he was
    elected" -> "When was he elected?"; a noun phrase ("the January 6 insurrection") -> "When was
    the January 6 insurrection?"."""
    doc = parse_one(clause)
    if doc is None:
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.pos_ not in ("VERB", "AUX"):
        return f"When was {clause}?"
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were")]
    if aux:
        rest = clause[: aux[0].idx] + clause[aux[0].idx + len(aux[0].text) :].lstrip()
        return f"When {aux[0].lower_} {rest.strip()}?"
    if root.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return None  # "had launched", "has launched": left alone
    # The lemmatizing pipeline loads only here, for the one clause shape that needs it.
    base = lemmas(clause)
    if base is None or len(base) != len(doc):
        return None
    return f"When did {clause[: root.idx]}{base[root.i]}{clause[root.idx + len(root.text) :]}?"


def _count(d: DateMention, clock: date, unit: str) -> int | None:
    """Whole ``unit``s from the date to the clock; None when the date is too vague for the unit.
    A date without its day (or month) is counted in calendar months (or years): "2022" to
    February 2026 is 4 years."""
    assert d.year is not None
    if d.month is None:
        return clock.year - d.year if unit == "year" else None
    if d.day is None:
        months = (clock.year - d.year) * 12 + clock.month - d.month
        return {"year": months // 12, "month": months}.get(unit)
    return elapsed_between(date(d.year, d.month, d.day), clock, unit)


def elapsed_between(start: date, end: date, unit: str) -> int:
    """Whole units from ``start`` to ``end`` (an anniversary not yet reached does not count)."""
    if unit == "day":
        return (end - start).days
    if unit == "week":
        return (end - start).days // 7
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return months if unit == "month" else months // 12


def elapsed_answer(asked: ElapsedQuestion, question: str, found: Answer, reference: date | None) -> Answer:
    """The "when" answer turned into the count asked, on ``reference`` (the question's clock);
    the "when" answer as is (its date shown, the count not made up) when the date lacks the
    precision the unit needs, no clock is known, or the sources did not answer."""
    base = replace(found, question=question)
    if found.refused:
        return base
    dates = [d for d in find_dates(found.short_answer) if d.year is not None]
    clock = reference or _newest_cited(found)
    if not dates or clock is None:
        base.notes = [*found.notes, "the elapsed time was not computed: no dated answer or no clock"]
        return base
    picked = next(
        (
            (unit, count)
            for unit in ([asked.unit] if asked.unit else _HOW_LONG_UNITS)
            if (count := _count(dates[0], clock, unit)) is not None and (count >= 1 or asked.unit)
        ),
        None,
    )
    if picked is None or picked[1] < 0:
        base.notes = [
            *found.notes,
            "the elapsed time was not computed: the date is too vague or after the clock",
        ]
        return base
    unit, count = picked
    noun = unit if count == 1 else f"{unit}s"
    # "How many years ...?" names its unit: the bare answer is the count ("4"), as for any "how
    # many"; "How long ...?" does not: "8 days".
    base.short_answer = str(count) if asked.unit else f"{count} {noun}"
    base.answer = f"{count} {noun} as of {clock:%B} {clock.day}, {clock.year}: {found.answer}"
    base.notes = [
        *found.notes,
        f"counted from {found.short_answer} to {clock.isoformat()} (asked as: {asked.when})",
    ]
    return base


def _newest_cited(found: Answer) -> date | None:
    days = [parse_date(c.published) for c in found.citations if c.published]
    return max((d for d in days if d is not None), default=None)
