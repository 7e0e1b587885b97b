"""The eval runner end to end with a scripted engine: report files, compare, thresholds, CLI exit."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from assistant.components.library import Library
from assistant.types import Answer, Citation, DocumentRecord
from evals.report import check_thresholds, compare, compare_markdown, load_report, to_markdown, write_report
from evals.runner import DocKeys, run_eval

ARTICLE = "Lavrov will meet Jaishankar in Moscow on August 21, 2025. Rajnath Singh met Belousov in Qingdao."


def _doc(
    doc_id: str, source_key: str, path: str, kind: str = "article", url: str | None = None
) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source_key=source_key, content_hash=doc_id, title=doc_id, text=ARTICLE,
                          path=path, kind=kind, url=url)  # type: ignore[arg-type]  # fmt: skip


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib.sqlite3")
    for doc in (
        _doc("d-art", "/data/x/article.txt", "/data/x/article.txt"),
        _doc("d-rec", "/data/x/records.jsonl#eng-1", "/data/x/records.jsonl", kind="record"),
        _doc(
            "d-web",
            "https://news.example/a",
            "/data/x/dump.jsonl",
            kind="record",
            url="https://news.example/a",
        ),
    ):
        lib.stage_document(doc, [])
        lib.mark_complete(doc.doc_id)
    return lib


def test_doc_keys_are_portable(library: Library) -> None:
    keys = DocKeys(library.list_documents())
    assert keys.resolve("article.txt") == {"d-art"}
    assert keys.resolve("eng-1") == {"d-rec"}
    assert keys.resolve("records.jsonl") == {"d-rec"}
    assert keys.resolve("https://news.example/a") == {"d-web"}
    assert keys.resolve("d-web") == {"d-web"}
    assert keys.resolve("nothing.txt") == set()


@dataclass
class Node:
    metadata: dict[str, Any]


@dataclass
class NodeWithScore:
    node: Node
    score: float = 1.0


@dataclass
class Session:
    as_of: str | None
    turns: list[str] = field(default_factory=list)


class ScriptedEngine:
    """Answers from a script keyed by question; a follow-up sees the session's earlier turns."""

    def __init__(self, script: dict[str, tuple[str, str, bool, list[str]]]) -> None:
        self.script = script
        self.sessions: list[Session] = []

    def chat(self, message: str, session: Session) -> Answer:
        if session not in self.sessions:
            self.sessions.append(session)
        session.turns.append(message)
        if message not in self.script:
            raise RuntimeError(f"no script for {message!r}")
        answer, short, refused, docs = self.script[message]
        cites = [
            Citation(
                id=i + 1,
                doc_id=d,
                title=d,
                source=None,
                url=None,
                published=None,
                quote=ARTICLE[:57],
                start=0,
                end=57,
                supported=True,
            )
            for i, d in enumerate(docs)
        ]
        standalone = " / ".join(session.turns)
        notes = (
            ["retrieved 2 passages", f"refused: {REFUSAL_REASON}"] if refused else ["retrieved 2 passages"]
        )
        return Answer(question=message, answer=answer, short_answer=short, refused=refused, citations=cites,
                      standalone_question=standalone, notes=notes)  # fmt: skip

    def retrieve(self, question: str, **kwargs: Any) -> list[NodeWithScore]:
        order = ["d-web", "d-art"] if "Moscow" in question or "meet" in question else ["d-web"]
        return [NodeWithScore(Node({"doc_id": d})) for d in order for _ in range(2)]


REFUSAL = "The sources do not say."
REFUSAL_REASON = "no cited sentence names who Singh met"


def _set(tmp_path: Path) -> Path:
    items = [
        {"id": "when", "question": "When will Lavrov meet Jaishankar?", "as_of": "2025-08-14",
         "expected": {"type": "date", "value": "2025-08-21"}, "must_cite": ["article.txt"],
         "turns": [{"question": "And where?", "expected": {"type": "place", "value": "Moscow"},
                    "must_cite": ["article.txt", "eng-1"]}]},
        {"id": "who", "question": "Who did Singh meet?", "expected": {"type": "person", "value": "Andrey Belousov"},
         "must_cite": ["missing.txt"]},
        {"id": "outcome", "question": "What did they agree?", "unanswerable": True},
        {"id": "broken", "question": "Unscripted?", "unanswerable": True},
    ]  # fmt: skip
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    return path


SCRIPT = {
    "When will Lavrov meet Jaishankar?": (
        "Lavrov will meet Jaishankar in Moscow on August 21, 2025 [1].", "August 21, 2025", False, ["d-art"]),
    "And where?": ("Lavrov will meet Jaishankar in Moscow on August 21, 2025 [1].", "Moscow", False, ["d-art"]),
    "Who did Singh meet?": (REFUSAL, "", True, []),
    "What did they agree?": ("They agreed on trade [1].", "trade", False, ["d-web"]),
}  # fmt: skip


def test_run_eval_scores_every_question(tmp_path: Path, library: Library) -> None:
    engine = ScriptedEngine(dict(SCRIPT))
    seen: list[str] = []
    report = run_eval(engine, _set(tmp_path), k=5, progress=False, library=library,
                      session_factory=lambda as_of: Session(as_of), on_result=lambda r: seen.append(r.item_id))  # fmt: skip
    by_id = {(r.item_id, r.turn): r for r in report.results}
    assert len(report.results) == 5 and len(seen) == 5
    # the follow-up was asked in the same conversation as its opening question, as of the item's date
    assert engine.sessions[0].turns == ["When will Lavrov meet Jaishankar?", "And where?"]
    assert engine.sessions[0].as_of == "2025-08-14"
    assert by_id[("when", 0)].correct and by_id[("when", 1)].correct
    assert by_id[("when", 0)].hit == 1.0 and by_id[("when", 0)].rr == pytest.approx(0.5)
    assert by_id[("when", 1)].standalone_question == "When will Lavrov meet Jaishankar? / And where?"
    assert by_id[("when", 0)].cite_precision == 1.0 and by_id[("when", 0)].cited_expected is True
    assert not by_id[("who", 0)].correct and by_id[("who", 0)].refused and by_id[("who", 0)].hit == 0.0
    # a refusal keeps the engine's reason, so a false refusal is traced to the check that made it
    assert by_id[("who", 0)].refusal_reason == REFUSAL_REASON
    assert by_id[("when", 0)].refusal_reason is None and by_id[("when", 0)].notes == ["retrieved 2 passages"]
    assert not by_id[("outcome", 0)].correct and by_id[("outcome", 0)].cite_precision == 0.0
    assert by_id[("broken", 0)].error is not None and "no script" in by_id[("broken", 0)].error
    m = report.metrics
    assert m["accuracy"] == pytest.approx(2 / 3)
    assert m["false_refusal_rate"] == pytest.approx(1 / 3)
    assert m["refusal_rate"] == 0.0 and m["errors"] == 1
    assert any("missing.txt" in w for w in report.warnings)
    assert set(report.categories) == {"date", "place", "person", "unanswerable"}


def test_report_files_compare_and_thresholds(tmp_path: Path, library: Library) -> None:
    path = _set(tmp_path)
    first = run_eval(ScriptedEngine(dict(SCRIPT)), path, progress=False, library=library,
                     session_factory=lambda a: Session(a))  # fmt: skip
    paths = write_report(first, tmp_path / "r1")
    assert {p.name for p in paths.values()} == {"report.json", "report.md", "report.png"}
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = paths["md"].read_text(encoding="utf-8")
    assert "answer accuracy" in md and "report.png" in md and "What did they agree?" in md
    again = load_report(tmp_path / "r1")
    assert again.metrics == json.loads(json.dumps(first.metrics)) and len(again.results) == 5
    assert "| when#0 |" in to_markdown(again)
    assert f"(refused: {REFUSAL_REASON})" in md and again.results[2].refusal_reason == REFUSAL_REASON

    better = dict(SCRIPT)
    better["What did they agree?"] = (REFUSAL, "", True, [])
    second = run_eval(ScriptedEngine(better), path, progress=False, library=library,
                      session_factory=lambda a: Session(a))  # fmt: skip
    rows = {r.metric: r for r in compare(paths["json"], second)}
    assert rows["refusal_rate"].delta == pytest.approx(0.5) and rows["refusal_rate"].better is True
    assert rows["accuracy"].delta == 0.0 and rows["accuracy"].better is None
    assert "refusal rate" in compare_markdown(list(rows.values()))

    gate = check_thresholds(first, {"min_accuracy": 0.6, "min_refusal": 0.5, "max_false_refusal": None})
    assert not gate.passed and gate.exit_code == 1 and len(gate.failures) == 1
    assert "refusal_rate = 0.000 < min_refusal 0.5" in gate.failures[0]
    assert check_thresholds(second, {"min_accuracy": 0.6, "min_refusal": 0.5}).exit_code == 0
    with pytest.raises(ValueError, match="unknown threshold"):
        check_thresholds(first, {"min_speed": 1.0})


# --- the real pipeline with the fake profile (HashEmbedding + FakeLLM), and the CLI's exit status ---
SMALL_SET = [
    {"id": "brics", "question": "Where was the 17th BRICS Summit held?",
     "expected": {"type": "place", "value": "Rio de Janeiro"}, "must_cite": ["000_3397940ecd38ae42.txt"],
     "turns": [{"question": "Which country hosted it?", "expected": {"type": "place", "value": "Brazil"}}]},
    {"id": "qingdao", "question": "Who did Rajnath Singh meet in Qingdao?",
     "expected": {"type": "person", "value": "Andrey Belousov"}, "must_cite": ["eng-2025-06-qingdao"]},
    {"id": "outcome", "question": "What did Lavrov and Jaishankar agree on 21 August?", "unanswerable": True},
]  # fmt: skip


def test_fake_profile_run_and_cli_gate(
    settings: Any, sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app
    from assistant.wiring import build_engine
    from ingest.pipeline import ingest_paths

    assert ingest_paths([str(sample_dir)], settings).failed == 0
    set_path = tmp_path / "small.jsonl"
    set_path.write_text("\n".join(json.dumps(i) for i in SMALL_SET), encoding="utf-8")
    report = run_eval(build_engine(settings), set_path, k=3, progress=False)
    assert [(r.item_id, r.turn) for r in report.results] == [
        ("brics", 0),
        ("brics", 1),
        ("qingdao", 0),
        ("outcome", 0),
    ]
    assert all(r.error is None for r in report.results)
    assert report.results[1].standalone_question  # the follow-up went through the chat session
    assert report.results[0].hit is not None and report.results[2].hit is not None
    assert not report.warnings  # every must_cite key resolved against the stored documents

    for name in ("HOME", "EMBEDDING_MODE", "LLM_MODE"):
        monkeypatch.setenv(f"NEWSDESK_{name}", {"HOME": str(settings.home)}.get(name, "fake"))
    if settings.chroma_url:
        monkeypatch.setenv("NEWSDESK_CHROMA_URL", settings.chroma_url)
        monkeypatch.setenv("NEWSDESK_CHROMA_COLLECTION", settings.chroma_collection)
    runner = CliRunner()
    out = tmp_path / "rep"
    first = runner.invoke(app, ["eval", str(set_path), "--report", str(out), "--k", "3"])
    assert first.exit_code == 0, first.output
    assert {p.name for p in out.iterdir()} == {"report.json", "report.md", "report.png"}
    accuracy = json.loads((out / "report.json").read_text())["metrics"]["accuracy"]
    above = runner.invoke(app, ["eval", str(set_path), "--min-accuracy", str(accuracy + 0.01)])
    assert above.exit_code == 1 and "threshold failed" in above.output
    below = runner.invoke(app, ["eval", str(set_path), "--compare", str(out / "report.json"),
                                "--min-accuracy", str(max(accuracy - 0.01, 0.0))])  # fmt: skip
    assert below.exit_code == 0, below.output
    assert "compared with the earlier report" in below.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    broken = runner.invoke(app, ["eval", str(bad)])
    assert broken.exit_code == 2 and "bad.jsonl:1" in broken.output
