"""The ``Briefing`` value and its exports (Markdown for ``--out``/the UI download, and a dict for JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.event_merge import TimelineRow
from assistant.types import Citation


@dataclass
class BriefLine:
    """One cited line; ``inline``: the citation marks are already inside ``text``."""

    text: str
    citations: list[int]
    inline: bool = False

    def render(self) -> str:
        if self.inline:
            return self.text
        marks = "".join(f"[{c}]" for c in self.citations)
        body = self.text.rstrip()
        if body.endswith("…"):  # a clipped sentence: its marks follow the ellipsis
            return f"{body} {marks}"
        end = body[-1] if body and body[-1] in ".!?" else ""
        body = body[:-1].rstrip() if end else body
        return f"{body} {marks}{end or '.'}"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": list(self.citations), "rendered": self.render()}


@dataclass
class Briefing:
    topic: str
    generated_at: str
    since: str | None
    until: str | None
    since_last: str | None  # when --since-last: the previous briefing's time (None if first)
    summary: list[BriefLine]
    summary_mode: str  # "llm" / "extractive" / "none"
    key_points: list[BriefLine]
    timeline: list[TimelineRow]
    timeline_citations: list[list[int]]
    conflicts: list[BriefLine]
    citations: list[Citation]
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.summary or self.key_points or self.timeline)

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "generated_at": self.generated_at,
            "since": self.since,
            "until": self.until,
            "since_last": self.since_last,
            "summary": [line.to_dict() for line in self.summary],
            "summary_mode": self.summary_mode,
            "key_points": [line.to_dict() for line in self.key_points],
            "timeline": [
                {**row.to_dict(), "citations": list(cites)}
                for row, cites in zip(self.timeline, self.timeline_citations, strict=True)
            ],
            "conflicts": [line.to_dict() for line in self.conflicts],
            "citations": [c.to_dict() for c in self.citations],
            "notes": list(self.notes),
            "timings": dict(self.timings),
        }

    def to_markdown(self) -> str:
        out = [f"# Briefing: {self.topic}", ""]
        scope = []
        if self.since or self.until:
            scope.append(f"events and sources from {self.since or 'the start'} to {self.until or 'now'}")
        if self.since_last:
            scope.append(f"only what is new since the briefing of {self.since_last}")
        out.append(f"_Generated {self.generated_at}{' — ' + '; '.join(scope) if scope else ''}._")
        out.append("")
        for note in self.notes:
            out.append(f"> {note}")
        if self.notes:
            out.append("")
        if self.empty:
            out += ["Nothing in the sources matches this topic.", ""]
        if self.summary:
            out += ["## Summary", "", " ".join(line.render() for line in self.summary), ""]
        if self.key_points:
            out += ["## Key points", ""] + [f"- {line.render()}" for line in self.key_points] + [""]
        if self.timeline:
            out += ["## Timeline", "", "| Date | Event | Venue | Participants | Status | Sources |",
                    "|---|---|---|---|---|---|"]  # fmt: skip
            for row, cites in zip(self.timeline, self.timeline_citations, strict=True):
                status = row.status_text + (f" ⚠ conflicting {row.conflict}" if row.conflict else "")
                cells = [row.date_label, row.what, row.venue, ", ".join(row.participants), status,
                         "".join(f"[{c}]" for c in cites)]  # fmt: skip
                out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
            out.append("")
        if self.conflicts:
            out += ["## Conflicts", ""] + [f"- {line.render()}" for line in self.conflicts] + [""]
        if self.citations:
            out += ["## Sources", ""]
            for c in self.citations:
                where = f" — {c.url}" if c.url else ""
                out.append(
                    f"{c.id}. **{_inline(c.title)}** ({c.published or 'undated'}{', ' + c.source if c.source else ''}){where}  "
                )
                out.append(f"   > {_inline(c.quote)}")
            out.append("")
        return "\n".join(out)


def _inline(text: str) -> str:
    return " ".join(str(text).split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|") or "—"
