"""Where breachlens keeps its state: one data directory, ``BREACHLENS_HOME``.

* ``BREACHLENS_HOME``: the data directory (default: the user's data directory, e.g. ``~/.local/share/breachlens``).
  It holds the database, and later the installation secret and index files.
* ``BREACHLENS_DB``: the database, for every command: a file path (SQLite) or an SQLAlchemy URL
  (``sqlite:///...``, ``postgresql+psycopg://...``). Default: ``$BREACHLENS_HOME/breachlens.db``.
* ``BREACHLENS_KNOWLEDGE``: extra folders of knowledge files (see ``docs/knowledge.md``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from breachlens.errors import ConfigurationError

__all__ = ["Settings", "settings"]


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str

    @property
    def database_path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and self.database_url != "sqlite:///:memory:":
            return Path(self.database_url[len(prefix):])
        return None


def _home() -> Path:
    value = os.environ.get("BREACHLENS_HOME")
    if value:
        return Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("breachlens", appauthor=False))


def _database_url(home: Path) -> str:
    value = os.environ.get("BREACHLENS_DB", "").strip()
    if not value:
        return f"sqlite:///{home / 'breachlens.db'}"
    if "://" in value:
        if not value.split("://", 1)[0].replace("+", "").replace("_", "").isalnum():
            raise ConfigurationError("not a database URL", input=f"BREACHLENS_DB={value}",
                                     hint="give a file path or a URL such as sqlite:///path/to/breachlens.db")
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def settings() -> Settings:
    """The settings read from the environment now (cheap: read again by every command)."""
    home = _home()
    return Settings(home=home, database_url=_database_url(home))
