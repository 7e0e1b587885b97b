"""The UI without a browser: access rules, offline theme, panels and the chat function."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from assistant.components.library import Library
from assistant.engine import ChatSession
from assistant.errors import ConfigError
from assistant.settings import Settings
from assistant.types import Answer, Citation, DocumentRecord
from assistant.ui import render
from assistant.ui.app import is_loopback_host, launch_kwargs, parse_auth, resolve_access, serve
from assistant.ui.chat_tab import respond
from assistant.ui.context import AppContext

DOC_TEXT = (
    "Opening line of the story. The ministers met in <Springfield> on 3 March & agreed a plan. "
    "Officials said more talks would follow later in the year."
)
QUOTE = "The ministers met in <Springfield> on 3 March & agreed a plan."


# --------------------------------------------------------------------------- access rules
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_hosts_need_no_login(settings: Settings, host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_UI_AUTH", raising=False)
    assert is_loopback_host(host)
    assert resolve_access(settings, host=host) == (host, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "newsroom.example", "::"])
def test_non_loopback_host_without_login_is_refused(
    settings: Settings, host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_UI_AUTH", raising=False)
    assert not is_loopback_host(host)
    with pytest.raises(ConfigError, match="--auth"):
        resolve_access(settings, host=host)


def test_non_loopback_host_with_login_from_option_settings_or_env(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_UI_AUTH", raising=False)
    assert resolve_access(settings, host="0.0.0.0", auth="ed:s3cret:x") == ("0.0.0.0", ("ed", "s3cret:x"))
    from_settings = Settings.for_tests(settings.home, ui_host="0.0.0.0", ui_auth="desk:pw")
    assert resolve_access(from_settings) == ("0.0.0.0", ("desk", "pw"))
    monkeypatch.setenv("NEWSDESK_UI_AUTH", "env:pw")
    assert resolve_access(settings, host="10.0.0.5") == ("10.0.0.5", ("env", "pw"))


@pytest.mark.parametrize("bad", ["nopassword", "user:", ":pw", " :pw"])
def test_malformed_login_is_a_config_error(bad: str) -> None:
    with pytest.raises(ConfigError, match="user:password"):
        parse_auth(bad)


def test_serve_refuses_before_loading_anything(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDESK_UI_AUTH", raising=False)

    def boom(*_: Any, **__: Any) -> None:
        raise AssertionError("the app must not be built when access is refused")

    monkeypatch.setattr("assistant.ui.app.build_app", boom)
    with pytest.raises(ConfigError):
        serve(settings, host="0.0.0.0")


def test_launch_options_are_offline_and_private(settings: Settings) -> None:
    import gradio as gr

    opts = launch_kwargs(settings)
    assert opts["server_name"] == "127.0.0.1"
    assert opts["server_port"] == settings.ui_port
    assert opts["share"] is False and opts["auth"] is None
    theme = opts["theme"]
    fonts = list(theme._font) + list(theme._font_mono)
    # Google and bundled web fonts are fetched by URL; plain font names are looked up locally.
    assert fonts and all(type(f) is gr.themes.Font for f in fonts)
    assert not theme._stylesheets
    assert "http" not in opts["css"].replace("http-equiv", "")


# --------------------------------------------------------------------------- panels
def _citation(n: int, supported: bool = True, doc_id: str = "doc1") -> Citation:
    start = DOC_TEXT.index(QUOTE)
    return Citation(
        id=n, doc_id=doc_id, title="Talks <b>agreed</b>", source="Wire", url="https://news.example/a?x=1&y=2",
        published="2025-03-04", quote=QUOTE, start=start, end=start + len(QUOTE), supported=supported,
    )  # fmt: skip


def test_source_card_highlights_the_quote_inside_its_escaped_passage() -> None:
    card = render.source_card_html(_citation(1), DOC_TEXT)
    assert (
        '<mark class="nd-quote">The ministers met in &lt;Springfield&gt; on 3 March &amp; agreed a plan.</mark>'
        in card
    )
    assert "Opening line of the story." in card and "more talks would follow" in card
    assert "<b>agreed</b>" not in card and "Talks &lt;b&gt;agreed&lt;/b&gt;" in card
    assert 'href="https://news.example/a?x=1&amp;y=2"' in card
    assert "4 Mar 2025" in card


def test_source_card_without_stored_text_shows_the_quote_alone() -> None:
    card = render.source_card_html(_citation(2), "the document changed since")
    assert "<mark" in card and "Opening line" not in card


def test_passage_window_cuts_long_text_at_words_with_ellipses() -> None:
    text = "word " * 200 + "THE QUOTE." + " tail" * 200
    start = text.index("THE QUOTE.")
    before, quote, after = render.passage_window(text, start, start + len("THE QUOTE."), context=50)
    assert quote == "THE QUOTE."
    assert before.startswith("…") and after.endswith("…")
    assert len(before) < 60 and len(after) < 60
    assert not before[1:].startswith("ord")  # cut at a word boundary


def test_unsupported_citations_never_reach_the_panel() -> None:
    answer = Answer(
        question="q", answer="They met in Springfield [1].", short_answer="Springfield", refused=False,
        citations=[_citation(1), _citation(2, supported=False)],
    )  # fmt: skip
    html = render.sources_html(answer, {"doc1": DOC_TEXT})
    assert html.count('data-testid="source-card"') == 1
    assert 'id="nd-src-1"' in html and 'id="nd-src-2"' not in html


def test_refusal_shows_not_in_the_sources() -> None:
    answer = Answer(
        question="q", answer="The sources do not say.", short_answer="", refused=True, as_of="2025-08-13"
    )
    html = render.sources_html(answer, {})
    assert 'data-testid="refusal"' in html and "Not in the sources" in html and "13 Aug 2025" in html
    assert render.answer_markdown(answer).startswith("**Not in the sources.**")


def test_refusal_still_shows_what_the_sources_do_say() -> None:
    answer = Answer(
        question="q", answer="The sources do not say. It was only announced [1].", short_answer="", refused=True,
        citations=[_citation(1), _citation(2, supported=False)],
    )  # fmt: skip
    html = render.sources_html(answer, {"doc1": DOC_TEXT})
    assert html.index('data-testid="refusal"') < html.index('data-testid="source-card"')
    assert html.count('data-testid="source-card"') == 1


def test_header_shows_corpus_stats_and_engine(settings: Settings) -> None:
    docs = [
        {"kind": "article", "published": "2025-08-13", "source": "ANI", "chunks": 4, "events": 3},
        {"kind": "record", "published": "2025-02-01", "source": None, "chunks": 1, "events": 1},
    ]
    html = render.header_html(render.CorpusStats.from_documents(docs), settings)
    for part in (
        "Newsdesk",
        "2 documents",
        "5 passages",
        "4 dated events",
        "published 1 Feb 2025 – 13 Aug 2025",
        "fake",
    ):
        assert part in html
    assert "Library is empty" in render.header_html(render.CorpusStats(), settings)


def test_settings_panel_shows_backend_top_k_and_reranker(settings: Settings) -> None:
    html = render.settings_html(settings)
    assert "fake" in html and str(settings.top_k) in html and "Reranker" in html and ">off<" in html


# --------------------------------------------------------------------------- chat function
class StubEngine:
    """Streams a reply word by word, then an Answer citing the stored document."""

    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[dict[str, Any]] = []
        self.refuse = refuse

    def stream(self, question: str, **kwargs: Any) -> Iterator[str | Answer]:
        self.calls.append({"question": question, **kwargs})
        if self.refuse:
            yield "The sources do not say."
            yield Answer(question=question, answer="The sources do not say.", short_answer="", refused=True)
            return
        text = f"Answer to {question} [1] [2]."
        for word in text.split(" "):
            yield word + " "
        yield Answer(
            question=question, answer=f"Answer to {question} [1].", short_answer="x", refused=False,
            citations=[_citation(1), _citation(2, supported=False)],
        )  # fmt: skip

    def chat_stream(self, message: str, session: ChatSession) -> Iterator[str | Answer]:
        history = list(session.turns) or None
        for item in self.stream(message, as_of=session.as_of, since=session.since, until=session.until,
                                sources=session.sources, history=history):  # fmt: skip
            if isinstance(item, Answer):
                session.record(message, item)
            yield item


@pytest.fixture
def ctx(settings: Settings) -> AppContext:
    lib = Library(settings.library_path)
    doc = DocumentRecord(doc_id="doc1", source_key="k", content_hash="h", title="Talks", text=DOC_TEXT)
    lib.stage_document(doc, [])
    lib.mark_complete("doc1")
    lib.close()
    return AppContext(settings, StubEngine())  # type: ignore[arg-type]


def test_respond_streams_then_shows_verified_answer_and_sources(ctx: AppContext) -> None:
    outputs = list(respond(ctx, "where?", [], "", "", "", [], None))
    texts = [t for t, _, _ in outputs]
    assert len(outputs) > 3  # streamed, not one final blob
    assert texts[-2].strip().endswith("[2].")  # the raw stream
    final_text, panel, conv = outputs[-1]
    assert final_text == "Answer to where? [1]."  # the verified text replaces the stream
    assert "<mark" in panel and 'id="nd-src-2"' not in panel
    assert conv.turns == [("where?", "Answer to where? [1].")]


def test_follow_up_passes_the_conversation_and_sessions_stay_apart(ctx: AppContext) -> None:
    engine: StubEngine = ctx.engine  # type: ignore[assignment]
    history = [{"role": "user", "content": "where?"}, {"role": "assistant", "content": "x"}]
    *_, (_, _, conv_a) = respond(ctx, "where?", [], "", "", "", [], None)
    *_, (_, _, conv_a) = respond(ctx, "and when?", history, "", "", "", [], conv_a)
    assert engine.calls[-1]["history"] == [("where?", "Answer to where? [1].")]
    *_, (_, _, conv_b) = respond(ctx, "who?", [], "", "", "", [], None)
    assert engine.calls[-1]["history"] is None  # another browser: a conversation of its own
    assert len(conv_a.turns) == 2 and len(conv_b.turns) == 1


def test_filters_reach_the_engine_and_bad_dates_are_named(ctx: AppContext) -> None:
    engine: StubEngine = ctx.engine  # type: ignore[assignment]
    list(respond(ctx, "q", [], "2025-07-01", "2025/08/01", "Aug 13, 2025", ["ANI"], None))
    call = engine.calls[-1]
    assert (call["since"], call["until"], call["as_of"], call["sources"]) == (
        "2025-07-01", "2025-08-01", "2025-08-13", ["ANI"],
    )  # fmt: skip
    calls_before = len(engine.calls)
    *_, (text, panel, _) = respond(ctx, "q", [], "not a date", "", "", [], None)
    assert "Since" in text and 'data-testid="error"' in panel
    assert len(engine.calls) == calls_before


def test_refusal_reaches_the_panel(settings: Settings) -> None:
    ctx = AppContext(settings, StubEngine(refuse=True))  # type: ignore[arg-type]
    *_, (text, panel, _conv) = respond(ctx, "unknowable?", [], "", "", "", [], ChatSession())
    assert "Not in the sources" in text and 'data-testid="refusal"' in panel


def test_build_app_has_the_four_tabs(settings: Settings) -> None:
    from assistant.ui.app import build_app

    app = build_app(settings, StubEngine())  # type: ignore[arg-type]
    config = app.get_config_file()
    labels = {c.get("props", {}).get("label") for c in config["components"] if c.get("type") == "tabitem"}
    assert {"Ask", "Briefing", "Library", "Evals"} <= labels
    assert app._queue is not None  # the queue is on


def test_retry_drops_the_retried_turn_from_the_session(ctx: AppContext) -> None:
    engine: StubEngine = ctx.engine  # type: ignore[assignment]
    *_, (_, _, session) = respond(ctx, "first?", [], "", "", "", [], None)
    shown = [{"role": "user", "content": "first?"}, {"role": "assistant", "content": "x"}]
    *_, (_, _, session) = respond(ctx, "second?", shown, "", "", "", [], session)
    assert len(session.turns) == 2
    # Gradio's retry re-sends "second?" with only the first exchange in the visible history.
    *_, (_, _, session) = respond(ctx, "second?", shown, "", "", "", [], session)
    assert engine.calls[-1]["history"] == [("first?", "Answer to first? [1].")]
    assert [q for q, _ in session.turns] == ["first?", "second?"]
