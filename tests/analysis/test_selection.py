import pytest

from eventlens.analysis.selection import ActorSpec, date_bounds, parse_actor_spec
from eventlens.errors import InputError
from eventlens.model import Actor


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("TURSPY", "code", "TURSPY"),
        ("tur", "code", "TUR"),
        ("country:syr", "country", "SYR"),
        ("id:kb:hakan-fidan", "id", "kb:hakan-fidan"),
        ("kb:hakan-fidan", "id", "kb:hakan-fidan"),
        ("name:ali mamlouk", "id", "name:ali mamlouk"),
        ("Mamlouk", "name", "mamlouk"),
    ],
)
def test_parse_actor_spec(text, kind, value):
    assert parse_actor_spec(text) == ActorSpec(kind, value)


@pytest.mark.parametrize("text", ["", "   ", "country:Syria", "code:12", "x" * 201])
def test_parse_actor_spec_rejects(text):
    with pytest.raises(InputError):
        parse_actor_spec(text)


def test_spec_matching():
    fidan = Actor(name="Hakan Fidan", code="TURSPY", country="TUR", actor_id="kb:hakan-fidan")
    assert parse_actor_spec("TUR").matches(fidan)
    assert parse_actor_spec("TURSPY").matches(fidan)
    assert not parse_actor_spec("TURGOV").matches(fidan)
    assert parse_actor_spec("country:TUR").matches(fidan)
    assert not parse_actor_spec("country:SYR").matches(fidan)
    assert parse_actor_spec("kb:hakan-fidan").matches(fidan)
    assert parse_actor_spec("fidan").matches(fidan)


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2011", ("2011-01-01", "2011-12-31")),
        ("2020-02", ("2020-02-01", "2020-02-29")),
        ("2020-01-13", ("2020-01-13", "2020-01-13")),
        (None, None),
        ("", None),
        ("2020-13", None),
        ("soon", None),
    ],
)
def test_date_bounds(value, bounds):
    got = date_bounds(value)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat())) == bounds
