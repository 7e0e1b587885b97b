from __future__ import annotations

import pytest

from assistant.date_answer import finer_date
from assistant.types import Evidence


def _quote(text: str, published: str | None = "2015-05-01") -> Evidence:
    return Evidence(1, "d1", "T", published, None, None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("short", "sentence", "question", "expected"),
    [
        ("November", "Season 17 premiered November 12, 2020, on ABC.", "When did it premiere?",
         "November 12, 2020"),
        ("May 2012", "Diablo III was released on May 15, 2012.", "When was Diablo 3 released?", "May 15, 2012"),
        ("2017", "It came out in December 2017, on December 1, 2017 to be exact.", "When was it released?",
         "December 1, 2017"),
        # A year-less day in the sentence (its article of 2015) takes the model's year.
        ("2015", "It was released in Japan on April 29.", "When was it released?", "April 29, 2015"),
        # Two dates in the month: which one the model meant is not known.
        ("November", "Announced on November 3, it premiered on November 12.", "When did it premiere?",
         "November"),
        # Another month or year is not a finer form of the model's date.
        ("November", "Filming began on October 2, 2020.", "When did it premiere?", "November"),
        ("2019", "It was released on May 15, 2012.", "When was it released?", "2019"),
        # The question asks for the year itself.
        ("2012", "Diablo III was released on May 15, 2012.", "In which year was Diablo 3 released?", "2012"),
        # Already a day, or no date at all.
        ("May 15", "Diablo III was released on May 15, 2012.", "When was it released?", "May 15"),
        ("Tampa", "The game was played in Tampa on February 7, 2021.", "Where was it played?", "Tampa"),
    ],
)  # fmt: skip
def test_a_bare_date_is_as_specific_as_its_cited_sentence(
    short: str, sentence: str, question: str, expected: str
) -> None:
    assert finer_date(short, [_quote(sentence)], question) == expected


def test_a_year_less_day_must_fall_in_the_models_year_on_its_articles_clock() -> None:
    assert finer_date("2019", [_quote("It was released on April 29.", "2015-05-01")], "When?") == "2019"


def test_a_plans_day_from_an_older_report_is_out_of_date_where_a_newer_one_moves_it() -> None:
    from dataclasses import replace

    from assistant.date_answer import newer_plan_reason

    older = replace(_quote(
        "It will be chaired by Agnes Rellin, a retired judge, and will hold public hearings starting on June 16 "
        "at Kerrowby Town Hall.", "2031-05-15"), n=1)  # fmt: skip
    newer = replace(_quote(
        "KERROWBY, June 2 (Ostmere Courier) – The independent inquiry into the measles outbreak will open its "
        "public hearings on June 23 at the Ostmere Provincial Archive.", "2031-06-02"), n=2)  # fmt: skip
    asked = "When are the outbreak inquiry's public hearings due to start?"
    reason = newer_plan_reason(asked, "June 16", [older], [older, newer])
    assert reason is not None and "2031-06-02" in reason
    # The newer report's day is the answer; the older one's is out of date only where a newer exists.
    assert newer_plan_reason(asked, "June 23", [newer], [older, newer]) is None
    assert newer_plan_reason(asked, "June 16", [older], [older]) is None
    # A newer sentence about something else (fewer of the question's words) moves nothing.
    other = replace(_quote("The vaccination centre will close on June 30.", "2031-06-02"), n=3)
    assert newer_plan_reason(asked, "June 16", [older], [older, other]) is None
    # The original plan, or a first act, asked: a newer day does not change it.
    assert (
        newer_plan_reason(
            "When were the hearings originally due to start?", "June 16", [older], [older, newer]
        )
        is None
    )
    assert (
        newer_plan_reason("When did the inquiry first announce hearings?", "June 16", [older], [older, newer])
        is None
    )
    # A day on the newer report's own date is its report's, not a plan still ahead.
    today = replace(
        _quote(
            "The inquiry into the outbreak said on June 2 its public hearings were delayed.", "2031-06-02"
        ),
        n=5,
    )
    assert newer_plan_reason(asked, "June 16", [older], [older, today]) is None
    # Asked what happened, not what is planned: the plan checks' case.
    assert (
        newer_plan_reason("When did the public hearings start?", "June 16", [older], [older, newer]) is None
    )
    # A day already past when the newer report was written is no plan of it.
    past = replace(_quote(
        "The inquiry into the measles outbreak held its first public hearing on May 28.", "2031-06-02"), n=4)  # fmt: skip
    assert newer_plan_reason(asked, "June 16", [older], [older, past]) is None
