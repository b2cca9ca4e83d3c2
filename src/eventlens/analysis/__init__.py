"""Analyses over a store: dyad series, actor networks, timelines and alerts.

Plain functions over a `Store`, shared by the CLI, the REST API and the web UI.
"""

from .alerts import Alert, find_alerts
from .dyads import DyadSeries, dyad_series
from .network import Network, actor_network
from .selection import ActorSpec, parse_actor_spec
from .timeline import PlaceSpec, actor_timeline, dyad_timeline, place_timeline

__all__ = [
    "ActorSpec", "Alert", "DyadSeries", "Network", "PlaceSpec", "actor_network", "actor_timeline",
    "dyad_series", "dyad_timeline", "find_alerts", "parse_actor_spec", "place_timeline",
]  # fmt: skip
