"""One identifier normalised in Python must give what the vectorised column normalisers give (or the lookup misses)."""

from __future__ import annotations

import polars as pl
import pytest
from faker import Faker

from breachlens.errors import InputError
from breachlens.exposure.normalise import normalise_email, normalise_identifier, normalise_phone
from breachlens.samples.fingerprint import KeyedHasher, keyed_hashes, normalise_emails, normalise_phones


def _emails() -> list[str]:
    fake = Faker(["fr_FR", "de_DE", "en_GB"])
    fake.seed_instance(3)
    values = [fake.email() for _ in range(300)]
    values += [" Jean.Dupont@Orange.FR ", "müller@Bücher.de", "a@b", "no-at-sign", "x@@y.fr", "a b@c.fr",
               "é@exemple.fr", "JOSÉ@EXEMPLE.FR", "user+tag@example.org", "x" * 65 + "@example.fr", "",
               "dot.@example.fr", ".dot@example.fr", "a@-bad.fr", "a@xn--mller-kva.de", "a@exa_mple.fr"]
    return values


def _phones() -> list[str]:
    fake = Faker("fr_FR")
    fake.seed_instance(5)
    values = [fake.phone_number() for _ in range(300)]
    values += ["06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678", "06.12.34.56.78", "0612", "+44 20 7946 0958",
               "+1 202-555-0143", "00000000", "+33 1 23", "06-12-34-56-78", "+32 470 12 34 56"]
    return values


@pytest.mark.parametrize("value", _emails())
def test_an_email_is_normalised_as_its_column_is(value: str) -> None:
    assert normalise_email(value) == normalise_emails(pl.Series([value]))[0]


@pytest.mark.parametrize("value", _phones())
def test_a_phone_is_normalised_as_its_column_is(value: str) -> None:
    assert normalise_phone(value) == normalise_phones(pl.Series([value]))[0]


@pytest.mark.parametrize(("text", "kind", "value"), [
    (" Jean.Dupont@Orange.FR ", "email", "jean.dupont@orange.fr"),
    ("müller@Bücher.de", "email", "müller@xn--bcher-kva.de"),
    ("06 12 34 56 78", "phone", "+33612345678"),
    ("+33612345678", "phone", "+33612345678"),
])
def test_identifiers(text: str, kind: str, value: str) -> None:
    found = normalise_identifier(text)
    assert (found.kind, found.value) == (kind, value)


@pytest.mark.parametrize("text", ["", "   ", "garbage", "a@b", "12", "x" * 400, "<script>@x.fr", "06 12 34",
                                  "\x00\x01"])
def test_what_is_not_an_identifier_is_refused_by_name(text: str) -> None:
    with pytest.raises(InputError):
        normalise_identifier(text)


def test_the_keyed_hash_of_one_value_is_the_columns_hash() -> None:
    secret = bytes(range(32))
    assert KeyedHasher(secret)(b"email:jean@example.fr") == int(keyed_hashes(pl.Series(["email:jean@example.fr"]),
                                                                             secret)[0])
