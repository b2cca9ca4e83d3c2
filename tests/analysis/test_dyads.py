import pytest

from eventlens.analysis import dyad_series, parse_actor_spec
from eventlens.analysis.dyads import combined_goldstein
from eventlens.errors import InputError

ROWS = [
    ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ("2020-01-13", "SYRSPY", "TURSPY", "043", 2.8, 1),
    ("2020-01-20", "SYRGOV", "TURMIL", "112", -2.0, 3),
    ("2020-03-02", "TURMIL", "SYRMIL", "190", -10.0, 4),
    ("2020-03", "TURGOV", "SYRGOV", "036", 4.0, 1),  # month precision
    ("2020", "TURGOV", "SYRGOV", "111", -2.0, 3),  # year precision
    (None, "TURGOV", "SYRGOV", "010", 0.0, 1),  # undated
    ("2020-01-15", "TURGOV", "RUSGOV", "040", 1.0, 1),  # another pair
]


def test_monthly_series_both_directions(hand_built_store):
    store = hand_built_store(ROWS)
    series = dyad_series(store, parse_actor_spec("TUR"), parse_actor_spec("SYR"), "month")
    forward = {p.period: p for p in series.forward}
    backward = {p.period: p for p in series.backward}
    assert sorted(forward) == ["2020-01", "2020-03"]
    assert forward["2020-01"].count == 1 and forward["2020-01"].quad == {1: 1, 2: 0, 3: 0, 4: 0}
    assert forward["2020-03"].count == 2 and forward["2020-03"].mean_goldstein == -3.0
    assert backward["2020-01"].count == 2 and backward["2020-01"].mean_goldstein == 0.4
    assert series.undated == 1 and series.unplaced == 1  # the year-precision event cannot be put in a month
    assert len(series.events) == 7  # everything between TUR and SYR, RUS left out
    assert series.events[-1].date is None  # undated last


def test_day_and_year_series(hand_built_store):
    store = hand_built_store(ROWS)
    daily = dyad_series(store, parse_actor_spec("TURSPY"), parse_actor_spec("SYRSPY"), "day")
    assert [p.period for p in daily.forward] == ["2020-01-13"]
    assert [p.period for p in daily.backward] == ["2020-01-13"]
    yearly = dyad_series(store, parse_actor_spec("country:TUR"), parse_actor_spec("country:SYR"), "year")
    assert sum(p.count for p in yearly.forward + yearly.backward) == 6 and yearly.unplaced == 0


def test_weekly_labels_and_combined(hand_built_store):
    store = hand_built_store(ROWS)
    weekly = dyad_series(store, parse_actor_spec("TUR"), parse_actor_spec("SYR"), "week")
    assert [p.period for p in weekly.backward] == ["2020-W03", "2020-W04"]
    assert weekly.backward[0].start == "2020-01-13"
    assert combined_goldstein(weekly)[0] == ("2020-W03", 2.8, 2)


def test_window_and_bad_freq(hand_built_store):
    store = hand_built_store(ROWS)
    series = dyad_series(store, parse_actor_spec("TUR"), parse_actor_spec("SYR"), "month", since="2020-02-01")
    assert [p.period for p in series.forward] == ["2020-03"]
    with pytest.raises(InputError):
        dyad_series(store, parse_actor_spec("TUR"), parse_actor_spec("SYR"), "fortnight")
