"""Who won? The checks on answers to "who won / beat / defeated" questions.

``assistant.citations`` proves the answer's name is in the cited sentence; these rules check the
sentence has that name *win* (no entailment model ships offline, see ``assistant.answerability``):

- **Outcome**: a past "who won" is answered by a sentence saying someone won, not a preview or a
  poll, nor a part won on the way ("won four stages", "a stage victory" for "Who won the Tour?").
- **Winner named**: a country answers "who won" only when a cited sentence has it win.
- **Loser**: a name a cited sentence has lose ("Serena Williams lost to Bianca Andreescu",
  "Andreescu defeated Serena Williams") and none has win is not who won.
- **Finding**: "What did the review find?" is answered by a sentence reporting a finding, not by
  one saying the review will be ordered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.evidence import stem, term_set
from assistant.querytime import asks_about_future
from assistant.relation import base_form
from assistant.types import Evidence
from ingest.nlp import parse_one

_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|got|gets)\s+$", re.I)


# A question about who won is answered only by a sentence that says someone won: "The Patriots
# will take on the Seahawks in a rematch" (a preview) or "the choice is tightening between X and
# Y" (a poll) names the contenders, not the winner, though the looser relation check above finds
# "rematch", "title" or "election" beside them.
_OUTCOME_VERBS = frozenset({"win", "beat", "defeat", "clinch", "triumph"})
_OUTCOME_SAID = re.compile(
    r"\b(?:won|wins|winning|winners?|beat|beats|beaten|defeat(?:s|ed)?|victor(?:y|ies|ious)|clinch(?:ed|es)?"
    r"|champions?|triumph(?:ed|s)?|crowned|took home|takes home|claimed|captured|secured|swept|went to|goes to"
    r"|on top|topped|tops|first place|finished first|came first|took gold|gold medal|set the record|collected"
    r"|earned|received|awarded|elected|chose|chosen)\b",  # "voters chose Macron to be their next president"
    re.I,
)
# A win spoken of as a wish, a forecast or denied: "could win", "is favoured to win", "if they
# beat", "still haven't captured one", "never won".
_NOT_YET = re.compile(
    r"(?:\b(?:will|would|could|may|might|can|to|if|whether|not|never)|n[’']t)\s+(?:\S+\s+){0,2}$", re.I
)


def _asks_winner(question: str) -> bool:
    """The wh-word is who won: "Which team won ...?", "Who beat ...?"; not "In what sport did
    she win her medals?" (her win is given; its sport is asked)."""
    doc = parse_one(question)
    if doc is None:
        return False
    for verb in doc:
        if verb.pos_ != "VERB" or base_form(verb.text) not in _OUTCOME_VERBS:
            continue
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            if any(t.lower_ in ("who", "which", "what") for t in subject.subtree):
                return True
    return False


# Part of a contest, won on the way: "won four stages", "won the green jersey", "won a set"
# (a game, match, race or medal may be the whole contest asked about: not listed).
_PART_WON = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?(stages?|sets?|rounds?|legs?|heats?|jerseys?|points?|frames?)\b",
    re.I,
)

# The part named before the win word: "a stage victory", "the stage 21 victory", "a first-round
# victory" ("a points victory" wins the whole fight: not listed).
_PART_BEFORE = re.compile(
    r"\b(stages?|sets?|rounds?|legs?|heats?|frames?)(?:\s+\d+)?\s+$",
    re.I,
)


# A champion or winner of an earlier edition: "defending champion", "two-time champion",
# "former winners" (not "the 2021 Tour de France champion").
_EARLIER_HOLDER = re.compile(
    r"\b(?:defending|former|reigning|previous|past|ex|[\w]+-time)\s+(?:[\w'’-]+\s+){0,2}$", re.I
)
_HOLDER_WORDS = frozenset({"champion", "champions", "winner", "winners"})


def _says_someone_won(text: str, asked: set[str]) -> bool:
    for m in _OUTCOME_SAID.finditer(text):
        part = _PART_WON.match(text, m.end()) or _PART_BEFORE.search(text, 0, m.start())
        if part and stem(part.group(1)) not in asked:
            continue  # "won four stages at the Tour": not the Tour the question asks about
        if m.group(0).lower() in _HOLDER_WORDS and _EARLIER_HOLDER.search(text[: m.start()]):
            continue
        if not _NOT_YET.search(text[: m.start()]):
            return True
    return False


def outcome_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """A past "who won" question cited to sentences that never say anyone won."""
    says_won = outcome_test(question)
    if not quotes or says_won is None or any(says_won(q.text) for q in quotes):
        return None
    return "the question asks who won; no cited sentence says anyone won"


def outcome_test(question: str) -> Callable[[str], bool] | None:
    """For a past "who won" question, the test a sentence must pass to answer it (it says
    someone won: ``outcome_reason`` refuses an answer cited to none), so the evidence holds
    one: "the Browns have eight championships" says the act's word, not that anyone won the
    game asked about. None for other questions."""
    if asks_about_future(question) or not _asks_winner(question):
        return None
    asked = term_set(question)
    return lambda text: _says_someone_won(text, asked)


def winner_named(said: str, question: str, quotes: Sequence[Evidence]) -> bool:
    """ "Who won the World Cup?" -> "France": a country is a winner when a cited sentence has it
    win ("France captured its second World Cup title"); "United States" for "Who won the US
    election?" is not (the sentence says someone won *the United States* election)."""
    if not said or not _asks_winner(question):
        return False
    for q in quotes:
        at = q.text.lower().find(said.lower())
        if at >= 0 and _wins_after(q.text, at + len(said)):
            return True
    return False


def _wins_after(text: str, after: int) -> bool:
    """A win word follows a name ending at ``after`` within its clause (40 characters), neither
    wished ("hopes to win") nor passive ("Spain were beaten by" loses; "Spain have beaten" wins)."""
    win = _OUTCOME_SAID.search(text, after)
    between = text[after : win.start()] if win else ""
    return (
        win is not None
        and len(between) <= 40
        and not _NOT_YET.search(between)
        and not _PASSIVE.search(between)
    )


# The name lost: "X lost to", "X was beaten by", "X finished second"; or "beat X", "defeated X",
# "a win over X".
_LOST_AFTER = re.compile(
    r"^\W{0,3}(?:\([^)]{0,40}\)\s*)?(?:\w+\s+){0,2}?(?:lost|loses|losing|fell|falls|was beaten|were beaten"
    r"|was defeated|were defeated|was runner-up|were runners-up|finished second|came second|runner-up)\b",
    re.I,
)
_LOST_BEFORE = re.compile(
    r"\b(?:beat|beats|beating|defeated|defeats|defeating|overcame|edged|edges|stunned|upset|routed"
    r"|thrashed|victory over|win over|wins over|triumph over)\s+(?:the\s+)?(?:[\w.'’-]+\s+){0,2}$",
    re.I,
)


def _lost_in(said: str, text: str) -> bool | None:
    """Whether ``text`` has ``said`` lose (True), win or stand otherwise (False); None: not named."""
    at = text.lower().find(said.lower())
    if at < 0:
        return None
    return bool(_LOST_AFTER.search(text[at + len(said) :]) or _LOST_BEFORE.search(text[:at]))


def loser_reason(question: str, short: str, quotes: Sequence[Evidence]) -> str | None:
    """ "Who won the 2019 US Open?" -> "Serena Williams", cited to "Serena Williams lost to Bianca
    Andreescu" (and a list naming both): a cited sentence has the answer lose, none has it win.
    And the mirror: "Which losing bidder challenged the award?" -> the one a cited sentence has
    win ("Corthaven ... beat Lissmann Pharma", "awarded the contract to Corthaven Biologics")."""
    said = short.strip(" .")
    if not said or not quotes:
        return None
    if _ASKS_LOSER.search(question):
        if any(_won_in(said, q.text) for q in quotes) and not any(_lost_in(said, q.text) for q in quotes):
            return f"the question asks for a loser; the cited sentences have {said} win"
        return None
    if not _asks_winner(question):
        return None
    if any(_lost_in(said, q.text) for q in quotes) and not winner_named(said, question, quotes):
        return f"the question asks who won; the cited sentences have {said} lose"
    return None


# "Which losing bidder ...?", "Who was the runner-up?", "Who lost the final?" (not "Who defeated X?").
_ASKS_LOSER = re.compile(
    r"\b(?:which|what)\s+(?:losing|defeated|beaten|unsuccessful|rejected)\b"
    r"|\bwho\s+(?:lost|was\s+beaten|was\s+defeated|finished\s+second|came\s+second)\b|\brunners?-up\b",
    re.I,
)
# The name won: "awarded the contract to X", "went to X".
_WON_BEFORE = re.compile(r"\b(?:awarded|went|given|handed)\b[^.;]{0,80}?\bto\s+(?:the\s+)?$", re.I)


def _won_in(said: str, text: str) -> bool:
    """``text`` has ``said`` (or its first word: "Corthaven" for "Corthaven Biologics") win: a
    win word within a clause after it, or an award made to it."""
    lowered = text.lower()
    for name in dict.fromkeys([said, said.split()[0]]):
        at = lowered.find(name.lower())
        if at < 0 or (name != said and len(name) < 4):
            continue
        if _wins_after(text, at + len(name)) or _WON_BEFORE.search(text[:at]):
            return True
    return False


# "What did the review find / conclude / show?": asks what an inquiry, a study or a test came to.
# ("find" and "show" are light verbs to the relation check: "Where can I find ...?")
_FINDING_Q = re.compile(
    r"\bwhat\b[^?]*\b(?:did|does|has|have|had)\b[^?]*\b(?:find|conclude|show|reveal|recommend|determine|uncover)\b",
    re.I,
)
_FINDING_SAID = re.compile(
    r"\b(?:found|finds|findings?|concluded|concludes|conclusions?|showed|shows|shown|revealed|reveals"
    r"|recommended|recommends|recommendations?|determined|uncovered|according to)\b",
    re.I,
)


def finding_reason(question: str, quotes: Sequence[Evidence]) -> str | None:
    """A question about what an inquiry found cited to sentences that report no finding ("He said
    his first decision would be to order a review": the review is yet to be made), or only one
    wished or denied ("it could find", "has not found")."""
    if not quotes or asks_about_future(question) or not _FINDING_Q.search(question):
        return None
    for q in quotes:
        for m in _FINDING_SAID.finditer(q.text):
            if not _NOT_YET.search(q.text[: m.start()]):
                return None
    return "the question asks what was found; no cited sentence reports a finding"


# "Did the court annul or uphold the award?": a yes/no question offering two choices.
_CHOICE = re.compile(
    r"^\s*(?:did|does|do|will|would|was|were|is|are|has|have|should|could)\b[^?]*?\b([a-z]{3,})\s+or\s+([a-z]{3,})\b",
    re.I,
)


def choice_reason(question: str, answer: str) -> str | None:
    """The question offers two choices and the answer says neither: "The court suspended the
    award" does not say whether it annulled or upheld it."""
    m = _CHOICE.search(question)
    if m is None:
        return None
    words = re.findall(r"[A-Za-z]+", answer.lower())
    said = {stem(w) for w in words} | {base_form(w) for w in words}
    choices = [stem(m.group(1).lower()), stem(m.group(2).lower())]
    if any(any(w.startswith(c[:5]) for w in said) for c in choices):
        return None
    return f"the question asks '{m.group(1)} or {m.group(2)}'; the answer says neither"
