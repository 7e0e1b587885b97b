"""The eval-set format (JSONL, one item a line; or YAML, a list of items) and its validation.

An item::

    {"id": "moscow-when",                      # unique in the file
     "question": "When will Lavrov meet Jaishankar?",
     "as_of": "2025-08-14",                    # optional: the date the question is asked from
     "category": "date",                        # optional: groups the report (default: expected.type)
     "expected": {"type": "date", "value": "2025-08-21", "variants": ["21 August 2025"]},
     "must_cite": ["000_3397940ecd38ae42.txt", "eng-2025-08-21-moscow"],
     "turns": [{"question": "And where?", "expected": {"type": "place", "value": "Moscow"}}]}
    {"id": "moscow-outcome", "question": "What did they agree in Moscow?", "unanswerable": true}

``expected.type`` is one of date / place / person / organisation / number / text (see
``evals.normalize`` for how each is compared); dates are ISO (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``, or a range ``A/B``). ``must_cite`` lists the documents that hold the answer, any
one of which counts, by a key that is portable across homes: a file name, a url, a record id
(``id`` of a records-file line), a source key or a doc id. ``turns`` are follow-ups asked in the
same conversation, each with its own ``expected`` or ``unanswerable``. Every problem raises
``EvalSetError`` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from assistant.errors import EvalSetError

AnswerType = Literal["date", "place", "person", "organisation", "number", "text"]
ANSWER_TYPES: tuple[str, ...] = ("date", "place", "person", "organisation", "number", "text")
_TYPE_ALIASES = {"organization": "organisation", "org": "organisation", "location": "place", "name": "person"}
_ITEM_FIELDS = {
    "id",
    "question",
    "as_of",
    "category",
    "expected",
    "must_cite",
    "unanswerable",
    "turns",
    "notes",
}
_TURN_FIELDS = {"question", "expected", "must_cite", "unanswerable", "category", "notes"}
_EXPECTED_FIELDS = {"type", "value", "variants"}
_CATEGORY = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")
_ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Expected:
    type: AnswerType
    value: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    """One question of an item: the opening question is turn 0, follow-ups come after it."""

    question: str
    expected: Expected | None
    unanswerable: bool
    must_cite: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class EvalItem:
    id: str
    line: int  # where the item starts in its file (1-based), for messages
    as_of: str | None
    turns: tuple[Turn, ...]  # turns[0] is the item's own question

    @property
    def question(self) -> str:
        return self.turns[0].question

    @property
    def category(self) -> str:
        return self.turns[0].category


@dataclass(frozen=True)
class EvalSet:
    path: str
    items: tuple[EvalItem, ...] = field(default_factory=tuple)

    @property
    def n_questions(self) -> int:
        return sum(len(i.turns) for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
class _LineLoader(yaml.SafeLoader):
    """Records each mapping's start line under ``__line__`` so errors can point at it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = cast(dict[str, Any], loader.construct_mapping(node, deep=True))
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _raw_items(path: Path) -> list[tuple[int, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalSetError(f"{path}: eval set not found") from None
    except UnicodeDecodeError as exc:
        raise EvalSetError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise EvalSetError(f"{path}: cannot read: {exc.strerror}") from None
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        items: list[tuple[int, Any]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise EvalSetError(f"{path}:{number}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        return items
    if suffix in (".yaml", ".yml"):
        try:
            data = yaml.load(text, Loader=_LineLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
            raise EvalSetError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
        if isinstance(data, dict) and "items" in data:
            data = data["items"]
        if not isinstance(data, list):
            raise EvalSetError(f"{path}:1: a YAML eval set is a list of items (or a mapping with 'items')")
        return [(d.pop("__line__", 0) if isinstance(d, dict) else 0, d) for d in data]
    raise EvalSetError(f"{path}: unknown eval-set format '{suffix}' (use .jsonl, .yaml or .yml)")


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _expected(raw: Any, where: str) -> Expected:
    if not isinstance(raw, dict):
        raise EvalSetError(f"{where}: 'expected' must be an object with type and value")
    unknown = set(raw) - _EXPECTED_FIELDS
    if unknown:
        raise EvalSetError(f"{where}: unknown field(s) in 'expected': {', '.join(sorted(unknown))}")
    kind = str(raw.get("type", "")).strip().lower()
    kind = _TYPE_ALIASES.get(kind, kind)
    if kind not in ANSWER_TYPES:
        raise EvalSetError(
            f"{where}: expected.type must be one of {', '.join(ANSWER_TYPES)}, got {raw.get('type')!r}"
        )
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
        raise EvalSetError(f"{where}: expected.value must be a non-empty string or number")
    variants = raw.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str | int | float) for v in variants):
        raise EvalSetError(f"{where}: expected.variants must be a list of strings")
    value_s = str(value).strip()
    if kind == "date":
        from evals.normalize import expected_date_span

        if not all(_ISO_VALUE.match(part.strip()) for part in value_s.split("/")):
            raise EvalSetError(f"{where}: expected.value of a date is ISO: YYYY, YYYY-MM, YYYY-MM-DD or A/B")
        try:
            expected_date_span(value_s)
        except ValueError as exc:
            raise EvalSetError(f"{where}: expected.value: {exc}") from None
    return Expected(type=cast(AnswerType, kind), value=value_s, variants=tuple(str(v) for v in variants))


def _must_cite(raw: Any, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(k, str) and k.strip() for k in raw):
        raise EvalSetError(
            f"{where}: 'must_cite' must be a list of document keys (file name, url, record id)"
        )
    return tuple(k.strip() for k in raw)


def _turn(raw: Any, where: str, allowed: set[str], default_category: str | None = None) -> Turn:
    if not isinstance(raw, dict):
        raise EvalSetError(f"{where}: expected an object, got {type(raw).__name__}")
    unknown = set(raw) - allowed
    if unknown:
        raise EvalSetError(f"{where}: unknown field(s): {', '.join(sorted(unknown))}")
    question = raw.get("question")
    if not isinstance(question, str) or not question.strip():
        raise EvalSetError(f"{where}: 'question' is required (a non-empty string)")
    unanswerable = raw.get("unanswerable", False)
    if not isinstance(unanswerable, bool):
        raise EvalSetError(f"{where}: 'unanswerable' must be true or false")
    has_expected = raw.get("expected") is not None
    if unanswerable and has_expected:
        raise EvalSetError(f"{where}: an unanswerable question has no 'expected'")
    if not unanswerable and not has_expected:
        raise EvalSetError(f"{where}: give 'expected' (type, value) or 'unanswerable': true")
    expected = _expected(raw["expected"], where) if has_expected else None
    category = raw.get("category")
    if category is None:
        category = "unanswerable" if unanswerable else (expected.type if expected else default_category)
    if not isinstance(category, str) or not _CATEGORY.match(category):
        raise EvalSetError(f"{where}: 'category' must be a short word (letters, digits, - or _)")
    return Turn(
        question=question.strip(),
        expected=expected,
        unanswerable=unanswerable,
        must_cite=_must_cite(raw.get("must_cite"), where),
        category=category.lower(),
    )


def _as_of(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, dt.date):  # YAML turns bare 2025-08-14 into a date
        return raw.isoformat()
    try:
        return dt.date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise EvalSetError(f"{where}: 'as_of' must be an ISO date (YYYY-MM-DD), got {raw!r}") from None


def parse_item(raw: Any, path: str, line: int) -> EvalItem:
    where = f"{path}:{line}"
    if not isinstance(raw, dict):
        raise EvalSetError(f"{where}: each item is an object, got {type(raw).__name__}")
    raw = _strip_lines(raw)
    item_id = raw.get("id")
    if isinstance(item_id, int) and not isinstance(item_id, bool):
        item_id = str(item_id)
    if not isinstance(item_id, str) or not item_id.strip():
        raise EvalSetError(f"{where}: 'id' is required (a non-empty string)")
    first = _turn(raw, where, _ITEM_FIELDS)
    turns_raw = raw.get("turns") or []
    if not isinstance(turns_raw, list):
        raise EvalSetError(f"{where}: 'turns' must be a list of follow-up questions")
    turns = [first]
    for n, t in enumerate(turns_raw, start=1):
        turns.append(_turn(t, f"{where} (turn {n})", _TURN_FIELDS))
    return EvalItem(id=item_id.strip(), line=line, as_of=_as_of(raw.get("as_of"), where), turns=tuple(turns))


def load_eval_set(path: str | Path) -> EvalSet:
    """Read and validate an eval set; raise EvalSetError (file:line: what) on the first problem."""
    p = Path(path)
    items: list[EvalItem] = []
    seen: dict[str, int] = {}
    for line, raw in _raw_items(p):
        item = parse_item(raw, str(p), line)
        if item.id in seen:
            raise EvalSetError(f"{p}:{line}: duplicate id '{item.id}' (first on line {seen[item.id]})")
        seen[item.id] = line
        items.append(item)
    if not items:
        raise EvalSetError(f"{p}: the eval set holds no items")
    return EvalSet(path=str(p), items=tuple(items))
