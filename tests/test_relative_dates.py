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


def test_a_weekday_takes_its_own_clauses_tense_not_the_sentences() -> None:
    # "plans" elsewhere in the sentence made the whole of it read as future: a Wednesday to come.
    began = "Dockworkers began a 48-hour strike on Wednesday in protest at the company's plans to cut jobs."
    assert [m.label for m in resolve_relative(began, "2026-03-20")] == ["18 March 2026"]
    ended = "The strike ended on Friday as planned, and the union said it would decide next week."
    assert [m.label for m in resolve_relative(ended, "2026-03-21")] == ["20 March 2026"]
    both = "The minister, who toured the site on Monday, will return on Friday."
    assert [m.label for m in resolve_relative(both, "2024-03-12")] == ["11 March 2024", "15 March 2024"]


def test_a_bare_weekday_in_an_answer_gets_the_date_its_quote_names() -> None:
    from assistant.relative_dates import dated_weekdays
    from assistant.types import Evidence

    said = "Kestrel said it would try again on Tuesday, with a window opening at 07:15."
    quote = Evidence(1, "d1", "Kestrel scrubs launch", "2026-09-20", "wire", None, said, 0, len(said), 1.0)
    assert dated_weekdays("It will try again on Tuesday [1].", [quote]) == (
        "It will try again on Tuesday, 22 September 2026 [1]."
    )
    assert dated_weekdays("Tuesday", [quote]) == "Tuesday, 22 September 2026"
    # A weekday the quote does not date, or an answer already dated, is left alone.
    assert dated_weekdays("on Friday [1]", [quote]) == "on Friday [1]"
    assert dated_weekdays("on Tuesday, 22 September [1]", [quote]) == "on Tuesday, 22 September [1]"
    # A weekday the model already dated in brackets (as the evidence shows it) stays as it is.
    assert (
        dated_weekdays("on Tuesday (22 September 2026) [1]", [quote]) == "on Tuesday (22 September 2026) [1]"
    )


def test_a_sentences_dates_are_those_written_and_those_its_clock_resolves() -> None:
    from datetime import date

    from assistant.relative_dates import dates_said

    text = "Sauer, chair since 2019, stepped down on March 26; his deputy was elected on Friday."
    said = dates_said(text, "2027-04-06")
    assert [(d.text, d.first_day(2027)) for d in said] == [
        ("2019", date(2019, 1, 1)),
        ("March 26", date(2027, 3, 26)),
        ("on Friday", date(2027, 4, 2)),
    ]
    assert all(text[d.start : d.end] == d.text for d in said)
    # Without a publish date, only the written ones.
    assert [d.text for d in dates_said(text, None)] == ["2019", "March 26"]
