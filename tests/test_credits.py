"""The agency a report credits: read at ingest, quoted when a question asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.attribution import asks_report_source
from assistant.components.fakes import FakeLLM
from assistant.settings import Settings
from assistant.wiring import build_engine
from ingest.credits import credit_source, credit_span
from ingest.pipeline import ingest_paths
from ingest.readers import read_article


@pytest.mark.parametrize(
    ("text", "agency", "quoted"),
    [
        ("Ministers met.\n\n\nBased On ANI Report\n\n", "ANI", "Based On ANI Report"),
        ("Ministers met.\n  (With inputs from PTI)\n", "PTI", "(With inputs from PTI)"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", "AP", "WASHINGTON (AP)"),
        ("LONDON, Dec 5 (Reuters) - Shares fell.", "Reuters", "LONDON, Dec 5 (Reuters)"),
        ("New Delhi [India], August 13 (ANI): Russia said.", "ANI", "New Delhi [India], August 13 (ANI)"),
    ],
)
def test_credit_lines_and_datelines(text: str, agency: str, quoted: str) -> None:
    found = credit_span(text)
    assert found is not None
    name, start, end = found
    assert (name, text[start:end]) == (agency, quoted)


@pytest.mark.parametrize(
    "text",
    [
        "The Shanghai Cooperation Organisation (SCO) - met in Qingdao.",  # a name's abbreviation
        "Ministers met.\nBased on the findings of the panel, the city acted.",  # a sentence
        "Ministers met.\nBased on this report",
        "Ministers met in Lisbon on Monday.",
        "Prices rose 3%.\nSource: Bureau of Labor Statistics",  # a chart's caption
    ],
)
def test_no_credit(text: str) -> None:
    assert credit_source(text) is None


def test_the_reader_keeps_the_credit_when_no_field_names_a_source(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_text(
        "date 2024-05-02\n\nMinisters meet\n\nMinisters met.\n\n(With inputs from PTI)\n", "utf-8"
    )
    assert read_article(plain).source == "PTI"
    fielded = tmp_path / "b.md"
    fielded.write_text("---\nsource: The Hindu\n---\nMinisters met.\n\n(With inputs from PTI)\n", "utf-8")
    assert read_article(fielded).source == "The Hindu"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which news agency is the report on the Lisbon talks based on?", True),
        ("Who published the article about the fishing quotas?", True),
        ("What is the source of this story?", True),
        ("Which agency approved the drug?", False),  # an agency in the news, not the report's
        ("Which newspaper first reported the talks?", False),  # said in the text, if anywhere
    ],
)
def test_asks_report_source(question: str, asks: bool) -> None:
    assert asks_report_source(question) is asks


def test_the_answer_quotes_the_credit_line(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "date 2024-03-10\n\nMinisters meet in Lisbon\n\n"
        "Foreign ministers Ana Duarte and Kenji Mori met in Lisbon on March 8, 2024, to discuss fishing quotas.\n\n"
        "(With inputs from PTI)\n",
        "utf-8",
    )
    assert ingest_paths([str(folder)], settings).failed == 0
    engine = build_engine(settings)
    assert isinstance(engine.llm, FakeLLM)
    answer = engine.ask(
        "Which news agency is the report on the ministers meeting in Lisbon on fishing quotas based on?"
    )
    assert not answer.refused and answer.short_answer == "PTI"
    assert answer.answer == "The report credits PTI [1]."
    assert [c.quote for c in answer.citations] == ["(With inputs from PTI)"]
    assert engine.llm.prompts == []
