from eventlens.analysis import PlaceSpec, actor_timeline, dyad_timeline, parse_actor_spec, place_timeline

ROWS = [
    ("2020-03-02", "TURMIL", "SYRMIL", "190", -10.0, 4),
    (None, "TURGOV", "SYRGOV", "010", 0.0, 1),
    ("2011", "TURGOV", "SYRGOV", "161", -4.0, 4),
    ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ("2020-01-14", "RUSGOV", "IRNGOV", "040", 1.0, 1),
]


def test_actor_and_dyad_timelines(hand_built_store):
    store = hand_built_store(ROWS)
    dates = [e.date for e in actor_timeline(store, parse_actor_spec("TUR"))]
    assert dates == ["2011", "2020-01-13", "2020-03-02", None]
    assert [e.cameo for e in dyad_timeline(store, parse_actor_spec("TURSPY"), parse_actor_spec("SYRSPY"))] == ["043"]
    assert [e.cameo for e in actor_timeline(store, parse_actor_spec("SYR"), since="2020-02-01")] == ["190"]
    assert len(actor_timeline(store, parse_actor_spec("TUR"), limit=2)) == 2


def test_place_timeline(hand_built_store):
    store = hand_built_store(ROWS[:2], place=("Moscow", "RUS", 55.75, 37.62))
    assert len(place_timeline(store, PlaceSpec.parse("moscow"))) == 2
    assert len(place_timeline(store, PlaceSpec.parse("country:RUS"))) == 2
    assert place_timeline(store, PlaceSpec.parse("Ankara")) == []
