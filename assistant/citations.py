"""Citation checking: every claim the user sees is backed by the sentence it cites.

No entailment model ships offline (../shared/MODELS.md), so the check is lexical, numeric and
date-aware: every date, number and capitalised name/entity in an answer sentence must appear in
the quote(s) it cites. Dates compare as dates ("21 August 2025" == "August 21, 2025"; a quote's
year-less "August 21" takes its article's publish year), numbers as numbers ("1,200" == "1200",
"two" == "2"), names by their words (stemmed, so "Russia's" finds "Russia").

The small model's own [n] are often missing or wrong, so the pipeline assigns them: a sentence
whose citations do not support it gets the evidence sentence (or pair) that does; a sentence no
evidence supports is removed, and the citations it carried are kept with ``supported=False``.
Ids that are not among the evidence never reach the user. Shown ids are renumbered 1..m in order
of first appearance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from assistant.enumerations import listed_counts, own_count
from assistant.evidence import stem, term_set
from assistant.querytime import DateMention, find_dates
from assistant.relative_dates import resolved_labels, resolved_years
from assistant.sentences import STOPWORDS
from assistant.textutil import leading_name
from assistant.titles import by_subtitle
from assistant.types import Citation, Evidence
from ingest.events import dateline_at
from prompts import CANNOT_ANSWER, CITATION_PATTERN

MAX_CITES = 2  # citations per answer sentence
_CITE_RUN = re.compile(r"\s*\[\d{1,3}\](?:\s*,?\s*\[\d{1,3}\])*")
_SENT_END = re.compile(r"(?<=[a-z0-9)\]\"”’%]{2}[.!?])\s+(?=[\"“(]?[A-Z0-9\[])")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:st|nd|rd|th)?(?![\w])")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "first": "1", "second": "2", "third": "3",
    "fourth": "4", "fifth": "5", "dozen": "12", "hundred": "100", "thousand": "1000", "million": "1000000",
}  # fmt: skip
_CAP_WORD = re.compile(r"\b[A-Z][A-Za-z]*(?:[-'’][A-Za-z]+)*\.?|\b[A-Z]{2,}\b")
# Capitalised words that are not claims: sentence openers, pronouns, days, the refusal words.
_NOT_NAMES_TEXT = """the a an in on at to of for and or but as by it its this that these those there their they he she his
    her we our you i if while when where who what which why how after before during since until according
    also however both several many some yes no not answer short source sources monday tuesday wednesday
    thursday friday saturday sunday today yesterday tomorrow mr mrs ms dr minister ministers president
    prime secretary chancellor governor senator mayor chief general foreign external affairs defence
    defense"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_COMMON_OPENER = re.compile(r"(?:ed|ing|ly|tion|ment)$")
_REFUSAL = re.compile(
    r"\b(?:sources? (?:do|does) not (?:say|mention|state|specify|contain)|not (?:mentioned|stated|specified|"
    r"provided|available) in the (?:sources|evidence|text)|no (?:information|mention)|cannot (?:answer|"
    r"determine|be determined)|can't (?:answer|determine)|unable to (?:answer|determine)|do not (?:know|have "
    r"(?:enough )?information)|is not (?:known|clear) from)\b",
    re.I,
)


@dataclass(frozen=True)
class Facts:
    """The checkable claims of one answer sentence."""

    dates: tuple[DateMention, ...]
    numbers: frozenset[str]
    names: tuple[str, ...]  # stemmed words of capitalised names
    # (number, the word it counts): "2 days" -> ("2", "day"); a bare number has "".
    quantities: frozenset[tuple[str, str]] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.dates and not self.numbers and not self.names


def strip_citations(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", _CITE_RUN.sub("", text)).strip()


def parse_citation_ids(text: str) -> list[int]:
    return [int(n) for n in CITATION_PATTERN.findall(text)]


def is_refusal(text: str) -> bool:
    """The LLM said it cannot answer (our phrase or a common paraphrase)."""
    plain = strip_citations(text).strip().lower()
    if not plain:
        return True
    return plain.startswith(CANNOT_ANSWER.lower().rstrip(".")) or bool(_REFUSAL.search(plain))


def _numbers(text: str, skip: Sequence[tuple[int, int]]) -> set[str]:
    out: set[str] = set()
    for m in NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue  # part of a date
        out.add(str(float(m.group(1).replace(",", ""))).removesuffix(".0"))
    return out


def _number_words(text: str) -> set[str]:
    return {_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _NUMBER_WORDS}


_UNIT = re.compile(r"[\s-]*([A-Za-z]{2,})")
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth"})


_PERCENT = re.compile(r"\s*(?:%|per\s?cent\b)", re.I)


def _unit_after(text: str, end: int) -> str:
    if _PERCENT.match(text, end):
        # A share is its own unit: "4.20%" (a stock's move) does not say "$4.20 billion".
        return "percent"
    m = _UNIT.match(text, end)
    # "four NASA astronauts", "two US Senate seats": names before the noun are passed (two at most).
    words = [m] if m else []
    while words and words[-1].group(1)[0].isupper() and len(words) < 3:
        nxt = _UNIT.match(text, words[-1].end())
        if nxt is None:
            break
        words.append(nxt)
    lower = next((w for w in words if w.group(1)[0].islower()), None)
    m = lower if lower is not None and words[0].group(1)[0].isupper() else m
    word = m.group(1).lower() if m else ""
    return "" if not word or word in STOPWORDS else stem(word)


def _quantities(text: str, skip: Sequence[tuple[int, int]]) -> set[tuple[str, str]]:
    """(number, counted word) pairs, digits and number words alike ("two leaders" -> ("2", "leader"))."""
    out: set[tuple[str, str]] = set()
    for m in NUMBER.finditer(text):
        if not any(s <= m.start() < e for s, e in skip):
            out.add((str(float(m.group(1).replace(",", ""))).removesuffix(".0"), _unit_after(text, m.end())))
    for m in re.finditer(r"\b[A-Za-z]+\b", text):
        word = m.group(0).lower()
        if word in _NUMBER_WORDS and word not in _ORDINALS:
            out.add((_NUMBER_WORDS[word], _unit_after(text, m.end())))
    return out


def _same_unit(claim: str, quote: str) -> bool:
    # A quote's bare number ("at 2") does not contradict a unit; "days" vs "day" is one.
    return not claim or not quote or claim[:4] == quote[:4]


def extract_facts(sentence: str) -> Facts:
    text = strip_citations(sentence)
    dates = tuple(
        d for d in find_dates(text) if d.month is not None or d.day is not None or d.year is not None
    )
    spans = [(d.start, d.end) for d in dates]
    numbers = frozenset(_numbers(text, spans)) | frozenset(
        _NUMBER_WORDS[w]
        for w in re.findall(r"\b[a-z]+\b", text.lower())  # "Four years" opens a sentence
        if w in _NUMBER_WORDS and w not in {"first", "second"}
    )
    names: list[str] = []
    for m in _CAP_WORD.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        word = m.group(0).rstrip(".")
        if not text[: m.start()].strip(' "“(') and _COMMON_OPENER.search(word):
            continue  # "Scheduled for...", "Talking to...": capitalised only as the first word
        low = word.lower()
        if low in _NOT_NAMES or low in STOPWORDS or low in _NUMBER_WORDS or len(word) < 2:
            continue  # a capitalised number word is a number, checked as one
        names.append(stem(re.sub(r"['’]s$", "", word)))
    own = own_count(sentence)
    if own is not None:
        numbers -= {own}  # the sentence lists what it counts: each item is checked, not the count
    quantities = frozenset(q for q in _quantities(text, spans) if q[0] in numbers)
    return Facts(dates, numbers, tuple(dict.fromkeys(names)), quantities)


def _quote_years(ev: Evidence) -> frozenset[int]:
    return frozenset({int(ev.published[:4])}) if ev.published and ev.published[:4].isdigit() else frozenset()


def _quote_dates(
    quotes: Sequence[Evidence], *, with_published: bool
) -> list[tuple[DateMention, frozenset[int]]]:
    """Each date the quotes state (their relative phrases resolved on their articles' clocks; with
    ``with_published``, their publish dates too), paired with the year a year-less one takes."""
    return [
        (d, _quote_years(q))
        for q in quotes
        for d in find_dates(
            f"{q.text} {(q.published or '') if with_published else ''} {resolved_labels(q.text, q.published)} {resolved_years(q.text, q.published)}"
        )
    ]


def text_states_date(said: str, quotes: Sequence[Evidence]) -> bool:
    """Some date ``said`` names is stated by a quote's own words (or a relative phrase of them
    resolved on its article's clock), not only by a publish date shown beside it: a strike that
    "began on Wednesday" in a story of Friday 20 March did not begin on 20 March. True when
    ``said`` names no date."""
    claims = [d for d in find_dates(said) if d.month is not None or d.year is not None]
    if not claims:
        return True
    # A wire dateline's date ("KARVO, March 10 (Northwind News) – ... voted on Tuesday") is when
    # the story was filed, like the publish date: it states no event's date.
    pairs = _quote_dates([replace(q, text=_without_dateline(q.text)) for q in quotes], with_published=False)
    return any(claim.matches(d, years=years) for claim in claims for d, years in pairs)


def _without_dateline(text: str) -> str:
    for d in find_dates(text[:80]):
        if dateline_at(text, d.start, d.end):
            return text[: d.start] + " " * (d.end - d.start) + text[d.end :]
    return text


def supports(facts: Facts, quotes: Sequence[Evidence]) -> bool:
    """True when every date, number and name of the claim appears in the quote(s)."""
    if not quotes:
        return False
    if facts.dates:
        # A quote's publish date counts too ("announced 13 Aug 2025"): it is shown with the quote.
        # So do the dates its relative phrases name ("on Monday" in an article of 12 March 2024).
        pairs = _quote_dates(quotes, with_published=True)
        stated = _quote_dates(quotes, with_published=False)
        for claim in facts.dates:
            # A bare year is not stated by the publish date: "the 2026 Summer Olympics were held"
            # is not what a 2026 article listing "1932 Summer Games: Los Angeles" says.
            candidates = stated if claim.month is None and claim.day is None else pairs
            if not any(claim.matches(d, years=years) for d, years in candidates):
                return False
    if facts.numbers:
        have: set[str] = set()
        # A list's length is a count the quote states ("countries — Egypt, Ethiopia and Iran"),
        # tied to the words introducing it (assistant.enumerations).
        listed = [(n, w) for q in quotes for n, words in listed_counts(q.text) for w in words]
        for q in quotes:
            spans = [(d.start, d.end) for d in find_dates(q.text)]
            have |= _numbers(q.text, spans) | _number_words(q.text)
            have |= {str(d.day) for d in find_dates(q.text) if d.day} | {
                str(d.year) for d in find_dates(q.text) if d.year
            }
        unit_of = dict(facts.quantities)
        have |= {n for n, w in listed if n in facts.numbers and _same_unit(unit_of.get(n, ""), w)}
        if not facts.numbers <= have:
            return False
        # The number must count the same thing: "2 days" is not supported by "the two leaders".
        counted = set().union(
            *(_quantities(q.text, [(d.start, d.end) for d in find_dates(q.text)]) for q in quotes)
        ) | set(listed)
        for value, unit in facts.quantities:
            if unit and not any(v == value and _same_unit(unit, u) for v, u in counted):
                return False
    if facts.names:
        words = set().union(*(term_set(q.text) for q in quotes))
        # A quote is shown under its article's title, whose subject (its leading name, "Nordvik
        # Shipping" in "Nordvik Shipping chief executive ... to step down") may be all that names
        # the company of "Henrik Dahl will take over as interim chief executive": that name
        # counts once the quote itself names one of the claim's names. The title's other names
        # belong to its own story ("in Moscow" in "Lavrov to meet Jaishankar in Moscow" is no
        # place of a delegation's visit a sentence tells).
        titled = (
            set().union(*(term_set(leading_name(q.title or "")) for q in quotes))
            if words.intersection(facts.names)
            else set()
        )
        acronyms: set[str] | None = None
        for name in facts.names:
            if name in words or name in titled:
                continue
            if 2 <= len(name) <= 6:
                # "FAA" for "the Federal Aviation Administration" (facts keep names lower-cased).
                acronyms = acronyms if acronyms is not None else _acronyms(quotes)
                if name in acronyms:
                    continue
            # "Russian" vs "Russia", "Brazilian" vs "Brazil": a shared stem of 4+ letters.
            if len(name) >= 4 and any(
                w.startswith(name[:4]) and (w.startswith(name) or name.startswith(w)) for w in words
            ):
                continue
            return False
    return True


_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:of\s+|and\s+|for\s+|the\s+)*[A-Z][a-z]+)+")


def _acronyms(quotes: Sequence[Evidence]) -> set[str]:
    """Initials of the quotes' multi-word names, lower-cased: "Federal Aviation Administration"
    gives "faa", "United States Postal Service" "usps" (and its tail "sps")."""
    out: set[str] = set()
    for q in quotes:
        for m in _NAME_RUN.finditer(q.text):
            initials = "".join(w[0] for w in m.group(0).split() if w[0].isupper()).lower()
            out |= {initials[i:] for i in range(len(initials) - 1)}
            out |= {initials[:i] for i in range(2, len(initials))}
    return out


def overlap(sentence: str, ev: Evidence) -> float:
    """Share of the sentence's content words found in the evidence sentence."""
    words = {w for w in term_set(strip_citations(sentence)) if w not in STOPWORDS}
    if not words:
        return 0.0
    return len(words & term_set(ev.text)) / len(words)


@dataclass
class VerifiedAnswer:
    text: str  # the answer as shown: only supported sentences, renumbered [n]
    citations: list[Citation]
    supported_sentences: int
    removed: list[str] = field(default_factory=list)  # sentences dropped as unsupported
    invalid_ids: list[int] = field(default_factory=list)  # ids the LLM cited that do not exist
    used: list[Evidence] = field(default_factory=list)  # evidence behind the shown citations, in id order


# A period after these ends an abbreviation, not a sentence ("Friday, Sept. 19", "Dr. Rao").
_ABBREVIATIONS_TEXT = """jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gen gov sen rep
    no vs inc corp ltd jr sr lt col capt prof sgt ft mt est approx"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())


def split_answer_sentences(text: str) -> list[str]:
    # "Moscow. [1]" -> "Moscow [1]." so a citation stays with the sentence it follows.
    text = re.sub(r"([.!?])((?:\s*\[\d{1,3}\])+)", r"\2\1", text.strip())
    parts, start = [], 0
    for m in _SENT_END.finditer(text):
        word = re.search(r"(\w+)[.!?]$", text[start : m.start()])
        if word and word.group(1).lower() in _ABBREVIATIONS and text[m.start() - 1] == ".":
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _one_document_support(facts: Facts, cited: Sequence[Evidence]) -> list[Evidence] | None:
    """The cited quotes of the first document that supports the claim on its own, if any."""
    by_doc: dict[str, list[Evidence]] = {}
    for ev in cited:
        by_doc.setdefault(ev.doc_id, []).append(ev)
    for quotes in by_doc.values():
        if supports(facts, quotes):
            return quotes
    return None


def best_support(facts: Facts, sentence: str, evidence: Sequence[Evidence]) -> list[Evidence]:
    ranked = sorted(evidence, key=lambda ev: overlap(sentence, ev), reverse=True)
    for ev in ranked:
        if supports(facts, [ev]):
            return [ev]
    for a, b in combinations(ranked[:6], 2):
        # A pair must come from one document: facts stitched across articles ("Rybakina" from
        # a 2022 report, "2019" from another) make claims neither source makes.
        if a.doc_id == b.doc_id and supports(facts, [a, b]):
            return sorted([a, b], key=lambda ev: ev.n)
    return []


def _completed_citation(
    facts: Facts, sentence: str, cited: Sequence[Evidence], evidence: Sequence[Evidence], min_overlap: float
) -> list[Evidence]:
    """A cited sentence that says the claim (``min_overlap`` of its words) but lacks a name or
    number the claim takes from another sentence of the same article, cited with that sentence:
    "The NFL has seen a shake-up of coaching staffs [1]" where [1] says "teams shake up their
    coaching staffs" and [5] of the same article "a dreaded day on the NFL calendar". Without this
    the claim went to [5] alone, which names the NFL and says nothing of coaches, and the answer
    failed the relation check the model's own sentence passes. Tried only where no one sentence
    states the claim's facts and words on its own (that one is the better citation)."""
    for quote in cited:
        if overlap(sentence, quote) < min_overlap:
            continue
        mates = sorted(
            (ev for ev in evidence if ev.doc_id == quote.doc_id and ev.n != quote.n),
            key=lambda ev: overlap(sentence, ev),
            reverse=True,
        )
        for mate in mates:
            if supports(facts, [quote, mate]):
                return sorted([quote, mate], key=lambda ev: ev.n)
    return []


def _adds_what_sources_say(sentence: str, question: str, backing: Sequence[Evidence], share: float) -> bool:
    """The words a sentence adds to the question (two or more) are, at ``share``, in its sources."""
    added = {w for w in term_set(sentence) if w not in STOPWORDS} - term_set(question)
    if len(added) < 2:
        return True
    said = set().union(*(term_set(ev.text) for ev in backing))
    return len(added & said) / len(added) >= share


def _only_the_questions_facts(facts: Facts, question: str) -> bool:
    """Every date, number and name of the claim is one the question already names."""
    asked = extract_facts(question)
    return (
        set(facts.names) <= set(asked.names)
        and facts.numbers <= asked.numbers
        and all(any(d.matches(q) for q in asked.dates) for d in facts.dates)
    )


def verify_answer(
    answer: str, evidence: Sequence[Evidence], *, min_overlap: float = 0.5, question: str = ""
) -> VerifiedAnswer:
    """Check and (re)assign the citations of ``answer`` against ``evidence``. With ``question``, a
    sentence with nothing checkable (no date, number or name) is judged on what it adds to the
    question: "The review found that it was necessary to reopen the depot" repeats "review",
    "depot", "closure" from the question and its source; "necessary" and "reopen" are in neither."""
    by_n = {ev.n: ev for ev in evidence}
    kept: list[tuple[str, list[Evidence]]] = []
    removed: list[str] = []
    unsupported: dict[int, Evidence] = {}
    invalid: list[int] = []
    for sentence in split_answer_sentences(answer):
        cited_ids = parse_citation_ids(sentence)
        invalid += [n for n in cited_ids if n not in by_n]
        cited = [by_n[n] for n in dict.fromkeys(cited_ids) if n in by_n]
        plain = strip_citations(sentence)
        if not plain or is_refusal(plain):
            continue
        # The work the question names may be cited by its subtitle alone (assistant.titles).
        facts = extract_facts(by_subtitle(question, plain) if question else plain)
        if facts.empty or (question and _only_the_questions_facts(facts, question)):
            # Nothing checkable, or only what the question itself names ("Canada is grappling with
            # its worst school shooting [1]" cited to a list naming "Canada"): keep it only with a
            # source that says much the same.
            backing = [ev for ev in cited if overlap(plain, ev) >= min_overlap]
            if not backing:
                best = max(evidence, key=lambda ev: overlap(plain, ev), default=None)
                backing = [best] if best is not None and overlap(plain, best) >= min_overlap else []
            if backing and question and not _adds_what_sources_say(plain, question, backing, min_overlap):
                backing = []
            if backing and not facts.empty and not supports(facts, backing):
                backing = []
        elif (one_doc := _one_document_support(facts, cited)) is not None:
            # Keep only the cited quotes that carry something (a stray extra id is dropped).
            backing = [ev for ev in one_doc if overlap(plain, ev) > 0] or one_doc
            if not supports(facts, backing):
                backing = one_doc
        else:
            backing = best_support(facts, plain, evidence)
            if not (len(backing) == 1 and overlap(plain, backing[0]) >= min_overlap):
                # No one sentence says it all: the model's cited one, completed, before a stitch.
                backing = _completed_citation(facts, plain, cited, evidence, min_overlap) or backing
        if backing and not facts.empty and len(backing) < MAX_CITES:
            # Also cite other sources that state every fact of the claim on their own
            # (citation recall; e.g. the article beside a record derived from it).
            for other in evidence:
                if len(backing) >= MAX_CITES:
                    break
                if other not in backing and supports(facts, [other]) and overlap(plain, other) >= min_overlap:
                    backing.append(other)
        if backing:
            kept.append((plain, backing))
        else:
            removed.append(plain)
            for ev in cited:
                unsupported[ev.n] = ev
    # Renumber in order of first appearance.
    order: dict[int, int] = {}
    for _, backing in kept:
        for ev in backing:
            order.setdefault(ev.n, len(order) + 1)
    parts = []
    for plain, backing in kept:
        marks = "".join(f"[{order[ev.n]}]" for ev in backing)
        body = plain.rstrip()
        end = body[-1] if body and body[-1] in ".!?" else ""
        body = body[:-1].rstrip() if end else body
        parts.append(f"{body} {marks}{end or '.'}")
    citations = [citation_for(order[n], by_n[n], True) for n in order]
    extra = len(order)
    for n, ev in unsupported.items():
        if n in order:
            continue
        extra += 1
        citations.append(citation_for(extra, ev, False))
    used = [by_n[n] for n in order]
    return VerifiedAnswer(" ".join(parts), citations, len(kept), removed, invalid, used)


def citation_for(cid: int, ev: Evidence, supported: bool) -> Citation:
    return Citation(
        id=cid,
        doc_id=ev.doc_id,
        title=ev.title,
        source=ev.source,
        url=ev.url,
        published=ev.published,
        quote=ev.text,
        start=ev.start,
        end=ev.end,
        supported=supported,
    )


def short_answer_supported(short: str, evidence: Sequence[Evidence]) -> bool:
    """The short answer's facts appear in some evidence (alone or as a pair)."""
    facts = extract_facts(short)
    if facts.empty:
        return any(overlap(short, ev) >= 0.5 for ev in evidence)
    return bool(best_support(facts, short, evidence))
