from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.date_verb import date_verb_reason
from assistant.types import Evidence


def quote(text: str) -> Evidence:
    return Evidence(
        n=1, doc_id="d1", title="Wire report", published="2026-05-11", source="wire", url="",
        text=text, start=0, end=len(text), score=1.0, chunk_id="c1",
    )  # fmt: skip


REOPEN = "Bíró promised to reopen the city's second tram depot, which the city closed in 2024."
BOTH = "The depot, closed in 2024, was reopened on May 30."
SAID = "Kestrel said on Sept. 3 it would launch Tern II on Sept. 19."


@pytest.mark.parametrize(
    ("question", "short", "text", "refused"),
    [
        # The date hangs from another act the sentence names beside the asked one.
        ("When was the second tram depot reopened?", "2024", REOPEN, True),
        ("When was the depot reopened?", "2024", BOTH, True),
        ("When was the depot reopened?", "May 30", BOTH, False),
        ("When will Kestrel launch Tern II?", "Sept. 3", SAID, True),
        ("When will Kestrel launch Tern II?", "Sept. 19", SAID, False),
        # An open complement's date is its governor's: the trying is on Sept. 19 too.
        (
            "When will Kestrel try to launch Tern II?",
            "Sept. 19",
            "Kestrel said on Sept. 3 it would try to launch Tern II on Sept. 19.",
            False,
        ),
        # A light verb asks for no act; a sentence not saying the asked verb is left to the
        # relation check.
        ("When is the final?", "Oct. 10", "The final is set for Oct. 10.", False),
        ("When will the depot reopen?", "June 3", "The reopening is set for June 3, the city said.", False),
        # A support verb's object is the act ("lodged an appeal"); another verb's is not, though
        # the parser hangs the day from it ("rejected the appeal on July 4").
        (
            "When did the trust appeal?",
            "July 4",
            "The trust lodged an appeal on July 4 against the ruling.",
            False,
        ),
        ("When did the trust appeal?", "July 4", "The court rejected the appeal on July 4.", True),
        # A speech verb's date is the saying's: the act said as a support verb's object.
        (
            "On what day did Caldris lodge its court challenge?",
            "May 12",
            "The court moved the first hearing in Caldris's challenge to June 8, the court said on May 12.",
            True,
        ),
        # A weekday dated on the article's clock hangs where the weekday does (Thursday 7 May 2026).
        (
            "On what day did Caldris lodge its court challenge?",
            "7 May 2026",
            "In a filing lodged with the court last Thursday, Caldris argues that the panel raised the weighting.",
            False,
        ),
    ],
)
def test_the_answers_date_is_of_the_act_asked(question: str, short: str, text: str, refused: bool) -> None:
    assert (date_verb_reason(question, short, [quote(text)]) is not None) is refused


def test_a_date_of_another_act_beside_the_asked_one_as_a_noun() -> None:
    # "Wednesday" (21 June on the article's clock) is the signing's; the election is only named.
    signed = quote(
        "The two parties signed a coalition agreement on Wednesday, ending 38 days of uncertainty "
        "after Eastvale's provincial election."
    )
    signed = replace(signed, published="2028-06-22")
    asked = "On what date did Eastvale hold its provincial election?"
    assert date_verb_reason(asked, "21 June 2028", [signed]) is not None
    # The date of a light verb whose subject names the act is the act's own.
    held = quote("Eastvale's provincial election was held on May 14, the commission said.")
    assert date_verb_reason(asked, "May 14", [held]) is None


def test_a_sentence_without_a_verb_is_left_alone() -> None:
    # The head chain ends at a noun root: the check stops there (no verb, no reason).
    assert (
        date_verb_reason("When was Diablo 3 released?", "May 2012", [quote("Release date: May 2012.")])
        is None
    )


def test_a_date_of_a_noun_saying_the_act_is_its_date() -> None:
    # "the May 2025 visit" hangs the date from "highlighted", through the noun that says the act.
    text = "Ties, highlighted by the May 2025 visit of a delegation that travelled to Moscow, deepened."
    assert date_verb_reason("When did the delegation visit Moscow?", "May 2025", [quote(text)]) is None


def test_a_do_support_question_misparsed_keeps_its_act() -> None:
    # The small parser reads "Kanimozhi visit" as a noun under "led by": the act is still "visit",
    # not the subject's description "led".
    from assistant.relation import relation_prefixes

    prefixes = relation_prefixes(
        "When did the all-party parliamentary delegation led by Kanimozhi visit Russia?"
    )
    assert prefixes is not None
    assert "visit" in prefixes
    assert "lea" not in prefixes


def test_a_dated_weekday_keeps_hanging_from_its_verb() -> None:
    # The weekday's date is added for the parse; "as planned" after it must not take the date.
    ended = replace(
        quote(
            "The strike at the Rotterdam terminal ended on Friday as planned, and the union said it would decide."
        ),
        published="2026-03-21",
    )
    assert date_verb_reason("When did the Rotterdam dock strike end?", "20 March 2026", [ended]) is None
