"""Eval metrics, each defined where it is computed.

Per question (``QuestionResult`` in ``evals.runner``):

- **correct** (answer correctness): an *answerable* question is correct when the engine did not
  refuse and its short answer (else its full answer, citations stripped) matches the expected value
  or a variant under ``evals.normalize`` (dates at the expected granularity, aliases, surnames,
  number words). An *unanswerable* question is correct when the engine refused.
- **hit@k**: 1 when a document listed in ``must_cite`` is among the first k distinct documents the
  engine's retriever returns, else 0 (llama-index ``HitRate``). **MRR@k**: 1/rank of the first such
  document within the first k, 0 if none (llama-index ``MRR``). Only questions with ``must_cite``.
- **citation recall / precision** (ALCE, Gao et al. 2023, computed as in its ``compute_autoais``):
  the answer is split into statements (sentences). A statement's recall is 1 when it cites at least
  one source and the concatenation of its cited quotes supports it. For precision, every citation
  of a supported statement is *precise* when its quote alone supports the statement or when dropping
  it leaves the statement unsupported (it was needed); a citation of an unsupported statement is not
  precise. Citations the engine itself marked ``supported: false`` (and removed from the text) count
  as imprecise too. ``support`` is the engine's own check (``assistant.citations``) when available,
  else ``lexical_support`` below. Only answered (not refused) questions with a statement.
- **short_correct** (bare answer correctness): for an answerable question, the short answer alone
  (not the full answer) matches; what a benchmark scores and a table of answers shows.
- **cited_expected**: an answered question cites (with a supported citation) a document from
  ``must_cite``.

Aggregates (``summarize``): ``accuracy`` = correct share of answerable questions;
``short_answer_accuracy`` = short-correct share of answerable questions;
``refusal_rate`` = refused share of unanswerable questions; ``false_refusal_rate`` = refused share
of answerable questions; ``overall`` = correct share of all questions; ``hit_at_k`` / ``mrr_at_k``,
``citation_precision`` / ``citation_recall``, ``cited_expected`` = means over the questions they
apply to; ``latency_p50`` / ``latency_p95`` / ``latency_mean`` = seconds per question (wall clock
around ``ask``/``chat``), p-th percentile by linear interpolation. A metric with no question to
apply to is ``None`` (shown as "n/a"), never 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from llama_index.core.evaluation.retrieval.metrics import MRR, HitRate

from assistant.textutil import FUNCTION_WORDS
from evals.normalize import answer_matches, dates_in, fold, numbers_in
from evals.schema import Turn

# (statement, the citations it rests on) -> supported? Citations carry .quote (and .published).
SupportFn = Callable[[str, Sequence[Any]], bool]
_CITE = re.compile(r"\[(\d{1,3})\]")
# A sentence ends at ".", "!" or "?" (its citations kept with it), not after an initial ("S. Jaishankar").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z]\.)(?<=[.!?])(?:\s*(?:\[\d{1,3}\])+)?\s+(?=[\"“(]?[A-Z0-9])")
_STOP = FUNCTION_WORDS


# --- correctness -----------------------------------------------------------------------------
def strip_citations(text: str) -> str:
    return _CITE.sub("", text).strip()


def short_answer_correct(turn: Turn, *, short_answer: str, refused: bool) -> bool:
    """The bare answer alone matches (what a benchmark scores and a table cell shows); an
    answerable question only."""
    if refused or turn.expected is None or not short_answer.strip():
        return False
    return answer_matches(short_answer, turn.expected)


def answer_correct(turn: Turn, *, answer: str, short_answer: str, refused: bool) -> bool:
    if turn.unanswerable:
        return refused
    if refused or turn.expected is None:
        return False
    if short_answer.strip() and answer_matches(short_answer, turn.expected):
        return True
    return answer_matches(strip_citations(answer), turn.expected)


# --- retrieval -------------------------------------------------------------------------------
def distinct(ids: Sequence[str]) -> list[str]:
    """Document ids in first-seen order (chunks of one document count once)."""
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i not in seen:
            seen.add(i)
            out.append(i)
    return out


def retrieval_scores(
    retrieved_doc_ids: Sequence[str], expected_doc_ids: set[str], k: int
) -> tuple[float, float]:
    """(hit@k, MRR@k) over the first k distinct documents, via llama-index's metrics."""
    top = distinct(retrieved_doc_ids)[:k]
    if not top or not expected_doc_ids:
        return 0.0, 0.0  # llama-index raises on empty lists; nothing retrieved is a miss
    expected = sorted(expected_doc_ids)
    hit = HitRate().compute(expected_ids=expected, retrieved_ids=top).score
    rr = MRR().compute(expected_ids=expected, retrieved_ids=top).score
    return float(hit), float(rr)


# --- citations (ALCE) ------------------------------------------------------------------------
def statements(answer: str) -> list[str]:
    """Sentences of an answer, each keeping the citation markers that close it."""
    parts: list[str] = []
    for block in answer.splitlines():
        block = block.strip(" -*\t")
        if not block:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(block):
            parts.append(block[start : m.end()].strip())
            start = m.end()
        parts.append(block[start:].strip())
    return [p for p in parts if strip_citations(p)]


def _content(text: str) -> list[str]:
    return [w for w in fold(strip_citations(text)).split() if w not in _STOP]


def lexical_support(statement: str, citations: Sequence[Any]) -> bool:
    """Fallback support check: every number and date the statement states appears in the quotes,
    and most of its content words do (>= 60%). Stricter than word overlap on what matters in news."""
    passage = " ".join(str(c.quote) for c in citations)
    words = _content(statement)
    if not words:
        return True
    have = set(fold(passage).split())
    if any(n not in numbers_in(passage) for n in numbers_in(strip_citations(statement))):
        return False
    found = [m for m in dates_in(passage) if m.granularity != "year"]  # years: checked as numbers
    days = {(m.date.month, m.date.day) for m in found if m.granularity == "day"}
    months = {m.date.month for m in found}
    for m in dates_in(strip_citations(statement)):
        if m.granularity == "day" and (m.date.month, m.date.day) not in days:
            return False
        if m.granularity == "month" and m.date.month not in months:
            return False
    return sum(w in have for w in words) / len(words) >= 0.6


def engine_support(statement: str, citations: Sequence[Any]) -> bool:
    """The engine's own check (``assistant.citations``): every date, number and name the statement
    states is in the cited quotes; a statement with none needs >= 50% word overlap with a quote."""
    from assistant.citations import extract_facts, overlap, supports
    from assistant.types import Evidence

    plain = strip_citations(statement)
    evidence = [
        Evidence(
            n=int(c.id),
            doc_id=str(c.doc_id),
            title=str(getattr(c, "title", "")),
            published=getattr(c, "published", None),
            source=getattr(c, "source", None),
            url=getattr(c, "url", None),
            text=str(c.quote),
            start=int(getattr(c, "start", 0)),
            end=int(getattr(c, "end", 0)),
            score=0.0,
        )
        for c in citations
    ]
    facts = extract_facts(statement)  # with its citations: a list of cited items counts itself
    if facts.empty:
        return any(overlap(plain, ev) >= 0.5 for ev in evidence)
    return supports(facts, evidence)


def default_support() -> SupportFn:
    """The engine's own support check when assistant.citations offers it, else the lexical one."""
    try:
        from assistant.citations import extract_facts, overlap, supports  # noqa: F401
    except ImportError:
        return lexical_support
    return engine_support


@dataclass(frozen=True)
class CitationScores:
    precision: float | None
    recall: float | None
    n_statements: int
    n_citations: int


def citation_scores(answer: str, citations: Sequence[Any], support: SupportFn) -> CitationScores:
    """ALCE citation recall and precision of one answer (see the module docstring)."""
    sents = statements(answer)
    if not sents:
        return CitationScores(None, None, 0, 0)
    quotes = {int(c.id): c for c in citations if bool(getattr(c, "supported", True))}
    dropped = sum(1 for c in citations if not bool(getattr(c, "supported", True)))
    entailed, precise, total = 0, 0, dropped
    for sent in sents:
        refs = [int(r) for r in _CITE.findall(sent)]
        refs = list(dict.fromkeys(refs))
        total += len(refs)
        if not refs or any(r not in quotes for r in refs):
            continue  # no citation, or one that names no source: not supported
        joint = support(sent, [quotes[r] for r in refs])
        entailed += int(joint)
        if not joint:
            continue
        if len(refs) == 1:
            precise += 1
            continue
        for r in refs:
            if support(sent, [quotes[r]]):
                precise += 1
            elif not support(sent, [quotes[o] for o in refs if o != r]):
                precise += 1  # needed: the others alone do not support the statement
    recall = entailed / len(sents)
    precision = precise / total if total else 0.0
    return CitationScores(precision, recall, len(sents), total)


# --- aggregates ------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float | None:
    """p-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


class ResultLike(Protocol):
    category: str
    unanswerable: bool
    refused: bool
    correct: bool
    hit: float | None
    rr: float | None
    cite_precision: float | None
    cite_recall: float | None
    cited_expected: bool | None
    short_correct: bool | None
    latency_s: float
    error: str | None


def summarize(results: Sequence[ResultLike]) -> dict[str, float | int | None]:
    """The aggregate metrics of a run (definitions in the module docstring)."""
    answerable = [r for r in results if not r.unanswerable]
    unanswerable = [r for r in results if r.unanswerable]
    latencies = [r.latency_s for r in results if r.error is None]
    return {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "errors": sum(1 for r in results if r.error is not None),
        "overall": mean([float(r.correct) for r in results]),
        "accuracy": mean([float(r.correct) for r in answerable]),
        "short_answer_accuracy": mean([float(bool(r.short_correct)) for r in answerable]),
        "refusal_rate": mean([float(r.refused) for r in unanswerable]),
        "false_refusal_rate": mean([float(r.refused) for r in answerable]),
        "hit_at_k": mean([r.hit for r in results if r.hit is not None]),
        "mrr_at_k": mean([r.rr for r in results if r.rr is not None]),
        "citation_precision": mean([r.cite_precision for r in results if r.cite_precision is not None]),
        "citation_recall": mean([r.cite_recall for r in results if r.cite_recall is not None]),
        "cited_expected": mean([float(r.cited_expected) for r in results if r.cited_expected is not None]),
        "latency_p50": percentile(latencies, 50),
        "latency_p95": percentile(latencies, 95),
        "latency_mean": mean(latencies),
    }


def by_category(results: Sequence[ResultLike]) -> dict[str, dict[str, float | int | None]]:
    """Per category: n, score (correct share; for unanswerable ones correct = refused), mean latency."""
    groups: dict[str, list[ResultLike]] = {}
    for r in results:
        groups.setdefault(r.category, []).append(r)
    return {
        name: {
            "n": len(rs),
            "score": mean([float(r.correct) for r in rs]),
            "latency_mean": mean([r.latency_s for r in rs if r.error is None]),
        }
        for name, rs in sorted(groups.items())
    }
