"""Actors: the shipped registry of known agencies and movements, and people named in claims."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from longarm.incidents.models import Actor, ActorAlias
from longarm.names.folding import name_key


@lru_cache(maxsize=1)
def known_actors() -> tuple[dict[str, Any], ...]:
    """The registry shipped in `data/actors.json`."""
    text = resources.files("longarm.data").joinpath("actors.json").read_text(encoding="utf-8")
    return tuple(json.loads(text))


def load_registry(*, session: Session) -> int:
    """Insert or update the known actors and their aliases; returns how many there are."""
    existing = {actor.id: actor for actor in session.scalars(select(Actor).where(Actor.known.is_(True)))}
    for entry in known_actors():
        actor = existing.get(entry["id"]) or session.get(Actor, entry["id"])
        if actor is None:
            actor = Actor(id=entry["id"], known=True)
            session.add(actor)
        actor.name, actor.kind, actor.country, actor.known = (
            entry["name"],
            entry["kind"],
            entry.get("country"),
            True,
        )
        _set_aliases(actor, [entry["name"], *entry.get("aliases", [])])
    session.flush()
    return len(known_actors())


def _set_aliases(actor: Actor, names: list[str]) -> None:
    have = {alias.alias for alias in actor.aliases}
    for name in dict.fromkeys(names):
        if name not in have:
            actor.aliases.append(ActorAlias(alias=name, key=name_key(name)))


def find_or_create(
    *, session: Session, actor_id: str | None, name: str | None, kind: str, aliases: list[str] | None = None
) -> Actor:
    """The actor with this id, else the one any of these names is known by, else a new one.

    Names seen for the actor (a victim's aliases) are added to it, so later spellings find it.
    """
    actor = session.get(Actor, actor_id) if actor_id else None
    names = [n for n in (name, *(aliases or [])) if n]
    if actor is None and names:
        keys = [name_key(n) for n in names]
        actor = session.scalars(
            select(Actor).join(ActorAlias).where(ActorAlias.key.in_(keys), Actor.kind == kind).limit(1)
        ).first()
    if actor is None:
        actor = Actor(name=name or actor_id or "unknown", kind=kind)
        if actor_id:
            actor.id = actor_id
        session.add(actor)
    if not actor.known:
        _set_aliases(actor, [actor.name, *names])
    session.flush()
    return actor
