"""Tables of watchlists and alerts (issue 7): watchlists, alerts with their state, deliveries, dead letters.

* ``watchlists``: one row per watchlist, its terms and notification targets as JSON (the Watchlist model);
* ``alerts``: one row per (watchlist, incident) — or per (watchlist, claim) while the claim has no incident yet;
  ``subject`` is ``incident:ID`` or ``claim:ID`` and is unique per watchlist, which is what makes an alert once;
* ``alert_deliveries``: every notification sent (or queued for the daily digest) and how it went;
* ``alert_dead_letters``: notifications that failed after every retry, kept whole until ``alerts retry`` sends them;
* ``alert_cursor``: how far matching has gone (the last claim update matched), so only what is new is matched.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from breachlens.store.models import Base


class WatchlistRow(Base):
    __tablename__ = "watchlists"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the Watchlist model
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_digest: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AlertRow(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watchlist: Mapped[str] = mapped_column(ForeignKey("watchlists.name", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(40))  # "incident:12" or "claim:40"
    incident_id: Mapped[int | None] = mapped_column(Integer)
    claim_ids: Mapped[list[int]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(12), default="new")
    victim: Mapped[str | None] = mapped_column(String(300))
    sources: Mapped[int] = mapped_column(Integer, default=0)
    records: Mapped[int | None] = mapped_column(Integer)
    updates: Mapped[int] = mapped_column(Integer, default=0)
    matches: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("watchlist", "subject", name="uq_alert_subject"),
                      Index("ix_alerts_state", "state"))


class DeliveryRow(Base):
    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"))
    watchlist: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(10))  # new, update, digest
    target: Mapped[str] = mapped_column(String(2000))  # "webhook:https://..." (never a secret: URLs are redacted)
    status: Mapped[str] = mapped_column(String(12))  # sent, failed, queued (digest), digested
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # kept for queued digest items
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_deliveries_status", "status"),)


class DeadLetterRow(Base):
    __tablename__ = "alert_dead_letters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    watchlist: Mapped[str] = mapped_column(String(100))
    target: Mapped[str] = mapped_column(String(2000))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)  # the alert message, to send again as it was
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_attempt: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AlertCursorRow(Base):
    __tablename__ = "alert_cursor"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    claims_updated: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
