"""Open a longarm database: the engine for the settings, schema upgrades and initial data."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from longarm.config import Settings, load_settings
from longarm.incidents import sealing
from longarm.storage import migrate
from longarm.storage.engine import engine_for, transaction


@dataclass
class InitResult:
    """What `longarm init` did."""

    url: str
    known_actors: int
    sample_incidents: int


def open_engine(settings: Settings) -> Engine:
    """The shared engine for the configured database, carrying its keys (see `incidents.sealing`)."""
    return sealing.install(engine_for(settings.effective_database_url), settings)


def configured_transaction() -> AbstractContextManager[Session]:
    """A transaction on the database the environment configures: what each command works in."""
    return transaction(open_engine(load_settings()))


def initialise(engine: Engine, *, sample: bool) -> InitResult:
    """Create or upgrade the schema, load the actor registry and, when asked, the sample data."""
    from longarm.analytics import estimates
    from longarm.exports.importing import import_records, read_records
    from longarm.incidents import actors

    migrate.upgrade(engine)
    created = 0
    with transaction(engine) as session:
        count = actors.load_registry(session=session)
        if sample:
            data = resources.files("longarm.data").joinpath("sample_incidents.json").read_bytes()
            records = read_records(data, name="sample_incidents.json")
            created = import_records(
                session=session,
                records=records,
                made_by="longarm init --sample",
                name="sample_incidents.json",
            ).created
            estimates.load_sample(session=session)
    return InitResult(url=engine.url.render_as_string(hide_password=True), known_actors=count, sample_incidents=created)
