"""WARC crawls: HTML responses become articles; the rest of the crawl is passed over; damage is reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventlens.config import Limits
from eventlens.model import Article, DocumentError
from eventlens.readers import read_paths

PAGE_URL = "https://news.example.org/world/kenya-somalia-talks"


def response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
             status: str = "200 OK") -> None:  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def write_crawl(path: Path, page: bytes, gzipped: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        writer.write_record(
            writer.create_warc_record("https://news.example.org/", "warcinfo", payload=io.BytesIO(b"x"))
        )
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(PAGE_URL, "request", payload=io.BytesIO(b""), http_headers=request)
        )
        response(writer, PAGE_URL, page)
        response(writer, "https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        response(writer, "https://news.example.org/gone", b"<html>gone</html>", status="404 Not Found")
        latin = page.decode("utf-8").replace("Nairobi", "Nairobí").encode("latin-1", errors="replace")
        response(writer, "https://news.example.org/latin", latin, "text/html; charset=ISO-8859-1")
        response(writer, "https://news.example.org/empty", b"<html><body></body></html>")


@pytest.fixture
def page(examples_dir: Path) -> bytes:
    return (examples_dir / "kenya-somalia-talks.html").read_bytes()


@pytest.mark.parametrize("name,gzipped", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles(tmp_path: Path, page: bytes, name: str, gzipped: bool) -> None:
    path = tmp_path / name
    write_crawl(path, page, gzipped)
    items = list(read_paths([tmp_path]))  # found in a directory by its suffix
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert [a.url for a in articles] == [PAGE_URL, "https://news.example.org/latin"]
    assert all(a.fmt == "warc" and a.id.startswith("sha1:") for a in articles)
    assert "Nairobí" in articles[1].text  # the declared charset was honoured
    assert "Somalia" in articles[0].text and articles[0].title
    assert [e.article_id for e in errors] == [f"{path}#https://news.example.org/empty"]
    assert "no article text" in errors[0].reason


def test_same_page_as_the_html_reader(tmp_path: Path, page: bytes, examples_dir: Path) -> None:
    write_crawl(tmp_path / "c.warc.gz", page, True)
    from_warc = next(i for i in read_paths([tmp_path / "c.warc.gz"]) if isinstance(i, Article))
    from_html = next(iter(read_paths([examples_dir / "kenya-somalia-talks.html"])))
    assert isinstance(from_html, Article)
    assert (from_warc.id, from_warc.text, from_warc.title) == (from_html.id, from_html.text, from_html.title)


def test_oversized_page_is_an_error_not_a_stop(tmp_path: Path, page: bytes) -> None:
    write_crawl(tmp_path / "c.warc.gz", page, True)
    items = list(read_paths([tmp_path / "c.warc.gz"], Limits(max_bytes=len(page) - 1)))
    too_large = [i for i in items if isinstance(i, DocumentError) and "too large" in i.reason]
    assert not [i for i in items if isinstance(i, Article)]
    assert len(too_large) == 2  # the page and its latin-1 copy; the crawl was read to its end


def test_damaged_archive_keeps_what_came_before(tmp_path: Path, page: bytes) -> None:
    good = tmp_path / "good.warc.gz"
    write_crawl(good, page, True)
    data = good.read_bytes()
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(data[: int(len(data) * 0.8)] + b"garbage that is no gzip member\x00\x01")
    items = list(read_paths([damaged]))
    assert isinstance(items[0], Article) and items[0].url == PAGE_URL
    assert isinstance(items[-1], DocumentError) and "truncated WARC record" in items[-1].reason


def test_not_a_warc_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is plain text pretending to be a crawl\n" * 20)
    (error,) = list(read_paths([path]))
    assert isinstance(error, DocumentError) and "WARC" in error.reason


# -- truncated archives (issue 12): the pages before the cut are kept, the cut is recorded ----------
def _three_pages(path: Path, page: bytes, gzipped: bool) -> list[tuple[int, int]]:
    """A crawl of three pages; returns each record's (start, end) byte offsets."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        for n in range(3):
            response(writer, f"{PAGE_URL}/{n}", page.replace(b"Somalia", f"Somalia{n}".encode()))
    spans = []
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for _record in records:
            records.read_to_end()
            spans.append((records.get_record_offset(), records.get_record_offset() + records.get_record_length()))
    return spans


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("percent", range(50, 100, 5))
def test_cut_archive_keeps_the_pages_before_the_cut(tmp_path: Path, page: bytes, gzipped: bool, percent: int) -> None:
    full = tmp_path / ("full.warc.gz" if gzipped else "full.warc")
    spans = _three_pages(full, page, gzipped)
    data = full.read_bytes()
    cut = len(data) * percent // 100
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(data[:cut])
    later = tmp_path / "later.txt"
    later.write_text("Kenya and Somalia agreed to restore diplomatic relations.", "utf-8")
    items = list(read_paths([path, later]))  # no exception, and the next file is still read
    assert isinstance(items[-1], Article) and items[-1].path == str(later)
    items = items[:-1]
    complete = sum(1 for _start, end in spans if end <= cut)
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == [f"{PAGE_URL}/{n}" for n in range(complete)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert len(errors) == 1, errors  # the cut, once
    assert "truncated WARC record" in errors[0].reason or "damaged" in errors[0].reason
    assert errors[0].path == str(path)


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_cut_inside_a_record_header_is_recorded(tmp_path: Path, page: bytes, gzipped: bool) -> None:
    full = tmp_path / ("full.warc.gz" if gzipped else "full.warc")
    spans = _three_pages(full, page, gzipped)
    data = full.read_bytes()
    for into in (12, 40, 120):  # inside the third record's WARC header (and the gzip member's start)
        path = tmp_path / (f"cut{into}.warc.gz" if gzipped else f"cut{into}.warc")
        path.write_bytes(data[: spans[2][0] + into])
        items = list(read_paths([path]))
        assert [i.url for i in items if isinstance(i, Article)] == [f"{PAGE_URL}/0", f"{PAGE_URL}/1"], into
        errors = [i for i in items if isinstance(i, DocumentError)]
        assert len(errors) == 1 and "damaged archive" in errors[0].reason, (into, errors)


def test_a_cut_non_html_record_is_recorded_too(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        response(writer, "https://news.example.org/a.png", b"\x89PNG" + b"\x01" * 5000, "image/png")
    path.write_bytes(path.read_bytes()[:3000])
    (error,) = list(read_paths([path]))
    assert isinstance(error, DocumentError) and "cut short" in error.reason


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_heavy_pages_in_a_crawl_are_read(tmp_path: Path, gzipped: bool, news_page) -> None:
    """0.7-2 MB pages (a short article in heavy furniture): the limits are bytes per page and
    characters of the extracted text, not characters of the HTML."""
    path = tmp_path / ("heavy.warc.gz" if gzipped else "heavy.warc")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        for n, size in enumerate((700_000, 1_400_000, 2_000_000)):
            response(writer, f"{PAGE_URL}/{n}", news_page(size).replace(b"Paragraph", f"Part{n}".encode()))
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Article"] * 3, items
    assert all("restore diplomatic relations" in i.text for i in items)
