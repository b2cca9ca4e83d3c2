"""`eventlens actors`: the actors in the store and in the knowledge base; user additions.

    eventlens actors                      actors of the store: codes, roles, aliases, mention counts
    eventlens actors show "Hakan Fidan"   roles over time (knowledge base) and the stored events
    eventlens actors add "Jane Doe" --code GBRGOV --title "Foreign Secretary" --start 2031-01-02
    eventlens actors import phoenix.actors.txt   (our YAML/CSV, or a PETRARCH/TABARI dictionary)

User actors live in the user actor directory ($EVENTLENS_ACTORS_DIR, default
~/.local/share/eventlens/actors): `add` appends to `user-actors.yaml` there, `import` writes the
file converted to our YAML as `imported-<name>.yaml`. The pipeline reads that directory on start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..errors import ConfigError, StoreError
from ..knowledge.actor_files import ActorFileContents, contents_to_yaml, load_actor_kb, read_actor_file
from ..knowledge.actors import (
    ORG_KINDS,
    ActorKB,
    Organisation,
    Person,
    Role,
    check_actor_code,
    parse_partial_date,
    user_actor_dir,
)
from ..store import open_store
from ..store.base import EventQuery
from .options import db_option, echo_table

USER_FILE = "user-actors.yaml"

dir_option = click.option(
    "--actors-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="User actor directory (default: $EVENTLENS_ACTORS_DIR or ~/.local/share/eventlens/actors).",
)


def _kb() -> ActorKB:
    return load_actor_kb(include_user_dir=True)


@click.group(invoke_without_command=True)
@db_option
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
@click.pass_context
def actors(ctx: click.Context, db: str, limit: int) -> None:
    """List actors with their codes, roles, aliases and mention counts."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db, must_exist=True) as store:
        found = store.list_actors(limit=limit)
    kb = _kb()
    people = {p.id: p for p in kb.people}
    rows = []
    for a in found:
        person = people.get(a.actor_id)
        roles = "; ".join(_role_labels(person.roles)) if person else ""
        rows.append((a.name, a.code, a.kind, a.num_mentions, a.num_events, roles, ", ".join(a.aliases)))
    echo_table(["actor", "code", "kind", "mentions", "events", "roles", "aliases"], rows, max_width=90)


@actors.command("show")
@click.argument("name")
@db_option
@click.option("--on", "on", default=None, help="Code the actor on this date (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
def show_actor(name: str, db: str, on: str | None, limit: int) -> None:
    """An actor's roles over time (knowledge base) and its events (store)."""
    kb = _kb()
    day = parse_partial_date(on) if on else None
    match = kb.lookup(name, on=day)
    label = match.name if match else name
    if match is None:
        click.echo(f"{name}: not in the knowledge base")
    else:
        click.echo(f"{match.name}  [{match.kind}]  code{' on ' + on if on else ''}: {match.code}  id: {match.actor_id}")
        entry = match.entry
        aliases = getattr(entry, "aliases", ())
        if aliases:
            click.echo("aliases: " + ", ".join(aliases))
        if isinstance(entry, Person):
            click.echo("roles:")
            echo_table(
                ["from", "to", "code", "title"],
                [(r.start or "?", r.end or "now", r.code, r.title) for r in entry.roles],
                max_width=70,
            )
    try:
        store = open_store(db, must_exist=True)
    except StoreError as exc:  # the knowledge base part stands without a store
        click.echo(f"events: none shown ({exc})")
        return
    with store:
        events = store.query_events(EventQuery(actor=label, limit=limit))
    click.echo(f"events in {db}: {len(events)}")
    if events:
        echo_table(
            ["date", "source", "cameo", "target", "id"],
            [(e.date, _side(e.source), e.cameo, _side(e.target), e.id) for e in events],
        )


@actors.command("add")
@click.argument("name")
@click.option("--code", required=True, help="CAMEO actor code, e.g. GBRGOV, IGOUNO.")
@click.option("--kind", type=click.Choice(sorted(ORG_KINDS | {"person"})), default="person", show_default=True)
@click.option("--country", default=None, help="ISO-3 home country (organisations).")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.option("--title", default="", help="Role title (people).")
@click.option("--start", default=None, help="Role start: YYYY, YYYY-MM or YYYY-MM-DD (people).")
@click.option("--end", default=None, help="Role end (people); none = ongoing.")
@dir_option
def add_actor(
    name: str, code: str, kind: str, country: str | None, aliases: tuple[str, ...], title: str,
    start: str | None, end: str | None, actors_dir: Path | None,
) -> None:  # fmt: skip
    """Add a person's role or an organisation to the user actors."""
    for value in (start, end):
        parse_partial_date(value)
    code = check_actor_code(code)
    target = (actors_dir or user_actor_dir()) / USER_FILE
    contents = read_actor_file(target) if target.exists() else ActorFileContents()
    if kind == "person":
        role = Role(code.upper(), title, start, end)
        old = next((p for p in contents.people if p.name.casefold() == name.casefold()), None)
        merged_aliases = tuple(dict.fromkeys([*(old.aliases if old else ()), *aliases]))
        person = Person(name, merged_aliases, (*(old.roles if old else ()), role), old.country if old else None)
        contents.people = [p for p in contents.people if p is not old] + [person]
    else:
        org = Organisation(name, code.upper(), kind, country.upper() if country else None, tuple(aliases))
        contents.organisations = [o for o in contents.organisations if o.name.casefold() != name.casefold()]
        contents.organisations.append(org)
    _write(target, contents, "user actors added with `eventlens actors add`")
    click.echo(f"added {name} ({code.upper()}) to {target}")


@actors.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@dir_option
def import_actors(file: Path, actors_dir: Path | None) -> None:
    """Import an actor file: our YAML/CSV, or a PETRARCH/TABARI dictionary (+synonyms, [CODE dates])."""
    contents = read_actor_file(file)
    if not len(contents):
        raise ConfigError(f"{file}: no actors found")
    target = (actors_dir or user_actor_dir()) / f"imported-{file.stem}.yaml"
    _write(target, contents, f"imported from {file.name} on {dt.date.today().isoformat()}")
    click.echo(
        f"imported {len(contents.people)} people, {len(contents.organisations)} organisations, "
        f"{len(contents.sector_terms)} role nouns from {file} -> {target}"
    )


def _write(target: Path, contents: ActorFileContents, header: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = contents_to_yaml(contents, header)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)


def _role_labels(roles: tuple[Role, ...]) -> list[str]:
    """ "CODE start..end" per run of roles with the same code (a reappointment is one run)."""
    runs: list[list[Role]] = []
    for role in sorted(roles, key=lambda r: r.start_date):
        if runs and runs[-1][-1].code == role.code:
            runs[-1].append(role)
        else:
            runs.append([role])
    return [f"{run[0].code} {run[0].start or '?'}..{run[-1].end or 'now'}" for run in runs]


def _side(actor: object) -> str:
    code = getattr(actor, "code", None) or "?"
    return f"{getattr(actor, 'name', '')} ({code})"
