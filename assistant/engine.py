"""The answering engine: retrieve -> select evidence -> LLM -> verify citations -> Answer.

Refusal (``prompts.CANNOT_ANSWER``, ``refused=True``) when
(a) no evidence sentence is relevant enough, (b) the LLM says it cannot answer (it is told it
may only when ``settings.llm_may_refuse``), (c) no sentence of its answer is supported by the
evidence, (d) the question asks what came of an event the sources only announce (then the
answer says what they do say, cited), or (e) the checked answer is not an answer to the
question (``assistant.answerability``: wrong type, future asked but past reported, another year).
The checks on a reply live in ``assistant.reading``; when they reject it, the LLM reads the evidence
once more without the sentences that reply cited (``settings.second_reading``), or first over just
those sentences when the reply misquoted them (``Engine._read_again``).
Documents are data: evidence goes inside ``<sources>`` delimiters, the system prompt says
instructions inside them are ignored, and sentences that address an AI are never evidence.
"""

from __future__ import annotations

import importlib
import logging
import re
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar, cast

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.llms import LLM
from llama_index.core.schema import NodeWithScore

import prompts
from assistant.as_of_checks import as_of_reason
from assistant.citations import is_refusal, strip_citations
from assistant.components.library import Library
from assistant.dated import dates_act
from assistant.direct_answers import answer_without_llm
from assistant.elapsed import elapsed_answer, elapsed_question
from assistant.errors import LLMError
from assistant.evidence import EvidenceSelector, EvidenceSet, answer_type, format_evidence
from assistant.followups import at_last_date, leans_on_history, with_last_answer, without_answer_dates
from assistant.number_answer import measure_test
from assistant.outcome import outcome_test
from assistant.querytime import analyze_question, find_upcoming, parse_date
from assistant.reading import (
    Reading,
    answer_from_finding,
    check_reply,
    counted_reading,
    dated_reading,
    doer_reading,
    event_answer_reason,
    holder_reading,
    named_reading,
    read_again,
)
from assistant.relation import relation_prefixes, says_any
from assistant.retrieval import HybridRetriever, node_published
from assistant.settings import Settings
from assistant.short_answer import final_short, visible_reply
from assistant.types import REFUSED_NOTE, Answer, Citation, Evidence

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Refusal (a): the best evidence sentence must reach one (MiniLM cosine; weighted share of the
# question's content words). Set on general behaviour, never on particular questions.
MIN_COSINE = 0.45
MIN_LEXICAL = 0.5
HISTORY_TURNS = 3
Pair = tuple[str, str]


@dataclass
class ChatSession:
    """One conversation: its turns condense follow-ups into standalone questions."""

    as_of: str | date | None = None
    since: str | date | None = None
    until: str | date | None = None
    sources: list[str] | None = None
    turns: list[Pair] = field(default_factory=list)  # (question, answer text)
    answers: list[Answer] = field(default_factory=list)

    def record(self, question: str, answer: Answer) -> None:
        self.turns.append((question, answer.answer))
        self.answers.append(answer)


class Engine:
    def __init__(
        self,
        settings: Settings,
        *,
        llm: LLM,
        embed_model: BaseEmbedding,
        library: Library,
        retriever: HybridRetriever,
    ) -> None:
        self.settings = settings
        self.llm = llm
        self.embed_model = embed_model
        self.library = library
        self.retriever = retriever
        self.selector = EvidenceSelector(
            library, embed_model, settings.evidence_k, half_life_days=settings.recency_half_life_days
        )
        self.system_prompt = prompts.load_prompt("answer_system")
        if settings.llm_may_refuse:
            self.system_prompt += prompts.load_prompt("answer_refusal")
        prompts.load_prompt("answer_user")
        prompts.load_prompt("condense")
        self._events: Any = _optional_module("assistant.events_answer")

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: spaCy, and the system prompt
        into the LLM's prompt cache (llama.cpp reuses a matching prefix across calls)."""
        try:
            from ingest.nlp import get_nlp

            get_nlp()
        except Exception as exc:
            logger.debug("spaCy warm-up skipped: %s", exc)
        messages = [
            ChatMessage(role=MessageRole.SYSTEM, content=self.system_prompt),
            ChatMessage(role=MessageRole.USER, content="Sources:"),
        ]
        model = getattr(self.llm, "_model", None)  # llama.cpp (embedded); remote servers need none
        to_prompt = getattr(self.llm, "messages_to_prompt", None)
        if model is not None and callable(to_prompt) and hasattr(model, "create_completion"):
            try:
                model.create_completion(to_prompt(messages), max_tokens=1)
            except Exception as exc:
                logger.debug("LLM warm-up skipped: %s", exc)

    # -- public API -----------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        *,
        as_of: str | date | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        sources: Sequence[str] | None = None,
        top_k: int | None = None,
    ) -> list[NodeWithScore]:
        """Ranked chunks for a question (what evals' hit@k / MRR score)."""
        qt = analyze_question(question, as_of)
        return self.retriever.retrieve(
            question, qt, since=parse_date(since), until=parse_date(until), sources=sources, top_k=top_k
        ).nodes

    def ask(
        self, question: str, *, as_of: str | date | None = None, since: str | date | None = None,
        until: str | date | None = None, sources: Sequence[str] | None = None,
        history: Sequence[Pair] | None = None,
    ) -> Answer:  # fmt: skip
        """The verified answer (``stream`` without the deltas)."""
        return _last(
            self.stream(question, as_of=as_of, since=since, until=until, sources=sources, history=history)
        )

    def chat(self, message: str, session: ChatSession) -> Answer:
        """One turn of a conversation: follow-ups are condensed with the session's turns."""
        return _last(self.chat_stream(message, session))

    def chat_stream(self, message: str, session: ChatSession) -> Iterator[str | Answer]:
        for item in self.stream(
            message, as_of=session.as_of, since=session.since, until=session.until,
            sources=session.sources, history=session.turns,
        ):  # fmt: skip
            if isinstance(item, Answer):
                session.record(message, item)
            yield item

    def condense(self, message: str, history: Sequence[Pair] | None) -> str:
        """A follow-up rewritten as a standalone question (the message itself when it is one)."""
        if not history or not leans_on_history(message):
            return message
        message = at_last_date(message, [a for _, a in list(history)[-HISTORY_TURNS:]])
        lines = []
        for q, a in list(history)[-HISTORY_TURNS:]:
            lines += [f"User: {q}", f"Assistant: {strip_citations(a)[:300]}"]
        prompt = prompts.render_prompt("condense", history="\n".join(lines), question=message)
        try:
            reply = self.llm.complete(prompt).text.strip()
        except Exception as exc:
            logger.warning("condensing failed (%s); using the follow-up with the previous question", exc)
            reply = ""
        line = next((x.strip() for x in reply.splitlines() if x.strip()), "")
        line = re.sub(r"^(?:standalone question|question)\s*:\s*", "", line, flags=re.I).strip(" \"'“”")
        if (
            not line
            or len(line) > 300
            or (message.rstrip().endswith("?") and not line.endswith("?"))
            or (answer_type(line) == "person" and answer_type(message) != "person")
        ):
            # No rewrite, a statement for a question ("Jonas Vell's post in the government was
            # that of a member."), or "who" for what the user asked ("What job had he been doing
            # before?" -> "Who was the person who took over ...?"): the pronoun read as the last
            # short answer, else the turn after the previous question.
            return with_last_answer(message, history[-1][1]) or f"{history[-1][0]} {message}"
        return without_answer_dates(line, message, history)

    # -- the pipeline ---------------------------------------------------------------------------
    def stream(
        self,
        question: str,
        *,
        as_of: str | date | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        sources: Sequence[str] | None = None,
        history: Sequence[Pair] | None = None,
    ) -> Iterator[str | Answer]:
        """Yields answer text deltas as the LLM writes, then the verified ``Answer``.

        The final ``Answer.answer`` is what to show: it may differ from the streamed text
        (unsupported sentences removed, citations renumbered).
        """
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        standalone = self.condense(question, history) if history else question
        if history:
            timings["condense"] = time.perf_counter() - t0
        if (asked := elapsed_question(standalone)) is not None:
            # "How many years since ...?": the date is found and cited (its draft streamed as
            # any draft is), the count computed.
            found: Answer | None = None
            for item in self.stream(asked.when, as_of=as_of, since=since, until=until, sources=sources):
                if isinstance(item, Answer):
                    found = item
                else:
                    yield item
            assert found is not None  # stream always ends with its Answer
            counted = elapsed_answer(asked, question, found, parse_date(as_of))
            counted.standalone_question = standalone if standalone != question else None
            yield counted
            return
        as_of_d = parse_date(as_of)
        t = time.perf_counter()
        qt = analyze_question(standalone, as_of_d)
        result = self.retriever.retrieve(
            standalone, qt, since=parse_date(since), until=parse_date(until), sources=sources
        )
        qt = result.query_time
        timings["retrieve"] = time.perf_counter() - t
        t = time.perf_counter()
        ev = self.selector.select(
            standalone, result.nodes, query_embedding=result.query_embedding, query_time=qt,
            must_say=_must_say(standalone),
        )  # fmt: skip
        ev, finding = self._with_event_evidence(standalone, ev, result.nodes, as_of_d)
        timings["evidence"] = time.perf_counter() - t
        base = Answer(
            question=question, answer="", short_answer="", refused=False, timings=timings,
            standalone_question=standalone if standalone != question else None,
            as_of=as_of_d.isoformat() if as_of_d else None, evidence=ev.items, notes=list(result.notes),
        )  # fmt: skip
        if qt.reference and not as_of_d and qt.relative:
            base.notes.append(
                f"relative dates resolved against {qt.reference.isoformat()} (newest matching source)"
            )

        if not ev.items or (ev.best_cosine < MIN_COSINE and ev.best_lexical < MIN_LEXICAL):
            yield from self._refuse(base, t0, "no source sentence matches the question")
            return
        doc_ids = list(dict.fromkeys(str(n.node.metadata.get("doc_id", "")) for n in result.nodes))
        direct = answer_without_llm(standalone, ev.items, doc_ids, self.library, as_of_d)
        if direct is not None:
            verified, short, base.evidence, note = direct
            base.notes.append(note)
            timings["first_token"] = time.perf_counter() - t0
            yield verified.text
            yield self._finish(base, verified, short, t0)
            return
        upcoming = find_upcoming(
            standalone,
            [(e.n, e.text, parse_date(e.published), e.score) for e in ev.items],
            qt,
            [(node_published(n), n.node.get_content()) for n in result.nodes],
        )
        if upcoming is not None:
            cited = next(e for e in ev.items if e.n == upcoming.evidence_n)
            text = f"{prompts.CANNOT_ANSWER} The sources only report it as upcoming: {upcoming.describe()}."
            text = text.replace(f"[{cited.n}]", "[1]")
            yield from self._refuse(base, t0, "the sources only announce this event", text, [cited])
            return
        if finding is not None and finding.kind == "what" and not finding.took_place:
            # The event records say the event the question asks the outcome of is only scheduled.
            text = f"{prompts.CANNOT_ANSWER} The sources only report it as upcoming: {finding.text} [1]."
            yield from self._refuse(base, t0, "the sources only announce this event", text, ev.items[:1])
            return

        if finding is not None and finding.direct:
            # Two clocks: a "when" answer must be the event's date, resolved against its
            # article's publish date at ingest, not a date the small model picks (it confuses
            # the publish date with the event date); venues and counterparts likewise come from
            # the record. The record's sentence is cited and checked like any answer.
            from_event = answer_from_finding(finding, ev.items)
            documents = self._texts(from_event[0].used) if from_event is not None else {}
            if from_event is not None and (
                event_answer_reason(standalone, ev, finding, from_event, documents) is None
            ):
                verified, short = from_event
                base.notes.append("answered from the matching event record")
                timings["first_token"] = time.perf_counter() - t0
                yield verified.text
                yield self._finish(
                    base, verified, final_short(short, verified, standalone, ev, documents), t0
                )
                return

        t = time.perf_counter()
        reading = yield from self._read(standalone, qt, ev, finding, timings, t0, stream=True)
        if reading.reason is not None and not reading.model_refused and self.settings.second_reading:

            def read_over(subset: EvidenceSet) -> Reading:
                return _drain(self._read(standalone, qt, subset, None, timings, t0, stream=False))

            again = read_again(standalone, ev, reading, read_over, self._texts, base.notes)
            if again is not None:
                reading, base.evidence = again[0], again[1].items
        named = (
            named_reading(standalone, ev, self._texts)
            or counted_reading(standalone, ev, self._texts)
            or doer_reading(standalone, ev, self._texts, reading)
            or dated_reading(standalone, ev, self._texts, reading)
            or holder_reading(standalone, ev, self._texts, reading)
            if reading.reason is not None
            else None
        )
        if named is not None and named.verified and as_of_reason(qt, named.verified.used) is None:
            # "What is it called?" / "How many?" / "Who did it?" / "When?" / "Who held it then?": the
            # name, count, doer, day or holder a sentence gives, where the model only restated, gave
            # the act to someone else or named one who had left.
            base.notes.append(f"the model's reading refused ({reading.reason})")
            reading = named
        timings["llm"] = time.perf_counter() - t
        base.notes += reading.notes
        if reading.reason is not None or reading.verified is None:
            base.citations = reading.unsupported
            yield from self._refuse(base, t0, reading.reason or "the model found no answer in the sources")
            return
        yield self._finish(base, reading.verified, reading.short, t0)

    def _read(
        self, question: str, qt: Any, ev: EvidenceSet, finding: Any, timings: dict[str, float], t0: float,
        *, stream: bool,
    ) -> Generator[str, None, Reading]:  # fmt: skip
        """Ask the LLM over ``ev`` and check its reply; ``stream``: yield its text as it comes."""
        # The question's clock: its as-of date, else the newest evidence's publish date; never
        # the machine's today (undated sources get no date line at all).
        reference = qt.reference or _newest(ev.items)
        today = f"Today is {reference.isoformat()}.\n" if reference else ""
        user = prompts.render_prompt(
            "answer_user", evidence=format_evidence(ev.items), question=question, today=today
        )
        generating = self._generate(self.system_prompt, user, timings, t0)
        if stream:
            raw = yield from generating
        else:
            raw = _drain(generating)
        reading = check_reply(raw, question, ev, finding, self._texts)
        if reading.reason is None and reading.verified is not None:
            # Two clocks: "this week" read on the question's date, the articles on theirs.
            stale = as_of_reason(qt, reading.verified.used)
            if stale is not None:
                used = [e.n for e in reading.verified.used]
                return replace(reading, reason=stale, leaned_on=reading.leaned_on or used)
        return reading

    def _finish(self, base: Answer, verified: Any, short: str, t0: float) -> Answer:
        """The verified answer and its final bare answer (``final_short``, computed once) shown."""
        if verified.removed:
            base.notes.append(f"removed {len(verified.removed)} unsupported sentence(s)")
        if verified.invalid_ids:
            base.notes.append(
                f"dropped citation ids not among the sources: {sorted(set(verified.invalid_ids))}"
            )
        base.answer = verified.text
        base.short_answer = short
        base.citations = verified.citations
        base.timings["total"] = time.perf_counter() - t0
        return base

    # -- helpers --------------------------------------------------------------------------------
    def _texts(self, quotes: Sequence[Evidence]) -> dict[str, str]:
        """The cited documents' texts (the year check reads a sentence's passage)."""
        docs = self.library.get_documents(dict.fromkeys(q.doc_id for q in quotes))
        return {doc_id: doc.text for doc_id, doc in docs.items()}

    def _generate(
        self, system: str, user: str, timings: dict[str, float], t0: float
    ) -> Generator[str, None, str]:
        """Stream the reply's visible part; return the raw reply."""
        messages = [
            ChatMessage(role=MessageRole.SYSTEM, content=system),
            ChatMessage(role=MessageRole.USER, content=user),
        ]
        raw, emitted = "", 0
        try:
            for chunk in self.llm.stream_chat(messages):
                raw += chunk.delta or ""
                visible = visible_reply(raw, final=False)
                if len(visible) > emitted:
                    timings.setdefault("first_token", time.perf_counter() - t0)
                    yield visible[emitted:]
                    emitted = len(visible)
        except Exception as exc:
            raise LLMError(f"the LLM backend failed: {exc}") from exc
        visible = visible_reply(raw, final=True)
        if len(visible) > emitted and not is_refusal(visible):
            timings.setdefault("first_token", time.perf_counter() - t0)
            yield visible[emitted:]
        return raw

    def _refuse(
        self,
        base: Answer,
        t0: float,
        reason: str,
        text: str | None = None,
        cited: Sequence[Evidence] = (),
    ) -> Iterator[str | Answer]:
        base.refused = True
        base.answer = text or prompts.CANNOT_ANSWER
        base.short_answer = ""
        unsupported = [c for c in base.citations if not c.supported]
        base.citations = [_cite(i, ev) for i, ev in enumerate(cited, start=1)] + [
            Citation(**{**c.to_dict(), "id": len(cited) + j}) for j, c in enumerate(unsupported, start=1)
        ]
        base.notes.append(f"{REFUSED_NOTE}{reason}")
        base.timings.setdefault("llm", 0.0)
        base.timings.setdefault("first_token", time.perf_counter() - t0)
        yield base.answer
        base.timings["total"] = time.perf_counter() - t0
        yield base

    def _with_event_evidence(
        self, question: str, ev: EvidenceSet, nodes: Sequence[NodeWithScore], as_of: date | None
    ) -> tuple[EvidenceSet, Any]:
        """Event records (issue 5) that match the question put their sentence first in the evidence."""
        if self._events is None:
            return ev, None
        doc_ids = list(dict.fromkeys(str(n.node.metadata.get("doc_id", "")) for n in nodes))
        try:
            finding = self._events.answer_from_events(question, doc_ids, self.library, as_of)
        except Exception as exc:  # the events layer is an enhancement: never fail an answer on it
            logger.warning("event lookup failed: %s", exc)
            return ev, None
        if finding is None:
            return ev, None
        by_key = {(e.doc_id, e.start, e.end): e for e in ev.items}
        docs = self.library.get_documents(r.doc_id for r in finding.events[:2])
        first: list[Evidence] = []
        for r in finding.events[:2]:
            doc, key = docs.get(r.doc_id), (r.doc_id, r.sentence_start, r.sentence_end)
            if doc is None or doc.text[r.sentence_start : r.sentence_end] != r.sentence:
                continue  # never quote what is not the stored text
            first.append(by_key.get(key) or Evidence(0, doc.doc_id, doc.title, doc.published, doc.source,
                                                      doc.url, r.sentence, *key[1:], 1.0))  # fmt: skip
        if not first:
            return ev, None
        merged = first + [e for e in ev.items if e not in first]
        items = [
            replace(e, n=i) for i, e in enumerate(merged[: max(self.settings.evidence_k, len(first))], 1)
        ]
        return EvidenceSet(items, max(ev.best_cosine, MIN_COSINE), ev.best_lexical, ev.answer_type), finding


def _cite(cid: int, ev: Evidence) -> Citation:
    return Citation(
        cid, ev.doc_id, ev.title, ev.source, ev.url, ev.published, ev.text, ev.start, ev.end, True
    )


def _must_say(question: str) -> Callable[[str], bool] | None:
    """What the answer's sentence must say: the question's act ("toured"; for "when", dated), for a past "who won"
    that someone won, for a measure its name ("turnout"): the checks refuse an answer cited to
    sentences that do not."""
    act = relation_prefixes(question)
    tests = [t for t in (outcome_test(question), measure_test(question)) if t is not None]
    if act and answer_type(question) == "date":
        # "When did the trust appeal?": a sentence dating the appeal, not one that only names it.
        tests.insert(0, lambda text: dates_act(text, act))
    elif act:
        tests.insert(0, lambda text: says_any(text, act))
    if not tests:
        return None
    return lambda text: all(test(text) for test in tests)


def _newest(items: Sequence[Evidence]) -> date | None:
    dates = [d for d in (parse_date(e.published) for e in items) if d]
    return max(dates) if dates else None


def _drain(generating: Generator[str, None, T]) -> T:
    """Run a generator to its return value, dropping what it yields."""
    while True:
        try:
            next(generating)
        except StopIteration as stop:
            return cast(T, stop.value)


def _last(items: Iterator[str | Answer]) -> Answer:
    final = [item for item in items if isinstance(item, Answer)]
    return final[-1]


def _optional_module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None
