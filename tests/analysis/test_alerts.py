import datetime as dt
import re

import pytest

from eventlens.analysis import find_alerts
from eventlens.errors import InputError

TUR_SYR = [
    ("2011", "TUR", "SYRGOV", "161", -4.0, 4),  # Turkey breaks off relations (year precision)
    ("2011-11-23", "TURGOV", "SYRGOV", "163", -8.0, 4),
    (None, "TURSPY", "SYRSPY", "040", 1.0, 1),  # undated: cannot date a silence
    ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ("2020-01-13", "SYRSPY", "TURSPY", "043", 2.8, 1),
    ("2020-01-14", "SYRSPY", "TURGOV", "102", -5.0, 3),
]


def test_first_meeting_after_years(hand_built_store):
    alerts = find_alerts(hand_built_store(TUR_SYR))
    silence = [a for a in alerts if a.kind == "silence_broken"]
    assert len(silence) == 1  # one alert for the meeting, not one per direction, none for the demand a day later
    alert = silence[0]
    assert alert.pair == ("SYR", "TUR") and alert.date == "2020-01-13"
    assert re.search(r"first consult event between (TURSPY and SYRSPY|SYRSPY and TURSPY) since 2011", alert.message)
    # from 2011-12-31 (the latest day "2011" can mean) to 2020-01-13
    assert alert.gap_days == (dt.date(2020, 1, 13) - dt.date(2011, 12, 31)).days
    assert "8 years" in alert.message
    assert alert.previous_date == "2011"


def test_no_alert_without_a_silence(hand_built_store):
    rows = [("2019-12-20", "TURGOV", "SYRGOV", "040", 1.0, 1), *TUR_SYR[3:]]
    assert [a for a in find_alerts(hand_built_store(rows)) if a.kind == "silence_broken"] == []


def test_same_kind_gap_counts_even_with_recent_conflict(hand_built_store):
    rows = [
        ("2012-05-01", "TURGOV", "SYRGOV", "040", 1.0, 1),
        ("2019-12-20", "TURMIL", "SYRMIL", "190", -10.0, 4),
        ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ]
    silence = [a for a in find_alerts(hand_built_store(rows)) if a.kind == "silence_broken"]
    assert len(silence) == 2  # the fighting after 7 years of nothing, and the first consultation since 2012
    meeting = next(a for a in silence if a.event_id and a.date == "2020-01-13")
    assert "since 2012" in meeting.message and meeting.detail["same_kind_before"] is True


def test_code_level_and_since(hand_built_store):
    store = hand_built_store(TUR_SYR)
    assert [a for a in find_alerts(store, level="code") if a.kind == "silence_broken"] == []
    assert find_alerts(store, since="2021-01-01") == []
    with pytest.raises(InputError):
        find_alerts(store, since="last week")


def test_goldstein_shift(hand_built_store):
    rows = [
        ("2019-09-03", "TURMIL", "SYRMIL", "190", -10.0, 4),
        ("2019-10-09", "TURMIL", "SYRMIL", "190", -10.0, 4),
        ("2019-11-12", "TURGOV", "SYRGOV", "111", -2.0, 3),
        ("2019-12-12", "TURGOV", "SYRGOV", "112", -2.0, 3),
        ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
        ("2020-01-13", "SYRSPY", "TURSPY", "043", 2.8, 1),
    ]
    shifts = [a for a in find_alerts(hand_built_store(rows)) if a.kind == "goldstein_shift"]
    assert [a.date for a in shifts] == ["2020-01", "2019-12", "2019-11"]
    assert "toward cooperation" in shifts[0].message and shifts[0].detail["baseline"] == round(-14 / 3, 2)
    quiet = [a for a in find_alerts(hand_built_store(rows), shift_threshold=8.0) if a.kind == "goldstein_shift"]
    assert [a.date for a in quiet] == ["2019-11"]


@pytest.mark.slow
@pytest.mark.parametrize("with_example", [False, True], ids=["seed-only", "seed+2011-example"])
def test_first_meeting_in_years_on_real_articles(lens, sqlite_store, seed_path, examples_dir, with_example):
    """The seed tells of the 2011 break-off itself; our example article reports it on 2011-11-23."""
    paths = [seed_path] + ([examples_dir / "turkey-syria-ties-cut-2011-11-23.txt"] if with_example else [])
    summary = lens.ingest(paths, sqlite_store)
    assert summary.stored == len(paths), summary.errors
    silence = [a for a in find_alerts(sqlite_store) if a.kind == "silence_broken" and a.date == "2020-01-13"]
    meetings = [a for a in silence if a.detail["kind"] == "04"]
    assert len(meetings) == 1, [a.message for a in silence]
    alert = meetings[0]
    assert alert.pair == ("SYR", "TUR")
    meeting = r"between (TURSPY and SYRSPY|SYRSPY and TURSPY) since 2011 \(8 years"
    assert re.search(meeting, alert.message), alert.message
    assert alert.previous_date.startswith("2011")
    assert 365 * 8 <= alert.gap_days <= (dt.date(2020, 1, 13) - dt.date(2011, 1, 1)).days
