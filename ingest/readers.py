"""Article readers: ``.txt`` / ``.md`` (date line or YAML front matter) and ``.html``.

A reader returns an ``ArticleData`` (the stored text plus metadata); identity and hashing are
the pipeline's job. Every problem is an ``IngestError`` naming the file (and line/field).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.errors import IngestError
from ingest.credits import credit_source
from ingest.nlp import split_sentences as nlp_sentences
from ingest.pubdate import UnparseableDateError, bare_date, parse_published

ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
TITLE_MAX_CHARS = 160


@dataclass
class ArticleData:
    text: str
    title: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# -- shared helpers (records.py uses them too) -----------------------------------------------
def read_text_file(path: Path) -> str:
    """UTF-8 text of a file, or an IngestError saying why it is not usable text."""
    where = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise IngestError(where, "is a directory, not a file") from None
    except OSError as exc:
        raise IngestError(where, f"cannot read file: {exc.strerror or exc}") from None
    if not data.strip():
        raise IngestError(where, "file is empty")
    if b"\x00" in data[:8192]:
        raise IngestError(where, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(
            where,
            f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save as UTF-8",
            line,
        ) from None
    # Normalise newlines once so offsets are stable whatever the platform wrote.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def site_of(url: str | None) -> str | None:
    """The site a url belongs to ("https://www.bbc.com/x" -> "bbc.com")."""
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


def first_sentence(text: str) -> str:
    """The first sentence of a text, whitespace-collapsed and shortened (a fallback title)."""
    para = next((p for p in re.split(r"\n\s*\n", text) if p.strip()), "")
    if not para.strip():
        return ""
    # The evidence's own splitter: it knows "No. 1" and "Gov. Pritzker" (Punkt ends at "No.").
    sentences = nlp_sentences(para.strip()[:2000])
    return shorten(sentences[0].text if sentences else para)


def parse_date_field(value: Any, path: str, field_name: str, line: int | None = None) -> str | None:
    """A published-date field -> ISO date; empty -> None; garbage -> IngestError naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_published(value)
    except UnparseableDateError as exc:
        raise IngestError(path, str(exc), line=line, field=field_name) from None


# -- .txt / .md --------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# A leading "date 2025-08-13" / "Date: Aug. 28, 2025" line. It must hold a digit and be short, so
# an opening sentence such as "Date night ideas..." is not taken for a date.
_DATE_LINE = re.compile(
    r"\A\s*(?:date|published)\s*[:=]?[ \t]+(?=[^\n]*\d)([^\n]{1,60}?)[ \t]*(?:\n|\Z)", re.I
)
# ... or a first line that is only a date ("2026-10-08", "August 14, 2026": ``bare_date``).
_FIRST_LINE = re.compile(r"\A\s*([^\n]{6,60}?)[ \t]*(?:\n|\Z)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_SETEXT = re.compile(r"\A\s*([^\n]{1,200})\n(?:=+|-+)[ \t]*\n")

_DATE_KEYS = ("published", "date", "publish_date", "publishDate", "published_at", "datePublished", "pubDate")


def _front_matter(text: str, path: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the opening ---
        raise IngestError(
            path, f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line
        ) from None
    if not isinstance(meta, dict):
        raise IngestError(path, "front matter must be a mapping of 'key: value' lines", 2)
    return {str(k): v for k, v in meta.items()}, text[match.end() :]


def _heading_title(body: str, markdown: bool) -> str | None:
    match = _SETEXT.match(body)
    if markdown and match:
        return shorten(match.group(1))
    first = next((p.strip() for p in body.split("\n") if p.strip()), "")
    heading = _MD_HEADING.match(first)
    if heading:  # "# Title" in .md, and in .txt written the same way
        return shorten(heading.group(1))
    return None


def read_text_article(path: Path) -> ArticleData:
    where = str(path)
    raw = read_text_file(path)
    meta, body = _front_matter(raw, where)
    published: str | None = None
    date_key = next((k for k in _DATE_KEYS if k in meta), None)
    if date_key:
        published = parse_date_field(meta.pop(date_key), where, date_key, line=None)
    else:
        match = _DATE_LINE.match(body) or _FIRST_LINE.match(body)
        if match and (match.re is _DATE_LINE or bare_date(match.group(1))):
            line = raw[: len(raw) - len(body) + match.start(1)].count("\n") + 1
            published = parse_date_field(match.group(1), where, "date", line=line)
            body = body[match.end() :]
    text = body.strip()
    if not text:
        raise IngestError(where, "no article text after the header")
    title_value = meta.pop("title", None)
    title = shorten(str(title_value)) if title_value else None
    title = title or _heading_title(text, markdown=path.suffix.lower() != ".txt") or first_sentence(text)
    url = str(meta.pop("url")) if meta.get("url") else None
    source_value = meta.pop("source", None)
    # No source field: the site of its url, else the agency its credit line or dateline names.
    source = str(source_value) if source_value else (site_of(url) or credit_source(text))
    return ArticleData(
        text=text, title=title or path.stem, published=published, source=source, url=url, extra=meta
    )


# -- .html -----------------------------------------------------------------------------------
_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg",
              "template", "button", "figure")  # fmt: skip
_BLOCK_TAGS = ("p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "pre", "tr", "table", "br", "dd", "dt", "figcaption")  # fmt: skip
# Where publishers put the published date, most specific first.
_DATE_META = (
    ("property", "article:published_time"), ("name", "article:published_time"),
    ("property", "og:published_time"), ("itemprop", "datePublished"), ("name", "datePublished"),
    ("name", "pubdate"), ("name", "publishdate"), ("name", "publish-date"), ("name", "parsely-pub-date"),
    ("name", "sailthru.date"), ("name", "dc.date.issued"), ("name", "dc.date"), ("name", "dcterms.created"),
    ("name", "date"), ("property", "article:modified_time"),
)  # fmt: skip


def _meta(soup: Any, attr: str, value: str) -> str | None:
    tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
    content = tag.get("content") if tag is not None else None
    return str(content).strip() if content and str(content).strip() else None


def _json_ld_date(soup: Any) -> str | None:
    import json

    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.I)}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    return str(item["datePublished"])
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return None


def _main_text(soup: Any) -> str:
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    lines = [" ".join(line.split()) for line in root.get_text().split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def read_html_article(path: Path) -> ArticleData:
    from bs4 import BeautifulSoup

    where = str(path)
    soup = BeautifulSoup(read_text_file(path), "html.parser")
    date_field, date_raw = None, None
    for attr, value in _DATE_META:
        date_raw = _meta(soup, attr, value)
        if date_raw:
            date_field = f"meta {value}"
            break
    if not date_raw:
        date_raw, date_field = _json_ld_date(soup), "JSON-LD datePublished"
    if not date_raw:
        time_tag = soup.find("time", attrs={"datetime": True})
        date_raw, date_field = (str(time_tag["datetime"]), "<time datetime>") if time_tag else (None, None)
    published = parse_date_field(date_raw, where, date_field or "date") if date_raw else None
    url = _meta(soup, "property", "og:url")
    canonical = soup.find("link", attrs={"rel": "canonical", "href": True})
    url = url or (str(canonical["href"]) if canonical else None)
    source = (
        _meta(soup, "property", "og:site_name") or _meta(soup, "name", "application-name") or site_of(url)
    )
    title = _meta(soup, "property", "og:title") or _meta(soup, "name", "twitter:title")
    if not title and soup.title and soup.title.get_text(strip=True):
        title = soup.title.get_text(strip=True)
    h1 = soup.find("h1")
    title = title or (h1.get_text(" ", strip=True) if h1 else None)
    text = _main_text(soup)
    if not text:
        raise IngestError(where, "no readable text in the HTML page")
    return ArticleData(
        text=text,
        title=shorten(title) if title else first_sentence(text),
        published=published,
        source=source or credit_source(text),
        url=url,
    )


def read_article(path: Path) -> ArticleData:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return read_html_article(path)
    if suffix in (".txt", ".md", ".markdown"):
        return read_text_article(path)
    raise IngestError(str(path), f"unknown article extension '{suffix}'")
