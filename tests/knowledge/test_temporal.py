"""Table-driven tests of the date resolver (`eventlens.knowledge.temporal`).

The publication date of most cases is Tuesday 14 January 2020 (the seed article's).
Each row: expression, publication date, tense hint, expected value, precision, period start.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventlens.knowledge.temporal import ResolvedDate, resolve_date

TUE = "2020-01-14"

WEEKDAYS = [
    ("on Monday", TUE, "past", "2020-01-13"),  # the seed: met on Monday, story on Tuesday
    ("Monday", TUE, None, "2020-01-13"),
    ("on Tuesday", TUE, "past", "2020-01-14"),  # same day
    ("on Wednesday", TUE, "past", "2020-01-08"),
    ("on Sunday", TUE, "past", "2020-01-12"),
    ("on Friday", TUE, "future", "2020-01-17"),
    ("on Tuesday", TUE, "future", "2020-01-14"),
    ("on Monday", TUE, "future", "2020-01-20"),
    ("next Monday", TUE, None, "2020-01-20"),
    ("last Tuesday", TUE, None, "2020-01-07"),
    ("last Friday", TUE, "past", "2020-01-10"),
    ("Monday night", TUE, "past", "2020-01-13"),
    ("late on Sunday", TUE, "past", "2020-01-12"),
    ("3 p.m. Monday", TUE, "past", "2020-01-13"),
    ("Monday morning", TUE, None, "2020-01-13"),
    ("on Thursday", TUE, "present", "2020-01-16"),  # present tense: the nearest one
    ("on Saturday", "2020-01-18", "past", "2020-01-18"),
    ("Friday", "2025-03-14", "past", "2025-03-14"),
    ("Thursday", "2025-03-14", "past", "2025-03-13"),
]

MONTHS_WITHOUT_YEAR = [
    ("In October", TUE, "past", "2019-10", "month"),  # the seed's Sochi agreement
    ("October", TUE, None, "2019-10", "month"),
    ("in January", TUE, "past", "2020-01", "month"),
    ("in March", TUE, "future", "2020-03", "month"),
    ("in March", TUE, "past", "2019-03", "month"),
    ("in March", TUE, None, "2020-03", "month"),  # two months ahead is nearer than ten back
    ("In December", TUE, None, "2019-12", "month"),
    ("in May", TUE, "past", "2019-05", "month"),
    ("mid-January", TUE, None, "2020-01", "month"),
    ("late October", TUE, "past", "2019-10", "month"),
    ("the end of October", TUE, "past", "2019-10", "month"),
    ("early November", TUE, "past", "2019-11", "month"),
    ("Jan 14", TUE, None, "2020-01-14", "day"),
    ("Jan. 13", TUE, "past", "2020-01-13", "day"),
    ("Dec. 30", TUE, "past", "2019-12-30", "day"),
    ("Dec. 30", TUE, None, "2019-12-30", "day"),
    ("March 3", TUE, "future", "2020-03-03", "day"),
    ("on January 20", TUE, "past", "2019-01-20", "day"),
    ("on the 13th", TUE, "past", "2020-01-13", "day"),
    ("on the 20th", TUE, "past", "2019-12-20", "day"),
]

YEARS_AND_EXPLICIT = [
    ("In 2018", "2018", "year"),  # the seed's arrest warrant
    ("2011", "2011", "year"),
    ("in early 2019", "2019", "year"),
    ("late 2019", "2019", "year"),
    ("mid-2015", "2015", "year"),
    ("the summer of 2016", "2016", "year"),
    ("14 January, 2020", "2020-01-14", "day"),  # the seed's date line
    ("14 January 2020", "2020-01-14", "day"),
    ("January 14, 2020", "2020-01-14", "day"),
    ("Jan. 14, 2020", "2020-01-14", "day"),
    ("14th of January 2020", "2020-01-14", "day"),
    ("Tuesday, January 14, 2020", "2020-01-14", "day"),
    ("Monday, Jan. 13th 2020", "2020-01-13", "day"),
    ("2020-01-14", "2020-01-14", "day"),
    ("2020/01/14", "2020-01-14", "day"),
    ("14/01/2020", "2020-01-14", "day"),  # day first: 14 cannot be a month
    ("01/14/2020", "2020-01-14", "day"),  # month first: 14 cannot be a month
    ("13.01.2020", "2020-01-13", "day"),
    ("14/01/20", "2020-01-14", "day"),
    ("April 2019", "2019-04", "month"),
    ("Sept. 2019", "2019-09", "month"),
    ("2019-04", "2019-04", "month"),
    ("in September 2015", "2015-09", "month"),
    ("February 29, 2020", "2020-02-29", "day"),
]

PERIODS = [
    ("since April 2019", TUE, "2019-04", "month"),  # the seed: killed since April 2019
    ("since 2011", TUE, "2011", "year"),
    ("from 2011 to 2014", TUE, "2011", "year"),
    ("between January and March 2019", TUE, "2019-01", "month"),
    ("2011-2014", TUE, "2011", "year"),
    ("from 5 to 7 January 2020", TUE, "2020-01-05", "day"),
    ("since October", TUE, "2019-10", "month"),
    ("since last year", TUE, "2019", "year"),
]

RELATIVE = [
    ("yesterday", TUE, None, "2020-01-13", "day"),
    ("today", TUE, None, "2020-01-14", "day"),
    ("tomorrow", TUE, "future", "2020-01-15", "day"),
    ("last night", TUE, "past", "2020-01-13", "day"),
    ("this morning", TUE, None, "2020-01-14", "day"),
    ("earlier today", TUE, "past", "2020-01-14", "day"),
    ("last week", TUE, "past", "2020-01", "month"),
    ("last week", "2020-01-03", "past", "2019-12", "month"),
    ("last month", TUE, "past", "2019-12", "month"),
    ("last year", TUE, "past", "2019", "year"),
    ("this year", TUE, None, "2020", "year"),
    ("earlier this month", TUE, "past", "2020-01", "month"),  # the brief's example
    ("earlier this year", TUE, "past", "2020", "year"),
    ("this week", TUE, "past", "2020-01", "month"),
    ("next week", TUE, "future", "2020-01", "month"),
    ("next month", TUE, "future", "2020-02", "month"),
    ("next year", TUE, "future", "2021", "year"),
    ("over the weekend", TUE, "past", "2020-01", "month"),
    ("over the weekend", "2020-01-13", "past", "2020-01", "month"),
    ("three days ago", TUE, None, "2020-01-11", "day"),
    ("two weeks ago", "2020-03-20", None, "2020-03", "month"),
    ("a year ago", TUE, None, "2019", "year"),
    ("two years ago", TUE, None, "2018", "year"),
    ("six months ago", TUE, None, "2019-07", "month"),
    ("last month", "2020-03-31", "past", "2020-02", "month"),
]

NOT_DATES = [
    "2 min read",  # the seed's reading time
    "aged 45",
    "45-year-old",
    "a 45-year-old",
    "at 3 p.m.",
    "3 p.m.",
    "10:30",
    "for years",
    "in years",  # "the first meeting in years"
    "years",
    "decades",
    "for three days",
    "the past five years",
    "the 1990s",
    "2000 troops",
    "1,600",
    "more than 3.5 million",
    "a five-year sentence",
    "the 19th century",
    "recent days",
    "now",
    "",
    "they may attack",
    "before 2011",
    "until 2019",
    "by Friday",
    "Mondays",
    "two-week",
    "the past year",
]


def _check(result: ResolvedDate, value: str | None, precision: str, period: bool = False) -> None:
    assert (result.value, result.precision, result.is_period_start) == (value, precision, period)


@pytest.mark.parametrize(("expression", "published", "tense", "expected"), WEEKDAYS)
def test_weekdays(expression: str, published: str, tense: str | None, expected: str) -> None:
    _check(resolve_date(expression, date.fromisoformat(published), tense), expected, "day")


@pytest.mark.parametrize(("expression", "published", "tense", "expected", "precision"), MONTHS_WITHOUT_YEAR)
def test_months_and_days_without_a_year(
    expression: str, published: str, tense: str | None, expected: str, precision: str
) -> None:
    _check(resolve_date(expression, date.fromisoformat(published), tense), expected, precision)


@pytest.mark.parametrize(("expression", "expected", "precision"), YEARS_AND_EXPLICIT)
def test_years_and_explicit_dates(expression: str, expected: str, precision: str) -> None:
    _check(resolve_date(expression, date(2020, 1, 14), "past"), expected, precision)


@pytest.mark.parametrize(("expression", "expected", "precision"), YEARS_AND_EXPLICIT)
def test_explicit_dates_need_no_publication_date(expression: str, expected: str, precision: str) -> None:
    _check(resolve_date(expression, None), expected, precision)


@pytest.mark.parametrize(("expression", "published", "expected", "precision"), PERIODS)
def test_periods_keep_their_start(expression: str, published: str, expected: str, precision: str) -> None:
    _check(resolve_date(expression, date.fromisoformat(published), "past"), expected, precision, period=True)


@pytest.mark.parametrize(("expression", "published", "tense", "expected", "precision"), RELATIVE)
def test_relative_expressions(
    expression: str, published: str, tense: str | None, expected: str, precision: str
) -> None:
    _check(resolve_date(expression, date.fromisoformat(published), tense), expected, precision)


@pytest.mark.parametrize("expression", NOT_DATES)
def test_no_false_dates(expression: str) -> None:
    _check(resolve_date(expression, date(2020, 1, 14), "past"), None, "unknown")


@pytest.mark.parametrize(
    ("expression", "published", "expected", "precision"),
    [
        ("03/01/2020", TUE, "2020-01-03", "day"),  # 1 March would be after publication
        ("05/06/2019", None, "2019", "year"),  # 5 June or 6 May: only the year is sure
        ("02/03/2020", "2020-03-10", "2020-03-02", "day"),  # nearest reading before publication
    ],
)
def test_ambiguous_numeric_dates(expression: str, published: str | None, expected: str, precision: str) -> None:
    pub = date.fromisoformat(published) if published else None
    _check(resolve_date(expression, pub), expected, precision)


@pytest.mark.parametrize(
    "expression",
    ["on Monday", "In October", "yesterday", "last week", "three days ago", "on the 13th", "Jan. 14"],
)
def test_relative_expressions_need_a_publication_date(expression: str) -> None:
    _check(resolve_date(expression, None, "past"), None, "unknown")


@pytest.mark.parametrize(
    ("expression", "published"),
    [("last week", "2020-01-07"), ("the past month", TUE)],  # spans two years: no honest precision
)
def test_ranges_across_years_have_no_date(expression: str, published: str) -> None:
    _check(resolve_date(expression, date.fromisoformat(published), "past"), None, "unknown")


def test_huge_input_is_not_a_date() -> None:
    _check(resolve_date("Monday " * 1000, date(2020, 1, 14)), None, "unknown")
