from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import prompts
from assistant.errors import PromptError
from assistant.settings import Settings


def test_env_prefix_and_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSDESK_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("NEWSDESK_TOP_K", "7")
    s = Settings()
    assert s.home == tmp_path / "h"
    assert s.top_k == 7
    assert s.library_path.parent == tmp_path / "h"


def test_unknown_and_invalid_settings_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        Settings(home=tmp_path, no_such_setting=1)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Settings(home=tmp_path, llm_mode="gpt")  # type: ignore[arg-type]


def test_test_profile_uses_fakes(tmp_path: Path) -> None:
    s = Settings.for_tests(tmp_path)
    assert (s.embedding_mode, s.llm_mode) == ("fake", "fake")


@pytest.mark.parametrize("name", sorted(prompts.PROMPT_FIELDS))
def test_every_prompt_loads_with_exactly_its_placeholders(name: str) -> None:
    text = prompts.load_prompt(name)
    assert prompts.placeholders(text) == set(prompts.PROMPT_FIELDS[name])


def test_unknown_placeholder_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(prompts.PROMPT_FIELDS, "answer_user", frozenset({"evidence", "question"}))
    prompts.load_prompt.cache_clear()
    try:
        with pytest.raises(PromptError, match="unknown placeholder"):
            prompts.load_prompt("answer_user")
    finally:
        prompts.load_prompt.cache_clear()


def test_contract_constants() -> None:
    assert prompts.format_citation(3) == "[3]"
    assert prompts.CITATION_PATTERN.findall("a [1] b [12]") == ["1", "12"]
    assert prompts.CANNOT_ANSWER.endswith(".")
