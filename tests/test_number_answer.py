"""Which of a sentence's numbers answers the question (spaCy's real small model)."""

from __future__ import annotations

import pytest

from assistant.name_forms import event_name
from assistant.number_answer import (
    better_number,
    measure_reason,
    money_count_reason,
    part_amount_reason,
    score_answer,
)
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


def test_the_level_after_to_beats_a_size_beside_it() -> None:
    index = "The World Container Index fell 3% to $1,850 per 40-foot container in the week to Thursday."
    question = "What was the World Container Index in the week to Thursday?"
    assert derive_short(index, question, "number") == "1,850"
    assert better_number("40-foot", index, question) == "1,850"


def test_a_score_question_gets_the_scoreline() -> None:
    derby = "Gor Mahia beat AFC Leopards 2-1 at Nyayo Stadium in Nairobi on Sunday."
    assert score_answer(derby, "What was the score of the Nairobi derby?") == "2-1"
    assert derive_short(derby, "What was the score of the Nairobi derby?", "other") == "2-1"
    assert score_answer("Talks ran from 2020-2021 and 9:30.", "Who won?") is None


def test_a_model_designation_stays_with_its_name() -> None:
    talks = "The talks covered upgrades to Su-30 MKI fighter jets and S-400 deliveries."
    assert derive_short(talks, "Which fighter jets were to get upgrades?", "name") == "Su-30 MKI"


def test_an_event_question_gets_the_events_name_not_its_city() -> None:
    talks = "Rajnath Singh met Andrey Belousov at the SCO Defence Ministers' Meeting in Qingdao in late June."
    question = "During which meeting did Rajnath Singh hold talks with Belousov?"
    assert derive_short(talks, question, "name") == "SCO Defence Ministers' Meeting"
    assert event_name(talks, "Where did Rajnath Singh meet Belousov?") is None  # not asked for an event


@pytest.mark.parametrize(
    ("question", "short", "sentences", "refused"),
    [
        ("What was Tesla's revenue in Q2 2020?", "$370 million",
         ["Revenue was stagnant in Q2 2020, with $370 million from that business."], True),
        ("What was Vantel's revenue?", "$2.1 billion", ["Revenue was $2.1 billion in its cloud unit."], True),
        ("What was Tesla's revenue in Q2 2020?", "$6.04 billion", ["Tesla reported revenue of $6.04 billion."], False),
        # The question asks about the part itself.
        ("What did Vantel's cloud unit earn?", "$2.1 billion", ["Revenue was $2.1 billion in its cloud unit."], False),
        # Another sentence states the amount of the whole.
        ("What was Vantel's revenue?", "$2.1 billion",
         ["Revenue was $2.1 billion in its cloud unit.", "Vantel's revenue reached $2.1 billion."], False),
    ],
)  # fmt: skip
def test_an_amount_said_of_one_part_is_not_the_whole(
    question: str, short: str, sentences: list[str], refused: bool
) -> None:
    assert (part_amount_reason(question, short, sentences) is not None) is refused


@pytest.mark.parametrize(
    ("question", "short", "sentence", "refused"),
    [
        ("How much has the compensation fund paid out so far?", "186", "The fund received 186 claims on its first day.", True),
        ("How much has the compensation fund paid out so far?", "12 million", "The fund has paid 12 million crowns.", False),
        ("How much did Google pay for YouTube?", "1.65 billion", "Google paid $1.65 billion for YouTube.", False),
        ("How many claims did the fund receive?", "186", "The fund received 186 claims.", False),
        # Revenue asked with "what": money too; a currency sign the model added makes no count money.
        ("What was Tesla's revenue in Q1 2021?", "$184,877", "Tesla delivered 184,877 vehicles in Q1 2021.", True),
        ("What was Tesla's revenue in Q1 2021?", "$10.4 billion", "Tesla reported $10.4 billion in revenue.", False),
        ("What was the company's revenue last year?", "4.2 billion", "Its revenue rose to 4.2 billion euros.", False),
        ("What was the size of the crowd?", "40,000", "About 40,000 people attended.", False),
    ],
)  # fmt: skip
def test_a_money_question_is_not_answered_by_a_count(
    question: str, short: str, sentence: str, refused: bool
) -> None:
    assert (money_count_reason(question, short, [sentence]) is not None) is refused


def test_a_measure_asked_must_be_named_by_the_numbers_sentence() -> None:
    favour = "Drivers accepted the deal, with 74 percent of those voting in favour."
    turnout = "81 percent backed strike action, on a turnout of 72 percent."
    asked = "What was the turnout in the drivers' ballot?"
    assert measure_reason(asked, "74 percent", [favour]) is not None
    assert measure_reason(asked, "72 percent", [turnout]) is None
    assert (
        measure_reason("How large a stake did Corvane hold?", "41.50", ["It offered 41.50 crowns a share."])
        is not None
    )
    # Not a measure: a price is said in other words ("crowns a share").
    assert (
        measure_reason("What price did Corvane offer?", "41.50", ["It offered 41.50 crowns a share."]) is None
    )


@pytest.mark.parametrize(
    ("question", "short", "refused"),
    [
        # A price per share is not the bid's total.
        ("What price per share had Halden put to Ostrava Rail in private?", "about 6.6 billion", True),
        ("What price per share had Halden put to Ostrava Rail in private?", "38 crowns", False),
        ("How much a share is the bidder offering?", "$2.1bn", True),
        ("How much was the bid worth in total?", "about 6.6 billion", False),
    ],
)  # fmt: skip
def test_a_price_per_unit_is_not_a_total(question: str, short: str, refused: bool) -> None:
    from assistant.number_answer import per_unit_reason

    assert (per_unit_reason(question, short) is not None) is refused
