from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from assistant.types import DocumentRecord
from ingest.chunking import chunk_document, locate, split_sentences, split_spans
from ingest.readers import read_article


def _doc(text: str, title: str = "A title") -> DocumentRecord:
    return DocumentRecord(doc_id="d", source_key="k", content_hash="h", title=title, text=text)


def _words(text: str) -> list[str]:
    return text.split()


def _random_text(seed: int, sentences: int = 80) -> str:
    rng = random.Random(seed)
    vocab = [
        "minister",
        "met",
        "talks",
        "summit",
        "Moscow",
        "trade",
        "energy",
        "said",
        "on",
        "Monday",
        "agreed",
    ]
    parts = []
    for i in range(sentences):
        words = [rng.choice(vocab) for _ in range(rng.randint(4, 30))]
        sentence = " ".join(words).capitalize() + rng.choice([".", "!", "?", ". Mr."])
        sep = rng.choice([" ", "  ", "\n", "\n\n\n", " \t ", "\n \n"])
        parts.append(sentence + (sep if i < sentences - 1 else ""))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(6))
def test_offsets_are_exact_and_cover_every_word(seed: int) -> None:
    doc = _doc(_random_text(seed))
    chunks = chunk_document(doc, chunk_size=64, chunk_overlap=12)
    assert len(chunks) > 3
    for i, c in enumerate(chunks):
        assert c.text == doc.text[c.start : c.end] and c.text.strip() == c.text
        assert (c.index, c.chunk_id, c.doc_id) == (i, f"d:{i}", "d")
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    # Every word of the document lies inside some chunk (nothing becomes unsearchable).
    covered = [False] * len(doc.text)
    for c in chunks:
        covered[c.start : c.end] = [True] * (c.end - c.start)
    for m in re.finditer(r"\S+", doc.text):
        assert all(covered[m.start() : m.end()]), m.group()


def test_chunks_respect_size_and_end_at_sentences(sample_dir: Path) -> None:
    art = read_article(next(sample_dir.glob("*.txt")))
    doc = _doc(art.text, "Short title")
    small = chunk_document(doc, chunk_size=120, chunk_overlap=10)
    large = chunk_document(doc, chunk_size=400, chunk_overlap=10)
    assert len(small) > len(large) >= 1
    for c in small:
        assert c.text == doc.text[c.start : c.end]
        assert len(_words(c.text)) < 120  # tokens >= words for English prose
        # Sentence-aware: no chunk ends mid-sentence (the last one ends where the text does).
        assert c.end == len(doc.text) or c.text[-1] in ".!?\"'”’)"


def test_overlap_repeats_text_between_neighbours() -> None:
    text = " ".join(f"Sentence number {i} is about topic {i}." for i in range(60))
    chunks = chunk_document(_doc(text), chunk_size=60, chunk_overlap=20)
    assert any(b.start < a.end for a, b in itertools.pairwise(chunks))


def test_locate_tolerates_whitespace_changes() -> None:
    text = "Alpha  beta\n\ngamma delta. Epsilon."
    assert locate(text, "Alpha beta gamma", 0) == (0, text.index("gamma") + 5)
    assert locate(text, "Epsilon.", 0) == (text.index("Epsilon"), len(text))
    assert locate(text, "missing words", 0) is None


def test_split_sentences_round_trips_and_knows_abbreviations() -> None:
    text = "Mr. Smith met S. Jaishankar on Aug. 21, 2025. They talked.\n\nThen left."
    parts = split_sentences(text)
    assert "".join(parts) == text
    assert parts[0].strip() == "Mr. Smith met S. Jaishankar on Aug. 21, 2025."


def test_empty_and_tiny_texts() -> None:
    assert split_spans("   ", "t", 64, 8) == []
    [only] = chunk_document(_doc("  One line.  "), 64, 8)
    assert only.text == "One line."
