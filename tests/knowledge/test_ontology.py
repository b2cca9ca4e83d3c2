"""The CAMEO and PLOVER tables and their loader."""

from __future__ import annotations

import pytest

from eventlens.errors import ConfigError
from eventlens.knowledge.ontology import Ontology

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_every_root_and_its_generic_code(onto: Ontology) -> None:
    for n in range(1, 21):
        root = f"{n:02d}"
        assert onto.cameo(root).is_root
        assert onto.has_code(f"{root}0"), root


def test_codes_are_strings_with_leading_zeros(onto: Ontology) -> None:
    assert all(c.isdigit() and len(c) in (2, 3, 4) for c in onto.codes)
    assert onto.cameo("043").code == "043" and onto.cameo("0874").root == "08"
    assert len(onto.codes) > 300


@pytest.mark.parametrize(
    ("code", "quad"),
    [("010", 1), ("057", 1), ("060", 2), ("0874", 2), ("094", 2), ("1056", 3), ("145", 3), ("150", 4), ("2042", 4)],
)
def test_quad_class_follows_the_root(onto: Ontology, code: str, quad: int) -> None:
    assert onto.cameo(code).quad_class == quad


def test_quad_class_is_consistent_for_all(onto: Ontology) -> None:
    def quad(root: int) -> int:
        return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4

    for code, entry in onto.codes.items():
        assert entry.quad_class == quad(int(code[:2])), code
        assert -10.0 <= entry.goldstein <= 10.0
        assert entry.name


def test_subcodes_have_parents(onto: Ontology) -> None:
    for code in onto.codes:
        parent = onto.parent(code)
        if parent is not None:
            assert onto.has_code(parent), code


@pytest.mark.parametrize(
    ("code", "name_part", "goldstein"),
    [
        ("043", "Host a visit", 2.8),
        ("044", "third", 2.5),
        ("057", "Sign formal agreement", 8.0),
        ("1056", "de-escalation", -5.0),
        ("173", "Arrest", -5.0),
        ("195", "aerial", -10.0),
    ],
)
def test_known_names_and_scores(onto: Ontology, code: str, name_part: str, goldstein: float) -> None:
    entry = onto.cameo(code)
    assert name_part.lower() in entry.name.lower()
    assert entry.goldstein == goldstein


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [
        ("044", "CONSULT", "third-party"),
        ("1056", "REQUEST", "yield"),
        ("163", "SANCTION", "embargo"),
        ("173", "COERCE", "arrest"),
        ("195", "ASSAULT", "aerial"),
        ("0871", "RETREAT", "ceasefire"),
        ("036", "AGREE", None),
        ("112", "ACCUSE", "allege"),
        ("09", "ACCUSE", "investigate"),
    ],
)
def test_plover_crosswalk(onto: Ontology, code: str, event: str, mode: str | None) -> None:
    plover = onto.to_plover(code)
    assert plover is not None and plover.event == event and plover.mode == mode


def test_plain_statements_have_no_plover_event(onto: Ontology) -> None:
    assert onto.to_plover("010") is None


def test_crosswalk_covers_every_code_with_current_types(onto: Ontology) -> None:
    used = {onto.to_plover(c).event for c in onto.codes if onto.to_plover(c) is not None}  # type: ignore[union-attr]
    assert used == PLOVER_TYPES
    assert set(onto.plover_types) == PLOVER_TYPES
    for code in onto.codes:
        p = onto.to_plover(code)
        if p is not None and p.mode:
            assert p.mode in onto.plover_types[p.event].modes, (code, p)


@pytest.mark.parametrize("old, new", [("DEMAND", "REQUEST"), ("fight", "ASSAULT"), ("AGREE", "AGREE")])
def test_legacy_plover_names(onto: Ontology, old: str, new: str) -> None:
    assert onto.plover_name(old) == new


@pytest.mark.parametrize("bad", ["999", "", "43", "0433", "abc"])
def test_unknown_code_is_a_config_error(onto: Ontology, bad: str) -> None:
    with pytest.raises(ConfigError):
        onto.cameo(bad)
    with pytest.raises(ConfigError):
        onto.to_plover(bad)


def test_version_names_every_table(onto: Ontology) -> None:
    assert "cameo-1.1b3" in onto.version and "goldstein-gdelt" in onto.version and "plover" in onto.version


def test_actor_types(onto: Ontology) -> None:
    for code in ("GOV", "MIL", "SPY", "REB", "OPP", "CVL", "MED", "JUD", "COP", "REF", "BUS", "LEG", "PTY",
                 "EDU", "HLH", "IGO", "NGO", "UAF", "INS", "SEP"):  # fmt: skip
        assert onto.actor_types[code].name
