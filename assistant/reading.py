"""One reading of the evidence by the LLM, checked: its reply -> a verified answer or the reason
it is no answer.

The engine asks the LLM, then hands the raw reply here. Every check that decides whether the
reply is shown runs in this module, without side effects, so the engine can read the evidence a
second time (without the sentences a rejected reply leaned on) and check that reading the same way.
Why a second reading: the embedded 1.5B model often answers from the wrong one of six sentences
("Egan Bernal won the 2019 Tour" for the 2021 Tour while another sentence names the 2021
champion); the checks catch it, and a reading without that sentence often finds the right one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.agents import OTHER_DOER, doer_in
from assistant.answerability import NO_DATE, PUBLISH_DATE_ONLY, REPEATS_QUESTION, unanswered_reason
from assistant.citations import VerifiedAnswer, is_refusal, parse_citation_ids, strip_citations, verify_answer
from assistant.counting import counted_in, newer_count_reason
from assistant.date_answer import newer_plan_reason
from assistant.date_verb import DATE_OF_OTHER_ACT
from assistant.dated import dated_in
from assistant.evidence import EvidenceSet, in_family, term_set
from assistant.firsts import first_elsewhere_reason, first_reason
from assistant.naming import named_in
from assistant.querytime import asks_about_future
from assistant.relation import COVERED, question_coverage, relation_prefixes, relation_reason, says_any
from assistant.relative_dates import dated_weekdays
from assistant.role_clock import ASKS_HOLDER_ON, ASKS_PERSONS_POST, held_then_reason, holder_in, on_clause_day
from assistant.short_answer import MAX_SHORT_WORDS, bare_answer, country_reason, final_short, parse_reply
from assistant.subjects import ASKS_HOLDER_NOW, departed_reason, named_subject_reason
from assistant.time_checks import year_reason
from assistant.titles import by_subtitle
from assistant.types import Citation, Evidence
from ingest.dates import MONTH_WORDS

# The reply's sentences state what its sources do not (a garbled copy of the cited sentence, a
# name spelled out); the sentences it cited may still hold the answer (see ``only``).
MISQUOTED = "the answer's facts are not in the sources"
_MONTH_TERMS = frozenset(term_set(" ".join(MONTH_WORDS)))  # as content_terms writes them ("januari")
# The cited documents' texts by doc id (the year check reads a cited sentence's passage).
Texts = Callable[[Sequence[Evidence]], dict[str, str]]


@dataclass
class Reading:
    """A checked reply: ``reason`` is None when ``verified`` / ``short`` may be shown."""

    verified: VerifiedAnswer | None
    short: str
    reason: str | None
    notes: list[str] = field(default_factory=list)
    # Citations of the reply's removed sentences, listed (marked unsupported) with a refusal.
    unsupported: list[Citation] = field(default_factory=list)
    # The evidence numbers the reply leaned on: a second reading goes without them.
    leaned_on: list[int] = field(default_factory=list)
    model_refused: bool = False
    # Only the model's bare answer stands, cited to a sentence found for it (its own failed).
    bare: bool = False

    @property
    def misquoted(self) -> bool:
        """Rejected because its sentences state what no source says (``MISQUOTED``)."""
        return self.reason == MISQUOTED


def check_reply(raw: str, question: str, ev: EvidenceSet, finding: Any, texts: Texts) -> Reading:
    """Verify the reply's citations and run the refusal checks (see ``assistant.engine``)."""
    answer_text, short = parse_reply(raw)
    leaned_on = [n for n in dict.fromkeys(parse_citation_ids(answer_text)) if any(e.n == n for e in ev.items)]
    if ev.answer_type == "date":  # "on Tuesday" -> its date on the cited article's clock
        cited = [e for e in ev.items if e.n in leaned_on]
        answer_text, short = dated_weekdays(answer_text, cited), dated_weekdays(short, cited)
    notes: list[str] = []
    bare_only = False
    # The answer's own checks read a role's when-clause as its day ("Who was the health minister
    # on 10 May 2028?"): the act dates the question, the clock holds the answer to it.
    checked = on_clause_day(question, ev.items)
    refused = is_refusal(answer_text)
    verified = verify_answer(answer_text, ev.items, question=question) if not refused else None

    def rejected(reason: str, unsupported: Sequence[Citation] = ()) -> Reading:
        used = [e.n for e in (verified.used if verified else [])]
        return Reading(
            verified, short, reason, notes, list(unsupported), leaned_on or used, refused, bare_only
        )

    if (verified is None or verified.supported_sentences == 0) and finding is not None and finding.direct:
        # The small model missed what a matching event record states (cited, then checked).
        from_event = answer_from_finding(finding, ev.items)
        if from_event is not None:
            verified, short = from_event
            notes.append("answered from the matching event record")
    if verified is None:
        return rejected("the model found no answer in the sources")
    if verified.supported_sentences == 0:
        bare = bare_answer(answer_text, short, question, ev)
        if bare is not None:
            notes.append(f"removed {len(verified.removed)} unsupported sentence(s); the bare answer is cited")
            # The removed sentences' citations stay listed, marked unsupported.
            bare.citations += [
                Citation(**{**c.to_dict(), "id": len(bare.citations) + j})
                for j, c in enumerate((c for c in verified.citations if not c.supported), start=1)
            ]
            verified, bare_only = bare, True
            reason = _bare_reason(checked, bare.used, texts(bare.used))
            if reason is not None:
                return rejected(reason)
    if verified.supported_sentences == 0:
        return rejected(MISQUOTED, verified.citations)
    if not bare_only and verified.removed and len(strip_citations(verified.text).split()) <= MAX_SHORT_WORDS:
        # What is left once the sentence that said the question's relation was removed is a bare
        # phrase ("In Alberta, Canada [1]" after "Canada is grappling with its worst school
        # shooting" went): it is checked as a bare answer, whose sentence must say the relation.
        reason = _bare_reason(checked, verified.used, texts(verified.used))
        if reason is not None:
            return rejected(reason)

    def why_not(answer: VerifiedAnswer, shown: str, documents: dict[str, str]) -> str | None:
        return (
            country_reason(question, shown, answer.used)
            or first_elsewhere_reason(question, answer.used, ev.items)
            or (
                held_then_reason(question, shown, answer.used, ev.items)
                if ev.answer_type == "person"
                else None
            )
            or (
                newer_count_reason(question, shown, answer.used, ev.items)
                if ev.answer_type == "number"
                else None
            )
            or (
                newer_plan_reason(question, shown, answer.used, ev.items)
                if ev.answer_type == "date"
                else None
            )
            or past_event_for_future(question, finding, shown)
            or unanswered_reason(
                checked, ev.answer_type, answer.text, shown, answer.used, documents, asked=question
            )
        )

    documents = texts(verified.used)  # one library read for the bare answer and its checks
    shown = final_short(short, verified, question, ev, documents)
    reason = why_not(verified, shown, documents)
    if reason is not None and not bare_only:
        # The citation check may hold the model's sentence up by another sentence than the one that
        # says the relation ("Germany won the World Cup Final in 2014" is all in "the 2014 World Cup
        # Final between Germany and Argentina"; "Germany ... victory ... to take home the 2014 World
        # Cup title" lacks "Final"): its bare answer, cited where it is stated, may still answer.
        bare = bare_answer(answer_text, short, question, ev)
        if bare is not None and {e.n for e in bare.used} != {e.n for e in verified.used}:
            documents = texts(bare.used)  # one library read for the bare answer and both checks
            bare_shown = final_short(short, bare, question, ev, documents)
            if (
                _bare_reason(checked, bare.used, documents) is None
                and why_not(bare, bare_shown, documents) is None
            ):
                notes.append(f"the model's sentence failed a check ({reason}); its bare answer is cited")
                return Reading(bare, bare_shown, None, notes, [], leaned_on, False, True)
    if reason is not None:
        return rejected(reason)
    return Reading(verified, shown, None, notes, [], leaned_on, False, bare_only)


def _bare_reason(question: str, quotes: Sequence[Evidence], documents: dict[str, str]) -> str | None:
    """The checks a bare answer (no sentence of the model's says the relation for it) passes on
    top of the others: the question's year in its sentence or passage, the question's relation
    said by the sentence itself (strict: not by an object noun alone), and the person it asks
    about named there."""
    return (
        year_reason(question, quotes, documents, required=True)
        or relation_reason(question, quotes, strict=True)
        or named_subject_reason(question, quotes)
    )


def named_reading(question: str, ev: EvidenceSet, texts: Texts) -> Reading | None:
    """For "What is it called?", the name an evidence sentence gives (``assistant.naming``), cited
    and checked like a reply; None when no sentence names it or a check rejects it."""
    found = named_in(question, ev.items)
    return _read_from(question, ev, texts, *found, "the name a source sentence gives") if found else None


def counted_reading(question: str, ev: EvidenceSet, texts: Texts) -> Reading | None:
    """For "How many X did Y?", the count a sentence gives X where X does Y
    (``assistant.counting``), cited and checked like a reply; None when none does or a check
    rejects it."""
    found = counted_in(question, ev.items) if ev.answer_type == "number" else None
    return _read_from(question, ev, texts, *found, "the count a source sentence gives") if found else None


def doer_reading(question: str, ev: EvidenceSet, texts: Texts, refused: Reading) -> Reading | None:
    """For "Who did X to Y?" after the model gave the act to someone else (``OTHER_DOER``), the
    doer a sentence's parse gives it (``assistant.agents``), cited and checked like a reply; None
    when none does or a check rejects it."""
    if refused.reason != OTHER_DOER or ev.answer_type not in ("person", "other"):
        return None
    found = doer_in(question, ev.items)
    return _read_from(question, ev, texts, *found, "the doer a source sentence gives") if found else None


def dated_reading(question: str, ev: EvidenceSet, texts: Texts, refused: Reading) -> Reading | None:
    """For a "when" question whose reply restated the question, gave no date, or gave another
    act's date or only the report's, the day a sentence gives the asked act
    (``assistant.dated``), cited and checked like a reply (a plan's day, "had been due to be
    raced on Tuesday", is refused there); None when the model itself refused, no sentence dates
    the act, or a check rejects it."""
    if ev.answer_type != "date" or refused.model_refused or not refused.reason:
        return None
    if refused.reason not in (REPEATS_QUESTION, NO_DATE, PUBLISH_DATE_ONLY) and not refused.reason.startswith(
        DATE_OF_OTHER_ACT
    ):
        return None
    found = dated_in(question, ev.items)
    return _read_from(question, ev, texts, *found, "the day a source sentence gives") if found else None


def holder_reading(question: str, ev: EvidenceSet, texts: Texts, refused: Reading) -> Reading | None:
    """For "Who was running the company on 3 May 2028?" after the model named one who had left
    the post by then (``role_clock.left_before_reason``), took it later
    (``role_clock.held_then_reason``) or an organisation (``role_clock.holder_kind_reason``), the
    one a sentence has take it no later or a report of that week names in it
    (``role_clock.holder_in``), cited and checked like a reply; None when none does or a check
    rejects it."""
    if not refused.reason or not (
        ASKS_HOLDER_ON in refused.reason
        or refused.reason.startswith(ASKS_PERSONS_POST)
        or refused.reason.endswith(ASKS_HOLDER_NOW)
    ):
        return None
    found = holder_in(question, ev.items)
    return _read_from(question, ev, texts, *found, "the holder a source sentence gives") if found else None


def _read_from(
    question: str, ev: EvidenceSet, texts: Texts, quote: Evidence, short: str, what: str
) -> Reading | None:
    """``short`` read from ``quote`` by the pipeline, not the model: cited, then put through
    the checks every answer passes."""
    verified = verify_answer(f"{short} [{quote.n}].", ev.items, question=question)
    if verified.supported_sentences == 0:
        return None
    documents = texts(verified.used)
    # Read by the pipeline, the answer stands bare: its sentence must name the person asked about
    # ("Mira Holt has won three medals" does not count Anna Berg's). Not the bare answer's strict
    # relation check: the reading found its sentence by the relation already (naming, counting,
    # doing), and a preamble's verb ("A total lunar eclipse turned the moon red. What is the event
    # called?") is not what 'Total lunar eclipses are often called "blood moons"' must say.
    if (
        named_subject_reason(question, verified.used) is not None
        or unanswered_reason(
            on_clause_day(question, ev.items),
            ev.answer_type,
            verified.text,
            short,
            verified.used,
            documents,
            asked=question,
        )
        is not None
    ):
        return None
    return Reading(verified, short, None, [f"answered with {what}"], [], [quote.n], False, True)


def second_reading_holds(question: str, quotes: Sequence[Evidence]) -> bool:
    """The cited sentences (with their articles' titles) name every name of the question, months
    aside (or one of its family: "France" for "French", ``assistant.evidence.in_family``), and hold most of its words (``assistant.relation.COVERED``, as for a relation said in
    other words): a second reading's bare "Cristophe Gans [5]" for "Who directed the Avatar
    movie?" passes every other check; on RealTime QA, answers from a sentence about something
    else covered less. A work the question names "Series: Subtitle" may be named by its subtitle
    alone (``assistant.titles.by_subtitle``)."""
    share, asked, have = question_coverage(by_subtitle(question, question), quotes)
    names = {t for t, weight in asked.items() if weight == 2.0 and t not in _MONTH_TERMS}
    return all(in_family(name, have) for name in names) and share >= COVERED


def without(ev: EvidenceSet, numbers: Sequence[int]) -> EvidenceSet | None:
    """The evidence less the given sentences, renumbered from 1; None when nothing would change
    or nothing would be left."""
    drop = set(numbers)
    kept = [e for e in ev.items if e.n not in drop]
    if not drop or len(kept) == len(ev.items):
        return None
    return _renumbered(ev, kept)


def only(ev: EvidenceSet, numbers: Sequence[int]) -> EvidenceSet | None:
    """Just the given sentences, renumbered from 1; None when that is all the evidence already
    or none of them is in it."""
    keep = set(numbers)
    kept = [e for e in ev.items if e.n in keep]
    if len(kept) == len(ev.items):
        return None
    return _renumbered(ev, kept)


def focused(question: str, ev: EvidenceSet, texts: Texts) -> EvidenceSet | None:
    """Of the evidence, the sentences an answer could cite and still pass the year and relation
    checks, renumbered from 1; None when none could. A second reading over the sentences the
    first reply did not lean on still met the same traps ("Egan Bernal won the 106th edition"
    for "Who won the 2021 Tour?", a sentence about 2019): the checks would reject any answer from
    those sentences, so the model does not read them. So with the first of a series: a sentence
    speaking only of a later one ("raised its offer ... on Monday") cannot say when the first
    offer came."""
    documents = texts(ev.items)  # one library read for all the sentences' passages
    kept = [
        e
        for e in ev.items
        if year_reason(question, [e], documents) is None
        and relation_reason(question, [e]) is None
        and first_reason(question, "", [e]) is None
    ]
    return _renumbered(ev, kept)


def _renumbered(ev: EvidenceSet, kept: Sequence[Evidence]) -> EvidenceSet | None:
    """``kept`` (some of ``ev``'s sentences) numbered from 1 as the model will see them, with
    ``ev``'s scores and answer type; None when nothing is kept."""
    if not kept:
        return None
    items = [replace(e, n=i) for i, e in enumerate(kept, start=1)]
    return EvidenceSet(items, ev.best_cosine, ev.best_lexical, ev.answer_type)


def event_answer_reason(
    question: str, ev: EvidenceSet, finding: Any, from_event: tuple[Any, str], documents: dict[str, str]
) -> str | None:
    """Why the event answer does not answer the question (asked the future, another year), or None."""
    verified, short = from_event
    if asks_about_future(question) and finding.status == "happened":
        return "the question asks what will happen; the matching record reports the past"
    return (
        country_reason(question, short, verified.used)
        or first_elsewhere_reason(question, verified.used, ev.items)
        or unanswered_reason(question, ev.answer_type, verified.text, short, verified.used, documents)
    )


def past_event_for_future(question: str, finding: Any, short: str) -> str | None:
    """ "Where will the next summit be held?" answered with the venue of the best-matching event,
    which its record says already happened: the model answered the past (a sentence may still
    read as future, e.g. "the upcoming talks follow the summit in Rio")."""
    if finding is None or finding.status != "happened" or not asks_about_future(question):
        return None
    said, recorded = term_set(short), term_set(str(finding.short_answer or ""))
    if said and recorded and (said <= recorded or recorded <= said):
        return "the question asks what will happen; the answer is a past event's (its record)"
    return None


def answer_from_finding(finding: Any, items: Sequence[Evidence]) -> tuple[VerifiedAnswer, str] | None:
    """The event finding said as a cited sentence, kept only if it passes the citation check
    against the event's own sentence (evidence [1]); a venue country inferred from a city is
    not in the quote, so the finding is tried without it too (and a "when" without the venue)."""
    if not finding.short_answer or not items:
        return None
    country = getattr(finding.row, "venue_country", None)
    variants = [finding.text] + ([finding.text.replace(f", {country}", "")] if country else [])
    venue = getattr(finding.row, "venue", "")
    if finding.kind == "when" and venue:
        # The row's venue may come from another of its sentences; "when" needs only the date.
        variants.append(finding.text.replace(f" in {venue}", ""))
    for said in dict.fromkeys(variants):
        checked = verify_answer(f"{said[:1].upper()}{said[1:]} [1].", items[:1])
        if checked.supported_sentences:
            return checked, str(finding.short_answer)
    return None


def read_again(
    question: str,
    ev: EvidenceSet,
    first: Reading,
    read: Callable[[EvidenceSet], Reading],
    texts: Texts,
    notes: list[str],
) -> tuple[Reading, EvidenceSet] | None:
    """A second reading (``read`` asks the LLM over a subset and checks its reply) when the
    checks rejected the ``first``; the reading that holds and the evidence it read, or None.

    A garbled copy of the cited sentence (``MISQUOTED``) is read again over just the
    sentences it cited: the small model found the place and botched the words ("The WTA
    rankings are the ... year-end world No. 1" over "Australia's Ashleigh Barty finishes the
    year as the WTA Year-End World No.1"). Otherwise, or when that fails too, the evidence is
    read without them (the small model often answers from the wrong one of several), then over
    the sentences saying the question's act when the first reply leaned on none of them."""

    def over_only() -> EvidenceSet | None:
        return only(ev, first.leaned_on) if first.misquoted else None

    def without_them() -> EvidenceSet | None:
        rest = without(ev, first.leaned_on)
        # focused reads the passages from the library: only when this reading is reached.
        return focused(question, rest, texts) if rest is not None else None

    def over_the_act() -> EvidenceSet | None:
        # The sentences saying the question's act by its word ("voted" for "vote"), when the
        # first reply leaned on none of them: the small model may skip the one that says it.
        act = relation_prefixes(question)
        saying = [e.n for e in ev.items if act and says_any(e.text, act)]
        return only(ev, saying) if saying and not set(saying) & set(first.leaned_on) else None

    for how, subset_of in (
        ("over only", over_only),
        ("without", without_them),
        ("over the act in", over_the_act),
    ):
        subset = subset_of()
        if subset is None:
            continue
        again = read(subset)
        shown = {s.text for s in subset.items}
        numbers = (
            [e.n for e in ev.items if e.text in shown] if how.startswith("over the") else first.leaned_on
        )
        notes.append(f"first reading refused ({first.reason}); read again {how} sentence(s) {numbers}")
        # Kept only when the model's own sentence passed and its citations name what the
        # question names and hold most of its words: a bare answer cited to some other
        # sentence, or a bare name, is too weak a second guess (RGB negative: wrong answers).
        if (
            again.reason is None
            and not again.bare
            and again.verified is not None
            and second_reading_holds(question, again.verified.used)
            # Read over fewer sentences, the reply is still checked against all of them: the
            # sentence about the first one may be among those left out.
            and first_elsewhere_reason(question, again.verified.used, ev.items) is None
            and (
                ev.answer_type != "person"
                or (
                    held_then_reason(question, again.short, again.verified.used, ev.items) is None
                    # "Who is the medical director?": a sentence left out says the answer has left.
                    and departed_reason(question, ev.answer_type, again.short, ev.items) is None
                )
            )
        ):
            return again, subset
    return None
