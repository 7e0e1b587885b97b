from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.elapsed import ElapsedQuestion, elapsed_answer, elapsed_question
from assistant.settings import Settings
from assistant.types import Answer, Citation
from tests.test_engine import STRIKE, engine_for


@pytest.mark.parametrize(
    ("question", "unit", "when"),
    [
        ("How many years has it been since Russia launched its full-scale invasion of Ukraine?", "year",
         "When did Russia launch its full-scale invasion of Ukraine?"),
        ("How many years has it been since the January 6 insurrection at the Capitol?", "year",
         "When was the January 6 insurrection at the Capitol?"),
        ("How long has it been since Vant was elected mayor?", None, "When was Vant elected mayor?"),
        ("How many months ago did the strike begin?", "month", "When did the strike begin?"),
        ("How many days since the ceasefire took effect?", "day", "When did the ceasefire take effect?"),
    ],
)  # fmt: skip
def test_an_elapsed_time_question_is_asked_as_when(question: str, unit: str | None, when: str) -> None:
    assert elapsed_question(question) == ElapsedQuestion(unit, when)


@pytest.mark.parametrize(
    "question",
    ["How many people died since the ceasefire?", "How long did the strike last?", "When did it begin?"],
)
def test_other_questions_are_not_elapsed_time(question: str) -> None:
    assert elapsed_question(question) is None


def test_the_lemmatizer_loads_only_for_a_past_tense_clause(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counted(text: str) -> list[str] | None:
        calls.append(text)
        return None

    monkeypatch.setattr("assistant.elapsed.lemmas", counted)
    assert elapsed_question("How long has it been since Vant was elected mayor?") is not None
    assert elapsed_question("How many years since the January 6 insurrection?") is not None
    assert elapsed_question("How many years since Russia had launched its invasion?") is None
    assert calls == []
    elapsed_question("How many years since Russia launched its invasion?")
    assert calls == ["Russia launched its invasion"]


def _found(short: str, published: str | None = "2024-03-02", refused: bool = False) -> Answer:
    quote = f"The strike began on {short}."
    cite = Citation(1, "d1", "Strike", "wire", None, published, quote, 0, len(quote), True)
    return Answer("When did the strike begin?", f"{quote[:-1]} [1].", short, refused, [cite])


@pytest.mark.parametrize(
    ("unit", "short", "clock", "shown"),
    [
        ("year", "February 24, 2022", date(2026, 2, 26), "4 years"),
        ("year", "February 24, 2022", date(2026, 2, 23), "3 years"),  # the anniversary not reached
        ("year", "2022", date(2026, 1, 5), "4 years"),  # a year alone: calendar years
        ("month", "November 2025", date(2026, 2, 1), "3 months"),
        ("day", "February 23, 2024", date(2024, 3, 2), "8 days"),
        ("week", "February 23, 2024", date(2024, 3, 2), "1 week"),
        (None, "February 23, 2024", date(2024, 3, 2), "8 days"),  # "how long": the largest unit that counts
        (None, "February 23, 2021", date(2024, 3, 2), "3 years"),
    ],
)  # fmt: skip
def test_the_count_is_computed_from_the_cited_date(
    unit: str | None, short: str, clock: date, shown: str
) -> None:
    asked = ElapsedQuestion(unit, "When did the strike begin?")
    counted = elapsed_answer(asked, "How long since the strike began?", _found(short), clock)
    # A unit the question names is not said again in the bare answer ("How many years?" -> "4").
    assert counted.short_answer == (shown.split()[0] if unit else shown)
    assert counted.question == "How long since the strike began?"
    assert counted.answer.startswith(f"{shown} as of ") and counted.answer.endswith(f"{short} [1].")
    assert counted.citations and counted.citations[0].supported


def test_no_count_is_made_up() -> None:
    asked = ElapsedQuestion("day", "When did the strike begin?")
    # A month is not precise enough for days: the date is shown, not a count.
    vague = elapsed_answer(
        asked, "How many days since the strike began?", _found("February 2024"), date(2024, 3, 2)
    )
    assert vague.short_answer == "February 2024" and any("not computed" in n for n in vague.notes)
    # No as-of date: the newest cited source's publish date is the clock (never the machine's today).
    dated = elapsed_answer(asked, "q", _found("February 23, 2024"), None)
    assert dated.short_answer == "8" and dated.answer.startswith("8 days as of March 2, 2024")
    undated = elapsed_answer(asked, "q", _found("February 23, 2024", published=None), None)
    assert undated.short_answer == "February 23, 2024"
    refused = elapsed_answer(asked, "q", _found("", refused=True), date(2024, 3, 2))
    assert refused.refused and refused.short_answer == ""


def test_the_engine_finds_the_date_then_counts(settings: Settings, tmp_path: Path) -> None:
    engine, llm = engine_for(settings, tmp_path, STRIKE)
    llm.enqueue("Answer: The strike began on February 23, 2024 [1].\nShort: February 23, 2024")
    answer = engine.ask("How many days have passed since the Valdora dock strike began?", as_of="2024-03-02")
    assert "When did the Valdora dock strike begin?" in llm.prompts[-1]
    assert not answer.refused and answer.short_answer == "8" and answer.answer.startswith("8 days as of")
    assert answer.question == "How many days have passed since the Valdora dock strike began?"
    assert answer.citations[0].supported and "February 23, 2024" in answer.citations[0].quote


def test_the_elapsed_answer_streams_the_date_draft(settings: Settings, tmp_path: Path) -> None:
    engine, llm = engine_for(settings, tmp_path, STRIKE)
    llm.enqueue("Answer: The strike began on February 23, 2024 [1].\nShort: February 23, 2024")
    items = list(engine.stream("How many days since the Valdora dock strike began?", as_of="2024-03-02"))
    deltas = [i for i in items if isinstance(i, str)]
    assert len(deltas) > 1 and "".join(deltas) == "The strike began on February 23, 2024 [1]."
    assert len(items) == len(deltas) + 1
    final = items[-1]
    assert isinstance(final, Answer) and final.short_answer == "8"
