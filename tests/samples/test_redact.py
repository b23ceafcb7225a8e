"""Redacted examples show a value's form, never the value."""

from __future__ import annotations

import pytest

from breachlens.samples.redact import redact


@pytest.mark.parametrize(("value", "kind", "expected"), [
    ("jean.dupont@orange.fr", "email", "j***@o****.fr"),
    ("ab@x.io", "email", "a***@x****.io"),
    ("06 12 34 56 78", "phone", "06 ** ** ** 78"),
    ("+33612345678", "phone", "+336******78"),
    ("FR7630006000011234567890189", "iban", "FR76*********************89"),
    ("4970101234567890", "payment_card", "4*************90"),
    ("1850375123456 42", "nir", "1************ 42"),
    ("1985-03-12", "date_of_birth", "1985-**-**"),
    ("12/03/1985", "date_of_birth", "**/**/1985"),
    ("75011", "postal_code", "75***"),
    ("$2b$12$abcdefghijklmnopqrstuv", "password_hash", "$2b$…"),
    ("192.168.10.42", "ip_address", "192.168.10.*"),
    ("Paris", "city", "Paris"),
    ("Dupont", "last_name", "D***"),
    ("12 rue de la Paix", "street_address", "1*** r*** d*** l***"),
])
def test_redact(value: str, kind: str, expected: str) -> None:
    assert redact(value, kind) == expected


@pytest.mark.parametrize("kind", ["email", "phone", "iban", "payment_card", "nir", "last_name", None])
def test_no_redacted_value_is_the_value(kind: str | None) -> None:
    for value in ("marie.curie@example.org", "0612345678", "FR7630006000011234567890189", "Curie"):
        assert redact(value, kind) != value
