from __future__ import annotations

import pytest

from assistant.agents import agent_reason, doer_in
from assistant.types import Evidence


def quote(text: str) -> Evidence:
    return Evidence(1, "d1", "Wire report", "2030-04-03", "wire", None, text, 0, len(text), 1.0)


TOURED = "Which member of the government toured Lenfeld in the first days of the wildfire?"
BOTH = (
    "Transport Minister Katrin Aalund visited the evacuation centre in Dunhollow on Tuesday, "
    "four days after her deputy, Jonas Vell, toured Lenfeld."
)
RELATIVE = "Deputy Transport Minister Jonas Vell, who toured Lenfeld on Friday, said the state would pay."


@pytest.mark.parametrize(
    ("question", "short", "text", "other"),
    [
        # The act with the named place is the deputy's: the minister visited somewhere else.
        (TOURED, "Katrin Aalund", BOTH, True),
        (TOURED, "Jonas Vell", BOTH, False),
        # Through a relative clause, the noun it hangs from did it.
        (TOURED, "Jonas Vell", RELATIVE, False),
        (TOURED, "Katrin Aalund", RELATIVE, True),
        # The wh-word is the object: the answer is not the doer.
        ("Who did Rajnath Singh meet in Qingdao?", "Andrey Belousov",
         "Rajnath Singh met Russian Defence Minister Andrey Belousov in Qingdao on June 26.", False),
        # No sentence says the act with the named thing: the other checks' case.
        (TOURED, "Katrin Aalund", "Katrin Aalund spoke to reporters on Tuesday.", False),
        # An infinitive's doer is its governor's subject ("defeated X ... to win the title");
        # a clause with no doer found gives the act to no one else.
        ("Who won the women's singles U.S. Open in 2019?", "Bianca Andreescu",
         "Bianca Andreescu defeated Serena Williams in the final, 6–3, 7–5 to win the women's singles "
         "tennis title at the 2019 US Open.", False),
        ("Who won the women's singles U.S. Open in 2019?", "Serena Williams",
         "Bianca Andreescu defeated Serena Williams in the final, 6–3, 7–5 to win the women's singles "
         "tennis title at the 2019 US Open.", True),
        # A wire dateline is no doer.
        ("Who toured the Lenfeld plant?", "Olaf Renn", "BERLIN (AP) — Olaf Renn toured the Lenfeld plant on Friday.",
         False),
    ],
)  # fmt: skip
def test_a_who_answer_is_the_doer_of_the_act_asked(question: str, short: str, text: str, other: bool) -> None:
    assert (agent_reason(question, "person", short, [quote(text)]) is not None) is other
    assert agent_reason(question, "date", short, [quote(text)]) is None
    assert (agent_reason(question, "other", short, [quote(text)]) is not None) is other


@pytest.mark.parametrize(
    ("question", "short", "body"),
    [
        ("Who leads the union that called the drivers out?", "Rail and Transit Workers' Union", True),
        ("Who leads the union that called the drivers out?", "Tomas Heyer", False),
        ("Who was the head of the regulator that imposed the fine?", "Hesper Callow", False),
        ("Who was the head of the regulator that imposed the fine?", "the Food Standards Authority", True),
        ("Who chaired the board that turned it down?", "Keldrail Holdings", True),
        # Not a body's leader: a race may be led by a party.
        ("Who leads the polls?", "Green Harbour Party", False),
        # A person asked by what they are.
        ("Which judge gave the ruling on the merger?", "Administrative Court", True),
        ("Which judge gave the ruling on the merger?", "Sofie Kaldahl", False),
        ("Which government minister ordered the inquiry?", "the Health Ministry", True),
        ("Which member state blocked the deal?", "the Council", False),
    ],
)
def test_a_bodys_leader_is_not_the_body(question: str, short: str, body: bool) -> None:
    from assistant.agents import leader_reason

    assert (leader_reason(question, short) is not None) is body


def test_a_bodys_leader_is_not_a_word_of_the_bodys_name() -> None:
    from assistant.agents import leader_reason

    asked = "Who leads the union that called the drivers out?"
    said = "The union that called the drivers out is the Rail union [1][2]."
    assert leader_reason(asked, "Rail", said) is not None
    assert leader_reason(asked, "Tomas Heyer", "Tomas Heyer leads the drivers' union [1].") is None


def test_the_doer_is_read_from_the_sentence_that_says_the_act() -> None:
    assert doer_in(TOURED, [quote(BOTH)]) == (quote(BOTH), "Jonas Vell")
    assert doer_in(TOURED, [quote(RELATIVE)]) == (quote(RELATIVE), "Jonas Vell")
    # A wire dateline is no doer.
    wired = quote("OSLO (Nordic Wire) - Ferrum Rail acquired Kessen Freight on Monday.")
    assert doer_in("Who acquired Kessen Freight?", [wired]) == (wired, "Ferrum Rail")
    # No sentence says the act with the named place; the wh-word as object asks for no doer.
    assert doer_in(TOURED, [quote("Jonas Vell toured Marrick on Friday.")]) is None
    assert (
        doer_in("Who did Jonas Vell meet in Lenfeld?", [quote("Jonas Vell met Katrin Aalund in Lenfeld.")])
        is None
    )


@pytest.mark.parametrize(
    ("question", "answer", "swapped"),
    [
        # The answer gives the act to the one the question says it was done to.
        ("Who replaced Ivo Marr as labour minister?", "Ivo Marr replaced Stena Holm as labour minister [1].", True),
        ("Who replaced Ivo Marr as labour minister?", "Stena Holm replaced Ivo Marr as labour minister [1].", False),
        ("Who replaced Ivo Marr as labour minister?", "Ivo Marr was replaced by Stena Holm [1].", False),
        # Meeting is mutual: "Marr met Holm" says Holm met Marr.
        ("Who met Ivo Marr in Halvern?", "Ivo Marr met Stena Holm in Halvern on Monday [1].", False),
        # Not a who-question about the doer.
        ("Whom did Ivo Marr replace?", "Ivo Marr replaced Stena Holm [1].", False),
    ],
)  # fmt: skip
def test_the_answer_does_not_give_the_act_to_the_one_it_was_done_to(
    question: str, answer: str, swapped: bool
) -> None:
    from assistant.agents import swapped_reason

    assert (swapped_reason(question, answer) is not None) is swapped


def test_an_act_the_question_gives_to_someone_it_names_is_not_answered_by_anothers() -> None:
    from assistant.agents import other_doer_reason

    created = "What is the name of the organization that President Ilse Varga created to settle disputes?"
    congress = quote(
        "The Institute of Mediation was created by Parliament in 1984, under then-President Tomas Ek."
    )
    assert other_doer_reason(created, [congress]) is not None
    hers = quote("The Board of Settlement, which Varga created last year, met in Velmora.")
    assert other_doer_reason(created, [hers]) is None
    unnamed = quote("The board was created in January to settle disputes.")
    assert other_doer_reason(created, [unnamed]) is None
    # An abbreviation or people's adjective is the country; an act done with the doer is theirs too.
    patrols = "The US military is now conducting anti-drug operations with which country?"
    for said in (
        "American forces conducted raids with Ecuador.",
        "U.S. troops conducted strikes in Ecuador.",
        "Ecuador's navy conducted joint patrols with US forces.",
    ):
        assert other_doer_reason(patrols, [quote(said)]) is None, said
    assert other_doer_reason(patrols, [quote("Mexican forces conducted raids in Sinaloa.")]) is not None
    # An act done with someone is said by either side.
    assert other_doer_reason("Who did Varga meet in Tresk?", [quote("Ek met Varga in Tresk.")]) is None
    # A wire dateline is no doer.
    board = "When did the Kenya Ports Authority board approve the Berth 23 expansion?"
    wired = quote(
        "MOMBASA (Coastal Wire) - The Kenya Ports Authority board on Monday approved the expansion."
    )
    assert other_doer_reason(board, [wired]) is None
    # A passive question's subject is done to: "Where was Ivo Marr captured?" names no doer.
    caught = quote("U.S. forces captured rebel leader Ivo Marr in Caracas on Monday.")
    assert other_doer_reason("Where was the rebel leader Ivo Marr captured?", [caught]) is None
