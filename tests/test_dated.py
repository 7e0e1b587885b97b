from __future__ import annotations

import pytest

from assistant.dated import dated_in
from assistant.types import Evidence

WIDENED = (
    "MERROWGATE, May 4 – Harrowfield Foods on Wednesday expanded its listeria recall to all 41 products "
    "made at its Brackwater plant."
)
DECISION = (
    "The expanded recall is the first major decision for Ilse Brannock, who became acting chief executive "
    "on Monday, when Marten Quill resigned."
)


def _said(text: str, score: float = 1.0, n: int = 1) -> Evidence:
    return Evidence(n, f"d{n}", "Wire report", "2028-05-04", "wire", None, text, 0, len(text), score)


@pytest.mark.parametrize(
    ("question", "sentence", "day"),
    [
        # A weekday on the article's clock; not the wire dateline's day.
        (
            "When was the recall extended to everything produced at the Brackwater site?",
            WIDENED,
            "3 May 2028",
        ),
        (
            "When did the strike begin?",
            "The strike began on February 23, 2024, over pay.",
            "February 23, 2024",
        ),
        # The day hangs from another act ("became"), the act only a noun's modifier: no day of it.
        ("When was the recall extended to everything produced at the Brackwater site?", DECISION, None),
        # Two days of the act: a span or a move, the model's to read.
        ("When did the hearing move?", "The hearing moved from May 18 to June 8.", None),
        # A sentence that does not say the act.
        ("When did the strike end?", "The strike began on February 23, 2024, over pay.", None),
        # The act as the object of a support verb: "lodged an appeal", "filed a complaint".
        (
            "When did the trust appeal against the ruling?",
            "The trust lodged an appeal with the Supreme Administrative Court on July 4 against the ruling.",
            "July 4",
        ),
        ("When did the bidder complain?", "Lissmann filed a formal complaint on May 2.", "May 2"),
        # Another act done to the act's noun is not the act: the appeal rejected that day.
        ("When did the trust appeal against the ruling?", "The court rejected the appeal on July 4.", None),
    ],
)
def test_the_day_a_sentence_gives_the_act_asked(question: str, sentence: str, day: str | None) -> None:
    found = dated_in(question, [_said(sentence)])
    assert (found[1] if found else None) == day


def test_the_best_ranked_sentence_that_dates_the_act_is_read() -> None:
    question = "When was the recall extended to everything produced at the Brackwater site?"
    found = dated_in(question, [_said(DECISION, 0.9, 1), _said(WIDENED, 0.5, 2)])
    assert found is not None and found[0].n == 2


@pytest.mark.parametrize(
    ("clause", "sentence", "day"),
    [
        # A light verb's act is its noun: the election held, the summit that took place.
        ("the provincial election was held", "Eastvale held its provincial election on May 14.", "May 14"),
        ("the summit took place", "The summit took place on June 3 in Lenfeld.", "June 3"),
        # Another noun held that day is not the act.
        ("the provincial election was held", "Eastvale held a referendum on May 14.", None),
        # A clause with its own verb: its family, as for a question.
        ("the council voted through the contract", "The council voted on March 9 to award it.", "March 9"),
    ],
)
def test_a_clauses_act_said_with_a_light_verb_is_its_noun(
    clause: str, sentence: str, day: str | None
) -> None:
    from assistant.dated import act_prefixes

    assert act_prefixes(clause)
    found = dated_in(clause, [_said(sentence)], clause=True)
    assert (found[1] if found else None) == day


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("The trust lodged an appeal with the Supreme Court on July 4 against the ruling.", True),
        ("The trust on Friday appealed against the ruling.", True),
        ("The trust appealed against the ruling in 2031.", True),
        # The date is another act's: "decide", "rejected".
        ("The trust has until July 8 to decide whether to appeal against the ruling.", False),
        ("The court rejected the appeal on July 4.", False),
        ("The trust appealed against the ruling.", False),
    ],
)
def test_a_sentence_dates_the_act_without_its_articles_clock(sentence: str, dates: bool) -> None:
    from assistant.dated import dates_act
    from assistant.relation import relation_prefixes

    assert dates_act(sentence, relation_prefixes("When did the trust appeal against the ruling?")) is dates
