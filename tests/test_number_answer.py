"""Which of a sentence's numbers answers the question (spaCy's real small model)."""

from __future__ import annotations

import pytest

from assistant.number_answer import better_number
from assistant.short_answer import derive_short

RESULTS = "Nordvik Shipping's fourth-quarter revenue rose 12% to $3.4 billion."
PROFIT = "Nordvik Shipping's net profit fell to $410 million from $520 million a year earlier."


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        (RESULTS, "What was Nordvik Shipping's fourth-quarter revenue?", "$3.4 billion"),
        (RESULTS, "By how much did Nordvik's fourth-quarter revenue rise?", "12%"),
        (PROFIT, "What was Nordvik's net profit?", "$410 million"),
        (PROFIT, "What was Nordvik's net profit a year earlier?", "$520 million"),
        ("About 2,400 people were evacuated and some 600 spent a second night in halls.",
         "How many people were evacuated?", "About 2,400"),
    ],
)  # fmt: skip
def test_the_number_that_answers_is_taken_from_the_sentence(
    sentence: str, question: str, expected: str
) -> None:
    assert derive_short(sentence, question, "number") == expected


def test_a_models_bare_number_is_replaced_only_by_a_better_one() -> None:
    assert (
        better_number("12%", RESULTS, "What was Nordvik Shipping's fourth-quarter revenue?") == "$3.4 billion"
    )
    assert (
        better_number("$3.4 billion", RESULTS, "What was Nordvik Shipping's fourth-quarter revenue?") is None
    )
    # Equally good readings: the model's choice stands.
    assert better_number("11", "At least 11 people died and 2,400 fled.", "How many people died?") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("The strike was planned to last 48 hours.", "48 hours"), ("Dockworkers began a 48-hour strike.", "48-hour"),
     ("The talks lasted six hours.", "six hours")],
)  # fmt: skip
def test_a_duration_keeps_its_unit(sentence: str, expected: str) -> None:
    assert derive_short(sentence, "How long did it last?", "number") == expected
    assert better_number("48", sentence, "How long did it last?") in (expected, None)
    assert better_number(expected, sentence, "How long did it last?") is None
