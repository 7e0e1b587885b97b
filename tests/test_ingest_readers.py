from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import IngestError
from ingest.pubdate import UnparseableDateError, days_since_epoch, parse_published
from ingest.readers import first_sentence, read_article, site_of


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2025-08-13", "2025-08-13"),
        ("2025-08-13T23:30:00-04:00", "2025-08-13"),  # the date as written, not converted to UTC
        ("2026/03/20", "2026-03-20"),
        ("2026/03/20/23:06", "2026-03-20"),
        ("Tue, 13 Aug 2025 10:00:00 +0000", "2025-08-13"),
        ("Aug. 28, 2025", "2025-08-28"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("Thursday, August 28, 2025", "2025-08-28"),
        ("28 August 2025", "2025-08-28"),
        ("20250813", "2025-08-13"),
        ("3 mars 2025", "2025-03-03"),
    ],
)
def test_parse_published_formats(raw: str, iso: str) -> None:
    assert parse_published(raw) == iso


@pytest.mark.parametrize(
    "raw", ["", "yesterday", "1 day ago", "August 2025", "2025-13-01", "2025-02-30", "soon 12"]
)
def test_parse_published_refuses_non_dates(raw: str) -> None:
    with pytest.raises(UnparseableDateError) as info:
        parse_published(raw)
    assert raw.strip() in str(info.value) or "empty" in str(info.value)


def test_days_since_epoch() -> None:
    assert days_since_epoch("1970-01-02") == 1
    assert days_since_epoch(None) == -1 and days_since_epoch("nope") == -1


def test_sample_article_date_line_and_title(sample_dir: Path) -> None:
    path = next(sample_dir.glob("*.txt"))
    art = read_article(path)
    raw = path.read_text(encoding="utf-8")
    header = raw.split("\n", 1)[0]
    assert art.published == parse_published(header.split()[-1])
    assert not art.text.lstrip().lower().startswith("date")  # the header is not article text
    assert art.text in raw  # stored text is an exact slice of the file (offsets stay meaningful)
    first_para = art.text.split("\n")[0]
    # Title = the first sentence, not cut at an initial such as "S.".
    assert art.title.rstrip("…") in first_para and len(art.title) > 40
    assert not art.title.endswith(" S.")


def test_front_matter_markdown(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Port strike ends\ndate: 2024-10-04\nurl: https://www.example.org/port\nauthor: Kim\n---\n"
        "# Ignored heading\n\nDockworkers returned on Friday. Talks continue.\n",
        encoding="utf-8",
    )
    art = read_article(path)
    assert (art.title, art.published, art.url, art.source) == (
        "Port strike ends", "2024-10-04", "https://www.example.org/port", "example.org",
    )  # fmt: skip
    assert art.extra == {"author": "Kim"}
    assert art.text.startswith("# Ignored heading")


def test_markdown_heading_is_title_and_date_line_variants(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text(
        "Date: Aug. 28, 2025\n\n## Council votes budget\n\nThe council voted 7-2.\n", encoding="utf-8"
    )
    art = read_article(path)
    assert (art.title, art.published) == ("Council votes budget", "2025-08-28")


@pytest.mark.parametrize(
    ("first_line", "published"),
    [
        ("2026-10-08", "2026-10-08"),
        ("August 14, 2026", "2026-08-14"),
        ("Thursday, 14 Aug 2026", "2026-08-14"),
        ("2026-10-08T09:30:00Z", "2026-10-08"),
        # A headline that starts with a date is not a date line.
        ("May 5 rally draws thousands", None),
        ("2026-10-08 council meeting", None),
    ],
)
def test_a_first_line_that_is_only_a_date_is_the_published_date(
    tmp_path: Path, first_line: str, published: str | None
) -> None:
    path = tmp_path / "d.txt"
    path.write_text(
        f"{first_line}\nPike races to be fit\n\nGREYHAVEN, Oct 8 - Pike trained.\n", encoding="utf-8"
    )
    art = read_article(path)
    assert art.published == published
    if published:
        assert art.title == "Pike races to be fit" and art.text.startswith("Pike races")


def test_sentence_starting_with_date_word_is_not_a_header(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Date night ideas are everywhere this spring. Restaurants agree.\n", encoding="utf-8")
    art = read_article(path)
    assert art.published is None and art.text.startswith("Date night")
    assert art.title == "Date night ideas are everywhere this spring."


def test_bad_date_line_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("\n date 2025-02-31\nBody text here.\n", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_article(path)
    assert info.value.path == str(path) and info.value.line == 2 and info.value.field == "date"
    assert "2025-02-31" in str(info.value)


def test_bad_front_matter_yaml(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="front matter"):
        read_article(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Caf\u00e9 opens\n".encode("latin-1"), "UTF-8"),
        (b"date 2025-01-01\n\n", "no article text"),
    ],
)
def test_unusable_files_are_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message) as info:
        read_article(path)
    assert str(path) in str(info.value)


def test_non_utf8_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"line one\nline two\nna\xefve line three\n")
    with pytest.raises(IngestError) as info:
        read_article(path)
    assert info.value.line == 3


def test_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes("\ufeffdate 2025-01-05\r\n\r\nFirst line here.\r\nSecond line.\r\n".encode())
    art = read_article(path)
    assert art.published == "2025-01-05" and "\r" not in art.text and art.text.startswith("First")


HTML = """<!doctype html><html><head>
<title>Flood warning issued | Daily Planet</title>
<meta property="og:title" content="Flood warning issued for river towns">
<meta property="article:published_time" content="2025-03-02T08:15:00+01:00">
<meta property="og:site_name" content="Daily Planet">
<link rel="canonical" href="https://www.dailyplanet.example/flood">
<style>body { color: red }</style><script>var tracking = "SCRIPTTEXT";</script>
</head><body>
<nav><a href="/">Home</a> NAVTEXT</nav>
<article><h1>Flood warning</h1>
<p>The river rose two metres overnight, officials said.</p>
<p>Residents of <b>Lowtown</b> were told to move to higher ground.</p>
<ul><li>Schools closed</li><li>Roads shut</li></ul>
</article>
<footer>FOOTERTEXT Copyright</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "flood.html"
    path.write_text(HTML, encoding="utf-8")
    art = read_article(path)
    assert art.title == "Flood warning issued for river towns"
    assert (art.published, art.source, art.url) == (
        "2025-03-02",
        "Daily Planet",
        "https://www.dailyplanet.example/flood",
    )
    for junk in ("SCRIPTTEXT", "NAVTEXT", "FOOTERTEXT", "color: red"):
        assert junk not in art.text
    assert "Residents of Lowtown were told to move to higher ground." in art.text
    assert "Schools closed\n\nRoads shut" in art.text  # blocks become paragraphs


def test_html_fallbacks_json_ld_title_tag_and_url_site(tmp_path: Path) -> None:
    path = tmp_path / "p.htm"
    path.write_text(
        '<html><head><title>Plain title</title><meta property="og:url" content="https://www.news.example/a">'
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "Aug. 28, 2025"}]}'
        "</script></head><body><main><p>Only paragraph.</p></main></body></html>",
        encoding="utf-8",
    )
    art = read_article(path)
    assert (art.title, art.published, art.source, art.text) == (
        "Plain title",
        "2025-08-28",
        "news.example",
        "Only paragraph.",
    )


def test_html_bad_meta_date_and_empty_body(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<html><head><meta name="pubdate" content="sometime"></head><body><p>x y</p></body></html>'
    )
    with pytest.raises(IngestError, match="pubdate") as info:
        read_article(bad)
    assert str(bad) in str(info.value)
    empty = tmp_path / "empty.html"
    empty.write_text(
        "<html><head><title>T</title><script>x()</script></head><body><nav>menu</nav></body></html>"
    )
    with pytest.raises(IngestError, match="no readable text"):
        read_article(empty)


def test_helpers() -> None:
    assert site_of("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert site_of("apnews.com/article") == "apnews.com" and site_of(None) is None
    assert first_sentence("Mr. Smith went to Washington. He stayed.") == "Mr. Smith went to Washington."
