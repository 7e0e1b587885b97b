from __future__ import annotations

from assistant.naming import asks_name, named_in
from assistant.types import Evidence


def _quote(n: int, text: str, title: str = "Who can see the total lunar eclipse?") -> Evidence:
    return Evidence(n, f"d{n}", title, "2026-03-02", None, None, text, 0, len(text), 1.0)


ECLIPSE = "A total lunar eclipse turned the moon a deep red on Tuesday. What is the event called?"


def test_the_name_is_read_after_the_naming_words_of_the_sentence_about_the_thing() -> None:
    items = [
        _quote(1, "The eclipse will be visible across the Americas before dawn."),
        _quote(2, 'Total lunar eclipses are often called "blood moons" because the moon turns red.'),
    ]
    # The question asks the name of one event; the sentence names all of them.
    assert named_in(ECLIPSE, items) == (items[1], "blood moon")
    asks_all = "Total lunar eclipses turn the moon red. What are they called?"
    assert named_in(asks_all, items) == (items[1], "blood moons")
    team = _quote(3, "The Sacramento side, known as the Kings, won again.", "Who won the game?")
    assert named_in("Who won the game? What is the team called?", [team]) == (team, "Kings")
    skater = "Ilia Malinin lands quadruple jumps. The skill has earned him what nickname?"
    said = _quote(1, "Malinin, known as the Quad God, landed six quads.", "Ilia Malinin wins gold")
    assert named_in(skater, [said]) == (said, "Quad God")


def test_no_name_without_a_naming_question_or_a_sentence_about_it() -> None:
    named = _quote(1, 'Total lunar eclipses are often called "blood moons" because the moon turns red.')
    assert not asks_name("When was the total lunar eclipse?")
    assert named_in("When was the total lunar eclipse?", [named]) is None
    # A sentence naming something else (it shares too little of the question).
    other = _quote(1, 'The striker, known as "the Hammer", scored twice.', "Cup final report")
    assert named_in(ECLIPSE, [other]) is None
    # A "name" that only repeats the question's words.
    echo = _quote(1, "It is called a total lunar eclipse, and the moon turns red.")
    assert named_in(ECLIPSE, [echo]) is None
