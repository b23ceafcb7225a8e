"""Persistence: documents and their claims in SQLite (a real file, WAL journal) or any SQLAlchemy database.

Example::

    store = Store()                       # the database of settings(): $BREACHLENS_DB or $BREACHLENS_HOME
    result = store.save(document, claim, severity)
    for row in store.claims(limit=20):
        print(row.id, row.claim.victim)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from breachlens.errors import StoreError
from breachlens.model import Claim, Document, Severity
from breachlens.serialize import claim_to_dict
from breachlens.settings import settings
from breachlens.store.models import Base, ClaimRow, DocumentRow

__all__ = ["Store", "SaveResult", "StoredClaim"]


@dataclass(frozen=True)
class SaveResult:
    claim_id: int
    new_document: bool


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored: its id, when it was stored, its severity, and the claim itself."""

    id: int
    created_at: datetime
    updated_at: datetime
    claim: Claim
    severity_score: float | None
    severity_band: str | None
    extractor_version: str
    data: dict[str, Any]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """The breachlens database. Opening it creates the file and its tables when they do not exist."""

    def __init__(self, url: str | None = None) -> None:
        config = settings()
        self.url = url or config.database_url
        label = self.url.split("@")[-1]  # never echo a password
        if self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:":
            from pathlib import Path

            path = Path(self.url[len("sqlite:///"):])
            if path.is_dir():
                raise StoreError("is a folder, not a database file", input=str(path),
                                 hint="point BREACHLENS_DB at a file")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the data directory: {exc.strerror}", input=str(path.parent),
                                 hint="set BREACHLENS_HOME or BREACHLENS_DB to a writable place") from exc
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the database: {exc}", input=label) from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            Base.metadata.create_all(self.engine)
        except (DatabaseError, OperationalError) as exc:
            raise StoreError(f"cannot open the database: {getattr(exc, 'orig', exc)}", input=label,
                             hint="is it a breachlens database, and writable?") from exc

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing half-written) when it fails."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"database error: {getattr(exc, 'orig', exc)}", input=self.url.split("@")[-1]) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------------------------ writing
    def save(self, document: Document, claim: Claim, severity: Severity | None = None,
             extractor_version: str = "") -> SaveResult:
        """Store ``document`` (once per text) and its claim; a stored claim of the same document is replaced."""
        now = datetime.now(UTC)
        victim = claim.victim
        values: dict[str, Any] = {
            "source": claim.source,
            "language": claim.language,
            "claim_type": str(claim.claim_type),
            "victim": victim.name if victim else None,
            "country": victim.country if victim else None,
            "sector": victim.sector if victim else None,
            "records": claim.records,
            "actor": claim.actor,
            "venue": claim.venue,
            "date": claim.date,
            "severity_score": severity.score if severity else None,
            "severity_band": str(severity.band) if severity else None,
            "extractor_version": extractor_version,
            "data": claim_to_dict(claim, severity),
            "updated_at": now,
        }
        with self._session() as session:
            row = session.get(DocumentRow, document.id)
            new_document = row is None
            if row is None:
                row = DocumentRow(id=document.id, source=document.source, text=document.text, created_at=now)
                session.add(row)
                session.flush()
            stored = session.scalar(select(ClaimRow).where(ClaimRow.document_id == document.id))
            if stored is None:
                stored = ClaimRow(document_id=document.id, created_at=now, **values)
                session.add(stored)
            else:
                for key, value in values.items():
                    setattr(stored, key, value)
            session.flush()
            return SaveResult(claim_id=stored.id, new_document=new_document)

    # ------------------------------------------------------------------------------------------------ reading
    def claims(self, limit: int | None = 50, offset: int = 0, victim: str | None = None,
               country: str | None = None, claim_type: str | None = None) -> list[StoredClaim]:
        """Stored claims, newest first, filtered by victim name (substring, any case), country or claim type."""
        query = select(ClaimRow).order_by(ClaimRow.created_at.desc(), ClaimRow.id.desc())
        if victim:
            query = query.where(func.lower(ClaimRow.victim).contains(victim.lower()))
        if country:
            query = query.where(ClaimRow.country == country.upper())
        if claim_type:
            query = query.where(ClaimRow.claim_type == claim_type)
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._session() as session:
            return [_stored(row) for row in session.scalars(query)]

    def claim(self, claim_id: int) -> StoredClaim | None:
        with self._session() as session:
            row = session.get(ClaimRow, claim_id)
            return _stored(row) if row is not None else None

    def document(self, document_id: str) -> Document | None:
        with self._session() as session:
            row = session.get(DocumentRow, document_id)
            if row is None:
                return None
            return Document(id=row.id, source=row.source, text=row.text)

    def count(self) -> dict[str, int]:
        """How many documents and claims are stored."""
        with self._session() as session:
            return {"documents": session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                    "claims": session.scalar(select(func.count()).select_from(ClaimRow)) or 0}


def _stored(row: ClaimRow) -> StoredClaim:
    data = dict(row.data)
    data.pop("severity", None)
    return StoredClaim(id=row.id, created_at=_utc(row.created_at), updated_at=_utc(row.updated_at),
                       claim=Claim.model_validate(data), severity_score=row.severity_score,
                       severity_band=row.severity_band, extractor_version=row.extractor_version, data=row.data)


def _utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
