"""The LLM's reply and the bare answer.

The reply format ("Answer: ... [1]" then "Short: ..."), what of it streams to the user, and
the bare answer (a name, place, date, number or short phrase) taken from a verified answer when
the small model gives none or a bad one. When none of the model's sentences survives the
citation check but its bare answer stands in an evidence sentence, ``cite_bare_answer`` shows
that answer alone, cited to that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.citations import (
    NUMBER,
    VerifiedAnswer,
    best_support,
    citation_for,
    extract_facts,
    is_refusal,
    split_answer_sentences,
    strip_citations,
)
from assistant.evidence import STOPWORDS, term_set
from assistant.querytime import find_dates
from assistant.types import Evidence
from prompts import CANNOT_ANSWER

# -- the LLM's reply format: "Answer: ... / Short: ..." --------------------------------------
_ANSWER_LABEL = re.compile(r"^\s*(?:\**\s*)?answer\s*\**\s*:\s*", re.I)
# "Short: X" on its own line, or inline as small models also write it ("... [Short: X]").
_SHORT_LABEL = re.compile(r"(?:^|\n|\s|[\[(])\**\s*short(?:\s+answer)?\s*\**\s*:\s*", re.I)


def parse_reply(raw: str) -> tuple[str, str]:
    """(answer, short) from the reply; either may be missing in a small model's output."""
    text = raw.strip()
    short = ""
    m = _SHORT_LABEL.search(text)
    if m:
        short = text[m.end() :].strip().splitlines()[0].strip() if text[m.end() :].strip() else ""
        text = text[: m.start()].strip()
    text = _ANSWER_LABEL.sub("", text, count=1).strip()
    return text, short


_SHORT_TRIM = re.compile(r"^[\s\"“'*-]+|[\s\"”'*.\]]+$")


def clean_short(short: str) -> str:
    text = _SHORT_TRIM.sub("", strip_citations(short))
    while text.endswith(")") and text.count(")") > text.count("("):  # "[Short: X)" leftovers
        text = _SHORT_TRIM.sub("", text[:-1])
    return text


_ASKS_PERSON = re.compile(
    r"\bwhom?\b|\bwhich(?:\s+[\w.'’-]+){0,2}?\s+(?:person|minister|official|leader|player|actor|actress|"
    r"athlete|singer|member|candidate|lawmaker|senator|judge)\b",
    re.I,
)


_ASKS_SEVERAL = re.compile(r"\b(?:which|what|name)\s+(?:two|three|four|five|both)\b", re.I)


def _with_coordinated(sentence: str, ent: Any, doc: Any) -> str:
    """ "Minnesota and Illinois" for "which two states": the entity and those joined to it by
    "and" / commas (same label), as one span of the sentence."""
    end = ent.end
    for other in doc.ents:
        if other.start < end or other.label_ != ent.label_:
            continue
        between = doc[end : other.start].text.strip().lower()
        if between not in {"and", ",", ", and", "&"}:
            break
        end = other.end
    return str(doc[ent.start : end].text)


def derive_short(answer_text: str, question: str, kind: str) -> str:
    """A bare answer taken from the verified answer text when the model gave none (or a bad one)."""
    plain = strip_citations(answer_text)
    sentences = split_answer_sentences(plain) if plain else [""]
    asked_words = term_set(question)
    # The first sentence that says something the question did not ("Tax season has begun. The
    # deadline is April 15."): small models often restate the question's preamble first.
    first = next((s for s in sentences if not term_set(s) <= asked_words), sentences[0])
    if kind == "date":
        dates = [d for d in find_dates(first) if d.month is not None]
        if dates:
            return dates[0].text
    q_words = term_set(question)
    labels = {"place": {"GPE", "LOC", "FAC"}, "person": {"PERSON", "ORG", "NORP"},
              "number": {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"},
              # "Which league / award show / film ...?": any named thing.
              "name": {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"},
              }.get(kind)  # fmt: skip
    first = first.rstrip(" .")
    doc = _parsed(first) if labels or len(first.split()) > PHRASE_AFTER_WORDS else None
    if labels:
        ents = [e for e in (doc.ents if doc is not None else ()) if not term_set(e.text) <= q_words]
        # "Which agency ...?" wants the organisation named, "who ...?" the person: that label
        # first, then the others in sentence order.
        first_label = "PERSON" if _ASKS_PERSON.search(question) else "ORG"
        if kind == "person":
            ents.sort(key=lambda e: e.label_ != first_label)
        for ent in ents:
            if ent.label_ in labels:
                if _ASKS_SEVERAL.search(question):
                    return _with_coordinated(first, ent, doc)
                return str(ent.text)
        if kind == "number":
            m = NUMBER.search(first)
            if m:
                return m.group(0)
    if len(first.split()) > PHRASE_AFTER_WORDS:
        phrase = novel_phrase(first, question, doc)
        if phrase:
            return phrase
    return clean_short(first)


# A bare answer longer than this is a sentence: the phrase the question did not ask is taken out.
PHRASE_AFTER_WORDS = 6
_EDGE_POS = frozenset({"DET", "PRON", "ADP", "PUNCT", "CCONJ", "PART", "AUX", "SCONJ"})


def _parsed(text: str) -> Any:
    """The spaCy parse of one sentence, or None when spaCy is missing (callers keep the text)."""
    try:
        from ingest.nlp import parse

        return parse([text])[0]
    except Exception:
        return None


def novel_phrase(sentence: str, question: str, doc: Any = None) -> str | None:
    """The first noun phrase of ``sentence`` that the question does not already say.

    "The new flu strain is subclade K" answering "What is the virus strain ...?" gives
    "subclade K"; "Scott Adams was best known for the comic strip Dilbert" answering "... which
    comic strip?" gives "Dilbert". Phrases (spaCy entities and noun chunks, in sentence order)
    are trimmed of the question's words and function words at their edges; one whose content is
    mostly the question's, whose head word the question names, or that is only a number, is
    passed over. ``doc``: the caller's parse of ``sentence`` (without its final period). None when
    spaCy is missing or nothing is left.
    """
    sentence = sentence.rstrip(" .")
    doc = doc if doc is not None else _parsed(sentence)
    if doc is None:
        return None
    asked = term_set(question)
    spans = sorted([*doc.ents, *doc.noun_chunks], key=lambda sp: (sp.start, -(sp.end - sp.start)))
    for span in spans:
        if term_set(span.root.text) <= asked:
            continue  # "the new flu strain", "American Eddie Eagan": the thing the question names
        tokens = list(span)
        nxt = span.end
        if nxt + 1 < len(doc) and doc[nxt].lower_ == "of" and doc[nxt + 1].pos_ in ("PROPN", "NOUN", "ADJ"):
            # "Minister of Foreign Affairs": the of-phrase belongs to the name
            end = nxt + 1
            while end < len(doc) and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
                end += 1
            tokens = list(doc[span.start : end])
        end = span.start + len(tokens)
        while end < len(doc) and doc[end].pos_ == "PROPN":  # "subclade K": the parser cut the name
            tokens.append(doc[end])
            end += 1
        while tokens and (tokens[0].pos_ in _EDGE_POS or term_set(tokens[0].text) <= asked):
            tokens.pop(0)
        while tokens and (tokens[-1].pos_ in _EDGE_POS or term_set(tokens[-1].text) <= asked):
            tokens.pop()
        if not tokens or all(t.pos_ == "NUM" or t.like_num for t in tokens):
            continue
        words = term_set(" ".join(t.text for t in tokens))
        if len(words - asked) * 2 < len(words):
            continue
        return clean_short(sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])
    return None


def visible_reply(raw: str, *, final: bool) -> str:
    """The streamed part of the reply: after "Answer:", before "Short:" (held back while partial)."""
    text = re.sub(r"^\s*\**\s*answer\s*\**\s*:\s*", "", raw, count=1, flags=re.I)
    cut = re.search(r"\n|\bshort(?:\s+answer)?\s*:", text, re.I)
    if cut:
        return text[: cut.start()].rstrip()
    if final:
        return text.rstrip()
    # Hold back a possible partial label ("Sho", "Answ") and a refusal that may be retried.
    if len(raw.strip()) < 8 or CANNOT_ANSWER.lower().startswith(text.strip().lower()[:23]):
        return ""
    return text[: max(0, len(text) - 8)]


def cite_bare_answer(
    short: str, question: str, evidence: Sequence[Evidence], *, max_words: int
) -> VerifiedAnswer | None:
    """The bare answer alone, cited to the evidence sentence that states it, or None.

    Used when none of the model's sentences passed the citation check: the small model often
    wraps a right answer in the question's own words or a gloss the quote lacks ("The FAA
    announced ... over El Paso", cited to "the Federal Aviation Administration shut down the El
    Paso ... Airport"). What is shown is then only what the quote says: "El Paso [1]." The
    caller still runs the answerability checks (type, tense, year, relation) on it. Of several
    sentences that state it, the one sharing most of the question's words is cited.
    """
    short = clean_short(short)
    if not short or is_refusal(short) or len(short.split()) > max_words:
        return None
    facts = extract_facts(short)
    if facts.empty:
        words = {w for w in term_set(short) if w not in STOPWORDS}
        holders = [ev for ev in evidence if words and words <= term_set(ev.text)]
    else:
        holders = [ev for ev in evidence if best_support(facts, short, [ev])]
    if not holders:
        return None
    asked = {w for w in term_set(question) if w not in STOPWORDS}
    ev = max(holders, key=lambda e: (len(asked & term_set(f"{e.title} {e.text}")), -e.n))
    return VerifiedAnswer(f"{short} [1].", [citation_for(1, ev, True)], 1, used=[ev])
