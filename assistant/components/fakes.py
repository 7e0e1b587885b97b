"""Deterministic stand-ins for the models (the ``test`` profile; also handy for demos of wiring).

- ``HashEmbedding``: hashed bag of words (+ word bigrams), L2-normalised. Texts that share words
  are close, so retrieval in tests behaves like a (weak) real embedding, with no model files.
- ``FakeLLM``: replies from a script (``enqueue``); with an empty script it answers extractively
  from the numbered evidence in the prompt, so end-to-end paths work without a model.
  Every prompt it receives is kept in ``prompts`` for assertions.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import deque
from collections.abc import Callable
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.llms.types import CompletionResponse, CompletionResponseGen, LLMMetadata
from llama_index.core.llms import CustomLLM
from llama_index.core.llms.callbacks import llm_completion_callback
from pydantic import PrivateAttr

from assistant.textutil import FUNCTION_WORDS

_WORD = re.compile(r"[a-z0-9]+")
_STOP = FUNCTION_WORDS


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


class HashEmbedding(BaseEmbedding):
    dim: int = 256

    @classmethod
    def class_name(cls) -> str:
        return "HashEmbedding"

    def _embed(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        words = _tokens(text)
        feats = words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]
        for feat in feats:
            h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._embed(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]


_EVIDENCE_LINE = re.compile(r"^\[(\d+)\][^\n]*?\n?\s*(?:\"|“)?(.+?)(?:\"|”)?$", re.MULTILINE)


def extractive_reply(prompt: str) -> str:
    """Answer with the evidence sentence sharing most words with the question (cited)."""
    question = ""
    match = re.search(r"Question:\s*(.+)", prompt)
    if match:
        question = match.group(1)
    q = set(_tokens(question))
    best: tuple[int, int, str] | None = None
    for m in re.finditer(r"^\[(\d+)\](.*)$", prompt, re.MULTILINE):
        n, line = int(m.group(1)), m.group(2)
        text = line.split("|")[-1].strip() if "|" in line else line.strip()
        score = len(q & set(_tokens(text)))
        if best is None or score > best[0]:
            best = (score, n, text)
    if best is None or best[0] == 0:
        from prompts import CANNOT_ANSWER

        return CANNOT_ANSWER
    return f"{best[2]} [{best[1]}]"


class FakeLLM(CustomLLM):
    """A scripted LLM: ``enqueue("reply", ...)``; callables get the prompt and return the reply."""

    _script: deque[str | Callable[[str], str]] = PrivateAttr(default_factory=deque)
    _prompts: list[str] = PrivateAttr(default_factory=list)

    @classmethod
    def class_name(cls) -> str:
        return "FakeLLM"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=8192, num_output=256, model_name="fake")

    @property
    def prompts(self) -> list[str]:
        return self._prompts

    def enqueue(self, *replies: str | Callable[[str], str]) -> None:
        self._script.extend(replies)

    def _reply(self, prompt: str) -> str:
        self._prompts.append(prompt)
        if self._script:
            item = self._script.popleft()
            return item(prompt) if callable(item) else item
        return extractive_reply(prompt)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self._reply(prompt))

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        text = self._reply(prompt)

        def gen() -> CompletionResponseGen:
            so_far = ""
            for piece in re.findall(r"\S+\s*", text):
                so_far += piece
                yield CompletionResponse(text=so_far, delta=piece)

        return gen()
