from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import EvalSetError
from evals.schema import load_eval_set

REPO = Path(__file__).resolve().parent.parent


def _jsonl(tmp_path: Path, *items: object, name: str = "set.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(
        "\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n", encoding="utf-8"
    )
    return path


GOOD = {"id": "a", "question": "Where?", "expected": {"type": "place", "value": "Moscow"}}


def test_seed_set_is_valid_and_large_enough() -> None:
    eval_set = load_eval_set(REPO / "evals" / "sets" / "sample.jsonl")
    items = eval_set.items
    assert len(items) >= 40
    assert sum(1 for i in items if i.turns[0].unanswerable) >= 8
    assert any(len(i.turns) > 1 for i in items)
    types = {t.expected.type for i in items for t in i.turns if t.expected}
    assert {"date", "place", "person", "organisation", "number", "text"} <= types


def test_dev_set_cites_only_documents_of_its_corpus() -> None:
    import json

    eval_set = load_eval_set(REPO / "evals" / "sets" / "dev_port.jsonl")
    corpus = REPO / "data" / "dev_port"
    names = {p.name for p in corpus.iterdir()} | {
        json.loads(line)["id"] for line in (corpus / "records.jsonl").read_text(encoding="utf-8").splitlines()
    }
    cited = {doc for i in eval_set.items for t in i.turns for doc in t.must_cite}
    assert cited and cited <= names
    assert sum(1 for i in eval_set.items if i.turns[0].unanswerable) >= 8


def test_jsonl_fields_defaults_and_turns(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        {**GOOD, "as_of": "2025-08-14", "must_cite": "a.txt",
         "turns": [{"question": "When?", "expected": {"type": "date", "value": "2025-08"}}]},
        {"id": 7, "question": "Outcome?", "unanswerable": True},
        "",
    )  # fmt: skip
    s = load_eval_set(path)
    first, second = s.items
    assert first.as_of == "2025-08-14" and first.turns[0].must_cite == ("a.txt",)
    assert first.category == "place" and first.turns[1].category == "date"
    assert second.id == "7" and second.category == "unanswerable" and second.turns[0].expected is None
    assert s.n_questions == 3


def test_yaml_set_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(
        "- id: a\n  question: Where?\n  as_of: 2025-08-14\n  expected: {type: organization, value: SCO}\n"
        "- id: b\n  question: Who?\n  expected: {type: person}\n",
        encoding="utf-8",
    )
    with pytest.raises(EvalSetError, match=r"set\.yaml:5: .*expected\.value"):
        load_eval_set(path)
    path.write_text("items:\n- id: a\n  question: Where?\n  unanswerable: true\n", encoding="utf-8")
    assert load_eval_set(path).items[0].turns[0].unanswerable


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"question": "x", "unanswerable": True}, r":2: 'id' is required"),
        ({"id": "b", "unanswerable": True}, r":2: 'question' is required"),
        ({"id": "b", "question": "x"}, r":2: give 'expected'"),
        (
            {"id": "b", "question": "x", "unanswerable": True, "expected": {"type": "text", "value": "y"}},
            r"unanswerable question has no 'expected'",
        ),
        (
            {"id": "b", "question": "x", "expected": {"type": "colour", "value": "y"}},
            r"expected\.type must be",
        ),
        ({"id": "b", "question": "x", "expected": {"type": "date", "value": "21 Aug"}}, r"ISO"),
        (
            {"id": "b", "question": "x", "expected": {"type": "date", "value": "2025-13"}},
            r":2: expected\.value",
        ),
        ({"id": "b", "question": "x", "unanswerable": True, "as_of": "yesterday"}, r"'as_of' must be an ISO"),
        (
            {"id": "b", "question": "x", "unanswerable": True, "qestion": "typo"},
            r"unknown field\(s\): qestion",
        ),
        ({"id": "b", "question": "x", "unanswerable": True, "must_cite": [1]}, r"must_cite"),
        ({"id": "b", "question": "x", "unanswerable": True, "turns": [{"question": "y"}]}, r":2 \(turn 1\)"),
        ({"id": "a", "question": "x", "unanswerable": True}, r":2: duplicate id 'a' \(first on line 1\)"),
    ],
)
def test_invalid_items_name_file_and_line(tmp_path: Path, item: dict[str, object], message: str) -> None:
    path = _jsonl(tmp_path, GOOD, item)
    with pytest.raises(EvalSetError, match=r"set\.jsonl" + message if message.startswith(":") else message):
        load_eval_set(path)


def test_unreadable_or_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(EvalSetError, match="not found"):
        load_eval_set(tmp_path / "missing.jsonl")
    with pytest.raises(EvalSetError, match=r"bad\.jsonl:2: invalid JSON"):
        load_eval_set(_jsonl(tmp_path, GOOD, "{not json", name="bad.jsonl"))
    with pytest.raises(EvalSetError, match="unknown eval-set format"):
        load_eval_set(_jsonl(tmp_path, GOOD, name="set.csv"))
    with pytest.raises(EvalSetError, match="holds no items"):
        load_eval_set(_jsonl(tmp_path, "", name="empty.jsonl"))
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(EvalSetError, match="not UTF-8"):
        load_eval_set(binary)
