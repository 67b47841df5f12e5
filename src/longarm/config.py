"""One Settings object: the only place that reads the environment."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from longarm.errors import BadInput


@dataclass(frozen=True)
class Settings:
    """Every setting longarm reads, with its default; see docs/settings.md."""

    home: Path = field(default_factory=lambda: Path("data"))
    database_url: str = ""
    secret_key: str = ""
    log_level: str = "INFO"
    fetch_max_bytes: int = 20_000_000
    fetch_timeout_seconds: float = 20.0
    session_hours: float = 8.0
    login_attempts: int = 5
    login_rate: str = "10/minute;60/hour"
    login_rate_total: str = "120/minute"
    login_workers: int = 2
    login_queue: int = 8
    max_body_bytes: int = 2_000_000
    extract_max_chars: int = 2_000_000
    extract_max_seconds: float = 60.0
    warc_max_record_bytes: int = 20 * 1024 * 1024
    warc_max_total_bytes: int = 200 * 1024 * 1024

    @property
    def effective_database_url(self) -> str:
        """The configured URL, or SQLite in the home folder."""
        return self.database_url or f"sqlite:///{(self.home / 'longarm.db').as_posix()}"

    @property
    def evidence_dir(self) -> Path:
        """Where document bytes are stored by SHA-256."""
        return self.home / "evidence"

    @property
    def key_file(self) -> Path:
        """The encryption key for restricted fields (outside the database)."""
        return self.home / "longarm.key"


SETTINGS_ENV = {
    "home": ("LONGARM_HOME", "Folder for the SQLite database, evidence store and key file (default ./data)."),
    "database_url": ("LONGARM_DATABASE_URL", "SQLAlchemy URL; PostgreSQL for a multi-user server."),
    "secret_key": ("LONGARM_SECRET_KEY", "Base64 key for restricted fields; overrides the key file."),
    "log_level": ("LONGARM_LOG_LEVEL", "Logging level: DEBUG, INFO, WARNING, ERROR or CRITICAL (default INFO)."),
    "fetch_max_bytes": ("LONGARM_FETCH_MAX_BYTES", "Largest document a URL ingest downloads."),
    "fetch_timeout_seconds": ("LONGARM_FETCH_TIMEOUT", "Seconds a URL ingest waits for a document."),
    "session_hours": ("LONGARM_SESSION_HOURS", "Hours a sign-in lasts before signing in again (default 8)."),
    "login_attempts": (
        "LONGARM_LOGIN_ATTEMPTS",
        "Wrong passwords in a row before an account is locked, with a doubling wait (default 5).",
    ),
    "login_rate": (
        "LONGARM_LOGIN_RATE",
        "Sign-in attempts one address may make, as `N/period;...` (default 10/minute;60/hour).",
    ),
    "login_rate_total": ("LONGARM_LOGIN_RATE_TOTAL", "Sign-in attempts from all addresses (default 120/minute)."),
    "login_workers": ("LONGARM_LOGIN_WORKERS", "Passwords checked at once (argon2, 64 MiB each; default 2)."),
    "login_queue": ("LONGARM_LOGIN_QUEUE", "Sign-ins that may wait for a worker; more are refused (default 8)."),
    "max_body_bytes": ("LONGARM_MAX_BODY_BYTES", "Largest request body the web app reads (default 2000000)."),
    "extract_max_chars": (
        "LONGARM_EXTRACT_MAX_CHARS",
        "Longest document text `extract` and `ingest` analyse; longer ones are skipped (default 2000000).",
    ),
    "extract_max_seconds": (
        "LONGARM_EXTRACT_MAX_SECONDS",
        "Seconds `extract` and `ingest` spend on one document before skipping it (default 60).",
    ),
    "warc_max_record_bytes": ("LONGARM_WARC_MAX_RECORD_BYTES", "Largest decompressed WARC response (default 20 MiB)."),
    "warc_max_total_bytes": (
        "LONGARM_WARC_MAX_TOTAL_BYTES",
        "Most decompressed bytes read from one WARC file (default 200 MiB).",
    ),
}


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from the environment (or the given mapping)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name, (var, _help) in SETTINGS_ENV.items():
        if var in env and env[var] != "":
            default = getattr(Settings(), name)
            raw = env[var]
            values[name] = Path(raw) if isinstance(default, Path) else type(default)(raw)
    return Settings(**values)  # type: ignore[arg-type]


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def configure_logging(settings: Settings) -> int:
    """Let longarm's log records at LONGARM_LOG_LEVEL and above through; the level, as a number."""
    name = settings.log_level.strip().upper()
    if name not in LOG_LEVELS:
        raise BadInput(f"LONGARM_LOG_LEVEL {settings.log_level!r} is not one of: {', '.join(LOG_LEVELS)}.")
    level: int = getattr(logging, name)
    logging.getLogger("longarm").setLevel(level)
    # Records reach stderr unless the host (uvicorn, pytest) already gave the root logger its handlers.
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    return level
