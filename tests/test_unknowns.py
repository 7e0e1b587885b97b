from __future__ import annotations

import pytest

from assistant.types import Evidence
from assistant.unknowns import unknown_reason


def quote(text: str) -> Evidence:
    return Evidence(1, "d1", "Wire report", "2030-04-03", "wire", None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("question", "short", "text", "withheld"),
    [
        # The subject of a not-known phrase is no answer to what it withholds.
        ("What started the Sable Ridge wildfire?", "Investigators",
         "Investigators have not determined what started the fire.", True),
        ("What caused the blaze at the depot?", "police",
         "The cause of the blaze at the depot remains unclear, police said.", True),
        ("Who will chair the new board?", "Marta Sollie",
         "Marta Sollie declined to say who would chair the new board.", True),
        # Something else is unknown; the answer is said.
        ("How many people did the attack in Paris kill?", "3",
         "Police have not confirmed the identity of the victims, but said the attack in Paris killed 3 people.",
         False),
        ("Who leads the union?", "Mirela Kastan",
         "Mirela Kastan, who leads the union, declined to say whether talks would resume.", False),
        ("What started the fire?", "a power line", "A power line started the fire, investigators said.", False),
    ],
)  # fmt: skip
def test_a_sentence_saying_the_asked_thing_is_not_known_is_no_answer(
    question: str, short: str, text: str, withheld: bool
) -> None:
    assert (unknown_reason(question, short, [quote(text)]) is not None) is withheld


def test_one_sentence_saying_it_is_enough() -> None:
    asked = "What started the Sable Ridge wildfire?"
    unknown = quote("Investigators have not determined what started the fire.")
    said = quote("A downed power line started the Sable Ridge wildfire, investigators said on Friday.")
    assert unknown_reason(asked, "investigators", [unknown, said]) is None
