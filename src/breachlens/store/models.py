"""Tables of the breachlens database (SQLAlchemy 2 declarative models).

A document is stored once, keyed by the SHA-256 of its text; its claim is the extractor's latest reading of it
(one claim per document: re-analysis replaces it). The claim's full JSON is kept with the columns that lists and
filters need, so that later fields need no migration to be shown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the text
    source: Mapped[str] = mapped_column(String(2000))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claim: Mapped[ClaimRow | None] = relationship(back_populates="document", uselist=False)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    source: Mapped[str] = mapped_column(String(2000))
    language: Mapped[str | None] = mapped_column(String(8))
    claim_type: Mapped[str] = mapped_column(String(20))
    victim: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    sector: Mapped[str | None] = mapped_column(String(60))
    records: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str | None] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(String(200))
    date: Mapped[str | None] = mapped_column(String(10))
    severity_score: Mapped[float | None] = mapped_column(Float)
    severity_band: Mapped[str | None] = mapped_column(String(12))
    extractor_version: Mapped[str] = mapped_column(String(20))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id", ondelete="SET NULL"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the whole claim, as serialize.claim_to_dict gives it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    document: Mapped[DocumentRow] = relationship(back_populates="claim")

    __table_args__ = (Index("ix_claims_victim", "victim"), Index("ix_claims_created", "created_at"),
                      Index("ix_claims_incident", "incident_id"))


class SightingRow(Base):
    """One time a document was seen in a source: the same text in two sources is one document, two sightings."""

    __tablename__ = "sightings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str] = mapped_column(String(2000), default="")  # "" rather than NULL, so the unique key holds
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("document_id", "source", "url", name="uq_sighting"),
                      Index("ix_sightings_document", "document_id"))


class SourceRow(Base):
    __tablename__ = "sources"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    location: Mapped[str] = mapped_column(String(2000))
    every_seconds: Mapped[int | None] = mapped_column(Integer)
    reliability: Mapped[str] = mapped_column(String(1), default="F")
    proxy: Mapped[str | None] = mapped_column(String(300))
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_run: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_new: Mapped[int] = mapped_column(Integer, default=0)  # documents new in the last successful run
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed runs


class BreachRow(Base):
    """A breach of an imported public catalogue."""

    __tablename__ = "breaches"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    victim_key: Mapped[str | None] = mapped_column(String(300), index=True)
    breach_date: Mapped[str | None] = mapped_column(String(10))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Breach model
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentRow(Base):
    """One breach as seen across sources; ``data`` is the Incident model (with its severity, credibility,
    novelty), the columns are what lists filter and sort on."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    victim_key: Mapped[str | None] = mapped_column(String(300), index=True)
    victim: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    sector: Mapped[str | None] = mapped_column(String(60))
    claim_type: Mapped[str] = mapped_column(String(20))
    breach_date: Mapped[str | None] = mapped_column(String(10))
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    records_high: Mapped[int | None] = mapped_column(Integer)
    severity_score: Mapped[float | None] = mapped_column(Float)
    severity_band: Mapped[str | None] = mapped_column(String(12))
    credibility: Mapped[int | None] = mapped_column(Integer)
    novelty: Mapped[str | None] = mapped_column(String(10))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
# the tables of the other parts, registered on Base so that Store creates them
from breachlens.store import tables_alerts, tables_web  # noqa: E402,F401
