"""The one reader of shipped data files: package resources, TSV, YAML, word lists with their source."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventlens.errors import ConfigError
from eventlens.knowledge.datafiles import (
    data_text,
    parse_tsv,
    read_tsv,
    read_yaml_mapping,
    shipped,
    word_list,
    words_of,
)

LANGUAGE = resources.files("eventlens.data").joinpath("language")


def test_shipped_files_are_package_resources() -> None:
    assert "iso3" in data_text("places/countries.tsv")
    assert read_yaml_mapping(shipped("attribution/cues.yaml"), "attribution cues")
    with pytest.raises(ConfigError, match=r"missing data file eventlens/data/nothing\.tsv"):
        data_text("nothing.tsv")


def test_tsv_rows_with_comments_and_stripped_cells() -> None:
    rows = parse_tsv("# a comment\nname\tcode\n\n Ankara \tTUR\n# more\nDamascus\tSYR\n", "t.tsv")
    assert rows == [{"name": "Ankara", "code": "TUR"}, {"name": "Damascus", "code": "SYR"}]
    with pytest.raises(ConfigError, match=r"t\.tsv: too many columns"):
        parse_tsv("name\tcode\nAnkara\tTUR\textra\n", "t.tsv")
    assert any(r["iso3"] == "TUR" for r in read_tsv("actors/countries.tsv"))


def test_every_word_list_says_where_its_facts_come_from() -> None:
    names = sorted(f.name[: -len(".yaml")] for f in LANGUAGE.iterdir() if f.name.endswith(".yaml"))
    assert len(names) >= 10
    for name in names:
        data = yaml.safe_load(LANGUAGE.joinpath(f"{name}.yaml").read_text(encoding="utf-8"))
        assert len(data["source"]) > 20, name
        assert word_list(name) == frozenset(data["words"]), name


def test_the_lists_the_code_reads() -> None:
    assert {"general", "minister", "sheikh"} <= word_list("titles")
    assert {"al", "ash", "bin"} <= word_list("name_particles")
    assert word_list("person_pronouns") == {"he", "she"}
    assert "’" in word_list("modifiers")  # quote marks survive the YAML round trip


def test_a_word_list_without_a_source_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("words: [a, b]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs `source:`"):
        words_of(read_yaml_mapping(bad, "word list"), str(bad))
    assert words_of({"source": "ours", "words": ["a", "b"]}, "x") == {"a", "b"}
    with pytest.raises(ConfigError, match="cannot read word list"):
        word_list("no-such-list")
