"""The access token of `serve`: what a token must be, a new one, and how it is shown.

A token is at least `MIN_TOKEN_LENGTH` characters, none of them whitespace: an empty,
short or blank token is refused (it would be no protection). When a token is needed (the server
listens beyond localhost) and none is given, a random one is made. A made token is shown once,
where it does not end up in logs: on the terminal if there is one, else in a file readable only
by its owner; the token is never printed to a redirected output and never logged.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import TextIO

from ..errors import ConfigError

MIN_TOKEN_LENGTH = 16


def check_token(token: str) -> str:
    """The token if it is usable; ConfigError (saying why) if not."""
    if not token or not token.strip():
        raise ConfigError("the token is empty: give one of at least 16 characters, or none to have one made")
    if any(ch.isspace() for ch in token):
        raise ConfigError("the token contains whitespace: use letters, digits and punctuation only")
    if len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(
            f"the token is too short ({len(token)} characters, at least {MIN_TOKEN_LENGTH}): "
            "give a longer one, or none to have one made"
        )
    return token


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 32 characters, 192 bits


def token_file_for(db: str) -> Path:
    """Next to a SQLite database file; in the working directory for a database URL."""
    if "://" in db and not db.startswith("sqlite:///"):
        return Path("eventlens.token")
    return Path(db.removeprefix("sqlite:///") + ".token")


def reveal_token(token: str, db: str, terminal: TextIO | None = None) -> str:
    """Show a made token once: on `terminal` (stderr when it is a terminal), else in a private file.

    Returns the message to print on the ordinary output, which never holds the token.
    """
    terminal = terminal if terminal is not None else (sys.stderr if sys.stderr.isatty() else None)
    if terminal is not None:
        terminal.write(f"access token (shown once, not logged): {token}\n")
        terminal.flush()
        return "token authentication on (the token was shown on the terminal)"
    path = token_file_for(db)
    write_private(path, token + "\n")
    return f"token authentication on: the token is in {path} (readable only by you)"


def write_private(path: Path, text: str) -> None:
    """Write `text` to a file only its owner can read (created with mode 0600, never wider)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
