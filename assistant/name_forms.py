"""The fuller forms of a bare name the sources write: without a leading "The", the whole person
("Rafael Nadal" for "Nadal"), the regnal suffix ("King Charles III"), the place's country or state
("Davos, Switzerland"), an acronym spelled out ("United States Postal Service" for "USPS"), an
event's whole name, a model designation ("Su-30 MKI")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from assistant.types import Evidence
from ingest.nlp import parse_one, split_sentences
from ingest.places import country_name, is_region

# Between the names of a list: "A and the B", "A, the B and the C".
_CONJUNCTS = re.compile(r"(,\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")
_NAMED = re.compile(r"[Tt]he\s+[A-Z0-9]|(?![Tt]he\s)[A-Z0-9]")


def drop_leading_the(short: str, evidence: Sequence[Evidence]) -> str:
    """ "US Postal Service" for "The US Postal Service": a bare name goes without the article,
    unless the sources write it capitalised inside a sentence ("in The Hague"): then it is part
    of the name. So does each name of a list ("New England Patriots and Seattle Seahawks" for
    "... and the Seattle Seahawks")."""
    parts = _CONJUNCTS.split(short)
    names = parts[::2]
    if len(names) > 1 and not all(_NAMED.match(name) for name in names):
        return _without_the(short, evidence)  # not a list of names: "The storm hit Oslo and the port ..."
    return "".join(part if i % 2 else _without_the(part, evidence) for i, part in enumerate(parts))


def _without_the(short: str, evidence: Sequence[Evidence]) -> str:
    m = re.match(r"[Tt]he\s+(?=[A-Z0-9])", short)
    if not m:
        return short
    rest = short[m.end() :]
    inside = re.compile(r"(?<=[\w,;:(] )The " + re.escape(rest))
    return short if any(inside.search(ev.text) for ev in evidence) else rest


def full_name(
    short: str, quotes: Sequence[Evidence], others: Sequence[Evidence] = (), articles: Sequence[str] = ()
) -> str:
    """ "Rafael Nadal" for "Nadal": a one-word bare answer that is the last word of a person the
    cited sentences name is given as they name them (an analyst reads "Nadal" as ambiguous); else as
    the other evidence sentences (``others``) name them, when they name one such person only
    ("Mayfield wins the award" cited, "... Player of the Year, Baker Mayfield" beside it); else as
    the cited sentences' own articles (``articles``, their texts) name them, when they name one such
    person only (news names a person in full once, then by surname: "Nadal is the fifth player to
    finish the year at the top" cited, "Rafael Nadal" earlier in its article)."""
    if len(short.split()) != 1 or not short[:1].isupper():
        return short
    for i, group in enumerate(_name_groups(short, quotes, others, articles)):
        names: list[str] = []
        for text in group:
            doc = parse_one(text)
            for ent in doc.ents if doc is not None else ():
                if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == short:
                    names.append(str(ent.text))
        if names and (i == 0 or len(set(names)) == 1):
            return names[0]
    return short


def _name_groups(
    short: str, quotes: Sequence[Evidence], others: Sequence[Evidence], articles: Sequence[str]
) -> Iterator[list[str]]:
    """The sentences to read, in order; the article scan runs only when reached (lazy)."""
    yield [q.text for q in quotes]
    yield [e.text for e in others]
    yield _naming(short, articles)


_MAX_NAMING = 6  # sentences parsed per answer: the articles can be long; the full name comes early


def _naming(short: str, articles: Sequence[str]) -> list[str]:
    """The articles' sentences where a capitalised word stands right before ``short`` ("Rafael
    Nadal"), first ones first."""
    before = re.compile(rf"[A-Z][\w'’.-]*\s+{re.escape(short)}\b")
    found: list[str] = []
    for text in articles:
        for sentence in split_sentences(text):
            if before.search(sentence.text):
                found.append(sentence.text[:400])
                if len(found) == _MAX_NAMING:
                    return found
    return found


# A generational or regnal suffix ("Charles III", "Martin Luther King Jr.").
_NAME_SUFFIX = re.compile(r"\s+(?:II|III|IV|VI|VII|VIII|IX|Jr\.?|Sr\.?)(?![\w])")
# ", Switzerland" after a place: up to three capitalised words.
_PLACE_TAIL = re.compile(r",\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")


def complete_name(short: str, quotes: Sequence[Evidence], *, place: bool) -> str:
    """The bare name as the cited sentence completes it: with its suffix ("King Charles III" for
    "King Charles"), and when the question asks for a place (``place``), with the country or US
    state the sentence writes after it ("Davos, Switzerland" for "Davos": "Springfield" alone is
    ambiguous)."""
    if not short[:1].isupper() or "," in short:
        return short
    bare = re.compile(r"(?<![\w])" + re.escape(short) + r"(?![\w])")
    for quote in quotes:
        for m in bare.finditer(quote.text):
            tail = quote.text[m.end() :]
            suffix = _NAME_SUFFIX.match(tail)
            if suffix:
                return short + suffix.group(0)
            tail_place = _PLACE_TAIL.match(tail)
            if place and tail_place and country_name(short) is None:
                region = tail_place.group(1).rstrip(".'’-")
                while region and country_name(region) is None and not is_region(region):
                    region = region.rpartition(" ")[0]  # ", Switzerland on Tuesday": drop what follows
                if region:
                    return f"{short}, {region}"
    return short


# "the United States Postal Service (USPS)": a name and, in brackets, its acronym.
_BRACKETED_ACRONYM = re.compile(
    r"((?:[A-Z][\w.&'’-]*\s+(?:(?:of|the|and|for|de|du)\s+)*){1,7})\(([A-Z]{2,6})\)"
)
_LINK_WORDS = frozenset({"of", "the", "and", "for", "de", "du"})


def spelled_out(short: str, evidence: Sequence[Evidence]) -> str:
    """An acronym given as the bare answer, spelled out as the sources define it ("USPS" ->
    "United States Postal Service" where one writes "the United States Postal Service (USPS)"):
    the reader may not know it, and benchmarks score the name. The name's capitalised words'
    initials must be the acronym."""
    if not re.fullmatch(r"[A-Z]{2,6}", short):
        return short
    for ev in evidence:
        for m in _BRACKETED_ACRONYM.finditer(ev.text):
            if m.group(2) != short:
                continue
            words = m.group(1).split()
            # The name ends at the bracket; it starts where its initials begin to spell the acronym.
            for i in range(len(words)):
                name = [w for w in words[i:] if w.lower() not in _LINK_WORDS]
                if "".join(w[0] for w in name) == short and words[i].lower() not in _LINK_WORDS:
                    return " ".join(words[i:])
    return short


# "During which meeting ...?": the event's name ("SCO Defence Ministers' Meeting"), not the city
# it was held in. An event noun ends the name.
_ASKS_EVENT = re.compile(
    r"\b(?:which|what)\s+(?:[\w'’-]+\s+)?(?:meeting|summit|conference|forum|event|tournament|championship"
    r"|ceremony|festival|games|race|congress|assembly)\b",
    re.I,
)
_EVENT_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,6}(?:Meeting|Summit|Conference|Forum|Games|Cup|Olympics|Championships?"
    r"|Awards|Festival|Ceremony|Congress|Assembly|Dialogue|Open|Grand Prix|Marathon)\b"
)


def event_name(text: str, question: str) -> str | None:
    """The event ``text`` names, for a 'which meeting / summit ...' question; else None."""
    if not _ASKS_EVENT.search(question):
        return None
    m = _EVENT_NAME.search(text)
    return m.group(0) if m else None


# A model designation before a name ("Su-30 MKI", "F-35 Lightning"): spaCy leaves it out.
_MODEL_CODE_BEFORE = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{0,4}-\d{1,4}[A-Za-z]?)\s+$")


def with_model_code(name: str, text: str, start: int) -> str:
    """``name`` (found at ``start`` in ``text``) with the model designation written before it."""
    m = _MODEL_CODE_BEFORE.search(text[:start])
    return f"{m.group(1)} {name}" if m else name
