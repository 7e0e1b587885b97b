from __future__ import annotations

from assistant.firsts import first_reason
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
    # Not asked for the first: a raised offer answers.
    assert first_reason("When did Corvane raise its offer?", "1 April 2030", [_quote(RAISED)]) is None
    second = _quote("Lund won the second stage on Sunday.")
    assert first_reason("Who won the opening stage of the Tour?", "Lund", [second]) is not None
