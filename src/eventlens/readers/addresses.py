"""Where `watch` may connect: public addresses only, unless the user allows more.

A feed is untrusted, and so are the links of its entries: a link to `http://127.0.0.1:8080/admin`
or `http://169.254.169.254/` (a cloud's metadata service) must not make eventlens fetch an
internal page and store it as an article (server-side request forgery). So every connection
`HttpFetcher` opens is checked *after* DNS resolution, at connect time, for every redirect too:
loopback, private, link-local, multicast, reserved and unspecified addresses are refused unless
they fall in a network the user allowed (`eventlens watch --allow-network 10.1.0.0/16`). The
connection then goes to the address that was checked, so a name that resolves differently the
second time (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request
from collections.abc import Iterable
from typing import Any

from ..errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(InputError):
    """A connection to an address that is not public, and not allowed by the user."""


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """`127.0.0.1`, `10.0.0.0/8`, `::1` ... as networks; a bad value is an InputError."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError as exc:
            raise InputError(f"not an IP address or network: {value!r} ({exc})") from exc
    return tuple(networks)


def why_refused(address: IPAddress) -> str | None:
    """What kind of non-public address this is (None for a public one)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return why_refused(address.ipv4_mapped)
    for test, kind in (
        ("is_loopback", "a loopback"), ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
        ("is_unspecified", "an unspecified"), ("is_private", "a private"), ("is_reserved", "a reserved"),
    ):  # fmt: skip
        if getattr(address, test):
            return kind
    if not address.is_global:
        return "a non-public"
    return None


def check_address(address: IPAddress, allowed: tuple[IPNetwork, ...], host: str) -> None:
    """Raise AddressRefused unless `address` is public or in an allowed network."""
    kind = why_refused(address)
    if kind is None or any(address in network for network in allowed if network.version == address.version):
        return
    raise AddressRefused(
        f"{host} is {kind} address ({address}): not fetched (allow it with --allow-network {address})"
    )


def resolve_checked(host: str, port: int, allowed: tuple[IPNetwork, ...]) -> list[tuple[Any, ...]]:
    """The addresses of `host` (getaddrinfo entries), every one of them checked."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve {host}: {exc.strerror}") from exc
    if not infos:
        raise InputError(f"cannot resolve {host}")
    for info in infos:
        check_address(ipaddress.ip_address(info[4][0].split("%")[0]), allowed, host)
    return infos


def connect_checked(host: str, port: int, timeout: float | None, allowed: tuple[IPNetwork, ...]) -> socket.socket:
    """A TCP connection to `host`, made to an address that was checked."""
    error: OSError | None = None
    for family, kind, proto, _name, sockaddr in resolve_checked(host, port, allowed):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"cannot connect to {host}")


def guarded_handlers(allowed: tuple[IPNetwork, ...]) -> list[urllib.request.BaseHandler]:
    """urllib handlers for http and https whose connections are checked (and no proxy)."""

    def connection(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Checked(base):  # type: ignore[valid-type, misc]
            def connect(self) -> None:
                self._create_connection = lambda address, timeout, source=None: connect_checked(  # type: ignore[method-assign]
                    address[0], address[1], timeout, allowed
                )
                super().connect()

        return Checked

    http_connection = connection(http.client.HTTPConnection)
    https_connection = connection(http.client.HTTPSConnection)

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(http_connection, req)

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(https_connection, req, context=self._context)

    # No proxy from the environment: through a proxy, the address checked would be the proxy's.
    return [urllib.request.ProxyHandler({}), HTTP(), HTTPS()]
