"""Is the question's relation said in the cited sentences? ("When was X launched?" is not
answered by a sentence about a visit.)

The question's main verb (of its asking sentence, else its preamble) and its object nouns must be
in a cited sentence in some form or family ("sued" for "filed lawsuits", "talk" in "exchanged
views"), unless the cited sentences hold most of the question's words anyway. One of the checks
``assistant.answerability`` runs before an answer is shown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.evidence import content_terms, lexical_coverage, stem, term_set
from assistant.textutil import IRREGULAR_VERBS as _IRREGULAR
from assistant.types import Evidence
from ingest.dates import find_expressions
from ingest.nlp import parse_one

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs that carry no relation of their own ("Where was it held?", "What post does she hold?"),
# and measure verbs: the amount a sentence ties to the thing is its cost or weight ("a 42 billion
# shilling expansion" says what the expansion will cost).
_LIGHT_VERBS_TEXT = """be have do hold take happen occur get make go come become include name mention list report
    say state tell describe call know see give use find show mean expect plan set cause consider remain keep
    put let seem look want need announce confirm reveal claim schedule accord
    cost weigh measure total"""
_LIGHT_VERBS = frozenset(_LIGHT_VERBS_TEXT.split())


def is_light_verb(verb: Token) -> bool:
    """The verb carries no relation of its own ("held", "was set for", "carried out")."""
    return _light(verb)


# Phrasal verbs that say no more than that the thing happened ("Where was the recount carried
# out?", "Where did the festival end up taking place?", "Did the match go ahead?"): the verb with
# its particle. "end" alone ("When did the strike end?") is a relation.
_LIGHT_PHRASAL = frozenset(
    {("carry", "out"), ("end", "up"), ("wind", "up"), ("turn", "out"), ("go", "ahead")}
)


# Nouns of a time phrase ("for the ninth year in a row", "this season"): when, not the act.
_WHEN_NOUNS = frozenset({"year", "month", "week", "day", "time", "row", "season", "decade", "century",
                         "hour", "minute", "night", "morning", "evening", "weekend"})  # fmt: skip


def _light(verb: Token) -> bool:
    """The verb carries no relation of its own (``_LIGHT_VERBS``, ``_LIGHT_PHRASAL``)."""
    forms = _forms(base_form(verb.text))
    if forms & _LIGHT_VERBS:
        # "was named the world's happiest country" says an act (with what it was named); "named
        # in the report" is a mention.
        return not (
            "name" in forms and any(c.dep_ == "oprd" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)
        )
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    bases = forms | {re.sub(r"ied$", "y", verb.lower_)}  # "carried" is "carry"
    return any((b, p) in _LIGHT_PHRASAL for b in bases for p in particles)


# Relations news words in many ways: a question's verb is found through its family ("talk" is
# in "exchanged views", "held discussions", "dialogue"). Prefixes; a verb without a family is
# looked for by its own prefix only.
_RELATION_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(line.split())
    for line in """talk discuss dialog exchang meet confer negotiat speak spoke conversat interact call
    meet talk interact visit summit dialog discuss confer host gather
    win won victor champion title defeat beat clinch triumph crown went secur
    acquir acquisit buy bought purchas takeover merg deal
    launch start began begin introduc unveil initiat debut roll
    releas launch debut premier publish arriv
    announc unveil declar reveal confirm
    visit trip tour travel arriv went
    captur arrest seiz detain custod caught
    kill die dead death slain shot
    sign agree deal accord pact treaty
    found establish creat set formed incorporat
    elect vote won win ballot
    attack strike struck assault bomb raid
    sue lawsuit suit court
    challeng contest complain disput protest object
    dismiss reject throw threw thrown
    lead led head chair helm ran run chief ceo boss presid manag
    host held venue stage
    fetch sold sell auction bid paid price
    overtak overtook surpass pass outsell top
    direct director film
    office sworn swear inaugurat oath assum
    accelerat speed faster expedit
    bolster strengthen boost reinforc
    lay layoff cut slash elimin axe
    disappear missing vanish abduct
    charg indict
    investig probe inquir examin
    spot sight observ witness detect notic
    compl finish ended conclud wrapp
    extend expand widen broaden enlarg
    turn attend drew draw crowd
    postpon delay push defer reschedul moved
    restart resum reopen relaunch reviv
    walkout strike stoppag stopped picket
    start began begin broke erupt ignit outbreak
    rule ruling annul quash overturn upheld uphold verdict judgment judgement
    award receiv grant obtain won win secur
    face against versus rematch matchup opponent play beat defeat match game""".splitlines()
)


# Verbs whose relation is the whole answer: a sentence with every other word of "Did the
# cooperative win its appeal?" ("it would appeal") or "Who scored the goals?" ("both goals came in
# the second half") has not said it in other words.
_DECISIVE_TEXT = (
    "win lose beat defeat score approve reject pass convict acquit elect agree sign dismiss overturn"
    " charge indict arrest sentence decide rule"
)
_DECISIVE_VERBS = frozenset(_DECISIVE_TEXT.split())


def base_form(word: str) -> str:
    word = word.lower()
    return _IRREGULAR.get(word, word)


def _root_verb(question: str) -> tuple[str, list[str]] | None:
    """The question's main verb, when it is a content verb, and its direct objects (``_asked_act``)."""
    found = _asked_act(question)
    return (found[0], found[1]) if found else None


def _asks_a_noun_act(question: str) -> bool:
    """The act asked is a noun a support or aspectual verb governs ("begin their walkout")."""
    found = _asked_act(question)
    return bool(found and found[2])


@lru_cache(maxsize=512)
def _asked_act(question: str) -> tuple[str, list[str], bool] | None:
    """The question's main verb, when it is a content verb ("launched", "acquired", "won"), and
    its direct objects ("filed lawsuits": a sentence saying "sued" says the relation)."""
    doc = parse_one(question)
    if doc is None:
        return None
    # The asking sentence first, not a preamble before it ("US skater X is famed for ... . The
    # skill has earned him what nickname?"); when its verb is light ("In which province did the
    # tragedy occur?"), the preamble's verb says the relation ("Canada is grappling with its
    # worst school shooting").
    sentences = list(doc.sents) or [doc[:]]
    ask = max((i for i, s in enumerate(sentences) if "?" in s.text), default=len(sentences) - 1)
    for sentence in [sentences[ask], *reversed(sentences[:ask])]:
        token = sentence.root
        # "When did X visit Russia?" may parse "did" as the root: its verb child carries the relation.
        candidates = [token, *(c for c in token.children if c.dep_ in ("xcomp", "ccomp", "conj", "dep"))]
        for verb in candidates:
            base = base_form(verb.text)
            if _is_verb(verb) and (act := _act_of_support_verb(verb)) is not None:
                return act, [], True  # "take office" is said as "sworn in", "hold talks" as "met"
            if _is_verb(verb) and (begun := _act_begun(verb)) is not None:
                # "begin their walkout": the walkout; "start running": running
                return begun[0], [], begun[1]
            if _is_verb(verb) and not _light(verb):
                # Its object nouns say the relation too: "filed lawsuits" (said as "sued"), "was
                # plunged into a blackout" (said as "leading to blackouts").
                objects = [
                    c for c in verb.children if c.dep_ in ("dobj", "oprd", "ccomp") and c.pos_ == "NOUN"
                ]
                objects += [
                    o for p in verb.children if p.dep_ == "prep" and p.lower_ != "by"
                    for o in p.children
                    if o.dep_ == "pobj" and o.pos_ == "NOUN" and o.lower_.removesuffix("s") not in _WHEN_NOUNS
                ]  # fmt: skip
                return base, [o.lower_ for o in objects], False
    # A long title can throw the parse ("When was The Legend of Zelda: Breath of the Wild
    # released?" roots at "was", the verb hangs off the title): the asking sentence's first
    # content verb is its relation ("... nations urging their citizens to leave?": "urging").
    # A verb modifying a noun ("the delegation led by X") is the subject's description, not the
    # question's act: it comes last.
    asking = sentences[ask]
    verbs = [
        t for t in asking
        if t.pos_ == "VERB" and not _light(t) and not _sets_the_time(t) and not _describes_asked(t)
    ]  # fmt: skip
    acts = [t for t in verbs if not _describes_noun(t)]
    if not acts and asking.root.lower_ in _AUX_WORDS:
        # Do-support with the verb parsed as a noun of the subject ("When did the delegation led
        # by Kanimozhi visit Russia?" hangs "visit" off "by"): a word after "did" that names a
        # relation family is the act.
        acts = [
            t for t in asking
            if t.i > asking.root.i and t.pos_ == "NOUN" and _relation_prefixes(base_form(t.text))[1]
        ]  # fmt: skip
    main = [asking.root, *(c for c in asking.root.children if c.dep_ in ("xcomp", "ccomp", "conj", "dep"))]
    if not acts and any(t.pos_ == "VERB" for t in main):
        # The main verb is light ("What is the most a household that lost its home can claim?"):
        # the question asks with it; a relative clause's verb describes a noun, no act asked.
        return None
    chosen = (acts or verbs)[:1]
    return (base_form(chosen[0].text), [], False) if chosen else None


# Aspectual verbs: the act is what they begin or end ("When did trains start running again?" is
# not answered by "residents began returning home on April 11").
_ASPECTUAL_VERBS = frozenset({"start", "begin", "began", "begun", "stop", "finish", "continue", "cease"})


def _act_begun(verb: Token) -> tuple[str, bool] | None:
    """An aspectual verb's complement verb or object noun, the act asked about; None otherwise
    ("When did the strike begin?": the beginning itself)."""
    if not _forms(base_form(verb.text)) & _ASPECTUAL_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB" and not _light(child):
            return base_form(child.text), False
    if "start" in _forms(base_form(verb.text)):
        return None  # "started the fire", "started the company": an act of its own (caused, founded)
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            return base_form(child.text), True
    return None


# Support verbs: their object noun is the act ("take office", "hold talks", "make a deal").
# Not the reporting verbs ("announced the meeting": the act asked is the announcing).
_SUPPORT_VERBS = frozenset({"take", "hold", "make", "have", "give"})


def _act_of_support_verb(verb: Token) -> str | None:
    """A support verb's object noun that names a relation family is the act ("When did she take
    office?": said as "sworn in"; "held talks": said as "met"); None otherwise ("What post does
    she hold?": "post" names no act). The noun's own stem must begin the family's word
    ("headlines" is no "head")."""
    if not _forms(base_form(verb.text)) & _SUPPORT_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN":
            noun = base_form(child.text)
            own, families = _relation_prefixes(noun)
            if any(p[:5].startswith(own) for f in families for p in f):
                return noun
    return None


# Words opening a clause that says when, not what ("... end up with once the result was settled?").
_TIME_CLAUSE_WORDS = frozenset({"once", "after", "before", "when", "while", "until", "since", "as"})


def _sets_the_time(verb: Token) -> bool:
    """The verb of an adverbial clause saying when the asked thing holds: not the question's act."""
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_CLAUSE_WORDS for c in verb.children
    )


def _describes_noun(verb: Token) -> bool:
    """A relative clause or a passive participle with its agent ("the delegation led by X")
    describes a noun; a bare participle may be the small parser's reading of the act ("are
    several nations urging ...?" hangs "urging" off "nations")."""
    return verb.dep_ == "relcl" or (verb.dep_ == "acl" and any(c.dep_ == "agent" for c in verb.children))


def _describes_asked(verb: Token) -> bool:
    """A participle after the noun a copula asks for: "Who is the chief fire officer leading the
    response?" asks who the officer is; "leading" says which officer, and the sentence naming
    him ("Chief Fire Officer Jonas Elmqvist told a briefing") need not say it."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "attr"
        and head.head.lemma_ == "be"
        and any(c.lower_ in ("who", "what", "which") for c in head.head.children)
    )


# Do-support and modals: a word they govern is a verb, whatever the small parser tagged it
# ("When did the strike end?", "How much did the firm bid?" parse "end" and "bid" as nouns).
_AUX_WORDS = frozenset({"did", "does", "do", "will", "would", "can", "could", "should", "may", "might"})


def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (
        token.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ in _AUX_WORDS for c in token.children)
    )


def question_verb(question: str) -> str | None:
    """The question's relation verb ("won" -> "win"), or None when it asks with a light verb
    ("Who is ...?", "Where was it held?")."""
    found = _root_verb(question)
    return found[0] if found else None


def asks_decisive_relation(question: str) -> bool:
    """The question's verb is one whose relation is the whole answer ("Who won ...?")."""
    verb = question_verb(question)
    return verb is not None and bool(_forms(verb) & _DECISIVE_VERBS)


def _forms(word: str) -> set[str]:
    """The word and what it may be an inflection of ("named" -> name/nam/named)."""
    out = {word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: -len(suffix)])
            out.add(word[: -len(suffix)] + "e")
    return out


# Share of the question's content words (names weigh double) in the cited sentences above which
# the relation is taken as said in other words. On the RealTime QA dev weeks, the sentences that
# answered with a paraphrased verb ("sued" for "filed lawsuits") covered 0.57-0.70; the wrong ones
# (another company, another province) 0.43 and below.
COVERED = 0.55


# ... and at least this many of its plain (not capitalised) words: a sentence that only shares
# the question's names ("Operation Sindoor", "Instagram") has not said the relation in other words.
COVERED_PLAIN_WORDS = 2


# Verbs whose complement is the act: "declared over" is not "declared" (an outbreak is declared
# when it begins), nor "declared safe" "declared closed".
_STATE_VERBS = ("declar", "pronounc", "deem", "certif")


@lru_cache(maxsize=512)
def _declared_state(question: str) -> tuple[str, str] | None:
    """(verb, what it declares) for "When was the outbreak declared over?" -> ("declared", "over")."""
    doc = parse_one(question)
    if doc is None:
        return None
    for verb in doc:
        if verb.pos_ == "VERB" and verb.lower_.startswith(_STATE_VERBS):
            for child in verb.children:
                if child.dep_ in ("prt", "oprd", "acomp") and child.pos_ in ("ADJ", "ADP", "ADV"):
                    return verb.lower_, child.lower_
    return None


def _says_state(verb: str, state: str, text: str) -> bool:
    """The verb with its complement within a few words ("declared the outbreak over")."""
    own = re.escape(verb[:5])
    # A particle whole ("over", not "overwhelmed"); an adjective by its stem ("bankruptcy").
    said = re.escape(state) + (r"\b" if len(state) <= 4 else "")
    return re.search(rf"\b{own}\w*\s+(?:[\w'’-]+\s+){{0,4}}?{said}", text, re.I) is not None


def _read(quote: Evidence, titles: bool) -> str:
    return f"{quote.title} {quote.text}" if titles else quote.text


def question_coverage(
    question: str, quotes: Sequence[Evidence], *, titles: bool = True
) -> tuple[float, dict[str, float], set[str]]:
    """The share of the question's content words (names weigh double) the quotes (with their
    articles' titles unless ``titles`` is False) hold; with those words and the quotes' words."""
    have = set().union(*(term_set(_read(q, titles)) for q in quotes)) if quotes else set()
    asked = content_terms(question)
    return lexical_coverage(asked, have), asked, have


def _covered(question: str, quotes: Sequence[Evidence], titles: bool = True) -> bool:
    share, asked, have = question_coverage(question, quotes, titles=titles)
    plain = [t for t, weight in asked.items() if weight == 1.0 and t in have]
    return share >= COVERED and len(plain) >= COVERED_PLAIN_WORDS


def relation_reason(
    question: str,
    quotes: Sequence[Evidence],
    *,
    strict: bool = False,
    titles: bool = True,
    reworded: bool = True,
) -> str | None:
    """The relation the question asks about (its main verb) is named in no cited sentence:
    "When was Operation Sindoor launched?" is not answered by a sentence about a visit.
    ``strict`` (a bare answer, which says no relation of its own): an object noun counts only
    through a relation family ("lawsuits" for "sued"), not by itself: "the expansion" in a
    sentence about a court dismissing a petition does not say the board approved it.
    ``titles`` False: the sentences alone must say it (a number's own sentence: the headline
    "Eleven dead as floods sweep" does not make "2,400 people were evacuated" a death toll).
    ``reworded`` False: the verb itself (or its family) must be said, even by sentences holding
    every other word of the question (a person's own sentence: calling for an inquiry into the
    handling of the outbreak is not chairing it)."""
    if not quotes:
        return None
    if (declared := _declared_state(question)) and not any(
        _says_state(*declared, _read(q, titles)) for q in quotes
    ):
        return f"no cited sentence says what the question asks ('{' '.join(declared)}')"
    found = _root_verb(question)
    if found is not None and titles:
        own, families = _relation_prefixes(found[0])
        quotes = [_headless_if_other(q, {own}.union(*families)) for q in quotes]
    if (
        reworded
        and _covered(question, quotes, titles)
        and (found is None or not _forms(found[0]) & _DECISIVE_VERBS)
        and not _asks_a_noun_act(question)
    ):
        # The cited sentences hold (nearly) every other word of the question: the relation is
        # there in some wording ("investigating an arson" answered by "the arson attack"). Not
        # an act named by its noun ("begin their walkout"): the noun is how it is said.
        return None
    if found is None:
        return None
    verb, objects = found
    prefixes: set[str] = set()
    decisive = bool(_forms(verb) & _DECISIVE_VERBS)
    for i, word in enumerate((verb, *objects)):
        own, families = _relation_prefixes(word)
        if i > 0 and (decisive or (strict and not families) or not reworded):
            continue  # "win its appeal" is not said by "would appeal", nor "scored goals" by "goals came"
        prefixes |= {own}.union(*families)
    # A date phrase says no act ("since the start of April" does not say anything started).
    saying = [q for q in quotes if says_any(_without_date_phrases(_read(q, titles)), prefixes)]
    if not saying:
        return f"no cited sentence says what the question asks ('{verb}')"
    if decisive and not _about_the_question(question, verb, saying, titles):
        # "Varga won 44.2% of the vote in the election" cited beside "they met in a televised
        # debate" does not say who won the debate: the sentence with the verb must be about it.
        return f"the cited sentence that says '{verb}' is about something else than the question"
    if decisive and (part := _only_of_a_part(question, prefixes, saying, titles)):
        return f"the cited sentences say '{verb}' of a {part} of it, not of what the question asks"
    return None


def _headless_if_other(quote: Evidence, prefixes: set[str]) -> Evidence:
    """The quote without its title when the sentence says another relation of its own: the
    headline "... iPhone 11 ... was released on September 20th" does not make "Preorders began on
    September 13th" a release date (the title names the thing; the sentence's verb says what
    happened on its date)."""
    if not quote.title or says_any(quote.text, prefixes):
        return quote
    doc = parse_one(quote.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
    if root is None or root.pos_ != "VERB":
        return quote
    base = base_form(root.text)
    if _forms(base) & _LIGHT_VERBS or not _relation_prefixes(base)[1]:
        return quote
    return replace(quote, title="")


# Parts of a contest: winning one is not winning the whole ("wins stage 13 of the Tour de France"
# does not say who won the Tour, nor "won the first round" who won the election). Not "game" or
# "set": "the Chiefs won the game" is the Super Bowl, "won and set a record" no part at all.
_CONTEST_PARTS_TEXT = """stage stages leg legs heat heats round rounds semifinal semifinals semi semis
    quarterfinal quarterfinals qualifier qualifiers qualifying opener"""
_CONTEST_PARTS = frozenset(_CONTEST_PARTS_TEXT.split())
_PART_REACH = 4  # words after the verb ("won the opening stage", "wins stage 13")


def _only_of_a_part(
    question: str, prefixes: set[str], quotes: Sequence[Evidence], titles: bool
) -> str | None:
    """Every cited sentence that says the decisive verb says it of a part of a contest the question
    does not ask about; the part's name, else None. Within a sentence that names a part, the other
    wins it counts are of such parts too ("wins stage 13 of the Tour, his fourth victory in this
    year's race") unless they name something the question asks about ("... and went on to win
    the Tour")."""
    asked = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
    asked_terms = set(content_terms(question))
    part = None
    for q in quotes:
        words = re.findall(r"[A-Za-z]+", _read(q, titles))
        said = [i for i, word in enumerate(words) if _says_word(word, prefixes)]
        if not said:
            continue
        afters = [[w.lower() for w in words[i + 1 : i + 1 + _PART_REACH]] for i in said]
        named = [next((w for w in after if w in _CONTEST_PARTS and w not in asked), None) for after in afters]
        here = next((n for n in named if n is not None), None)
        if here is None:
            return None
        if any(n is None and asked_terms & term_set(" ".join(a)) for n, a in zip(named, afters, strict=True)):
            return None
        part = here
    return part


def _about_the_question(question: str, verb: str, quotes: Sequence[Evidence], titles: bool) -> bool:
    """Some of ``quotes`` shares a content word of the question besides its verb."""
    asked = set(content_terms(question)) - {stem(f) for f in _forms(verb)}
    return not asked or any(asked & term_set(_read(q, titles)) for q in quotes)


def _without_date_phrases(text: str) -> str:
    for phrase in reversed(find_expressions(text)):
        text = f"{text[: phrase.start]} {text[phrase.end :]}"
    return text


def _relation_prefixes(word: str) -> tuple[str, list[frozenset[str]]]:
    """The word's stem's first letters ("urging" -> "urg", "launched" -> "launc") and the relation
    families it belongs to."""
    own = min(_forms(word), key=len)[:5]
    return own, [f for f in _RELATION_FAMILIES if any(own.startswith(p[:5]) for p in f)]


def _says_word(word: str, prefixes: set[str]) -> bool:
    """The word, as written or as its base ("went" -> "go"), starts with a prefix."""
    return any(form.startswith(p) for form in (word.lower(), base_form(word)) for p in prefixes)


def says_any(text: str, prefixes: set[str]) -> bool:
    """Some word of ``text`` says one of the prefixes (``_says_word``)."""
    return any(_says_word(w, prefixes) for w in set(re.findall(r"[A-Za-z]+", text)))


def says_relation(question: str, text: str) -> bool | None:
    """Whether ``text`` says the question's relation verb (in some form or family); None when the
    question asks with a light verb ("Who is ...?")."""
    found = _root_verb(question)
    if found is None:
        return None
    own, families = _relation_prefixes(found[0])
    return says_any(text, {own}.union(*families))


def relation_prefixes(question: str) -> set[str] | None:
    """The word beginnings that say the question's relation verb (its own and its families'), or
    None when the question asks with a light verb."""
    found = _root_verb(question)
    if found is None:
        return None
    own, families = _relation_prefixes(found[0])
    return {own}.union(*families)


def says_word(word: str, prefixes: set[str]) -> bool:
    """``word`` (as written or as its base) says one of ``prefixes``."""
    return _says_word(word, prefixes)
