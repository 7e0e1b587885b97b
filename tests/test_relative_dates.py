"""Relative dates resolved against the quote's publish date, shown to the model and checked."""

from __future__ import annotations

from assistant.citations import verify_answer
from assistant.evidence import format_evidence
from assistant.relative_dates import annotate, resolve_relative
from assistant.types import Evidence

TEXT = "Dock workers in Valdora ended their strike on Friday after a week of talks."


def _quote(published: str | None) -> Evidence:
    return Evidence(1, "d1", "Port workers end strike", published, "Wire", None, TEXT, 0, len(TEXT), 1.0)


def test_a_weekday_resolves_against_the_publish_date_not_today() -> None:
    # Saturday 2 March 2024: "Friday" is 1 March.
    assert [m.label for m in resolve_relative(TEXT, "2024-03-02")] == ["1 March 2024"]
    assert annotate(TEXT, "2024-03-02").startswith(
        "Dock workers in Valdora ended their strike on Friday (1 March 2024)"
    )
    # An undated article has no clock: nothing is resolved.
    assert resolve_relative(TEXT, None) == []
    # Future wording reads the next such day; named dates are left as written.
    ahead = "The minister will tour the site on Wednesday and return on March 30."
    assert [m.label for m in resolve_relative(ahead, "2024-03-12")] == ["13 March 2024"]


def test_the_model_reads_the_resolved_date_and_the_check_accepts_it() -> None:
    assert "on Friday (1 March 2024)" in format_evidence([_quote("2024-03-02")])
    checked = verify_answer("The strike ended on 1 March 2024 [1].", [_quote("2024-03-02")])
    assert checked.supported_sentences == 1
    # Another date, or the same weekday in an article of another week, is not supported.
    assert (
        verify_answer("The strike ended on 8 March 2024 [1].", [_quote("2024-03-02")]).supported_sentences
        == 0
    )
    assert (
        verify_answer("The strike ended on 1 March 2024 [1].", [_quote("2024-03-10")]).supported_sentences
        == 0
    )
