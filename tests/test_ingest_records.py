from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import ConfigError, IngestError
from ingest.records import read_records


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_sample_records_file(sample_dir: Path) -> None:
    path = next(sample_dir.glob("*.jsonl"))
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = read_records(path)
    assert result.errors == [] and len(result.records) == len(raw)
    for rec, src in zip(result.records, raw, strict=True):
        assert rec.text == src["text"] and rec.title == src["title"] and rec.record_id == src["id"]
        # Fields we do not model travel on as extra (event data for the events stage).
        assert {k for k in src if k not in ("id", "title", "text", "published", "source")} <= set(rec.extra)


def test_field_names_dates_source_from_url_and_extra(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "r.jsonl",
        [
            {"headline": "A", "body": "Alpha text.", "publish_date": "2026/03/20", "url": "https://www.ex.com/a",
             "authors": ["X", "Y"], "section": "world"},
            {"title": "B", "content": "Beta text.", "publishDate": "Tue, 13 Aug 2025 10:00:00 +0000", "source": "Wire"},
            {"text": "Gamma has no title. Second sentence.", "date": "Aug. 28, 2025"},
        ],
    )  # fmt: skip
    result = read_records(path)
    assert result.errors == []
    a, b, c = result.records
    assert (a.title, a.text, a.published, a.source, a.url) == (
        "A",
        "Alpha text.",
        "2026-03-20",
        "ex.com",
        "https://www.ex.com/a",
    )
    assert a.extra == {"section": "world", "authors": ["X", "Y"]} and a.line == 1
    assert (b.published, b.source, b.url) == ("2025-08-13", "Wire", None)
    assert (c.title, c.published) == ("Gamma has no title.", "2025-08-28")


def test_field_map_overrides_and_rejects_unknown(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "m.jsonl", [{"story": "Mapped text.", "text": "not this", "when": "2024-01-02"}])
    [rec] = read_records(path, {"text": "story", "published": "when"}).records
    assert (rec.text, rec.published) == ("Mapped text.", "2024-01-02")
    assert rec.extra["text"] == "not this"
    with pytest.raises(ConfigError, match="bogus"):
        read_records(path, {"bogus": "x"})


def test_bad_records_fail_alone_naming_line_and_field(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "bad.jsonl",
        [
            {"title": "ok 1", "text": "Fine."},
            {"title": "no text", "text": "   "},
            '{"title": "broken", "text": ',
            {"title": "bad date", "text": "Words.", "published": "someday soon"},
            "[1, 2]",
            {"title": "ok 2", "text": "Also fine."},
        ],
    )
    result = read_records(path)
    assert [r.title for r in result.records] == ["ok 1", "ok 2"]
    by_line = {e.line: e for e in result.errors}
    assert sorted(by_line) == [2, 3, 4, 5]
    assert "no text" in str(by_line[2]) and "malformed JSON" in str(by_line[3])
    assert by_line[4].field == "published" and "someday soon" in str(by_line[4])
    assert all(str(path) in str(e) for e in result.errors)


def test_json_shapes(tmp_path: Path) -> None:
    rows = [{"title": "one", "text": "First."}, {"title": "two", "text": "Second."}]
    for name, data in [("list.json", rows), ("wrapped.json", {"records": rows}), ("one.json", rows[0])]:
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        got = [r.title for r in read_records(path).records]
        assert got == (["one"] if name == "one.json" else ["one", "two"])
    path = tmp_path / "nested.json"
    path.write_text(json.dumps([{"title": "x"}, {"title": "y", "text": "ok"}]), encoding="utf-8")
    result = read_records(path)
    assert [r.title for r in result.records] == ["y"]
    assert "record 1" in str(result.errors[0]) and "no text" in str(result.errors[0])


def test_search_result_dump_lines_expand_to_records(tmp_path: Path) -> None:
    line = {"question_id": "q1", "search_result": [
        {"url": "https://a.example/1", "title": "T1", "text": "One.", "publish_date": "2025/01/02"},
        {"url": "https://a.example/2", "title": "T2", "text": "", "publish_date": None},
    ]}  # fmt: skip
    result = read_records(_jsonl(tmp_path / "gcs.jsonl", [line]))
    assert [(r.url, r.published, r.position) for r in result.records] == [
        ("https://a.example/1", "2025-01-02", "line 1 record 1")
    ]
    assert len(result.errors) == 1 and result.errors[0].line == 1


def test_malformed_json_document_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"title": "a", "text": "b"},\n  {"title": oops}\n]', encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_records(path)
    assert info.value.line == 3 and "malformed JSON" in str(info.value)


def test_csv_rows_and_malformed_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        'title,text,date,url\n'
        'One,"First text, with comma.",2025-01-02,https://www.site.example/1\n'
        'Two,"Multi\nline text.",2025/01/03,\n'
        'Three,too,many,cells,here\n'
        'Four,,2025-01-05,\n'
        'Five,Fifth.,not a date,\n'
        'Six,Sixth.,,\n',
        encoding="utf-8",
    )  # fmt: skip
    result = read_records(path)
    assert [(r.title, r.published) for r in result.records] == [
        ("One", "2025-01-02"),
        ("Two", "2025-01-03"),
        ("Six", None),
    ]
    assert result.records[0].source == "site.example" and result.records[1].text == "Multi\nline text."
    assert sorted(e.line for e in result.errors if e.line) == [5, 6, 7]
    messages = " | ".join(str(e) for e in result.errors)
    assert "malformed CSV row" in messages and "no text" in messages and "not a date" in messages


def test_csv_without_header_and_empty_files(tmp_path: Path) -> None:
    for name, content, message in [("e.csv", b"", "empty"), ("e.jsonl", b"\n\n", "empty"), ("h.csv", b",,\n", "header"),
                                   ("b.jsonl", b"\x00\x01\x02", "binary")]:  # fmt: skip
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(IngestError, match=message):
            read_records(path)


def test_a_fallback_title_is_the_first_sentence_as_the_evidence_splits_it(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "r.jsonl",
        [{"text": "Rafael Nadal has clinched the year-end No. 1 ATP Ranking for a fifth time. He said so."}],
    )
    [record] = read_records(path).records
    # Punkt ends a sentence at "No."; the evidence's splitter knows the abbreviation.
    assert record.title == "Rafael Nadal has clinched the year-end No. 1 ATP Ranking for a fifth time."
