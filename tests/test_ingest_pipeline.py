from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from assistant.components.library import Library
from assistant.components.vector_store import get_collection, make_vector_store
from assistant.settings import Settings
from assistant.types import DocumentRecord, EventRecord
from ingest import events as ingest_events
from ingest.index import load_bm25, vector_ids
from ingest.pipeline import doc_id_for, ingest_paths, remove_documents

REPO = Path(__file__).resolve().parent.parent


def _state(settings: Settings) -> tuple[Library, list[str], list[str]]:
    """(library, chunk ids in the library, chunk ids in Chroma)."""
    lib = Library(settings.library_path)
    lib_ids = [c.chunk_id for c, _ in lib.iter_chunks()]
    return lib, lib_ids, vector_ids(make_vector_store(settings))


def _assert_consistent(settings: Settings) -> Library:
    lib, lib_ids, chroma_ids = _state(settings)
    assert lib.pending_doc_ids() == []
    assert len(chroma_ids) == len(set(chroma_ids))  # no duplicates
    assert sorted(chroma_ids) == sorted(lib_ids)  # no orphans, nothing missing
    return lib


def _article(folder: Path, name: str, body: str, date: str = "2025-05-01") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date}\n\n{body}\n", encoding="utf-8")
    return path


def test_sample_ingest_node_contract_and_idempotency(settings: Settings, sample_dir: Path) -> None:
    report = ingest_paths([sample_dir], settings)
    n_records = sum(1 for line in next(sample_dir.glob("*.jsonl")).read_text().splitlines() if line.strip())
    assert (report.added, report.updated, report.failed) == (1 + n_records, 0, 0)
    assert report.chunks >= report.added and len(report.doc_ids) == report.added
    lib = _assert_consistent(settings)
    generation = lib.generation()
    article = str(next(sample_dir.glob("*.txt")).resolve())
    doc = lib.get_document(doc_id_for(article))
    assert doc is not None and doc.published == "2025-08-13" and doc.path == article and doc.kind == "article"

    got = get_collection(settings).get(where={"document_id": doc.doc_id}, include=["metadatas", "documents"])
    assert got["ids"]
    for cid, meta, text in zip(got["ids"], got["metadatas"], got["documents"], strict=True):
        assert cid == f"{doc.doc_id}:{meta['chunk_index']}" and meta["doc_id"] == doc.doc_id
        assert text == doc.text[meta["start"] : meta["end"]]
        assert (
            meta["published"] == "2025-08-13"
            and meta["published_days"] == (date(2025, 8, 13) - date(1970, 1, 1)).days
        )
        assert (meta["kind"], meta["url"]) == ("article", "")

    again = ingest_paths([sample_dir], settings)
    assert (again.added, again.updated, again.skipped, again.chunks) == (0, 0, report.added, 0)
    assert f"skipped {report.added} unchanged" in again.summary()
    assert Library(settings.library_path).generation() == generation  # nothing changed, BM25 not rebuilt


def test_edit_replaces_old_chunks_without_orphans(settings: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    long_body = " ".join(f"Paragraph sentence {i} talks about the harbour project." for i in range(120))
    path = _article(corpus, "a.txt", long_body)
    _article(corpus, "b.txt", "A different story about a library opening downtown.")
    ingest_paths([corpus], settings)
    doc_id = doc_id_for(str(path.resolve()))
    before = vector_ids(make_vector_store(settings), doc_id)
    assert len(before) > 2

    _article(corpus, "a.txt", "The harbour project was cancelled on Tuesday.")
    report = ingest_paths([corpus], settings)
    assert (report.added, report.updated, report.skipped) == (0, 1, 1)
    lib = _assert_consistent(settings)
    assert vector_ids(make_vector_store(settings), doc_id) == [f"{doc_id}:0"]
    doc = lib.get_document(doc_id)
    assert doc is not None and doc.text == "The harbour project was cancelled on Tuesday."
    retriever = load_bm25(settings, lib)
    assert retriever is not None
    hits = retriever.retrieve("harbour project cancelled")
    assert hits[0].node.node_id == f"{doc_id}:0" and "Paragraph sentence" not in " ".join(
        h.node.text for h in hits
    )


def test_same_content_under_two_names_is_stored_once(settings: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    original = _article(corpus, "one.txt", "The museum reopened after a two-year renovation.")
    shutil.copy(original, corpus / "copy.txt")
    report = ingest_paths([corpus], settings)
    assert (report.added, report.skipped) == (1, 1)
    lib = _assert_consistent(settings)
    assert lib.count_documents() == 1
    [doc_id] = {lib.lookup_source(str((corpus / n).resolve()))[0] for n in ("one.txt", "copy.txt")}  # type: ignore[index]
    assert doc_id in {doc_id_for(str((corpus / n).resolve())) for n in ("one.txt", "copy.txt")}
    again = ingest_paths([corpus], settings)
    assert (again.added, again.skipped) == (0, 2)
    # The copy, once edited, becomes a document of its own.
    _article(corpus, "copy.txt", "The museum closed again for repairs.")
    third = ingest_paths([corpus], settings)
    # Which name is the stored one depends on order; either way both texts are now stored once.
    assert third.added == 1 and third.added + third.updated + third.skipped == 2
    lib = _assert_consistent(settings)
    texts = sorted(
        lib.get_document(lib.lookup_source(str((corpus / n).resolve()))[0]).text
        for n in ("one.txt", "copy.txt")
    )  # type: ignore[index,union-attr]
    assert lib.count_documents() == 2 and texts[0].startswith("The museum closed") and "reopened" in texts[1]


def test_bad_inputs_fail_alone_and_nothing_stored_is_lost(settings: Settings, tmp_path: Path) -> None:
    kept = _article(tmp_path / "first", "kept.txt", "An earlier story that must survive the bad batch.")
    ingest_paths([kept], settings)
    bad = tmp_path / "batch"
    bad.mkdir()
    _article(bad, "good.txt", "A good article about the regional election results.")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.md").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (bad / "latin1.txt").write_bytes("Le caf\u00e9 est ferm\u00e9.".encode("latin-1"))
    (bad / "notes.docx").write_bytes(b"PK\x03\x04")
    (bad / "baddate.txt").write_text("date 2025-02-30\n\nBody text.\n", encoding="utf-8")
    (bad / "records.jsonl").write_text(
        json.dumps({"id": "r1", "title": "Good record", "text": "Record text about trade."}) + "\n"
        '{"id": "r2", "text": \n'
        + json.dumps({"id": "r3", "title": "No text"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (bad / "rows.csv").write_text('title,text\nok,Row text here.\nbroken,"unterminated\n', encoding="utf-8")
    (bad / ".hidden.txt").write_text("ignored dotfile", encoding="utf-8")
    missing = tmp_path / "does-not-exist.txt"

    report = ingest_paths([bad, missing], settings)
    messages = "\n".join(f.message for f in report.failures)
    expected = {
        "empty.txt": "empty", "binary.md": "binary", "latin1.txt": "UTF-8", "notes.docx": "unknown file type",
        "baddate.txt": "2025-02-30", "records.jsonl:2": "malformed JSON", "records.jsonl:3": "no text",
        "does-not-exist.txt": "no such file", "rows.csv": "CSV",
    }  # fmt: skip
    for where, what in expected.items():
        assert any(where in f.message and what in f.message for f in report.failures), (where, messages)
    assert report.failed == len(report.failures) == len(expected)
    assert ".hidden" not in messages
    assert (report.added, report.updated) == (3, 0)  # good.txt, record r1, csv row "ok"
    lib = _assert_consistent(settings)
    assert lib.count_documents() == 4  # the earlier document is still there
    assert {d["title"] for d in lib.list_documents()} >= {"Good record", "ok"}


def test_unreadable_file_is_a_failure(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated: file modes do not stop root (CI may run as root).
    locked = _article(tmp_path / "c", "locked.txt", "Secret text.")
    _article(tmp_path / "c", "open.txt", "Public text.")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = ingest_paths([tmp_path / "c"], settings)
    assert (report.added, report.failed) == (1, 1)
    assert (
        str(locked.resolve()) in report.failures[0].message
        and "Permission denied" in report.failures[0].message
    )


def test_event_extraction_is_called_stored_and_guarded(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def extract(doc: DocumentRecord) -> list[EventRecord]:
        calls.append(doc.kind)
        if "explode" in doc.text:
            raise RuntimeError("extractor bug")
        end = doc.text.index(".") + 1
        return [EventRecord(event_id=f"{doc.doc_id}:e0", doc_id=doc.doc_id, what="opening", date_start=doc.published,
                            date_end=doc.published, granularity="day", date_text="today", status="happened",
                            sentence_start=0, sentence_end=end, sentence=doc.text[:end], published=doc.published)]  # fmt: skip

    monkeypatch.setattr(ingest_events, "extract_events", extract)
    monkeypatch.setattr(ingest_events, "events_from_record", lambda doc: calls.append("record-fn") or [])
    _article(tmp_path / "c", "ok.txt", "The bridge opened. Crowds came.", date="2025-06-01")
    _article(tmp_path / "c", "boom.txt", "This text will explode the extractor.")
    (tmp_path / "c" / "r.jsonl").write_text(json.dumps({"text": "A record."}) + "\n", encoding="utf-8")
    report = ingest_paths([tmp_path / "c"], settings)
    assert report.added == 3 and report.failed == 0  # the extractor's exception failed nothing
    assert sorted(calls) == ["article", "article", "record-fn"]
    [event] = Library(settings.library_path).events(since="2025-06-01", until="2025-06-01")
    assert event.sentence == "The bridge opened."

    off = settings.model_copy(update={"extract_events": False, "home": tmp_path / "h2"})
    calls.clear()
    ingest_paths([tmp_path / "c"], off)
    assert calls == []


def test_events_are_extracted_again_when_the_rules_change(
    settings: Settings, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ingest_paths([sample_dir], settings).added > 0
    library = Library(settings.library_path)
    before = {e.event_id for e in library.events()}
    assert before
    for doc in library.list_documents():
        library.replace_events(doc["doc_id"], [])  # what older rules left: here, nothing
    again = ingest_paths([sample_dir], settings)
    assert again.events_refreshed == 0 and not library.events()  # same rules: nothing redone

    monkeypatch.setattr(ingest_events, "EXTRACTOR_VERSION", "newer")
    upgraded = ingest_paths([sample_dir], settings)
    assert upgraded.added == 0 and upgraded.chunks == 0  # texts and vectors stay
    assert upgraded.events_refreshed == len(library.list_documents())
    assert "events re-extracted for" in upgraded.summary()
    assert {e.event_id for e in library.events()} == before
    assert ingest_paths([sample_dir], settings).events_refreshed == 0


def test_remove_documents_from_library_chroma_and_bm25(settings: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    a = _article(corpus, "a.txt", "Zebras escaped from the city zoo overnight.")
    _article(corpus, "b.txt", "The council approved a new cycling lane.")
    ingest_paths([corpus], settings)
    a_id = doc_id_for(str(a.resolve()))
    assert remove_documents([a_id, "no-such-doc"], settings) == 1
    lib = _assert_consistent(settings)
    assert lib.get_document(a_id) is None and lib.count_documents() == 1
    retriever = load_bm25(settings, lib)
    assert retriever is not None
    assert all(h.node.metadata["doc_id"] != a_id for h in retriever.retrieve("zebras zoo"))
    # By path too; the last document gone leaves an empty library and no BM25 index.
    assert remove_documents([str(corpus / "b.txt")], settings) == 1
    lib = _assert_consistent(settings)
    assert lib.count_documents() == 0 and load_bm25(settings, lib) is None
    # Removed documents come back on the next ingest.
    assert ingest_paths([corpus], settings).added == 2


def test_bm25_rebuilds_when_stale_and_survives_damage(settings: Settings, tmp_path: Path) -> None:
    _article(tmp_path / "c", "a.txt", "Quokkas photographed on the island.")
    ingest_paths([tmp_path / "c"], settings)
    lib = Library(settings.library_path)
    first = load_bm25(settings, lib, top_k=5)
    assert first is not None and first.retrieve("quokkas")[0].node.metadata["title"]
    assert load_bm25(settings, lib, top_k=5) is first  # cached while the library is unchanged
    shutil.rmtree(settings.bm25_path)
    lib.bump_generation()  # stale: rebuilt from the library, not from files
    rebuilt = load_bm25(settings, lib, top_k=5)
    assert rebuilt is not None and rebuilt is not first
    assert (settings.bm25_path / "generation.txt").read_text() == str(lib.generation())
    for victim in settings.bm25_path.iterdir():
        if victim.name != "generation.txt":
            victim.write_text("garbage")
    lib.bump_generation()
    (settings.bm25_path / "generation.txt").write_text(str(lib.generation()))
    assert load_bm25(settings, lib, top_k=5) is not None  # unreadable index -> rebuilt


def test_progress_bar(settings: Settings, sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ingest_paths([sample_dir], settings, progress=True)
    assert "file" in capsys.readouterr().err


_CHILD = """
import json, sys, time
import assistant
from assistant.components.fakes import HashEmbedding
from assistant.settings import Settings
from ingest.pipeline import ingest_paths

class SlowEmbedding(HashEmbedding):
    def _get_text_embeddings(self, texts):
        time.sleep(0.15)
        return super()._get_text_embeddings(texts)

cfg = json.loads(sys.argv[1])
settings = Settings.for_tests(cfg["home"], **cfg["overrides"])
ingest_paths([cfg["corpus"]], settings, embed_model=SlowEmbedding(embed_batch_size=1))
print("FINISHED")
"""


def test_kill_9_mid_ingest_then_rerun_is_complete_without_duplicates(
    settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "many"
    n_docs = 24
    for i in range(n_docs):
        body = " ".join(f"Story {i} sentence {j} reports on district {i} budget item {j}." for j in range(8))
        _article(corpus, f"doc{i:02d}.txt", body)
    overrides = {"embed_batch_size": 1, "chunk_size": 48, "chunk_overlap": 8, "extract_events": False}
    if settings.chroma_url:
        overrides.update(chroma_url=settings.chroma_url, chroma_collection=settings.chroma_collection)
    cfg = {"home": str(settings.home), "corpus": str(corpus), "overrides": overrides}
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps(cfg)], env=env, cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 120
    killed_at: tuple[int, int] | None = None
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if settings.library_path.exists():
                lib = Library(settings.library_path)
                try:
                    complete, pending = lib.count_documents(), len(lib.pending_doc_ids())
                finally:
                    lib.close()
                if complete >= 3 and pending >= 1:
                    os.kill(child.pid, signal.SIGKILL)
                    killed_at = (complete, pending)
                    break
            time.sleep(0.05)
    finally:
        if child.poll() is None and killed_at is None:
            child.kill()
        _, err = child.communicate(timeout=30)
    assert killed_at is not None, f"child never reached mid-ingest: {err.decode()[-2000:]}"
    assert child.returncode == -signal.SIGKILL
    assert killed_at[0] < n_docs

    rerun_settings = settings.model_copy(
        update={k: v for k, v in overrides.items() if k != "embed_batch_size"}
    )
    report = ingest_paths([corpus], rerun_settings)
    assert report.failed == 0 and report.added + report.skipped == n_docs
    assert report.skipped >= killed_at[0]  # what was complete before the kill stays as it was
    lib = _assert_consistent(rerun_settings)
    assert lib.count_documents() == n_docs
    per_doc = [len(lib.chunks_for(doc_id_for(str(p.resolve())))) for p in sorted(corpus.iterdir())]
    assert all(n >= 2 for n in per_doc)
    retriever = load_bm25(rerun_settings, lib, top_k=100)
    assert retriever is not None
    ids = [h.node.node_id for h in retriever.retrieve("district budget item story sentence")]
    assert len(ids) == len(set(ids))


@pytest.mark.slow
def test_sample_with_real_minilm_embedding(
    sample_dir: Path, home: Path, real_settings_factory: object
) -> None:
    from llama_index.core.vector_stores.types import VectorStoreQuery

    from assistant.components.embedding import make_embed_model

    settings = real_settings_factory(home)  # type: ignore[operator]
    embed_model = make_embed_model(settings)
    report = ingest_paths([sample_dir], settings, embed_model=embed_model)
    assert report.failed == 0 and report.added >= 2
    _assert_consistent(settings)
    store = make_vector_store(settings)
    query = embed_model.get_query_embedding("Who did Rajnath Singh meet in Qingdao?")
    result = store.query(VectorStoreQuery(query_embedding=query, similarity_top_k=3))
    assert result.nodes is not None
    assert any("Belousov" in n.get_content() for n in result.nodes)


def test_record_with_invalid_event_fields_fails_alone(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    folder.mkdir()
    good = {"id": "a", "title": "Talks held", "text": "Ministers met in Paris on 3 March 2025.", "published": "2025-03-04",
            "what": "talks", "event_date": "2025-03-03", "status": "happened", "participants": ["A B"]}  # fmt: skip
    bad = dict(good, id="b", text="Another record with a broken event.", event_date="sometime soon-ish")
    (folder / "events.jsonl").write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    report = ingest_paths([folder], settings)
    assert report.added == 1 and report.failed == 1
    assert "event_date" in report.failures[0].message
    assert [e.what for e in Library(settings.library_path).events()] == ["talks"]
