from __future__ import annotations

import pytest

from assistant.answerability import unanswered_reason
from assistant.subjects import region_reason
from assistant.types import Evidence
from ingest.places import country_name
from ingest.regions import REGION_COUNTRIES, asked_region, in_region


@pytest.mark.parametrize(
    ("question", "region"),
    [
        ("Which Gulf country signed the pact?", "gulf"),
        ("Which South Asian nations attended the summit?", "south asian"),  # not just "asian"
        ("Which Southeast Asian state hosted the talks?", "southeast asian"),
        ("Which African members joined the bloc?", "african"),
        ("Which country signed the pact?", None),
        ("Which European Union member vetoed it?", None),  # a union, not the region
        ("Who chaired the Arab League meeting?", None),
    ],
)
def test_the_region_a_question_puts_on_a_country(question: str, region: str | None) -> None:
    assert asked_region(question) == region


def test_every_region_country_is_a_gazetteer_country() -> None:
    # A misspelt name in a region would never match the answer's country.
    for region, countries in REGION_COUNTRIES.items():
        for country in countries:
            assert country_name(country) == country, (region, country)


def test_transcontinental_countries_are_in_both_continents() -> None:
    assert in_region("Russia", "european") and in_region("Russia", "asian")
    assert in_region("Egypt", "african") and in_region("Egypt", "middle eastern")
    assert not in_region("Egypt", "gulf")


@pytest.mark.parametrize(
    ("question", "short", "refused"),
    [
        ("Which Gulf country joined the alliance?", "Egypt", True),
        ("Which Gulf country joined the alliance?", "the UAE", False),
        ("Which Gulf country joined the alliance?", "Qatar and Egypt", False),  # one of them is
        ("Which African nation hosted the summit?", "Brazil", True),
        ("Which African nation hosted the summit?", "Addis Ababa", False),  # no country named
        ("Which country hosted the summit?", "Brazil", False),  # no region asked
    ],
)
def test_an_answer_outside_the_asked_region_is_refused(question: str, short: str, refused: bool) -> None:
    assert (region_reason(question, short) is not None) is refused


def test_the_region_check_runs_among_the_answer_checks() -> None:
    text = "The alliance admitted four new members this year: Egypt, Kenya, Qatar and Chile."
    quote = Evidence(1, "d1", "Alliance grows", "2024-03-02", "Wire", None, text, 0, len(text), 1.0)
    question = "Which Gulf country joined the alliance this year?"
    wrong = unanswered_reason(question, "place", "Egypt joined the alliance [1].", "Egypt", [quote])
    assert wrong is not None and "Gulf" in wrong
    assert unanswered_reason(question, "place", "Qatar joined the alliance [1].", "Qatar", [quote]) is None
