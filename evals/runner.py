"""Run an eval set against an engine: ask every question, score it, collect an ``EvalReport``.

Each item is asked in a fresh conversation (``engine.chat`` with a new ``ChatSession``): its
opening question first, then its follow-up turns in the same session, so follow-ups are
condensed exactly as in the product. Retrieval metrics use ``engine.retrieve`` on the
(standalone) question. One failing question is recorded with its error and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from assistant.components.library import Library
from assistant.types import Answer
from evals.metrics import (
    SupportFn,
    answer_correct,
    by_category,
    citation_scores,
    default_support,
    retrieval_scores,
    short_answer_correct,
    summarize,
)
from evals.schema import EvalItem, Turn, load_eval_set

logger = logging.getLogger(__name__)


class EngineLike(Protocol):
    def chat(self, message: str, session: Any) -> Answer: ...

    def retrieve(self, question: str, *, as_of: str | dt.date | None = None) -> Sequence[Any]: ...


@dataclass
class QuestionResult:
    item_id: str
    turn: int  # 0 = the item's own question, 1.. = follow-ups
    question: str
    category: str
    unanswerable: bool
    expected: str  # "value | variant | ..." or "" for unanswerable
    prediction: str  # the short answer (or the answer when there is none)
    answer: str
    refused: bool
    correct: bool
    latency_s: float
    hit: float | None = None
    rr: float | None = None
    cite_precision: float | None = None
    cite_recall: float | None = None
    cited_expected: bool | None = None
    short_correct: bool | None = None  # answerable only: the bare answer alone matches
    retrieved: list[str] = field(default_factory=list)  # doc ids, rank order (first k)
    cited: list[str] = field(default_factory=list)  # doc ids of supported citations
    standalone_question: str | None = None
    error: str | None = None
    # Why the engine refused (its "refused: ..." note), so a false refusal can be traced to the
    # check that made it without asking the question again; the engine's other notes beside it.
    refusal_reason: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def shown(self) -> str:
        """The answer as the report tables show it; a refusal with the engine's reason."""
        if self.error:
            return self.error
        if self.refused:
            return f"(refused: {self.refusal_reason})" if self.refusal_reason else "(refused)"
        return self.prediction


@dataclass
class EvalReport:
    eval_set: str
    k: int
    created: str
    metrics: dict[str, Any]
    categories: dict[str, dict[str, Any]]
    results: list[QuestionResult]
    config: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "eval_set": self.eval_set,
            "k": self.k,
            "created": self.created,
            "config": self.config,
            "metrics": self.metrics,
            "categories": self.categories,
            "warnings": self.warnings,
            "results": [r.to_dict() for r in self.results],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalReport:
        return cls(
            eval_set=str(data.get("eval_set", "")),
            k=int(data.get("k", 0)),
            created=str(data.get("created", "")),
            metrics=dict(data.get("metrics", {})),
            categories=dict(data.get("categories", {})),
            results=[QuestionResult(**r) for r in data.get("results", [])],
            config=dict(data.get("config", {})),
            warnings=list(data.get("warnings", [])),
        )


class DocKeys:
    """Maps portable document keys (file name, url, record id, source key, doc id) to doc ids."""

    def __init__(self, documents: Sequence[dict[str, Any]]) -> None:
        self._index: dict[str, set[str]] = {}
        for d in documents:
            for key in self.keys_of(d):
                self._index.setdefault(key.lower(), set()).add(str(d["doc_id"]))

    @staticmethod
    def keys_of(doc: dict[str, Any]) -> set[str]:
        keys = {str(doc["doc_id"])}
        source_key = str(doc.get("source_key") or "")
        for value in (source_key, doc.get("url"), doc.get("path")):
            if value:
                keys.add(str(value))
                keys.add(os.path.basename(str(value).rstrip("/")))
        if doc.get("kind") == "record" and "#" in source_key:
            file_part, _, record_id = source_key.rpartition("#")
            keys.update({record_id, os.path.basename(file_part)})
        keys.discard("")
        return keys

    def resolve(self, key: str) -> set[str]:
        return set(self._index.get(key.lower(), set()))


def _library_of(engine: Any) -> Library | None:
    lib = getattr(engine, "library", None)
    if isinstance(lib, Library):
        return lib
    settings = getattr(engine, "settings", None)
    path = getattr(settings, "library_path", None)
    return Library(path) if isinstance(path, Path) and path.exists() else None


def _new_session(as_of: str | None) -> Any:
    from assistant.engine import ChatSession

    return ChatSession(as_of=as_of)


def _doc_id(node: Any) -> str:
    inner = getattr(node, "node", node)
    meta = getattr(inner, "metadata", {}) or {}
    return str(meta.get("doc_id") or getattr(inner, "ref_doc_id", "") or "")


class _Scorer:
    def __init__(self, engine: EngineLike, keys: DocKeys, k: int, support: SupportFn) -> None:
        self.engine, self.keys, self.k, self.support = engine, keys, k, support
        self.warnings: list[str] = []

    def expected_docs(self, item: EvalItem, turn: Turn) -> set[str]:
        found: set[str] = set()
        for key in turn.must_cite:
            ids = self.keys.resolve(key)
            if not ids:
                self.warnings.append(f"{item.id}: must_cite '{key}' matches no stored document")
            found |= ids
        return found

    def retrieve(self, question: str, as_of: str | None) -> list[str]:
        nodes = self.engine.retrieve(question, as_of=as_of)
        return [d for d in (_doc_id(n) for n in nodes) if d]

    def score(self, item: EvalItem, n: int, turn: Turn, answer: Answer, latency: float) -> QuestionResult:
        expected = "" if turn.expected is None else " | ".join([turn.expected.value, *turn.expected.variants])
        result = QuestionResult(
            item_id=item.id, turn=n, question=turn.question, category=turn.category,
            unanswerable=turn.unanswerable, expected=expected,
            prediction=answer.short_answer or ("" if answer.refused else answer.answer),
            answer=answer.answer, refused=answer.refused,
            correct=answer_correct(turn, answer=answer.answer, short_answer=answer.short_answer,
                                   refused=answer.refused),
            short_correct=None if turn.unanswerable else short_answer_correct(
                turn, short_answer=answer.short_answer, refused=answer.refused),
            latency_s=latency, standalone_question=answer.standalone_question,
            cited=[c.doc_id for c in answer.citations if c.supported],
            refusal_reason=answer.refusal_reason if answer.refused else None, notes=list(answer.notes),
        )  # fmt: skip
        expected_docs = self.expected_docs(item, turn)
        if turn.must_cite:
            retrieved = self.retrieve(answer.standalone_question or turn.question, item.as_of)
            result.retrieved = list(dict.fromkeys(retrieved))[: self.k]
            result.hit, result.rr = retrieval_scores(retrieved, expected_docs, self.k)
        if not answer.refused:
            scores = citation_scores(answer.answer, answer.citations, self.support)
            result.cite_precision, result.cite_recall = scores.precision, scores.recall
            if turn.must_cite:
                result.cited_expected = bool(expected_docs & set(result.cited))
        return result


def run_eval(
    engine: EngineLike,
    eval_set_path: str | Path,
    *,
    k: int = 5,
    progress: bool = True,
    support: SupportFn | None = None,
    library: Library | None = None,
    on_result: Callable[[QuestionResult], None] | None = None,
    session_factory: Callable[[str | None], Any] | None = None,
) -> EvalReport:
    """Ask every question of the eval set and score it; never stops on one failing question.

    ``support`` overrides the citation support check; ``library`` the document ledger used to
    resolve ``must_cite`` keys (default: the engine's); ``on_result`` is called per question
    (the UI streams rows with it); ``session_factory(as_of)`` makes a conversation (default:
    ``assistant.engine.ChatSession``).
    """
    eval_set = load_eval_set(eval_set_path)
    lib = library or _library_of(engine)
    keys = DocKeys(lib.list_documents() if lib is not None else [])
    scorer = _Scorer(engine, keys, k, support or default_support())
    if lib is None:
        scorer.warnings.append("no document library found: must_cite keys cannot be resolved")
    results: list[QuestionResult] = []
    bar = _progress(eval_set.n_questions) if progress else None
    try:
        for item in eval_set.items:
            session = (session_factory or _new_session)(item.as_of)
            for n, turn in enumerate(item.turns):
                started = time.perf_counter()
                try:
                    answer = engine.chat(turn.question, session)
                    result = scorer.score(item, n, turn, answer, time.perf_counter() - started)
                except Exception as exc:  # one broken question must not end the run
                    logger.warning("eval %s turn %d failed: %s", item.id, n, exc)
                    result = _failed(item, n, turn, exc, time.perf_counter() - started)
                results.append(result)
                if on_result is not None:
                    on_result(result)
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix_str(f"{item.id}: {'ok' if result.correct else 'x'}")
    finally:
        if bar is not None:
            bar.close()
    return EvalReport(
        eval_set=str(eval_set_path),
        k=k,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        metrics=summarize(results),
        categories=by_category(results),
        results=results,
        config=_config(engine),
        warnings=list(dict.fromkeys(scorer.warnings)),
    )


def _failed(item: EvalItem, n: int, turn: Turn, exc: BaseException, latency: float) -> QuestionResult:
    return QuestionResult(
        item_id=item.id, turn=n, question=turn.question, category=turn.category,
        unanswerable=turn.unanswerable, expected="" if turn.expected is None else turn.expected.value,
        prediction="", answer="", refused=False, correct=False, latency_s=latency,
        error=f"{type(exc).__name__}: {exc}",
    )  # fmt: skip


def _config(engine: Any) -> dict[str, Any]:
    settings = getattr(engine, "settings", None)
    if settings is None:
        return {}
    names = ("llm_mode", "llm_model", "embedding_mode", "embedding_model", "top_k", "evidence_k", "reranker")
    return {n: getattr(settings, n) for n in names if hasattr(settings, n)}


def _progress(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="eval", unit="q", leave=False)
