"""The Phoenix importer: tolerant reading of PETRARCH actor files and the selection rules, on
dictionary text we write here; and the generated tables as the knowledge base loads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventlens.knowledge.actors import ActorKB
from eventlens.knowledge.phoenix import HORIZON, read_agents, read_entries, select, write

VOCAB = frozenset({"target", "apple", "care", "watch", "human", "rights", "the", "who"})

ACTORS = """\
# a comment line
JANE_QWERTYUIOP_  # CountryInfo.txt
+J._QWERTYUIOP_
+QWERTYUIOP_
\t[ZZAGOV 100101-120101]
\t[ZZAELI >120102]
PLAIN_ORGANISATION_OF_TESTERS_(POT)_ [NGOHRI]
+TARGET_
+CARE_
VICE_PRESIDENT_OF_ZZA
+ZZA_VICE_PRESIDENT
\t[ZZAGOV]
BROKEN_DATE_PERSON_  # CountryInfo.txt
\t[ZZAGOV 2004017-20061201]
"""


def _data():
    entries = list(read_entries(ACTORS, "Phoenix.International.actors.txt"))
    return select(entries, VOCAB)


def test_people_keep_dated_roles_and_open_roles_end_at_the_horizon() -> None:
    data = _data()
    people = {name: (aliases, roles) for name, aliases, roles in data.people}
    aliases, roles = people["Jane Qwertyuiop"]
    assert ("ZZAGOV", "2010-01-01", "2012-01-01") in roles
    assert ("ZZAELI", "2012-01-02", HORIZON) in roles  # open-ended in the source
    assert "Qwertyuiop" not in aliases  # a surname alone is never an imported alias
    assert "J. Qwertyuiop" in aliases
    assert "Broken Date Person" not in people  # an unreadable date is skipped, not guessed


def test_organisations_keep_acronyms_in_capitals_and_drop_english_words() -> None:
    data = _data()
    orgs = {name: (code, aliases) for name, code, _kind, _country, aliases in data.organisations}
    code, aliases = orgs["Plain Organisation of Testers"]
    assert code == "NGOHRI"
    assert "POT" in aliases  # the parenthesised acronym, in capitals
    assert not {"Target", "TARGET", "Care", "CARE"} & set(aliases)  # ordinary English words
    assert not any("Vice President" in name for name in orgs)  # a role, not an organisation


def test_agents_keep_political_sectors_and_collectives() -> None:
    text = """!PERSON! = MAN, MEN
POLICE {} [~COP]
POLICE!PERSON! [~COP]
TEACHER {TEACHERS} [~EDU]
POLICE_POST [~COP]
BUDDHIST_MONK [~BUD]
MAN [~CVL]
"""
    rows = {phrase: (sector, person) for phrase, sector, person in read_agents(text)}
    assert rows["police"] == ("COP", "")  # no plural given: a collective
    assert rows["teacher"] == ("EDU", "yes") and rows["teachers"] == ("EDU", "")
    assert rows["police man"] == ("COP", "yes")  # the !PERSON! macro expanded
    assert "police post" not in rows and "buddhist monk" not in rows and "man" not in rows


def test_written_tables_name_source_and_licence(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "LICENSE").write_text("MIT licence text\n", encoding="utf-8")
    write(_data(), tmp_path / "out", src, "0" * 40)
    people = (tmp_path / "out" / "people.tsv").read_text(encoding="utf-8")
    assert "0" * 40 in people and "MIT" in people
    assert (tmp_path / "out" / "LICENSE").read_text(encoding="utf-8") == "MIT licence text\n"


def test_shipped_tables_load_and_our_people_stay_the_authority() -> None:
    kb = ActorKB.load()
    assert any(p.imported for p in kb.people) and any(o.source.startswith("phoenix") for o in kb.organisations)
    # Our list knows Erdogan; the imported copy of him is left out, so his name is not ambiguous.
    found = kb.lookup("Recep Tayyip Erdogan", dt.date(2025, 1, 1))
    assert found is not None and not found.entry.source.startswith("phoenix")
    assert kb.lookup("Human Rights Watch").code.startswith("NGO")
