"""The actor network: who deals with whom over a period, and who is central.

Nodes are actors at a chosen level: `actor` (the store's actor id), `code` (the CAMEO code on
the event's date, e.g. TURSPY) or `country` (the three-letter country). A directed edge
source -> target carries the number of events, how many were cooperation (QuadClass 1-2) and
conflict (3-4), and the mean and sum of the Goldstein scores. Self-loops (an actor acting on
itself, e.g. TURGOV -> TUR) are dropped.

Centrality (networkx): weighted degree (events in and out), PageRank over event counts, and
betweenness on the undirected graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from ..errors import InputError
from ..model import Actor, Event
from ..store.base import Store
from .selection import ActorSpec, iter_events

Level = Literal["actor", "code", "country"]
LEVELS: tuple[Level, ...] = ("actor", "code", "country")


@dataclass
class Edge:
    source: str
    target: str
    count: int = 0
    cooperation: int = 0
    conflict: int = 0
    goldstein_sum: float = 0.0
    goldstein_n: int = 0

    @property
    def mean_goldstein(self) -> float | None:
        return round(self.goldstein_sum / self.goldstein_n, 2) if self.goldstein_n else None

    @property
    def tone(self) -> str:
        """cooperation | conflict | mixed, by the majority of the edge's events."""
        if self.cooperation > self.conflict:
            return "cooperation"
        if self.conflict > self.cooperation:
            return "conflict"
        return "mixed"

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source, "target": self.target, "count": self.count,
            "cooperation": self.cooperation, "conflict": self.conflict,
            "mean_goldstein": self.mean_goldstein, "goldstein_sum": round(self.goldstein_sum, 2),
            "tone": self.tone,
        }  # fmt: skip


@dataclass
class Node:
    id: str
    label: str
    code: str | None
    country: str | None
    events: int = 0
    degree: int = 0  # distinct counterparts
    pagerank: float = 0.0
    betweenness: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "label": self.label, "code": self.code, "country": self.country,
            "events": self.events, "degree": self.degree,
            "pagerank": round(self.pagerank, 4), "betweenness": round(self.betweenness, 4),
        }  # fmt: skip


@dataclass
class Network:
    level: Level
    nodes: list[Node] = field(default_factory=list)  # most central first
    edges: list[Edge] = field(default_factory=list)  # heaviest first
    events: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "events": self.events,
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }


def node_key(actor: Actor, level: Level) -> str | None:
    """The node an actor belongs to at `level`; None when the level is unknown for it."""
    if level == "actor":
        return actor.actor_id or actor.code or actor.name or None
    if level == "code":
        return actor.code or None
    return actor.country or ((actor.code or "")[:3] or None)


def actor_network(
    store: Store,
    level: Level = "country",
    since: str | None = None,
    until: str | None = None,
    around: ActorSpec | None = None,
    min_count: int = 1,
    max_nodes: int = 200,
) -> Network:
    """The network over the events in the window (optionally only events touching `around`)."""
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    events = [
        e
        for e in iter_events(store, since, until, around.store_filter() if around else None)
        if around is None or around.matches(e.source) or around.matches(e.target)
    ]
    return network_from_events(events, level, min_count, max_nodes)


def network_from_events(events: list[Event], level: Level, min_count: int = 1, max_nodes: int = 200) -> Network:
    edges: dict[tuple[str, str], Edge] = {}
    labels: dict[str, Actor] = {}
    used = 0
    for event in events:
        src, tgt = node_key(event.source, level), node_key(event.target, level)
        if not src or not tgt or src == tgt:
            continue
        used += 1
        labels.setdefault(src, event.source)
        labels.setdefault(tgt, event.target)
        edge = edges.get((src, tgt)) or edges.setdefault((src, tgt), Edge(src, tgt))
        _add_to_edge(edge, event)
    kept = [e for e in edges.values() if e.count >= min_count]
    graph = nx.DiGraph()
    for edge in kept:
        graph.add_edge(edge.source, edge.target, weight=edge.count)
    nodes = _rank_nodes(graph, labels, level)[:max_nodes]
    names = {n.id for n in nodes}
    kept = [e for e in kept if e.source in names and e.target in names]
    kept.sort(key=lambda e: (-e.count, e.source, e.target))
    return Network(level=level, nodes=nodes, edges=kept, events=used)


def _add_to_edge(edge: Edge, event: Event) -> None:
    edge.count += 1
    if event.quad_class in (1, 2):
        edge.cooperation += 1
    elif event.quad_class in (3, 4):
        edge.conflict += 1
    if event.goldstein is not None:
        edge.goldstein_sum += event.goldstein
        edge.goldstein_n += 1


def _rank_nodes(graph: nx.DiGraph, labels: dict[str, Actor], level: Level) -> list[Node]:
    if graph.number_of_nodes() == 0:
        return []
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
    betweenness = nx.betweenness_centrality(graph.to_undirected())
    weighted = defaultdict(int)
    for u, v, data in graph.edges(data=True):
        weighted[u] += data["weight"]
        weighted[v] += data["weight"]
    nodes = []
    for node_id in graph.nodes:
        actor = labels[node_id]
        label = node_id if level != "actor" else (actor.name or node_id)
        nodes.append(
            Node(
                id=node_id, label=label, code=actor.code if level != "country" else node_id,
                country=actor.country or (actor.code or "")[:3] or None, events=weighted[node_id],
                degree=len(set(graph.predecessors(node_id)) | set(graph.successors(node_id))),
                pagerank=pagerank.get(node_id, 0.0), betweenness=betweenness.get(node_id, 0.0),
            )
        )  # fmt: skip
    nodes.sort(key=lambda n: (-n.pagerank, -n.events, n.id))
    return nodes
