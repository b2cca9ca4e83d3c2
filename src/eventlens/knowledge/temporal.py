"""Resolving a date expression of a news story against its publication date.

`resolve_date("on Monday", date(2020, 1, 14), "past")` -> 2020-01-13 (day precision).

Every expression is turned into a range of calendar days [lo, hi] (a day, a month, a
year, "last week"...), then reported at the finest precision the range allows: one day
-> "day", within one month -> "month", within one year -> "year", wider -> unknown. So
"last week" that straddles two months becomes a year, and "the past five years" is no
date at all. An expression with nothing date-like in it (ages, counts, "2 min read",
times of day, durations such as "for years") gives no date.

The tense of the governing verb (`tense_hint`: "past", "present" or "future") decides
between the previous and the next occurrence of a weekday or a month without a year:
"met on Monday" in a Tuesday story is the Monday before; "will meet on Monday" is the
Monday after. Without a hint, weekdays look back (news reports what happened) and
months without a year take the nearest occurrence.

Offsets ("two days earlier", "the previous day", "a week later") are counted from the date
passed as `published`: the caller passes the day they count from (the sentence's other date,
the dateline's, or the publication's). `dateline_of` reads a story's "ANKARA, Jan 14 (Agency) -"
opening; `find_dates` finds expressions in running text that a statistical tagger cuts or
misses ("30 Apr 2020" tagged as "2020", "Around 7 May 2020" as "May 2020").

What `dateparser` does and what these rules add: `dateparser` (a dependency) parses one
absolute date string well in many languages and forms; it is the fallback here for absolute
dates our patterns do not know. It does not say at what precision a text dates something
("last week" is one day to it, 7 days back; "in 2019" is 15 January 2019 when read on 15
January), does not take the tense of the clause into account ("will meet on Monday" looks
forward), returns nothing for common news forms ("mid-March", "early 2019", "the previous
day", "two days earlier" counted from another date, "Around 7 May 2020 (as reported)",
"met on Monday"), and reads no datelines. Those are the rules of this module; it also keeps
counts and ages ("2000 troops", "45-year-old") from being read as dates.

The month and weekday names here are the English calendar, not editorial knowledge.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]
Tense = Literal["past", "present", "future"]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBER_WORDS: dict[str, tuple[int, int]] = {
    "a": (1, 1), "an": (1, 1), "one": (1, 1), "two": (2, 2), "three": (3, 3), "four": (4, 4),
    "five": (5, 5), "six": (6, 6), "seven": (7, 7), "eight": (8, 8), "nine": (9, 9), "ten": (10, 10),
    "eleven": (11, 11), "twelve": (12, 12), "couple": (2, 2), "few": (2, 5), "several": (3, 7),
}  # fmt: skip
# Month words that are also ordinary English words: a month only next to a number or a cue.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "dec", "aug", "sep", "oct", "nov"})
_MONTH_CUES = frozenset(
    {"in", "since", "early", "mid", "late", "last", "this", "next", "of", "until", "by", "before", "after",
     "during", "from", "between", "end", "beginning", "start", "and", "to", "through", "till", "on"}
)  # fmt: skip
_PERIOD_START_CUES = ("since", "from", "starting", "beginning in", "beginning", "between", "as of")

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# Abbreviated weekdays: with their dot ("Wed.", "Sat."), or the longer forms that are no words
_WEEKDAY_ABBREVIATIONS = {
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "weds": "wednesday",
    "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday",
    "sun": "sunday",
}  # fmt: skip
_WEEKDAY_ABBREVIATION_RE = re.compile(r"\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.|\b(tues|weds|thurs)\b")
_WEEKDAY_RE = "|".join(WEEKDAYS)
_YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"


@dataclass(frozen=True)
class ResolvedDate:
    """An ISO date (`2020-01-13`, `2019-10`, `2018`) or None, its precision, and whether
    it opens a period ("since April 2019")."""

    value: str | None
    precision: Precision
    is_period_start: bool = False


UNKNOWN = ResolvedDate(None, "unknown", False)


@dataclass(frozen=True)
class _Range:
    lo: date
    hi: date


def resolve_date(expression: str, published: date | None, tense_hint: str | None = None) -> ResolvedDate:
    """The calendar date an expression refers to, at the precision it allows."""
    if not expression or len(expression) > 200:
        return UNKNOWN
    text = normalise(expression)
    if not text or _is_not_a_date(text):
        return UNKNOWN
    tense = tense_hint if tense_hint in ("past", "present", "future") else None
    period, text = _split_period(text)
    found = _resolve_range(text, published, tense)
    if found is None:
        return UNKNOWN
    value, precision = collapse(found)
    if value is None:
        return UNKNOWN
    return ResolvedDate(value, precision, period)


def normalise(expression: str) -> str:
    """Lower case, plain dashes and spaces, no ordinal suffixes, no abbreviation dots."""
    text = expression.lower().replace("\u2019", "'").replace("\u00a0", " ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(rf"\b({_MONTH_RE})\.", r"\1", text)
    text = _WEEKDAY_ABBREVIATION_RE.sub(lambda m: _WEEKDAY_ABBREVIATIONS[m.group(1) or m.group(2)], text)
    text = re.sub(r"\bthis past\b", "past", text)
    text = re.sub(r"^(?:c\.|ca\.|approx\.|approximately|~)\s*", "", text)
    text = re.sub(r"\b(a|p)\.\s?m\.?(?=\s|$|,)", r"\1m", text)
    text = re.sub(r"[,;()]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .")


def collapse(found: _Range) -> tuple[str | None, Precision]:
    """The finest ISO value that holds the whole range."""
    lo, hi = found.lo, found.hi
    if lo == hi:
        return lo.isoformat(), "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}", "month"
    if lo.year == hi.year:
        return f"{lo.year:04d}", "year"
    return None, "unknown"


# --- what is not a date ---------------------------------------------------------------

_NOT_DATE_PATTERNS = (
    r"\b\d+\s*-?\s*(?:year|month|week|day)s?\s*-?\s*old\b",  # ages: 45-year-old, 3 month old
    r"\baged?\s+\d+",  # aged 45, age 45
    r"\b\d+\s+years?\s+of\s+age\b",
    r"\bmin(?:ute)?s?\s+read\b",  # "2 min read"
    r"\b(?:for|over|in|within|after)\s+(?:many\s+|several\s+|some\s+)?(?:years|decades|months|weeks|days|ages)\b(?!\s+ago)",
    r"^(?:many\s+|several\s+|some\s+|recent\s+)?(?:years|decades|months|weeks|days|centuries)$",
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*-?\s*(?:year|month|week|day)\s+"
    r"(?:period|term|sentence|ban|ceasefire|truce|war|conflict|campaign|siege|old|long|history)\b",
    r"\b\d{3}0'?s\b|\b'\d0s\b",  # decades: the 1990s
    r"\bcentur(?:y|ies)\b",
    r"^(?:before|after|by|until|till|prior to|ahead of|no later than|up to)\b",  # bounds, not dates
)  # fmt: skip
_NOT_DATE_RE = re.compile("|".join(_NOT_DATE_PATTERNS))
_TIME_OF_DAY_RE = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight|midday)\b"
    r"|\b(?:gmt|utc|local time|[a-z]st|[a-z]dt)\b|\bo'clock\b"
)


def _is_not_a_date(text: str) -> bool:
    return _NOT_DATE_RE.search(text) is not None


def _split_period(text: str) -> tuple[bool, str]:
    """Whether the expression opens a period, and the part that names its start."""
    text = _TIME_OF_DAY_RE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    m = re.match(r"^(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through|-)\s+(.+)$", text)
    if m:
        return True, _borrow_context(m.group(1), m.group(2))
    m = re.match(rf"^(?:in\s+)?(.*?\b{_YEAR_RE})\s*-\s*(\d{{2}}|{_YEAR_RE})$", text)
    if m and not (len(m.group(2)) == 2 and int(m.group(2)) <= 12):
        # 2011-2014, 2019-20: a period that starts in the first year (2019-04 is a month)
        return True, m.group(1)
    for cue in _PERIOD_START_CUES:
        if text.startswith(cue + " "):
            return True, text[len(cue) + 1 :]
    return False, text


def _borrow_context(first: str, second: str) -> str:
    """'January' + 'March 2019' -> 'January 2019'; '5' + '7 January 2020' -> '5 January 2020'."""
    if re.search(_YEAR_RE, first) is None:
        year = re.search(rf"\b{_YEAR_RE}\b", second)
        has_month = re.search(rf"\b(?:{_MONTH_RE})\b", first)
        if re.fullmatch(r"\d{1,2}", first.strip()):
            month = re.search(rf"\b(?:{_MONTH_RE})\b", second)
            if month:
                first = f"{first} {month.group(0)}"
                has_month = month
        if year and has_month:
            first = f"{first} {year.group(0)}"
    return first


# --- the parsers, most explicit first --------------------------------------------------------


def _resolve_range(text: str, published: date | None, tense: str | None) -> _Range | None:
    for parser in (
        _numeric_date, _offset_date, _textual_date, _relative_date, _ago_date, _weekday_date, _ordinal_day,
        _dateparser_date,
    ):  # fmt: skip
        found = parser(text, published, tense)
        if found is not None:
            return found
    return None


def _day_range(day: date) -> _Range:
    return _Range(day, day)


def _month_range(year: int, month: int) -> _Range:
    return _Range(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _year_range(year: int) -> _Range:
    return _Range(date(year, 1, 1), date(year, 12, 31))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """2020-01-14, 2020/1/14, 2020-01, 14/01/2020, 01/14/2020, 14.01.20."""
    m = re.search(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", text)
    if m:
        found = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _day_range(found) if found else None
    m = re.search(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b", text)
    if m:
        year = int(m.group(3))
        year = year + 2000 if year < 100 and year <= (published.year % 100 if published else 50) + 1 else year
        year = year + 1900 if year < 100 else year
        return _day_first_or_month_first(int(m.group(1)), int(m.group(2)), year, published)
    m = re.fullmatch(rf"(?:in\s+)?({_YEAR_RE})[-/](\d{{2}})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        return _month_range(int(m.group(1)), int(m.group(2)))
    return None


def _day_first_or_month_first(first: int, second: int, year: int, published: date | None) -> _Range | None:
    """14/01/2020 is day-first; 01/14/2020 is month-first; 03/04/2020 is either: the reading
    nearest before publication wins, else the range of both readings (a year or a month)."""
    day_first = _safe_date(year, second, first)
    month_first = _safe_date(year, first, second)
    if day_first is None or month_first is None or day_first == month_first:
        found = day_first or month_first
        return _day_range(found) if found else None
    if published is not None:
        before = [d for d in (day_first, month_first) if d <= published]
        if len(before) == 1:
            return _day_range(before[0])
        if before:
            return _day_range(max(before))
    lo, hi = sorted((day_first, month_first))
    return _Range(lo, hi)


def _month_match(text: str) -> re.Match[str] | None:
    """The month name of the expression, if it is one (not the verb "may" or "march")."""
    for m in re.finditer(rf"\b({_MONTH_RE})\b", text):
        word = m.group(1)
        if word not in _AMBIGUOUS_MONTHS or text == word:
            return m
        before = text[: m.start()].split()
        after = text[m.end() :].split()
        cue_before = bool(before) and before[-1].rstrip("-") in _MONTH_CUES
        number_near = (bool(before) and before[-1].rstrip("-").isdigit()) or (
            bool(after) and after[0].lstrip("-").isdigit()
        )
        if cue_before or number_near or text.startswith(("mid-", "early ", "late ")):
            return m
    return None


def _textual_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """14 January 2020, January 14, Jan. 14 2020, October 2019, In October, In 2018."""
    month_m = _month_match(text)
    years = re.findall(rf"(?<![\d,.$])\b({_YEAR_RE})\b(?![\d,.%])", text)
    year = int(years[0]) if years else None
    if month_m is None:
        if year is None or _is_count(text, str(year)):
            return None
        return _year_range(year)
    month = MONTHS[month_m.group(1)]
    day = _day_next_to_month(text, month_m)
    if year is not None:
        if day is not None:
            found = _safe_date(year, month, day)
            return _day_range(found) if found else None
        return _month_range(year, month)
    if published is None:
        return None
    year = _year_for_month(month, day, published, tense)
    if day is not None:
        found = _safe_date(year, month, day)
        return _day_range(found) if found else None
    return _month_range(year, month)


def _day_next_to_month(text: str, month_m: re.Match[str]) -> int | None:
    before = re.search(r"\b(\d{1,2})(?:\s+|-)(?:of\s+)?(?:the\s+month\s+of\s+)?$", text[: month_m.start()])
    after = re.match(r"\s*-?\s*(?:the\s+)?(\d{1,2})\b(?!\s*(?:am|pm|:))", text[month_m.end() :])
    for m in (after, before):
        if m and 1 <= int(m.group(1)) <= 31:
            return int(m.group(1))
    return None


_COUNT_NOUN_RE = re.compile(
    r"^\s*(?:people|persons|men|women|children|troops|soldiers|fighters|refugees|civilians|km|kilometres|"
    r"kilometers|miles|metres|meters|dollars|euros|pounds|tons|tonnes|members|votes|cases|deaths|"
    r"casualties|units|times|homes|houses|barrels|hectares|acres|feet)\b"
)


def _is_count(text: str, number: str) -> bool:
    """'2000 troops' is a count, not the year 2000."""
    idx = text.find(number)
    return idx >= 0 and _COUNT_NOUN_RE.match(text[idx + len(number) :]) is not None


def _year_for_month(month: int, day: int | None, published: date, tense: str | None) -> int:
    """The year of a month (and day) named without one: before publication for the past,
    after it for the future, the nearest occurrence otherwise."""
    key = (month, day or 0)
    pub_key = (published.month, published.day if day else 0)
    if tense == "past":
        return published.year if key <= pub_key else published.year - 1
    if tense == "future":
        return published.year if key >= pub_key else published.year + 1
    best, best_gap = published.year, None
    for year in (published.year - 1, published.year, published.year + 1):
        probe = _safe_date(year, month, day or 15) or date(year, month, 28)
        gap = (probe - published).days
        weighted = abs(gap) * (1.5 if gap > 0 else 1.0)  # news looks back more often than ahead
        if best_gap is None or weighted < best_gap:
            best, best_gap = year, weighted
    return best


# --- relative expressions ---------------------------------------------------------------------


def _relative_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """today, yesterday, last week, earlier this month, last year, over the weekend..."""
    if published is None:
        return None
    text = re.sub(r"^(?:reportedly|allegedly|around|about|sometime|some time)\s+", "", text)  # hedges
    text = re.sub(r"^(?:on|in|during|over|at|by|the|of)\s+", "", text)
    text = re.sub(r"^(?:the\s+)?(?:end|beginning|start|middle|course|rest)\s+of\s+", "", text)
    text = re.sub(r"\b(?:the|early|earlier|later|late|mid)\b\s*-?", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    day_words = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
        "yesterday evening": -1, "day before yesterday": -2, "tomorrow": 1, "tomorrow morning": 1,
    }  # fmt: skip
    if text in day_words:
        return _day_range(published + timedelta(days=day_words[text]))
    m = re.fullmatch(r"(this|last|next|past|coming) (week|weekend|month|year)", text)
    if m:
        return _relative_unit(m.group(1), m.group(2), published, tense)
    if text in ("weekend", "overnight"):
        return _relative_unit("this", text if text == "weekend" else "night", published, tense)
    if text in ("year", "month"):  # "since the beginning of the year": this year
        return _relative_unit("this", text, published, tense)
    return None


def _relative_unit(which: str, unit: str, published: date, tense: str | None) -> _Range | None:
    shift = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[which]
    if which == "past" and unit != "weekend":  # "the past month": the month up to publication
        days = {"week": 7, "month": 30, "year": 365}[unit]
        return _Range(published - timedelta(days=days), published)
    if unit == "night":  # "overnight": the night before the story, dated by its evening
        return _day_range(published - timedelta(days=1))
    if unit == "year":
        return _year_range(published.year + shift)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + shift
        return _month_range(month_index // 12, month_index % 12 + 1)
    if unit == "weekend":
        return _weekend(published, shift, tense)
    if shift < 0 and published.weekday() >= 5:  # "last week" in a weekend story: the working week just ended
        shift = 0
        tense = "past"
    monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
    sunday = monday + timedelta(days=6)
    if shift == 0 and tense == "past":
        sunday = published
    elif shift == 0 and tense == "future":
        monday = published
    return _Range(monday, sunday)


def _weekend(published: date, shift: int, tense: str | None) -> _Range:
    looking_ahead = shift > 0 or (shift == 0 and tense == "future")
    if looking_ahead:
        saturday = published + timedelta(days=(5 - published.weekday()) % 7)
        return _Range(saturday, saturday + timedelta(days=1))
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    if shift < 0 and saturday == published:
        saturday -= timedelta(days=7)
    return _Range(saturday, min(saturday + timedelta(days=1), published))


def _ago_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """three days ago, a week ago, two months ago, a year ago."""
    if published is None:
        return None
    number = r"\d{1,3}|" + "|".join(NUMBER_WORDS)
    m = re.search(rf"\b(?:a\s+)?({number})\s+(?:of\s+)?(day|week|month|year)s?\s+ago\b", text)
    if m is None:
        return None
    word = m.group(1)
    low, high = (int(word), int(word)) if word.isdigit() else NUMBER_WORDS[word]
    unit = m.group(2)
    if unit == "day":
        return _Range(published - timedelta(days=high), published - timedelta(days=low))
    if unit == "week":
        return _Range(published - timedelta(days=7 * high + 3), published - timedelta(days=7 * low - 3))
    if unit == "month":
        first = published.year * 12 + published.month - 1 - high
        last = published.year * 12 + published.month - 1 - low
        return _Range(_month_range(first // 12, first % 12 + 1).lo, _month_range(last // 12, last % 12 + 1).hi)
    return _Range(date(published.year - high, 1, 1), date(published.year - low, 12, 31))


def _weekday_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """on Monday, last Friday, next Tuesday, Monday night: the weekday nearest the story."""
    m = re.search(rf"\b(?:(last|next|this|coming|past|previous)\s+)?({_WEEKDAY_RE})\b", text)
    if m is None or published is None:
        return None
    target = WEEKDAYS[m.group(2)]
    back = (published.weekday() - target) % 7  # days back to the same or previous one
    ahead = (target - published.weekday()) % 7
    which = m.group(1)
    if which in ("last", "past", "previous"):
        return _day_range(published - timedelta(days=back or 7))
    if which in ("next", "coming"):
        return _day_range(published + timedelta(days=ahead or 7))
    if tense == "future":
        return _day_range(published + timedelta(days=ahead))
    if tense == "present" and ahead < back:
        return _day_range(published + timedelta(days=ahead))
    return _day_range(published - timedelta(days=back))


_OFFSET_RE = re.compile(
    r"^(?:(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several)\s+"
    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>earlier|later|before|after|previously|prior|on)"
    r"|the\s+(?P<dir2>previous|next|following|preceding)\s+(?P<unit2>day|week|month|year|night|morning|evening)"
    r"|the\s+(?P<unit3>day|night|week)\s+(?P<dir3>before|after)(?:\s+that)?)$"
)
_BACK_WORDS = frozenset({"earlier", "before", "previously", "prior", "previous", "preceding"})


def is_offset(expression: str) -> bool:
    """ "two days earlier", "the previous day", "a week later": a date counted from another
    date of the story (the caller passes that date as `published` to `resolve_date`)."""
    return _OFFSET_RE.match(normalise(expression)) is not None


def _offset_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """two days earlier, a week later, the previous day, the next day, the day before."""
    m = _OFFSET_RE.match(text)
    if m is None or published is None:
        return None
    word = m.group("n")
    if word is not None:
        last = "couple" if word == "a couple of" else word.split()[-1]
        count = int(word) if word.isdigit() else NUMBER_WORDS.get(last, (1, 1))[0]
        unit, back = m.group("unit"), m.group("dir") in _BACK_WORDS
    else:
        count = 1
        unit = m.group("unit2") or m.group("unit3")
        back = (m.group("dir2") or m.group("dir3")) in _BACK_WORDS
    sign = -1 if back else 1
    if unit in ("day", "night", "morning", "evening"):
        return _day_range(published + timedelta(days=sign * count))
    if unit == "week":
        centre = published + timedelta(days=sign * 7 * count)
        return _Range(centre - timedelta(days=3), centre + timedelta(days=3))
    if unit == "month":
        index = published.year * 12 + published.month - 1 + sign * count
        return _month_range(index // 12, index % 12 + 1)
    return _year_range(published.year + sign * count)


_DATEPARSER_CUE_RE = re.compile(rf"\b(?:{_MONTH_RE})\b.*\d|\d.*\b(?:{_MONTH_RE})\b")


def _dateparser_date(text: str, published: date | None, tense: str | None) -> _Range | None:
    """Absolute dates our patterns miss, read by `dateparser` (only when the text has a
    month name and a number, so that counts and durations are never sent to it)."""
    if published is None or _DATEPARSER_CUE_RE.search(text) is None:
        return None  # without a publication date, a date without a year stays unknown
    import dateparser  # imported on first need: it takes a moment to load

    settings: dict[str, object] = {
        "REQUIRE_PARTS": ["day", "month"],
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
    }
    found = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return _day_range(found.date()) if found is not None else None


def _ordinal_day(text: str, published: date | None, tense: str | None) -> _Range | None:
    """'on the 13th': the day of the publication month, or of the month before (after)."""
    m = re.fullmatch(r"(?:on\s+)?the\s+(\d{1,2})", text)
    if m is None or published is None:
        return None
    day = int(m.group(1))
    found = _safe_date(published.year, published.month, day)
    if found is None:
        return None
    if tense == "future" and found < published:
        month_index = published.year * 12 + published.month
        found = _safe_date(month_index // 12, month_index % 12 + 1, day)
    elif tense != "future" and found > published:
        month_index = published.year * 12 + published.month - 2
        found = _safe_date(month_index // 12, month_index % 12 + 1, day)
    return _day_range(found) if found else None


# --- datelines ----------------------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\u2019 -]{1,40}?(?:,\s*[A-Z][A-Za-z.'\u2019 -]{1,30}?)?)"
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^)\n]{1,40})\))?\s*(?:[-\u2013\u2014]{1,2}|:)\s+"
)


@dataclass(frozen=True)
class Dateline:
    """The opening "ANKARA, Jan 14 (Agency) -" of a story: where and when it was filed."""

    place: str  # "Ankara", "Beirut, Lebanon" (title case), or "" when the story has none
    date: ResolvedDate
    end: int  # character offset where the story proper starts


NO_DATELINE = Dateline("", UNKNOWN, 0)


def dateline_of(text: str, published: date | None) -> Dateline:
    """The dateline at the start of `text`, with its date resolved against publication
    (a dateline is never after the story was published)."""
    m = _DATELINE_RE.match(text[:120])
    if m is None:
        return NO_DATELINE
    place = m.group("place").strip(" ,")
    words = re.split(r"[\s,]+", place)
    if not place.split(",")[0].isupper() or len(words) > 5:
        return NO_DATELINE  # "THE WAR -" is a headline, not a place
    resolved = resolve_date(m.group("date"), published, "past") if m.group("date") else UNKNOWN
    first, comma, rest = place.partition(",")
    return Dateline(first.title() + comma + rest, resolved, m.end())


# --- finding date expressions in text -------------------------------------------------------------

_MONTH_WORD = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"  # fmt: skip
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMBER_WORD = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several)"
_FIND_PATTERNS = (
    rf"\b(?:(?:[Oo]n or )?(?:[Aa]round|[Aa]bout|[Cc]irca) )?{_DAY}(?: of)? {_MONTH_WORD}(?:,? \d{{4}})?\b",
    rf"\b(?:(?:[Oo]n or )?(?:[Aa]round|[Aa]bout|[Cc]irca) )?{_MONTH_WORD} (?:the )?{_DAY}(?:,? \d{{4}})?\b(?!:)",
    rf"\b{_MONTH_WORD},? \d{{4}}\b",
    rf"\b(?:[Mm]id|[Ee]arly|[Ll]ate)[- ]{_MONTH_WORD}(?: \d{{4}})?\b",
    r"\b(?:19|20)\d\d-\d\d-\d\d\b",
    r"\b(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d\d\b",  # 06/05/2020 (either order)
    rf"\b{_NUMBER_WORD} (?:day|week|month|year)s? (?:earlier|later)\b",
    r"\b[Tt]he (?:previous|next|following|preceding) (?:day|night|morning|evening|week|month|year)\b",
    r"\b(?:[Oo]vernight|[Tt]onight|[Yy]esterday|[Tt]oday)\b",
)
_FIND_RE = re.compile("|".join(f"(?:{p})" for p in _FIND_PATTERNS))


def find_dates(text: str) -> list[tuple[int, int]]:
    """Character spans of the date expressions of `text` that a statistical tagger may
    miss or cut ("30 Apr 2020", "Around 7 May 2020", "two days earlier", "mid-March")."""
    return [m.span() for m in _FIND_RE.finditer(text)]
