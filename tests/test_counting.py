from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.answerability import unanswered_reason
from assistant.counting import counted_in, counted_kind_reason, counted_noun
from assistant.types import Evidence


def _quote(n: int, text: str, score: float = 1.0) -> Evidence:
    return Evidence(
        n=n, doc_id=f"d{n}", title="Wire report", published="2030-03-19", source="wire", url="",
        text=text, start=0, end=len(text), score=score, chunk_id=f"c{n}",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("How many RTWU members at Keldrail stopped work on March 11?", "members"),
        ("How many of its members stopped work at the outset?", "members"),
        ("How many more people were evacuated?", "people"),
        ("What did the union say?", None),
    ],
)
def test_the_counted_noun_is_what_many_counts(question: str, noun: str | None) -> None:
    assert counted_noun(question) == noun


JOINED = (
    "They joined some 8,900 members of the union who stopped work on March 11, bringing the total to 11,500."
)
RETURNED = "About 500 members have returned to work since the start of April, leaving 11,000 staff out."


def test_the_count_is_of_the_noun_doing_the_asked_act() -> None:
    asked = "How many union members stopped work on March 11?"
    # The better-ranked sentence counts members who returned, not who stopped work.
    found = counted_in(asked, [_quote(1, RETURNED, 0.9), _quote(2, JOINED, 0.8)])
    assert found is not None and found[0].n == 2 and found[1] == "8,900"
    assert counted_in(asked, [_quote(1, RETURNED)]) is None
    # A light verb asks no act to find the count by.
    assert counted_in("How many members are there?", [_quote(1, JOINED)]) is None
    # Its subject or object does the act too; the hedge stays with the count.
    left = _quote(1, "About 1,400 people left their homes in Lenfeld by Thursday morning.")
    assert counted_in("How many people left their homes?", [left]) == (left, "About 1,400")


def test_two_counts_of_the_noun_in_one_sentence_are_no_answer() -> None:
    both = _quote(1, "Some 300 people left on Monday and 900 people left on Tuesday.")
    assert counted_in("How many people left?", [both]) is None


def test_the_best_ranked_sentence_that_gives_a_count_answers() -> None:
    low = _quote(1, "About 1,400 people left their homes.", 0.5)
    high = _quote(2, "About 4,200 people left their homes.", 0.9)
    assert counted_in("How many people left their homes?", [low, high]) == (high, "About 4,200")


def test_a_count_of_another_kind_of_the_noun_is_no_answer() -> None:
    asked = "How many measles cases were found among Halvern University students?"
    mumps = _quote(
        1, "The institute is investigating a cluster of 12 mumps cases among students at Halvern University."
    )
    assert counted_kind_reason(asked, [mumps]) is not None
    # Even where its article is about measles (its title names them).
    titled = replace(mumps, title="Measles outbreak declared in the valley")
    assert unanswered_reason(asked, "number", "12 mumps cases [1].", "12", [titled]) is not None
    # The same kind, or the noun counted bare, answers.
    measles = _quote(2, "Doctors found 12 measles cases among students at Halvern University.")
    bare = _quote(3, "Doctors found 12 cases among students at Halvern University.")
    assert counted_kind_reason(asked, [measles]) is None and counted_kind_reason(asked, [bare]) is None
    # The question gives no kind: nothing to compare.
    assert counted_kind_reason("How many cases were found among students?", [mumps]) is None


def test_a_count_asked_so_far_is_the_newest_sources() -> None:
    from assistant.counting import newer_count_reason

    older = replace(
        _quote(1, "Confirmed cholera cases in the Tarn Valley rose to 148 by Monday."), published="2031-04-29"
    )
    newer = replace(
        _quote(2, "The health office said on Tuesday that 187 cases had now been confirmed."),
        published="2031-05-07",
    )
    asked = "How many confirmed cholera cases has the Tarn Valley outbreak produced so far?"
    assert newer_count_reason(asked, "148", [older], [older, newer]) is not None
    assert newer_count_reason(asked, "187", [newer], [older, newer]) is None
    # Not asked for the present: the older count may be what is asked.
    assert (
        newer_count_reason("How many cholera cases were confirmed by Monday?", "148", [older], [older, newer])
        is None
    )
    # Asked in the present with no time of its own, a count is the count as it stands.
    moons_2022 = replace(_quote(1, "Saturn has 82 moons."), published="2022-08-12")
    moons_2025 = replace(
        _quote(2, "Astronomers have discovered 128 new moons orbiting Saturn."), published="2025-03-12"
    )
    assert newer_count_reason(
        "How many moons does Saturn have?", "82", [moons_2022], [moons_2022, moons_2025]
    )
    assert not newer_count_reason(
        "How many moons did Saturn have in 2022?", "82", [moons_2022], [moons_2022, moons_2025]
    )
    # A newer count of another kind of case is no newer count of these.
    mumps = replace(
        _quote(2, "Officials confirmed 12 mumps cases in the valley on Tuesday."), published="2031-05-07"
    )
    assert newer_count_reason(asked, "148", [older], [older, mumps]) is None
