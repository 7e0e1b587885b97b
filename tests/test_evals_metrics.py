from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from evals.metrics import (
    answer_correct,
    by_category,
    citation_scores,
    engine_support,
    lexical_support,
    percentile,
    retrieval_scores,
    short_answer_correct,
    statements,
    summarize,
)
from evals.schema import Expected, Turn


@dataclass
class Cite:
    id: int
    doc_id: str
    quote: str
    supported: bool = True


def turn(expected: Expected | None) -> Turn:
    return Turn("q?", expected, expected is None, (), "x")


def test_answer_correct() -> None:
    place = turn(Expected("place", "Moscow"))
    assert answer_correct(place, answer="In Moscow [1].", short_answer="Moscow", refused=False)
    assert answer_correct(place, answer="They meet in Moscow [1].", short_answer="", refused=False)
    assert not answer_correct(place, answer="Moscow", short_answer="Moscow", refused=True)
    assert not answer_correct(place, answer="In Kazan [1].", short_answer="Kazan", refused=False)
    unanswerable = turn(None)
    assert answer_correct(unanswerable, answer="The sources do not say.", short_answer="", refused=True)
    assert not answer_correct(unanswerable, answer="They agreed.", short_answer="agreed", refused=False)


def test_short_answer_correct_scores_the_bare_answer_alone() -> None:
    revenue = turn(Expected("number", "$3.4 billion"))
    # The full answer holds it; the bare answer picked the wrong number of the sentence.
    assert answer_correct(
        revenue, answer="Revenue rose 12% to $3.4 billion [1].", short_answer="12%", refused=False
    )
    assert not short_answer_correct(revenue, short_answer="12%", refused=False)
    assert short_answer_correct(revenue, short_answer="$3.4 billion", refused=False)
    assert not short_answer_correct(revenue, short_answer="$3.4 billion", refused=True)


def test_retrieval_scores_are_document_level() -> None:
    # chunks of one document count once: doc b is the 2nd distinct document
    assert retrieval_scores(["a", "a", "b", "c"], {"b"}, k=2) == (1.0, 0.5)
    assert retrieval_scores(["a", "a", "b", "c"], {"c"}, k=2) == (0.0, 0.0)
    assert retrieval_scores(["c"], {"c", "z"}, k=5) == (1.0, 1.0)
    assert retrieval_scores([], {"c"}, k=5) == (0.0, 0.0)


def test_statements_keep_their_citations() -> None:
    text = "They meet on August 21 in Moscow [1]. The talks follow July 15 [2][3].\nA third one."
    assert statements(text) == ["They meet on August 21 in Moscow [1].", "The talks follow July 15 [2][3].",
                                "A third one."]  # fmt: skip
    # An initial ends no statement: "S. Vant" is one name.
    assert statements("Lena Osk and S. Vant met in Valdora [1]. They talked.") == [
        "Lena Osk and S. Vant met in Valdora [1].",
        "They talked.",
    ]


def by_words(statement: str, cites: Sequence[Cite]) -> bool:
    """Test support: every capitalised word of the statement is in the quotes."""
    joined = " ".join(c.quote for c in cites)
    return all(w in joined for w in statement.replace("[", " [").split() if w[:1].isupper())


def test_alce_recall_and_precision() -> None:
    cites = [
        Cite(1, "d1", "Moscow hosts talks"),
        Cite(2, "d2", "Lavrov speaks"),
        Cite(3, "d3", "weather is fine"),
    ]
    # one statement, two citations both needed; one needless citation [3]; one uncited statement
    answer = "Lavrov in Moscow [1][2]. Lavrov again [2][3]. Uncited claim."
    s = citation_scores(answer, cites, by_words)
    assert s.n_statements == 3 and s.n_citations == 4
    assert s.recall == pytest.approx(2 / 3)
    # [1] needed, [2] needed, [2] alone supports, [3] neither supports nor is needed
    assert s.precision == pytest.approx(3 / 4)


def test_alce_unknown_and_dropped_citations() -> None:
    cites = [Cite(1, "d1", "Moscow"), Cite(2, "d2", "Kazan", supported=False)]
    s = citation_scores("Moscow [1]. Paris [9].", cites, by_words)
    assert s.recall == pytest.approx(0.5)
    # [1] precise; [9] names no source; the dropped [2] counts against precision
    assert s.precision == pytest.approx(1 / 3)
    assert citation_scores("", cites, by_words).recall is None


def test_lexical_support_checks_numbers_and_dates() -> None:
    quote = "Lavrov is set to meet Jaishankar in Moscow on August 21, 2025, for discussions."
    for check in (lexical_support, engine_support):
        cites = [Cite(1, "d", quote)]
        assert check("Lavrov will meet Jaishankar in Moscow on August 21, 2025 [1].", cites)
        assert not check("Lavrov will meet Jaishankar in Moscow on August 22, 2025 [1].", cites)
        assert not check("Lavrov will meet Jaishankar in Moscow in 2024 [1].", cites)
        assert not check("Putin signed a gas deal with Modi in Delhi [1].", cites)


@dataclass
class R:
    category: str
    unanswerable: bool
    refused: bool
    correct: bool
    latency_s: float
    hit: float | None = None
    rr: float | None = None
    cite_precision: float | None = None
    cite_recall: float | None = None
    cited_expected: bool | None = None
    short_correct: bool | None = None
    error: str | None = None


def test_summarize_and_categories() -> None:
    results = [
        R(
            "place",
            False,
            False,
            True,
            1.0,
            hit=1.0,
            rr=1.0,
            cite_precision=1.0,
            cite_recall=1.0,
            cited_expected=True,
            short_correct=True,
        ),
        R("place", False, True, False, 2.0, hit=0.0, rr=0.0),
        R("date", False, False, False, 3.0, hit=1.0, rr=0.5, cite_precision=0.5, cite_recall=0.0),
        R("unanswerable", True, True, True, 4.0),
        R("unanswerable", True, False, False, 5.0, error="boom"),
    ]
    m = summarize(results)
    assert m["questions"] == 5 and m["errors"] == 1
    assert m["accuracy"] == pytest.approx(1 / 3)
    assert m["short_answer_accuracy"] == pytest.approx(1 / 3)
    assert m["overall"] == pytest.approx(2 / 5)
    assert m["refusal_rate"] == pytest.approx(0.5)
    assert m["false_refusal_rate"] == pytest.approx(1 / 3)
    assert m["hit_at_k"] == pytest.approx(2 / 3) and m["mrr_at_k"] == pytest.approx(0.5)
    assert m["citation_precision"] == pytest.approx(0.75) and m["citation_recall"] == pytest.approx(0.5)
    assert m["cited_expected"] == pytest.approx(1.0)
    assert m["latency_p50"] == pytest.approx(2.5)  # the errored question's latency is left out
    cats = by_category(results)
    assert cats["place"]["score"] == pytest.approx(0.5) and cats["unanswerable"]["n"] == 2
    assert summarize([])["accuracy"] is None


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0], 95) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == pytest.approx(4.8)
