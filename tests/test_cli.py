"""The `newsdesk` command line on the test profile (fake models, real Chroma), end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from prompts import CANNOT_ANSWER


@pytest.fixture
def cli_env(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSDESK_EMBEDDING_MODE", "fake")
    monkeypatch.setenv("NEWSDESK_LLM_MODE", "fake")
    return home


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_ingest_list_ask_timeline_brief_remove(cli_env: Path, sample_dir: Path, tmp_path: Path) -> None:
    home = str(cli_env)
    code, out = run("ingest", str(sample_dir), "--home", home, "-q")
    assert code == 0 and "added 7" in out
    code, out = run("ingest", str(sample_dir), "--home", home, "-q")
    assert code == 0 and "skipped 7 unchanged" in out

    code, out = run("list", "--home", home, "--json")
    docs = json.loads(out)
    assert code == 0 and len(docs) == 7 and all(d["published"] == "2025-08-13" for d in docs)

    code, out = run("ask", "Where was the 17th BRICS Summit held?", "--home", home, "--json")
    answer = json.loads(out)
    assert code == 0 and not answer["refused"] and "Rio de Janeiro" in answer["answer"]
    for c in answer["citations"]:
        doc = next(d for d in docs if d["doc_id"] == c["doc_id"])
        assert doc and c["quote"] and c["end"] > c["start"]

    code, out = run("ask", "Who won the 1998 football world cup?", "--home", home, "--json")
    assert code == 0 and json.loads(out)["refused"] and CANNOT_ANSWER in json.loads(out)["answer"]

    code, out = run("timeline", "--home", home, "--since", "2025-07-01", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and all(r["date_start"] >= "2025-07-01" for r in rows)

    md = tmp_path / "brief.md"
    code, out = run("brief", "India-Russia engagements in 2025", "--home", home, "--out", str(md))
    assert code == 0 and md.read_text(encoding="utf-8").strip()

    code, out = run("remove", docs[0]["doc_id"], "--home", home)
    assert code == 0 and "removed 1 of 1" in out
    code, out = run("list", "--home", home, "--json")
    assert len(json.loads(out)) == 6


def test_bad_input_exit_codes(cli_env: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out = run("ingest", str(tmp_path / "empty.txt"), "--home", str(cli_env), "-q")
    assert code == 1 and "empty.txt" in out
    code, out = run("ask", "anything", "--home", str(cli_env), "--as-of", "not a date")
    assert code == 2
    code, out = run("remove", "no-such-doc", "--home", str(cli_env))
    assert code == 1


def test_invalid_setting_is_one_clean_line(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_LLM_MODE", "gpt-9")
    code, out = run("list", "--home", str(cli_env))
    assert code == 2 and "invalid settings" in out and "llm_mode" in out


def test_a_library_logging_debug_on_its_own_is_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import logging

    from assistant.logsetup import configure_logging

    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    configure_logging(verbose=False)
    [handler] = root.handlers
    out = io.StringIO()
    monkeypatch.setattr(handler, "stream", out)
    noisy = logging.getLogger("bm25s")
    monkeypatch.setattr(noisy, "level", logging.DEBUG)  # what bm25s does on import
    noisy.debug("Building index from IDs objects")
    noisy.warning("index is stale")
    assert out.getvalue() == "WARNING bm25s: index is stale\n"
