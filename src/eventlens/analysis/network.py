"""The actor network: who deals with whom over a period, and who is central.

Nodes are actors at a chosen level: `actor` (the store's actor id), `code` (the CAMEO code on
the event's date, e.g. TURSPY) or `country` (the three-letter country). A directed edge
source -> target carries the number of events, how many were cooperation (QuadClass 1-2) and
conflict (3-4), and the mean and sum of the Goldstein scores. Self-loops (an actor acting on
itself, e.g. TURGOV -> TUR) are dropped.

Centrality (networkx): weighted degree (events in and out), PageRank over event counts on the
whole graph (which orders the nodes and makes the `max_nodes` cut), and betweenness on the
undirected graph of the nodes kept. Without `around`, the store counts the edges itself (one
GROUP BY, `Store.pair_counts`), so a large store is not read event by event.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from ..errors import InputError
from ..model import Actor, Event
from ..store.base import EventQuery, PairCount, Store
from .selection import PAGE, ActorSpec, iter_events

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
    if around is None:
        return network_from_pairs(store.pair_counts(level, EventQuery(since=since, until=until)), level,
                                  min_count, max_nodes)  # fmt: skip
    events = [e for e in _events_around(store, around, since, until) if around.matches(e.source) or
              around.matches(e.target)]  # fmt: skip
    return network_from_events(events, level, min_count, max_nodes)


def _events_around(store: Store, around: ActorSpec, since: str | None, until: str | None) -> list[Event]:
    if around.kind != "id":
        return list(iter_events(store, since, until, around.store_filter()))
    found: list[Event] = []
    while True:  # an actor id: the store's index finds its events
        page = store.query_events(EventQuery(actor_id=around.value, since=since, until=until, limit=PAGE,
                                             offset=len(found)))  # fmt: skip
        found += page
        if len(page) < PAGE:
            return found


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
    return _network(list(edges.values()), labels, level, used, min_count, max_nodes)


def network_from_pairs(pairs: list[PairCount], level: Level, min_count: int = 1, max_nodes: int = 200) -> Network:
    """The network from the store's edge counts (`Store.pair_counts`)."""
    edges: list[Edge] = []
    labels: dict[str, Actor] = {}
    for pair in pairs:
        src, tgt = pair.key.split("\t", 1)
        labels.setdefault(src, Actor(pair.name or src, pair.code, pair.country, actor_id=src))
        labels.setdefault(tgt, Actor(pair.other_name or tgt, pair.other_code, pair.other_country, actor_id=tgt))
        edges.append(Edge(src, tgt, pair.events, pair.cooperation, pair.conflict, pair.goldstein_sum, pair.goldstein_n))
    return _network(edges, labels, level, sum(p.events for p in pairs), min_count, max_nodes)


def _network(
    edges: list[Edge], labels: dict[str, Actor], level: Level, used: int, min_count: int, max_nodes: int
) -> Network:
    kept = [e for e in edges if e.count >= min_count]
    graph = nx.DiGraph()
    for edge in kept:
        graph.add_edge(edge.source, edge.target, weight=edge.count)
    nodes = _rank_nodes(graph, labels, level)[:max_nodes]
    names = {n.id for n in nodes}
    kept = [e for e in kept if e.source in names and e.target in names]
    kept.sort(key=lambda e: (-e.count, e.source, e.target))
    betweenness = nx.betweenness_centrality(graph.subgraph(names).to_undirected()) if nodes else {}
    for node in nodes:
        node.betweenness = betweenness.get(node.id, 0.0)
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
                pagerank=pagerank.get(node_id, 0.0),
            )
        )  # fmt: skip
    nodes.sort(key=lambda n: (-n.pagerank, -n.events, n.id))
    return nodes
