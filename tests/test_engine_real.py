"""The issue's sample questions on the real models (embedded Qwen2.5-Coder-1.5B + MiniLM).

The engine does not know these questions: they check general behaviour on the shipped sample
(when/where of a scheduled meeting, a venue, a person, the outcome of an event the article
predates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.settings import Settings
from assistant.wiring import build_engine
from ingest.pipeline import ingest_paths
from prompts import CANNOT_ANSWER

pytestmark = pytest.mark.slow

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def engine(
    tmp_path_factory: pytest.TempPathFactory, real_settings_factory: Callable[..., Settings]
) -> Iterator[Engine]:
    settings = real_settings_factory(tmp_path_factory.mktemp("real-home"))
    report = ingest_paths([SAMPLE_DIR], settings)
    assert report.failed == 0 and report.added > 0
    eng = build_engine(settings)
    eng.warm_up()
    yield eng
    eng.library.close()


def _checked(engine: Engine, question: str) -> tuple[str, list[str]]:
    answer = engine.ask(question)
    shown = [c for c in answer.citations if c.supported]
    for c in answer.citations:
        doc = engine.library.get_document(c.doc_id)
        assert doc is not None and doc.text[c.start : c.end] == c.quote
        if c.supported:
            assert f"[{c.id}]" in answer.answer
        else:
            assert f"[{c.id}]" not in answer.answer
    paths = []
    for c in shown:
        doc = engine.library.get_document(c.doc_id)
        assert doc is not None
        paths.append(doc.path or doc.source_key)
    text = f"{answer.answer} || {answer.short_answer}"
    assert not answer.refused, text
    assert shown, text
    return text, paths


def test_when_and_where_of_a_scheduled_meeting(engine: Engine) -> None:
    text, paths = _checked(engine, "When and where will Lavrov meet Jaishankar?")
    assert "21" in text and ("August" in text or "Aug" in text or "-08-" in text), text
    assert "Moscow" in text, text
    assert any(p.endswith(".txt") for p in paths), paths  # cited to the article itself


def test_venue_of_a_past_summit(engine: Engine) -> None:
    text, _ = _checked(engine, "Where was the 17th BRICS Summit held?")
    assert "Rio de Janeiro" in text, text


def test_person_met(engine: Engine) -> None:
    text, _ = _checked(engine, "Who did Rajnath Singh meet in Qingdao?")
    assert "Belousov" in text, text


def test_outcome_of_a_meeting_the_article_predates_is_refused(engine: Engine) -> None:
    answer = engine.ask("What did Lavrov and Jaishankar agree on 21 August?")
    assert answer.refused
    assert answer.answer.startswith(CANNOT_ANSWER)
    assert answer.short_answer == ""
