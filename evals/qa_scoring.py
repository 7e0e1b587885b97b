"""Scoring of public news-QA benchmarks (RealTime QA, RGB) with their own rules.

RealTime QA's generation setting (realtimeqa/realtimeqa_public): gold = the text of the right
choice(s), several joined by a space; exact match and token F1 after lower-casing, removing ASCII
punctuation and collapsing whitespace (SQuAD-style, articles kept); questions whose sentence ends
in "except" are skipped. ``unicode=True`` also strips Unicode punctuation (curly quotes), a
figure we report beside the benchmark's own, never instead of it.
"""

from __future__ import annotations

import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_ASCII_PUNCT = frozenset(string.punctuation)


def normalize_answer(text: str, *, unicode: bool = False) -> str:
    text = text.lower()
    if unicode:
        text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    else:
        text = "".join(ch for ch in text if ch not in _ASCII_PUNCT)
    return " ".join(text.split())


def exact_match(prediction: str, gold: str, *, unicode: bool = False) -> float:
    return float(normalize_answer(prediction, unicode=unicode) == normalize_answer(gold, unicode=unicode))


def f1_score(prediction: str, gold: str, *, unicode: bool = False) -> float:
    pred = normalize_answer(prediction, unicode=unicode).split()
    ref = normalize_answer(gold, unicode=unicode).split()
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def gold_answer(question: Mapping[str, Any]) -> str:
    """The text of the right choice(s) of a RealTime QA question."""
    choices: Sequence[str] = question["choices"]
    return " ".join(str(choices[int(i)]) for i in question["answer"])


def is_except_question(question: Mapping[str, Any]) -> bool:
    sentence = str(question.get("question_sentence", "")).strip().rstrip("?.:!").strip()
    return sentence.lower().endswith("except")


def answer_in_texts(gold: str, texts: Iterable[str]) -> bool:
    """Does the normalised gold string occur in any of the (normalised) texts? Plain substring,
    as in the data's README (56 of the 95 baseline questions have it in their own articles)."""
    needle = normalize_answer(gold)
    return bool(needle) and any(needle in normalize_answer(t) for t in texts)


def score_predictions(
    questions: Mapping[str, Mapping[str, Any]], predictions: Mapping[str, str], *, unicode: bool = False
) -> dict[str, float]:
    """Mean EM and F1 over the (non-"except") questions that have a prediction."""
    ems: list[float] = []
    f1s: list[float] = []
    for qid, pred in predictions.items():
        q = questions.get(qid)
        if q is None or is_except_question(q):
            continue
        gold = gold_answer(q)
        ems.append(exact_match(pred, gold, unicode=unicode))
        f1s.append(f1_score(pred, gold, unicode=unicode))
    n = len(ems)
    return {"n": float(n), "em": sum(ems) / n if n else 0.0, "f1": sum(f1s) / n if n else 0.0}


def contains_answer(prediction: str, answers: Sequence[Any] | str) -> bool:
    """RGB's rule (``checkanswer`` in its evaluation code): the normalised prediction contains
    every item of the answer list, where an item that is itself a list is a set of accepted
    variants ("July 21, 2017" / "21 July 2017") and any one of them counts."""
    text = normalize_answer(prediction, unicode=True)
    items = [answers] if isinstance(answers, str) else list(answers)
    if not items:
        return False
    for item in items:
        variants = item if isinstance(item, list) else [item]
        if not any(normalize_answer(str(v), unicode=True) in text for v in variants):
            return False
    return True


def _name_tokens(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return {w for w in "".join(c if c.isalnum() else " " for c in plain).split() if len(w) >= 4}


def partly_matches(prediction: str, answers: Sequence[Any] | str) -> bool:
    """The prediction says the gold in part, where ``contains_answer`` finds no match: a coarser
    date inside the gold's ("May 2012" for "May 15, 2012"), a word of the gold name ("Nadal"), a
    near spelling ("Cristophe Gans"), or the gold's number in other words ("1.65 billion dollars").

    Reported beside RGB's own figures, never instead of them: its "negative" passages are search
    results without the answer *string*, and some say the fact in another form.
    """
    from difflib import SequenceMatcher

    from assistant.citations import NUMBER
    from assistant.querytime import find_dates

    items = [answers] if isinstance(answers, str) else list(answers)
    variants = [str(v) for item in items for v in (item if isinstance(item, list) else [item])]
    said_dates = [d for d in find_dates(prediction) if d.year is not None]
    said_numbers = {m.group(1).replace(",", "") for m in NUMBER.finditer(prediction)}
    for gold in variants:
        gold_dates = [d for d in find_dates(gold) if d.year is not None]
        if gold_dates:
            g = gold_dates[0]
            if any(
                d.year == g.year and d.month in (None, g.month) and d.day in (None, g.day) for d in said_dates
            ):
                return True
            continue
        gold_numbers = {m.group(1).replace(",", "") for m in NUMBER.finditer(gold)}
        if gold_numbers:  # an amount: only its number counts ("billion" is no match)
            if gold_numbers & said_numbers:
                return True
            continue
        if _name_tokens(prediction) & _name_tokens(gold):
            return True
        a, b = normalize_answer(prediction, unicode=True), normalize_answer(gold, unicode=True)
        if a and b and SequenceMatcher(None, a, b).ratio() >= 0.85:
            return True
    return False
