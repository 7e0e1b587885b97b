"""The Newsdesk web app (``newsdesk serve``): chat, briefings, library and evals in one Gradio page.

``build_app(settings, engine=None)`` builds the Blocks; ``launch_app`` starts it with the offline and
access rules; ``serve`` does both and blocks. Binds 127.0.0.1 unless told otherwise, and a
non-loopback host is refused without a "user:password" (``--auth`` / ``NEWSDESK_UI_AUTH``).
"""

from __future__ import annotations

import ipaddress
import logging
import os
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant import offline as _offline  # noqa: F401  (analytics off before Gradio starts anything)
from assistant.errors import ConfigError
from assistant.settings import Settings
from assistant.ui import render
from assistant.ui.briefing_tab import build_briefing_tab
from assistant.ui.chat_tab import build_chat_tab
from assistant.ui.context import AppContext
from assistant.ui.evals_tab import build_evals_tab
from assistant.ui.library_tab import build_library_tab
from assistant.ui.theme import load_css, make_theme

if TYPE_CHECKING:
    from assistant.engine import Engine

logger = logging.getLogger(__name__)

AUTH_ENV = "NEWSDESK_UI_AUTH"
_HEAD = '<meta name="referrer" content="no-referrer">'


def is_loopback_host(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def parse_auth(value: str) -> tuple[str, str]:
    user, sep, password = value.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError("UI auth must look like user:password (from --auth or NEWSDESK_UI_AUTH)")
    return user.strip(), password


def resolve_access(
    settings: Settings, *, host: str | None = None, auth: str | None = None
) -> tuple[str, tuple[str, str] | None]:
    """(bind host, credentials or None); raises ConfigError for an open non-loopback bind."""
    bind = (host or settings.ui_host or "127.0.0.1").strip()
    raw = auth or settings.ui_auth or os.environ.get(AUTH_ENV) or None
    credentials = parse_auth(raw) if raw else None
    if credentials is None and not is_loopback_host(bind):
        raise ConfigError(
            f"refusing to serve on {bind} without a login: pass --auth user:password "
            f"(or set {AUTH_ENV}), or bind 127.0.0.1"
        )
    return bind, credentials


def build_app(settings: Settings, engine: Engine | None = None) -> gr.Blocks:
    """The whole app. ``engine`` is built from ``settings`` on first use when not given."""
    ctx = AppContext(settings, engine)
    stats = ctx.stats()
    app = gr.Blocks(title="Newsdesk", analytics_enabled=False, fill_width=False)
    with app:
        header = gr.HTML(render.header_html(stats, settings), elem_id="nd-header-block")
        with gr.Tabs(elem_id="nd-tabs"):
            with gr.Tab("Ask", id="chat", elem_id="nd-tab-chat"):
                chat = build_chat_tab(ctx, list(stats.sources))
            with gr.Tab("Briefing", id="briefing", elem_id="nd-tab-briefing"):
                build_briefing_tab(ctx)
            with gr.Tab("Library", id="library", elem_id="nd-tab-library"):
                library = build_library_tab(ctx)
            with gr.Tab("Evals", id="evals", elem_id="nd-tab-evals"):
                build_evals_tab(ctx)

        def refresh_shared() -> tuple[str, Any]:
            fresh = ctx.stats()
            return render.header_html(fresh, settings), gr.Dropdown(choices=list(fresh.sources))

        # After an upload or removal the header's counts and the source filter follow the library.
        for event in library.changed:
            event.then(
                refresh_shared, outputs=[header, chat.source_filter], queue=False, show_progress="hidden"
            )
        # A browser opening the page sees the library as it is now, not as it was at start-up.
        app.load(refresh_shared, outputs=[header, chat.source_filter], queue=False, show_progress="hidden")
    app.queue(default_concurrency_limit=1)  # one model, one answer at a time; others wait in line
    return app


def launch_kwargs(settings: Settings, *, host: str | None = None, port: int | None = None,
                  auth: str | None = None) -> dict[str, Any]:  # fmt: skip
    bind, credentials = resolve_access(settings, host=host, auth=auth)
    return {
        "server_name": bind,
        "server_port": port or settings.ui_port,
        "auth": credentials,
        "auth_message": "Newsdesk: sign in to your newsroom's research assistant." if credentials else None,
        "share": False,
        "ssr_mode": False,  # no Node server; the page is served from the Python process only
        "mcp_server": False,
        "pwa": False,
        "footer_links": [],
        "theme": make_theme(),
        "css": load_css(),
        "head": _HEAD,
        "show_error": True,
        "quiet": True,
    }


def launch_app(app: gr.Blocks, settings: Settings, *, host: str | None = None, port: int | None = None,
               auth: str | None = None, block: bool = True) -> str:  # fmt: skip
    """Start ``app``; returns its local URL (``block=False`` returns at once, for tests)."""
    kwargs = launch_kwargs(settings, host=host, port=port, auth=auth)
    app.launch(prevent_thread_lock=not block, **kwargs)
    return str(app.local_url or f"http://{kwargs['server_name']}:{kwargs['server_port']}/")


def serve(settings: Settings, *, host: str | None = None, port: int | None = None, auth: str | None = None,
          engine: Engine | None = None) -> None:  # fmt: skip
    """``newsdesk serve``: check access rules first, load the models, then serve until interrupted."""
    resolve_access(settings, host=host, auth=auth)  # refuse before loading any model
    if engine is None:  # load the models now, so the first question does not wait for them
        from assistant.wiring import build_engine

        engine = build_engine(settings)
    app = build_app(settings, engine)
    bind = host or settings.ui_host
    print(f"Newsdesk is serving on http://{bind}:{port or settings.ui_port}/ (Ctrl-C stops it)", flush=True)
    launch_app(app, settings, host=host, port=port, auth=auth, block=True)
