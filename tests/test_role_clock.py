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


def _read_after(
    question: str, items: list[Evidence], refused: str, texts: dict[str, str] | None = None
) -> str | None:
    """The holder ``holder_reading`` reads after a refusal for ``refused`` (None when it reads none
    or a check rejects it); ``texts``: the cited documents' text (the sentences alone by default)."""
    from assistant.evidence import EvidenceSet
    from assistant.reading import Reading, holder_reading

    documents = texts if texts is not None else {e.doc_id: e.text for e in items}
    ev = EvidenceSet(items, 0.8, 0.6, "person")
    found = holder_reading(
        question, ev, lambda q: documents, Reading(None, "", refused, [], [], [], False, False)
    )
    assert found is None or found.reason is None
    return found.short if found else None


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
    question = "Who was running the company on 3 May 2028?"
    items = [_said(RESIGNED)]
    refused = left_before_reason(question, "Marten Quill", items)
    assert refused is not None
    assert _read_after(question, items, refused) == "Ilse Brannock"
    assert _read_after(question, items, "the cited sentences share nothing") is None


# A role asked at an act's time: the day is the one the evidence gives the act.
AT_VOTE = "Who chaired Karvo's transport committee when the council voted through the Eskel Bridge contract?"
VOTED = "Karvo City Council voted 29 to 20 on Tuesday to award the Eskel Bridge contract to the Dravik-Holm consortium."
CHAIR_THEN = (
    '"We were asked to choose the best bridge," said Benedikt Sauer, chair of the council\'s transport committee, '
    "who presented the recommendation to the chamber."
)
STEPPED_DOWN = "Benedikt Sauer stepped down from the committee on March 26, citing health reasons."
ELECTED = "His deputy, Councillor Mira Halvorsen, was elected to replace him on Friday."
CHAIR_LATER = (
    "Transport committee chair Mira Halvorsen said the suspension meant construction could not start."
)


def _vote_evidence() -> list[Evidence]:
    return [
        _said(VOTED, "2027-03-10"),
        _said(CHAIR_THEN, "2027-03-10"),
        _said(STEPPED_DOWN, "2027-04-06"),
        _said(ELECTED, "2027-04-06"),
        _said(CHAIR_LATER, "2027-06-09"),
    ]


def test_the_day_asked_of_a_holder_may_be_the_day_the_evidence_gives_an_act() -> None:
    from datetime import date

    from assistant.role_clock import holder_day

    assert asks_holder(AT_VOTE)
    assert holder_day(AT_VOTE, _vote_evidence()) == date(2027, 3, 9)  # "on Tuesday", the report's clock
    assert holder_day("Who chaired Karvo's transport committee?", _vote_evidence()) is None
    assert holder_day("When did the council vote through the contract?", _vote_evidence()) is None


@pytest.mark.parametrize(
    ("question", "short", "refused"),
    [
        # Elected to the chair on Friday, 2 April: after the vote on 9 March.
        (AT_VOTE, "Mira Halvorsen", True),
        # He stepped down on 26 March, after the vote: he chaired it then.
        (AT_VOTE, "Benedikt Sauer", False),
        # Asked at an act after his leaving, he had left.
        ("Who chaired the transport committee when Mira Halvorsen replaced him?", "Benedikt Sauer", True),
        # No act dated: nothing to hold the answer to.
        ("Who chaired the transport committee when the bridge opened?", "Mira Halvorsen", False),
    ],
)
def test_one_who_took_the_post_after_the_act_asked_did_not_hold_it_then(
    question: str, short: str, refused: bool
) -> None:
    from assistant.role_clock import held_then_reason

    items = _vote_evidence()
    holding = [e for e in items if short.split()[-1] in e.text]
    assert (held_then_reason(question, short, holding, items) is not None) is refused


def test_the_holder_at_an_act_is_the_one_a_report_of_its_week_names_in_the_post() -> None:
    from assistant.role_clock import holder_in

    found = holder_in(AT_VOTE, _vote_evidence())
    assert found is not None and found[1] == "Benedikt Sauer" and found[0].text == CHAIR_THEN
    # A report months later names a later holder; a former one holds it no longer.
    later = [_said(VOTED, "2027-03-10"), _said(CHAIR_LATER, "2027-03-12")]
    assert holder_in(AT_VOTE, later) == (later[1], "Mira Halvorsen")
    assert holder_in(AT_VOTE, [_said(VOTED, "2027-03-10"), _said(CHAIR_LATER, "2027-06-09")]) is None
    former = "Benedikt Sauer, the former transport committee chair, was called as a witness."
    assert holder_in(AT_VOTE, [_said(VOTED, "2027-03-10"), _said(former, "2027-03-11")]) is None


def test_after_a_refusal_for_one_who_took_the_post_later_the_holder_then_is_read() -> None:
    from dataclasses import replace

    from assistant.role_clock import held_then_reason

    title = "Karvo council hands the Eskel Bridge contract to Dravik-Holm"
    items = [replace(e, n=i, doc_id=f"d{i}", title=title) for i, e in enumerate(_vote_evidence(), start=1)]
    refused = held_then_reason(AT_VOTE, "Mira Halvorsen", items[3:], items)
    assert refused is not None
    assert _read_after(AT_VOTE, items, refused) == "Benedikt Sauer"
    # The year of the act's day comes from the reports' clock, not from the asker: a passage
    # naming other years ("built in 1958") does not make the report of that week speak of them.
    week = [items[0], items[1], items[4]]  # no sentence dated on the reports' clock but the vote
    refused = held_then_reason(AT_VOTE, "Mira Halvorsen", week[2:], week)
    assert refused is not None
    texts = {e.doc_id: f"{e.text} The bridge, built in 1958, is to be replaced by 2031." for e in week}
    assert _read_after(AT_VOTE, week, refused, texts) == "Benedikt Sauer"


def test_a_report_of_the_week_asked_naming_another_holder_refuses_a_later_ones_name() -> None:
    from assistant.role_clock import held_then_reason

    items = [_said(VOTED, "2027-03-10"), _said(CHAIR_THEN, "2027-03-10"), _said(CHAIR_LATER, "2027-06-09")]
    assert held_then_reason(AT_VOTE, "Mira Halvorsen", items[2:], items) is not None
    assert held_then_reason(AT_VOTE, "Benedikt Sauer", items[1:2], items) is None
    # Another body's chair named that week says nothing of this one.
    finance = (
        "Who chaired Karvo's finance committee when the council voted through the Eskel Bridge contract?"
    )
    assert held_then_reason(finance, "Mira Halvorsen", items[2:], items) is None
    # Her own sentence of that week: she held it then too, as far as the sources say.
    same_week = [*items[:2], _said(CHAIR_LATER, "2027-03-11")]
    assert held_then_reason(AT_VOTE, "Mira Halvorsen", same_week[2:], same_week) is None


def test_a_roles_when_clause_is_checked_as_the_day_it_gives() -> None:
    from dataclasses import replace

    from assistant.evidence import EvidenceSet
    from assistant.reading import check_reply
    from assistant.role_clock import on_clause_day

    question = (
        "Who was the health minister when the surveillance institute conceded it had spotted the cluster?"
    )
    conceded = "The surveillance institute conceded on Wednesday that it had spotted the cluster in April."
    minister = (
        "Health Minister Anselm Varga, who oversees the institute, rejected opposition calls to resign."
    )
    title = "Health institute admits listeria cluster was flagged before recall"
    items = [
        replace(_said(text, "2028-05-10"), n=i, doc_id="d1", title=title)
        for i, text in enumerate([conceded, minister], start=1)
    ]
    assert on_clause_day(question, items) == "Who was the health minister on 10 May 2028?"
    assert on_clause_day("Who was the health minister?", items) == "Who was the health minister?"
    ev = EvidenceSet(items, 0.8, 0.6, "person")
    reading = check_reply("Answer: Anselm Varga [2].\nShort: Anselm Varga", question, ev, None, lambda q: {})
    # The minister's sentence need not say "spotted": the clause's act dates the question.
    assert reading.reason is None and reading.short == "Anselm Varga"


@pytest.mark.parametrize(
    ("question", "short", "refused"),
    [
        ("Who was Eastvale's premier when the provincial election was held?", "Electoral Commission", True),
        ("Who was Eastvale's premier when the provincial election was held?", "Rosalind Achterberg", False),
        ("Who was Harrowfield's chief executive on 3 May 2028?", "Harrowfield Group", True),
        # Every role noun only a person holds (``subjects.ROLE_NOUNS``): the referee, the chief of staff.
        ("Who was the referee when the final was played?", "Football Association", True),
        ("Who was the chief of staff when the deal was signed?", "Premier's Office", True),
        # A post an organisation may hold, or a lead it may have: no check.
        ("Who was the host of the summit?", "Foreign Ministry", False),
        ("Who led the polls?", "Green Harbour Alliance", False),
    ],
)
def test_a_post_only_a_person_holds_is_not_answered_with_an_organisation(
    question: str, short: str, refused: bool
) -> None:
    from assistant.role_clock import holder_kind_reason

    assert (holder_kind_reason(question, short) is not None) is refused


def test_after_an_organisation_for_a_persons_post_the_holder_that_week_is_read() -> None:
    from dataclasses import replace

    from assistant.role_clock import holder_kind_reason

    question = "Who was Eastvale's premier when the provincial election was held?"
    held = "Eastvale held its provincial election on Sunday, the Electoral Commission said."
    premier = "Premier Rosalind Achterberg conceded defeat in a speech to supporters."
    title = "Eastvale election: Civic Union ahead"
    items = [
        replace(_said(text, "2028-05-16"), n=i, doc_id=f"d{i}", title=title)
        for i, text in enumerate([held, premier], start=1)
    ]
    refused = holder_kind_reason(question, "Electoral Commission")
    assert refused is not None
    assert _read_after(question, items, refused) == "Rosalind Achterberg"


def test_after_a_refusal_for_one_who_has_left_the_holder_now_is_read() -> None:
    from dataclasses import replace

    from assistant.subjects import departed_reason

    question = "Who is Kerrowby General's medical director?"
    june = "On Tuesday, Kerrowby General's medical director, Dr Jakob Farr, described the first weeks."
    july = (
        "At Kerrowby General, Dr Ulla Brenner, head of the infectious diseases unit, has been acting medical "
        "director since July 1, after Dr Jakob Farr retired."
    )
    items = [
        replace(_said(june, "2031-06-25"), n=1, doc_id="d1", title="Kerrowby General inquiry"),
        replace(_said(july, "2031-07-16"), n=2, doc_id="d2", title="Kerrowby General outbreak slows"),
    ]
    refused = departed_reason(question, "person", "Jakob Farr", items[1:])
    assert refused is not None
    assert _read_after(question, items, refused) == "Dr Ulla Brenner"
    # Asked of a past day before she took it: the one a report of that week names.
    assert (
        holder_in_on("Who was Kerrowby General's medical director on 20 June 2031?", items) == "Dr Jakob Farr"
    )


def holder_in_on(question: str, items: list[Evidence]) -> str | None:
    from assistant.role_clock import holder_in

    found = holder_in(question, items)
    return found[1] if found else None
