""" "How many times have A and B met?" counted from event records, each occurrence cited."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.components.fakes import FakeLLM
from assistant.components.library import Library
from assistant.event_count import asks_how_many_times, count_from_events
from assistant.settings import Settings
from assistant.wiring import build_engine
from ingest.pipeline import ingest_paths

ARTICLES = {
    "lisbon.txt": (
        "date 2024-03-10\n\nDuarte and Mori meet in Lisbon\n\n"
        "Foreign ministers Ana Duarte and Kenji Mori met in Lisbon on March 8, 2024, to discuss fishing quotas.\n"
    ),
    "osaka.txt": (
        "date 2024-06-20\n\nDuarte, Mori hold talks in Osaka\n\n"
        "Ana Duarte and Kenji Mori held talks in Osaka on June 18, 2024. "
        "The two ministers first met in Geneva in November 2023.\n"
    ),
    "rome.txt": (
        "date 2024-09-01\n\nDuarte to visit Rome\n\n"
        "Ana Duarte will meet Kenji Mori in Rome on October 2, 2024. "
        "Duarte met Paul Berg in Madrid on May 5, 2024.\n"
    ),
}


@pytest.fixture
def library(settings: Settings, tmp_path: Path) -> Library:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert ingest_paths([str(folder)], settings).failed == 0
    return Library(settings.library_path)


def _ids(library: Library) -> list[str]:
    return [d["doc_id"] for d in library.list_documents()]


def _count(library: Library, question: str, as_of: date | None = None) -> tuple[int, str] | None:
    found = count_from_events(question, _ids(library), library, as_of)
    return None if found is None else (found.count, found.verified.text)


def test_the_pairs_meetings_that_took_place_each_cited_to_its_sentence(library: Library) -> None:
    found = count_from_events("How many times have Duarte and Mori met?", _ids(library), library, None)
    assert found is not None and found.count == 3  # not the one to come in Rome, not Berg's
    assert found.verified.text == (
        "3 times, according to the sources: in Nov 2023 in Geneva [1]; on 8 Mar 2024 in Lisbon [2]; "
        "and on 18 Jun 2024 in Osaka [3]."
    )
    # "The two ministers first met in Geneva": the article that names the pair says who.
    for citation, place in zip(found.verified.citations, ["Geneva", "Lisbon", "Osaka"], strict=True):
        doc = library.get_document(citation.doc_id)
        assert doc is not None and doc.text[citation.start : citation.end] == citation.quote
        assert place in citation.quote and citation.supported


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("How many times did Ana Duarte and Kenji Mori meet in 2024?", 2),
        ("How many times had Duarte and Mori met before June 2024?", 2),  # a bound's year is not counted in
        ("How many times had Duarte and Mori met in 2024 before June 10?", 1),  # the bound takes 2024
        ("How often have Duarte and Mori met since December 2023?", 2),
        ("How many times have Duarte and Berg met?", 1),
    ],
)
def test_the_questions_window_and_people(library: Library, question: str, count: int) -> None:
    found = _count(library, question)
    assert found is not None and found[0] == count, found


def test_the_as_of_date_hides_later_articles(library: Library) -> None:
    found = _count(library, "How many times have Duarte and Mori met?", as_of=date(2024, 4, 1))
    assert found is not None and found[0] == 1


@pytest.mark.parametrize(
    "question",
    [
        "How many times will Duarte and Mori meet?",  # what is to come is not counted
        "How many times has Duarte travelled abroad?",  # one person: not a pair's meetings
        "How many ministers met in Lisbon?",  # not a count of occurrences
        "How many times have Duarte and Olsen met?",  # a person the records do not know
    ],
)
def test_no_count_for_other_questions(library: Library, question: str) -> None:
    assert _count(library, question) is None


def test_asks_how_many_times() -> None:
    assert asks_how_many_times("How many times had they met before the talks?")
    assert asks_how_many_times("How often did the two leaders meet in 2025?")
    assert not asks_how_many_times("How many people attended?")
    assert not asks_how_many_times("How many times has Duarte beaten Mori?")  # who won is not who met
    assert asks_how_many_times("How often have the two leaders spoken by phone this year?")


def test_the_engine_answers_the_count_without_the_llm(library: Library, settings: Settings) -> None:
    engine = build_engine(settings)
    assert isinstance(engine.llm, FakeLLM)
    answer = engine.ask("How many times had Ana Duarte and Kenji Mori met before June 2024?")
    assert not answer.refused and answer.short_answer == "2"
    assert engine.llm.prompts == []  # counted from the records, not by the model
    assert [c.id for c in answer.citations] == [1, 2] and answer.answer.startswith("2 times")


def test_the_count_is_checked_as_the_items_it_lists() -> None:
    from assistant.citations import extract_facts

    listed = "3 times, according to the sources: in Nov 2023 [1]; on 8 Mar 2024 in Lisbon [2]; and on 18 Jun 2024 [3]."
    assert extract_facts(listed).numbers == frozenset()
    assert (
        extract_facts("1 time, according to the sources: on 8 Mar 2024 in Lisbon [1].").numbers == frozenset()
    )
    # a count that is not the number of items listed is a claim like any other
    assert extract_facts(listed.replace("3 times", "4 times")).numbers == {"4"}
    assert extract_facts("1 person died: the storm hit Lisbon.").numbers == {"1"}


def test_the_count_answer_scores_as_fully_cited(library: Library, settings: Settings) -> None:
    from evals.metrics import citation_scores, default_support

    answer = build_engine(settings).ask("How many times have Duarte and Mori met?")
    scores = citation_scores(answer.answer, answer.citations, default_support())
    assert (scores.precision, scores.recall) == (1.0, 1.0)
