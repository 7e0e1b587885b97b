"""Is a cited sentence about the work or edition the question names? ("Xenoblade Chronicles 2" is
not "Xenoblade Chronicles X"; "Marvel's Spider-Man" is not "Marvel's Spider-Man 2".)

Titles of games, films, seasons and missions differ by a number or a subtitle, and the small model
happily dates one by the other; a citation check cannot see it (every date it states is in the
quote). Three rules, on the cited sentences with their articles' titles:

- **Numbered name asked** ("Chronicles 2", "Season 11", "Artemis II"): some cited sentence names it
  with its number (arabic or roman), never only another number.
- **Sequel cited**: the question names a title without a number ("Marvel's Spider-Man"); a cited
  sentence that names it only with a sequel number 2-9 / II-IX ("Marvel's Spider-Man 2") is about
  the sequel. Two-digit numbers are left alone: "Super Bowl 55" is an edition the question may mean.
- **Other subtitle**: the question names "Series: Subtitle"; a cited sentence naming the series
  with another subtitle ("The Legend of Zelda: Ocarina of Time") and not the asked one is about
  another work.
- **Other installment**: the question names a work by its medium ("the Assassin's Creed movie");
  cited sentences that name it only with a further name ("creative director of Assassin's Creed
  Syndicate") are about another work of the franchise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from assistant.textutil import ORDINAL_WORDS, ROMAN_NUMERALS, WORK_PART_WORDS
from assistant.types import Evidence
from ingest.dates import MONTH_WORDS

# "Chronicles 2", "Season 11", "Artemis-II"; a capitalised word then the number (a following
# capitalised word is a new name: "Apollo 11 Moon Landing" still counts, "Gen 2 Rebels" does not).
_NUMBERED_NAME = re.compile(r"\b([A-Z][\w'’]*)(?:\s+|-)(\d{1,2}|[IVX]{1,4})\b(?![,.]\d)(?!\s+[A-Z][a-z]{2})")
_ROMAN = {str(n): r for r, n in ROMAN_NUMERALS.items() if n <= 10}
_ARABIC = {roman: arabic for arabic, roman in _ROMAN.items()}
# A capitalised title of up to four words ("Marvel's Spider-Man", "Assassin's Creed Valhalla").
_TITLE = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of|the|and|de|[A-Z][\w'’.-]*)){0,5}")
# Not a score or a range after a name ("beat Port Lesk 3-1", "Athletic 2–0").
_SEQUEL = r"(?:\s+|-)(?:[2-9]|II|III|IV|V|VI|VII|VIII|IX)\b(?!\s*[-–:]\s*\d)"
# "The Legend of Zelda: Breath of the Wild": the series, then the subtitle's first word.
_SUBTITLED = re.compile(r"\b([A-Z][\w'’-]*(?:\s+(?:of|the|[A-Z][\w'’-]*)){0,4}):\s+([A-Z][\w'’-]*)")
# The whole subtitle: "Breath of the Wild", "New Horizons" (a lower-case word other than these ends it).
_SUBTITLE_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of|the|and|in|[A-Z][\w'’-]*))*")
# Subtitle words that name no work on their own ("Xenoblade Chronicles: Definitive Edition").
_GENERIC_SUBTITLE_TEXT = """edition definitive deluxe complete remastered remake director's directors cut
    season book the of and in special anniversary collection game year
    one two three four five six seven eight nine ten"""
_GENERIC_SUBTITLE = frozenset(_GENERIC_SUBTITLE_TEXT.split()) | WORK_PART_WORDS | frozenset(_ARABIC)
# "the Assassin's Creed movie", "the Dune film": a title, then the kind of work it is.
_MEDIUM_TITLE = re.compile(
    r"\b((?:[A-Z][\w'’.-]*)(?:\s+(?:of|the|and|[A-Z][\w'’.-]*)){0,4})\s+(?:movie|film|video game|game|"
    r"tv series|series|show|novel|book|album|musical|documentary)s?\b"
)
# Headline words that follow a title without naming another work ("Assassin's Creed Star X").
_COVERAGE_TEXT = (
    "star stars director actor actress cast trailer review producer writer creator fans release premiere"
)
_COVERAGE_WORDS = frozenset(_COVERAGE_TEXT.split())
_QUESTION_WORDS = frozenset({"when", "where", "who", "what", "which", "how", "why", "did", "was", "is"})


# A typed question may be all lower case ("when was xenoblade chronicles 2 released?"): a lower-case
# word then a number is a numbered name too, unless the word counts or ranks ("the first 3 days",
# "top 10", "No 1": a rank, not a title).
# A verb then a count ("killed 12 people", "scored 3 goals", "laying off 16,000") is no name.
_LOWER_NUMBERED = re.compile(
    r"\b([a-z][\w'’]{3,}(?<!ed)(?<!ing))(?:\s+|-)(\d{1,2}|[IVX]{1,4})\b(?![,.]\d)(?!\s+[A-Za-z]+s\b)"
)
_NOT_NAMES_TEXT = """no number nr num top first last next past over under about around nearly almost only
    least most than every each per within after before since until from into day week month year hour minute"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


def numbered_names(question: str) -> list[tuple[str, set[str]]]:
    """("chronicles", {"2", "ii"}) for "Xenoblade Chronicles 2"; months, counts and ranks left out."""
    found: dict[tuple[str, str], set[str]] = {}
    for m in [*_NUMBERED_NAME.finditer(question), *_LOWER_NUMBERED.finditer(question)]:
        name, number = m.group(1).lower(), m.group(2).lower()
        if name not in MONTH_WORDS and name not in _NOT_NAMES:
            found[(name, number)] = {number, _ROMAN.get(number, number), _ARABIC.get(number, number)}
    return [(name, numbers) for (name, _), numbers in found.items()]


def says_numbered_name(text: str, name: str, numbers: set[str]) -> bool:
    """``text`` names ``name`` with one of ``numbers`` ("Chronicles 2", "chronicles II", "COP29"),
    or by its ordinal before it ("the seventeenth season", "the 17th and final season" for
    "Season 17")."""
    text = text.lower()
    if any(re.search(rf"\b{re.escape(name)}(?:\s*|-){re.escape(n)}\b", text) for n in numbers):
        return True
    ordinals = [rf"{n}(?:st|nd|rd|th)" for n in numbers if n.isdigit()]
    ordinals += [word for word, n in ORDINAL_WORDS.items() if str(n) in numbers]
    # "the eleventh and final season": an ordinal joined to another word still numbers the name.
    return any(re.search(rf"\b{o}(?:\s+and\s+[a-z]+)?\s+{re.escape(name)}\b", text) for o in ordinals)


def _unnumbered_titles(question: str) -> list[str]:
    """The question's titles that carry no number of their own ("Marvel's Spider-Man")."""
    out = []
    for m in _TITLE.finditer(question):
        title = _bare_title(m.group(0), _QUESTION_WORDS)
        if not title or re.match(r"(?:\s+|-)(?:\d|[IVX]+\b)", question[m.end() :]):
            continue  # "Super Bowl 2021", "Chronicles 2": numbered, the first rule's business
        out.append(title)
    return out


def _bare_title(span: str, openers: frozenset[str]) -> str:
    """``span`` without its opening question words ("When Marvel's Spider-Man" -> "Marvel's
    Spider-Man"); "" when what is left is one short word (an "Is", a "The": no title)."""
    words = span.split()
    while words and words[0].lower() in openers:
        words = words[1:]
    if not words or (len(words) == 1 and len(words[0]) < 4):
        return ""
    return " ".join(words)


# How far before a cited sentence its passage may name the numbered name (the sentence goes on
# about it: "... expansion of Berth 23. The contract went to X after a tender that drew seven bids").
LEAD_WINDOW = 400


def _says_only(text: str, name: str, numbers: set[str]) -> bool:
    """``text`` names ``name`` with one of ``numbers`` and never with another number."""
    said = {
        m.group(1)
        for m in re.finditer(rf"\b{re.escape(name)}(?:\s*|-)(\d{{1,2}}|[ivx]{{1,4}})\b", text.lower())
    }
    return bool(said) and said <= numbers


def title_reason(
    question: str, quotes: Sequence[Evidence], documents: Mapping[str, str] | None = None
) -> str | None:
    """Why the cited sentences are about another work or edition than the question's, or None.
    ``documents`` (doc_id -> text): a numbered name said just before a cited sentence, and no
    other number of it there, counts as said by it."""
    if not quotes:
        return None
    texts = [f"{q.title}\n{q.text}" for q in quotes]
    leads = [(documents or {}).get(q.doc_id, "")[max(0, q.start - LEAD_WINDOW) : q.start] for q in quotes]
    for name, numbers in numbered_names(question):
        if not any(says_numbered_name(t, name, numbers) for t in texts) and not any(
            _says_only(lead, name, numbers) for lead in leads
        ):
            return f"no cited sentence names the '{name} {sorted(numbers)[0]}' the question asks about"
    for title in _unnumbered_titles(question):
        plain = re.compile(rf"\b{re.escape(title)}\b(?!{_SEQUEL})", re.I)
        sequel = re.compile(rf"\b{re.escape(title)}{_SEQUEL}", re.I)
        if any(sequel.search(q.text) for q in quotes) and not any(plain.search(q.text) for q in quotes):
            return f"the cited sentences are about a sequel of {title}, not {title}"
    for m in _SUBTITLED.finditer(question):
        series, subtitle = m.group(1), m.group(2)
        other = re.compile(rf"\b{re.escape(series)}:\s+(?!{re.escape(subtitle)}\b)[A-Z]", re.I)
        own = re.compile(rf"\b{re.escape(subtitle)}\b", re.I)
        if any(other.search(q.text) for q in quotes) and not any(own.search(q.text) for q in quotes):
            return f"the cited sentences are about another '{series}' title than the one asked"
    return _installment_reason(question, quotes)


def by_subtitle(question: str, claim: str) -> str:
    """``claim`` with the question's "Series: Subtitle" titles shortened to their subtitle, for
    the citation check: "Breath of the Wild will release on March 3, 2017" states what "The
    Legend of Zelda: Breath of the Wild was released on March 3, 2017" claims, when the question
    asks about that work. A subtitle of generic words only ("Definitive Edition", "Part Two")
    names no work alone and is left whole."""
    for whole in _series_prefixes(question):
        claim = whole.sub("", claim)
    return claim


@lru_cache(maxsize=64)
def _series_prefixes(question: str) -> tuple[re.Pattern[str], ...]:
    """The question's "Series: " prefixes that stand before a subtitle naming a work, each as a
    pattern; parsed once per question (the citation check shortens every answer sentence)."""
    found = []
    for m in _SUBTITLED.finditer(question):
        sub = _SUBTITLE_RUN.match(question, m.start(2))
        subtitle = sub.group(0) if sub else m.group(2)
        subtitle = re.sub(r"(?:\s+(?:of|the|and|in))+$", "", subtitle)
        words = {w.lower() for w in subtitle.split()}
        if not words - _GENERIC_SUBTITLE or len(subtitle) < 6:
            continue
        found.append(re.compile(rf"\b{re.escape(m.group(1))}:\s+(?={re.escape(subtitle)}\b)", re.I))
    return tuple(found)


def _installment_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """The question names a work by its medium ("the Assassin's Creed movie") and the cited
    sentences that name it name it only with a further name the question does not hold
    ("Assassin's Creed Syndicate", "Dune: Part Two"): another installment."""
    asked = {w.lower() for w in re.findall(r"[\w'’-]+", question)}
    for m in _MEDIUM_TITLE.finditer(question):
        name = _bare_title(m.group(1), _QUESTION_WORDS | {"the"})
        if not name:
            continue
        title = re.escape(name)
        mentions = [
            (n.group(1) or "").lower()
            for q in quotes
            # The title in any case, the further name capitalised ("Assassin's Creed film" is no other work).
            for n in re.finditer(rf"(?i:\b{title}\b)(?::?\s+([A-Z][\w'’-]*))?", q.text)
        ]
        if mentions and all(after and after not in asked | _COVERAGE_WORDS for after in mentions):
            return f"the cited sentences name another work than the {name} the question asks about"
    return None
