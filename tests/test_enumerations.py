"""A list's length is a count its sentence states, tied to the words that introduce it."""

from __future__ import annotations

import pytest

from assistant.citations import extract_facts, supports, verify_answer
from assistant.enumerations import listed_counts, own_count
from assistant.types import Evidence

LISTED = (
    "The ministers discussed cooperation among the bloc's members, including its recently admitted "
    "states — Chile, Kenya, Vietnam, the Philippines, and Norway."
)
EXAMPLES = "The ministers met envoys of member states, including Chile, Kenya and Vietnam."
COLON = "The panel named three priorities: housing, transit and water, the mayor said."


def quote(text: str, n: int = 1) -> Evidence:
    return Evidence(n, f"doc{n}", "Ministers meet", "2024-03-01", "Wire", None, text, 0, len(text), 1.0)


def test_a_dash_list_counts_its_items_under_the_words_that_introduce_it() -> None:
    [(count, words)] = listed_counts(LISTED)
    assert count == "5"
    assert {"admit", "state"} <= {w[:5] for w in words}


@pytest.mark.parametrize(
    "text",
    [
        EXAMPLES,  # "including" gives examples, not the whole set
        "The Shanghai Cooperation Organisation (SCO) met in Qingdao.",  # a parenthesis, no list
        "Officials said: the talks went well and will resume.",  # a colon, then a clause
    ],
)
def test_examples_and_clauses_are_not_counted(text: str) -> None:
    assert listed_counts(text) == ()


def test_the_item_after_and_ends_at_its_comma() -> None:
    assert [
        c for c, _ in listed_counts("Three finalists (Spain, England and France, the holders) arrive.")
    ] == ["3"]
    assert [c for c, _ in listed_counts(COLON)] == ["3"]


def test_a_count_of_the_listed_items_is_supported_by_the_list() -> None:
    facts = extract_facts("The report names 5 recently admitted states [1].")
    assert supports(facts, [quote(LISTED)])
    verified = verify_answer("The report names 5 recently admitted states [1].", [quote(LISTED)])
    assert verified.supported_sentences == 1 and verified.text.endswith("[1].")


@pytest.mark.parametrize(
    "claim",
    [
        "Six recently admitted states joined [1].",  # the wrong count
        "5 people were killed [1].",  # the count of something else
        "The report names 3 member states [1].",  # "including": examples, not a count
    ],
)
def test_a_count_the_list_does_not_make_is_not_supported(claim: str) -> None:
    assert not supports(extract_facts(claim), [quote(LISTED), quote(EXAMPLES, 2)])


def test_a_count_the_answer_lists_with_each_item_cited_is_the_lists_length() -> None:
    listed = "3 times, according to the sources: in Feb 2025 [1]; on 6 Jul 2025 [2]; and on 15 Jul 2025 [3]."
    assert own_count(listed) == "3"
    assert "3" not in extract_facts(listed).numbers


@pytest.mark.parametrize(
    "text",
    [
        "2 times: in Feb 2025 [1]; on 6 Jul 2025 [2]; and on 15 Jul 2025 [3].",  # not that many items
        "3 times: in Feb 2025 [1]; on 6 Jul 2025; and on 15 Jul 2025 [2].",  # an item without its citation
        "3 members: Egypt, Iran and Brazil [1].",  # a comma list under one citation: the quote's count
        "3 said: in Feb [1]; in May [2]; in June [3].",  # no plural noun counted
    ],
)
def test_other_counts_stay_claims(text: str) -> None:
    assert own_count(text) is None
    assert extract_facts(text).numbers & {"2", "3"}
