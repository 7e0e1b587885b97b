"""Is the answer the one who did what the question asks? ("Which member of the government toured
Lenfeld?" is not answered by "Katrin Aalund" from "Aalund visited the evacuation centre in
Dunhollow on Tuesday, four days after her deputy, Jonas Vell, toured Lenfeld.")

The citation check finds the answer's name in the sentence and the relation check finds the act
("visited", "toured"); neither reads who did the act to the thing the question names. spaCy's
parse does: the verb saying the act whose clause holds the question's named thing has a subject
(or a passive agent, or the noun a relative clause hangs from), and the answer must be in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.citations import strip_citations
from assistant.evidence import stem
from assistant.relation import relation_prefixes, says_word
from assistant.types import Evidence
from ingest.dates import CALENDAR_WORDS
from ingest.events import without_dateline
from ingest.nlp import first_read, parse_one
from ingest.places import DEMONYMS, countries_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_RELATIVE = frozenset({"who", "which", "that", "whom"})
_NAME = re.compile(r"\b[A-Z][\w'’-]+")


def _names(text: str, skip: set[str]) -> set[str]:
    """Capitalised words of ``text`` (lower-cased) not in ``skip``, months and weekdays aside."""
    return {w.lower() for w in _NAME.findall(text)} - skip - CALENDAR_WORDS


def _doer(verb: Token) -> str:
    """The text of who does the verb's act: its subject (through a relative pronoun, the noun the
    clause hangs from) or a passive's agent."""
    for child in verb.children:
        if child.dep_ == "agent":
            return " ".join(t.text for t in child.subtree)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                head = verb.head
                return " ".join(t.text for t in head.subtree if t.i < verb.i or t.i == head.i)
            return " ".join(t.text for t in child.subtree)
    # An infinitive or a conjoined verb without a subject of its own is done by its governor's
    # ("Andreescu defeated Williams ... to win the title", "won the stage and took the lead").
    if (
        verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.i != verb.i
    ):
        return _doer(verb.head)
    return ""


# Clauses of their own under a verb: what they name is not the verb's ("visited X, four days
# after her deputy toured Lenfeld": Lenfeld is not what was visited).
_OWN_CLAUSES = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "csubj", "acl"})


def _own_clause_after(verb: Token) -> str:
    """The words after the verb in its own clause (objects, places), nested clauses left out."""
    words: list[str] = []
    stack = [c for c in verb.children if c.i > verb.i]
    while stack:
        token = stack.pop()
        if token.dep_ in _OWN_CLAUSES and token.pos_ in ("VERB", "AUX"):
            continue
        words.append(token.text)
        stack.extend(token.children)
    return " ".join(words)


def _asks_the_doer(question: str, prefixes: set[str]) -> bool:
    """The question's wh-word is the subject of its act ("Who toured Lenfeld?", "Which minister
    toured it?"), not its object ("Who did Singh meet?")."""
    doc = parse_one(question)
    if doc is None:
        return False
    for verb in doc:
        if verb.pos_ == "VERB" and says_word(verb.text, prefixes):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            return any(t.lower_ in ("who", "which", "what") for s in subjects for t in s.subtree)
    return False


OTHER_DOER = "the cited sentence gives the act the question asks about to someone else"


def _parse_quote(text: str) -> Doc | None:
    """A quote's parse without its wire dateline: the parser reads "BERLIN (AP) —" or
    "MOMBASA (Coastal Wire) -" as the sentence's subject, and so as the doer of its act."""
    return parse_one(without_dateline(text))


def agent_reason(question: str, kind: str, short: str, holding: Sequence[Evidence]) -> str | None:
    """A who-question about an act done to a named thing ("toured Lenfeld"), answered with a
    name that is not the doer of that act in any sentence holding it: the sentence gives the act
    to someone else. None when no sentence says the act with the thing (other checks' case), or
    the parse is unavailable."""
    if kind not in ("person", "other") or not holding or not short.strip():
        return None
    prefixes = relation_prefixes(question)
    if not prefixes or not _asks_the_doer(question, prefixes):
        return None
    first = question.split()[0].lower() if question.split() else ""
    asked_names = _names(question, {first})
    answer_names = _names(short, asked_names)
    if not asked_names or not answer_names:
        return None
    for quote in holding:
        doc = _parse_quote(quote.text)
        if doc is None:
            return None
        # A doer the parse does not find ("") is no one else.
        doers = [
            doer
            for t in doc
            if t.pos_ == "VERB"
            and says_word(t.text, prefixes)
            and asked_names & _names(_own_clause_after(t), set())
            and (doer := _doer(t))
        ]
        if not doers or any(answer_names & _names(d, set()) for d in doers):
            return None
    return OTHER_DOER


# Acts done with someone rather than to them: "Marr met Holm" also says Holm met Marr.
_MUTUAL = ("meet", "met", "talk", "spoke", "speak", "discuss", "negotiat", "face", "play", "marr",
           "agree", "sign", "clash", "fight", "fought", "compet", "partner", "merg", "tie", "draw", "drew")  # fmt: skip


def swapped_reason(question: str, answer: str) -> str | None:
    """A who-question about an act done to someone the question names ("Who replaced Ivo Marr?")
    answered by a sentence in which that person does the act ("Ivo Marr replaced Stena Holm"):
    the answer is to another question. Acts done with someone ("met") are mutual and pass."""
    prefixes = relation_prefixes(question)
    if not prefixes or not _asks_the_doer(question, prefixes):
        return None
    first = question.split()[0].lower() if question.split() else ""
    asked_names = _names(question, {first})
    doc = parse_one(strip_citations(answer)) if asked_names else None
    if doc is None:
        return None
    for verb in doc:
        if verb.pos_ != "VERB" or not says_word(verb.text, prefixes) or verb.lower_.startswith(_MUTUAL):
            continue
        if any(c.dep_ == "agent" for c in verb.children):
            continue  # "Marr was replaced by Holm": the passive's agent is the doer
        doer = _names(_doer(verb), set())
        if doer and doer <= asked_names and _names(_own_clause_after(verb), asked_names):
            return f"the answer says {_doer(verb)} did what the question asks was done to them"
    return None


def doer_in(question: str, items: Sequence[Evidence]) -> tuple[Evidence, str] | None:
    """For "Who toured Lenfeld?": the best-ranked evidence sentence saying the act with the
    question's named thing, and the one person (or organisation) its doer names ("four days
    after her deputy, Jonas Vell, toured Lenfeld" -> Jonas Vell). The small model may give the
    act to the sentence's main subject; the parse gives it to its doer. None when no sentence
    does, or a doer names several."""
    prefixes = relation_prefixes(question)
    if not prefixes or not _asks_the_doer(question, prefixes):
        return None
    first = question.split()[0].lower() if question.split() else ""
    asked_names = _names(question, {first})
    if not asked_names:
        return None

    def doer_of(doc: Doc) -> str | None:
        for verb in doc:
            if verb.pos_ != "VERB" or not says_word(verb.text, prefixes):
                continue
            if not asked_names & _names(_own_clause_after(verb), set()):
                continue
            doer = _doer(verb)
            named = [e.text for e in doc.ents if e.label_ in ("PERSON", "ORG") and e.text in doer]
            named = [n for n in dict.fromkeys(named) if not _names(n, set()) <= asked_names]
            if len(named) == 1:
                return named[0]
        return None

    return first_read(items, doer_of, without_dateline)


# Verbs too light to say who did a thing ("is", "has", "said"), by stem.
_LIGHT_TEXT = "be is are was were has have had do did say said tell told get make go take give"
_LIGHT_VERBS = frozenset(stem(w) for w in _LIGHT_TEXT.split())
# A doer's people by their adjective; "American" (left out of DEMONYMS for the Americas) is a
# doer's country here: "American forces" did what "the US military" did.
_DOER_DEMONYMS = {**DEMONYMS, "American": "United States"}
_WITH = frozenset({"with", "alongside"})
_ASKED_WORDS = frozenset({"what", "which", "that", "whom", "who"})
# "On what date did X ...?", "On what grounds ...?": the time or reason of the act is asked.
_WHEN_WORDS = frozenset({"date", "day", "days", "year", "month", "time", "week", "grounds", "basis"})
# Titles name no one in particular: "then-President Ronald Reagan" is not "President Trump".
_TITLE_TEXT = "president vice prime minister king queen prince chancellor governor senator secretary chief mr mrs ms dr sir"
_TITLES = frozenset(_TITLE_TEXT.split())


def _doer_names(text: str) -> set[str]:
    """The capitalised words of a doer, dots dropped ("U.S." -> "us"), with the initials of its
    capitalised run ("United States" -> "us") so an abbreviation meets its full name, and the
    countries it names ("US", "American" -> "united states")."""
    plain = text.replace(".", "")
    names = _names(plain, {"the"}) - _TITLES
    initials = "".join(w[0] for w in _NAME.findall(plain) if w.lower() != "the").lower()
    countries = {c for _, c in countries_in(text)} | {
        _DOER_DEMONYMS[w] for w in _NAME.findall(text) if w in _DOER_DEMONYMS
    }
    return names | ({initials} if len(initials) > 1 else set()) | {c.lower() for c in countries}


def _named_doers(question: str) -> list[tuple[str, set[str]]]:
    """The question's acts done by someone it names, asking for the thing done: "the
    organization that President Donald Trump created" -> [("creat", {"donald", "trump", "pdt"})],
    the act by its stem. An act whose subject is the wh-word asks the doer (``agent_reason``)."""
    doc = parse_one(question)
    if doc is None:
        return []
    acts = []
    for verb in doc:
        # An act done with someone ("Who did Singh meet?") is said by either side.
        if verb.pos_ != "VERB" or stem(verb.text) in _LIGHT_VERBS or verb.lower_.startswith(_MUTUAL):
            continue
        if any(c.dep_ == "auxpass" for c in verb.children):
            continue  # "Where was Ivo Marr captured?": the subject is done to, not the doer
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        text = " ".join(t.text for s in subjects for t in s.subtree)
        if not subjects or any(t.lower_ in ("who", "which", "what") for s in subjects for t in s.subtree):
            continue
        # The thing asked is what the act is done to or with ("the organization that ... created",
        # "Which candidate did Kun endorse?", "operations with which country?"); a question
        # asking when or how much of the act leaves its doer to the other checks.
        asked = [
            c for c in verb.children if c.dep_ in ("dobj", "dative", "prep", "attr")
            and any(t.lower_ in _ASKED_WORDS for t in c.subtree)
            and not any(t.lower_ in _WHEN_WORDS for t in c.subtree)
        ]  # fmt: skip
        names = _doer_names(text)
        if asked and names and any(t.pos_ == "PROPN" for s in subjects for t in s.subtree):
            acts.append((stem(verb.text), names))
    return acts


def _partners(verb: Token) -> str:
    """Who the verb's act is done with, in its own clause: "with US forces" in "conducted joint
    patrols with US forces", "with U.S. help"."""
    found = []
    for token in verb.subtree:
        if token.lower_ not in _WITH:
            continue
        head = token.head
        while head != verb and head.pos_ not in ("VERB", "AUX") and head.head != head:
            head = head.head
        if head == verb:
            found.append(" ".join(t.text for t in token.subtree))
    return " ".join(found)


def other_doer_reason(question: str, holding: Sequence[Evidence]) -> str | None:
    """A question about what someone it names did ("the organization that President Donald
    Trump created") answered by sentences that give that act to someone else ("The U.S.
    Institute of Peace was created by Congress in 1984"). None when a holding sentence gives the
    act to the question's doer, to no name ("it was created in 1984", "the administration
    created"), or says no such act (other checks' case)."""
    acts = _named_doers(question) if holding else []
    if not acts:
        return None
    others = []
    for quote in holding:
        doc = _parse_quote(quote.text)
        if doc is None:
            return None
        doers = [
            (names, _doer(verb), _partners(verb))
            for verb in doc
            if verb.pos_ == "VERB"
            for act, names in acts
            if stem(verb.text) == act
        ]
        if not doers:
            return None
        for names, doer, partner in doers:
            found = _doer_names(doer)
            # "Ecuador's navy conducted patrols with US forces": done with the question's doer.
            if not found or found & names or _doer_names(partner) & names:
                return None
            others.append(re.sub(r"^by\s+", "", doer))
    return f"the cited sentences say {others[0]} did it, not the one the question names"


# Bodies a person leads: "Who leads the union?" asks for a person, not the union's name.
_BODY = (
    r"union|company|firm|group|party|regulator|authority|agency|ministry|department|board|council|"
    r"committee|commission|association|federation|office|service|bank|court|operator|airline|club"
)
_LEADER_Q = re.compile(
    r"^\s*who\s+(?:leads|led|heads|headed|chairs|chaired|runs|ran|directs|directed|is\s+in\s+charge\s+of|"
    r"(?:is|was)\s+(?:the\s+)?(?:leader|head|chair|chairman|chairwoman|chief|boss|director)\s+of)\b"
    rf"[^?]*?\b(?:{_BODY})\b",
    re.I,
)
_BODY_NAME = re.compile(
    rf"\b(?:{_BODY}|holdings|ltd|inc|corp(?:oration)?|plc|institute|organi[sz]ation)s?\W*$", re.I
)


# "Which judge gave the ruling?": a person asked by what they are; not "which member state".
_WHICH_PERSON_Q = re.compile(
    r"^\s*(?:which|what)\s+(?:[a-z-]+\s+)?(judge|justice|minister|official|lawyer|prosecutor|doctor|"
    r"officer|executive|director|spokes(?:man|woman|person)|mayor|governor|senator|lawmaker|politician|"
    r"candidate|player|coach|manager|leader|member|person|man|woman)\b"
    r"(?!\s+(?:state|states|country|countries|body|bodies|group|groups|party|parties|company|companies))",
    re.I,
)


def leader_reason(question: str, short: str, answer: str = "") -> str | None:
    """ "Who leads the union that called them out?" answered with the union's own name: a body's
    leader is a person, the answer names a body (its last word: "Workers' Union", or the word
    after it in the ``answer``: "Rail" from "is the Rail union"). So with a person asked by what
    they are: "Which judge gave the ruling?" is not answered by "the Administrative Court"."""
    named = short.strip()
    said = re.search(rf"{re.escape(named)}\s+[\w'’]+", strip_citations(answer)) if named else None
    if not _BODY_NAME.search(named) and not (said and _BODY_NAME.search(said.group(0))):
        return None
    if _LEADER_Q.search(question):
        return "a question about who leads a body got the name of a body, not its leader"
    asked = _WHICH_PERSON_Q.search(question)
    if asked:
        return f"the question asks which {asked.group(1).lower()}, a person; the answer names a body"
    return None
