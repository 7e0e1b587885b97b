"""Which of a sentence's numbers answers a 'how much / how many / what was' question.

News sentences carry several numbers: "revenue rose 12% to $3.4 billion", "net profit fell to
$410 million from $520 million a year earlier", "the index fell 3% to $1,850 per 40-foot
container". The first one is often not the answer: the level asked ("What was revenue?") is the
amount after "to", the change asked ("By how much did it rise?") the percentage or the amount
after "by", the earlier value asked ("a year earlier") the one after "from". spaCy finds the
numbers; these rules order them (no extractive-QA model ships offline, see MODELS.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from assistant.citations import NUMBER
from ingest.nlp import parse_one

# A question after the change, not the level: "By how much did revenue rise?", "How much did
# shares fall?".
_ASKS_CHANGE = re.compile(
    r"\bby how much\b|\bhow much (?:did|has|have|had|does|do|will|would)\b[^?]*\b(?:rise|rose|risen|fall|fell|"
    r"fallen|increase|decrease|grow|grew|grown|drop|climb|jump|gain|lose|lost|decline|slip|slide|surge|"
    r"plunge|soar|shrink|shrank)\w*",
    re.I,
)
# A question after the earlier value of a comparison.
_ASKS_EARLIER = re.compile(
    r"\b(?:a year (?:earlier|before|ago)|previous(?:ly)?|prior|the year before|last year's|from what)\b", re.I
)
# Nouns whose amount is money: the level asked is a MONEY entity when one is there.
_MONEY_NOUNS = re.compile(
    r"\b(?:revenue|sales|profit|income|earnings|loss(?:es)?|cost|price|value|worth|budget|salary|pay|"
    r"fine|bid|funding|debt|deficit|spending|investment|turnover|valuation|fee|dividend)s?\b",
    re.I,
)
_BEFORE_CHANGE = re.compile(r"\bby\s*$", re.I)
_BEFORE_LEVEL = re.compile(r"\b(?:to|at|of|was|is|were|reached|totall?ed|hit)\s*$", re.I)
_BEFORE_EARLIER = re.compile(r"\bfrom\s*$", re.I)
_AFTER_EARLIER = re.compile(
    r"^\s*(?:a year (?:earlier|before|ago)|the year before|in the year-?earlier)", re.I
)

NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})


def _role(ent: Any, text: str) -> str:
    """'earlier', 'change' or 'level' from the words around the number (else 'other')."""
    # spaCy leaves the currency sign out of a MONEY span ("to $1,850" -> "1,850").
    before, after = text[: ent.start_char].rstrip("$€£¥₹"), text[ent.end_char :]
    if _BEFORE_EARLIER.search(before) or _AFTER_EARLIER.match(after):
        return "earlier"
    if _BEFORE_CHANGE.search(before) or ent.label_ == "PERCENT":
        return "change"
    if _BEFORE_LEVEL.search(before):
        return "level"
    return "other"


def order_numbers(ents: Sequence[Any], text: str, question: str) -> list[Any]:
    """The sentence's number entities (``doc.ents`` of ``text``), best answer first; a stable
    order otherwise (the sentence's own)."""
    numbers = [e for e in ents if e.label_ in NUMBER_LABELS]
    if len(numbers) < 2:
        return numbers
    return sorted(numbers, key=lambda e: _rank(e, text, question))


def _rank(ent: Any, text: str, question: str) -> int:
    """0 is best. The role asked first (the earlier value, the change, else the level: the amount
    after "to" / "at", and for a money noun a MONEY one), then the sentence's other numbers, an
    earlier value or a change last unless asked for ("fell 3% to $1,850 per 40-foot container":
    the level, not the container's size)."""
    wants_earlier = bool(_ASKS_EARLIER.search(question))
    wants_change = bool(_ASKS_CHANGE.search(question))
    wants_money = bool(_MONEY_NOUNS.search(question)) and not wants_change
    role = _role(ent, text)
    if wants_earlier:
        return 0 if role == "earlier" else 1
    if wants_change:
        return 0 if role == "change" else 2 if role == "earlier" else 1
    money_ok = not wants_money or ent.label_ == "MONEY"
    if role == "level":
        return 0 if money_ok else 2
    if role == "other":
        return 1 if money_ok else 2
    return 3 if role == "change" else 4


def better_number(short: str, sentence: str, question: str) -> str | None:
    """A number of ``sentence`` that answers better than the model's bare ``short`` (one of the
    sentence's other numbers): "12%" for "What was revenue?" in "revenue rose 12% to $3.4
    billion" -> "$3.4 billion"; a duration with its unit. None when the model's choice stands."""
    doc = parse_one(sentence)
    if doc is None:
        return None
    if not _DURATION_UNIT.search(short) and (duration := duration_answer(doc.ents, question)):
        return duration  # "48" for "How long?" where the sentence says "48 hours"
    numbers = [e for e in doc.ents if e.label_ in NUMBER_LABELS]
    mine = [e for e in numbers if short.strip() and (short.strip() in e.text or e.text in short)]
    if len(numbers) < 2 or not mine:
        return None
    best = min(numbers, key=lambda e: _rank(e, sentence, question))
    if _rank(best, sentence, question) < min(_rank(e, sentence, question) for e in mine):
        return str(best.text)
    return None


_ASKS_DURATION = re.compile(r"\bhow long\b|\bfor how (?:long|many (?:hours|days|weeks|months|years))\b", re.I)
_DURATION_UNIT = re.compile(r"\b\d[\d.,]*[\s-]*(?:minute|hour|day|week|month|year|decade)s?\b|"
                            r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
                            r"a few)[\s-]+(?:minute|hour|day|week|month|year|decade)s?\b", re.I)  # fmt: skip


def duration_answer(ents: Sequence[Any], question: str) -> str | None:
    """For "How long ...?", the duration the sentence states with its unit ("48 hours", "48-hour",
    "six months"), not its bare number ("48"): spaCy tags these TIME or DATE."""
    if not _ASKS_DURATION.search(question):
        return None
    for ent in ents:
        if ent.label_ in ("TIME", "DATE", "QUANTITY", "CARDINAL"):
            m = _DURATION_UNIT.search(ent.text)
            if m:
                return m.group(0)
    return None


_ASKS_SCORE = re.compile(
    r"\b(?:what|which) (?:was |is )?the (?:final |full-time )?(?:score|scoreline|result)\b", re.I
)
_SCORE = re.compile(r"(?<![\d/.-])(\d{1,3})\s?[-–:]\s?(\d{1,3})(?![\d/.-])")


def score_answer(text: str, question: str) -> str | None:
    """For "What was the score?", the scoreline the sentence states ("2-1"), not a name beside it."""
    if not _ASKS_SCORE.search(question):
        return None
    m = _SCORE.search(text)
    return m.group(0) if m else None


# An amount said of one part of what the question asks about: "Revenue was stagnant in Q2 2020,
# with $370 million from that business" is not Tesla's revenue, nor "$2.1 billion in its cloud
# unit" the company's. The part's noun, after the amount.
_PART_NOUNS = r"business|businesses|segment|unit|division|arm|subsidiary|branch"
_PART_AFTER = re.compile(
    r"^\s*(?:(?:million|billion|trillion|thousand|mn|bn)\b\.?\s*)?(?:(?:came|comes|coming|generated|earned)\s+)?"
    rf"(?:from|in|at|of|for|by)\s+(?:that|the|its|this|their|each|one)\s+(?:[\w'’-]+\s+){{0,2}}?({_PART_NOUNS})\b",
    re.I,
)
_PART_ASKED = re.compile(rf"\b(?:{_PART_NOUNS})\b", re.I)


def part_amount_reason(question: str, short: str, texts: Sequence[str]) -> str | None:
    """Every cited sentence that states the bare amount says it of a part ("from that
    business"), and the question asks about no part: the whole's figure is not given."""
    wanted = {m.group(1).replace(",", "") for m in NUMBER.finditer(short)}
    if not wanted or _PART_ASKED.search(question):
        return None
    parts = [
        _PART_AFTER.match(text[m.end() :])
        for text in texts
        for m in NUMBER.finditer(text)
        if m.group(1).replace(",", "") in wanted
    ]
    if not parts or not all(parts):
        return None
    part = next(p for p in parts if p is not None).group(1).lower()
    return f"the amount is said of one {part}, a part of what the question asks about"


# "How much has the fund paid out?": an amount of money is asked.
_ASKS_MONEY = re.compile(
    r"\bhow much\b.*\b(?:pa(?:y|id|ys)|cost|spen[dt]|rais|fund|compensat|fine|worth|price|award|earn|charg|bid|offer)"
    r"|\bwhat\b.*\b(?:revenues?|profits?|earnings|turnover|net income|operating income|budget|valuation|salary)\b",
    re.I,
)
# Words after a number that still make it money (or a scale of it).
_MONEY_AFTER = re.compile(
    r"^[\s-]*(?:million|billion|trillion|thousand|bn|m|k|crowns?|euros?|dollars?|pounds?|yen|yuan|rupees?|"
    r"francs?|kronor|kroner|krona|rand|pesos?|shillings?|naira|rubles?|roubles?|[A-Z]{3}\b)",
    re.I,
)
_COUNT_NOUN = re.compile(r"^\s+([a-z]{3,})\b")


def money_count_reason(question: str, short: str, texts: Sequence[str]) -> str | None:
    """A 'how much' question about money answered by a count: every cited sentence stating the
    bare number says it of a thing counted ("received 186 claims" for "How much has the fund
    paid out?")."""
    wanted = {m.group(1).replace(",", "") for m in NUMBER.finditer(short)}
    # A currency sign in the short answer is the model's own when its sentence says a count.
    if not wanted or not _ASKS_MONEY.search(question):
        return None
    counted = []
    for text in texts:
        for m in NUMBER.finditer(text):
            if m.group(1).replace(",", "") not in wanted:
                continue
            after = text[m.end() :]
            if re.search(r"[$€£¥₹]\s*$", text[: m.start()]) or _MONEY_AFTER.match(after):
                return None
            noun = _COUNT_NOUN.match(after)
            if noun is None:
                return None
            counted.append(noun.group(1))
    if not counted:
        return None
    return f"a 'how much' question about money got a count of {counted[0]}"


# Measures a number answers only where its sentence names them: "74 percent of those voting in
# favour" is no turnout, "41.50 crowns" no stake. (Prices, shares and counts are said in other
# words too often to ask for their noun: "offered 46.25 crowns a share" is a price.)
_MEASURE = re.compile(
    r"\b(turnout|margin|stake|attendance|premium|deficit|surplus|valuation|capacity|quorum)s?\b", re.I
)


def _measure_asked(question: str) -> str | None:
    asked = _MEASURE.search(question)
    return asked.group(1).lower() if asked else None


def measure_test(question: str) -> Callable[[str], bool] | None:
    """For a question asking a measure (``_MEASURE``), the test a sentence must pass to answer
    it (it names the measure: ``measure_reason`` refuses an answer whose sentences do not), so
    the evidence holds one ("Turnout was 68.4 percent" beside the seat counts). None otherwise."""
    noun = _measure_asked(question)
    if noun is None:
        return None
    named = re.compile(rf"\b{noun}", re.I)
    return lambda text: bool(named.search(text))


def measure_reason(question: str, short: str, holding: Sequence[str]) -> str | None:
    """The question asks for a measure (``_MEASURE``) and no sentence stating the numeric answer
    names it."""
    noun = _measure_asked(question)
    names_it = measure_test(question)
    if noun is None or names_it is None or not holding or not re.search(r"\d", short):
        return None
    if any(names_it(text) for text in holding):
        return None
    return f"the question asks for the {noun}; no sentence stating the number names it"


# "What price per share ...?": a price for one unit, never a total in millions.
_PER_UNIT = re.compile(
    r"\b(?:per|a|each)\s+(share|unit|barrel|tonne|ton|person|head|kilogram|kilo|litre|liter|gallon|ticket|seat)\b",
    re.I,
)
_TOTAL_SCALE = re.compile(r"\d\s*(?:million|billion|trillion|bn|mn)\b", re.I)


def per_unit_reason(question: str, short: str) -> str | None:
    """The question asks a price per unit ("per share", "a barrel") and the answer is a total
    ("about 6.6 billion", the bid's value): another figure of the same deal."""
    unit = _PER_UNIT.search(question)
    if unit is None or not _TOTAL_SCALE.search(short):
        return None
    return f"the question asks a price per {unit.group(1).lower()}; the answer is a total ({short.strip()})"
