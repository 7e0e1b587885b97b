"""Reading one parsed event sentence: tense, status, a short "what", venue and participants.

Heuristics over spaCy's dependency parse and entities (no model ships offline that does event
extraction). Each looks at the clause the event's date belongs to, not the whole sentence:
"The upcoming talks follow their earlier dialogue on July 6" is about a past dialogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc, Span, Token

from assistant.types import EventStatus
from ingest.dates import DateSpan, Tense

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "would"})
# "is set to meet", "scheduled to visit", "expected to sign": the xcomp verb is in the future.
# Words that put their complement ahead: "is set to", "expected to", and the wishes, said in
# any tense ("hoped to reopen on May 22" in a May 4 report is a May 22 to come).
_FUTURE_HEADS = frozenset({"set", "scheduled", "expected", "due", "slated", "planned", "plans", "plan", "planning",
                           "going", "poised", "likely", "intends", "intend", "intended", "intending",
                           "aims", "aim", "aimed", "aiming", "hopes", "hope", "hoped", "hoping",
                           "wants", "want", "wanted"})  # fmt: skip
_FUTURE_MODIFIERS = frozenset(
    {"upcoming", "forthcoming", "next", "planned", "scheduled", "proposed", "coming"}
)
_PAST_MODIFIERS = frozenset({"earlier", "previous", "last", "recent", "past", "former", "prior"})
_PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "’ve"})
FUTURE_WORDING = re.compile(
    r"\b(will|shall|is set to|are set to|set to|scheduled|is expected to|are expected to|is due to|are due to|"
    r"plans to|planning to|upcoming|forthcoming|to be held|slated|will be)\b",
    re.I,
)
ANNOUNCE_WORDING = re.compile(
    r"\b(announc\w*|unveil\w*|declared|confirmed|said it would|said they would)\b", re.I
)
_DROP_DEPS = frozenset(
    {"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "punct", "cc", "mark", "meta"}
)
_LEADING_DROP = frozenset({"DET", "PRON", "CCONJ", "ADP", "PUNCT", "SCONJ", "PART"})
MAX_WHAT_WORDS = 14
# "Friday afternoon", "the 2017 season": the date's noun is itself a time, not the event.
_TIME_NOUNS = frozenset(
    [
        "morning",
        "afternoon",
        "evening",
        "night",
        "day",
        "week",
        "weekend",
        "month",
        "year",
        "season",
        "time",
        "period",
        "quarter",
        "date",
        "deadline",
        "hours",
    ]
)
_JOINERS = frozenset({"-", "–", "’", "'"})


def date_tokens(sent: Doc | Span, span: DateSpan, offset: int = 0) -> list[Token]:
    """Tokens of ``sent`` covering the date's characters (``offset``: the sentence's start in them)."""
    start, end = span.char_start - offset, span.char_end - offset
    return [t for t in sent if t.idx - sent[0].idx < end and t.idx - sent[0].idx + len(t) > start]


def _date_root(tokens: list[Token]) -> Token | None:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0] if tokens else None


def anchor_of(sent: Doc | Span, tokens: list[Token]) -> Token:
    """The word the date belongs to: its verb, or an event noun ("the May 2025 visit")."""
    root = _date_root(tokens)
    if root is None:
        return _sent_root(sent)
    ids = {t.i for t in tokens}
    node = root.head
    while node.i != node.head.i and (
        node.i in ids or node.pos_ in ("ADP", "NUM", "DET", "PUNCT", "CCONJ", "PART")
    ):
        node = node.head
    if node.i in ids:
        return _sent_root(sent)
    return node


def _sent_root(sent: Doc | Span) -> Token:
    for t in sent:
        if t.dep_ == "ROOT":
            return t
    return sent[0]


def head_chain(token: Token) -> list[Token]:
    """``token`` and its heads up to the first verb or auxiliary (last in the list), or up to the
    root when no verb governs it. The one walk the event rules and the date-verb check share.
    (Compare tokens by ``.i``: spaCy's ``is`` between tokens is never true.)"""
    chain = [token]
    while chain[-1].pos_ not in ("VERB", "AUX") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _verb_of(token: Token) -> Token | None:
    """The verb a word hangs from within eight steps (a longer walk leaves its clause)."""
    chain = head_chain(token)
    return chain[-1] if len(chain) <= 8 and chain[-1].pos_ in ("VERB", "AUX") else None


def local_tense(anchor: Token) -> Tense:
    """Tense of the clause the date belongs to (see the module docstring)."""
    if anchor.pos_ in ("NOUN", "PROPN"):
        mods = {c.lower_ for c in anchor.children if c.dep_ in ("amod", "advmod", "compound")}
        if mods & _FUTURE_MODIFIERS:
            return "future"
        if mods & _PAST_MODIFIERS:
            return "past"
    verb = _verb_of(anchor)
    if verb is None:
        return "unknown"
    chain = [verb]
    while (
        chain[-1].dep_ in ("xcomp", "conj", "auxpass") and chain[-1].head.i != chain[-1].i and len(chain) < 5
    ):
        chain.append(chain[-1].head)
    for v in chain:
        auxes = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        if auxes & _FUTURE_AUX:
            return "future"
        if v is not verb and v.lower_ in _FUTURE_HEADS:
            return "future"
        if v.tag_ == "VBD" or (v.tag_ == "VBN" and auxes & (_PERFECT_AUX | {"was", "were"})):
            return "past"
        if v.lower_ in _FUTURE_HEADS and v.tag_ in ("VBN", "JJ", "VBZ", "VBP") and verb is not v:
            return "future"
    if verb.lower_ in _FUTURE_HEADS and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    return "unknown"


def detect_status(span: DateSpan, base: date | None, tense: Tense, sentence: str) -> EventStatus:
    """scheduled / announced / happened, from the date against the published date, then wording."""
    future_words = FUTURE_WORDING.search(sentence) is not None
    announce_words = ANNOUNCE_WORDING.search(sentence) is not None
    if base is not None:
        if span.start > base:
            return "scheduled"
        if span.end < base:
            # "announced on Monday that it will ...": the date is the announcement's.
            return "announced" if announce_words and future_words and tense != "future" else "happened"
    if tense == "future" or (future_words and tense != "past"):
        return "scheduled"
    if announce_words:
        return "announced"
    return "happened"


# -- "what" ---------------------------------------------------------------------------------
def _render(tokens: Iterable[Token]) -> str:
    ordered = sorted(set(tokens), key=lambda t: t.i)
    while ordered and (ordered[0].pos_ in _LEADING_DROP or ordered[0].dep_ in ("det", "poss", "case")):
        ordered = ordered[1:]
    while ordered and ordered[-1].pos_ in ("PUNCT", "CCONJ", "ADP", "DET", "PART", "SCONJ"):
        ordered = ordered[:-1]
    if not ordered:
        return ""
    parts: list[str] = []
    for tok, nxt in zip(ordered, [*ordered[1:], None], strict=True):
        parts.append(tok.text)
        if nxt is not None:  # keep the text's own spacing between neighbours ("all-party")
            parts.append(tok.whitespace_ if nxt.i == tok.i + 1 else " ")
    return re.sub(r"\s+", " ", "".join(parts)).strip(" ,;:-–—")


def _phrase(head: Token, skip: set[int], max_tokens: int = 8, keep_preps: int = 0) -> list[Token]:
    """A compact phrase for ``head``: its subtree minus clauses, parentheses and dates."""
    out: list[Token] = []
    preps = 0

    def walk(tok: Token) -> None:
        nonlocal preps
        out.append(tok)
        for child in tok.children:
            if child.i in skip or child.text in "()[]":
                continue
            if child.dep_ in _DROP_DEPS and not (child.dep_ == "punct" and child.text in _JOINERS):
                continue
            if child.dep_ == "prep":
                if preps >= keep_preps or any(t.i in skip for t in child.subtree):
                    continue
                preps += 1
            walk(child)

    walk(head)
    inside = _parenthesised(head)
    out = [t for t in out if t.i not in inside]
    if len(out) > max_tokens:  # keep the words nearest the head, and whole names
        kept = sorted(out, key=lambda t: abs(t.i - head.i))[:max_tokens]
        ids = {t.i for t in out}
        out = list({t.i: t for k in kept for t in _entity_of(k) if t.i in ids}.values())
    return out


def _entity_of(tok: Token) -> list[Token]:
    """The tokens of the entity ``tok`` is in ("Rio de Janeiro"), or just ``tok``."""
    if tok.ent_iob_ not in ("B", "I"):
        return [tok]
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _parenthesised(head: Token) -> set[int]:
    inside: set[int] = set()
    depth = 0
    for t in head.subtree:
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth = max(0, depth - 1)
            inside.add(t.i)
        if depth:
            inside.add(t.i)
    return inside


def _people_phrase(head: Token) -> list[Token] | None:
    """ "Russian Foreign Minister Sergey Lavrov" -> "Sergey Lavrov" (names beat titles)."""
    names = [t for t in head.subtree if t.ent_type_ == "PERSON"]
    if not names:
        return None
    conj = [t for t in head.subtree if t.dep_ == "cc" and t.head.i in {n.i for n in names} | {head.i}]
    return names + conj[:1]


def condense(sent: Doc | Span, anchor: Token, skip: set[int]) -> str:
    """A short "what": subject + verb (+ object + one phrase), or the event noun's phrase."""
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ != "ROOT" and anchor.lower_ not in _TIME_NOUNS:
        text = _render(_phrase(anchor, skip, MAX_WHAT_WORDS, keep_preps=2))
        if len(text.split()) >= 2 or _verb_of(anchor) is None:
            return text
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else (_verb_of(anchor) or _sent_root(sent))
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and len(chain) < 4:
        chain.append(chain[-1].head)
    tokens: list[Token] = []
    for v in chain:
        tokens.append(v)
        tokens.extend(c for c in v.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i not in skip)
    subject: list[Token] = []
    for v in chain:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            subject = _people_phrase(subj) or _phrase(subj, skip, 6)
            break
    if not subject and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = _phrase(verb.head, skip | {verb.i}, 5)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "dative", "oprd", "acomp")), None)
    obj_tokens = (_people_phrase(obj) or _phrase(obj, skip, 6)) if obj is not None else []
    preps = [
        c for c in verb.children if c.dep_ in ("prep", "agent") and not any(t.i in skip for t in c.subtree)
    ]
    preps.sort(key=lambda p: 0 if any(t.ent_type_ in ("EVENT", "ORG", "FAC") for t in p.subtree) else 1)
    prep_tokens = _phrase(preps[0], skip, 7, keep_preps=1) if preps else []
    words = subject + tokens + obj_tokens
    if len(words) + len(prep_tokens) <= MAX_WHAT_WORDS:
        words += prep_tokens
    return _render(words)


# -- participants ----------------------------------------------------------------------------
def clean_person(text: str) -> str:
    text = re.sub(r"(?:'s|’s|')$", "", text.strip()).strip(" ,.;:")
    return re.sub(r"\s+", " ", text)


def surname_key(name: str) -> str:
    return name.split()[-1].lower().strip(".") if name.split() else ""


def people_in(sent: Doc | Span, known: dict[str, str]) -> list[str]:
    """Canonical names of the people in the sentence: PERSON entities, plus known surnames that
    spaCy tagged as something else ("Lavrov" as ORG)."""
    out: list[str] = []
    for ent in sent.ents:
        if ent.label_ == "PERSON":
            name = clean_person(ent.text)
            out.append(known.get(surname_key(name), name))
    for tok in sent:
        if tok.is_title and tok.ent_type_ != "PERSON" and tok.lower_ in known:
            out.append(known[tok.lower_])
    return list(dict.fromkeys(n for n in out if is_plausible_person(n)))


# spaCy's small model tags some organisations and places as PERSON.
_NOT_PERSON_WORDS = frozenset(
    [
        "county",
        "patrol",
        "capitol",
        "department",
        "party",
        "university",
        "police",
        "council",
        "court",
        "committee",
        "street",
        "avenue",
        "inc",
        "corp",
        "agency",
        "administration",
        "association",
        "city",
        "state",
        "republic",
        "bank",
        "group",
        "news",
        "times",
        "post",
        "covid",
        "coronavirus",
        "hospital",
        "school",
        "college",
        "church",
        "airport",
        "ministry",
        "army",
        "navy",
        "house",
        "senate",
        "congress",
    ]
)


def is_plausible_person(name: str) -> bool:
    words = name.split()
    if not words or len(name) < 3 or any(w.lower().strip(".,") in _NOT_PERSON_WORDS for w in words):
        return False
    if len(words) == 1 and (name.isupper() or not name[0].isupper()):
        return False
    return any(ch.islower() for ch in name)


def canonical_people(names: Iterable[str]) -> dict[str, str]:
    """Surname -> the fullest form the article uses ("Jaishankar" -> "S. Jaishankar")."""
    best: dict[str, str] = {}
    for raw in names:
        name = clean_person(raw)
        key = surname_key(name)
        if not key or len(key) < 2 or not is_plausible_person(name):
            continue
        current = best.get(key)
        if current is None or (len(name.split()), len(name)) > (len(current.split()), len(current)):
            best[key] = name
    return best
