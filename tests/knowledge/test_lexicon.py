"""The pattern lexicon: shipped files, user extension files, matching and frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.errors import ConfigError
from eventlens.knowledge.lexicon import Lexicon, match_pattern
from eventlens.knowledge.ontology import Ontology


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


@pytest.fixture(scope="module")
def lex(onto: Ontology) -> Lexicon:
    return Lexicon.load(ontology=onto)


def test_shipped_lexicon_codes_exist(lex: Lexicon, onto: Ontology) -> None:
    lex.check(onto)  # raises on any unknown code
    assert len(lex.verbs) > 200 and len(lex.nouns) > 80
    assert "lexicon-verbs" in lex.version and "lexicon-frames" in lex.version


def test_every_cameo_root_is_reachable(lex: Lexicon) -> None:
    codes = {p.code for table in (lex.verbs, lex.nouns) for ps in table.values() for p in ps if p.code}
    codes |= {c for f in lex.frames.values() for c in [f.code, *f.content.values()] if c}
    roots = {c[:2] for c in codes}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(
    ("lemma", "particles", "objects", "code"),
    [
        ("break", {"off"}, {"relation"}, "161"),
        ("meet", set(), set(), "040"),
        ("call", {"on"}, set(), None),  # a frame, no code of its own
        ("sign", set(), {"agreement"}, "057"),
        ("lift", set(), {"curfew"}, "0813"),
        ("expel", set(), {"diplomat"}, "161"),
        ("expel", set(), {"worker"}, "1663"),
        ("expel", set(), {"journalist"}, "174"),
        ("blow", {"up"}, set(), "1712"),
    ],
)
def test_most_specific_pattern_wins(lex: Lexicon, lemma: str, particles: set, objects: set, code: str | None) -> None:
    pattern = match_pattern(lex.verbs[lemma], particles, objects)
    assert pattern is not None and pattern.code == code


def test_yaml_on_off_are_particles_not_booleans(lex: Lexicon) -> None:
    call = {p.particle for p in lex.verbs["call"]}
    assert {"on", "off", "for"} <= call


@pytest.mark.parametrize(
    ("frame", "content", "code"),
    [
        ("demand", "0874", "1056"),
        ("demand", "046", "106"),
        ("appeal", "073", "0233"),
        ("intend", "042", "036"),
        ("reject", "046", "125"),
        ("threaten", "163", "1312"),
        ("threaten", "195", "1384"),
        ("demand", None, "100"),
        ("order", "173", "173"),  # "ordered the arrest of X": the arrest itself
        ("order", "0874", "0874"),
        ("order", "046", "106"),
    ],
)
def test_frames_combine_with_their_content(lex: Lexicon, frame: str, content: str | None, code: str) -> None:
    assert lex.frames[frame].code_for(content) == code


def test_user_file_adds_and_replaces_entries(tmp_path: Path, onto: Ontology) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "version: my-lexicon-1\n"
        "verbs:\n"
        "  - {lemma: snub, code: '125'}\n"
        "  - {id: 'verb:meet@040', lemma: meet, code: '046', symmetric: true}\n"
        "nouns:\n"
        "  - {lemma: airlift, code: '073', target: [to]}\n",
        encoding="utf-8",
    )
    lex = Lexicon.load([user], ontology=onto)
    assert lex.verbs["snub"][0].code == "125" and lex.verbs["snub"][0].id == "verb:snub@125"
    assert [p.code for p in lex.verbs["meet"]] == ["046"]
    assert lex.nouns["airlift"][0].target_preps == ("to",)
    assert "my-lexicon-1" in lex.version


@pytest.mark.parametrize(
    "content",
    [
        "verbs: [{lemma: snub}]\n",  # neither code nor frame
        "verbs: [{code: '120'}]\n",  # no lemma
        "verbs: [{lemma: snub, code: '999'}]\n",  # not a CAMEO code
        "verbs: [{lemma: snub, frame: nonsense}]\n",
        "- just a list\n",
        "verbs: [{lemma: snub, code: '120'\n",  # broken YAML
    ],
)
def test_bad_user_file_is_a_config_error(tmp_path: Path, onto: Ontology, content: str) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        Lexicon.load([user], ontology=onto)


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        Lexicon.load([tmp_path / "nope.yaml"])


def test_an_undeclared_word_list_is_an_error_not_an_empty_list() -> None:
    lexicon = Lexicon.load()
    assert "say" in lexicon.word("say_verbs")
    with pytest.raises(KeyError, match="no word list"):
        lexicon.word("say_verb")
