"""What the web dashboard keeps and asks of the database: accounts, sessions, API tokens, triage, search, stats.

Functions take a :class:`~breachlens.store.Store` (no methods are added to it). The analysts' corrections, merges
and splits are applied by :func:`apply_corrections` and :func:`apply_decisions`, which ``rebuild_incidents``
calls around clustering, so that re-analysis and re-clustering keep them.

Example::

    with Store() as store:
        user = add_user(store, "alice", "analyst", "correct horse battery staple")
        set_status(store, 3, "investigating", by="alice")
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import delete, func, select, text

from breachlens.errors import InputError
from breachlens.model import Claim, ClaimType
from breachlens.store.models import ClaimRow, DocumentRow, IncidentRow, as_utc
from breachlens.store.tables_web import (
    ApiTokenRow,
    CorrectionRow,
    DecisionRow,
    NoteRow,
    SessionRow,
    TriageRow,
    UserRow,
)

if TYPE_CHECKING:
    from breachlens.assess.incidents import ClaimRecord, Cluster
    from breachlens.store import ClaimForClustering, Store

__all__ = ["ROLES", "STATUSES", "CORRECTABLE", "User", "Note", "Correction", "add_user", "remove_user", "users",
           "check_password", "set_password", "new_session", "session_user", "end_session", "new_token",
           "token_user", "set_status", "statuses", "add_note", "notes", "correct", "corrections",
           "corrected_claim", "decide", "decisions", "carry_over", "apply_corrections", "apply_decisions",
           "search_claims", "incident_of_claim", "count_claims", "revoke_tokens"]

ROLES = ("viewer", "analyst", "admin")
STATUSES = ("new", "investigating", "confirmed", "false claim", "resolved")
CORRECTABLE = ("victim.name", "victim.country", "victim.sector", "records", "claim_type", "actor", "venue", "date",
               "data_categories")
SESSION_DAYS = 7


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one (viewer < analyst < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True)
class Note:
    id: int
    incident_id: int
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Correction:
    claim_id: int
    field: str
    value: Any
    original: Any
    author: str
    created_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


# ------------------------------------------------------------------------------------------------ accounts
def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or not all(c.isalnum() or c in "._-@" for c in name):
        raise InputError("a user name is 1-100 letters, digits or . _ - @", input=repr(name))
    return name


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create a user with an argon2id hash of ``password``."""
    name = _check_name(name)
    if role not in ROLES:
        raise InputError(f"unknown role; use one of {', '.join(ROLES)}", input=role)
    if len(password) < 8:
        raise InputError("password too short", input=f"password of {name}", hint="use at least 8 characters")
    with store._session() as session:
        if session.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
            raise InputError("a user of that name exists", input=name, hint="remove it first or choose another name")
        row = UserRow(name=name, role=role, password_hash=_hasher().hash(password), created_at=_now())
        session.add(row)
        session.flush()
        return User(id=row.id, name=row.name, role=row.role)


def set_password(store: Store, name: str, password: str) -> bool:
    if len(password) < 8:
        raise InputError("password too short", input=f"password of {name}", hint="use at least 8 characters")
    with store._session() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            return False
        row.password_hash = _hasher().hash(password)
        session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
        return True


def remove_user(store: Store, name: str) -> bool:
    with store._session() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            return False
        session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
        session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == row.id))
        session.delete(row)
        return True


def users(store: Store) -> list[tuple[User, datetime, int]]:
    """Every user with when it was created and how many API tokens it has."""
    with store._session() as session:
        tokens = dict(session.execute(select(ApiTokenRow.user_id, func.count()).group_by(ApiTokenRow.user_id)).all())
        return [(User(id=r.id, name=r.name, role=r.role), as_utc(r.created_at), tokens.get(r.id, 0))
                for r in session.scalars(select(UserRow).order_by(UserRow.name))]


def check_password(store: Store, name: str, password: str) -> User | None:
    """The user when ``password`` is theirs, else None (same work whether the user exists or not)."""
    from argon2.exceptions import Argon2Error, InvalidHashError

    hasher = _hasher()
    with store._session() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        stored = row.password_hash if row is not None else _dummy_hash()
        try:
            hasher.verify(stored, password)
        except (Argon2Error, InvalidHashError):
            return None
        if row is None:
            return None
        if hasher.check_needs_rehash(row.password_hash):
            row.password_hash = hasher.hash(password)
        return User(id=row.id, name=row.name, role=row.role)


@cache
def _dummy_hash() -> str:
    """A hash of a random password, verified when the user does not exist so that timing does not tell."""
    return str(_hasher().hash(secrets.token_hex(16)))


def new_session(store: Store, user: User) -> tuple[str, str]:
    """A new session for ``user``: (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    with store._session() as session:
        session.execute(delete(SessionRow).where(SessionRow.expires_at < now))
        session.add(SessionRow(token_hash=_digest(token), user_id=user.id, csrf=csrf, created_at=now,
                               expires_at=now + timedelta(days=SESSION_DAYS)))
    return token, csrf


def session_user(store: Store, token: str) -> tuple[User, str] | None:
    """The user of a session cookie and its CSRF token, or None when unknown or expired."""
    if not token or len(token) > 200:
        return None
    with store._session() as session:
        row = session.get(SessionRow, _digest(token))
        if row is None or as_utc(row.expires_at) < _now():
            return None
        user = session.get(UserRow, row.user_id)
        if user is None:
            return None
        return User(id=user.id, name=user.name, role=user.role), row.csrf


def end_session(store: Store, token: str) -> None:
    with store._session() as session:
        session.execute(delete(SessionRow).where(SessionRow.token_hash == _digest(token)))


def new_token(store: Store, name: str, label: str = "script") -> str:
    """A new API token for user ``name``; only its hash is kept, so it is shown once."""
    with store._session() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            raise InputError("no such user", input=name, hint="see `breachlens users list`")
        token = "bl_" + secrets.token_urlsafe(32)
        session.add(ApiTokenRow(user_id=row.id, label=label[:100], token_hash=_digest(token), created_at=_now()))
        return token


def revoke_tokens(store: Store, name: str) -> int:
    with store._session() as session:
        row = session.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            return 0
        return int(session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == row.id)).rowcount)  # type: ignore[attr-defined]


def token_user(store: Store, token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    with store._session() as session:
        row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == _digest(token)))
        if row is None:
            return None
        user = session.get(UserRow, row.user_id)
        if user is None:
            return None
        row.last_used = _now()
        return User(id=user.id, name=user.name, role=user.role)


# ------------------------------------------------------------------------------------------------ triage
def set_status(store: Store, incident_id: int, status: str, by: str) -> None:
    if status not in STATUSES:
        raise InputError(f"unknown status; use one of {', '.join(STATUSES)}", input=status)
    with store._session() as session:
        row = session.get(TriageRow, incident_id)
        if row is None:
            session.add(TriageRow(incident_id=incident_id, status=status, updated_by=by, updated_at=_now()))
        else:
            row.status, row.updated_by, row.updated_at = status, by, _now()


def statuses(store: Store, incident_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Triage status by incident id (incidents without one are "new")."""
    query = select(TriageRow.incident_id, TriageRow.status)
    if incident_ids is not None:
        query = query.where(TriageRow.incident_id.in_(list(incident_ids)))
    with store._session() as session:
        return {int(i): str(s) for i, s in session.execute(query).all()}


def add_note(store: Store, incident_id: int, author: str, text_: str) -> Note:
    body = text_.strip()
    if not body:
        raise InputError("empty note", input=f"note on incident {incident_id}", hint="write something")
    if len(body) > 20_000:
        raise InputError("note too long (over 20,000 characters)", input=f"note on incident {incident_id}")
    with store._session() as session:
        row = NoteRow(incident_id=incident_id, author=author, text=body, created_at=_now())
        session.add(row)
        session.flush()
        return Note(id=row.id, incident_id=incident_id, author=author, text=body, created_at=as_utc(row.created_at))


def notes(store: Store, incident_id: int) -> list[Note]:
    with store._session() as session:
        return [Note(id=r.id, incident_id=r.incident_id, author=r.author, text=r.text, created_at=as_utc(r.created_at))
                for r in session.scalars(select(NoteRow).where(NoteRow.incident_id == incident_id)
                                         .order_by(NoteRow.created_at, NoteRow.id))]


# ------------------------------------------------------------------------------------------------ corrections
def _field_value(claim: Claim, field: str) -> Any:
    if field.startswith("victim."):
        return getattr(claim.victim, field.split(".", 1)[1]) if claim.victim else None
    value = getattr(claim, field)
    return str(value) if isinstance(value, ClaimType) else value


def _parse(field: str, raw: str) -> Any:
    value = raw.strip()
    if field == "records":
        digits = value.replace(",", "").replace(" ", "").replace("_", "")
        if not digits:
            return None
        if not digits.isdigit() or len(digits) > 15:
            raise InputError("not a whole number", input=f"records = {raw!r}", hint="write it as 22000000")
        return int(digits)
    if field == "data_categories":
        return sorted({part.strip() for part in value.split(",") if part.strip()})
    if field == "victim.country":
        return value.upper() or None
    return value or None


def _apply(claim: Claim, fields: dict[str, Any]) -> Claim:
    data = claim.model_dump(mode="json")
    for field, value in fields.items():
        if field.startswith("victim."):
            victim = dict(data.get("victim") or {})
            victim[field.split(".", 1)[1]] = value
            data["victim"] = victim if any(victim.get(k) for k in ("name", "country", "sector")) else None
        else:
            data[field] = value if not (field == "claim_type" and value is None) else "other"
            if field == "records":
                data["records_range"] = None
    return Claim.model_validate(data)


def correct(store: Store, claim_id: int, field: str, raw: str, author: str) -> Correction:
    """Keep an analyst's value for one field of a claim (replacing an earlier correction of that field)."""
    if field not in CORRECTABLE:
        raise InputError(f"this field cannot be corrected; use one of {', '.join(CORRECTABLE)}", input=field)
    stored = store.claim(claim_id)
    if stored is None:
        raise InputError("no such claim", input=f"claim {claim_id}")
    value = _parse(field, raw)
    try:
        _apply(stored.claim, {field: value})
    except ValidationError as exc:
        problem = exc.errors()[0].get("msg", "invalid value") if exc.errors() else "invalid value"
        raise InputError(f"not a valid value: {problem}", input=f"{field} = {raw!r}") from exc
    now = _now()
    with store._session() as session:
        row = session.scalar(select(CorrectionRow).where(CorrectionRow.claim_id == claim_id,
                                                         CorrectionRow.field == field))
        if row is None:
            row = CorrectionRow(claim_id=claim_id, field=field, value=value,
                                original=_field_value(stored.claim, field), author=author, created_at=now)
            session.add(row)
        else:
            row.value, row.author, row.created_at = value, author, now
        return Correction(claim_id=claim_id, field=field, value=value, original=row.original, author=author,
                          created_at=now)


def corrections(store: Store, claim_ids: Iterable[int] | None = None) -> dict[int, list[Correction]]:
    query = select(CorrectionRow).order_by(CorrectionRow.id)
    if claim_ids is not None:
        query = query.where(CorrectionRow.claim_id.in_(list(claim_ids)))
    found: dict[int, list[Correction]] = {}
    with store._session() as session:
        for r in session.scalars(query):
            found.setdefault(r.claim_id, []).append(
                Correction(claim_id=r.claim_id, field=r.field, value=r.value, original=r.original, author=r.author,
                           created_at=as_utc(r.created_at)))
    return found


def corrected_claim(claim: Claim, items: list[Correction]) -> Claim:
    """``claim`` with the analysts' values; a correction that no longer validates is skipped."""
    for item in items:
        try:
            claim = _apply(claim, {item.field: item.value})
        except ValidationError:
            continue
    return claim


def apply_corrections(store: Store, stored: list[ClaimForClustering]) -> list[ClaimForClustering]:
    """Hook of ``rebuild_incidents``: the claims to cluster, with the analysts' corrections applied."""
    found = corrections(store)
    if not found:
        return stored
    return [replace(c, claim=corrected_claim(c.claim, found[c.claim_id])) if c.claim_id in found else c
            for c in stored]


# ------------------------------------------------------------------------------------------------ merge/split
def decide(store: Store, kind: str, claim_ids: list[int], author: str) -> None:
    """Keep a merge (``claim_ids`` are one incident) or a split (``claim_ids`` are an incident of their own)."""
    if kind not in ("merge", "split"):
        raise InputError("a decision is merge or split", input=kind)
    if not claim_ids:
        raise InputError("no claims", input=kind)
    with store._session() as session:
        session.add(DecisionRow(kind=kind, claim_ids=sorted(set(claim_ids)), author=author, created_at=_now()))


def decisions(store: Store) -> list[tuple[str, list[int]]]:
    with store._session() as session:
        return [(r.kind, list(r.claim_ids)) for r in session.scalars(select(DecisionRow).order_by(DecisionRow.id))]


def _rebuilt(records: list[ClaimRecord], victim_key: str | None) -> Cluster:
    from breachlens.assess.incidents import _Open  # the clusterer's own accumulator: same fields, same rules

    ordered = sorted(records, key=lambda r: (as_utc(r.seen), r.claim_id))
    state = _Open(0, victim_key, ordered[0], None)
    for record in ordered[1:]:
        state.take(record)
    return state.freeze()


def apply_decisions(store: Store, clusters: list[Cluster], records: list[ClaimRecord]) -> list[Cluster]:
    """Hook of ``rebuild_incidents``: the clusters after the analysts' merges and splits, in decision order."""
    steps = decisions(store)
    if not steps:
        return clusters
    from breachlens.assess.incidents import victim_key

    by_id = {r.claim_id: r for r in records}
    groups: list[tuple[str | None, list[int]]] = [(c.victim_key, list(c.claim_ids)) for c in clusters]
    for kind, claim_ids in steps:
        wanted = {i for i in claim_ids if i in by_id}
        if not wanted:
            continue
        if kind == "merge":
            touched = [g for g in groups if wanted & set(g[1])]
            if len(touched) < 2:
                continue
            merged = [i for g in touched for i in g[1]]
            groups = [g for g in groups if g not in touched] + [(touched[0][0], merged)]
        else:
            rest = [(key, [i for i in ids if i not in wanted]) for key, ids in groups]
            first = by_id[min(wanted)]
            name = first.victim.name if first.victim else None
            groups = [g for g in rest if g[1]] + [(victim_key(name) if name else None, sorted(wanted))]
    rebuilt = [_rebuilt([by_id[i] for i in ids], key) for key, ids in groups]
    rebuilt.sort(key=lambda c: (c.first_seen, min(c.claim_ids)))
    return [replace(c, number=n) for n, c in enumerate(rebuilt, 1)]


def carry_over(store: Store, old_ids: list[int], new_id: int | None) -> None:
    """After a merge or split, the notes and status of ``old_ids`` that are gone go to incident ``new_id``."""
    if new_id is None:
        return
    with store._session() as session:
        alive = set(session.scalars(select(IncidentRow.id).where(IncidentRow.id.in_(old_ids))))
        gone = [i for i in old_ids if i not in alive and i != new_id]
        if not gone:
            return
        for note in session.scalars(select(NoteRow).where(NoteRow.incident_id.in_(gone))):
            note.incident_id = new_id
        if session.get(TriageRow, new_id) is None:
            for old in gone:
                row = session.get(TriageRow, old)
                if row is not None:
                    session.add(TriageRow(incident_id=new_id, status=row.status, updated_by=row.updated_by,
                                          updated_at=row.updated_at))
                    break


def incident_of_claim(store: Store, claim_id: int) -> int | None:
    with store._session() as session:
        return session.scalar(select(ClaimRow.incident_id).where(ClaimRow.id == claim_id))


# ------------------------------------------------------------------------------------------------ search
def _fts_query(words: str) -> str:
    """A user's words as an FTS5 query: each word a quoted prefix term, all required."""
    terms = [w.replace('"', "").replace("\x00", "") for w in words.split()]  # NUL: FTS5 "unterminated string"
    return " ".join(f'"{t}"*' for t in terms if t)[:500]


def search_claims(store: Store, words: str, limit: int = 500) -> list[int]:
    """Ids of claims whose victim, actor, venue or document text contain all ``words`` (best first)."""
    query = _fts_query(words)
    if not query:
        return []
    with store._session() as session:
        if store.engine.dialect.name == "sqlite":
            rows = session.execute(text("SELECT rowid FROM web_search WHERE web_search MATCH :q ORDER BY rank "
                                        "LIMIT :n"), {"q": query, "n": limit})
            return [int(r[0]) for r in rows]
        like = select(ClaimRow.id).join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        for term in words.split():
            like = like.where(func.lower(DocumentRow.text).contains(term.lower()))
        return [int(i) for i in session.scalars(like.limit(limit))]


def incident_ids_of_claims(store: Store, claim_ids: list[int]) -> list[int]:
    if not claim_ids:
        return []
    with store._session() as session:
        found = session.execute(select(ClaimRow.id, ClaimRow.incident_id).where(ClaimRow.id.in_(claim_ids))).all()
    order = {c: n for n, c in enumerate(claim_ids)}
    ranked = sorted(((order[c], i) for c, i in found if i is not None))
    return list(dict.fromkeys(i for _, i in ranked))


def count_claims(store: Store, victim: str | None = None, country: str | None = None,
                 claim_type: str | None = None) -> int:
    """How many claims ``Store.claims`` would list with these filters."""
    query = select(func.count()).select_from(ClaimRow)
    if victim:
        query = query.where(func.lower(ClaimRow.victim).contains(victim.lower()))
    if country:
        query = query.where(ClaimRow.country == country.upper())
    if claim_type:
        query = query.where(ClaimRow.claim_type == claim_type)
    with store._session() as session:
        return int(session.scalar(query) or 0)


def incident_rows(store: Store) -> list[IncidentRow]:
    """Every incident row (the list columns and the data), newest first."""
    with store._session() as session:
        rows = list(session.scalars(select(IncidentRow).order_by(IncidentRow.first_seen.desc(),
                                                                 IncidentRow.id.desc())))
        session.expunge_all()
        return rows


def top(values: Iterable[str | None], n: int = 12) -> list[tuple[str, int]]:
    return Counter(v for v in values if v).most_common(n)
