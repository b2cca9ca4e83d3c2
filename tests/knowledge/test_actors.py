"""The actor knowledge base: countries, organisations, people with dated roles, user files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventlens.errors import ConfigError
from eventlens.knowledge.actor_files import load_actor_kb, parse_csv_actors, parse_tabari, read_actor_file
from eventlens.knowledge.actor_names import fold, name_key, variant_key
from eventlens.knowledge.actors import ActorKB, Person, Role


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("United States", "USA"), ("U.S.", "USA"),
        ("USA", "USA"), ("America", "USA"), ("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"),
        ("Syria", "SYR"), ("Burma", "MMR"), ("the Netherlands", "NLD"), ("Kosovo", "XKX"),
    ],
)  # fmt: skip
def test_country_names(kb: ActorKB, name: str, iso3: str) -> None:
    country = kb.country_by_name(name)
    assert country is not None and country.iso3 == iso3


@pytest.mark.parametrize(
    ("word", "iso3"),
    [("Turkish", "TUR"), ("Turk", "TUR"), ("Turks", "TUR"), ("Syrian", "SYR"), ("Syrians", "SYR"),
     ("Israeli", "ISR"), ("Ivorian", "CIV"), ("British", "GBR"), ("American", "USA"), ("Congolese", "COD")],
)  # fmt: skip
def test_demonyms(kb: ActorKB, word: str, iso3: str) -> None:
    match = kb.lookup(word)
    assert match is not None and match.country == iso3 and match.via == "demonym"


@pytest.mark.parametrize(
    ("capital", "code"),
    [("Moscow", "RUSGOV"), ("Ankara", "TURGOV"), ("Washington", "USAGOV"), ("Damascus", "SYRGOV"),
     ("Tehran", "IRNGOV"), ("Beijing", "CHNGOV"), ("Kyiv", "UKRGOV"), ("Kiev", "UKRGOV")],
)  # fmt: skip
def test_capitals_stand_for_governments(kb: ActorKB, capital: str, code: str) -> None:
    match = kb.lookup(capital)
    assert match is not None and match.code == code and match.via == "capital"


def test_cameo_alternative_country_code(kb: ActorKB) -> None:
    kosovo = kb.country("KSV")
    assert kosovo is not None and kosovo.iso3 == "XKX"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("SANA", "SYRMED"), ("Reuters", "MED"), ("YPG", "SYRREBKUR"), ("PKK", "TURREBKUR"), ("NATO", "IGOWSTNAT"),
        ("ISIS", "IMGMOSISI"), ("Daesh", "IMGMOSISI"), ("HTS", "SYRREB"), ("Hezbollah", "LBNREB"),
        ("Hamas", "PSEREB"), ("Taliban", "AFGREB"), ("al-Shabaab", "SOMREB"), ("Houthis", "YEMREB"),
        ("Wagner Group", "RUSMIL"), ("MIT", "TURSPY"), ("National Intelligence Organisation", "TURSPY"),
        ("National Security Bureau", "SYRSPY"), ("CIA", "USASPY"), ("Mossad", "ISRSPY"), ("FSB", "RUSSPY"),
        ("the Kremlin", "RUSGOV"), ("White House", "USAGOV"), ("IAEA", "IGOUNOIAE"), ("Arab League", "IGOARBARL"),
        ("TASS", "RUSMED"), ("Xinhua", "CHNMED"), ("Anadolu", "TURMED"), ("IRNA", "IRNMED"),
    ],
)  # fmt: skip
def test_organisations(kb: ActorKB, name: str, code: str) -> None:
    match = kb.lookup(name)
    assert match is not None and match.code == code and match.kind == "organisation"


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("intelligence chief", "SPY"), ("intelligence chiefs", "SPY"), ("spy chief", "SPY"),
     ("intelligence agency", "SPY"), ("foreign minister", "GOV"), ("president", "GOV"), ("official", "GOV"),
     ("regime", "GOV"), ("government", "GOV"), ("army", "MIL"), ("troops", "MIL"), ("forces", "MIL"),
     ("general", "MIL"), ("rebels", "REB"), ("insurgents", "REB"), ("police", "COP"), ("protesters", "OPP"),
     ("opposition", "OPP"), ("refugees", "REF"), ("court", "JUD"), ("judge", "JUD"), ("prosecutor", "JUD"),
     ("news agency", "MED"), ("Regime", "GOV")],
)  # fmt: skip
def test_sector_terms(kb: ActorKB, phrase: str, sector: str) -> None:
    assert kb.sector_for_phrase(phrase) == sector


def test_unknown_names_are_none(kb: ActorKB) -> None:
    assert kb.lookup("Zorblaxian Quuxington") is None
    assert kb.lookup("") is None
    assert kb.sector_for_phrase("banana") is None


@pytest.mark.parametrize(
    ("day", "code"),
    [(dt.date(2012, 5, 1), "TURSPY"), (dt.date(2020, 1, 13), "TURSPY"), (dt.date(2023, 6, 3), "TURSPY"),
     (dt.date(2023, 6, 4), "TURGOV"), (dt.date(2024, 1, 1), "TURGOV"), (None, "TURGOV")],
)  # fmt: skip
def test_the_same_name_is_coded_by_the_role_on_the_date(kb: ActorKB, day: dt.date | None, code: str) -> None:
    match = kb.lookup("Hakan Fidan", on=day)
    assert match is not None and match.code == code and match.actor_id == "kb:hakan-fidan"


def test_dates_outside_every_role() -> None:
    person = Person(
        "Test Person",
        roles=(Role("TURSPY", "chief", "2010-05", "2015"), Role("TURGOV", "minister", "2018-01-01", "2020-12-31")),
        country="TUR",
    )
    assert person.code_on(dt.date(2009, 1, 1)) == "TUR"  # before any office: the country only
    assert person.code_on(dt.date(2010, 5, 1)) == "TURSPY"  # a partial start date covers its month
    assert person.code_on(dt.date(2015, 12, 31)) == "TURSPY"  # a partial end date covers its year
    assert person.code_on(dt.date(2016, 6, 1)) == "TURELI"  # between offices: a former official
    assert person.code_on(dt.date(2022, 1, 1)) == "TURELI"
    assert person.code_on(None) == "TURGOV"  # no date: the latest role


def test_kb_person_roles(kb: ActorKB) -> None:
    roles = kb.person_roles("Ali Mamluk")
    assert roles and all(r.code == "SYRSPY" for r in roles)
    assert kb.person_roles("Nobody Atall") == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ali Mamluk", "Ali Mamlouk"), ("Muammar Gaddafi", "Muammar Qaddafi"), ("Muammar Gaddafi", "Moammar Kadhafi"),
     ("Mohammed Salem", "Muhammad Salem"), ("Bashar al-Assad", "Bashar el-Assad"), ("Hossein Amiri", "Husain Amiri"),
     ("Abdel Karim", "Abdul Karim")],
)  # fmt: skip
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert variant_key(name_key(a)) == variant_key(name_key(b))


@pytest.mark.parametrize(("a", "b"), [("Saddam Hussein", "Saddam Hassan"), ("Ali Mamlouk", "Ali Mahmoud")])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert variant_key(name_key(a)) != variant_key(name_key(b))


def test_variants_titles_and_case_find_one_person(kb: ActorKB) -> None:
    ids = {kb.lookup(n, dt.date(2020, 1, 13)).actor_id for n in ("Ali Mamlouk", "Ali Mamluk", "General Ali Mamlouk",
                                                                   "ali mamlouk", "Ali Mamlook")}  # fmt: skip
    assert ids == {"kb:ali-mamlouk"}
    assert fold("Türkiye") == "turkiye" and fold("U.S.") == "us"


def test_surname_of_an_office_holder(kb: ActorKB) -> None:
    person = kb.person_by_surname("Assad", dt.date(2015, 6, 1))
    assert person is not None and person.name == "Bashar al-Assad"
    assert (
        kb.person_by_surname("Assad", dt.date(1995, 6, 1)) is None
        or kb.person_by_surname("Assad", dt.date(1995, 6, 1)).name != "Bashar al-Assad"
    )


TABARI = """\
# a PETRARCH-style actor dictionary
HAKAN_FIDAN_ [TURSPY 100527-230603]  # intelligence chief
+FIDAN_
    [TURGOV >230604]
JOHN_Q_PUBLIC_  [GBRGOV 19990101-20041231]
+J_Q_PUBLIC_
    [GBRELI >050101]
BLUE_BRIGADE_ [SYRREB]
+THE_BLUES_
PRESIDENT_ {PRESIDENTS} [~GOV]
"""


def test_tabari_dictionary() -> None:
    found = parse_tabari(TABARI, "test.dic")
    people = {p.name: p for p in found.people}
    assert set(people) == {"Hakan Fidan", "John Q Public"}
    fidan = people["Hakan Fidan"]
    assert fidan.aliases == ("Fidan",)
    assert [(r.code, r.start, r.end) for r in fidan.roles] == [
        ("TURSPY", "2010-05-27", "2023-06-03"),
        ("TURGOV", "2023-06-04", None),
    ]
    public = people["John Q Public"]
    assert public.code_on(dt.date(2000, 1, 1)) == "GBRGOV" and public.code_on(dt.date(2006, 1, 1)) == "GBRELI"
    (org,) = found.organisations
    assert (org.name, org.code, org.kind, org.country, org.aliases) == (
        "Blue Brigade", "SYRREB", "armed_group", "SYR", ("The Blues",),
    )  # fmt: skip
    assert {(t.phrase, t.sector) for t in found.sector_terms} == {("president", "GOV"), ("presidents", "GOV")}


@pytest.mark.parametrize(
    ("text", "message"),
    [("+FIDAN_\n", "synonym line before any actor"), ("FIDAN_ [TURSPY 2010-05]\n", "bad date"),
     ("FIDAN_ [TUR SPY]\n", "bad date restriction"), ("FIDAN_ [tur$]\n", "not an actor code"),
     ("FIDAN_\n", r"has no \[CODE\]"), ("X_ [TURGOV 101399-]\n", "bad date")],
)  # fmt: skip
def test_tabari_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_tabari(text, "bad.dic")


def test_csv_actors() -> None:
    text = (
        "name,code,kind,country,aliases,title,start,end\n"
        "Jane Doe,GBRGOV,person,,Doe,Foreign Secretary,2031-01-02,2033\n"
        "Jane Doe,GBRELI,person,,,,2033-06,\n"
        "Widget Front,SYRREB,armed_group,SYR,WF|Widgets,,,\n"
    )
    found = parse_csv_actors(text, "x.csv")
    (jane,) = found.people
    assert jane.code_on(dt.date(2032, 1, 1)) == "GBRGOV" and jane.code_on(dt.date(2034, 1, 1)) == "GBRELI"
    assert found.organisations[0].aliases == ("WF", "Widgets")
    with pytest.raises(ConfigError, match="name,code"):
        parse_csv_actors("who,what\n", "bad.csv")
    with pytest.raises(ConfigError, match="bad date"):
        parse_csv_actors("name,code,start\nX,TURGOV,yesterday\n", "bad.csv")


def test_user_files_extend_the_knowledge_base(tmp_path: Path) -> None:
    (tmp_path / "mine.dic").write_text(TABARI, encoding="utf-8")
    (tmp_path / "more.yaml").write_text(
        "- name: Zed Zedson\n  aliases: [Zedson]\n  roles:\n"
        "    - {code: FRAGOV, title: Minister, start: '2030', end: null}\n"
        "- {name: Quux Party, code: FRAOPP, kind: party, country: FRA, aliases: [QP]}\n",
        encoding="utf-8",
    )
    kb = load_actor_kb([tmp_path])
    assert kb.lookup("The Blues").code == "SYRREB"
    assert kb.lookup("Zed Zedson", dt.date(2031, 1, 1)).code == "FRAGOV"
    assert kb.lookup("QP").code == "FRAOPP"
    assert kb.sector_for_phrase("presidents") == "GOV"
    assert kb.lookup("J Q Public", dt.date(2001, 1, 1)).code == "GBRGOV"


def test_bad_user_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_actor_kb([tmp_path / "missing.yaml"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        read_actor_file(bad)
    binary = tmp_path / "bin.dic"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(ConfigError, match="UTF-8"):
        read_actor_file(binary)


def test_a_regnal_number_is_never_a_surname() -> None:
    king = Person("Zorvan I", (), (Role("ZZZGOV", "king", "2001"),), "ZZZ", "test")
    kb = ActorKB([], [], [king], [])
    assert kb.person_by_surname("I", dt.date(2020, 1, 1)) is None
    assert kb.person_by_surname("Zorvan", dt.date(2020, 1, 1)) is king  # the name before the number


def test_names_written_in_capitals_are_acronyms() -> None:
    kb = ActorKB.load()
    assert kb.is_acronym_key(name_key("WHO"))
    assert not kb.is_acronym_key(name_key("Hamas"))  # also written as a word


def test_group_homes_and_region_bodies(kb: ActorKB) -> None:
    uyghurs, kurds, europe = kb.region_by_code("UIG"), kb.region_by_code("KUR"), kb.region_by_code("EUR")
    assert uyghurs is not None and uyghurs.home == "CHN"
    assert kurds is not None and kurds.home == "*"  # several countries: the text's
    assert europe is not None and europe.body == "European Union"
    assert kb.lookup(europe.body) is not None and kb.lookup(europe.body).code == "IGOEUREEC"
    assert kb.region_by_code("XXX") is None


def test_a_western_order_alias_keeps_the_family_name_of_a_family_name_first_country(kb: ActorKB) -> None:
    """The alias "Joseph Wu" of Wu Jaushieh (Taiwan) does not make "Joseph" his family name."""
    assert kb.person_by_surname("Joseph", dt.date(2020, 1, 1)) is None
    assert kb.person_by_surname("William", dt.date(2025, 1, 1)) is None
    lai = kb.person_by_surname("Lai", dt.date(2025, 1, 1))
    assert lai is not None and lai.name == "Lai Ching-te"
