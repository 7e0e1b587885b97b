"""Is the sentence naming the answer cut off before it says anything of it?

Search snippets and truncated feed summaries end mid-sentence: "Aug 22, 2019 ... In 2019, Federer
has ..." names Federer and a year, and stops before its verb says what he has. A citation check
passes it (every name and date of "Federer is the 2019 year-end No. 1" but the rank is in it) and
the other checks see the rank said in the snippet's other sentences. What the cut sentence says of
its subject is gone: when the bare answer is the subject of a verb the cut leaves without object or
complement, and every sentence naming the answer is cut so, the answer is not stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Evidence
from ingest.nlp import parse_one

# A sentence cut by its source: "...", "…", "[…]" or "[...]" at its end.
_CUT = re.compile(r"(?:\.\.\.|…|\[(?:…|\.\.\.)\])[\s\xa0]*$")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _last_word(answer: str) -> str:
    """The answer's head word as both checks match it ("Rafael Nadal" -> "nadal")."""
    words = re.findall(r"[\w'’-]+", answer.lower())
    return words[-1] if words else ""


def cut_before_predicate(text: str, answer: str) -> bool:
    """``text`` is cut off right after a verb whose subject is ``answer``: "In 2019, Federer
    has ...", "Djokovic will ...". "Nadal has won the title and ..." says what he won; "The winner
    was Smith, who has ..." says Smith won before the cut."""
    if not _CUT.search(text):
        return False
    # The last piece of a snippet that joins several ("Aug 22, 2019 ... In 2019, Federer has ...").
    doc = parse_one(re.split(r"\.\.\.|…", _CUT.sub("", text))[-1])
    head = _last_word(answer)
    if doc is None or not head:
        return False
    last_word = next(
        (i for i in range(len(doc) - 1, -1, -1) if not (doc[i].is_punct or doc[i].is_space)), None
    )
    for token in doc:
        if token.lower_ != head or token.dep_ not in _SUBJECTS:
            continue
        verb = token.head
        if verb.i == last_word and verb.pos_ in ("VERB", "AUX"):
            return True
    return False


def cut_reason(short: str, holding: Sequence[Evidence]) -> str | None:
    """Every sentence naming the bare answer is cut before its verb says anything of it."""
    head = _last_word(short)
    if not head or not holding:
        return None
    named = [q for q in holding if re.search(rf"\b{re.escape(head)}\b", q.text.lower())]
    if named and all(cut_before_predicate(q.text, short) for q in named):
        return "the sentence naming the answer is cut off before it says anything of it"
    return None
