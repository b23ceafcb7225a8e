"""The SQLite store: documents once per text, one claim per document, transactions, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from breachlens import analyze
from breachlens.assess.severity import assess_severity
from breachlens.errors import StoreError
from breachlens.extract.pipeline import extract, prepare
from breachlens.model import ClaimType
from breachlens.settings import settings
from breachlens.store import Store

POST = "Selling Example Retail database, 1.2M lines: names, emails, phones. 900$ negotiable."


def save(store: Store, text: str, source: str = "post.txt") -> tuple[int, bool]:
    document = prepare(text, source=source)
    claim = extract(document)
    result = store.save(document, claim, assess_severity(claim), extractor_version="test")
    return result.claim_id, result.new_document


def test_database_lives_in_the_home_directory(_isolated_home: Path) -> None:
    with Store() as store:
        save(store, POST)
    assert (_isolated_home / "breachlens.db").is_file()
    assert settings().database_path == _isolated_home / "breachlens.db"


def test_breachlens_db_overrides_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "x.sqlite"
    monkeypatch.setenv("BREACHLENS_DB", str(target))
    with Store() as store:
        save(store, POST)
    assert target.is_file()
    with sqlite3.connect(target) as db:
        assert db.execute("select count(*) from documents").fetchone() == (1,)
        assert db.execute("pragma journal_mode").fetchone() == ("wal",)


def test_same_text_is_stored_once_and_its_claim_replaced() -> None:
    with Store() as store:
        first = save(store, POST, "a.txt")
        again = save(store, POST, "b.txt")
        other = save(store, POST + " Contact on Telegram.", "c.txt")
        assert first == (1, True)
        assert again == (1, False)
        assert other[1] is True and other[0] != 1
        assert store.count() == {"documents": 2, "claims": 2}


def test_round_trip_keeps_the_claim_and_its_evidence() -> None:
    with Store() as store:
        claim_id, _ = save(store, POST)
        row = store.claim(claim_id)
        assert row is not None
        claim = analyze(POST, source="post.txt")
        assert row.claim.model_dump(exclude={"source"}) == claim.model_dump(exclude={"source"})
        assert row.claim.claim_type is ClaimType.sale
        assert row.severity_band in {"low", "medium", "high", "very high"}
        assert row.data["severity"]["dpc"]["value"] >= 1
        assert row.created_at.tzinfo is not None
        document = store.document(row.claim.document_id or "")
        assert document is not None and document.text == POST
        assert store.claim(999) is None and store.document("0" * 64) is None


def test_filters_and_order() -> None:
    with Store() as store:
        save(store, "Selling Acme France database, 2M lines, emails. Acme is a French retailer.")
        save(store, "Leak of Globex Corp customers, 300k rows with phone numbers, free download.")
        assert [r.claim.victim.name for r in store.claims() if r.claim.victim][0] == "Globex Corp"
        assert [r.claim.victim.name for r in store.claims(victim="acme") if r.claim.victim] == ["Acme France"]
        assert len(store.claims(limit=1)) == 1
        assert store.claims(claim_type="leak")[0].claim.claim_type is ClaimType.leak


def test_a_failed_write_loses_nothing_already_stored() -> None:
    with Store() as store:
        save(store, POST)
        document = prepare("Another post about Initech, 5M users, emails", source="x")
        claim = extract(document)
        broken = claim.model_copy(update={"source": "y" * 5000})
        with store.engine.begin() as connection:  # a trigger makes the next claim insert fail mid-transaction
            connection.exec_driver_sql(
                "CREATE TRIGGER no_y BEFORE INSERT ON claims WHEN length(NEW.source) > 4000 "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END")
        with pytest.raises(StoreError, match="refused"):
            store.save(document, broken)
        assert store.count() == {"documents": 1, "claims": 1}  # the document of the failed save was rolled back


def test_not_a_database_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    monkeypatch.setenv("BREACHLENS_DB", str(junk))
    with pytest.raises(StoreError) as caught:
        Store()
    assert str(junk) in str(caught.value)
    monkeypatch.setenv("BREACHLENS_DB", str(tmp_path))
    with pytest.raises(StoreError, match="folder"):
        Store()
