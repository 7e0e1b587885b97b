"""Sentence-aware chunking with exact character offsets into the stored document text.

llama-index's ``SentenceSplitter`` does the splitting (its size accounts for the title we embed
beside each chunk). It returns chunk *strings*; we locate each one in the document ourselves,
because a citation must later quote ``doc.text[start:end]`` exactly and the splitter may strip
or re-join whitespace. Every returned chunk satisfies ``chunk.text == doc.text[chunk.start:chunk.end]``.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.types import ChunkRecord, DocumentRecord

if TYPE_CHECKING:
    from llama_index.core.node_parser import SentenceSplitter

logger = logging.getLogger(__name__)

# The title embedded beside each chunk is capped so a long title cannot eat the chunk budget.
EMBED_TITLE_CHARS = 200


def embed_title(title: str) -> str:
    return title[:EMBED_TITLE_CHARS]


def metadata_str(title: str) -> str:
    """What llama-index puts before the chunk text when embedding (see index.chunk_nodes)."""
    return f"title: {embed_title(title)}"


@lru_cache(maxsize=1)
def _punkt() -> Any:
    # llama-index's default sentence tokenizer is an *untrained* Punkt, which ends sentences at
    # "Mr." or "Aug."; the trained English model ships in llama-index's own NLTK cache.
    from llama_index.core.utils import globals_helper

    globals_helper.punkt_tokenizer  # noqa: B018  (puts llama-index's NLTK cache on nltk's path)
    from nltk.tokenize import PunktTokenizer

    return PunktTokenizer("english")


def split_sentences(text: str) -> list[str]:
    """Sentences that concatenate back to ``text`` (each keeps its trailing whitespace)."""
    starts = [start for start, _ in _punkt().span_tokenize(text)]
    if not starts:
        return [text] if text else []
    starts[0] = 0
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


@lru_cache(maxsize=8)
def make_splitter(chunk_size: int, chunk_overlap: int) -> SentenceSplitter:
    from llama_index.core.node_parser import SentenceSplitter

    return SentenceSplitter(
        chunk_size=chunk_size,
        chunk_overlap=min(chunk_overlap, chunk_size // 2),
        chunking_tokenizer_fn=split_sentences,
    )


def _loose_pattern(piece: str) -> re.Pattern[str] | None:
    words = piece.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def locate(text: str, piece: str, start_from: int) -> tuple[int, int] | None:
    """Where ``piece`` occurs in ``text`` at or after ``start_from``: exactly, else whitespace-insensitively."""
    piece = piece.strip()
    if not piece:
        return None
    at = text.find(piece, start_from)
    if at >= 0:
        return at, at + len(piece)
    pattern = _loose_pattern(piece)
    match = pattern.search(text, start_from) if pattern else None
    if match:
        return match.start(), match.end()
    return None


def _anchor_span(text: str, piece: str, start_from: int) -> tuple[int, int] | None:
    """Last resort for a chunk the splitter altered: anchor on its first and last few words."""
    words = piece.split()
    if len(words) < 4:
        return None
    head = _loose_pattern(" ".join(words[:4]))
    tail = _loose_pattern(" ".join(words[-4:]))
    head_match = head.search(text, start_from) if head else None
    if not head_match:
        return None
    tail_match = tail.search(text, head_match.start()) if tail else None
    end = tail_match.end() if tail_match else min(len(text), head_match.start() + len(piece))
    return head_match.start(), end


def split_spans(text: str, title: str, chunk_size: int, chunk_overlap: int) -> list[tuple[int, int]]:
    """(start, end) offsets of each chunk of ``text``; together they cover every word of it."""
    if not text.strip():
        return []
    pieces = make_splitter(chunk_size, chunk_overlap).split_text_metadata_aware(text, metadata_str(title))
    spans: list[tuple[int, int]] = []
    cursor = 0  # chunks come in document order; overlap means the next may start before the last ends
    for piece in pieces:
        span = locate(text, piece, cursor) or _anchor_span(text, piece, cursor)
        if span is None:
            logger.warning(
                "could not locate a chunk of '%s' in its text; it is covered by its neighbours", title
            )
            continue
        spans.append(span)
        cursor = span[0] + 1
    return _cover_gaps(text, spans)


def _cover_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretch chunks over any words the located spans missed (nothing may become unsearchable)."""
    if not spans:
        stripped = text.strip()
        start = text.find(stripped)
        return [(start, start + len(stripped))]
    fixed: list[tuple[int, int]] = []
    prev_end = 0
    for i, (start, end) in enumerate(spans):
        if text[prev_end:start].strip():
            start = prev_end + (len(text[prev_end:start]) - len(text[prev_end:start].lstrip()))
        if i == len(spans) - 1 and text[end:].strip():
            end = len(text.rstrip())
        fixed.append((start, max(end, start)))
        prev_end = max(prev_end, end)
    return fixed


def chunk_document(doc: DocumentRecord, chunk_size: int, chunk_overlap: int) -> list[ChunkRecord]:
    spans = split_spans(doc.text, doc.title, chunk_size, chunk_overlap)
    return [
        ChunkRecord(
            chunk_id=f"{doc.doc_id}:{i}", doc_id=doc.doc_id, index=i, start=s, end=e, text=doc.text[s:e]
        )
        for i, (s, e) in enumerate(spans)
    ]
