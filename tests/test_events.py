"""Event extraction from article sentences, and event records taken from records files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.errors import IngestError
from assistant.types import DocumentRecord
from ingest.dates import DateSpan
from ingest.event_nlp import detect_status
from ingest.events import events_from_record, extract_events, extract_events_batch
from ingest.nlp import split_sentences

REPO = Path(__file__).resolve().parent.parent
SAMPLE_ARTICLE = REPO / "data" / "sample" / "000_3397940ecd38ae42.txt"
SAMPLE_RECORDS = REPO / "data" / "sample" / "india_russia_engagements.jsonl"


def article(text: str, published: str | None = "2025-08-13", doc_id: str = "d1") -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source_key=f"/x/{doc_id}.txt", content_hash="h", title="t",
                          text=text, published=published)  # fmt: skip


def record(extra: dict[str, object], text: str = "They met in Paris on 3 March 2025.") -> DocumentRecord:
    return DocumentRecord(doc_id="r1", source_key="/x/records.jsonl#r1", content_hash="h", title="A record",
                          text=text, published="2025-08-13", kind="record", path="/x/records.jsonl",
                          extra=extra)  # fmt: skip


# -- sentence splitting -----------------------------------------------------------------------
def test_sentences_keep_exact_offsets_and_initials() -> None:
    text = "Gov. J.B. Pritzker spoke on Aug. 28. S. Jaishankar met him.\n\nA new line here. U.S. troops left."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Gov. J.B. Pritzker spoke on Aug. 28.", "S. Jaishankar met him.", "A new line here.", "U.S. troops left.",
    ]  # fmt: skip
    assert all(text[s.start : s.end] == s.text for s in sentences)


# -- status -----------------------------------------------------------------------------------
BASE = date(2025, 8, 13)


def span(start: str, end: str | None = None) -> DateSpan:
    return DateSpan(date.fromisoformat(start), date.fromisoformat(end or start), "day", "x")


@pytest.mark.parametrize(
    ("sentence", "when", "tense", "status"),
    [
        ("Lavrov is set to meet Jaishankar on August 21.", "2025-08-21", "future", "scheduled"),
        ("The summit will open on August 21.", "2025-08-21", "unknown", "scheduled"),  # after publication
        ("The two met on July 6.", "2025-07-06", "past", "happened"),
        ("The upcoming talks follow their dialogue on July 6.", "2025-07-06", "unknown", "happened"),
        (
            "The ministry announced on Monday that the minister will visit Paris.",
            "2025-08-11",
            "past",
            "announced",
        ),
        ("The leaders meet today in Rome.", "2025-08-13", "unknown", "happened"),
        ("The leaders are scheduled to meet today.", "2025-08-13", "unknown", "scheduled"),
        ("The company announced the merger today.", "2025-08-13", "unknown", "announced"),
    ],
)
def test_status_table(sentence: str, when: str, tense: str, status: str) -> None:
    assert detect_status(span(when), BASE, tense, sentence) == status  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The foreign minister is set to visit Paris on September 3 for talks with his counterpart.",
            "scheduled",
        ),
        ("The foreign minister visited Paris on August 3 for talks with his counterpart.", "happened"),
        ("The prime minister will travel to Tokyo next week for the trade summit.", "scheduled"),
        ("The government announced on Monday that the bridge will reopen to traffic.", "announced"),
    ],
)
def test_status_from_extraction(text: str, status: str) -> None:
    events = extract_events(article(text))
    assert len(events) == 1 and events[0].status == status


@pytest.mark.parametrize("wish", ["hoped", "aimed", "intended", "wanted", "expected"])
def test_a_day_someone_hoped_for_is_ahead_of_the_report(wish: str) -> None:
    # "hoped to reopen the plant on May 22" in a report of 13 August: 22 May next year, a plan
    # (read as past, it was a reopening of 22 May 2025 that happened).
    events = extract_events(
        article(f"Harrowfield said it {wish} to reopen the plant on May 22, subject to approval.")
    )
    assert [(e.date_start, e.status) for e in events] == [("2026-05-22", "scheduled")]


# -- participants and venue ---------------------------------------------------------------------
def test_participants_merge_by_surname_and_venue_city_country() -> None:
    text = (
        "Foreign Minister Anna Kowalska met Chancellor Peter Brandt in Vienna on March 3, 2025.\n"
        "Kowalska and Brandt met again in Lisbon, Portugal, on June 9, 2025, to sign a trade pact.\n"
        "Kowalska will visit Germany on September 20, 2025."
    )
    events = extract_events(article(text, "2025-08-13"))
    assert [e.date_start for e in events] == ["2025-03-03", "2025-06-09", "2025-09-20"]
    first, second, third = events
    assert set(first.participants) == {"Anna Kowalska", "Peter Brandt"}
    assert set(second.participants) == {"Anna Kowalska", "Peter Brandt"}  # surnames -> full names
    assert (first.venue_city, first.venue_country) == ("Vienna", "Austria")  # gazetteer
    assert (second.venue_city, second.venue_country) == ("Lisbon", "Portugal")  # "City, Country"
    assert (third.venue_city, third.venue_country) == (None, "Germany")
    assert third.status == "scheduled"
    for e in events:
        assert text[e.sentence_start : e.sentence_end] == e.sentence


def test_datelines_and_durations_are_not_events() -> None:
    text = (
        "date 2025-08-13\nAug. 28, 2025 Updated Aug. 29, 2025, 4:47 p.m. ET\nThe firm has grown since 2019."
    )
    assert extract_events(article(text)) == []


def test_a_snippets_leading_dateline_does_not_date_the_event() -> None:
    # A search snippet opens with its page's date: the event is the one the sentence reports.
    text = (
        "Jun 4, 2023 ... iPhone 11: Key Takeaways · The iPhone 11, released on September 20, 2019, "
        "is now considered older in the smartphone market."
    )
    events = extract_events(article(text, published=None))
    assert [e.date_start for e in events] == ["2019-09-20"]


def test_without_published_date_only_explicit_years_resolve() -> None:
    text = "The council met on July 6.\nThe council met on July 6, 2024, in Berlin."
    events = extract_events(article(text, published=None))
    assert [e.date_start for e in events] == ["2024-07-06"]


def test_batch_matches_single() -> None:
    docs = [
        article("The panel met in Rome on May 2, 2025.", doc_id="a"),
        article("No dates here.", doc_id="b"),
    ]
    batch = extract_events_batch(docs)
    assert [len(x) for x in batch] == [1, 0]
    assert batch[0] == extract_events(docs[0])


# -- the sample article ------------------------------------------------------------------------
def test_sample_article_events() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    events = extract_events(article(text, "2025-08-13"))
    by_text = {e.date_text: e for e in events}
    assert "2025-08-13" not in by_text  # the publish-date line is not an event
    late_june = by_text["late June"]
    assert (late_june.date_start, late_june.date_end, late_june.granularity) == (
        "2025-06-21",
        "2025-06-30",
        "part_of_month",
    )
    assert late_june.venue_city == "Qingdao" and late_june.venue_country == "China"
    assert late_june.status == "happened"
    july6 = by_text["July 6"]
    assert (july6.date_start, july6.granularity, july6.status) == ("2025-07-06", "day", "happened")
    feb = by_text["February 2025"]
    assert (feb.date_start, feb.date_end, feb.granularity) == ("2025-02-01", "2025-02-28", "month")
    aug21 = by_text["August 21, 2025"]
    assert (aug21.date_start, aug21.granularity, aug21.status) == ("2025-08-21", "day", "scheduled")
    assert aug21.venue_city == "Moscow"
    assert {p.split()[-1] for p in aug21.participants} == {"Lavrov", "Jaishankar"}
    for e in events:
        assert text[e.sentence_start : e.sentence_end] == e.sentence
        assert e.date_text in e.sentence  # every record is cited to the sentence holding its date


# -- records ---------------------------------------------------------------------------------
def test_sample_records_are_taken_as_given() -> None:
    for line in SAMPLE_RECORDS.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        extra = {k: v for k, v in raw.items() if k not in ("id", "title", "text", "published", "source")}
        doc = DocumentRecord(doc_id=raw["id"], source_key=raw["id"], content_hash="h", title=raw["title"],
                             text=raw["text"], published=raw["published"], kind="record", extra=extra)  # fmt: skip
        (event,) = events_from_record(doc)
        assert event.from_record and event.status == raw["status"]
        assert event.what == raw["what"] and list(event.participants) == raw["participants"]
        assert event.venue_city == raw["venue_city"]
        assert event.date_start is not None and event.date_start.startswith(raw["event_date"][:7])
        assert doc.text[event.sentence_start : event.sentence_end] == event.sentence


@pytest.mark.parametrize(
    ("extra", "start", "end", "granularity", "status"),
    [
        ({"what": "Talks", "event_date": "2025-03-03"}, "2025-03-03", "2025-03-03", "day", "happened"),
        ({"what": "Talks", "event_date": "2025-09"}, "2025-09-01", "2025-09-30", "month", "scheduled"),
        ({"what": "Talks", "event_date": "2025"}, "2025-01-01", "2025-12-31", "year", "happened"),
        (
            {"what": "Talks", "event_date": "2025-06-21/2025-06-30"},
            "2025-06-21",
            "2025-06-30",
            "part_of_month",
            "happened",
        ),
        (
            {"what": "Talks", "event_date": "late June 2025", "status": "Happened"},
            "2025-06-21",
            "2025-06-30",
            "part_of_month",
            "happened",
        ),
    ],
)
def test_record_dates(extra: dict[str, object], start: str, end: str, granularity: str, status: str) -> None:
    (event,) = events_from_record(record(extra))
    assert (event.date_start, event.date_end, event.granularity, event.status) == (
        start,
        end,
        granularity,
        status,
    )


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"what": "Talks", "event_date": "someday"}, "event_date"),
        ({"what": "Talks", "event_date": "2025-02-30"}, "event_date"),
        ({"what": "Talks", "event_date": "2025-03-01", "status": "maybe"}, "status"),
        ({"what": "Talks", "event_date": "2025-03", "date_granularity": "day"}, "date_granularity"),
        ({"what": "Talks", "event_date": "2025-03", "date_granularity": "fortnight"}, "date_granularity"),
        ({"what": "Talks", "event_date": "2025-03-01", "participants": [1, 2]}, "participants"),
    ],
)
def test_bad_records_name_the_field(extra: dict[str, object], field: str) -> None:
    with pytest.raises(IngestError) as info:
        events_from_record(record(extra))
    assert info.value.field == field
    assert "records.jsonl" in str(info.value) and field in str(info.value)


def test_records_without_event_fields_are_read_like_articles() -> None:
    (event,) = events_from_record(record({"authors": ["A. Writer"]}))
    assert not event.from_record and event.date_start == "2025-03-03" and event.venue_city == "Paris"
    assert events_from_record(record({"authors": ["A. Writer"]}, text="No dates in this one.")) == []


def test_record_participants_from_a_string() -> None:
    (event,) = events_from_record(
        record({"what": "Talks", "event_date": "2025-03-03", "participants": "Ann Lee; Bo Chan"})
    )
    assert event.participants == ("Ann Lee", "Bo Chan")
    assert event.sentence == "They met in Paris on 3 March 2025."


# -- which date of a sentence is its event's ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "published", "date_start", "status"),
    [
        # A wire dateline (city in capitals, agency in brackets) dates the page, not the event.
        ("MARROWICK, Aug 14 (Coastline Press Agency) – Kestrel Orbital will attempt to launch its "
         "rocket on Sept. 3, the company said on Thursday.", "2026-08-14", "2026-09-03", "scheduled"),
        # An adverbial clause's date is a circumstance: the main clause dates the match.
        ("Because Greyhaven Stadium is hosting a concert on Saturday, Oct. 10, the match will now be "
         "played on Sunday, Oct. 11, with kick-off at 14:00.", "2026-09-29", "2026-10-11", "scheduled"),
        # The act reported, even in an adverbial clause, before the report's own date.
        ("MARIBOR (Alpine Press) - At least eleven people have died after the Drava river burst its banks "
         "on Saturday, flooding towns, the civil protection agency said on Monday.", "2025-10-07", "2025-10-04",
         "happened"),
        # Moved from one date to another: the new one, ahead however past the moving is.
        ("Closing arguments in the trial have been postponed from Sept. 28 to Oct. 5 after the "
         "defence lawyer was admitted to hospital.", "2026-09-24", "2026-10-05", "scheduled"),
        ("FENWICK HEAD, Sept 2 – Kestrel Orbital has postponed the launch of its Tern II rocket, which "
         "had been due to lift off on Thursday, to no earlier than Sept. 19 after engineers found a "
         "faulty valve, the company said on Wednesday.", "2026-09-02", "2026-09-19", "scheduled"),
    ],
)  # fmt: skip
def test_the_events_date_is_its_acts_not_a_dateline_or_a_left_plan(
    text: str, published: str, date_start: str, status: str
) -> None:
    [event] = extract_events(article(text, published))
    assert (event.date_start, event.status) == (date_start, status)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("MOMBASA (Coastal Wire) - The board on Monday approved it.", "The board on Monday approved it."),
        ("HALLBY – Emil Dragan won the stage.", "Emil Dragan won the stage."),
        ("MARROWICK, Sept 29 (Coastline Press Agency) – The final was played.", "The final was played."),
        ("SAN JOSE, Calif., May 2 – Apple said.", "Apple said."),
        # Capitals that open a sentence are no dateline without the dash.
        ("BRICS, the bloc, met.", "BRICS, the bloc, met."),
        ("The US - China talks ended.", "The US - China talks ended."),
    ],
)
def test_a_sentence_less_its_opening_dateline(text: str, rest: str) -> None:
    from ingest.events import without_dateline

    assert without_dateline(text) == rest


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("KARVO, Sept 24 – The Tour of Brennmoor will return.", "KARVO"),
        ("KERROWBY, April 8 (Brevan Wire) – Health authorities said.", "KERROWBY/Brevan Wire"),
        ("HALLBY – Emil Dragan won the stage.", "HALLBY"),
        # Behind the headline and the byline: the story's opening paragraph.
        ("Eskel Bridge: judgment due\n\nBy Henrik Osk, Courts Reporter\n\nKARVO, Oct 6 – Judge Fors said.", "KARVO"),
        ("SAN JOSE, Calif., May 2 – Apple said.", "SAN JOSE"),
        ("Moscow [Russia], August 13 (ANI): Lavrov will meet Jaishankar.", None),
        ("BRICS, the bloc, met.", None),
        # A dash deep in the story is no dateline.
        ("Fire forces 1,400 out\n\nThe fire spread.\n\nMore text.\n\nLater.\n\nHALLBY – it ended.", None),
    ],
)  # fmt: skip
def test_the_place_a_story_is_filed_from(text: str, place: str | None) -> None:
    from ingest.events import story_dateline

    filed = story_dateline(text)
    assert (filed and "/".join(filter(None, filed))) == place
