import pytest

from eventlens.analysis import actor_network, parse_actor_spec
from eventlens.errors import InputError

ROWS = [
    ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ("2020-01-14", "TURGOV", "RUSGOV", "040", 1.0, 1),
    ("2020-01-15", "RUSGOV", "SYRGOV", "057", 8.0, 1),
    ("2020-01-16", "RUSMIL", "SYRMIL", "062", 7.4, 2),
    ("2020-01-17", "TURMIL", "SYRMIL", "190", -10.0, 4),
    ("2020-01-25", "TURMIL", "SYRMIL", "190", -10.0, 4),  # a week later: not the same event as the one above
    ("2020-01-19", "TURGOV", "TURMIL", "010", 0.0, 1),  # inside one country: no edge at country level
    ("2020-02-01", "USAGOV", "TURGOV", "111", -2.0, 3),
]


def test_country_network(hand_built_store):
    net = actor_network(hand_built_store(ROWS), level="country")
    edges = {(e.source, e.target): e for e in net.edges}
    assert set(edges) == {("TUR", "SYR"), ("TUR", "RUS"), ("RUS", "SYR"), ("USA", "TUR")}
    tur_syr = edges[("TUR", "SYR")]
    assert (tur_syr.count, tur_syr.cooperation, tur_syr.conflict, tur_syr.tone) == (3, 1, 2, "conflict")
    assert tur_syr.mean_goldstein == round((2.8 - 20) / 3, 2)
    assert edges[("RUS", "SYR")].tone == "cooperation"
    assert net.events == 7
    nodes = {n.id: n for n in net.nodes}
    assert nodes["SYR"].pagerank == max(n.pagerank for n in net.nodes)  # everyone acts on Syria
    assert nodes["TUR"].betweenness > nodes["USA"].betweenness == 0.0
    assert nodes["TUR"].degree == 3


def test_code_level_window_and_focus(hand_built_store):
    store = hand_built_store(ROWS)
    net = actor_network(store, level="code", until="2020-01-31", around=parse_actor_spec("TURMIL"))
    assert {(e.source, e.target) for e in net.edges} == {("TURMIL", "SYRMIL"), ("TURGOV", "TURMIL")}
    assert actor_network(store, level="country", min_count=2).edges[0].source == "TUR"
    with pytest.raises(InputError):
        actor_network(store, level="galaxy")


def test_empty_store(sqlite_store):
    net = actor_network(sqlite_store)
    assert net.nodes == [] and net.edges == [] and net.events == 0
