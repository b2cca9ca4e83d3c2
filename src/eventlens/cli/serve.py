"""`eventlens serve`: the web UI and the REST API over a store."""

from __future__ import annotations

import ipaddress

import click

from .options import db_option, model_option, settings_from

ENV_TOKEN = "EVENTLENS_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@model_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar=ENV_TOKEN,
    default=None,
    help=f"Require this token (env {ENV_TOKEN}; at least 16 characters, no whitespace). Off on localhost; "
    "beyond it a random one is made if not given, and shown once.",
)
@click.option("--no-auth", is_flag=True, help="Serve beyond localhost without a token (not recommended).")
@click.option("--max-upload-mb", type=click.IntRange(1, 2048), default=20, show_default=True)
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="Another name clients reach the server by (the Host header); '*' for any. "
                   "Loopback names and --host are always allowed.")  # fmt: skip
def serve(
    db: str, model: str | None, host: str, port: int, token: str | None, no_auth: bool, max_upload_mb: int,
    allowed_hosts: tuple[str, ...],
) -> None:  # fmt: skip
    """Serve the UI at / and the API under /api/ (schema at /openapi.json)."""
    import uvicorn

    from ..web import create_app
    from ..web.tokens import check_token, new_token, reveal_token

    made = False
    if no_auth:
        if token:
            raise click.UsageError("--no-auth and --token together: choose one")
        if not is_loopback(host):
            click.echo(f"warning: serving on {host} without authentication (--no-auth)", err=True)
    elif token is not None:
        token = check_token(token)  # a ConfigError: a clear message, exit 1
    elif not is_loopback(host):
        token, made = new_token(), True
    settings = settings_from(db=db, model=model)
    hosts = [*allowed_hosts, host] if host not in ("0.0.0.0", "::") else [*allowed_hosts, *(["*"] if token else [])]
    app = create_app(settings.db, settings, token=token, max_upload_bytes=max_upload_mb * 1024 * 1024,
                     allowed_hosts=hosts, warm_up=True)  # fmt: skip
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    click.echo(f"eventlens: serving {settings.db} at http://{shown}:{port}/ (API schema at /openapi.json)")
    if made:
        assert token is not None
        click.echo(reveal_token(token, settings.db))
        click.echo("  open the UI once with ?token=TOKEN, or send 'Authorization: Bearer TOKEN'")
    elif token:
        click.echo("token authentication on (the token you gave)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
