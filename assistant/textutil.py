"""Small text helpers shared across layers (layer 1: no project imports)."""

from __future__ import annotations

# English function words ignored when texts are compared by their content words
# (fake embedding, eval support checks, event matching).
FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "according",
        "after",
        "also",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "but",
        "by",
        "did",
        "do",
        "does",
        "during",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "no",
        "not",
        "of",
        "on",
        "or",
        "over",
        "said",
        "says",
        "she",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
    ]
)


# Irregular past forms news questions use, to their base ("met" is "meet").
IRREGULAR_VERBS = {
    "won": "win", "met": "meet", "held": "hold", "upheld": "uphold", "withheld": "withhold", "led": "lead", "said": "say", "began": "begin",
    "begun": "begin", "took": "take", "taken": "take", "gave": "give", "given": "give", "made": "make",
    "went": "go", "gone": "go", "bought": "buy", "sold": "sell", "chose": "choose", "chosen": "choose",
    "ran": "run", "fought": "fight", "struck": "strike", "told": "tell", "found": "find", "left": "leave",
    "saw": "see", "seen": "see", "came": "come", "became": "become", "grew": "grow", "grown": "grow",
    "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "spoke": "speak", "spoken": "speak",
    "wrote": "write", "written": "write", "broke": "break", "broken": "break", "brought": "bring",
    "paid": "pay", "sent": "send", "spent": "spend", "built": "build", "lost": "lose", "shot": "shoot",
    "stood": "stand", "kept": "keep", "drew": "draw", "drawn": "draw", "drove": "drive", "driven": "drive",
    "flew": "fly", "flown": "fly", "overtook": "overtake", "overtaken": "overtake", "hit": "hit",
    "beat": "beat", "beaten": "beat", "sank": "sink", "sunk": "sink", "froze": "freeze", "frozen": "freeze",
    "shut": "shut", "swore": "swear", "sworn": "swear", "withdrew": "withdraw", "withdrawn": "withdraw",
    "meant": "mean", "did": "do", "does": "do", "done": "do", "was": "be", "were": "be", "is": "be",
    "are": "be", "been": "be", "has": "have", "had": "have", "got": "get", "gotten": "get", "put": "put",
    "set": "set", "knew": "know", "known": "know", "thought": "think", "sought": "seek", "taught": "teach",
}  # fmt: skip
# Agent nouns news questions and sentences trade with their verbs ("Who is the winner?" is
# answered by "X wins"; "the buyer" by "X bought").
AGENT_NOUNS = {
    "winner": "win", "winners": "win", "loser": "lose", "losers": "lose", "leader": "lead",
    "leaders": "lead", "owner": "own", "owners": "own", "buyer": "buy", "buyers": "buy",
    "seller": "sell", "sellers": "sell", "founder": "found", "founders": "found", "maker": "make",
    "makers": "make", "killer": "kill", "killers": "kill", "holder": "hold", "holders": "hold",
    "finisher": "finish", "runner": "run", "runners": "run", "acquirer": "acquire",
}  # fmt: skip

# Ordinal words and their numbers ("eleventh" -> 11): "the eleventh season" is "Season 11".
_ORDINALS_TEXT = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"""
ORDINAL_WORDS = {word: n for n, word in enumerate(_ORDINALS_TEXT.split(), start=1)}

# Words that name a numbered part of a work ("Episode 17", "Vol. 2", "Part Two"): read by the
# part-date check (assistant.time_checks) and as subtitle words that name no work of their own
# (assistant.titles). A contest's parts (stage, round) are another matter: assistant.relation.
_WORK_PART_TEXT = "episode ep part chapter volume vol issue installment instalment"
WORK_PART_WORDS = frozenset(_WORK_PART_TEXT.split())


def _roman(n: int) -> str:
    tens, ones = divmod(n, 10)
    return "x" * tens + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][ones]


# Roman numerals 1-39, lower case, and their numbers ("iii" -> 3): "Diablo III" is "Diablo 3".
ROMAN_NUMERALS = {_roman(n): n for n in range(1, 40)}

# Lower-case words inside a name ("Bank of England", "Ursula von der Leyen", "Minister for Trade").
NAME_JOINERS = frozenset(
    {"of", "and", "for", "the", "de", "der", "den", "van", "von", "al", "bin", "la", "le", "du", "da"}
)


def leading_name(text: str) -> str:
    """The capitalised words a text starts with, joiners inside: "Nordvik Shipping" in "Nordvik
    Shipping chief executive Ingrid Solberg to step down", "Bank of England" in "Bank of England
    raised rates" (a title-case headline is all capitalised, so all of it); "" when the text
    starts lower-case."""
    words = text.split()
    lead = 0
    while lead < len(words) and (words[lead][:1].isupper() or (lead and words[lead].lower() in NAME_JOINERS)):
        lead += 1
    while lead and words[lead - 1].lower() in NAME_JOINERS:
        lead -= 1
    return " ".join(words[:lead])
