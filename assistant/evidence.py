"""Evidence selection: from retrieved chunks to a short, numbered list of sentences.

A 1.5B model on 2 cores reads ~80 prompt tokens/s, so it gets the few sentences that hold the
answer, not whole chunks. Each retrieved chunk is widened to the sentences of the *stored*
document it overlaps (offsets exact: ``doc.text[start:end] == evidence.text``), and every
sentence is scored against the question:

- embedding cosine (the same model as retrieval, sentences cached by offsets),
- lexical coverage of the question's content words (stemmed; names weigh double),
- answer-type cues: "when" wants a date, "where" a place, "who" a person, "how many" a number
  (spaCy NER on the short-listed sentences), and a date the question names,
- a small prior from the chunk's retrieval rank (which carries the time-aware ranking).
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import NodeWithScore

from assistant.components.library import Library
from assistant.querytime import QueryTime, find_dates, parse_date
from assistant.relative_dates import annotate
from assistant.sentences import STOPWORDS, WORD, looks_like_instruction, states_nothing, with_labels
from assistant.textutil import AGENT_NOUNS, IRREGULAR_VERBS, ORDINAL_WORDS, ROMAN_NUMERALS
from assistant.types import DocumentRecord, Evidence
from ingest.places import DEMONYMS

if TYPE_CHECKING:
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

AnswerType = Literal["date", "place", "person", "number", "other"]

# Weights of the sentence score (tuned on the sample and RealTime QA dev weeks in general).
W_COSINE, W_LEXICAL, W_CUE, W_TENSE, W_RANK = 0.45, 0.35, 0.15, 0.05, 0.12
# A heading ("Maxwell Award Winners.", "AC Valhalla Title Update 1.7.0 - Release Notes.") names
# the topic in few words, so it scores high on both cosine and coverage, but it states nothing:
# without a verb and without an answer of the asked type beyond the question's own words, it
# loses its cue and this much (RGB: such headings pushed the sentence that said who won or
# when it came out below the evidence cut).
W_HEADING = 0.10
# For questions about the present, a sentence keeps this share of its score however old its
# article, and gains the rest by freshness: retrieval ranks fresh chunks first, and re-scoring
# sentences by words alone let years-old articles back in (RealTime QA: the gold sentence was
# in the retrieved chunks for 59 of 69 answerable questions but in the evidence for only 39).
RECENT_FLOOR = 0.5
# Of that floor, this share still falls with age in years (half-life one year): past the weeks
# near the as-of date, a months-old article beats a years-old one ("How many moons does Saturn
# have?" as of 2026: the 2025 count, not the 2022 one).
STALE_SPAN = 0.15
MAX_EVIDENCE_CHARS = 1000  # ~250 prompt tokens: the 1.5B model reads ~80 tokens/s on 2 cores
KEEP_RATIO = 0.6  # an item scoring under this share of the best one is noise for a small model
SHORTLIST = 40  # sentences embedded per question (by lexical + rank prior)
NER_SHORTLIST = 16  # sentences given to spaCy for answer-type cues

_TYPE_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("date", re.compile(r"^\s*when\b|\bwhat (?:date|day|year|month|time)s?\b|\bwhich (?:date|day|year|month)s?\b"
                        # "What is the premiere date of ...?", "iPhone 11 release date" (a search-box query)
                        r"|\bwhat (?:is|was|are|were) the (?:[\w'’-]+ ){0,2}?(?:date|deadline)s?\b|\b(?:date|deadline)\s*\??\s*$", re.I)),
    ("number", re.compile(r"\bhow (?:many|much|old|far|long|large|big)\b|\bwhat (?:number|percentage|share|amount|price)\b"
                          r"|\bwhat (?:is|was|are|were) the (?:average|median|typical|total)\b"
                          # "What was Tesla's revenue in Q3 2019?": an amount, though worded as "what".
                          r"|\bwhat (?:is|was|are|were)\b[^?]{0,40}?\b(?:revenue|profits?|earnings|net income|sales|"
                          r"population|budget|salary|valuation|net worth|market (?:cap|value)\w*|death toll)\b", re.I)),
    # "Which US city", "which Asian country": up to two words between the wh-word and the noun.
    ("place", re.compile(r"^\s*where\b|\b(?:location|venue)\s*\??\s*$|\bwhat (?:is|was) the (?:[\w'’-]+ )?(?:location|venue)\b|\b(?:in )?(?:which|what)(?:\s+[\w.'’-]+){0,2}?\s+(?:city|cities|country|countries|nations?|states?|venues?|places?|territory|territories|regions?|provinces?|towns?|islands?|stadiums?|airports?|arenas?|museums?|bridges?|palaces?|cathedrals?|monuments?)\b", re.I)),
    ("person", re.compile(r"\b(?:who|whom)\b|\bwhich(?:\s+[\w.'’-]+){0,2}?\s+(?:person|people|ministers?|officials?|leaders?|players?|actors?|actress(?:es)?|artists?|nominees?|billionaires?|athletes?|singers?|candidates?|company|companies|teams?|carriers?|chains?|brands?|manufacturers?|organi[sz]ations?|automakers?|university|universities|agency|agencies|party|parties|networks?|retailers?|airlines?|banks?)\b", re.I)),
]  # fmt: skip
_CUE_LABELS: dict[AnswerType, frozenset[str]] = {
    "date": frozenset({"DATE"}), "place": frozenset({"GPE", "LOC", "FAC"}),
    "person": frozenset({"PERSON", "ORG", "NORP"}), "number": frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}),
}  # fmt: skip


def answer_types(question: str) -> list[AnswerType]:
    """Every type the question asks for, in question order ("when and where" -> date, place)."""
    found = [(m.start(), kind) for kind, pattern in _TYPE_PATTERNS if (m := pattern.search(question))]
    return [kind for _, kind in sorted(found)] or ["other"]


def answer_type(question: str) -> AnswerType:
    return answer_types(question)[0]


_FUTURE_Q = re.compile(r"\b(?:will|going to|upcoming|next|scheduled|planned|expected)\b", re.I)
_PAST_Q = re.compile(r"\b(?:did|was|were|had|happened)\b", re.I)


def tense_cue(question: str, sentence: str) -> float:
    """+1 when a future question meets future wording, or a past one meets none; else 0."""
    from assistant.querytime import is_future_wording

    if _FUTURE_Q.search(question):
        return 1.0 if is_future_wording(sentence) else 0.0
    if _PAST_Q.search(question):
        return 0.0 if is_future_wording(sentence) else 1.0
    return 0.0


@lru_cache(maxsize=1)
def _stemmer() -> object | None:
    try:
        import Stemmer

        stemmer: object = Stemmer.Stemmer("english")
        return stemmer
    except ImportError:  # pragma: no cover - installed with the BM25 retriever
        return None


def stem(word: str) -> str:
    """The word's stem; an agent noun or a lower-case irregular verb by its verb ("won",
    "Winners" and "wins" are one term). A capitalised irregular verb is left alone: "Rose" and
    "Left" are names more often than sentence-initial verbs. An ordinal is its number ("11th",
    "eleventh" and "11" are one term: "the eleventh season" is "Season 11"), and so is a roman
    numeral of two letters or more in capitals ("Diablo III" is "Diablo 3"; a lone "I", "V" or
    "X" is a pronoun, a letter or a name: "Xenoblade Chronicles X")."""
    s = _stemmer()
    w = word.lower().replace("’", "'")
    if len(word) >= 2 and word.isupper() and (roman := ROMAN_NUMERALS.get(w)) is not None:
        return str(roman)
    if (number := _ORDINAL_NUMBER.get(w)) is not None:
        return number
    if _DIGIT_ORDINAL.fullmatch(w):
        return w[:-2]
    w = AGENT_NOUNS.get(w) or (IRREGULAR_VERBS.get(w, w) if word.islower() else w)
    if s is None:
        return w.rstrip("s")
    return str(s.stemWord(w))  # type: ignore[attr-defined]


# Ordinal words from "fourth": "first", "second" and "third" are more often not ordinals of a
# numbered thing ("for the first time", "a second term", "the third quarter").
_ORDINAL_NUMBER = {word: str(n) for word, n in ORDINAL_WORDS.items() if n >= 4}
_DIGIT_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def content_terms(text: str) -> dict[str, float]:
    """Stemmed content words -> weight (capitalised words, likely names, weigh double)."""
    out: dict[str, float] = {}
    for m in WORD.finditer(text):
        word = m.group(0)
        if word.lower() in STOPWORDS or len(word) < 2:
            continue
        weight = 2.0 if word[0].isupper() and m.start() > 0 else 1.0
        if word.isdigit():
            weight = 1.5
        key = stem(word)
        out[key] = max(out.get(key, 0.0), weight)
    return out


def selection_terms(question: str) -> dict[str, float]:
    """``content_terms`` with single digits too: to pick sentences, the "2" of "Xenoblade
    Chronicles 2" or "Season 7" sets the thing asked apart from its siblings (the answer checks
    keep ``content_terms``: a sentence saying "the second season" must still cover the question)."""
    terms = content_terms(question)
    for m in WORD.finditer(question):
        if len(m.group(0)) == 1 and m.group(0).isdigit():
            terms.setdefault(m.group(0), 1.5)
    return terms


def term_set(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS}


# A stem at least this long that begins another stem is the same word family: the stemmer leaves
# "presidential" as "presidenti" and "president" as "presid" ("Voters chose Macron to be their
# next president" for "Who won the presidential election?").
FAMILY_PREFIX = 6


@lru_cache(maxsize=1)
def _same_place() -> dict[str, frozenset[str]]:
    """The stems of a people's adjective and of its country, each to the other ("french" and
    "franc"): "Voters in France chose Macron" is about "the French presidential election"."""
    pairs: dict[str, set[str]] = {}
    for people, country in DEMONYMS.items():
        a, b = stem(people), stem(country)
        pairs.setdefault(a, set()).add(b)
        pairs.setdefault(b, set()).add(a)
    return {term: frozenset(others) for term, others in pairs.items()}


def in_family(term: str, terms: set[str]) -> bool:
    """``term`` or a word of its family (a shared stem prefix, a country and its people's
    adjective) is among ``terms``."""
    if term in terms or not _same_place().get(term, frozenset()).isdisjoint(terms):
        return True
    return len(term) >= FAMILY_PREFIX and any(
        len(other) >= FAMILY_PREFIX and (other.startswith(term) or term.startswith(other)) for other in terms
    )


def lexical_coverage(question_terms: dict[str, float], sentence_terms: set[str]) -> float:
    total = sum(question_terms.values())
    if total == 0:
        return 0.0
    return sum(w for t, w in question_terms.items() if in_family(t, sentence_terms)) / total


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    na = math.sqrt(sum(x * x for x in a)) or 1.0
    nb = math.sqrt(sum(y * y for y in b)) or 1.0
    return dot / (na * nb)


@dataclass
class _Candidate:
    doc: DocumentRecord
    start: int
    end: int
    text: str
    chunk_id: str | None
    rank: int
    terms: set[str]
    lexical: float = 0.0
    cosine: float = 0.0
    cue: float = 0.0
    score: float = 0.0
    fresh: float = 1.0  # recency factor (1 unless the question is about the present)

    @property
    def rank_score(self) -> float:
        return self.score * self.fresh


@dataclass(frozen=True)
class EvidenceSet:
    items: list[Evidence]
    best_cosine: float  # the best sentence's embedding similarity (refusal threshold input)
    best_lexical: float  # the best sentence's coverage of the question's content words
    answer_type: AnswerType


class EvidenceSelector:
    """Holds the caches (sentence splits, sentence embeddings) across questions."""

    def __init__(
        self,
        library: Library,
        embed_model: BaseEmbedding,
        k: int,
        cache_size: int = 20000,
        half_life_days: float = 14.0,
    ) -> None:
        self.library = library
        self.embed_model = embed_model
        self.k = k
        self.half_life_days = half_life_days
        self._lock = threading.Lock()
        self._vectors: OrderedDict[tuple[str, int, int, bool], list[float]] = OrderedDict()
        self._cache_size = cache_size
        self._splits: OrderedDict[tuple[str, str], list[tuple[int, int]]] = OrderedDict()

    # -- sentences ------------------------------------------------------------------------------
    def _sentences(self, doc: DocumentRecord) -> list[tuple[int, int]]:
        key = (doc.doc_id, doc.content_hash)
        with self._lock:
            hit = self._splits.get(key)
            if hit is not None:
                self._splits.move_to_end(key)
                return hit
        from ingest.nlp import split_sentences

        spans = [(s.start, s.end) for s in split_sentences(doc.text)]
        with self._lock:
            self._splits[key] = spans
            while len(self._splits) > 2000:
                self._splits.popitem(last=False)
        return spans

    def _embed(self, cands: Sequence[_Candidate]) -> tuple[list[list[float]], list[list[float]]]:
        """Each sentence's vector with its article's title and alone, in one batch call."""
        titled = [(c.doc.doc_id, c.start, c.end, True) for c in cands]
        plain = [(c.doc.doc_id, c.start, c.end, False) for c in cands]
        text_of = {k: f"{c.doc.title}: {c.text}" for k, c in zip(titled, cands, strict=True)}
        text_of |= {k: c.text for k, c in zip(plain, cands, strict=True)}
        with self._lock:
            missing = [k for k in dict.fromkeys(titled + plain) if k not in self._vectors]
        if missing:
            # The article title travels with the sentence, as it does with chunk embeddings.
            texts = list(dict.fromkeys(text_of[k] for k in missing))  # an untitled one: once
            vectors = dict(zip(texts, self.embed_model.get_text_embedding_batch(texts), strict=True))
            with self._lock:
                for k in missing:
                    self._vectors[k] = vectors[text_of[k]]
                while len(self._vectors) > self._cache_size:
                    self._vectors.popitem(last=False)
        with self._lock:
            return [self._vectors[k] for k in titled], [self._vectors[k] for k in plain]

    def candidates(self, nodes: Sequence[NodeWithScore]) -> list[_Candidate]:
        doc_ids = [str(n.node.metadata.get("doc_id") or n.node.ref_doc_id or "") for n in nodes]
        docs = self.library.get_documents([d for d in doc_ids if d])
        seen: set[tuple[str, int, int]] = set()
        out: list[_Candidate] = []
        for rank, (n, doc_id) in enumerate(zip(nodes, doc_ids, strict=True)):
            doc = docs.get(doc_id)
            if doc is None:
                continue  # removed since retrieval, or a stale vector: never quote what is not stored
            meta = n.node.metadata
            c_start, c_end = int(meta.get("start", 0)), int(meta.get("end", len(doc.text)))
            for s, e in with_labels(doc.text, self._sentences(doc)):
                if e <= c_start or s >= c_end or (doc.doc_id, s, e) in seen:
                    continue
                seen.add((doc.doc_id, s, e))
                text = doc.text[s:e]
                if len(WORD.findall(text)) < 3 or states_nothing(text):
                    continue  # datelines, bylines, "Based On ANI Report", questions
                if looks_like_instruction(text):
                    logger.info("skipped an instruction-like sentence in %s as evidence", doc.doc_id)
                    continue
                out.append(_Candidate(doc, s, e, text, n.node.node_id, rank, term_set(text)))
        return out

    # -- scoring --------------------------------------------------------------------------------
    def select(
        self,
        question: str,
        nodes: Sequence[NodeWithScore],
        *,
        query_embedding: Sequence[float] | None = None,
        query_time: QueryTime | None = None,
        k: int | None = None,
        must_say: Callable[[str], bool] | None = None,
    ) -> EvidenceSet:
        """The k best sentences for the question. ``must_say``: a test for what the answer's
        sentence must say (the question's act, "referee"); when no chosen sentence passes it,
        the best candidate that does and covers another word of the question takes the last
        place: a set of sentences that all name the event but none its referee cannot answer
        "Who will referee the final?", however well they match."""
        k = k or self.k
        kind = answer_type(question)
        cands = self.candidates(nodes)
        if not cands:
            return EvidenceSet([], 0.0, 0.0, kind)
        q_terms = selection_terms(question)
        for c in cands:
            # Words found only in the article's title count half: the title names the topic
            # a sentence may only refer to ("the two leaders").
            in_title = term_set(c.doc.title) - c.terms
            c.lexical = lexical_coverage(q_terms, c.terms) + 0.5 * lexical_coverage(q_terms, in_title)
            c.score = W_LEXICAL * c.lexical + W_RANK / (1 + c.rank)
        self._freshness(cands, query_time)
        cands.sort(key=lambda c: c.rank_score, reverse=True)
        short = cands[:SHORTLIST]
        q_vec = (
            list(query_embedding)
            if query_embedding is not None
            else self.embed_model.get_query_embedding(question)
        )
        # The sentence with its article's title, or alone when that matches better: the title
        # names the topic a sentence may only refer to ("the two leaders"), but a roundup's title
        # is another story's ("No new measles cases for two weeks" over "The trust lodged an
        # appeal on July 4 against the ruling").
        titled, plain = self._embed(short)
        for c, vec, alone in zip(short, titled, plain, strict=True):
            c.cosine = max(_cosine(q_vec, vec), _cosine(q_vec, alone))
            c.score += W_COSINE * max(0.0, c.cosine)
        short.sort(key=lambda c: c.rank_score, reverse=True)
        self._add_cues(short[:NER_SHORTLIST], answer_types(question), query_time, set(q_terms))
        for c in short[:NER_SHORTLIST]:
            c.score += W_TENSE * tense_cue(question, c.text)
        for c in short:
            c.score = c.rank_score
        short.sort(key=lambda c: c.score, reverse=True)
        chosen = _trim(_dedupe(short, k))
        if must_say is not None and chosen and not any(must_say(c.text) for c in chosen):
            chosen = _with_one_saying(chosen, [*short, *cands], must_say, q_terms, k)
        items = [
            Evidence(
                n=i,
                doc_id=c.doc.doc_id,
                title=c.doc.title,
                published=c.doc.published,
                source=c.doc.source,
                url=c.doc.url,
                text=c.text,
                start=c.start,
                end=c.end,
                score=round(c.score, 4),
                chunk_id=c.chunk_id,
            )
            for i, c in enumerate(chosen, start=1)
        ]
        best_cos = max((c.cosine for c in short), default=0.0)
        best_lex = max((c.lexical for c in short), default=0.0)
        return EvidenceSet(items, best_cos, best_lex, kind)

    def _freshness(self, cands: Sequence[_Candidate], query_time: QueryTime | None) -> None:
        """Questions about the present (or with "this week"-like words) prefer fresh articles."""
        ref = query_time.reference if query_time else None
        if query_time is None or ref is None or not (query_time.about_present or query_time.relative):
            return
        for c in cands:
            published = parse_date(c.doc.published) if c.doc.published else None
            if published is None:
                c.fresh = RECENT_FLOOR + (1.0 - RECENT_FLOOR) * 0.25
                continue
            age = abs((ref - published).days)
            decay = 0.5 ** (age / query_time.half_life(self.half_life_days))
            c.fresh = RECENT_FLOOR - STALE_SPAN * (1.0 - 0.5 ** (age / 365)) + (1.0 - RECENT_FLOOR) * decay

    def _add_cues(
        self,
        cands: Sequence[_Candidate],
        kinds: Sequence[AnswerType],
        query_time: QueryTime | None,
        asked: AbstractSet[str],
    ) -> None:
        wanted_per = [_CUE_LABELS[k] for k in kinds if k in _CUE_LABELS]
        wanted = frozenset().union(*wanted_per) if wanted_per else None
        mentioned = query_time.mentioned if query_time else ()
        labels_per: list[set[str]] = [set() for _ in cands]
        headings: set[int] = set()
        if wanted is not None:
            try:
                from ingest.nlp import parse

                for i, (labels, doc) in enumerate(
                    zip(labels_per, parse([c.text for c in cands]), strict=True)
                ):
                    labels.update(ent.label_ for ent in doc.ents)
                    if _is_heading(doc, wanted, asked):
                        headings.add(i)
            except Exception as exc:  # spaCy missing: fall back to the regex date finder only
                logger.debug("NER unavailable for answer-type cues: %s", exc)
                for labels, c in zip(labels_per, cands, strict=True):
                    if find_dates(c.text):
                        labels.add("DATE")
        for i, (c, labels) in enumerate(zip(cands, labels_per, strict=True)):
            if i in headings:  # its dates and names are the question's own: no cue
                c.cue = 0.0
                c.score -= W_HEADING
                continue
            cue = 0.0
            if wanted_per:
                # "When and where": a sentence with both a date and a place gets the full cue.
                cue = sum(1.0 for w in wanted_per if labels & w) / len(wanted_per)
            if mentioned:
                dates = find_dates(c.text)
                years = frozenset({int(c.doc.published[:4])}) if c.doc.published else frozenset()
                if any(m.matches(d, years=years) for m in mentioned for d in dates):
                    cue = max(cue, 1.0)
            c.cue = cue
            c.score += W_CUE * cue


def _is_heading(doc: Doc, wanted: frozenset[str], asked: AbstractSet[str]) -> bool:
    """A parsed sentence with no verb and no entity of the wanted labels that says a word the
    question does not ("Maxwell Award Winners." for "Who won the 2019 Maxwell Award?"; not
    "Release date: September 20, 2019", whose date is the answer)."""
    if any(t.pos_ in ("VERB", "AUX") for t in doc):
        return False
    return not any(ent.label_ in wanted and term_set(ent.text) - asked for ent in doc.ents)


def _dedupe(cands: Sequence[_Candidate], k: int) -> list[_Candidate]:
    """Best first; a sentence whose words are (nearly) all in an already chosen one is dropped."""
    chosen: list[_Candidate] = []
    for c in cands:
        if len(chosen) >= k:
            break
        if any(_jaccard(c.terms, o.terms) >= 0.8 for o in chosen):
            continue
        chosen.append(c)
    return chosen


def _trim(chosen: list[_Candidate]) -> list[_Candidate]:
    """Drop the tail that scores far below the best, and keep the list within the char budget."""
    if not chosen:
        return chosen
    best = chosen[0].score
    out: list[_Candidate] = []
    total = 0
    for c in chosen:
        if (
            out
            and (c.score < KEEP_RATIO * best or total + len(c.text) > MAX_EVIDENCE_CHARS)
            and len(out) >= 2
        ):
            break
        out.append(c)
        total += len(c.text)
    return out


def _with_one_saying(
    chosen: list[_Candidate],
    ranked: Sequence[_Candidate],
    must_say: Callable[[str], bool],
    q_terms: dict[str, float],
    k: int,
) -> list[_Candidate]:
    """``chosen`` with the first of ``ranked`` that passes ``must_say`` and, in its sentence or
    its article's title, says another word of the question than the act; in the last place
    when ``chosen`` is full."""
    for c in ranked:
        if c in chosen or not must_say(c.text):
            continue
        said = c.terms | term_set(c.doc.title)
        if any(in_family(t, said) and not must_say(t) for t in q_terms):
            return [*chosen[: k - 1], c] if len(chosen) >= k else [*chosen, c]
    return chosen


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _short_title(title: str, sentence: str, limit: int = 60) -> str:
    title = " ".join(title.replace("|", "/").split()).rstrip("…. ")
    if not title or sentence.startswith(title[:40]):
        return "-"  # an untitled article is titled by its first sentence: do not say it twice
    if len(title) > limit:
        title = title[:limit].rsplit(" ", 1)[0] + "…"
    return title


def format_evidence(items: Sequence[Evidence]) -> str:
    """The numbered list the LLM reads, sentences grouped under their article's date and title.

    ``Article: 2025-08-13 | title`` once per article, then its ``[n] sentence`` lines (the
    evidence numbers, in evidence order within an article). Said once instead of on every
    sentence, the date and title cost ~20 fewer prompt tokens per extra sentence of an article:
    prompt reading (~90 tokens/s on 2 cores) is most of the time to the first token.
    """
    groups: dict[str, list[Evidence]] = {}
    for ev in items:
        groups.setdefault(ev.doc_id or f"#{ev.n}", []).append(ev)
    lines = []
    for group in groups.values():
        head = group[0]
        first = " ".join(head.text.split())
        lines.append(f"Article: {head.published or 'undated'} | {_short_title(head.title, first)}")
        for ev in group:
            # "on Monday (11 March 2024)": the model reads the date its article's clock names.
            text = " ".join(annotate(ev.text, ev.published).split()).replace("<|", "<")
            lines.append(f"[{ev.n}] {text}")
    return "\n".join(lines)
