"""The LLM's reply and the bare answer.

The reply format ("Answer: ... [1]" then "Short: ..."), what of it streams to the user, and
the bare answer (a name, place, date, number or short phrase) taken from a verified answer when
the small model gives none or a bad one. When none of the model's sentences survives the
citation check but its bare answer stands in an evidence sentence, ``cite_bare_answer`` shows
that answer alone, cited to that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.citations import (
    NUMBER,
    VerifiedAnswer,
    best_support,
    citation_for,
    extract_facts,
    is_refusal,
    parse_citation_ids,
    short_answer_supported,
    split_answer_sentences,
    strip_citations,
)
from assistant.date_answer import finer_date
from assistant.evidence import EvidenceSet, content_terms, term_set
from assistant.name_forms import (
    complete_name,
    drop_leading_the,
    event_name,
    full_name,
    spelled_out,
    with_model_code,
)
from assistant.number_answer import NUMBER_LABELS, better_number, duration_answer, order_numbers, score_answer
from assistant.querytime import find_dates, strip_dates
from assistant.relation import relation_reason
from assistant.sentences import STOPWORDS
from assistant.types import Evidence
from ingest.nlp import parse_one
from ingest.places import countries_in, country_name, country_of_city
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
    meta = _META_OPENER.match(text)
    rest = text[meta.end() :] if meta else ""
    if meta and len(rest.split()) >= 3 and not re.match(r"(?:nothing|no|not|none)\b", rest, re.I):
        text = rest[:1].upper() + rest[1:]
    return text, short


# "The article mentions that ...", "According to the sources, ...": the model talking about its
# input, not the news. Dropped so the claim (and a bare answer cut from it) starts at the news.
_META_OPENER = re.compile(
    r"^(?:according to (?:the |this )?(?:articles?|sources?|text|evidence|reports?)(?:\s*\[\d{1,3}\])*,?\s+"
    r"|(?:the|this) (?:articles?|sources?|text|passage|evidence) (?:mentions?|says?|states?|reports?|notes?|"
    r"indicates?|shows?)(?:\s*\[\d{1,3}\])*(?: that)?,?\s+)",
    re.I,
)


ASKS_COUNTRY = re.compile(r"\b(?:which|what)\s+(?:[\w'’-]+\s+){0,2}?(?:country|nation)\b", re.I)


def country_answer(short: str, question: str, quotes: Sequence[Evidence]) -> str:
    """The bare answer to a "which country" question, said by the cited sentences, or "".

    The short answer when it is a country they name; for a place, the country they name right
    after it ("Johannesburg, South Africa") or, when they name it anywhere, the one our gazetteer
    puts the city in; when the model only restated the question, the one country they name that
    the question does not. Never a country they do not name, nor merely some country in them
    ("India's minister met ... in Johannesburg" does not make "India" the answer).
    """
    named = {name: words for ev in quotes for words, name in countries_in(ev.text)}
    own = country_name(short)
    if own is not None:
        # Named as a country, or as its people ("Ukrainian skier": the citation check's stems).
        return short if own in named or short_answer_supported(short, quotes) else ""
    if not short:
        return ""
    for ev in quotes:
        for m in re.finditer(re.escape(short) + r",\s+", ev.text):
            after = countries_in(ev.text[m.end() : m.end() + 40])
            if after and ev.text[m.end() :].startswith(after[0][0]):
                return after[0][0]
    home = country_of_city(short)
    if home:
        return named.get(home, "")
    asked = {name for _, name in countries_in(question)}
    new = [words for name, words in named.items() if name not in asked]
    if term_set(short) <= term_set(question) and len(new) == 1:
        # The model only restated the question ("The US and European nations urge citizens
        # to leave [1]"), and its cited sentence names one country the question does not.
        return new[0]
    return ""


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


_ASKS_SEVERAL = re.compile(
    r"\b(?:which|what|name)\s+(?:two|three|four|five|both\b"
    r"|(?:[\w'’-]+\s+)?(?:countries|nations|states|cities|teams|companies|firms|members|players|people|leaders))",
    re.I,
)


def _with_coordinated(ent: Any, doc: Any, labels: set[str]) -> str:
    """ "Minnesota and Illinois" for "which two states": the entity and those joined to it by
    "and" / commas, as one span of the sentence. spaCy labels a list's names unevenly ("the UAE"
    as ORG among GPEs), so any label the question's kind accepts joins."""
    end = ent.end
    for other in doc.ents:
        if other.start < end:
            continue
        between = re.sub(r"\s*\bthe$", "", doc[end : other.start].text.strip().lower()).strip()
        if other.label_ not in labels | {ent.label_} or between not in {"and", ",", ", and", "&", ",and"}:
            break
        end = other.end
    return str(doc[ent.start : end].text)


# "Which two teams ...?": how many names the question asks for.
_ASKED_COUNT = re.compile(r"\b(?:which|what|name)\s+(two|three|four|five)\b", re.I)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
# Any named thing ("Which league / award show / film ...?"); a law is named too, but never one
# of the teams a "which two" question asks for.
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"})


def _with_the_others(ent: Any, doc: Any, question: str, q_words: set[str]) -> str | None:
    """For "which two teams ...?" when the sentence does not list them ("The Packers will face the
    Broncos in the final"): ``ent`` and the other names, when the sentence has just as many as the
    question asks for (spaCy labels them unevenly: any name label)."""
    asked = _ASKED_COUNT.search(question)
    if asked is None:
        return None
    others = [
        e for e in doc.ents
        if e.start != ent.start and e.label_ in _NAME_LABELS and not _names_the_asked(e.text, q_words)
    ]  # fmt: skip
    if len(others) != _COUNT_WORDS[asked.group(1).lower()] - 1:
        return None
    names = [str(e.text) for e in sorted([ent, *others], key=lambda e: e.start)]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _restates(sentence: str, asked: set[str]) -> bool:
    """The sentence says (nearly) only the question's words: nothing new, or one plain word
    ("Malinin is famous for landing quadruple jumps" for a question saying "famed")."""
    new = {t: w for t, w in content_terms(sentence).items() if t not in asked}
    return not new or (len(new) == 1 and all(w == 1.0 for w in new.values()))


def _names_the_asked(name: str, q_words: set[str]) -> bool:
    """The name is what the question already names, in other words: all its words are the
    question's, or all but one of three or more ("the Russian Ministry of Foreign Affairs" for
    "did the Russian foreign ministry announce ...?" names the asker, not the platform asked)."""
    terms = term_set(name) - STOPWORDS
    return terms <= q_words or (len(terms) >= 3 and len(terms - q_words) <= 1)


# "Which famous stadium will host the opening ceremony?" -> "Milan": the city the building is in,
# not the building (the gazetteer knows cities and countries; a stadium's name it does not).
BUILDING_QUESTION = re.compile(
    r"\b(?:which|what)(?:\s+[\w'’-]+){0,2}?\s+(stadium|arena|airport|bridge|museum|palace|cathedral"
    r"|monument)s?\b",
    re.I,
)


def city_or_country(name: str) -> bool:
    """The gazetteer knows ``name`` as a country or a city."""
    name = strip_citations(name).strip(" .")
    return bool(name) and bool(country_name(name) or country_of_city(name))


def _building_first(ents: list[Any], question: str) -> list[Any]:
    """For "Which stadium ...?", the names of that kind of building first and the city or country
    it stands in last: "held at Milan's Giuseppe Meazza Stadium" answers with the stadium, not
    "Milan" (which the type check then rejects, and with it a right answer)."""
    asked = BUILDING_QUESTION.search(question)
    if asked is None:
        return ents
    noun = asked.group(1).lower()
    return sorted(
        ents, key=lambda e: (not e.text.lower().rstrip("s").endswith(noun), city_or_country(e.text))
    )


def derive_short(answer_text: str, question: str, kind: str, cited: Sequence[Evidence] = ()) -> str:
    """A bare answer taken from the verified answer text when the model gave none (or a bad one);
    of several names, first one the ``cited`` quotes say ("X will step down and Y will take over
    as interim chief" cited to Y's sentence answers Y)."""
    plain = strip_citations(answer_text)
    sentences = split_answer_sentences(plain) if plain else [""]
    asked_words = term_set(question)
    # The first sentence that says something the question did not ("Tax season has begun. The
    # deadline is April 15."): small models often restate the question's preamble first.
    first = next((s for s in sentences if not _restates(s, asked_words)), sentences[0])
    if named := score_answer(first, question) or event_name(first, question):
        return named
    if kind == "date":
        # Not a date the question itself names ("The January 6 insurrection ... occurred on
        # January 6, 2021" for "When was the January 6 insurrection?"), unless that is all.
        asked = question.lower()
        mentions = [d for d in find_dates(first) if d.text.lower() not in asked] or find_dates(first)
        # A day or month first; a year alone when that is all it says ("founded in 2015").
        dates = [d for d in mentions if d.month is not None] or [d for d in mentions if d.year is not None]
        if dates:
            return dates[0].text
    q_words = term_set(question)
    labels = {"place": {"GPE", "LOC", "FAC"}, "person": {"PERSON", "ORG", "NORP"},
              "number": {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"},
              "name": set(_NAME_LABELS) | {"LAW"},
              }.get(kind)  # fmt: skip
    first = first.rstrip(" .")
    doc = parse_one(first) if labels or len(first.split()) > PHRASE_AFTER_WORDS else None
    if labels:
        ents = [e for e in (doc.ents if doc is not None else ()) if not _names_the_asked(e.text, q_words)]
        # "Which agency ...?" wants the organisation named, "who ...?" the person: that label
        # first, then the others in sentence order.
        first_label = "PERSON" if _ASKS_PERSON.search(question) else "ORG"
        if kind == "person":
            ents.sort(key=lambda e: e.label_ != first_label)
        if kind == "place":
            ents = _building_first(ents, question)
        if cited:
            ents.sort(key=lambda e: not short_answer_supported(e.text, cited))
        if kind == "number":
            if duration := duration_answer(ents, question):
                return duration
            ents = order_numbers(ents, first, question) + [e for e in ents if e.label_ not in NUMBER_LABELS]
        for ent in ents:
            if ent.label_ in labels:
                if _ASKS_SEVERAL.search(question):
                    listed = _with_coordinated(
                        ent, doc, labels | {"ORG", "NORP"} if kind == "place" else labels
                    )
                    if listed == ent.text:
                        return _with_the_others(ent, doc, question, q_words) or listed
                    return listed
                return with_model_code(str(ent.text), first, ent.start_char)
        if kind in ("person", "place", "name"):
            # spaCy's small model misses names in headline-like text ("King Charles' brother:
            # Andrew crouches ..."): a run of capitalised words the question does not say.
            for found in _CAPITALISED_RUN.finditer(first):
                run = found.group(0).rstrip("'’")
                if not _names_the_asked(run, q_words):
                    return run
        if kind == "number":
            m = NUMBER.search(first)
            if m:
                return m.group(0)
    if len(first.split()) > PHRASE_AFTER_WORDS:
        phrase = novel_phrase(first, question, doc)
        if phrase:
            return phrase
    return clean_short(first)


_CODE = re.compile(r"[A-Z][A-Z0-9.-]{0,7}|[0-9]+[A-Z][A-Z0-9.-]*")


def _is_code(word: str) -> bool:
    """ "K", "JN.1", "H3N2": a letter or code that ends a name (not the words "I" and "A")."""
    return word not in ("I", "A") and _CODE.fullmatch(word) is not None


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*)+")
# A bare answer longer than this is a sentence: the phrase the question did not ask is taken out.
PHRASE_AFTER_WORDS = 6
_EDGE_POS = frozenset({"DET", "PRON", "ADP", "PUNCT", "CCONJ", "PART", "AUX", "SCONJ"})


# The model's words for its input ("the article", "source [2]"): never the answer.
_META_NOUNS = frozenset({"article", "articles", "source", "sources", "text", "passage", "evidence"})


# "What did she announce?", "What has the company launched?": the wh-word is what was done,
# never the day it was done ("What is the filing deadline?" may well be a date).
ASKS_WHAT_DONE = re.compile(r"\bwhat (?:did|does|do|has|have|had|will|would)\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def only_date(text: str) -> bool:
    """Nothing but a date ("Tuesday, Jan. 20", "on 5 May"): no answer unless "when" is asked."""
    rest = _WEEKDAY.sub(" ", strip_dates(text))
    return rest != text and not term_set(rest)


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
    doc = doc if doc is not None else parse_one(sentence)
    if doc is None:
        return None
    asked = term_set(question)
    asks_done = ASKS_WHAT_DONE.search(question) is not None
    spans = sorted([*doc.ents, *doc.noun_chunks], key=lambda sp: (sp.start, -(sp.end - sp.start)))
    passed: list[tuple[int, int]] = []
    for span in spans:
        if any(start <= span.start and span.end <= end for start, end in passed):
            continue  # "Foreign Affairs" inside "the Russian Ministry of Foreign Affairs", passed over
        if term_set(span.root.text) <= asked or span.root.lower_ in _META_NOUNS:
            if named := _name_before_asked_noun(span, asked):
                return named  # 'the popular "Dilbert" comic strip' for "which comic strip?"
            passed.append((span.start, span.end))
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
        while end < len(doc) and (doc[end].pos_ == "PROPN" or _is_code(doc[end].text)):
            # "subclade K", "variant JN.1": the parser cut the name (a letter or code it mistags)
            tokens.append(doc[end])
            end += 1
        while tokens and (tokens[0].pos_ in _EDGE_POS or term_set(tokens[0].text) <= asked):
            tokens.pop(0)
        while tokens and (tokens[-1].pos_ in _EDGE_POS or term_set(tokens[-1].text) <= asked):
            tokens.pop()
        if not tokens or all(t.pos_ == "NUM" or t.like_num for t in tokens):
            continue
        phrase = sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        if asks_done and only_date(phrase):
            continue  # "What did she announce?": not the day she announced it
        words = term_set(" ".join(t.text for t in tokens))
        if len(words - asked) * 2 < len(words):
            continue
        return clean_short(sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)])
    return None


_QUOTED = re.compile(r"[\"“‘]([^\"”’]{2,60}?)[\"”’]")


def _name_before_asked_noun(span: Any, asked: set[str]) -> str | None:
    """The name a phrase gives the common noun the question asks for: 'the popular "Dilbert"
    comic strip' answers "which comic strip?" with "Dilbert", "the Artemis mission" "which
    mission?" with "Artemis". A quoted title first, else the proper nouns before the noun; not
    of a phrase headed by a name ("American Eddie Eagan": the person the question names)."""
    if span.root.pos_ != "NOUN":
        return None
    text = span.text
    for m in _QUOTED.finditer(text):
        if not term_set(m.group(1)) <= asked:
            return clean_short(m.group(1))
    names = [t for t in span if t.i < span.root.i and t.pos_ == "PROPN"]
    if names and not term_set(" ".join(t.text for t in names)) <= asked:
        first, last = names[0], names[-1]
        if last.i - first.i + 1 == len(names):  # one unbroken run of them
            return clean_short(span.doc.text[first.idx : last.idx + len(last.text)])
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
    sentences that state it, one that says the question's relation is cited ("Germany ... take
    home the 2014 World Cup title" for "Who won ...?", not "the final between Germany and
    Argentina"), then the one sharing most of the question's words.
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
    ev = max(
        holders,
        key=lambda e: (
            relation_reason(question, [e]) is None,
            len(asked & term_set(f"{e.title} {e.text}")),
            -e.n,
        ),
    )
    return VerifiedAnswer(f"{short} [1].", [citation_for(1, ev, True)], 1, used=[ev])


# -- the bare answer shown ------------------------------------------------------------------
MAX_SHORT_WORDS = 6  # a typed bare answer (a name, place, date, number) longer than this is a sentence
# A question for a named thing: "which X" anywhere but a relative clause (", which ..."), as
# news quizzes put it after a preamble ("... but in which sport did he win?"), and "what is the
# name / what type of".
_WHICH = re.compile(
    r"(?<!,)(?<!, )\bwhich\b|\bwhat (?:is|was|are|were) (?:the )?names?\b|\bwhat (?:type|kind|sort) of\b",
    re.I,
)
# Questions whose answer is an event or a reason, not a thing: no phrase is cut out for them.
_ASKS_ACTION = re.compile(
    r"^\s*(?:why|how)\b(?! (?:many|much|long|old|far)\b)|\bhappen(?:s|ed|ing)?\b|\bdo(?:ing)?\s*\?*\s*$", re.I
)


def final_short(
    short: str, verified: Any, question: str, ev: EvidenceSet, documents: Mapping[str, str] | None = None
) -> str:
    """The model's bare answer when the cited quotes support it, else one taken from the answer.
    ``documents``: the cited sentences' articles by doc id (a surname given in full)."""
    short = clean_short(short)
    if (
        not short
        or is_refusal(short)
        or not short_answer_supported(short, verified.used)
        or (ASKS_WHAT_DONE.search(question) is not None and only_date(short))
    ):
        short = derive_short(verified.text, question, ev.answer_type, verified.used)
    said = strip_citations(verified.text)
    if ev.answer_type == "number" and (better := better_number(short, said, question)):
        short = better
    for pick in (score_answer, event_name):
        # "Nyayo Stadium" for "What was the score?" where the answer says "2-1"; "Qingdao" for
        # "During which meeting ...?" where it names the meeting.
        if not pick(short, question) and (named := pick(said, question)):
            short = named
    if ev.answer_type == "date":
        short = finer_date(short, verified.used, question)
    if len(short.split()) > MAX_SHORT_WORDS:
        # A sentence given as the bare answer: take the city (or the named thing, or the phrase
        # the question did not already say) out of it.
        kind = asked_kind(question, ev.answer_type)
        if kind == "other" and _ASKS_ACTION.search(question):
            return short  # "What happened?", "Why?": the sentence is the answer
        bare = derive_short(short, question, kind, verified.used)
        if len(bare.split()) <= MAX_SHORT_WORDS:
            short = bare
    if ASKS_COUNTRY.search(question):
        short = country_answer(short, question, verified.used)
    named_kind = asked_kind(question, ev.answer_type)
    if named_kind in ("person", "place", "name") and _says_the_question(short, question):
        # "Jonas Vell toured Lenfeld" given as the bare answer to "Which member of the
        # government toured Lenfeld?": the name without the question's own words.
        named = derive_short(short, question, named_kind, verified.used)
        if named and len(named.split()) < len(short.split()):
            short = named
    if ev.answer_type == "person":
        short = _without_asked_role(short, question)
    # The cited articles may name the person in full; not for a place ("Washington").
    articles = list(documents.values()) if documents and ev.answer_type in ("person", "other") else []
    short = full_name(drop_leading_the(short, ev.items), verified.used, ev.items, articles)
    short = spelled_out(short, ev.items)
    return complete_name(short, verified.used, place=ev.answer_type == "place")


def asked_kind(question: str, answer_type: str) -> str:
    """The kind of bare answer a question asks for: its answer type, or any named thing ("name")
    for an untyped "which <noun>" question ("Which member of the government ...?")."""
    if answer_type != "other":
        return answer_type
    return "name" if _WHICH.search(question) else "other"


def _says_the_question(short: str, question: str) -> bool:
    """A lower-case word of the bare answer is the question's ("toured" in "Jonas Vell toured
    Lenfeld"): it restates the question around the name. Names alone never do."""
    asked = term_set(question)
    return any(w[:1].islower() and term_set(w) & asked for w in short.split())


def _without_asked_role(short: str, question: str) -> str:
    """ "Mirela Castan" for "Who will referee the final?", not "Referee Mirela Castan": the
    leading words the question already says (its role) are no part of the name; two words of
    the name at least stay."""
    words = short.split()
    asked = term_set(question)
    lead = 0
    while lead < len(words) - 2 and words[lead][:1].isupper() and set() < term_set(words[lead]) <= asked:
        lead += 1
    return " ".join(words[lead:]) if lead else short


def bare_answer(answer_text: str, short: str, question: str, ev: EvidenceSet) -> VerifiedAnswer | None:
    """The model's bare answer cited alone, when its sentences failed the check but an
    evidence sentence states that answer. Taken from the answer text only for typed
    questions (a date, place, person, number, "which X"): an untyped phrase cut from a
    failed sentence is a guess."""
    bare = clean_short(short)
    if not bare or is_refusal(bare):
        kind = asked_kind(question, ev.answer_type)
        if kind == "other":
            return None
        ids = set(parse_citation_ids(answer_text))
        bare = derive_short(answer_text, question, kind, [e for e in ev.items if e.n in ids])
    return cite_bare_answer(bare, question, ev.items, max_words=MAX_SHORT_WORDS)


def country_reason(question: str, short: str, used: Sequence[Evidence]) -> str | None:
    """Why a "which country" answer is no answer: the cited sentences name no country."""
    if ASKS_COUNTRY.search(question) and not country_answer(short, question, used):
        return "a 'which country' question got no country in the cited sentences"
    return None
