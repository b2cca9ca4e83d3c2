"""The one reader of our data files (shipped in `eventlens/data`, or a user's), TSV and YAML.

Shipped files are found through package resources (`importlib.resources`), never by a path
relative to a module, so that they are found wherever the package is installed. Every reader
raises ConfigError naming the file when one is missing or unusable.

- `shipped(relpath)`: a shipped file (a `Traversable`, read like a Path);
- `data_text(relpath)`: its text;
- `parse_tsv(text, source)` / `read_tsv(relpath)`: a TSV with a header row (`#` lines are
  comments) as a list of {column: stripped value};
- `read_yaml_mapping(path_or_file, what)`: the mapping in a YAML file;
- `word_list(name)`: a list of words of language knowledge, `data/language/NAME.yaml`
  (`source:` says where its facts come from, `words:` the words).
"""

from __future__ import annotations

import csv
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

DATA_PACKAGE = "eventlens.data"


def shipped(relpath: str) -> Traversable:
    """The shipped data file `eventlens/data/RELPATH` (`/`-separated)."""
    node = resources.files(DATA_PACKAGE)
    for part in relpath.split("/"):
        node = node.joinpath(part)
    return node


def data_text(relpath: str) -> str:
    try:
        return shipped(relpath).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"missing data file eventlens/data/{relpath}") from None


def parse_tsv(text: str, source: str) -> list[dict[str, str]]:
    """Rows of a TSV with a header row; blank lines and `#` lines are skipped, cells stripped."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if None in row:
            raise ConfigError(f"{source}: too many columns in {row}")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def read_tsv(relpath: str) -> list[dict[str, str]]:
    """A shipped TSV (`parse_tsv`)."""
    return parse_tsv(data_text(relpath), f"eventlens/data/{relpath}")


def read_yaml_mapping(path: Path | Traversable, what: str) -> dict[str, Any]:
    """The mapping in the YAML file `path` (a user's Path or a `shipped` file); ConfigError naming
    `what` if it cannot be read or is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{what} {path}: expected a mapping of keys, got {type(data).__name__}")
    return data


def word_list(name: str) -> frozenset[str]:
    """The words of `data/language/NAME.yaml` (lower-case as written); the file must say its source."""
    relpath = f"language/{name}.yaml"
    return words_of(read_yaml_mapping(shipped(relpath), "word list"), f"eventlens/data/{relpath}")


def words_of(data: dict[str, Any], where: str) -> frozenset[str]:
    """The `words:` of a word-list mapping, which must also say its `source:`."""
    words = data.get("words")
    if not data.get("source") or not isinstance(words, list) or not words:
        raise ConfigError(f"{where}: a word list needs `source:` and a non-empty `words:` list")
    return frozenset(str(w) for w in words)
