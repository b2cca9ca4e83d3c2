"""Table tests of the date forms news uses, resolved against a publication date.

Groups: absolute forms (abbreviated months, day-month-year, month-day-year, ordinals),
parts of months and years, days around publication, weekdays, calendar units, offsets
counted from another date, hedged dates, and datelines.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventlens.knowledge.temporal import dateline_of, is_offset, resolve_date

WED = date(2020, 1, 15)  # a Wednesday
FRI = date(2025, 3, 14)  # a Friday

ABSOLUTE = [
    # expression, published, tense, value, precision
    ("30 Apr 2020", date(2020, 5, 2), None, "2020-04-30", "day"),
    ("On 30 Apr 2020", date(2020, 5, 2), None, "2020-04-30", "day"),
    ("on 9 May 2020", date(2020, 5, 10), None, "2020-05-09", "day"),
    ("Feb. 24", FRI, "past", "2025-02-24", "day"),
    ("On Feb. 24", FRI, "past", "2025-02-24", "day"),
    ("Jan. 14", date(2020, 1, 23), "past", "2020-01-14", "day"),
    ("Sept. 30", date(2024, 10, 24), "past", "2024-09-30", "day"),
    ("since September 30", date(2024, 10, 24), "past", "2024-09-30", "day"),
    ("Dec 3, 2019", WED, None, "2019-12-03", "day"),
    ("December 3, 2019", WED, None, "2019-12-03", "day"),
    ("3 December 2019", WED, None, "2019-12-03", "day"),
    ("3rd December 2019", WED, None, "2019-12-03", "day"),
    ("December 3rd, 2019", WED, None, "2019-12-03", "day"),
    ("the 3rd of December 2019", WED, None, "2019-12-03", "day"),
    ("24th of February, 2020", WED, None, "2020-02-24", "day"),
    ("February the 24th 2020", WED, None, "2020-02-24", "day"),
    ("Monday, January 13", WED, "past", "2020-01-13", "day"),
    ("on Monday, Jan. 13, 2020", WED, None, "2020-01-13", "day"),
    ("2020-01-13", WED, None, "2020-01-13", "day"),
    ("13/01/2020", WED, None, "2020-01-13", "day"),
    ("01/13/2020", WED, None, "2020-01-13", "day"),
    ("13.01.2020", WED, None, "2020-01-13", "day"),
    ("Nov. 5", WED, "past", "2019-11-05", "day"),
    ("Aug 2019", WED, None, "2019-08", "month"),
    ("in Oct. 2019", WED, None, "2019-10", "month"),
    ("January of this year", FRI, None, "2025-01", "month"),
    ("In December", date(2021, 3, 15), "past", "2020-12", "month"),
    ("in January", date(2020, 2, 17), "past", "2020-01", "month"),
    ("In April", date(2019, 11, 29), "past", "2019-04", "month"),
    ("in 2015", date(2020, 2, 17), None, "2015", "year"),
    ("In 2018", WED, None, "2018", "year"),
    ("30 April", date(2020, 5, 2), "past", "2020-04-30", "day"),
    ("April 30", date(2020, 5, 2), "past", "2020-04-30", "day"),
    ("May 7", date(2020, 5, 10), "past", "2020-05-07", "day"),
    ("7 May", date(2020, 5, 10), "past", "2020-05-07", "day"),
    ("Mar. 11", FRI, "past", "2025-03-11", "day"),
    ("14-Jan-2020", WED, None, "2020-01-14", "day"),
    ("30-Apr-2020", date(2020, 5, 2), None, "2020-04-30", "day"),
]  # fmt: skip

PARTS = [
    ("mid-March", date(2020, 4, 2), "past", "2020-03", "month"),
    ("mid-March 2019", WED, None, "2019-03", "month"),
    ("in mid-March", date(2020, 4, 2), "past", "2020-03", "month"),
    ("early March", date(2020, 4, 2), "past", "2020-03", "month"),
    ("late March", date(2020, 4, 2), "past", "2020-03", "month"),
    ("early 2019", WED, None, "2019", "year"),
    ("in early 2017", date(2021, 4, 2), None, "2017", "year"),
    ("late 2018", WED, None, "2018", "year"),
    ("mid-2018", WED, None, "2018", "year"),
    ("the end of March 2019", WED, None, "2019-03", "month"),
    ("the beginning of 2019", WED, None, "2019", "year"),
    ("earlier this month", date(2020, 1, 23), "past", "2020-01", "month"),
    ("earlier this year", WED, "past", "2020", "year"),
    ("later this month", WED, "future", "2020-01", "month"),
    ("the end of last month", WED, "past", "2019-12", "month"),
    ("the beginning of this month", WED, None, "2020-01", "month"),
    ("the middle of last month", WED, "past", "2019-12", "month"),
    ("the start of next month", WED, "future", "2020-02", "month"),
]  # fmt: skip

AROUND_PUBLICATION = [
    ("today", WED, None, "2020-01-15", "day"),
    ("yesterday", WED, None, "2020-01-14", "day"),
    ("tonight", WED, None, "2020-01-15", "day"),
    ("this morning", WED, None, "2020-01-15", "day"),
    ("last night", WED, None, "2020-01-14", "day"),
    ("overnight", WED, None, "2020-01-14", "day"),
    ("tomorrow", WED, "future", "2020-01-16", "day"),
    ("the day before yesterday", WED, None, "2020-01-13", "day"),
    ("yesterday morning", WED, None, "2020-01-14", "day"),
    ("earlier today", WED, None, "2020-01-15", "day"),
    ("on Wednesday", WED, "past", "2020-01-15", "day"),
]  # fmt: skip

WEEKDAYS = [
    ("on Monday", WED, "past", "2020-01-13", "day"),
    ("Monday", WED, "past", "2020-01-13", "day"),
    ("on Tuesday", WED, "past", "2020-01-14", "day"),
    ("Thursday", FRI, "past", "2025-03-13", "day"),
    ("on Thursday", FRI, "past", "2025-03-13", "day"),
    ("Wednesday", FRI, "past", "2025-03-12", "day"),
    ("Tuesday", date(2025, 3, 12), "past", "2025-03-11", "day"),
    ("last Friday", WED, None, "2020-01-10", "day"),
    ("next Tuesday", WED, None, "2020-01-21", "day"),
    ("on Friday", WED, "future", "2020-01-17", "day"),
    ("Monday night", WED, "past", "2020-01-13", "day"),
    ("late on Sunday", WED, "past", "2020-01-12", "day"),
    ("on Saturday", date(2021, 5, 10), "past", "2021-05-08", "day"),
    ("this Sunday", WED, "future", "2020-01-19", "day"),
    ("on Tues.", WED, "past", "2020-01-14", "day"),
    ("Tues.", WED, "past", "2020-01-14", "day"),
    ("Thurs.", WED, "past", "2020-01-09", "day"),
    ("on Wed.", FRI, "past", "2025-03-12", "day"),
    ("Mon.", WED, "past", "2020-01-13", "day"),
    ("Sat.", WED, "past", "2020-01-11", "day"),
    ("Fri. night", WED, "past", "2020-01-10", "day"),
    ("late Weds", FRI, "past", "2025-03-12", "day"),
]  # fmt: skip

UNITS = [
    ("last week", date(2021, 3, 9), "past", "2021-03", "month"),
    ("last week", date(2021, 3, 2), "past", "2021-02", "month"),
    ("last week", date(2021, 1, 12), "past", "2021-01", "month"),
    ("last week", date(2025, 3, 9), "past", "2025-03", "month"),  # a Sunday story: the week just ended
    ("last week", date(2025, 3, 8), None, "2025-03", "month"),  # a Saturday story
    ("last month", FRI, "past", "2025-02", "month"),
    ("last month", WED, "past", "2019-12", "month"),
    ("last year", FRI, "past", "2024", "year"),
    ("this week", date(2021, 5, 22), "past", "2021-05", "month"),
    ("this month", WED, None, "2020-01", "month"),
    ("this year", WED, None, "2020", "year"),
    ("next month", WED, "future", "2020-02", "month"),
    ("next year", WED, "future", "2021", "year"),
    ("a week ago", date(2020, 1, 23), None, "2020-01", "month"),
    ("three days ago", WED, None, "2020-01-12", "day"),
    ("two months ago", WED, None, "2019-11", "month"),
    ("a year ago", date(2019, 12, 11), None, "2018", "year"),
    ("10 years ago", date(2019, 12, 23), None, "2009", "year"),
    ("over the weekend", date(2020, 1, 13), "past", "2020-01", "month"),
    ("this past week", WED, "past", "2020-01", "month"),
    ("this past weekend", date(2020, 1, 13), "past", "2020-01", "month"),
    ("Since the beginning of the year", FRI, "past", "2025", "year"),
    ("since the start of the month", FRI, "past", "2025-03", "month"),
]  # fmt: skip

OFFSETS = [
    # counted from the date given as `published` (the caller passes the reference day)
    ("two days earlier", WED, None, "2020-01-13", "day"),
    ("2 days earlier", WED, None, "2020-01-13", "day"),
    ("a day earlier", WED, None, "2020-01-14", "day"),
    ("one day later", WED, None, "2020-01-16", "day"),
    ("three days later", WED, None, "2020-01-18", "day"),
    ("two days before", WED, None, "2020-01-13", "day"),
    ("a day before", WED, None, "2020-01-14", "day"),
    ("two days after", WED, None, "2020-01-17", "day"),
    ("the previous day", WED, None, "2020-01-14", "day"),
    ("the preceding day", WED, None, "2020-01-14", "day"),
    ("the next day", WED, None, "2020-01-16", "day"),
    ("the following day", WED, None, "2020-01-16", "day"),
    ("the day before", WED, None, "2020-01-14", "day"),
    ("the day after", WED, None, "2020-01-16", "day"),
    ("the previous night", WED, None, "2020-01-14", "day"),
    ("a week earlier", WED, None, "2020-01", "month"),
    ("a week later", date(2020, 1, 27), None, "2020", "year"),
    ("a month earlier", WED, None, "2019-12", "month"),
    ("the previous month", WED, None, "2019-12", "month"),
    ("the following month", WED, None, "2020-02", "month"),
    ("a year earlier", WED, None, "2019", "year"),
    ("the previous year", WED, None, "2019", "year"),
    ("two years later", WED, None, "2022", "year"),
    ("a couple of days earlier", WED, None, "2020-01-13", "day"),
    ("two days earlier", date(2020, 3, 1), None, "2020-02-28", "day"),
    ("the previous day", date(2020, 1, 1), None, "2019-12-31", "day"),
]  # fmt: skip

HEDGED = [
    ("Around 7 May 2020 (as reported)", date(2020, 5, 10), None, "2020-05-07", "day"),
    ("around 7 May 2020", date(2020, 5, 10), None, "2020-05-07", "day"),
    ("On or around 3 June 2020", date(2020, 6, 10), None, "2020-06-03", "day"),
    ("on or about 3 June 2020", date(2020, 6, 10), None, "2020-06-03", "day"),
    ("circa 12 March 2020", date(2020, 3, 20), None, "2020-03-12", "day"),
    ("reportedly on 4 April 2020", date(2020, 4, 10), None, "2020-04-04", "day"),
    ("Around the week of 4 April 2020", date(2020, 4, 10), None, "2020-04-04", "day"),
    ("about 2 p.m. on Monday", WED, "past", "2020-01-13", "day"),
    ("at dawn on Sunday", WED, "past", "2020-01-12", "day"),
    ("on or around Tues.", WED, "past", "2020-01-14", "day"),
    ("reportedly overnight", WED, None, "2020-01-14", "day"),
    ("around Thurs.", WED, "past", "2020-01-09", "day"),
    ("c. 12 March 2020", date(2020, 3, 20), None, "2020-03-12", "day"),
]  # fmt: skip


def _check(expression: str, published: date, tense: str | None, value: str, precision: str) -> None:
    found = resolve_date(expression, published, tense)
    assert (found.value, found.precision) == (value, precision), expression


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), ABSOLUTE)
def test_absolute_forms(expression: str, published: date, tense: str | None, value: str, precision: str) -> None:
    _check(expression, published, tense, value, precision)


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), PARTS)
def test_parts_of_months_and_years(
    expression: str, published: date, tense: str | None, value: str, precision: str
) -> None:
    _check(expression, published, tense, value, precision)


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), AROUND_PUBLICATION)
def test_days_around_publication(
    expression: str, published: date, tense: str | None, value: str, precision: str
) -> None:
    _check(expression, published, tense, value, precision)


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), WEEKDAYS)
def test_weekdays(expression: str, published: date, tense: str | None, value: str, precision: str) -> None:
    _check(expression, published, tense, value, precision)


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), UNITS)
def test_calendar_units_at_their_precision(
    expression: str, published: date, tense: str | None, value: str, precision: str
) -> None:
    _check(expression, published, tense, value, precision)


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), OFFSETS)
def test_offsets_from_a_reference_day(
    expression: str, published: date, tense: str | None, value: str, precision: str
) -> None:
    assert is_offset(expression)
    _check(expression, published, tense, value, precision)


@pytest.mark.parametrize("expression", ["two days", "on Monday", "last week", "two days ago", "the day", "days"])
def test_not_offsets(expression: str) -> None:
    assert not is_offset(expression)


@pytest.mark.parametrize(("expression", "published", "tense", "value", "precision"), HEDGED)
def test_hedged_dates(expression: str, published: date, tense: str | None, value: str, precision: str) -> None:
    _check(expression, published, tense, value, precision)


DATELINES = [
    # text opening, publication, dateline place, dateline date
    ("ANKARA, Jan 14 (Reuters) - Turkey's intelligence chief met", date(2020, 1, 15), "Ankara", "2020-01-14"),
    ("ANKARA, Jan. 14 - Turkey's intelligence chief met", date(2020, 1, 15), "Ankara", "2020-01-14"),
    ("ISTANBUL, 15 January (Levant Wire) — Officials said", date(2020, 1, 15), "Istanbul", "2020-01-15"),
    ("BEIRUT, Lebanon, Jan. 13 - x", date(2020, 1, 15), "Beirut, Lebanon", "2020-01-13"),
    ("NEW YORK, 14 January 2020 - The council met", date(2020, 1, 15), "New York", "2020-01-14"),
    ("MOSCOW (AP) — Russian officials said", date(2020, 1, 15), "Moscow", None),
    ("KHARTOUM, Sudan — Sudanese authorities", date(2019, 11, 29), "Khartoum, Sudan", None),
    ("WASHINGTON - The Senate passed", date(2019, 12, 11), "Washington", None),
    ("DAMASCUS, Dec. 31 (Eastern Desk) -- The talks", date(2020, 1, 2), "Damascus", "2019-12-31"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "place", "value"), DATELINES)
def test_datelines(text: str, published: date, place: str, value: str | None) -> None:
    dateline = dateline_of(text, published)
    assert (dateline.place, dateline.date.value) == (place, value)
    assert text[dateline.end :][:1].isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "The director of Turkey's intelligence agency met - a first",
        "U.S. said - no",
        "Turkey's spy chief met Syria's in Moscow.",
        "",
        "THE LONG WAR IN SYRIA AND WHAT COMES NEXT FOR THE REGION - analysis",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_of(text, WED).place == ""
