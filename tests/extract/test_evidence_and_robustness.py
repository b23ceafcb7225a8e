"""Every value is traced to the exact words it came from, and no text breaks the extractor."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breachlens import analyze
from breachlens.extract.pipeline import MAX_ANALYSED_CHARS, prepare

POSTS = [
    "selling France Travail database, 22M lines, nom, prénom, adresse, email, tel — 2500$ négociable",
    "A threat actor known as 'greyfalcon' leaked 1,204,377 customer records of Northwind Outfitters, "
    "including names, emails and bcrypt password hashes, on BreachForums in January 2025.",
    "<html><body><h1>LockBit</h1><p>Clinique Exemple: 400 GB, patient records, ID cards.</p>"
    "<script>alert(1)</script></body></html>",
    "Продаю базу клиентов интернет-магазина, 1,5 млн записей, ФИО, телефон, email. Цена 500$.",
    "Se vende base de datos de un banco mexicano: 3 millones de clientes, nombres, CURP, teléfonos. 1 BTC.",
]


def _check_spans(text: str) -> None:
    document = prepare(text)
    claim = analyze(text)
    assert claim.evidence or not claim.data_categories
    for item in claim.evidence:
        assert document.text[item.start:item.end] == item.text, item


def test_evidence_quotes_the_document_exactly() -> None:
    for post in POSTS:
        _check_spans(post)


def test_every_extracted_field_has_evidence() -> None:
    claim = analyze(POSTS[1])
    fields = {item.field for item in claim.evidence}
    assert {"records", "data_categories", "actor", "venue", "date", "victim"} <= fields


def test_html_is_read_as_text_and_scripts_are_dropped() -> None:
    document = prepare(POSTS[2])
    assert document.content_type == "html"
    assert "alert" not in document.text
    assert "patient records" in document.text


def test_huge_text_is_read_from_its_beginning_quickly() -> None:
    text = ("Selling Acme database, 2M records, emails and phone numbers. " * 600_000)[:30_000_000]
    started = time.monotonic()
    claim = analyze(text)
    assert "truncated_input" in claim.flags
    assert claim.records == 2_000_000
    assert len(text) > MAX_ANALYSED_CHARS
    assert time.monotonic() - started < 60  # a bound against hangs, not a speed measurement


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_random_text_never_breaks_the_extractor(text: str) -> None:
    _check_spans(text)


_WORDS = st.sampled_from([
    "selling", "database", "22M", "records", "lines", "$", "€", "2 500", "BTC", "emails", "nom", "prénom", ",",
    "(formerly", ")", "Acme", "Corp", "leaked", "LockBit", "ransomware", "on", "March", "2024", "négociable",
    "OBO", "k", "1,5", "millions", "de", "clients", "sample", "of", "GB", "\n", "-", "•", "known as", "'x'",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=60).map(" ".join))
def test_breach_like_word_soup_never_breaks_the_extractor(text: str) -> None:
    _check_spans(text)
