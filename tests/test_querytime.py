from __future__ import annotations

from datetime import date

import pytest

from assistant.querytime import (
    DateMention,
    analyze_question,
    asks_about_outcome,
    find_dates,
    find_upcoming,
    is_future_wording,
    parse_date,
    to_days,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on August 21, 2025, for talks", (2025, 8, 21)),
        ("on 21 August 2025 in Moscow", (2025, 8, 21)),
        ("published 2025-08-13", (2025, 8, 13)),
        ("on Aug. 28 the outlets reported", (None, 8, 28)),
        ("in February 2025 to review", (2025, 2, None)),
        ("the 6th of July", (None, 7, 6)),
        ("in 2019", (2019, None, None)),
        ("released on November 21 of 1998 in Japan", (1998, 11, 21)),
        ("on 21 August of 2025", (2025, 8, 21)),
        ("debuted GPT-3 in June of 2020, it", (2020, 6, None)),
        ("Released 2019, September 20 ...", (2019, 9, 20)),
        ("on 2019 Sep 20 at noon", (2019, 9, 20)),
    ],
)
def test_find_dates_parts(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    dates = find_dates(text)
    assert len(dates) == 1
    d = dates[0]
    assert (d.year, d.month, d.day) == expected
    assert text[d.start : d.end] == d.text


def test_find_dates_ignores_modal_may() -> None:
    assert [d.text for d in find_dates("In 2019, may 20 people")][:1] == ["2019"]
    assert find_dates("Officials may meet again, they said.") == []
    assert [d.month for d in find_dates("The visit in May 2025 was brief.")] == [5]


def test_same_date_in_two_formats_matches_and_others_do_not() -> None:
    a = find_dates("21 August 2025")[0]
    b = find_dates("August 21, 2025")[0]
    assert a.matches(b) and b.matches(a)
    assert not a.matches(find_dates("August 22, 2025")[0])
    assert not a.matches(find_dates("August 21, 2024")[0])
    # A year-less quote takes the years it is given (its article's publish year).
    no_year = find_dates("on August 21")[0]
    assert a.matches(no_year, years=frozenset({2025}))
    assert not a.matches(no_year, years=frozenset({2023}))
    # A day is not supported by a bare month.
    assert not a.matches(find_dates("in August 2025")[0])


def test_date_mention_ranges() -> None:
    m = DateMention("February 2024", 0, 13, 2024, 2, None)
    assert m.first_day() == date(2024, 2, 1)
    assert m.last_day() == date(2024, 2, 29)
    assert DateMention("June", 0, 4, None, 6, None).last_day(2025) == date(2025, 6, 30)


@pytest.mark.parametrize(
    ("question", "kind", "start", "end"),
    [
        ("What happened this week?", "this_week", date(2026, 3, 13), date(2026, 3, 20)),
        ("Who resigned yesterday?", "yesterday", date(2026, 3, 18), date(2026, 3, 20)),
        ("What did the court rule last month?", "last_month", date(2026, 2, 1), date(2026, 3, 20)),
        ("Which company recently announced layoffs?", "recent", date(2026, 2, 18), date(2026, 3, 20)),
        ("How many storms hit this year?", "this_year", date(2026, 1, 1), date(2026, 3, 20)),
    ],
)
def test_relative_words_resolve_against_as_of(question: str, kind: str, start: date, end: date) -> None:
    qt = analyze_question(question, "2026-03-20")
    assert kind in qt.relative
    assert qt.reference == date(2026, 3, 20)
    assert qt.window is not None
    assert (qt.window.start, qt.window.end) == (start, end)


def test_without_as_of_the_reference_comes_from_the_sources_not_the_clock() -> None:
    qt = analyze_question("What happened this week?")
    assert qt.as_of is None and qt.reference is None and qt.window is None
    assert qt.needs_reference
    resolved = qt.resolved(date(2019, 5, 10))
    assert resolved.reference == date(2019, 5, 10)
    assert resolved.window is not None and resolved.window.end == date(2019, 5, 10)


@pytest.mark.parametrize(
    ("question", "present"),
    [
        ("Who is the current prime minister of Japan?", True),
        ("What is the latest on the strike?", True),
        ("Which team won this week?", True),
        ("Where was the 17th BRICS Summit held?", False),
        ("Who was the first president of the club, originally?", False),
    ],
)
def test_about_the_present(question: str, present: bool) -> None:
    assert analyze_question(question).about_present is present


def test_explicit_dates_in_the_question_are_mentions_not_a_published_window() -> None:
    qt = analyze_question("What did they agree on 21 August?", "2025-09-01")
    assert [(m.month, m.day) for m in qt.mentioned] == [(8, 21)]
    assert qt.window is None
    assert [(w.start, w.end) for w in qt.mentioned_windows()] == [(date(2025, 8, 21), date(2025, 8, 21))]


def test_parse_date_and_days() -> None:
    assert parse_date("2025-08-13T10:00:00") == date(2025, 8, 13)
    assert parse_date(None) is None
    assert to_days(date(1970, 1, 2)) == 1
    with pytest.raises(ValueError):
        parse_date("not a date")


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("What did the two ministers agree on?", True),
        ("What was decided at the summit?", True),
        ("Who won the election?", True),
        ("What was the outcome of the talks?", True),
        ("When will the ministers meet?", False),
        ("Where was the summit held?", False),
        # A circumstance of an act already reported, not what came of an event.
        ("On which social media platform did the ministry announce the talks?", False),
        ("In what city was the accord signed?", False),
    ],
)
def test_outcome_questions(question: str, outcome: bool) -> None:
    assert asks_about_outcome(question) is outcome


def test_future_wording() -> None:
    assert is_future_wording("The minister is set to visit Paris on May 3.")
    assert is_future_wording("Talks are scheduled for next week.")
    assert not is_future_wording("The minister visited Paris on May 3.")


SCHEDULED = "The foreign minister is set to meet her counterpart in Oslo on March 4 to discuss trade."


def test_upcoming_when_only_an_announcement_predates_the_event() -> None:
    qt = analyze_question("What did the foreign minister and her counterpart agree in Oslo?")
    ev = [(1, SCHEDULED, date(2024, 2, 20), 1.0)]
    up = find_upcoming(qt.question, ev, qt, [(date(2024, 2, 20), SCHEDULED)])
    assert up is not None
    assert up.event_date == date(2024, 3, 4) and up.published == date(2024, 2, 20)
    assert "scheduled for 4 Mar 2024" in up.describe() and "[1]" in up.describe()


def test_not_upcoming_when_a_later_source_covers_the_event() -> None:
    qt = analyze_question("What did the foreign minister and her counterpart agree in Oslo?")
    ev = [(1, SCHEDULED, date(2024, 2, 20), 1.0)]
    later = [(date(2024, 3, 5), "In Oslo the foreign minister and her counterpart agreed on a tariff deal.")]
    assert find_upcoming(qt.question, ev, qt, later) is None


def test_not_upcoming_for_when_questions_or_past_events() -> None:
    qt = analyze_question("When will the foreign minister meet her counterpart?")
    assert find_upcoming(qt.question, [(1, SCHEDULED, date(2024, 2, 20), 1.0)], qt, []) is None
    qt2 = analyze_question("What did the foreign minister and her counterpart agree in Oslo?")
    past = "The foreign minister met her counterpart in Oslo on January 4 and agreed on trade."
    assert find_upcoming(qt2.question, [(1, past, date(2024, 2, 20), 1.0)], qt2, []) is None


def test_upcoming_year_rolls_over_and_date_in_question_must_match() -> None:
    sentence = "Leaders will meet in Lima on January 10 to sign the accord."
    qt = analyze_question("What did the leaders sign on January 10?")
    up = find_upcoming(qt.question, [(2, sentence, date(2023, 12, 1), 1.0)], qt, [])
    assert up is not None and up.event_date == date(2024, 1, 10)
    qt_other = analyze_question("What did the leaders sign on February 2?")
    assert find_upcoming(qt_other.question, [(2, sentence, date(2023, 12, 1), 1.0)], qt_other, []) is None


def test_a_question_asked_as_of_a_date_is_about_that_present() -> None:
    assert analyze_question("Which automaker overtook Tesla in EV sales?", "2026-01-08").about_present
    # Without as-of, only present wording makes it so.
    assert not analyze_question("Which automaker overtook Tesla in EV sales?").about_present
    # An earlier year named, or the past itself, is history even as of a date.
    assert not analyze_question("Which automaker overtook Tesla in 2019?", "2026-01-08").about_present
    assert not analyze_question("When was the automaker founded?", "2026-01-08").about_present
