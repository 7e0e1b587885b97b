from __future__ import annotations

from assistant.firsts import first_elsewhere_reason, first_reason, next_reason
from assistant.types import Evidence


def _quote(text: str) -> Evidence:
    return Evidence(
        n=1, doc_id="d1", title="Wire report", published="2030-04-02", source="wire", url="",
        text=text, start=0, end=len(text), score=1.0, chunk_id="c1",
    )  # fmt: skip


RAISED = "Corvane raised its offer for Keldrail to 46.25 crowns a share on Monday."
FIRST = "Corvane said on Monday that it was offering 41.50 crowns for each Keldrail share."
UP_FROM = (
    "Corvane raised its cash offer to 44.00 crowns, up from the 41.50 crowns it proposed in early February."
)


def test_the_first_one_asked_is_not_answered_by_a_later_one() -> None:
    asked = "On what date did Corvane go public with its first cash offer for Keldrail?"
    assert first_reason(asked, "1 April 2030", [_quote(RAISED)]) is not None
    # A sentence with no mark of a later one, or naming the first, may answer.
    assert first_reason(asked, "4 February 2030", [_quote(FIRST)]) is None
    assert first_reason(asked, "1 April 2030", [_quote(RAISED), _quote(FIRST)]) is None
    # The answer stated after the turn to the earlier one is the earlier one's; before it, not.
    assert first_reason(asked, "early February", [_quote(UP_FROM)]) is None
    assert first_reason(asked, "1 March 2030", [_quote(UP_FROM)]) is not None
    # "another" counts one of several, in no order.
    met = _quote("Their exchanges were steady, with another notable meeting taking place in Lisbon in March.")
    assert first_reason("Where did they hold their first meeting of the year?", "Lisbon", [met]) is None
    # Not asked for the first: a raised offer answers.
    assert first_reason("When did Corvane raise its offer?", "1 April 2030", [_quote(RAISED)]) is None
    # "first" as a place in a ranking, or "for the first time", asks for no first of a series.
    assert (
        first_reason("Which party came first on the count?", "Left", [_quote("The Left won a second term.")])
        is None
    )
    second = _quote("Lund won the second stage on Sunday.")
    assert first_reason("Who won the first stage of the Tour?", "Lund", [second]) is not None


def test_the_next_one_asked_must_be_called_next() -> None:
    venue = _quote(
        "The Northern Corridors Transport Summit will take place on June 11-12 at the Velmora Congress Hall."
    )
    asked = "Which city will host the next Northern Corridors Transport Summit?"
    assert next_reason(asked, [venue]) is not None
    host = _quote("Sellmark will host the next summit in 2032, organisers said.")
    assert next_reason(asked, [host]) is None
    # "next month" places the question in time; it asks for no next one of a series.
    assert next_reason("Where will the summit be held next month?", [venue]) is None


def test_the_first_one_asked_is_not_answered_beside_a_sentence_about_the_first() -> None:
    question = "When was the first measles case in the valley confirmed?"
    counted = _quote("Fourteen cases of measles had been confirmed in the valley as of Wednesday.")
    first = _quote("The first case, a child from the village of Brenholm, was confirmed in late March.")
    assert first_elsewhere_reason(question, [counted], [counted, first]) is not None
    assert first_elsewhere_reason(question, [first], [counted, first]) is None
    # No sentence speaks of the first one: nothing to compare.
    assert first_elsewhere_reason(question, [counted], [counted]) is None
    # A first of something else is not the first asked.
    other = _quote("The first vaccine doses arrived on Monday.")
    assert first_elsewhere_reason(question, [counted], [counted, other]) is None
    # The first offer: its sentence need not say "first" where no other does either.
    offer = "When did Corvane make its first cash offer?"
    assert first_elsewhere_reason(offer, [_quote(FIRST)], [_quote(FIRST), _quote(UP_FROM)]) is None
