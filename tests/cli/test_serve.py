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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp_path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "EVENTLENS_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventlens", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port), *extra],
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
    proc, base = _serve(tmp_path, "--token", "letmein")
    try:
        assert httpx.get(base + "/api/events").status_code == 401
        assert httpx.get(base + "/api/events", headers={"Authorization": "Bearer letmein"}).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
