"""Safe on localhost: a page on another site must not be able to drive a local eventlens.

Two checks, in one ASGI middleware kept apart from the token rules (`app.py`):

- **Host** (DNS rebinding): a request whose `Host` header is not one of the served names is
  refused with 421. The served names are the loopback names (`127.0.0.1`, `localhost`, `[::1]`)
  and the address `eventlens serve` listens on; `allowed_hosts=("*",)` turns the check off
  (serving on 0.0.0.0 behind a token, where the Host is whatever name clients use).
- **Origin** (cross-site request forgery): a state-changing request (POST, PUT, PATCH,
  DELETE) is refused with 403 when its `Origin` (or, without one, its `Referer`) is another
  site, or `null` (a sandboxed or privacy-stripped context). A request that carries a valid
  token (`Authorization: Bearer`) passes: no other site can make a browser send that header.
  A request with neither header comes from a program (curl, a script), not from a page in a
  browser (browsers send `Origin` on every cross-site POST), and passes.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def split_host(value: str) -> tuple[str, str | None]:
    """`name[:port]` (IPv6 in brackets) -> (lower-case name without brackets, port or None)."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        return name, rest[1:] if rest.startswith(":") else None
    name, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        return value.rstrip("."), None
    return name.rstrip("."), port


class OriginGuard:
    """ASGI middleware: refuse foreign `Host`s and cross-origin state-changing requests."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None, token: str | None = None) -> None:
        self.app = app
        hosts = {split_host(h)[0] for h in (allowed_hosts or ())}
        self.any_host = "*" in hosts
        self.hosts = hosts | set(LOOPBACK_NAMES)
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if not self.any_host and split_host(host)[0] not in self.hosts:
            await _refuse(send, 421, f"this server does not answer for the host {host!r}")
            return
        if scope.get("method", "GET").upper() in UNSAFE_METHODS and not self._same_origin(headers, scope):
            await _refuse(send, 403, "cross-origin request refused: state-changing requests must come from this "
                                     "site's own pages or carry the token")  # fmt: skip
            return
        await self.app(scope, receive, send)

    def _same_origin(self, headers: dict[str, str], scope: Scope) -> bool:
        if self.token and _bearer_matches(headers.get("authorization", ""), self.token):
            return True
        origin = headers.get("origin")
        if origin is None and headers.get("referer"):
            parts = urlsplit(headers["referer"])
            origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
        if origin is None:
            return True  # not sent by a page in a browser (see the module docstring)
        if origin.strip().lower() == "null":
            return False
        parts = urlsplit(origin.strip())
        scheme = scope.get("scheme", "http")
        return (parts.scheme.lower(), _netloc(parts.netloc, parts.scheme)) == (
            scheme, _netloc(headers.get("host", ""), scheme)
        )  # fmt: skip


def _netloc(value: str, scheme: str) -> tuple[str, str]:
    name, port = split_host(value)
    return name, port or {"http": "80", "https": "443"}.get(scheme.lower(), "")


def _bearer_matches(header: str, token: str) -> bool:
    if not header.lower().startswith("bearer "):
        return False
    given = header[7:].strip()
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"x-content-type-options", b"nosniff"),
    ]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})
