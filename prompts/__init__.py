"""Prompt files and the answer contracts tests assert on.

Prompts live as ``prompts/*.txt`` (shipped as package data). ``load_prompt`` checks each
file's ``{placeholders}`` against the names the caller declares, so a typo in a prompt fails
at load, not as a silently empty slot at answer time.
"""

from __future__ import annotations

import re
import string
from functools import cache
from importlib import resources

from assistant.errors import PromptError

# The one fixed refusal phrase (the engine sets refused=true whenever it answers with it).
CANNOT_ANSWER = "The sources do not say."
# Inline citation format: "[1]", several as "[1][2]".
CITATION_FORMAT = "[{n}]"
CITATION_PATTERN = re.compile(r"\[(\d{1,3})\]")

# Each prompt file and the placeholders it may (and must) use.
PROMPT_FIELDS: dict[str, frozenset[str]] = {
    "answer_system": frozenset(),
    # Appended to answer_system when the LLM is trusted to refuse (settings.llm_may_refuse).
    "answer_refusal": frozenset(),
    "answer_user": frozenset({"evidence", "question", "today"}),
    "condense": frozenset({"history", "question"}),
    "brief_system": frozenset(),
    "brief_user": frozenset({"topic", "evidence"}),
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@cache
def load_prompt(name: str) -> str:
    """Return the prompt text; raise PromptError for a missing file or an unknown placeholder."""
    if name not in PROMPT_FIELDS:
        raise PromptError(f"unknown prompt '{name}'")
    try:
        text = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"prompt file prompts/{name}.txt is missing") from exc
    found = placeholders(text)
    allowed = PROMPT_FIELDS[name]
    unknown = found - allowed
    if unknown:
        raise PromptError(f"prompts/{name}.txt uses unknown placeholder(s): {', '.join(sorted(unknown))}")
    missing = allowed - found
    if missing:
        raise PromptError(f"prompts/{name}.txt lacks placeholder(s): {', '.join(sorted(missing))}")
    return text


def render_prompt(name: str, **values: str) -> str:
    template = load_prompt(name)
    return template.format(**values)


def format_citation(n: int) -> str:
    return CITATION_FORMAT.format(n=n)
