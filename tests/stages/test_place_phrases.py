"""Table tests of place phrases on real spaCy parses: villages and towns, "the town of X",
"X city", "X district/province/region", "X (Y, Z)", misread names, and the fallbacks from the
clause to the sentence, the paragraph, the lead and the dateline (each recorded as such)."""

from __future__ import annotations

import pytest

from eventlens.knowledge.gazetteer import Gazetteer
from eventlens.stages.places import CONFIDENCE, EventPlacer


@pytest.fixture(scope="module")
def placer() -> EventPlacer:
    return EventPlacer(Gazetteer())


# text, trigger, CAMEO code, publication, expected name, ISO-3, precision, basis
PLACE_PHRASES = [
    ('On 9 May 2020, medical interns protested in Bat Galim Square of Haifa city, demanding better '
     'pay.',
     'protested', '141', '2020-05-12', 'Haifa', 'ISR', 'town', 'clause'),
    ('Around 7 May 2020 (as reported), militants attacked the town of Aghtrin in the northern '
     'countryside of Aleppo.',
     'attacked', '190', '2020-05-12', 'Aleppo', 'SYR', 'town', 'clause'),
    ('On 30 Apr 2020, Houthi forces shelled Al Madid (Nihm, Sanaa) in Yemen, killing two civilians.',
     'shelled', '195', '2020-05-02', 'Al Madīd', 'YEM', 'town', 'clause'),
    ('Protesters gathered in Mulanje district on Thursday.',
     'gathered', '141', '2020-01-17', 'Mulanje', 'MWI', 'district', 'clause'),
    ('Gunmen attacked a checkpoint in the village of Akhtarin in Syria.',
     'attacked', '190', '2020-01-17', 'Akhtarin', 'SYR', 'town', 'clause'),
    ('Troops clashed with rebels in Marib province.',
     'clashed', '190', '2020-01-17', 'Marib', 'YEM', 'region', 'clause'),
    ('Government forces shelled Khan Shaykhun in Idlib province.',
     'shelled', '195', '2020-01-17', 'Khān Shaykhūn', 'SYR', 'town', 'clause'),
    ('Police arrested 12 protesters in Sibi, Balochistan.',
     'arrested', '173', '2020-01-17', 'Sibi', 'PAK', 'town', 'clause'),
    ('Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday.',
     'stormed', '190', '2025-03-12', 'Beledweyne', 'SOM', 'town', 'clause'),
    ('The crown prince met Rubio in the Red Sea port city of Jeddah.',
     'met', '040', '2025-03-12', 'Jeddah', 'SAU', 'town', 'clause'),
    ('Talks failed at the Hanoi Summit held in February.',
     'Talks', '046', '2025-03-12', 'Hanoi', 'VNM', 'town', 'clause'),
    ('At least eight demonstrators were killed Friday in the central town of Aungban in eastern Shan '
     'state.',
     'killed', '180', '2021-03-12', 'Aungban', 'MMR', 'town', 'clause'),
    ('Airstrikes killed 50 militants in the Middle Shabelle region.',
     'killed', '190', '2025-03-12', 'Middle Shabelle', None, 'region', 'clause'),
    ('Security forces killed six attackers who laid siege to a hotel in the central town of '
     'Beledweyne.',
     'laid', '190', '2025-03-12', 'Beledweyne', 'SOM', 'town', 'clause'),
    ('Rebels attacked a convoy near the town of Tal Abyad.',
     'attacked', '190', '2020-01-17', 'Tall Abyaḑ', 'SYR', 'town', 'clause'),
    ('Militants ambushed soldiers outside Djibo in northern Burkina Faso.',
     'ambushed', '190', '2020-01-17', 'Djibo', 'BFA', 'town', 'clause'),
    ('Israeli troops raided Jenin in the occupied West Bank.',
     'raided', '190', '2023-07-04', 'Janīn', 'PSE', 'town', 'clause'),
    ('Protesters rallied in the city of Kherson.',
     'rallied', '141', '2023-07-04', 'Kherson', 'UKR', 'town', 'clause'),
    ("Fighting erupted in Avdiivka, in Ukraine's Donetsk region.",
     'Fighting', '190', '2023-07-04', 'Avdiyivka', 'UKR', 'town', 'clause'),
    ('Russian missiles struck Zaporizhzhia overnight.',
     'struck', '195', '2023-07-04', 'Zaporizhzhya', 'UKR', 'town', 'clause'),
    ('Militants killed ten villagers in the village of Jangebe in Zamfara State.',
     'killed', '180', '2021-03-02', 'Zamfara', 'NGA', 'region', 'clause'),
    ('Soldiers clashed with gunmen in Tillaberi region.',
     'clashed', '190', '2021-03-02', 'Tillabéri', 'NER', 'region', 'clause'),
    ('Shabab fighters overran a base near Kismayo.',
     'overran', '190', '2021-03-02', 'Kismayo', 'SOM', 'town', 'clause'),
    ('On Thursday in Washington, Blinken assured Payne of American support.',
     'assured', '030', '2021-05-15', 'Washington', 'USA', 'town', 'sentence'),
    ('KHARTOUM, Sudan - Sudanese authorities approved a law dissolving the party.',
     'approved', '051', '2019-11-29', 'Khartoum', 'SDN', 'town', 'dateline'),
    ("Troops clashed with rebels in Ma'rib.",
     'clashed', '190', '2020-01-17', "Ma'rib", 'YEM', 'town', 'clause'),
    ("Houthi fighters shelled Hodeidah, Yemen's main port.",
     'shelled', '195', '2020-01-17', 'Al Ḩudaydah', 'YEM', 'town', 'clause'),
    ('Turkish drones struck Tal Abyad in Syria.',
     'struck', '195', '2020-01-17', 'Tall Abyaḑ', 'SYR', 'town', 'clause'),
    ('Clashes broke out in the Sudanese city of El Fasher.',
     'Clashes', '190', '2024-05-12', 'El Fasher', 'SDN', 'town', 'clause'),
    ('Police detained 30 people in Nablus.',
     'detained', '173', '2024-05-12', 'Nablus', 'PSE', 'town', 'sentence'),
    ('The opposition leader spoke to reporters in the regional capital, Banja Luka, on Friday.',
     'spoke', '010', '2025-03-14', 'Banja Luka', 'BIH', 'town', 'clause'),
    # a square named after another city lies in the city the text names
    ('Nurses protested in Paris Square of Haifa city on Saturday.',
     'protested', '141', '2020-05-12', 'Haifa', 'ISR', 'town', 'clause'),
    # a site owned by a city ("Baghdad's Tahrir Square") lies in that city
    ("Protesters clashed with police in Baghdad's Tahrir Square.",
     'clashed', '190', '2019-12-02', 'Baghdad', 'IRQ', 'town', 'clause'),
    # the town, not its region, when the parser hangs the town on "region"
    ('Russian forces attacked Ukrainian positions near Avdiivka, Donetsk region.',
     'attacked', '190', '2024-02-26', 'Avdiyivka', 'UKR', 'town', 'clause'),
    # "X state" is the region, not a town that shares its first word
    ('Soldiers burned houses in the town of Mindat, Chin state.',
     'burned', '1712', '2021-12-06', 'Chin', 'MMR', 'region', 'clause'),
    # "south of X", "20 km north of X": near X
    ('Russian troops shelled positions south of Kharkiv.',
     'shelled', '194', '2024-02-26', 'Kharkiv', 'UKR', 'town', 'clause'),
    # a district's own name before the region it lies in
    ('Houthi fighters clashed with government forces in the Hays district of Hodeidah governorate.',
     'clashed', '190', '2021-01-11', 'Hays', 'YEM', 'district', 'clause'),
    # "the outskirts of X", "the port of X": X
    ('Russian warplanes bombed the outskirts of Idlib city.',
     'bombed', '195', '2020-06-10', 'Idlib', 'SYR', 'town', 'clause'),
    ('Israeli jets struck the port of Hodeidah in Yemen.',
     'struck', '195', '2024-07-22', 'Al Ḩudaydah', 'YEM', 'town', 'clause'),
    # a participle that goes with the act says where it was done, before a place told later
    ('Dodik rejected the arrest warrant, telling journalists in the regional capital, Banja Luka, on '
     'Wednesday that he would ask Russia to veto the move at the U.N. Security Council.',
     'rejected', '120', '2025-03-14', 'Banja Luka', 'BIH', 'town', 'clause'),
    # landmarks that stand for their city (data/places/seats.tsv)
    ('The two presidents held talks at the Kremlin on Friday.',
     'talks', '040', '2024-05-12', 'Moscow', 'RUS', 'site', 'clause'),
    ('Hundreds of nurses protested outside Downing Street on Tuesday.',
     'protested', '141', '2024-05-12', 'London', 'GBR', 'site', 'clause'),
    ('The defense secretary met his Japanese counterpart at the Pentagon.',
     'met', '040', '2024-05-12', 'Arlington, Virginia', 'USA', 'site', 'clause'),
    ('Demonstrators rallied in front of the Elysee Palace.',
     'rallied', '141', '2024-05-12', 'Paris', 'FRA', 'site', 'clause'),
    ('The military detained 40 migrants at Guantanamo on Tuesday.',
     'detained', '173', '2025-03-12', 'Guantanamo Bay Naval Base', 'CUB', 'site', 'clause'),
    ('The Kenyan president was received at the White House in March.',
     'received', '042', '2024-05-12', 'Washington', 'USA', 'site', 'clause'),
    # "where" opens a clause that happens at the place it describes
    ('Blinken later flew to Tel Aviv, where he met Israeli Prime Minister Benjamin Netanyahu on Thursday.',
     'met', '040', '2024-03-07', 'Tel Aviv', 'ISR', 'town', 'clause'),
    # a court, a summit, an airfield: the place its first words name
    ('Paramilitary forces arrested the former prime minister at the Islamabad High Court on Tuesday.',
     'arrested', '173', '2023-05-12', 'Islamabad', 'PAK', 'town', 'clause'),
    # a region's name of several words ("South Kivu province")
    ("M23 rebels seized the town of Minova in eastern Congo's South Kivu province on Tuesday.",
     'seized', '192', '2025-01-20', 'South Kivu', 'COD', 'region', 'clause'),
    # "clashed with gunmen in X": the partner of a clash is where it happened
    ('Lebanese army soldiers clashed with gunmen in the Tayouneh area of Beirut.',
     'clashed', '190', '2021-10-04', 'Beirut', 'LBN', 'town', 'clause'),
    # a site and the city it is in: the city's coordinates
    ('Hundreds of protesters gathered in Tahrir Square in Cairo on Saturday.',
     'gathered', '141', '2019-09-23', 'Cairo', 'EGY', 'town', 'clause'),
    # a place a few prepositions down ("in front of the governorate building in Sweida city")
    ('Around 50 people demonstrated in front of the governorate building in Sweida city.',
     'demonstrated', '141', '2020-05-05', 'As-Suwayda', 'SYR', 'town', 'clause'),
    # a place the clause says it is in before one it is near
    ("Chadian troops fought FACT rebels in the Kanem region north of N'Djamena.",
     'fought', '190', '2021-04-20', 'Kanem', 'TCD', 'region', 'clause'),
    # a participle's act happened where its main clause's did
    ('The RSF shelled the city of El Fasher in North Darfur late Sunday, killing at least 12 people.',
     'killing', '190', '2024-04-16', 'El Fasher', 'SDN', 'town', 'clause'),
    # sites that conflict news names: bases, hospitals, nuclear plants
    ('Ankara threatened to close U.S. operations at Incirlik.',
     'threatened', '138', '2019-12-12', 'Incirlik', 'TUR', 'site', 'sentence'),
    ('Israeli troops raided Al-Shifa Hospital on Wednesday.',
     'raided', '190', '2023-11-16', 'Gaza City', 'PSE', 'site', 'clause'),
    # visits: the place visited; a visit to a country is made to its capital
    ('The Brazilian foreign minister visited Odesa on Monday.',
     'visited', '042', '2024-05-12', 'Odesa', 'UKR', 'town', 'clause'),
    ('The envoy flew to Doha on Sunday for talks with the militants.',
     'flew', '040', '2024-05-12', 'Doha', 'QAT', 'town', 'clause'),
]  # fmt: skip

# text, trigger, CAMEO code, publication, expected name, ISO-3 (a visit to a country)
VISITS = [
    ('The Japanese prime minister visited Vietnam last week.', 'visited', '042', 'Hanoi', 'VNM'),
    ('The deal was signed during a three-day visit by the Indian president to Ghana.', 'visit', '042', 'Accra',
     'GHA'),
    ('The German chancellor is due to travel to Nigeria on Tuesday.', 'travel', '042', 'Abuja', 'NGA'),
    ('Talks on fishing rights opened during a visit by the Chinese premier to Mauritius.', 'visit', '042',
     'Port Louis', 'MUS'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "cameo", "published", "name", "iso3", "precision", "basis"), PLACE_PHRASES)
def test_place_phrases(anchored_event, placer, text, trigger, cameo, published, name, iso3, precision, basis) -> None:
    doc, event = anchored_event(text, trigger, published=published, cameo=cameo)
    placer(doc)
    place = event.place
    assert place is not None, text
    assert (place.name, place.country, place.precision, place.basis) == (name, iso3, precision, basis)
    assert place.confidence == CONFIDENCE[basis]


def test_a_later_paragraph_takes_the_story_place(anchored_event, add_event, placer) -> None:
    doc, lead = anchored_event(
        "Militants attacked a passenger train near Sibi on Tuesday.\n\nThe army said it killed 33 of them.",
        "attacked",
        cameo="190",
    )
    later = add_event(doc, "killed", cameo="190")
    placer(doc)
    assert lead.place is not None and (lead.place.name, lead.place.basis) == ("Sibi", "clause")
    assert later.place is not None and (later.place.name, later.place.basis) == ("Sibi", "story")


STORY = (
    "Gunmen stormed a hotel in Garissa on Monday, killing six people. "
    "Police fought the attackers in Garissa for hours. "
    "The attackers had trained in camps in Somalia, officials said. "
    "Kenya has deployed troops against the group since 2011. "
    "Hospital staff treated the wounded. "
    "The opposition blamed the government."
)


def test_a_place_named_far_back_in_a_long_paragraph_yields_to_the_story_place(
    anchored_event, add_event, placer
) -> None:
    """A story without paragraph breaks is one paragraph: "in Somalia" three sentences back is
    another scene; the place where the story's events happen is Garissa."""
    doc, stormed = anchored_event(STORY, "stormed", cameo="190")
    fought = add_event(doc, "fought", cameo="190")
    blamed = add_event(doc, "blamed", cameo="112")
    placer(doc)
    assert [e.place.basis if e.place else None for e in (stormed, fought)] == ["clause", "clause"]
    assert blamed.place is not None
    assert (blamed.place.name, blamed.place.basis) == ("Garissa", "story")
    assert blamed.place.confidence == CONFIDENCE["story"]


def test_a_place_of_the_sentence_before_is_still_the_paragraph_place(anchored_event, add_event, placer) -> None:
    doc, _ = anchored_event(STORY.replace("Hospital staff treated", "Doctors in Mandera treated"),
                            "stormed", cameo="190")  # fmt: skip
    blamed = add_event(doc, "blamed", cameo="112")
    placer(doc)
    assert blamed.place is not None and (blamed.place.name, blamed.place.basis) == ("Mandera", "paragraph")


def test_an_actor_country_is_not_a_place(anchored_event, placer) -> None:
    doc, event = anchored_event("Turkish officials criticized the Syrian government.", "criticized", cameo="111")
    placer(doc)
    assert event.place is None


def test_coordinates_of_small_places(anchored_event, placer) -> None:
    doc, event = anchored_event("Gunmen attacked a checkpoint in the village of Akhtarin in Syria.", "attacked",
                                cameo="190")  # fmt: skip
    placer(doc)
    assert event.place is not None and event.place.lat is not None and event.place.lon is not None
    assert abs(event.place.lat - 36.51) < 0.1 and abs(event.place.lon - 37.34) < 0.1


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("The court dismissed Uganda's objections to the case.", "IGOUNOICJ", "The Hague"),
        ("The judges issued an arrest warrant for the former general.", "IGOICC", "The Hague"),
    ],
)
def test_an_institution_acts_at_its_seat(anchored_event, placer, text, code, name) -> None:
    """A court with a fixed seat rules there, unless its own clause says otherwise."""
    doc, event = anchored_event(text, text.split()[2], cameo="112")
    event.source.code = code
    placer(doc)
    assert event.place is not None
    assert (event.place.name, event.place.basis) == (name, "seat")
    assert event.place.confidence == CONFIDENCE["seat"]


def test_an_institution_seat_yields_to_a_place_of_its_sentence(anchored_event, placer) -> None:
    doc, event = anchored_event("The court held a hearing in Arusha on Monday.", "held", cameo="040")
    event.source.code = "IGOICC"
    placer(doc)
    assert event.place is not None and (event.place.name, event.place.basis) == ("Arusha", "sentence")


@pytest.mark.parametrize(("text", "trigger", "cameo", "name", "iso3"), VISITS)
def test_a_visit_to_a_country_is_to_its_capital(anchored_event, placer, text, trigger, cameo, name, iso3) -> None:
    doc, event = anchored_event(text, trigger, published="2024-05-12", cameo=cameo)
    placer(doc)
    assert event.place is not None, text
    assert (event.place.name, event.place.country, event.place.basis) == (name, iso3, "clause")
    assert event.place.confidence == CONFIDENCE["seat"]  # an inference: trusted less than the clause


@pytest.mark.parametrize(
    "text",
    [
        "Aid workers handed out food in villages hit by the fighting.",
        "Soldiers clashed with rebels in villages near the river.",
    ],
)
def test_a_plural_kind_word_names_no_place(anchored_event, placer, text) -> None:
    """ "villages" is not the town of The Villages, Florida."""
    doc, event = anchored_event(text, text.split()[2], cameo="074")
    placer(doc)
    assert event.place is None


def test_a_domestic_act_takes_the_story_place_in_its_country(anchored_event, add_event, placer) -> None:
    """A Peruvian judge freezing a Peruvian paper's accounts acts in Peru, not in Madrid."""
    text = (
        "On Monday in Lima, a Peruvian court jailed the newspaper's editor. "
        "In Lima, police raided the newspaper's offices. "
        "His lawyer also represents a reporter who was beaten in Madrid in 2019. "
        "Unknown men attacked the reporter in Madrid. "
        "Rights groups condemned the verdict. "
        "Journalists protested outside the court. "
        "The judge later froze the newspaper's accounts. "
        "A UN expert criticised the ruling."
    )
    doc, jailed = anchored_event(text, "jailed", cameo="173", source="PERJUD", target="PERMED")
    raided = add_event(doc, "raided", cameo="171", source="PERCOP", target="PERMED")
    beaten = add_event(doc, "beaten", cameo="180", source="ESPCVL", target="PERMED")
    attacked = add_event(doc, "attacked", cameo="180", source="ESPCVL", target="PERMED")
    froze = add_event(doc, "froze", cameo="171", source="PERJUD", target="PERMED")
    condemned = add_event(doc, "criticised", cameo="111", source="IGOUNO", target="PERJUD")
    for event in (jailed, raided, beaten, attacked, froze, condemned):
        event.source.code, event.target.code = event.source.name, event.target.name
    placer(doc)
    places = [(e.place.name, e.place.basis) if e.place else None for e in (raided, beaten, attacked)]
    assert places == [("Lima", "clause"), ("Madrid", "clause"), ("Madrid", "clause")]  # Madrid the commonest
    assert froze.place is not None and (froze.place.name, froze.place.basis) == ("Lima", "story")
    # an international body criticising a ruling from afar: no place of the story stands for it
    assert condemned.place is None


# text, trigger, CAMEO code, expected name, ISO-3, rough (lat, lon) of that part of the country
COMPASS_PARTS = [
    ('Turkey launched an offensive against the Kurdish militia in northeast Syria.', 'offensive', '190',
     'northeast Syria', 'SYR', (36.4, 39.8)),
    ('Israeli jets struck targets in southern Lebanon on Monday.', 'struck', '195', 'southern Lebanon', 'LBN',
     (33.3, 35.4)),
    ('Rebels attacked an army base in eastern Congo.', 'attacked', '190', 'eastern Congo', 'COD', (-1.8, 29.0)),
    ('Troops were deployed to north Syria last year.', 'deployed', '154', 'north Syria', 'SYR', (36.3, 37.6)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "cameo", "name", "iso3", "where"), COMPASS_PARTS)
def test_a_compass_word_names_part_of_a_country(anchored_event, placer, text, trigger, cameo, name, iso3, where):
    """ "in northeast Syria" is a region of Syria, toward its northeast, not the whole country."""
    doc, event = anchored_event(text, trigger, published="2024-05-12", cameo=cameo)
    placer(doc)
    place = event.place
    assert place is not None, text
    assert (place.name, place.country, place.precision) == (name, iso3, "region")
    assert place.lat is not None and place.lon is not None
    assert abs(place.lat - where[0]) < 1.0 and abs(place.lon - where[1]) < 1.0, (place.lat, place.lon)


def test_a_compass_word_inside_a_country_name_is_that_country(anchored_event, placer) -> None:
    doc, event = anchored_event("Soldiers opened fire on a crowd in North Korea.", "opened", cameo="190")
    placer(doc)
    assert event.place is not None and (event.place.name, event.place.precision) == ("North Korea", "country")


@pytest.mark.parametrize(
    ("text", "trigger", "cameo", "name", "iso3"),
    [
        ("On Wednesday, French President Emmanuel Macron in Berlin called the tariffs unfair.", "called", "111",
         "Berlin", "DEU"),
        ("Railway official Muhammad Sharifullah in Quetta told reporters that the line was cut.", "told", "010",
         "Quetta", "PAK"),
        ("Secretary of State Antony Blinken in Tokyo urged China to restrain North Korea.", "urged", "020",
         "Tokyo", "JPN"),
    ],
)  # fmt: skip
def test_a_named_person_acts_where_the_text_places_them(anchored_event, placer, text, trigger, cameo, name, iso3):
    doc, event = anchored_event(text, trigger, published="2024-05-12", cameo=cameo)
    placer(doc)
    assert event.place is not None, text
    assert (event.place.name, event.place.country, event.place.basis) == (name, iso3, "clause")


def test_a_group_in_a_place_is_placed_only_by_its_sentence(anchored_event, placer) -> None:
    """ "Kurdish forces in Kobani" says who they are: not a place of the clause's act."""
    doc, event = anchored_event("Kurdish forces in Kobani condemned the strikes.", "condemned", cameo="111")
    placer(doc)
    assert event.place is None or event.place.basis != "clause"


def test_a_namesake_outside_the_named_region_yields_to_the_region(anchored_event, placer) -> None:
    """ "Charlevoix, Quebec": not Charlevoix, Michigan (the only Charlevoix the gazetteer
    knows), but somewhere in Quebec."""
    text = "Top diplomats gathered Thursday in Charlevoix, Quebec, as host country Canada outlined its agenda."
    doc, event = anchored_event(text, "gathered", published="2025-03-14", cameo="040")
    placer(doc)
    assert event.place is not None
    assert (event.place.name, event.place.country, event.place.precision) == ("Quebec", "CAN", "region")


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("The minister visited Paris, London and Berlin last week.", "visited", "Paris"),
        ("Soldiers clashed in Aleppo, Idlib and Homs on Sunday.", "clashed", "Aleppo"),
    ],
)
def test_a_list_of_places_is_not_a_place_and_its_region(anchored_event, placer, text, trigger, name) -> None:
    doc, event = anchored_event(text, trigger, published="2025-03-14", cameo="042")
    placer(doc)
    assert event.place is not None and event.place.name == name, event.place
