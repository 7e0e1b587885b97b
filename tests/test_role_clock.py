from __future__ import annotations

import pytest

from assistant.role_clock import asks_holder, left_before_reason
from assistant.types import Evidence

RESIGNED = (
    "The expanded recall is the first major decision for Ilse Brannock, the company's finance director, "
    "who became acting chief executive on Monday, when Marten Quill resigned."
)


def _said(text: str, published: str = "2028-05-04") -> Evidence:
    return Evidence(1, "d1", "Wire report", published, "wire", None, text, 0, len(text), 1.0)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who was running the company on 3 May 2028?", True),
        ("Who was Harrowfield's chief executive on 3 May 2028?", True),
        ("Who led the company in June 2028?", True),
        ("Who is in charge of the inquiry?", True),
        ("Who resigned on 1 May 2028?", False),  # a dated act, not a post held
        ("Who announced the recall?", False),
    ],
)
def test_a_question_asking_who_held_a_post(question: str, asks: bool) -> None:
    assert asks_holder(question) is asks


@pytest.mark.parametrize(
    ("question", "short", "sentence", "refused"),
    [
        # He resigned on Monday, 1 May: on 3 May another ran the company.
        ("Who was running the company on 3 May 2028?", "Marten Quill", RESIGNED, True),
        ("Who was running the company on 3 May 2028?", "Ilse Brannock", RESIGNED, False),
        # On the day he left, or before it, he held the post.
        ("Who was running the company on 1 May 2028?", "Marten Quill", RESIGNED, False),
        ("Who was running the company on 20 April 2028?", "Marten Quill", RESIGNED, False),
        # No day asked: nothing to hold the answer to.
        ("Who was running the company?", "Marten Quill", RESIGNED, False),
        # A sentence naming no day left him gone by its publish date.
        ("Who was the chief executive in July 2028?", "Marten Quill",
         "The board is still searching for a permanent successor to former chief executive Marten Quill.", True),
        # The day nearest the leaving is its day, not one said of another matter.
        ("Who was the chief executive on 3 May 2028?", "Marten Quill",
         "Marten Quill, who took over on 2 January 2019, stepped down on 10 May 2028.", False),
        # Leaving said in a noun: "since Quill's resignation", "the departure of Quill".
        ("Who was running the company on 3 May 2028?", "Marten Quill",
         "Ilse Brannock, who has run the company on an acting basis since Marten Quill's resignation on May 1, "
         "will return to her role as finance director.", True),
        ("Who was running the company on 3 May 2028?", "Marten Quill",
         "The board met on Monday, after the sudden departure of Marten Quill.", True),
        # Not asked who held a post.
        ("Who resigned on 3 May 2028?", "Marten Quill", RESIGNED, False),
    ],
)  # fmt: skip
def test_one_who_left_before_the_day_asked_did_not_hold_the_post_then(
    question: str, short: str, sentence: str, refused: bool
) -> None:
    published = "2028-06-08" if "still searching" in sentence else "2028-05-04"
    assert (left_before_reason(question, short, [_said(sentence, published)]) is not None) is refused


@pytest.mark.parametrize(
    ("sentence", "published", "holder"),
    [
        # Through a relative clause and an apposition, the name that took the post.
        (RESIGNED, "2028-05-04", "Ilse Brannock"),
        ("Ilse Brannock, who has run the company on an acting basis since Marten Quill's resignation on May 1, "
         "will return to her role as finance director.", "2028-06-28", "Ilse Brannock"),
        # Taking it after the day asked, or leaving it, is no holding then.
        ("Tobias Renwick will become chief executive on July 1.", "2028-06-28", None),
        ("Marten Quill, who led Harrowfield for nine years, resigned on Monday.", "2028-05-04", None),
        ("Marten Quill resigned on Monday.", "2028-05-04", None),
    ],
)  # fmt: skip
def test_the_holder_on_the_day_asked_is_the_one_a_sentence_has_take_the_post(
    sentence: str, published: str, holder: str | None
) -> None:
    from assistant.role_clock import holder_in

    found = holder_in("Who was running the company on 3 May 2028?", [_said(sentence, published)])
    assert (found[1] if found else None) == holder
    assert holder_in("Who was running the company?", [_said(sentence, published)]) is None  # no day asked


def test_after_a_refusal_for_one_who_had_left_the_holder_is_read_from_the_sentence() -> None:
    from assistant.evidence import EvidenceSet
    from assistant.reading import Reading, holder_reading

    question = "Who was running the company on 3 May 2028?"
    ev = EvidenceSet([_said(RESIGNED)], 0.8, 0.6, "person")
    refused = left_before_reason(question, "Marten Quill", ev.items)
    assert refused is not None
    found = holder_reading(
        question, ev, lambda q: {"d1": RESIGNED}, Reading(None, "", refused, [], [], [], False, False)
    )
    assert found is not None and found.reason is None and found.short == "Ilse Brannock"
    other = Reading(None, "", "the cited sentences share nothing", [], [], [], False, False)
    assert holder_reading(question, ev, lambda q: {}, other) is None
