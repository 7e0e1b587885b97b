from __future__ import annotations

import pytest

from assistant.sentences import HEADING_REACH, heading_before, section_headings
from ingest.nlp import split_sentences

EXPLAINER = (
    "When did the Academy Awards start? A look at the first Oscar winners\n\n"
    "The first ceremony took place three months after the winners were announced.\n\n"
    "Where were the first Oscars held?\n\n"
    "The Blossom Room of the Hollywood Roosevelt Hotel hosted 270 guests.\n\n"
    "What movie won best picture at the first Oscars?\n\n"
    '"Wings," a drama about World War I fighter pilots, won "outstanding picture."\n'
    "It was also the only silent film to win.\n\n"
    "## Where to watch\n\n"
    "The film streams on several services.\n"
)


def _headings(text: str) -> list[str]:
    spans = [(s.start, s.end) for s in split_sentences(text)]
    return [text[s:e] for s, e in section_headings(text, spans)]


def _under(text: str, sentence: str) -> str:
    spans = [(s.start, s.end) for s in split_sentences(text)]
    return heading_before(text, section_headings(text, spans), text.index(sentence))


def test_short_lines_of_their_own_that_state_nothing_finished_are_headings() -> None:
    assert _headings(EXPLAINER) == [
        "Where were the first Oscars held?",
        "What movie won best picture at the first Oscars?",
        "## Where to watch",
    ]  # the first line is the title, not a heading


def test_a_sentence_sits_under_the_nearest_heading_before_it() -> None:
    assert _under(EXPLAINER, '"Wings,"') == "What movie won best picture at the first Oscars?"
    assert _under(EXPLAINER, "It was also") == "What movie won best picture at the first Oscars?"
    assert _under(EXPLAINER, "The Blossom Room") == "Where were the first Oscars held?"
    assert _under(EXPLAINER, "The film streams") == "Where to watch"  # markdown marks dropped
    assert _under(EXPLAINER, "The first ceremony") == ""  # before any heading
    assert _under(EXPLAINER, "Where were the first") == ""  # a heading is not under itself


@pytest.mark.parametrize(
    "line",
    [
        "Published 10:15 a.m. ET March 3, 2026",  # a stamp states nothing
        "The ceremony was held in May.",  # a statement
        "Sign up for our newsletter:",  # a lead-in to what follows
        "and a line that starts in lower case",
        "A very long line without end punctuation that goes on and on well past what any heading says",
    ],
)
def test_statements_stamps_and_long_lines_are_no_headings(line: str) -> None:
    text = f"Title of the story\n\n{line}\n\nThe next paragraph says something.\n"
    assert _headings(text) == []


def test_a_heading_reaches_only_so_far() -> None:
    filler = "The report went on about other matters in detail. " * (HEADING_REACH // 40)
    text = f"Title\n\nThe story begins.\n\nWhat happened next?\n\n{filler}\nThe last sentence is far below.\n"
    assert _under(text, "The report went on") == "What happened next?"
    assert _under(text, "The last sentence") == ""


def test_the_headline_under_a_date_line_is_the_title_not_a_heading() -> None:
    text = "date 2025-08-13\n\n# Ministers to meet in Moscow\n\nThe ministers will meet on Thursday.\n\nWhat is on the agenda?\n\nTrade.\n"
    assert _headings(text) == ["What is on the agenda?"]
