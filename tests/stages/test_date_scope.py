"""Table tests of which date dates an event, on real spaCy parses: forms the tagger cuts
("30 Apr 2020"), dates that open a sentence, reported stances, offsets from another date
("two days earlier", "the next day", "two days after ..."), and datelines."""

from __future__ import annotations

import pytest

from eventlens.stages.dates import EventDater

# text, trigger, CAMEO code, publication, expected date, precision
DATE_SCOPE = [
    # a written date beats a relative word beside it; numeric dates read either way round
    ('Overnight on 6 May 2020, Russian troops shelled Kharkiv.',
     'shelled', '194', '2020-05-12', '2020-05-06', 'day'),
    ('On 06/05/2020, Russian troops shelled Kharkiv.',
     'shelled', '194', '2020-05-12', '2020-05-06', 'day'),
    ('On 25/04/2020, rebels attacked an army post near Goma.',
     'attacked', '190', '2020-05-12', '2020-04-25', 'day'),
    ('On 30 Apr 2020, Houthi forces shelled Al Madid in Yemen, killing two civilians.',
     'shelled', '195', '2020-05-02', '2020-04-30', 'day'),
    ('On 30 Apr 2020, Houthi forces shelled Al Madid in Yemen, killing two civilians.',
     'killing', '190', '2020-05-02', '2020-04-30', 'day'),
    ('Around 7 May 2020 (as reported), militants attacked a checkpoint near Aleppo.',
     'attacked', '190', '2020-05-12', '2020-05-07', 'day'),
    ('On 9 May 2020, medical interns protested in Haifa, demanding better pay.',
     'protested', '141', '2020-05-12', '2020-05-09', 'day'),
    ('On Feb. 24, the Moroccan counterterror agency broke up a terrorist cell.',
     'broke', '173', '2025-03-14', '2025-02-24', 'day'),
    ('In April, the military removed Bashir and jailed him.',
     'jailed', '173', '2019-11-29', '2019-04', 'month'),
    ('Last month, a Bosnian court sentenced Dodik to one year in prison.',
     'sentenced', '173', '2025-03-14', '2025-02', 'month'),
    ('In December, Mogadishu announced it was cutting ties with Kenya.',
     'cutting', '161', '2021-03-15', '2020-12', 'month'),
    ('On Thursday, officials said several hundred troops were deployed to the villages.',
     'deployed', '150', '2024-07-05', '2024-07-04', 'day'),
    ('In mid-March, rebels seized the town.',
     'seized', '190', '2020-04-02', '2020-03', 'month'),
    ('In early 2017, the court ruled that closing the camp was unconstitutional.',
     'ruled', '114', '2021-04-02', '2017', 'year'),
    ('His comments come two days after Erdogan denounced Israel.',
     'denounced', '111', '2021-05-10', '2021-05-08', 'day'),
    ('He made the statement a day after the Taliban barred him from the country.',
     'barred', '174', '2024-08-21', '2024-08-20', 'day'),
    ('A senior Turkish official confirmed on Wednesday that Fidan met Mamlouk in Moscow two days '
     'earlier.',
     'met', '040', '2020-01-16', '2020-01-13', 'day'),
    ('The rebels took the town on Monday and the army retook it the next day.',
     'retook', '190', '2020-01-16', '2020-01-14', 'day'),
    ('Putin said Thursday that Russia supports the ceasefire proposal.',
     'supports', '051', '2025-03-14', '2025-03-13', 'day'),
    ('Officials said the rebels had taken the town the previous day.',
     'taken', '190', '2020-01-15', '2020-01-14', 'day'),
    ("ANKARA, Jan 14 (Reuters) - Turkey's intelligence chief Hakan Fidan met Syria's Ali Mamlouk on "
     'Monday, a Turkish official said.',
     'met', '040', '2020-01-16', '2020-01-13', 'day'),
    ("ANKARA, Jan 14 (Reuters) - Turkey's intelligence chief met Syria's security chief in Moscow, "
     'officials said.',
     'met', '040', '2020-01-16', '2020-01-14', 'day'),
    ('Rebels shelled the town overnight, officials said.',
     'shelled', '195', '2020-01-15', '2020-01-14', 'day'),
    ('The talks were held in mid-March.',
     'held', '040', '2020-04-02', '2020-03', 'month'),
    ('The U.S. imposed sanctions on Dodik in 2023 and again in January of this year.',
     'imposed', '163', '2025-03-14', '2023', 'year'),
    ('Kenya launched an operation on the border with Somalia in 2015.',
     'launched', '190', '2020-02-17', '2015', 'year'),
    ('On Friday, Rubio told reporters that leaders from the U.S. and China will meet at some point.',
     'meet', '040', '2025-03-15', '2025-03-14', 'day'),
    ('Officials said on Tuesday that the two ministers will meet in Ankara.',
     'meet', '040', '2020-01-15', '2020-01-14', 'day'),
    # the verb's own date, not one inside a noun phrase of its clause
    ("Police arrested the organisers of Saturday's march on Tuesday.",
     'arrested', '173', '2023-07-20', '2023-07-18', 'day'),
    ('After the summit last week, the president met the opposition leader on Monday.',
     'met', '040', '2023-07-20', '2023-07-17', 'day'),
    ("Ahead of Sunday's runoff, police detained the candidate's aides in March.",
     'detained', '173', '2023-07-20', '2023-03', 'month'),
    # a document's own date dates the act of sending or issuing it
    ('The rebels sent a letter dated March 3 to the mediators, urging new talks.',
     'sent', '020', '2023-07-20', '2023-03-03', 'day'),
    ('The ministry issued a decree dated June 30 that banned the rallies.',
     'issued', '172', '2023-07-20', '2023-06-30', 'day'),
    # a bare "after" clause happened on the day of the clause it follows
    ('Protesters rallied in the capital on Sunday after the army arrested the opposition leader.',
     'arrested', '173', '2023-07-20', '2023-07-16', 'day'),
    ('Crowds cheered as they marched through Bamako Friday, after the junta freed the journalists.',
     'freed', '0841', '2023-07-20', '2023-07-14', 'day'),
    ('Two days after the army arrested the opposition leader, protesters rallied on Sunday.',
     'arrested', '173', '2023-07-20', '2023-07-14', 'day'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "cameo", "published", "expected", "precision"), DATE_SCOPE)
def test_date_scope(anchored_event, text, trigger, cameo, published, expected, precision) -> None:
    doc, event = anchored_event(text, trigger, published=published, cameo=cameo)
    EventDater()(doc)
    assert (event.date, event.date_precision) == (expected, precision), text


# an act announced for later is dated by its announcement, "would" as well as "will"
INTENDED = [
    ('The United States announced last week that it would cease military aid to Ukraine.',
     'cease', '162', '2025-03-14', '2025-03', 'month'),
    ('The ministry said on Monday that it would expel two diplomats.',
     'expel', '1744', '2025-03-14', '2025-03-10', 'day'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "cameo", "published", "expected", "precision"), INTENDED)
def test_an_announced_intention_takes_the_announcement_date(
    anchored_event, text, trigger, cameo, published, expected, precision
) -> None:
    doc, event = anchored_event(text, trigger, published=published, cameo=cameo)
    event.modality = "intended"
    EventDater()(doc)
    assert (event.date, event.date_precision) == (expected, precision), text


@pytest.mark.parametrize(
    ("text", "trigger", "cameo", "expected"),
    [
        ("The ministers met in Warsaw on Wednesday. Poland will send more aid next month. Two days earlier, "
         "Russian drones struck Lviv.", "struck", "195", "2024-11-25"),
        ("Police arrested the editor on Monday. The next day, protesters marched in the capital.", "marched", "141",
         "2024-11-26"),
        # the day of the act before, not the day it was reported
        ("The Taliban detained four aid workers in Herat on Wednesday, a spokesman said on Friday. The previous "
         "day, Taliban fighters had raided the office of a charity.", "raided", "190", "2024-11-26"),
    ],
)  # fmt: skip
def test_an_offset_opening_a_sentence_counts_from_the_last_day_told(
    anchored_event, text: str, trigger: str, cameo: str, expected: str
) -> None:
    doc, event = anchored_event(text, trigger, published="2024-11-28", cameo=cameo)
    EventDater()(doc)
    assert event.date == expected, text


def test_an_offset_inside_a_report_counts_from_the_report(anchored_event) -> None:
    """A guard: with no day in its own sentence and not opening it, an offset counts from the story's day."""
    doc, event = anchored_event("The talks ended on Monday. The army said rebels had shelled the town two days "
                                "earlier.", "shelled", published="2024-11-28", cameo="195")  # fmt: skip
    EventDater()(doc)
    assert event.date == "2024-11-26"


def test_a_possible_act_is_not_dated_by_the_report(anchored_event) -> None:
    """A guard: "could withdraw if talks failed" is hypothetical, not announced."""
    doc, event = anchored_event("Russia said on Monday it could withdraw troops if talks failed.", "withdraw",
                                published="2025-03-14", cameo="0356")  # fmt: skip
    event.modality = "hypothetical"
    EventDater()(doc)
    assert event.date != "2025-03-10"


def test_a_reported_past_act_is_not_dated_by_the_report(anchored_event) -> None:
    lead = "The ministers met in Moscow on Monday. "
    doc, event = anchored_event(lead + "Officials said on Tuesday that rebels had shelled the town.", "shelled",
                                published="2020-01-15", cameo="195")  # fmt: skip
    EventDater()(doc)
    assert event.date is None


# text, trigger, CAMEO code, publication, expected date (an act dated by the act it follows)
AFTER_A_TOLD_ACT = [
    ('Security forces freed 190 hostages on Wednesday, a day after an attack on a passenger train. '
     'In a statement released hours after the attack, the group gave the authorities 48 hours to comply.',
     'gave', '139', '2025-03-14', '2025-03-11'),
    ('Monday\'s bombing of the market killed 12 people. Police arrested two suspects a day after the bombing.',
     'arrested', '173', '2024-05-16', '2024-05-14'),
    ('The rebels seized the airport in a raid on Sunday. Government troops shelled their positions '
     'shortly after the raid.',
     'shelled', '195', '2024-05-16', '2024-05-12'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "cameo", "published", "expected"), AFTER_A_TOLD_ACT)
def test_an_act_told_after_an_act_of_the_story_takes_its_day(anchored_event, text, trigger, cameo, published, expected):
    doc, event = anchored_event(text, trigger, published=published, cameo=cameo)
    EventDater()(doc)
    assert (event.date, event.date_precision) == (expected, "day"), text


def test_an_act_after_an_undated_act_is_not_dated_by_it(anchored_event) -> None:
    text = "Rebels have attacked the town for years. Troops shelled their positions shortly after the attacks."
    doc, event = anchored_event(text, "shelled", published="2024-05-16", cameo="195")
    EventDater()(doc)
    assert event.date in (None, "2024-05-16")  # the news, or undated: never a guessed day


# text, trigger, publication, expected date, precision (an arrest dated by the custody it began)
ARREST_BY_CUSTODY = [
    ('The reporter had been in pretrial detention since September 30. His arrest drew international '
     'condemnation.', 'arrest', '2024-10-24', '2024-09-30', 'day'),
    ('Mhlanga has been in custody since Feb. 24 over accusations of incitement. Rights groups said '
     'the arrest of Mhlanga sent a chilling message.', 'arrest', '2025-03-13', '2025-02-24', 'day'),
    ('The activist has been held in solitary confinement since late 2020. Police arrested him at his '
     'home.', 'arrested', '2024-05-16', '2020', 'year'),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "published", "expected", "precision"), ARREST_BY_CUSTODY)
def test_an_undated_arrest_is_on_the_day_custody_began(anchored_event, text, trigger, published, expected, precision):
    doc, event = anchored_event(text, trigger, published=published, cameo="173")
    EventDater()(doc)
    assert (event.date, event.date_precision) == (expected, precision), text


def test_an_arrest_with_its_own_date_keeps_it(anchored_event) -> None:
    text = "She has been in custody since March 3. Police first arrested her in 2019 over a protest."
    doc, event = anchored_event(text, "arrested", published="2024-05-16", cameo="173")
    EventDater()(doc)
    assert (event.date, event.date_precision) == ("2019", "year")


def test_arrests_told_as_background_are_not_dated_by_one_custody(anchored_event) -> None:
    text = "Mhlanga has been in custody since Feb. 24. Journalists have been harassed and briefly detained."
    doc, event = anchored_event(text, "detained", published="2025-03-13", cameo="173")
    EventDater()(doc)
    assert event.date != "2025-02-24"
