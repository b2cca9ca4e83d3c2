"""Fixtures of the reader tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture(scope="session")
def news_page() -> Callable[[int], bytes]:
    """A maker of real-looking heavy news pages of about `size` bytes."""
    return _news_page


def _news_page(size: int) -> bytes:
    """A real-looking heavy news page: a short article inside scripts, styles, menus and comments."""
    body = "".join(
        f"<p>Paragraph {n}: Kenya and Somalia agreed to restore diplomatic relations, the two governments said "
        f"in a joint statement issued in Nairobi after talks mediated by Qatar.</p>\n"
        for n in range(40)
    )
    furniture = (
        "<script>window.__STATE__ = {" + ",".join(f'"k{n}": "{"x" * 60}"' for n in range(200)) + "};</script>\n"
        "<style>" + ".c{color:red}" * 400 + "</style>\n<nav><ul>" + "<li><a href='/s'>Section</a></li>" * 100
        + "</ul></nav>\n"
    )  # fmt: skip
    head = "<!doctype html><html><head><title>Kenya and Somalia restore ties</title>"
    page = head + "</head><body><header>Site</header><main><article><h1>Kenya and Somalia restore ties</h1>"
    page += body + "</article></main><footer>"
    tail = "</footer></body></html>"
    while len(page) + len(tail) < size:
        page += furniture
    return (page + tail).encode()
