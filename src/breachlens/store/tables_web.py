"""Tables of the web dashboard: accounts, sessions, API tokens, and the analysts' triage decisions.

Analysts' work is kept apart from what the machine derives, so that re-analysis and re-clustering never lose it:

* ``web_triage`` and ``web_notes`` hang on an incident id (ids survive re-clustering: an incident keeps the id
  most of its claims had);
* ``web_corrections`` hang on a claim id (a re-analysed document keeps its claim row and id) and a field;
* ``web_decisions`` are merges and splits written as sets of claim ids, applied after every clustering run.

The full-text index ``web_search`` (SQLite FTS5, one row per claim: victim, actor, venue and the document's
text) is kept in sync by triggers on ``claims``; it is created, and filled for claims stored before it existed,
when the tables are created (every time a Store opens). Other databases have no FTS table: search falls back to
``LIKE``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DDL, JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from breachlens.store.models import Base

__all__ = ["UserRow", "SessionRow", "ApiTokenRow", "TriageRow", "NoteRow", "CorrectionRow", "DecisionRow",
           "SEARCH_TABLE"]

SEARCH_TABLE = "web_search"


class UserRow(Base):
    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # viewer, analyst, admin
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SessionRow(Base):
    """A signed-in browser: the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    """A token for scripts (``Authorization: Bearer ...``), stored as its SHA-256."""

    __tablename__ = "web_api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TriageRow(Base):
    __tablename__ = "web_triage"

    incident_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # no FK: survives re-clustering
    status: Mapped[str] = mapped_column(String(20))
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class NoteRow(Base):
    __tablename__ = "web_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[int] = mapped_column(Integer, index=True)
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CorrectionRow(Base):
    """An analyst's value for one field of one claim; the extractor's value is kept beside it."""

    __tablename__ = "web_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[Any] = mapped_column(JSON)
    original: Mapped[Any] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("claim_id", "field", name="uq_web_correction"),)


class DecisionRow(Base):
    """A merge (these claims are one incident) or a split (these claims are an incident of their own)."""

    __tablename__ = "web_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))  # merge, split
    claim_ids: Mapped[list[int]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


_FTS_ROW = ("INSERT INTO web_search(rowid, victim, actor, venue, body) "
            "SELECT {row}.id, coalesce({row}.victim, ''), coalesce({row}.actor, ''), coalesce({row}.venue, ''), "
            "d.text FROM documents d WHERE d.id = {row}.document_id")
_FTS_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS web_search USING fts5(victim, actor, venue, body, "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS web_search_insert AFTER INSERT ON claims BEGIN "
    + _FTS_ROW.format(row="new") + "; END",
    "CREATE TRIGGER IF NOT EXISTS web_search_update AFTER UPDATE ON claims BEGIN "
    "DELETE FROM web_search WHERE rowid = old.id; " + _FTS_ROW.format(row="new") + "; END",
    "CREATE TRIGGER IF NOT EXISTS web_search_delete AFTER DELETE ON claims BEGIN "
    "DELETE FROM web_search WHERE rowid = old.id; END",
    # claims stored before the index existed (cheap when there are none: both sides are rowid lookups)
    "INSERT INTO web_search(rowid, victim, actor, venue, body) SELECT c.id, coalesce(c.victim, ''), "
    "coalesce(c.actor, ''), coalesce(c.venue, ''), d.text FROM claims c JOIN documents d ON d.id = c.document_id "
    "WHERE c.id NOT IN (SELECT rowid FROM web_search)",
]
for _statement in _FTS_DDL:
    event.listen(Base.metadata, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
