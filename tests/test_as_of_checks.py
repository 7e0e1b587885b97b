"""Checks against the question's own clock: stale sources, plans whose dates had passed."""

from __future__ import annotations

from assistant.as_of_checks import as_of_reason, passed_plan_reason, stale_reason
from assistant.querytime import analyze_question
from assistant.types import Evidence


def quote(text: str, published: str | None = "2024-02-20") -> Evidence:
    return Evidence(1, "d1", "Wire report", published, "Wire", None, text, 0, len(text), 1.0)


def test_a_span_the_question_names_is_not_reported_by_articles_a_year_older() -> None:
    qt = analyze_question("Who won the vote this week?", "2026-03-05")
    assert qt.window is not None
    assert stale_reason(qt, [quote("X won the vote.", "2024-03-01")]) is not None
    # Within a year of the span, or with an undated source among the cited, it stands.
    assert stale_reason(qt, [quote("X won the vote.", "2025-06-01")]) is None
    assert stale_reason(qt, [quote("X won the vote.", "2024-03-01"), quote("X won.", None)]) is None
    # No relative words and no as-of date: no time of its own to be stale against.
    assert (
        stale_reason(analyze_question("Who won the vote?"), [quote("X won the vote.", "2020-03-01")]) is None
    )


def test_a_question_asking_for_the_newest_is_not_answered_from_articles_years_before_its_date() -> None:
    old = quote("Average life expectancy fell to 76.4 years, according to federal data released Thursday.",
                "2022-12-22")  # fmt: skip
    asked = "According to new federal data, what is the average life expectancy in the US?"
    reason = stale_reason(analyze_question(asked, "2026-01-30"), [old])
    assert reason is not None and "2022-12-22" in reason
    assert stale_reason(
        analyze_question("What are the latest figures on life expectancy?", "2026-01-30"), [old]
    )
    # Asked when that data was new, it answers.
    assert stale_reason(analyze_question(asked, "2023-01-10"), [old]) is None
    # A present state may have held for years; a name holding "New" is no request for the newest.
    assert stale_reason(analyze_question("Who is the mayor of Dunmore now?", "2026-01-30"), [old]) is None
    assert stale_reason(analyze_question("Who governs New Mexico?", "2026-01-30"), [old]) is None
    # Without an as-of date, "new" has no clock to be read on.
    assert stale_reason(analyze_question(asked), [old]) is None


def test_a_question_about_what_is_to_come_is_not_answered_by_a_plan_whose_date_had_passed() -> None:
    deadline = quote(
        "China faces an Aug. 12 deadline to reach an agreement with the United States.", "2025-07-31"
    )
    asked = "Which country may soon face higher tariffs for failing to reach a trade agreement with the US?"
    reason = passed_plan_reason(analyze_question(asked, "2026-01-30"), [deadline])
    assert reason is not None and "2025-08-12" in reason
    # Asked before the deadline, the plan is still to come.
    assert passed_plan_reason(analyze_question(asked, "2025-08-01"), [deadline]) is None
    # A sentence with no date of its own may speak of any time; an undated article has no clock.
    undated_plan = quote("China faces a deadline to reach an agreement with the United States.", "2025-07-31")
    assert passed_plan_reason(analyze_question(asked, "2026-01-30"), [undated_plan]) is None
    assert passed_plan_reason(analyze_question(asked, "2026-01-30"), [quote(deadline.text, None)]) is None
    # A question about the past is not this check's.
    past = "Which country faced a deadline to reach a trade agreement with the US?"
    assert passed_plan_reason(analyze_question(past, "2026-01-30"), [deadline]) is None
    # One cited sentence whose date is still ahead keeps the answer.
    later = quote("Talks with China are set to resume on March 2.", "2026-01-20")
    assert passed_plan_reason(analyze_question(asked, "2026-01-30"), [deadline, later]) is None
    assert as_of_reason(analyze_question(asked, "2026-01-30"), [deadline]) == reason
