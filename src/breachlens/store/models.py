"""Tables of the breachlens database (SQLAlchemy 2 declarative models).

A document is stored once, keyed by the SHA-256 of its text; its claim is the extractor's latest reading of it
(one claim per document: re-analysis replaces it). The claim's full JSON is kept with the columns that lists and
filters need, so that later fields need no migration to be shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


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
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the whole claim, as serialize.claim_to_dict gives it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    document: Mapped[DocumentRow] = relationship(back_populates="claim")

    __table_args__ = (Index("ix_claims_victim", "victim"), Index("ix_claims_created", "created_at"))
