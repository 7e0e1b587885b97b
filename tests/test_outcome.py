from __future__ import annotations

import pytest

from assistant.outcome import choice_reason, finding_reason, loser_reason
from assistant.types import Evidence


def quote(text: str) -> Evidence:
    return Evidence(1, "d1", "Wire report", "2024-02-20", "wire", None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("question", "short", "sentences", "refused"),
    [
        # Every cited sentence has the answer lose.
        ("Who won the women's singles at the 2019 Harbor Open?", "Lena Osk",
         ["Lena Osk lost to Mira Vant on Saturday in the 2019 Harbor Open final."], True),
        ("Who won the women's singles at the 2019 Harbor Open?", "Lena Osk",
         ["Mira Vant defeated Lena Osk in the final, 6-3, 7-5, to win the 2019 Harbor Open.",
          "Lena Osk (Norland) was beaten in straight sets."], True),
        # One sentence has her lose, a list names both: she is still not who won.
        ("Who won the women's singles at the 2019 Harbor Open?", "Lena Osk",
         ["Lena Osk lost to Mira Vant on Saturday in the 2019 Harbor Open final.",
          "Harbor Open winners ; 2020, Ada Lund (Sudmark) ; 2019, Mira Vant (Norland), Lena Osk (Norland)"], True),
        ("Which team won the 2022 Valdora Cup?", "Marenne",
         ["Sudmark claimed the title with a 2-1 victory over Marenne."], True),
        # The winner of the same sentences is who won.
        ("Who won the women's singles at the 2019 Harbor Open?", "Mira Vant",
         ["Mira Vant defeated Lena Osk in the final, 6-3, 7-5, to win the 2019 Harbor Open."], False),
        ("Who won the women's singles at the 2019 Harbor Open?", "Mira Vant",
         ["Lena Osk lost to Mira Vant on Saturday in the 2019 Harbor Open final."], False),
        # A name that wins in one cited sentence and loses in another: not ruled out.
        ("Who won the 2019 Harbor Open?", "Lena Osk",
         ["Lena Osk won the 2019 Harbor Open.", "Lena Osk lost to Mira Vant in 2018."], False),
        # Not a question about who won: no check.
        ("Who played in the 2019 Harbor Open final?", "Lena Osk",
         ["Lena Osk lost to Mira Vant on Saturday in the 2019 Harbor Open final."], False),
        # A loser asked: the one a cited sentence has win is not it.
        ("Which losing bidder challenged the award of the vaccine contract?", "Corthaven Biologics",
         ["Corthaven, based in the port city of Vessmark, beat Lissmann Pharma and Haldor Vaccines."], True),
        ("Which losing bidder challenged the award of the vaccine contract?", "Corthaven Biologics",
         ["The agency awarded the contract to supply 600,000 doses to Corthaven Biologics."], True),
        ("Which losing bidder challenged the award of the vaccine contract?", "Lissmann Pharma",
         ["Corthaven, based in the port city of Vessmark, beat Lissmann Pharma and Haldor Vaccines."], False),
        ("Who was the runner-up in the 2019 Harbor Open?", "Mira Vant",
         ["Mira Vant defeated Lena Osk in the final to win the 2019 Harbor Open."], True),
        ("Who lost the 2019 Harbor Open final?", "Lena Osk",
         ["Mira Vant defeated Lena Osk in the final to win the 2019 Harbor Open."], False),
        # "Who defeated X?" asks the winner.
        ("Who defeated Lena Osk in the final?", "Mira Vant",
         ["Mira Vant defeated Lena Osk in the final to win the 2019 Harbor Open."], False),
    ],
)  # fmt: skip
def test_who_won_is_not_answered_by_the_one_who_lost_nor_the_loser_by_the_winner(
    question: str, short: str, sentences: list[str], refused: bool
) -> None:
    assert (loser_reason(question, short, [quote(s) for s in sentences]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "sentence", "refused"),
    [
        # A review to be ordered has found nothing yet.
        ("What did the review of the depot closure find?",
         "He said his first decision would be to order a review of the depot closure.", True),
        ("What did the review of the depot closure find?",
         "The review found that the closure saved 2 million euros a year.", False),
        ("What did the audit show?", "The audit could show whether funds were misused.", True),
        ("What did the inquiry conclude?", "The inquiry concluded that the dam was poorly maintained.", False),
        # Not a question about a finding.
        ("What did the minister announce?", "The minister said he would order a review.", False),
    ],
)  # fmt: skip
def test_a_finding_asked_is_reported(question: str, sentence: str, refused: bool) -> None:
    assert (finding_reason(question, [quote(sentence)]) is not None) is refused


@pytest.mark.parametrize(
    ("question", "answer", "refused"),
    [
        ("Did the court annul or uphold the contract award?", "The court suspended the award [1].", True),
        ("Did the court annul or uphold the contract award?", "The court annulled the award [1].", False),
        ("Did the court uphold or annul the award?", "The court upheld the award [1].", False),
        ("Will the match be played on Saturday or Sunday?", "On Sunday, Oct. 11 [1].", False),
        ("Who won the final?", "Dunleith won [1].", False),
    ],
)
def test_a_choice_asked_is_answered_by_one_of_its_options(question: str, answer: str, refused: bool) -> None:
    assert (choice_reason(question, answer) is not None) is refused
