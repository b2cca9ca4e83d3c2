"""The token rules of the web app (issue 12), over the API and in a real headless Chromium."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from eventlens.errors import ConfigError
from eventlens.web import create_app

from .conftest import TUR_SYR

TOKEN = "s3cret-Token-for-tests-0123456789"


@pytest.mark.parametrize("weak", ["", " " * 20, "short", "x" * 15, "tab\tinside-a-long-token"])
def test_create_app_refuses_a_weak_token(hand_built_store, weak: str) -> None:
    store = hand_built_store(TUR_SYR)
    with pytest.raises(ConfigError, match="token"):
        create_app(store.url, token=weak)


def test_the_api_needs_the_token(hand_built_store) -> None:
    store = hand_built_store(TUR_SYR)
    with TestClient(create_app(store.url, token=TOKEN, allowed_hosts=["testserver"])) as client:
        refused = client.get("/api/events")
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        assert client.get("/api/events", headers={"Authorization": "Bearer " + TOKEN[:-1]}).status_code == 401
        assert client.get("/api/events", headers={"Authorization": "Bearer " + TOKEN}).status_code == 200
        assert client.get("/api/health").status_code == 200  # open: a load balancer's probe


@pytest.fixture(scope="module")
def token_server(tmp_path_factory) -> Iterator[str]:
    """A live server with a token over a hand-built store."""
    import eventlens
    from eventlens.model import Article, Document, Sentence

    db = tmp_path_factory.mktemp("token") / "t.db"
    with eventlens.open_store(db) as store:
        text = "Turkey and Syria held talks in Moscow."
        doc = Document(article=Article(id="a1", text=text, title="Talks"), text=text,
                       sentences=[Sentence(0, 0, len(text), text)])  # fmt: skip
        store.save_document(doc)
    app = create_app(str(db), token=TOKEN)
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # waits for the socket; asserts nothing about time
        if server.started:
            break
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.browser
@pytest.mark.slow
def test_browser_token_once_then_cookie(token_server: str, browser) -> None:
    context = browser.new_context(base_url=token_server)
    page = context.new_page()
    refused = page.goto("/")
    assert refused is not None and refused.status == 401 and "Token required" in page.content()
    wrong = page.goto("/?token=" + "x" * 32)
    assert wrong is not None and wrong.status == 401
    opened = page.goto("/?token=" + TOKEN)
    assert opened is not None and opened.status == 200
    again = page.goto("/")  # the token is now an HttpOnly cookie: no token in the URL any more
    assert again is not None and again.status == 200
    cookie = next(c for c in context.cookies() if c["name"] == "eventlens_token")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""  # not readable by scripts
    context.close()
    fresh = browser.new_context(base_url=token_server)
    response = fresh.new_page().goto("/")
    assert response is not None and response.status == 401  # another browser has no cookie
    fresh.close()
