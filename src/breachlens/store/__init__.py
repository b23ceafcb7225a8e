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

from sqlalchemy import create_engine, delete, event, func, insert, inspect, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from breachlens.errors import StoreError
from breachlens.model import Breach, Claim, Document, Incident, Reliability, Severity, Sighting, Source, SourceKind
from breachlens.serialize import claim_to_dict
from breachlens.settings import settings
from breachlens.store.models import (
    Base,
    BreachRow,
    ClaimRow,
    DocumentRow,
    IncidentRow,
    SightingRow,
    SourceRow,
    as_utc,
)

__all__ = ["Store", "SaveResult", "StoredClaim", "StoredIncident", "SourceState", "ClaimForClustering"]


@dataclass(frozen=True)
class SaveResult:
    claim_id: int
    new_document: bool


@dataclass(frozen=True)
class SourceState:
    """A followed source and how its last runs went."""

    source: Source
    created_at: datetime
    last_run: datetime | None
    last_success: datetime | None
    last_error: str | None
    last_new: int
    failures: int

    def due(self, now: datetime, default_every: int) -> bool:
        every = self.source.every_seconds or default_every
        if self.failures:  # a failing source is tried again at the next round
            return True
        return self.last_run is None or (now - self.last_run).total_seconds() >= every


@dataclass(frozen=True)
class ClaimForClustering:
    claim_id: int
    claim: Claim
    first_seen: datetime
    sources: list[str]
    incident_id: int | None


@dataclass(frozen=True)
class StoredIncident:
    id: int
    incident: Incident
    updated_at: datetime


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
            self._upgrade()
        except (DatabaseError, OperationalError) as exc:
            raise StoreError(f"cannot open the database: {getattr(exc, 'orig', exc)}", input=label,
                             hint="is it a breachlens database, and writable?") from exc

    def _upgrade(self) -> None:
        """Bring a database made by an earlier version up to the current tables (columns added since)."""
        columns = {c["name"] for c in inspect(self.engine).get_columns("claims")}
        if "incident_id" not in columns:
            with self.engine.begin() as connection:
                connection.execute(text("ALTER TABLE claims ADD COLUMN incident_id INTEGER "
                                        "REFERENCES incidents(id) ON DELETE SET NULL"))

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
        with self._session() as session:
            return self._save(session, document, claim, severity, extractor_version)

    @staticmethod
    def _save(session: Session, document: Document, claim: Claim, severity: Severity | None,
              extractor_version: str) -> SaveResult:
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

    def record(self, document: Document, claim: Claim, severity: Severity | None, sighting: Sighting,
               extractor_version: str = "") -> tuple[SaveResult, bool]:
        """Store a document seen in a source, its claim and the sighting, in one transaction.

        Returns the save result and whether the sighting is new. A document already stored keeps its claim
        unless the extractor changed since; a sighting already stored (same document, source and URL) is not
        stored twice, so ingesting the same source twice changes nothing.
        """
        with self._session() as session:
            known = session.get(DocumentRow, document.id)
            stored = session.scalar(select(ClaimRow).where(ClaimRow.document_id == document.id))
            if known is None or stored is None or stored.extractor_version != extractor_version:
                result = self._save(session, document, claim, severity, extractor_version)
            else:
                result = SaveResult(claim_id=stored.id, new_document=False)
            exists = session.scalar(select(SightingRow.id).where(
                SightingRow.document_id == document.id, SightingRow.source == sighting.source,
                SightingRow.url == (sighting.url or "")))
            if exists is None:
                session.add(SightingRow(document_id=document.id, source=sighting.source, url=sighting.url or "",
                                        author=sighting.author, published=sighting.published, seen=sighting.seen))
            return result, exists is None

    # ------------------------------------------------------------------------------------------------ sources
    def add_source(self, source: Source) -> None:
        with self._session() as session:
            if session.get(SourceRow, source.name) is not None:
                raise StoreError("a source of that name exists", input=source.name,
                                 hint="remove it first or choose another name")
            session.add(SourceRow(name=source.name, kind=str(source.kind), location=source.location,
                                  every_seconds=source.every_seconds, reliability=str(source.reliability),
                                  proxy=source.proxy, allow_private=source.allow_private,
                                  created_at=datetime.now(UTC), last_new=0, failures=0))

    def remove_source(self, name: str) -> bool:
        with self._session() as session:
            return bool(session.execute(delete(SourceRow).where(SourceRow.name == name)).rowcount)  # type: ignore[attr-defined]

    def set_reliability(self, name: str, reliability: Reliability) -> bool:
        with self._session() as session:
            done = session.execute(update(SourceRow).where(SourceRow.name == name)
                                   .values(reliability=str(reliability)))
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def sources(self) -> list[SourceState]:
        with self._session() as session:
            return [_source_state(row) for row in session.scalars(select(SourceRow).order_by(SourceRow.name))]

    def source(self, name: str) -> SourceState | None:
        with self._session() as session:
            row = session.get(SourceRow, name)
            return _source_state(row) if row is not None else None

    def mark_run(self, name: str, *, ok: bool, error: str | None = None, new: int = 0) -> None:
        now = datetime.now(UTC)
        with self._session() as session:
            row = session.get(SourceRow, name)
            if row is None:
                return
            row.last_run = now
            if ok:
                row.last_success, row.last_error, row.last_new, row.failures = now, None, new, 0
            else:
                row.last_error, row.failures = error, row.failures + 1

    def reliabilities(self) -> dict[str, Reliability]:
        """The reliability of every named source (sources not followed are F, cannot be judged)."""
        with self._session() as session:
            return {row.name: Reliability(row.reliability) for row in session.scalars(select(SourceRow))}

    # ---------------------------------------------------------------------------------------------- catalogue
    def import_breaches(self, breaches: list[Breach], keys: list[str | None]) -> tuple[int, int]:
        """Add or update catalogue breaches (by name); returns (added, updated)."""
        now = datetime.now(UTC)
        added = updated = 0
        with self._session() as session:
            for breach, key in zip(breaches, keys, strict=True):
                row = session.get(BreachRow, breach.name)
                data = breach.model_dump(mode="json")
                if row is None:
                    session.add(BreachRow(name=breach.name, victim_key=key, breach_date=breach.breach_date,
                                          data=data, imported_at=now))
                    added += 1
                elif row.data != data or row.victim_key != key:
                    row.data, row.victim_key, row.breach_date, row.imported_at = data, key, breach.breach_date, now
                    updated += 1
        return added, updated

    def breaches(self) -> list[Breach]:
        with self._session() as session:
            return [Breach.model_validate(row.data) for row in session.scalars(select(BreachRow)
                                                                                 .order_by(BreachRow.name))]

    # ---------------------------------------------------------------------------------------------- incidents
    def claims_for_clustering(self) -> list[ClaimForClustering]:
        """Every stored claim with when it was first seen and in which sources, oldest first."""
        with self._session() as session:
            seen = dict(session.execute(select(SightingRow.document_id, func.min(SightingRow.seen))
                                        .group_by(SightingRow.document_id)).all())
            sources: dict[str, list[str]] = {}
            for document_id, source in session.execute(select(SightingRow.document_id, SightingRow.source)):
                sources.setdefault(document_id, []).append(source)
            found = []
            for row in session.scalars(select(ClaimRow)):
                data = dict(row.data)
                data.pop("severity", None)
                first = seen.get(row.document_id) or row.created_at
                found.append(ClaimForClustering(claim_id=row.id, claim=Claim.model_validate(data),
                                                first_seen=as_utc(first),
                                                sources=sorted(set(sources.get(row.document_id, [row.source]))),
                                                incident_id=row.incident_id))
        found.sort(key=lambda c: (c.first_seen, c.claim_id))
        return found

    def sightings(self, document_ids: list[str] | None = None) -> list[Sighting]:
        """The sightings of these documents (every sighting when None), oldest first."""
        query = select(SightingRow).order_by(SightingRow.seen, SightingRow.id)
        if document_ids is not None:
            query = query.where(SightingRow.document_id.in_(document_ids))
        with self._session() as session:
            return [Sighting(source=r.source, document_id=r.document_id, url=r.url or None, author=r.author,
                             published=as_utc(r.published), seen=as_utc(r.seen))
                    for r in session.scalars(query)]

    def replace_incidents(self, incidents: list[Incident]) -> list[int]:
        """Store the incidents of a clustering run in one transaction, keeping the ids of those that existed.

        An incident keeps the id that most of its claims had; the others get new ids. Incidents no claim
        points to any more are removed. Returns the ids, in the order given.
        """
        now = datetime.now(UTC)
        ids: list[int] = []
        with self._session() as session:
            previous = dict(session.execute(select(ClaimRow.id, ClaimRow.incident_id)).all())
            existing = set(session.scalars(select(IncidentRow.id)))
            next_id = max(existing, default=0) + 1
            kept: set[int] = set()
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            claim_updates: list[dict[str, Any]] = []
            for incident in incidents:
                votes: dict[int, int] = {}
                for claim_id in incident.claim_ids:
                    old = previous.get(claim_id)
                    if old is not None and old in existing and old not in kept:
                        votes[old] = votes.get(old, 0) + 1
                incident_id = max(votes, key=lambda i: (votes[i], -i)) if votes else None
                if incident_id is None:
                    incident_id, next_id = next_id, next_id + 1
                values = _incident_values(incident, now) | {"id": incident_id}
                values["data"] = incident.model_copy(update={"id": incident_id}).model_dump(mode="json")
                (updates if incident_id in existing else inserts).append(values)
                kept.add(incident_id)
                ids.append(incident_id)
                claim_updates += [{"id": claim_id, "incident_id": incident_id} for claim_id in incident.claim_ids
                                  if previous.get(claim_id) != incident_id]
            gone = existing - kept
            if gone:
                session.execute(update(ClaimRow).where(ClaimRow.incident_id.in_(gone)).values(incident_id=None))
                session.execute(delete(IncidentRow).where(IncidentRow.id.in_(gone)))
            if updates:
                session.execute(update(IncidentRow), updates)  # bulk UPDATE by primary key
            if inserts:
                session.execute(insert(IncidentRow), inserts)
            if claim_updates:
                session.execute(update(ClaimRow), claim_updates)
        return ids

    def incidents(self, limit: int | None = 50, offset: int = 0, country: str | None = None,
                  since: datetime | None = None, min_severity: float | None = None,
                  victim: str | None = None) -> list[StoredIncident]:
        """Incidents, newest first seen first, filtered by victim country, first-seen date, severity, victim."""
        query = select(IncidentRow).order_by(IncidentRow.first_seen.desc(), IncidentRow.id.desc())
        if country:
            query = query.where(IncidentRow.country == country.upper())
        if since is not None:
            query = query.where(IncidentRow.first_seen >= since)
        if min_severity is not None:
            query = query.where(IncidentRow.severity_score >= min_severity)
        if victim:
            query = query.where(func.lower(IncidentRow.victim).contains(victim.lower()))
        query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._session() as session:
            return [_stored_incident(row) for row in session.scalars(query)]

    def incident(self, incident_id: int) -> StoredIncident | None:
        with self._session() as session:
            row = session.get(IncidentRow, incident_id)
            return _stored_incident(row) if row is not None else None

    def claims_of(self, claim_ids: list[int]) -> list[StoredClaim]:
        with self._session() as session:
            rows = session.scalars(select(ClaimRow).where(ClaimRow.id.in_(claim_ids)).order_by(ClaimRow.id))
            return [_stored(row) for row in rows]

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
    return StoredClaim(id=row.id, created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
                       claim=Claim.model_validate(data), severity_score=row.severity_score,
                       severity_band=row.severity_band, extractor_version=row.extractor_version, data=row.data)


def _source_state(row: SourceRow) -> SourceState:
    source = Source(name=row.name, kind=SourceKind(row.kind), location=row.location, every_seconds=row.every_seconds,
                    reliability=Reliability(row.reliability), proxy=row.proxy, allow_private=row.allow_private)
    return SourceState(source=source, created_at=as_utc(row.created_at),
                       last_run=as_utc(row.last_run),
                       last_success=as_utc(row.last_success),
                       last_error=row.last_error, last_new=row.last_new, failures=row.failures)


def _incident_values(incident: Incident, now: datetime) -> dict[str, Any]:
    victim = incident.victim
    return {
        "victim_key": incident.victim_key,
        "victim": victim.name if victim else None,
        "country": victim.country if victim else None,
        "sector": victim.sector if victim else None,
        "claim_type": str(incident.claim_type),
        "breach_date": incident.breach_date,
        "first_seen": incident.first_seen,
        "last_seen": incident.last_seen,
        "records_high": incident.records_range[1] if incident.records_range else None,
        "severity_score": incident.severity.score if incident.severity else None,
        "severity_band": str(incident.severity.band) if incident.severity else None,
        "credibility": incident.credibility.score if incident.credibility else None,
        "novelty": incident.novelty.status if incident.novelty else None,
        "data": {},
        "updated_at": now,
    }


def _stored_incident(row: IncidentRow) -> StoredIncident:
    incident = Incident.model_validate({**row.data, "id": row.id}) if row.data else None
    if incident is None:  # pragma: no cover - data is written in the same transaction as the row
        raise StoreError("incident without data", input=f"incident {row.id}")
    return StoredIncident(id=row.id, incident=incident, updated_at=as_utc(row.updated_at))
