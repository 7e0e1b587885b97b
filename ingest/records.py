"""Records files: ``.json`` (a list, ``{"records": [...]}`` or one object), ``.jsonl`` and ``.csv``.

Each record becomes one document. Field names vary between exports, so each of our fields has
a list of common names, and ``settings.field_map`` (ours -> theirs) overrides them. A bad record
(no text, a date that does not parse, a malformed line) is an ``IngestError`` for that record
only; the others in the file are still read.

A JSON object that holds no text but one list of objects (``{"records": [...]}``, a search-result
dump such as ``{"question_id": ..., "search_result": [...]}``) is read as that list of records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, IngestError
from ingest.readers import first_sentence, parse_date_field, read_text_file, shorten, site_of

RECORD_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson", ".csv"})

# Our field -> the names it commonly has in exports (first present wins).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "record_id", "doc_id", "uuid", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "published": (
        "published",
        "date",
        "publish_date",
        "publishDate",
        "published_at",
        "pubDate",
        "datePublished",
    ),
    "source": ("source", "site", "publisher", "source_name"),
    "url": ("url", "link", "source_url"),
    "authors": ("authors", "author", "byline"),
}


@dataclass
class RecordData:
    """One record as read: where it is (line or index) and its normalised fields."""

    position: str  # "record 3" (json) or "line 7" (jsonl/csv): for messages and identity
    line: int | None
    text: str
    title: str
    record_id: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecordsResult:
    records: list[RecordData] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def resolve_field_names(field_map: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    unknown = sorted(set(field_map) - set(FIELD_ALIASES))
    if unknown:
        raise ConfigError(
            f"field_map names unknown field(s) {', '.join(unknown)}; known: {', '.join(FIELD_ALIASES)}"
        )
    return {ours: (field_map[ours],) if ours in field_map else names for ours, names in FIELD_ALIASES.items()}


def _pick(raw: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in raw and raw[name] not in (None, "", []):
            return name, raw[name]
    return None, None


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v not in (None, ""))
    return str(value).strip()


def normalise_record(
    raw: Mapping[str, Any], names: dict[str, tuple[str, ...]], path: str, position: str, line: int | None
) -> RecordData:
    """One raw mapping -> RecordData, or IngestError naming the file, line/record and field."""
    where = path if line is not None else f"{path} ({position})"
    used: set[str] = set()
    values: dict[str, Any] = {}
    for ours, candidates in names.items():
        name, value = _pick(raw, candidates)
        if name is not None:
            used.add(name)
            values[ours] = value
    text_value = values.get("text")
    if text_value is None or not isinstance(text_value, str | int | float) or not str(text_value).strip():
        wanted = "/".join(names["text"])
        raise IngestError(where, f"record has no text (expected a non-empty '{wanted}' field)", line)
    text = str(text_value).replace("\r\n", "\n").strip()
    date_field = next((n for n in names["published"] if n in used), "published")
    published = parse_date_field(values.get("published"), where, date_field, line)
    url = _as_text(values["url"]) if "url" in values else None
    source = _as_text(values["source"]) if "source" in values else site_of(url)
    title = shorten(_as_text(values["title"])) if "title" in values else first_sentence(text)
    extra = {k: v for k, v in raw.items() if k not in used}
    if "authors" in values:
        extra["authors"] = values["authors"]
    record_id = _as_text(values["id"]) if "id" in values else None
    return RecordData(position=position, line=line, text=text, title=title or shorten(text, 80),
                      record_id=record_id or None, published=published, source=source or None, url=url or None,
                      extra=extra)  # fmt: skip


def _has_text(obj: Mapping[str, Any], names: dict[str, tuple[str, ...]]) -> bool:
    return _pick(obj, names["text"])[0] is not None


def _expand(obj: Any, names: dict[str, tuple[str, ...]]) -> list[Any] | None:
    """The records a wrapper object holds (``{"records": [...]}``), or None if it is a record."""
    if not isinstance(obj, dict) or _has_text(obj, names):
        return None
    lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    return lists[0] if len(lists) == 1 else None


def _items_json(
    text: str, path: str, names: dict[str, tuple[str, ...]]
) -> Iterator[tuple[str, int | None, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    items = data if isinstance(data, list) else (_expand(data, names) or [data])
    for index, item in enumerate(items, start=1):
        yield f"record {index}", None, item


def _items_jsonl(
    text: str, path: str, names: dict[str, tuple[str, ...]]
) -> Iterator[tuple[str, int | None, Any]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}", number, IngestError(path, f"malformed JSON line: {exc.msg} (column {exc.colno})",
                                                        number)  # fmt: skip
            continue
        nested = _expand(obj, names)
        if nested is None:
            yield f"line {number}", number, obj
        else:
            for index, item in enumerate(nested, start=1):
                yield f"line {number} record {index}", number, item


def _items_csv(text: str, path: str) -> Iterator[tuple[str, int | None, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise IngestError(path, f"malformed CSV header: {exc}", 1) from None
    if not header or not any(h and h.strip() for h in header):
        raise IngestError(path, "CSV file has no header row", 1)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield f"line {reader.line_num}", reader.line_num, IngestError(path, f"malformed CSV row: {exc}",
                                                                          reader.line_num)  # fmt: skip
            continue
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            # DictReader puts surplus cells under None and fills missing ones with None.
            yield (
                f"line {line}",
                line,
                IngestError(
                    path,
                    f"malformed CSV row: {len(header)} columns in the header, a different number here",
                    line,
                ),
            )
            continue
        yield f"line {line}", line, {k.strip(): v for k, v in row.items() if k}


def read_records(path: Path, field_map: Mapping[str, str] | None = None) -> RecordsResult:
    """Every record of a records file; per-record problems are collected, not raised.

    A problem with the file as a whole (unreadable, empty, binary, malformed JSON document,
    no CSV header) raises IngestError.
    """
    where = str(path)
    names = resolve_field_names(field_map or {})
    text = read_text_file(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        items = _items_json(text, where, names)
    elif suffix in (".jsonl", ".ndjson"):
        items = _items_jsonl(text, where, names)
    elif suffix == ".csv":
        items = _items_csv(text, where)
    else:
        raise IngestError(where, f"unknown records extension '{suffix}'")
    result = RecordsResult()
    for position, line, item in items:
        if isinstance(item, IngestError):
            result.errors.append(item)
            continue
        if not isinstance(item, dict):
            at = where if line is not None else f"{where} ({position})"
            result.errors.append(
                IngestError(at, f"a record must be a JSON object, got {type(item).__name__}", line)
            )
            continue
        try:
            result.records.append(normalise_record(item, names, where, position, line))
        except IngestError as exc:
            result.errors.append(exc)
    if not result.records and not result.errors:
        raise IngestError(where, "no records in file")
    return result
