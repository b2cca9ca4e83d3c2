"""`eventlens serve`: a real server process, asked over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from eventlens.cli.serve import is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("192.168.1.5", False),
     ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


GOOD_TOKEN = "correct-horse-battery-staple"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp_path, *extra: str, host: str = "127.0.0.1") -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "EVENTLENS_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventlens", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port),
         "--host", host, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):  # waits for start-up; asserts nothing about time
        if proc.poll() is not None:
            break
        try:
            httpx.get(base + "/api/health", timeout=1)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    pytest.fail(f"the server did not start: {proc.communicate()[0]}")


@pytest.mark.slow
def test_serve_on_localhost_needs_no_token(tmp_path):
    proc, base = _serve(tmp_path)
    try:
        assert httpx.get(base + "/api/events").json()["items"] == []
        assert "Events" in httpx.get(base + "/").text
        schema = httpx.get(base + "/openapi.json").json()
        assert "/api/events" in schema["paths"] and "EventRecord" in schema["components"]["schemas"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.slow
def test_serve_with_a_token(tmp_path):
    proc, base = _serve(tmp_path, "--token", GOOD_TOKEN)
    try:
        assert httpx.get(base + "/api/events").status_code == 401
        assert httpx.get(base + "/api/events", headers={"Authorization": f"Bearer {GOOD_TOKEN}"}).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# -- issue 12: the token rules ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("token", "why"),
    [("", "empty"), ("   ", "empty"), ("\t" * 20, "empty"), ("letmein", "too short"), ("x" * 15, "too short"),
     ("a long token with spaces", "whitespace")],
)  # fmt: skip
@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_a_weak_token_is_refused(tmp_path, token: str, why: str, host: str) -> None:
    from click.testing import CliRunner

    from eventlens.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host", host, "--token", token])
    assert result.exit_code == 1, result.output
    assert why in result.output and "Traceback" not in result.output


def test_a_weak_token_in_the_environment_is_refused(tmp_path) -> None:
    from click.testing import CliRunner

    from eventlens.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db")], env={"EVENTLENS_TOKEN": "short"})
    assert result.exit_code == 1 and "too short" in result.output


def test_a_made_token_is_shown_once_on_a_terminal_only() -> None:
    import io

    from eventlens.web.tokens import reveal_token

    terminal = io.StringIO()
    message = reveal_token("T" * 32, "x.db", terminal=terminal)
    assert "T" * 32 in terminal.getvalue() and "T" * 32 not in message


@pytest.mark.slow
def test_beyond_localhost_a_token_is_made_and_kept_out_of_the_output(tmp_path) -> None:
    proc, base = _serve(tmp_path, host="0.0.0.0")
    try:
        token_file = tmp_path / "s.db.token"
        token = token_file.read_text().strip()
        assert len(token) >= 16 and (token_file.stat().st_mode & 0o777) == 0o600
        assert httpx.get(base + "/api/events").status_code == 401
        authorised = httpx.get(base + "/api/events", headers={"Authorization": f"Bearer {token}"})
        assert authorised.status_code == 200
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert token not in output  # stdout and stderr, as a log would capture them
    assert str(token_file) in output


@pytest.mark.slow
def test_no_auth_beyond_localhost_warns(tmp_path) -> None:
    proc, base = _serve(tmp_path, "--no-auth", host="0.0.0.0")
    try:
        assert httpx.get(base + "/api/events").status_code == 200
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert "without authentication" in output
