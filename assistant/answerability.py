"""Does a checked answer actually answer the question? The pipeline's last gate before showing it.

``assistant.citations`` proves that every date, number and name of an answer is in the sentence
it cites. That is necessary, not sufficient: a small model asked "Who was China's defence
minister?" happily names the Indian minister a sentence mentions, or answers "When was X
launched?" with the date of something else. No entailment model ships offline
(../shared/MODELS.md), and the 1.5B model's own yes/no judgement of its answer is biased to
"yes" (measured on the seed set), so these checks are rules on what a sentence must hold to
answer a question of a given kind:

- **Answer type**: a "when" answer carries a date written in a cited sentence (the publish date
  alone is the other clock, not an answer); "how many" a number; "where" a place; "who" a name
  that is not only the question's own words.
- **Tense**, **planned** and **years** (``assistant.time_checks``): the two clocks.
- **Winners** (``assistant.outcome``): a country answers "who won" only when a cited sentence has
  it win; a name the cited sentences have lose ("X lost to Y", "Y defeated X") is not who won.
- **Buildings**: "which stadium / airport / museum" is not answered with a city or country.
- **Relation** (``assistant.relation``): the question's verb (of its asking sentence, else its
  preamble) or its objects are in a cited sentence, in some form or family ("sued" for "filed
  lawsuits").
- **Titles** (``assistant.titles``): the work or edition asked ("Xenoblade Chronicles 2", "Marvel's
  Spider-Man") is the one the cited sentences name, not another number, sequel or subtitle.
- **Outcome** (``assistant.outcome``): "who won" is answered by a sentence saying someone won,
  not a preview or a poll, nor a part won on the way ("won four stages" for "Who won the Tour?").
- **Who**: not a nationality adjective ("Democratic"), not the award asked about, nor its namesake
  ("Brandon Maxwell" for the Maxwell Award).
- **How long**: a duration or a length, not a bare count.
- **Owner** and **Subject** (``assistant.subjects``): "Who is China's minister?" needs a cited
  sentence naming China (or the Chinese); a name the question asks about is in a cited sentence,
  its title or its passage; the role asked is the one named (not a former one, nor another
  organisation's).
- **Contest** (``assistant.contests``): the stage, side and division asked (the run-off, the
  women's event, not the wheelchair one).
- **Choice**: "Did the court annul or uphold it?" is answered by one of the two.
- **Cut** (``assistant.fragments``): the sentence naming the answer is not a snippet cut off right
  after its verb ("In 2019, Federer has ...").
- **Topic**: the cited sentences share at least one content word with the question.

Each check returns a reason (shown as the refusal note) or ``None``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from assistant.agents import agent_reason, leader_reason, other_doer_reason, swapped_reason
from assistant.citations import extract_facts, short_answer_supported, strip_citations, text_states_date
from assistant.contests import division_reason, gender_reason, stage_reason
from assistant.counting import counted_kind_reason
from assistant.date_answer import planned_date_reason, planned_place_reason, span_day_reason
from assistant.date_verb import date_verb_reason
from assistant.evidence import AnswerType, lexical_coverage, term_set
from assistant.firsts import first_reason, next_reason
from assistant.fragments import cut_reason
from assistant.number_answer import measure_reason, money_count_reason, part_amount_reason, per_unit_reason
from assistant.outcome import choice_reason, finding_reason, loser_reason, outcome_reason, winner_named
from assistant.querytime import find_dates
from assistant.relation import asks_decisive_relation, relation_prefixes, relation_reason, says_word
from assistant.role_clock import holder_kind_reason, left_before_reason
from assistant.short_answer import BUILDING_QUESTION, city_or_country, only_date
from assistant.subjects import (
    anchor_reason,
    city_reason,
    departed_reason,
    doers_place_reason,
    placed_count_reason,
    qualifier_reason,
    region_reason,
    role_reason,
    subject_reason,
    superlative_reason,
)
from assistant.time_checks import (
    day_reason,
    original_plan_reason,
    part_date_reason,
    planned_reason,
    quarter_reason,
    tense_reason,
    text_dates,
    year_reason,
)
from assistant.titles import title_reason
from assistant.types import Evidence
from assistant.unknowns import unknown_reason
from ingest.events import dateline_place
from ingest.nlp import parse_one

logger = logging.getLogger(__name__)

# A name ending in one of these is a venue (not "Park" or "Hall": surnames too).
_VENUE_NAME = re.compile(
    r"\b[A-Z][\w'’.-]*\s+(?:Stadium|Arena|Oval|Airport|Museum|Cathedral|Velodrome|Racecourse|Speedway|Ballpark)\W*$"
)
# "Who will host the final?" may be answered by a venue.
_HOSTS = re.compile(r"\bhost", re.I)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PERSON_LABELS = frozenset({"PERSON", "ORG", "NORP"})
_WHO = re.compile(r"\bwhom?\b", re.I)
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def _entities(text: str) -> list[tuple[str, str]]:
    doc = parse_one(text)  # None without spaCy: callers fall back to capitalised words
    return [(ent.text, ent.label_) for ent in doc.ents] if doc is not None else []


def _labelled_in_quotes(said: str, quotes: Sequence[Evidence], wanted: frozenset[str] | set[str]) -> bool:
    """A name of ``said`` gets a wanted label in a quote that states it: spaCy labels a bare
    "Marta Sollie" a place ("Marta" GPE) and the same words in "was succeeded by Marta Sollie, a
    former deputy governor" a person; the sentence is the better witness."""
    bare = said.strip(" .").lower()
    for q in quotes:
        if bare and bare in q.text.lower():
            for text, label in _entities(q.text):
                if label in wanted and (text.lower() in bare or bare in text.lower()):
                    return True
    return False


def _new_names(answer: str, question: str) -> list[str]:
    """Capitalised words of the answer (stemmed) that the question does not already hold."""
    asked = term_set(question)
    return [n for n in extract_facts(answer).names if n not in asked]


# The things a "who" question asks about (an award, a race, a film), ending a bare answer.
_THING_HEAD = re.compile(
    r"\b(award|prize|trophy|medal|cup|championship|election|primary|film|movie|series|season|tournament|"
    r"race|festival|summit)s?\W*$",
    re.I,
)


# An award named after someone: "Maxwell Award", "Walter Payton Award", "Nobel Prize".
_NAMED_AWARD = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){1,3})(?:Memorial\s+)?(?:Award|Prize|Trophy|Medal|Cup|Fellowship)s?\b"
)


def _namesake(said: str, question: str) -> str | None:
    """The award the question asks about, when the answer shares its namesake's name: "Brandon
    Maxwell" for "Who won the Maxwell Award?" is a namesake, not its winner."""
    said_words = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", said)}
    for m in _NAMED_AWARD.finditer(question):
        named = {w.lower() for w in m.group(1).split()} - {"the", "who", "what", "which"}
        if said_words & named:
            return m.group(0)
    return None


def _nationality_adjective(said: str) -> bool:
    doc = parse_one(strip_citations(said).strip(" ."))
    return doc is not None and len(doc) == 1 and doc[0].tag_ == "JJ" and doc[0].ent_type_ == "NORP"


_HOW_LONG = re.compile(r"\bhow long\b", re.I)
# "How many votes did she get?" counts votes: "44.2%" of them is a share, not their number
# (unless a share is what is counted: "how many percentage points").
_COUNT_ASKED = re.compile(r"\bhow many\b(?!\s+(?:percent|per cent|percentage|points?)\b)", re.I)
_SHARE_ONLY = re.compile(
    r"(?:about |around |nearly |almost |over |more than )?[\d.,]+\s*(?:%|percent|per cent)", re.I
)
# A duration or a length: "2 hours", "a decade", "12 km"; a bare count ("9,831") is neither.
_LENGTH_UNIT = re.compile(
    r"\b(?:seconds?|minutes?|hours?|hrs?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies)|"
    r"miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|ft|inch(?:es)?|yards?|light-years?)\b",
    re.I,
)


# "How much rain fell?" counts rain: a number from a sentence about evacuees is not of it. The
# words between "how many" and the noun, and the nouns any amount or count stands for (money is
# said by a currency, people by "eleven dead").
_HOW_MANY_NOUN = re.compile(
    r"\bhow (?:much|many)\s+(?:(?:more|fewer|less|new|other|additional|extra|different|separate)\s+)*"
    r"([a-z][a-z-]+)\b",
    re.I,
)
_NOT_COUNTED_TEXT = """did do does is are was were will would could can has have had of in to for more
    money cash funds funding aid people persons individuals times years months weeks days hours
    minutes seconds percent dollars euros pounds yen rupees shillings"""
_NOT_COUNTED = frozenset(_NOT_COUNTED_TEXT.split())


def _counted_noun(question: str) -> str | None:
    match = _HOW_MANY_NOUN.search(question)
    if match is None or match.group(1).lower() in _NOT_COUNTED:
        return None
    return match.group(1).lower()


# How far around a cited sentence the counted noun may be said ("won more medals ..., famously
# winning five" after "four gold medals" answers "How many golds?"): about a sentence each way.
_COUNTED_WINDOW = 200


# Nouns that count the same thing ("How many stories tall?" is answered by "the 101-floor
# building"): each form stands for the others.
_SAME_COUNT = (frozenset({"story", "storey", "floor"}), frozenset({"championship", "title"}))


def counted_reason(
    question: str, kind: AnswerType, quotes: Sequence[Evidence], documents: Mapping[str, str] | None = None
) -> str | None:
    """A count of something ("How much rain fell?") answered by a number no cited sentence, its
    title or the sentences around it tie to that thing ("About 2,400 people were evacuated")."""
    counted = _counted_noun(question) if kind == "number" else None
    if counted is None or not quotes:
        return None
    forms = {counted, counted[:-1] if counted.endswith("s") else counted}
    if counted.endswith("ies"):
        forms.add(counted[:-3] + "y")
    if counted.endswith("es"):
        forms.add(counted[:-2])
    forms |= {other for same in _SAME_COUNT if forms & same for other in same}
    # Some form of it: "bids" -> "bid", "stories" -> "101-story", "rain" -> "rainfall".
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms if len(f) >= 3) + r")", re.I)
    for q in quotes:
        around = (documents or {}).get(q.doc_id, "")[
            max(0, q.start - _COUNTED_WINDOW) : q.end + _COUNTED_WINDOW
        ]
        if pattern.search(f"{q.title} {q.text} {around}"):
            return None
    return f"a question counting '{counted}' got a number no cited sentence ties to {counted}"


def _said_length(text: str) -> bool:
    return bool(_LENGTH_UNIT.search(text)) or bool(find_dates(text))


# Questions a publish date may answer: when something was said, announced or reported.
_PUBLISH_DATED_Q = re.compile(
    r"\b(?:announc|unveil|reveal|declar|confirm|report|publish|post|sa(?:y|id)|state|tweet|issu)\w*",
    re.I,
)


def _says_publish_act(question: str, quotes: Sequence[Evidence]) -> bool:
    """The question asks when something was said or announced (its date may be the report's) and
    a cited sentence says that act: "The union said the strike was over" dates the saying, but
    "The outbreak reached 268 cases, the health office said" under a June dateline declared no
    outbreak that day."""
    if not _PUBLISH_DATED_Q.search(question):
        return False
    prefixes = relation_prefixes(question)
    if prefixes is None:
        return True  # a light verb ("When was it made public?"): no act to look for
    for q in quotes:
        doc = parse_one(q.text)
        if doc is None:  # no parser: the words alone
            if any(says_word(w, prefixes) for w in re.findall(r"[A-Za-z]+", q.text)):
                return True
            continue
        # The act as a verb, not a modifier ("268 confirmed cases" confirms nothing).
        if any(t.pos_ in ("VERB", "NOUN") and t.dep_ != "amod" and says_word(t.text, prefixes) for t in doc):
            return True
    return False


# The model's reply said no answer of the kind asked: the pipeline may read one (``assistant.reading``).
REPEATS_QUESTION = "the answer only repeats the question"
NO_DATE = "a 'when' question got no date"
PUBLISH_DATE_ONLY = "the only date behind the answer is the publish date, not the event's"

# Words that let a "what" question be answered with a date ("What is the premiere date?").
_ASKS_TIME = re.compile(r"\b(?:when|date|day|days|year|month|week|time|deadline|period|season|era)\b", re.I)


def type_reason(
    kind: AnswerType, answer: str, short: str, question: str, quotes: Sequence[Evidence]
) -> str | None:
    """The answer is of the kind the question asks for (checked on the short answer first)."""
    said = short or strip_citations(answer)
    said_terms = term_set(said)
    if said_terms and said_terms <= term_set(question):
        return REPEATS_QUESTION
    if (
        kind in ("other", "place", "person")
        and short
        and only_date(short)
        and not _ASKS_TIME.search(question)
    ):
        # "What started the fire in 2022?" -> "August": the model kept the cited sentence's date.
        return "a question that asks no time got only a date"
    if kind == "date":
        if not find_dates(said) and not find_dates(strip_citations(answer)):
            return NO_DATE
        if not text_dates(quotes) or (
            not _says_publish_act(question, quotes) and not text_states_date(said, quotes)
        ):
            return PUBLISH_DATE_ONLY
        return None
    if kind == "number":
        # A year is a date, not a count ("How many members?" -> "2025" is no answer).
        if not extract_facts(said).numbers and not extract_facts(strip_citations(answer)).numbers:
            return "a 'how many' question got no number"
        if _COUNT_ASKED.search(question) and _SHARE_ONLY.fullmatch(said.strip(" .")):
            return f"a 'how many' question got a share ({said.strip(' .')}), not a count"
        if (
            _HOW_LONG.search(question)
            and not _said_length(said)
            and not _said_length(strip_citations(answer))
        ):
            return "a 'how long' question got no duration or length"
        return None
    if kind == "place" and (building := BUILDING_QUESTION.search(question)) and city_or_country(said):
        return f"a 'which {building.group(1).lower()}' question got a city or country"
    if kind in ("place", "person"):
        word = "where" if kind == "place" else "who"
        if not _new_names(said, question) and not _new_names(strip_citations(answer), question):
            return f"a '{word}' question got no name beyond its own words"
        if kind == "person" and short and not re.search(r"[A-Z]", short):
            # "Who took over from her?" -> "outbreak inquiry": the reply names people ("Former
            # health minister Helena Brask"), its bare answer none.
            return f"a 'who' question got no name ('{short}')"
        if kind == "person" and any(
            (place := dateline_place(q.text)) and place.lower() == said.strip(" .").lower() for q in quotes
        ):
            # "TALLISFORD, June 25 – The inquiry ... the head of the institute": the wire's dateline
            # is where the story was filed, never who.
            return "a 'who' question got the dateline's place"
        if kind == "person" and _nationality_adjective(said):
            return "a 'who' question got an adjective ('Democratic', 'French'), not who"
        if kind == "person" and (award := _namesake(said, question)):
            return f"a 'who' question got the namesake of the {award} it asks about"
        if (
            kind == "person"
            and _WHO.search(question)
            and _VENUE_NAME.search(said)
            and not _HOSTS.search(question)
        ):
            # spaCy calls a bare "Saltbridge Arena" a person; its last word says it is a place.
            return "a 'who' question got a venue, not who"
        if (
            kind == "person"
            and (head := _THING_HEAD.search(said))
            and head.group(1).lower() in question.lower()
        ):
            # "Who won the Walter Camp Award?" -> "Walter Camp Golden Arm Award": an award named,
            # not who won it.
            return f"a 'who' question got the {head.group(1).lower()} it asks about"
        # The entity kind asked for, named in the bare answer. spaCy is unsure of a bare name
        # ("Disney" gets no label): only labels of another kind alone ("2020", "United States"
        # for "who won?") say the answer is of the wrong kind.
        wanted = _PLACE_LABELS | _NAME_LABELS if kind == "place" else _PERSON_LABELS
        if kind == "person" and not _WHO.search(question):
            wanted = wanted | {"GPE", "FAC", "PRODUCT"}  # "which company": spaCy calls some firms places
        asked = term_set(question)
        ents = [(text, label) for text, label in _entities(said) if not term_set(text) <= asked]
        if (
            ents
            and not any(label in wanted for _, label in ents)
            and not winner_named(said, question, quotes)
            and not (short and _labelled_in_quotes(short, quotes, wanted))
            and not (kind == "person" and _INSTITUTION.search(said))
        ):
            return f"a '{word}' question got no {'place' if kind == 'place' else 'person or organisation'}"
        return None
    return None


# A place's institution is an organisation ("Leeds municipality", "the Ostmere council"),
# though spaCy labels only the place in it.
_INSTITUTION = re.compile(
    r"\b(?:municipality|council|government|authorities|administration|police|ministry|parliament"
    r"|assembly|senate|regulator|agency|commission)\b",
    re.I,
)


# Words that place a question in time or frame it, not what it is about.
_FRAME_WORDS = frozenset(
    term_set(
        """week weeks year years month months day days today recently recent current currently latest
        new first last time times according report reports news type kind part name called"""
    )
)


def topic_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """The cited sentences (with their articles' titles) share no content word with the question:
    "Which celestial display was visible ...?" answered from "Astronauts leave quarantine"."""
    asked = {w for w in term_set(question) if w not in _FRAME_WORDS and not w.isdigit()}
    if not quotes or not asked:
        return None
    have = set().union(*(term_set(f"{q.title} {q.text}") for q in quotes))
    # Word families count ("presidential" / "president"), as in evidence scoring.
    if lexical_coverage(dict.fromkeys(asked, 1.0), have) > 0:
        return None
    return "the cited sentences share nothing with the question"


def _relation_check(
    question: str,
    kind: AnswerType,
    said: str,
    quotes: Sequence[Evidence],
    holding: Sequence[Evidence] | None = None,
) -> str | None:
    """The relation check; for a count or amount, on the sentences that hold the number, without
    their titles: the number must be the one the question's verb is about; for a decisive verb
    ("won"), on ``holding``, the sentences that state the bare answer (None: no bare answer)."""
    if kind == "number" and (numbers := extract_facts(strip_citations(said)).numbers):
        with_number = [q for q in quotes if numbers & extract_facts(q.text).numbers]
        if with_number:
            # Strict: an object the sentence shares ("at the terminal") is not the verb ("cut").
            return relation_reason(question, with_number, titles=False, strict=True)
    if holding is not None and asks_decisive_relation(question):
        # The sentence naming the answer must say the relation itself: "Teyana Taylor took home
        # the Golden Globe" cited beside "Mosaku won the BAFTA, a pointer for the Oscars" does not
        # say who won the most Oscars.
        return relation_reason(question, holding)
    if holding is not None and kind == "person":
        # So for any person, and without its article's title ("Measles inquiry opens hearings"):
        # "Dr Jakob Farr described the first weeks" cited beside "the head of the institute told
        # the inquiry" does not say who leads it.
        return relation_reason(question, holding, titles=False, reworded=False) or relation_reason(
            question, quotes
        )
    return relation_reason(question, quotes)


def _holding_answer(short: str, quotes: Sequence[Evidence]) -> Sequence[Evidence]:
    """The cited sentences that state the bare answer (all of them when none does alone): where
    the question places the thing asked must be said where its answer is, not in a sentence
    cited beside it ("moved to Antwerp" beside "the Rotterdam strike ended on Friday")."""
    holding = [q for q in quotes if short and short_answer_supported(short, [q])]
    return holding or quotes


def unanswered_reason(
    question: str,
    kind: AnswerType,
    answer: str,
    short: str,
    quotes: Sequence[Evidence],
    documents: Mapping[str, str] | None = None,
    *,
    asked: str | None = None,
) -> str | None:
    """The first reason the checked answer does not answer the question, or None
    (``documents``, doc_id -> text, lets the year check read a cited sentence's passage).
    ``asked``: the asker's own words, when ``question`` carries a day the sources gave it
    (``role_clock.on_clause_day``): the year check holds the sources to the asker's years only,
    since a year read off the reports' own clock cannot contradict them."""
    holding = _holding_answer(short, quotes)
    return (
        type_reason(kind, answer, short, question, quotes)
        or counted_reason(question, kind, quotes, documents)
        or (tense_reason(question, quotes, short) if kind != "number" else None)
        or planned_reason(question, answer, quotes)
        or original_plan_reason(question, short or answer, holding)
        or year_reason(question if asked is None else asked, quotes, documents)
        or (day_reason(question, quotes) if kind != "date" else None)
        or (part_date_reason(question, short, holding) if kind == "date" else None)
        or (date_verb_reason(question, short, holding) if kind == "date" else None)
        or (span_day_reason(question, short, holding) if kind == "date" else None)
        or (planned_date_reason(question, short, holding) if kind == "date" else None)
        or (planned_place_reason(question, short, holding) if kind == "place" else None)
        or _relation_check(question, kind, short or answer, quotes, holding if short else None)
        or (part_amount_reason(question, short, [q.text for q in holding]) if kind == "number" else None)
        or (money_count_reason(question, short, [q.text for q in holding]) if kind == "number" else None)
        or measure_reason(question, short, [q.text for q in holding])
        or (per_unit_reason(question, short) if kind == "number" else None)
        or (placed_count_reason(question, holding) if kind == "number" else None)
        or (counted_kind_reason(question, holding) if kind == "number" else None)
        or quarter_reason(question, holding)
        or title_reason(question, quotes, documents)
        or outcome_reason(question, quotes)
        or finding_reason(question, quotes)
        or unknown_reason(question, short, holding)
        or first_reason(question, short, holding)
        or next_reason(question, holding)
        or choice_reason(question, answer)
        or loser_reason(question, short, quotes)
        or agent_reason(question, kind, short, holding)
        or other_doer_reason(question, holding)
        or (swapped_reason(question, answer) if kind in ("person", "other") else None)
        or leader_reason(question, short, answer)
        or anchor_reason(question, kind, quotes, documents)
        or subject_reason(question, quotes, documents)
        or city_reason(question, holding)
        or doers_place_reason(kind, short, holding, question)
        or stage_reason(question, holding, documents)
        or qualifier_reason(question, kind, quotes)
        or role_reason(question, kind, holding)
        or departed_reason(question, kind, short, holding)
        or (left_before_reason(question, short, holding) if kind == "person" else None)
        or (holder_kind_reason(question, short) if kind == "person" else None)
        or gender_reason(question, holding, documents)
        or division_reason(question, holding)
        or cut_reason(short, holding)
        or region_reason(question, short)
        or superlative_reason(question, quotes)
        or topic_reason(question, quotes)
    )
