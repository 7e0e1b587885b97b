"""Is a cited sentence about whom or what the question asks? Checks of
``assistant.answerability`` on the names a question carries:

- **Owner**: "Who is China's defence minister?" needs a cited sentence naming China (or the
  Chinese): an answer naming India's minister from a sentence about another meeting is not it.
- **Region**: "Which Gulf country joined?" is not answered by "Egypt", a country outside the
  region the question names (the small model takes the first of a listed "Egypt, Ethiopia, Iran,
  the UAE").
- **Subject**: a name the question asks about ("Google", "YouTube") is in a cited sentence, its
  article's title or the passage around it; "$1.0 billion" cited to a passage about Instagram is
  not what Google paid for YouTube.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.evidence import AnswerType
from assistant.relation import relation_prefixes, says_word
from assistant.sentences import STOPWORDS
from assistant.types import Evidence
from ingest.dates import MONTH_WORDS
from ingest.events import story_dateline, without_dateline
from ingest.nlp import parse_one
from ingest.places import DEMONYMS, countries_in, country_name, country_of_city, is_region
from ingest.regions import asked_region, in_region

# How far around a cited sentence its passage is read (for a name here, for years by the year check).
PASSAGE_WINDOW = 400


# "China's defence minister", "Russia's ambassador": the named owner of the role asked about.
# Capitalised words in it that name no owner: a question's first word, a title ("President").
_FRAME_OPENERS = frozenset(
    {"what", "who", "which", "where", "when", "it", "that", "this", "today", "president"}
)
_POSSESSOR = re.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['’]s\s+(?=[a-z])")


# Names news says in other words: the Winter Games are the Winter Olympics.
_SAID_OTHERWISE = {"games": "olympic", "olympics": "games", "olympic": "games"}


def _names_word(name: str, words: set[str]) -> bool:
    """``name`` or its people's word is among ``words`` (lower-cased letters): "china" /
    "chinese", "russia" / "russian", "ukraine" / "ukrainian"; a short name ("US") only as itself."""
    name = re.sub(r"[^a-z]", "", name.lower())
    other = _SAID_OTHERWISE.get(name)
    if other and any(w.startswith(other) for w in words):
        return True
    if name in words or len(name) < 4:
        return name in words
    for w in words:
        if w.startswith(name) or (name.startswith(w) and len(w) >= 4):
            return True
        shared = next(
            (i for i, (a, b) in enumerate(zip(w, name, strict=False)) if a != b), min(len(w), len(name))
        )
        if shared >= max(4, len(name) - 1):
            return True
    return False


_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}")


def anchor_reason(
    question: str,
    kind: AnswerType,
    quotes: Sequence[Evidence],
    documents: Mapping[str, str] | None = None,
) -> str | None:
    """The question asks who holds someone's role ("Who was China's defence minister?") and no
    cited sentence names that owner: an answer naming India's minister from a sentence about
    another meeting is not China's minister. Only for questions after a person ("a New Year's
    celebration" owns no role). ``documents`` (doc_id -> text) give the place each cited
    story is filed from."""
    if not quotes or kind != "person":
        return None
    said = " ".join(f"{q.title} {q.text}" for q in quotes)
    words = _owner_words(said, quotes, documents)
    for m in _POSSESSOR.finditer(question):
        names = [n for n in m.group(1).split() if n.lower() not in _FRAME_OPENERS]
        # Any word of the name will do: "Trump" names "Donald Trump".
        if names and not any(_names_word(name, words) for name in names):
            if not countries_in(said) and any(
                _one_owner_story(names, documents.get(q.doc_id, "")) for q in quotes if documents
            ):
                continue
            return f"no cited sentence names {m.group(1)}, whose role the question asks about"
    return None


def _owner_words(said: str, quotes: Sequence[Evidence], documents: Mapping[str, str] | None) -> set[str]:
    """The words that may name a role's owner for the cited ``quotes`` (``said``: their titles and
    sentences): theirs, their outlets', and the countries of the places they or their datelines
    name."""
    # A national outlet frames its own country's offices: "Health Minister Anselm Varga" from the
    # Valdenian Press Agency is Valdenia's minister, named or not.
    # The agency a story's dateline names is its outlet: "KERROWBY, April 8 (Brevan Wire) –".
    filed = [story_dateline(documents.get(q.doc_id, "")) for q in quotes] if documents else []
    outlets = " ".join([*(q.source or "" for q in quotes), *(f.agency or "" for f in filed if f)])
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", f"{said} {outlets}")}
    # A city or US state the sentences name stands for its country, when they name no country
    # or people at all: "Transport minister X toured the site at Mombasa port" is about Kenya's
    # minister; "India's minister met his counterpart in Qingdao" is not about China's.
    # So does the place a story is filed from: "Transport committee chair Mira Halvorsen" in a
    # report datelined "KARVO, Oct 6 –" is Karvo's chair.
    places = [f.place for f in filed if f]
    for run in [*_CAPITALISED_RUN.findall(said), *places] if not countries_in(said) else ():
        # The whole run: "Shanghai Cooperation Organisation" is no city; "SAN JOSE" is San Jose.
        home = country_of_city(run.title() if run.isupper() else run)
        if home:
            words |= {w.lower() for w in re.findall(r"[A-Za-z]+", home)}
        if run.isupper():
            words |= {w.lower() for w in re.findall(r"[A-Za-z]+", run)}
    return words


def _one_owner_story(names: Sequence[str], text: str) -> bool:
    """The story names the owner ("the Brevanian Nurses' Association") and no other country: the
    offices its sentences name are the owner's ("Health Minister Helena Brask")."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    if not text or not any(_names_word(name, words) for name in names):
        return False
    return all(
        any(_names_word(name, {w.lower() for w in re.findall(r"[A-Za-z]+", country)}) for name in names)
        for _, country in countries_in(text)
    )


def city_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """The question places what it asks about in a city ("dockworkers in Antwerp", "during the
    Rotterdam strike") and no cited sentence, title or source names that city or its country:
    a strike in Rotterdam does not answer for Antwerp, nor Oslo's share fall for Rotterdam's
    strike. Only cities (the gazetteer's): a country or US state may be left to the passage, and
    the country counts for its capital said as its government ("Moscow said" / "Russia said")."""
    if not quotes:
        return None
    said = " ".join(f"{q.source or ''} {q.title} {q.text}" for q in quotes)
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", said)}
    for run in dict.fromkeys(_CAPITALISED_RUN.findall(question)):
        country = country_of_city(run)
        if country is None or is_region(run):
            continue
        if not all(_names_word(w, words) for w in run.split()) and not any(
            _names_word(w, words) for w in country.split() if len(w) > 3 or country.isupper()
        ):
            return f"no cited sentence names {run}, where the question places what it asks"
    return None


# "How many homes were destroyed in Tarrow Vale?": a count placed by a name after "in"/"at".
# The name ends the phrase ("in Tarrow Vale?", "in Poland this year"), not a noun's modifier
# ("in the Kessen Ridge fire" is the fire).
_PLACED = re.compile(
    r"\b(?:in|at)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
    r"(?=\s*(?:[?.,;:]|$)|\s+(?:this|last|on|in|during|since|after|before|over|so|by|from)\b)"
)


def placed_count_reason(question: str, holding: Sequence[Evidence]) -> str | None:
    """A count the question places somewhere ("in Tarrow Vale") stated only by sentences that do
    not name that place: "The fire destroyed 41 homes" is the whole fire's toll, not the
    village's, though the village is named in the passage around it."""
    if not holding:
        return None
    doc = parse_one(question)
    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")} if doc is not None else set()
    for m in _PLACED.finditer(question):
        words = [w for w in m.group(1).split() if w.lower() not in MONTH_WORDS]
        if not words or m.group(1) not in places:
            continue  # an organisation or event ("in Parliament", "at the Winter Olympics")
        if not any(all(re.search(rf"\b{re.escape(w)}", q.text, re.I) for w in words) for q in holding):
            return f"no sentence stating the number names {m.group(1)}, where the question places it"
    return None


# Words that make a role another role: the interim chief executive is not the permanent one,
# the deputy minister not the minister.
_ROLE_QUALIFIER = re.compile(
    r"\b(interim|acting|permanent|deputy|vice|former|outgoing|incoming|caretaker|assistant)[\s-]+([a-z]+)",
    re.I,
)


def qualifier_reason(question: str, kind: AnswerType, quotes: Sequence[Evidence]) -> str | None:
    """A 'who' question asks for a qualified role ("Nordvik's interim chief executive") and no
    cited sentence says that qualifier before the role: "Ingrid Solberg will step down as chief
    executive" does not name the interim one, nor "searches for a permanent successor" the
    permanent one."""
    if kind != "person" or not quotes:
        return None
    said = " ".join(f"{q.title} {q.text}" for q in quotes)
    for m in _ROLE_QUALIFIER.finditer(question):
        qualifier, role = m.group(1), m.group(2)
        near = rf"\b{re.escape(qualifier)}[\s-]+(?:[A-Za-z]+\s+){{0,2}}{re.escape(role)}"
        if not re.search(near, said, re.I):
            return f"no cited sentence says '{qualifier.lower()} {role.lower()}', the role the question asks about"
    return None


# "Who is the chief prosecutor in the case?", "Who is the current mayor of Marrowick?": a role
# asked by its noun. The sentence stating the answer must name that role: a witness who
# testified in the case is not its prosecutor.
ROLE_NOUNS = (
    "prosecutor|judge|lawyer|attorney|mayor|minister|president|chief executive|ceo|chairman|chairwoman"
    "|chair|manager|coach|captain|referee|director|spokesman|spokeswoman|spokesperson|governor|ambassador"
    "|commissioner|chief of staff|speaker|founder|owner|editor|host|head coach|secretary|officer|premier|chancellor"
)
_ASKED_ROLE = re.compile(
    rf"^\s*who\s+(?:is|was|will be|are|were|has been)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    rf"((?:[\w'’-]+\s+){{0,3}}?)({ROLE_NOUNS})\b",
    re.I,
)
# "the chief executive of the Dravik-Holm consortium": the organisation whose role is asked.
_ROLE_OF = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?([A-Z][\w'’-]*)")
# A capitalised name just before the role names whose it is ("Caldris chief executive").
_NAME_BEFORE = re.compile(r"\b([A-Z][\w'’-]*)\s+(?:[a-z]+\s+)?$")
# A role another person holds beside the one asked: the former or deputy mayor is not the mayor.
_OTHER_HOLDER = re.compile(r"\b(?:former|deputy|vice|ex|assistant)[\s-]+(?:[\w-]+\s+){0,1}$", re.I)


def role_reason(question: str, kind: AnswerType, holding: Sequence[Evidence]) -> str | None:
    """A 'who is the <role>' question answered by sentences that name no such role ("Lena
    Hartwick, the former finance director, told the court" for the chief prosecutor), or name it
    only as a former or deputy one when the question does not ("former deputy mayor Oskar
    Pellow" for "Who is the current mayor?")."""
    m = _ASKED_ROLE.search(question)
    if kind != "person" or m is None or not holding:
        return None
    qualifiers, role = m.group(1).lower(), m.group(2).lower()
    if _OTHER_HOLDER.search(qualifiers + " "):
        return None  # "Who was the former mayor?": asked as such, said as such
    head = role.split()[-1]
    # An agent noun is said by its verb too: "directed by" names the director (not "office" the
    # officer).
    root = re.sub(r"(?:or|er)$", "", head) if len(head) > 6 and not head.endswith("icer") else head
    texts = [f"{q.title} {q.text}" for q in holding]
    said = [(text, found) for text in texts for found in re.finditer(rf"\b{re.escape(root)}", text, re.I)]
    if not said:
        return f"no sentence stating the answer names the {role} the question asks about"
    if all(_OTHER_HOLDER.search(text[max(0, f.start() - 30) : f.start()]) for text, f in said):
        return f"the sentences stating the answer name a former or deputy {role}, not the {role}"
    owner = _ROLE_OF.match(question, m.end())
    # Whose role it is, the sentence alone says (its title names the story's topic).
    in_sentences = [(q.text, f) for q in holding for f in re.finditer(rf"\b{re.escape(root)}", q.text, re.I)]
    if (
        owner
        and in_sentences
        and all(_another_owner(text, f.start(), owner.group(1)) for text, f in in_sentences)
    ):
        return (
            f"the sentences stating the answer name the {role} of another organisation than {owner.group(1)}"
        )
    return None


# The holder left ("Farr retired", "after Farr stepped down", "replaced Farr", "former ... Farr").
# ... or in a noun: "since Quill's resignation", "after the departure of Farr".
_LEAVING = r"(?:resignation|departure|retirement|ouster|dismissal|sacking|exit)"
_LEFT_AFTER = (
    r"(?:\W+(?:[\w'’-]+\W+){0,3}?(?:retired|resigned|stepped down|stood down|quit|left the|was replaced|"
    rf"was dismissed|was sacked|was fired|was ousted)|['’]s\s+{_LEAVING})\b"
)
_LEFT_BEFORE = rf"\b(?:replaced|succeeded|took over from|successor to|former|ex-|{_LEAVING} of)\W+(?:[\w'’-]+\W+){{0,3}}?"


# The words ``departed_reason``'s refusal ends with (``role_clock.holder_in`` reads the holder after it).
ASKS_HOLDER_NOW = "the question asks who holds the role now"


def said_to_leave(text: str, surname: str) -> re.Match[str] | None:
    """Where ``text`` has ``surname`` leave a post ("Quill resigned", "replaced Quill", "former
    chief executive Marten Quill", "Quill's resignation"), or None."""
    escaped = re.escape(surname)
    return re.search(rf"\b{escaped}{_LEFT_AFTER}", text) or re.search(
        rf"{_LEFT_BEFORE}(?:\w+\s+)?{escaped}\b", text, re.I
    )


def departed_reason(question: str, kind: AnswerType, short: str, holding: Sequence[Evidence]) -> str | None:
    """ "Who is Kerrowby General's medical director?" answered with the one a sentence stating it
    says has left ("Brenner has been acting medical director since July 1, after Dr Jakob Farr
    retired"): the role's holder now is another."""
    m = _ASKED_ROLE.search(question)
    names = [w for w in re.findall(r"[A-Z][\w'’-]+", short) if w.lower() not in STOPWORDS]
    if (
        kind != "person"
        or m is None
        or not names
        or not re.search(r"\b(?:is|are|has been)\b", m.group(0), re.I)
    ):
        return None
    for quote in holding:
        if said_to_leave(quote.text, names[-1]):
            return f"a source stating the answer says {names[-1]} has left; {ASKS_HOLDER_NOW}"
    return None


def _another_owner(text: str, at: int, asked: str) -> bool:
    """The role said at ``at`` is another organisation's: a name stands before it ("Caldris chief
    executive") and the sentence does not name the one asked."""
    before = _NAME_BEFORE.search(text[max(0, at - 40) : at])
    if before is None or before.group(1).lower() in STOPWORDS:
        return False  # "The new chief executive": no name
    return asked.lower() not in text.lower() and before.group(1).lower() != asked.lower()


# "Which actress has won the most Oscars?", "Which is the tallest building?": the wh-word asks for
# the holder of a superlative (said in the question's first clause, not in a preamble).
_ASKED_SUPERLATIVE = re.compile(
    r"^\s*(?:which|who|what)\b[^?,.;]*?(?:\bthe|\w['’]s)\s+(most|fewest|least|largest|biggest|highest|longest|tallest|"
    r"oldest|youngest|fastest|greatest|deadliest|strongest|richest|hottest|coldest|busiest|smallest|"
    r"lowest|heaviest|worst)\b(?!\s+(?:recent(?:ly)?|likely)\b)",
    re.I,
)
# What says a ranking's top besides the superlative itself.
_SAYS_TOP = re.compile(
    r"\b(?:most|record|records|record-\w+|tops?|topped|led|leads|leading|all-time|than any(?: other)?|"
    r"no\.\s?1|number one)\b",
    re.I,
)


def superlative_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """The question asks who or what holds a superlative ("won the most Oscars") and no cited
    sentence or title says one: "Teyana Taylor won the Oscar for best supporting actress" makes her
    a winner, not the actress with the most Oscars."""
    m = _ASKED_SUPERLATIVE.search(question)
    if m is None or not quotes:
        return None
    word = m.group(1).lower()
    said = " ".join(f"{q.title} {q.text}" for q in quotes)
    if re.search(rf"\b{word}\b", said, re.I) or _SAYS_TOP.search(said):
        return None
    return f"the question asks who or what is the {word}; no cited sentence ranks it so or says a record"


# Capitalised words of a question that name nothing it is about: its opening word, titles and
# roles, days and months (a date is checked by the date rules).
_UNNAMED_TEXT = """what who whom which where when why how whose did does do is was were are will would can could has
    have had in on at of for the a an and or to by from this that these those after before during since
    president prime minister secretary chief general king queen mr mrs ms dr st no nos nr vs monday tuesday wednesday
    thursday friday saturday sunday"""
_UNNAMED = frozenset(_UNNAMED_TEXT.split()) | MONTH_WORDS


# Names that describe where or whose, not what the question is about: "the Midwest", "the eastern
# US", "Nordic nation" (a source about Minneapolis or Finland need not say them).
_DESCRIPTIVE = frozenset(
    {"GPE", "LOC", "NORP", "DATE", "TIME", "ORDINAL", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
)


def question_names(question: str) -> list[str]:
    """The names a question asks about ("How much did Google acquire YouTube for?" -> Google,
    YouTube): proper nouns, not places, peoples or dates, nor digits, roles or its opening word."""
    doc = parse_one(question)
    if doc is None:
        return []
    out = []
    for token in doc:
        word = re.sub(r"['’]s$", "", token.text).rstrip(".")
        if (
            not word[:1].isupper()
            or token.pos_ != "PROPN"
            or token.ent_type_ in _DESCRIPTIVE
            or word.lower() in _UNNAMED
            or any(ch.isdigit() for ch in word)
            or len(word) < 2
        ):
            continue
        out.append(word)
    return list(dict.fromkeys(out))


def subject_reason(
    question: str, quotes: Sequence[Evidence], documents: Mapping[str, str] | None = None
) -> str | None:
    """The question names what it asks about and no cited sentence, its article's title or the
    passage around it names any of it: "$1.0 billion" for "How much did Google acquire YouTube
    for?" cited to "... it was acquired by Meta for $1.0 billion" (a passage about Instagram).
    Any one name will do (a sentence says "the company" once its article has named it)."""
    names = question_names(question)
    if not names or not quotes:
        return None

    def named(text: str) -> bool:
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        return any(_names_word(part, words) for name in names for part in re.findall(r"[A-Za-z]+", name))

    # The source is shown with the quote: "according to the ANI report" is answered by ANI's article.
    if named(" ".join(f"{q.source or ''} {q.title} {q.text}" for q in quotes)):
        return None
    for q in quotes:
        text = (documents or {}).get(q.doc_id, "")
        if named(text[max(0, q.start - PASSAGE_WINDOW) : q.end + PASSAGE_WINDOW]):
            return None
    return f"no cited source names {', '.join(names)}, what the question asks about"


def region_reason(question: str, short: str) -> str | None:
    """The question asks for a country of a region ("Which Gulf country...", "which African
    nation") and the bare answer names countries, none of them in it: "Egypt" is no Gulf state.
    An answer naming no country (a city, a US state, a company) is left to the other checks."""
    region = asked_region(question)
    if region is None or not short:
        return None
    named = [country for _, country in countries_in(short)]
    if not named or any(in_region(country, region) for country in named):
        return None
    return f"the answer names {', '.join(dict.fromkeys(named))}, not a {region.title()} country as the question asks"


def named_subject_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """A person the question names (spaCy's PERSON) is named by no cited sentence, by surname:
    a bare answer's sentence about someone else ("The two-time Olympian won a silver medal" of
    another skier, for "how many medals has Lindsey Vonn won?") does not answer for them; nor is
    the country the question's subject named by none (by name, alias or its people's adjective).
    Used for bare answers, whose model sentence failed; the sentence itself, not its passage."""
    doc = parse_one(question)
    if doc is None or not quotes:
        return None
    said = " ".join(q.text for q in quotes).lower()
    for ent in doc.ents:
        # A full name only: spaCy calls many a rare single name a person ("the Valdora talks").
        if ent.label_ != "PERSON" or len(ent) < 2 or not all(t.text[:1].isupper() for t in ent):
            continue
        surname = re.sub(r"['’]s$", "", ent.text.split()[-1]).lower()
        if len(surname) > 2 and surname not in said:
            return f"no cited sentence names {ent.text}, whom the question asks about"
    # The country that is the question's subject ("How many times has the United States hosted
    # the Winter Olympics?" is not answered by "Italy is hosting the Games for the third time").
    asked = _subject_countries(doc)
    if asked:
        text = " ".join(q.text for q in quotes)
        named = {country for _, country in countries_in(text)}
        named |= {
            country_name(DEMONYMS[w]) or DEMONYMS[w]
            for w in re.findall(r"[A-Z][a-z]+", text)
            if w in DEMONYMS
        }
        if not asked & named:
            return f"no cited sentence names {' or '.join(sorted(asked))}, which the question asks about"
    return None


def _subject_countries(doc: Any) -> set[str]:
    """The countries named in the subject of the question's asking sentence."""
    sentences = [s for s in doc.sents if "?" in s.text] or list(doc.sents)
    subjects = [t for t in sentences[-1] if t.dep_ in ("nsubj", "nsubjpass")]
    return {
        country for t in subjects for _, country in countries_in(doc[t.left_edge.i : t.right_edge.i + 1].text)
    }


# Who act for a country or place: "U.S. forces captured him" says who, not where.
_AGENT_NOUNS_TEXT = """forces force troops soldiers military army navy officials agents authorities police
    government diplomats investigators prosecutors officers commandos"""
_AGENT_NOUNS = frozenset(_AGENT_NOUNS_TEXT.split())


def doers_place_reason(kind: str, short: str, holding: Sequence[Evidence], question: str = "") -> str | None:
    """A 'where' answer that each sentence stating it names only as the doer's nationality ("U.S.
    air and naval forces captured Maduro" for "Where was Maduro captured?") or as the doer of
    the act asked ("the U.S. captured Maduro"): who did it, not where. A place naming an event
    ("the Milan Cortina Olympics") is where it is, as is a place that hosts ("France will host")."""
    if kind != "place" or not short.strip() or not holding:
        return None
    act = relation_prefixes(question) if question else None
    if act and "host" in act:
        act = None  # the host of an event is where it is
    found = False
    for quote in holding:
        doc = parse_one(quote.text)
        if doc is None:
            return None
        # The wire dateline names where the report comes from; a parser reads its capitals as the
        # subject ("BRACKWATER, June 22 (Herald) – The parties signed ...").
        dateline_end = len(quote.text) - len(without_dateline(quote.text))
        for m in re.finditer(re.escape(short.strip()), quote.text, re.I):
            if m.start() < dateline_end:
                return None
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            found = True
            head = span.root
            while head.dep_ in ("compound", "nmod", "amod", "conj") and head.head.i != head.i:
                head = head.head
            # "U.S. air and naval forces": the parse may head the list by its first noun.
            nouns = {head.lower_, *(c.lower_ for c in head.children if c.dep_ == "conj")}
            does_act = bool(act) and head.dep_ == "nsubj" and says_word(head.head.text, act or set())
            if not (nouns & _AGENT_NOUNS or does_act):
                return None
    return f"the answer names who acted ('{short.strip()}' forces, officials), not where" if found else None
