"""A snippet cut right after its verb says nothing of the answer it names."""

from __future__ import annotations

import pytest

from assistant.answerability import unanswered_reason
from assistant.fragments import cut_before_predicate, cut_reason
from assistant.types import Evidence


def quote(text: str, n: int = 1) -> Evidence:
    return Evidence(n, f"d{n}", "", "2019-08-22", "web", None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("In 2019, Halvorsen has ...", True),
        ("In 2019, Halvorsen has\xa0...", True),
        ("Halvorsen will …", True),
        ("Aug 22, 2019 ... In 2019, Halvorsen has ...", True),
        ("Halvorsen has won the title and ...", False),  # says what he won before the cut
        ("The winner was Halvorsen, who has ...", False),  # the answer is not the cut verb's subject
        ("In 2019, Halvorsen has", False),  # not cut by its source
    ],
)
def test_a_verb_cut_off_after_the_answer(text: str, cut: bool) -> None:
    assert cut_before_predicate(text, "Halvorsen") is cut


def test_the_answer_is_refused_only_when_every_sentence_naming_it_is_cut() -> None:
    cut = quote("In 2019, Halvorsen has ...")
    said = quote("Halvorsen finished 2019 as the year-end No. 1 in men's tennis.", 2)
    assert cut_reason("Halvorsen", [cut]) is not None
    assert cut_reason("Halvorsen", [cut, said]) is None
    question = "What is men's year-end No 1 in tennis in 2019?"
    answer = "Halvorsen is the men's year-end No. 1 in 2019 [1]."
    assert unanswered_reason(question, "person", answer, "Halvorsen", [cut]) is not None


def test_sentences_name_the_answer_by_whole_word() -> None:
    # "Li" inside "Lionel" is not the answer named: the cut sentence is the only one naming Li.
    cut = quote("In 2019, Li has ...")
    other = quote("Lionel Marsh won the award.", 2)
    assert cut_reason("Li", [cut, other]) is not None
    assert cut_reason("Na Li", [cut, other]) is not None
