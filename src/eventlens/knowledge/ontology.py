"""The event ontologies: CAMEO codes (with Goldstein scores and QuadClass) and PLOVER.

Everything comes from versioned data files under `eventlens/data/cameo` and
`eventlens/data/plover`; this module only reads and types them.

    onto = Ontology.load()
    onto.cameo("043").name        # 'Host a visit'
    onto.to_plover("1056").event  # 'REQUEST'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import ConfigError
from ..model import Plover
from .datafiles import data_text

_DATA_PACKAGE = "eventlens.data"
NO_PLOVER = "-"


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code, as the codebook and the Goldstein table give it."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type with its definition and modes."""

    name: str
    definition: str
    quad: str
    modes: tuple[str, ...]


@dataclass(frozen=True)
class ActorType:
    code: str
    name: str


@dataclass(frozen=True)
class Ontology:
    """CAMEO + PLOVER, loaded once and read-only."""

    codes: dict[str, CameoCode]
    plover_map: dict[str, tuple[str, str]]
    plover_types: dict[str, PloverType]
    actor_types: dict[str, ActorType]
    cameo_version: str
    plover_version: str
    crosswalk_version: str
    legacy_plover: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Ontology:
        """Read the package data files."""
        code_lines, cameo_version = _read_tsv("cameo/event_codes.tsv", 4)
        codes = {}
        for code, name, goldstein, quad in code_lines:
            codes[code] = CameoCode(code, name, float(goldstein), int(quad), code[:2])
        map_lines, crosswalk_version = _read_tsv("plover/cameo_to_plover.tsv", 3)
        plover_map = {cameo: (event, mode) for cameo, event, mode in map_lines}
        missing = sorted(set(codes) - set(plover_map))
        if missing:
            raise ConfigError(f"cameo_to_plover.tsv lacks codes {missing[:10]}")
        actor_lines, _ = _read_tsv("cameo/actor_types.tsv", 2)
        actor_types = {code: ActorType(code, name) for code, name in actor_lines}
        raw = _read_yaml("plover/event_types.yaml")
        plover_types = {
            name: PloverType(name, spec.get("definition", ""), spec.get("quad", ""), tuple(spec.get("modes") or ()))
            for name, spec in raw["types"].items()
        }
        return cls(
            codes=codes,
            plover_map=plover_map,
            plover_types=plover_types,
            actor_types=actor_types,
            cameo_version=cameo_version,
            plover_version=str(raw.get("version", "")),
            crosswalk_version=crosswalk_version,
            legacy_plover=dict(raw.get("legacy_names") or {}),
        )

    @property
    def version(self) -> str:
        """One string naming every table used; kept with each coded event."""
        return f"{self.cameo_version};{self.plover_version};{self.crosswalk_version}"

    def cameo(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise ConfigError(f"unknown CAMEO code {code!r}") from None

    def has_code(self, code: str) -> bool:
        return code in self.codes

    def to_plover(self, code: str) -> Plover | None:
        """The PLOVER event for a CAMEO code; None for codes PLOVER does not cover (plain statements)."""
        if code not in self.plover_map:
            raise ConfigError(f"unknown CAMEO code {code!r}")
        event, mode = self.plover_map[code]
        if event == NO_PLOVER:
            return None
        return Plover(event=event, mode=mode or None)

    def plover_name(self, name: str) -> str:
        """Map an old (0.5b1) PLOVER label to the current one."""
        name = name.upper()
        return self.legacy_plover.get(name, name)

    def parent(self, code: str) -> str | None:
        """The next more general code: 1056 -> 105, 105 -> 10, 10 -> None."""
        if len(code) == 4:
            return code[:3]
        if len(code) == 3:
            return code[:2]
        return None


def _read_tsv(relpath: str, ncols: int) -> tuple[list[list[str]], str]:
    """Rows of a data TSV (comments and the header skipped) and its `# version:` string."""
    version = ""
    rows: list[list[str]] = []
    header_seen = False
    for lineno, line in enumerate(data_text(relpath).splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if line[1:].strip().startswith("version:"):
                version = line.split("version:", 1)[1].strip()
            continue
        if not header_seen:
            header_seen = True
            continue
        cols = line.split("\t")
        if len(cols) < ncols:
            cols += [""] * (ncols - len(cols))
        if len(cols) != ncols:
            raise ConfigError(f"{relpath}:{lineno}: expected {ncols} columns, got {len(cols)}")
        rows.append(cols)
    return rows, version


def _read_yaml(relpath: str) -> dict[str, Any]:
    data = yaml.safe_load(data_text(relpath))
    if not isinstance(data, dict):
        raise ConfigError(f"eventlens/data/{relpath} is not a mapping")
    return data
