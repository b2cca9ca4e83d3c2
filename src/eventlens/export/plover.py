"""PLOVER JSON records, one a line, in the shape of the PLOVER gold-standard records.

The PLOVER data format (as in the OEDA gold-standard records and POLECAT) keys
a record by `id`, `date`, `event`, `mode`, `context`, `source`/`target` (lists
of `{actorText, code, sector}`), `eventText`, `text` and `eventLoc`. eventlens
adds what it knows beyond that: the CAMEO code, QuadClass, Goldstein score,
actor countries and ids, modality, negation, reporters, the article and its
URL, and the mention counts. Events without a PLOVER type (CAMEO's plain
statements, which PLOVER does not code) are left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from ..model import Actor, Event
from .source import ArticleInfo

ArticleSource = Callable[[str], ArticleInfo]
PLOVER_FIELDS = ("id", "date", "event", "mode", "context", "source", "target", "eventText", "text", "eventLoc")


def plover_record(event: Event, article: ArticleInfo | None = None) -> dict[str, Any] | None:
    """The PLOVER record of `event`, or None when PLOVER has no type for it."""
    if event.plover is None:
        return None
    first = event.mentions[0] if event.mentions else None
    place = event.place
    return {
        "id": event.id or event.make_id(),
        "date": event.date,
        "event": event.plover.event,
        "mode": event.plover.mode or "",
        "context": [],
        "source": [_actor(event.source)],
        "target": [_actor(event.target)],
        "eventText": event.trigger,
        "text": first.text if first else "",
        "eventLoc": place.as_record() if place else None,
        "date_precision": event.date_precision,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "modality": event.modality,
        "negated": event.negated,
        "reported_by": list(event.reported_by),
        "story_id": event.article_id,
        "url": article.url if article else None,
        "publication": article.source_name if article else None,
        "num_mentions": event.num_mentions,
        "num_articles": event.num_articles,
        "num_sources": event.num_sources,
        "language": "en",
        "version": event.ontology_version,
        "coder": "eventlens",
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "actorText": actor.name,
        "code": actor.code or "",
        "sector": actor.sector or "",
        "country": actor.country or "",
        "actor_id": actor.actor_id,
    }


def write_plover(events: Iterable[Event], out: IO[str], articles: ArticleSource | None = None) -> int:
    count = 0
    for event in events:
        record = plover_record(event, articles(event.article_id) if articles else None)
        if record is not None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
