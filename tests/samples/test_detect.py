"""Deciding columns: realistic mixtures (empty cells, a few bad values) in four languages, without headers, under
misleading headers, identifiers that look like postal codes, names that no reference knows, and the neighbours.

Synthetic values come from Faker (seeded) and from lists written here; the rare names are in none of Faker's
lists, so the shape of the values and the header carry the decision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import random
from collections.abc import Callable

import polars as pl
import pytest
from faker import Faker
from stdnum import luhn
from stdnum.fr import nir as stdnum_nir

from breachlens import knowledge
from breachlens.samples import detectors
from breachlens.samples.detectors import (
    DETECTORS,
    ColumnGuess,
    detect_column,
    detect_columns,
    get,
    header_hint,
)
from breachlens.samples.reference import french_postal_codes, localities_by_department

ROWS = 120
RARE_SURNAMES = ["Quéméner", "Kerhervé", "Zdziarski", "Oyelaran", "Bréhéret", "Tcherkassky", "Vauquelin",
                 "Abiteboul", "Rakotomalala", "Oudéa", "Garrigou", "Lemétayer", "Kergoat", "Sauvageot", "Villepreux",
                 "Iparraguirre", "Etxeberria", "Gorostiza", "Pfaffenrath", "Ollivro", "Péchenard", "Coquerel",
                 "Puech-Vernhes", "Bouëssel", "Cazeneuve"]
RARE_FIRST_NAMES = ["Zébulon", "Ombeline", "Anatole", "Clothilde", "Maïwenn", "Gwendal", "Ysaline", "Perrine",
                    "Enguerrand", "Aldebert", "Sixtine", "Eudes", "Bertille", "Gonzague", "Domitille", "Amaury",
                    "Apolline", "Blandine", "Ghislain", "Iñaki"]


# ------------------------------------------------------------------------------------------------ values
@functools.cache
def _fakers(locale: str) -> Faker:
    return Faker(locale)


def _faker(seed: int, locale: str = "fr_FR") -> Faker:
    fake = _fakers(locale)
    fake.seed_instance(seed)
    return fake


def _card(rng: random.Random) -> str:
    body = rng.choice(["4", "51", "52", "55"]) + "".join(rng.choice("0123456789") for _ in range(13))
    number = body[:15] if len(body) >= 15 else body
    number = (number + "0" * 15)[:15]
    number += luhn.calc_check_digit(number)
    return " ".join(number[i:i + 4] for i in range(0, 16, 4)) if rng.random() < 0.5 else number


def _nir(rng: random.Random) -> str:
    department = rng.choice(["75", "69", "13", "2A", "2B", "99", "33"])
    base = f"{rng.choice('12')}{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{department}" \
           f"{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    return base + stdnum_nir.calc_check_digits(base + "00")


def _siren(rng: random.Random) -> str:
    body = f"{rng.randint(10_000_000, 99_999_999)}"
    return body + luhn.calc_check_digit(body)


def _siret(rng: random.Random) -> str:
    body = _siren(rng) + f"{rng.randint(1, 9999):04d}"
    return body + luhn.calc_check_digit(body)


def _french_codes(rng: random.Random) -> list[str]:
    """Codes of a realistic customer file: a few hundred places, some of them often."""
    codes = sorted(french_postal_codes())
    places = rng.sample(codes, 60)
    return [rng.choice(places) for _ in range(ROWS)]


def _localities(rng: random.Random) -> list[str]:
    names = sorted({name for names in localities_by_department().values() for name in names})
    places = [name.title() for name in rng.sample(names, 80)]
    return [rng.choice(places) for _ in range(ROWS)]


def _birth_dates(rng: random.Random, fmt: str = "%d/%m/%Y") -> list[str]:
    today = dt.date.today()
    return [(today - dt.timedelta(days=rng.randint(18 * 365, 88 * 365))).strftime(fmt) for _ in range(ROWS)]


def _recent_dates(rng: random.Random) -> list[str]:
    now = dt.datetime(2024, 6, 1, 12, 0, 0)
    return [(now - dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))).strftime("%Y-%m-%d %H:%M:%S")
            for _ in range(ROWS)]


def _streets(fake: Faker, rng: random.Random) -> list[str]:
    """Mostly French addresses, some German, Spanish and American ones."""
    others = [_faker(rng.randint(0, 99), locale) for locale in ("de_DE", "es_ES", "en_US")]
    return [str((fake if rng.random() < 0.7 else rng.choice(others)).street_address()).strip().replace("\n", " ")
            for _ in range(ROWS)]


Generator = Callable[[Faker, random.Random], list[str]]

GENERATORS: dict[str, Generator] = {
    "email": lambda f, r: [f.email() for _ in range(ROWS)],
    "phone": lambda f, r: [f.phone_number() for _ in range(ROWS)],
    "first_name": lambda f, r: [f.first_name() for _ in range(ROWS)],
    "last_name": lambda f, r: [f.last_name() for _ in range(ROWS)],
    "full_name": lambda f, r: [f.name() for _ in range(ROWS)],
    "street_address": _streets,
    "postal_code": lambda f, r: _french_codes(r),
    "city": lambda f, r: _localities(r),
    "date_of_birth": lambda f, r: _birth_dates(r),
    "date": lambda f, r: _recent_dates(r),
    "nir": lambda f, r: [_nir(r) for _ in range(ROWS)],
    "siren": lambda f, r: [_siren(r) for _ in range(ROWS)],
    "siret": lambda f, r: [_siret(r) for _ in range(ROWS)],
    "iban": lambda f, r: [f.iban() for _ in range(ROWS)],
    "payment_card": lambda f, r: [_card(r) for _ in range(ROWS)],
    "password_hash": lambda f, r: [f.sha1() for _ in range(ROWS)],
    "password": lambda f, r: [f.password() for _ in range(ROWS)],
    "ip_address": lambda f, r: [f.ipv4() if r.random() < 0.8 else f.ipv6() for _ in range(ROWS)],
    "username": lambda f, r: [f.user_name() + r.choice(["", "", str(r.randint(1, 99)), "_fr"]) for _ in range(ROWS)],
    "account_id": lambda f, r: [str(i) for i in range(10_421, 10_421 + ROWS)],
    "civility": lambda f, r: [r.choice(["M.", "Mme", "Mlle", "M", "Mme"]) for _ in range(ROWS)],
    "country": lambda f, r: [r.choice(["France", "France", "Belgique", "Suisse", "Allemagne", "Espagne", "Maroc"])
                             for _ in range(ROWS)],
}
BAD_VALUES = ["n/a", "inconnu", "???", "0", "xxxx", "test"]


def _mixture(kind: str, seed: int, *, empty: float = 0.06, bad: float = 0.03) -> pl.Series:
    """A column of ``kind`` as dumps hold them: some empty cells, a few values of nothing in particular."""
    rng = random.Random(seed)
    values: list[str | None] = list(GENERATORS[kind](_faker(seed), rng))
    for index in range(len(values)):
        roll = rng.random()
        if roll < empty:
            values[index] = rng.choice([None, "", " "])
        elif roll < empty + bad:
            values[index] = rng.choice(BAD_VALUES)
    return pl.Series(values, dtype=pl.String)


def _assert_decided(guess: ColumnGuess, kind: str | None, *, some_valid: bool = True) -> None:
    assert guess.kind == kind, (guess.kind, guess.score, guess.candidates)
    if kind is not None:
        assert guess.category == knowledge.load("samples").kinds[kind].category
        assert (guess.valid > 0 if some_valid else guess.valid == 0) and guess.valid <= guess.matched
        assert guess.matched <= guess.filled <= ROWS
        assert guess.score >= knowledge.load("samples").thresholds.min_score


# ------------------------------------------------------------------------------------------------ headers
@pytest.mark.parametrize(("header", "kind"), [
    ("email", "email"), ("E-mail", "email"), ("Courriel", "email"), ("adresse_mail", "email"), ("correo", "email"),
    ("E-Mail-Adresse", "email"), ("user_email", "email"),
    ("tel", "phone"), ("tel_portable", "phone"), ("Téléphone", "phone"), ("telefono", "phone"),
    ("Handynummer", "phone"), ("mobile", "phone"),
    ("prénom", "first_name"), ("PRENOM", "first_name"), ("firstName", "first_name"), ("nombre", "first_name"),
    ("Vorname", "first_name"),
    ("nom", "last_name"), ("Nom de famille", "last_name"), ("apellidos", "last_name"), ("Nachname", "last_name"),
    ("last_name", "last_name"),
    ("nom_prenom", "full_name"), ("Full Name", "full_name"), ("nombre completo", "full_name"),
    ("adresse", "street_address"), ("adresse1", "street_address"), ("Strasse", "street_address"),
    ("Straße", "street_address"), ("dirección", "street_address"),
    ("cp", "postal_code"), ("CP", "postal_code"), ("code postal", "postal_code"), ("codePostal", "postal_code"),
    ("PLZ", "postal_code"), ("zip", "postal_code"), ("código postal", "postal_code"),
    ("ville", "city"), ("Ort", "city"), ("ciudad", "city"), ("lieu_naissance", "city"),
    ("date_naissance", "date_of_birth"), ("Date de naissance", "date_of_birth"), ("ddn", "date_of_birth"),
    ("DOB", "date_of_birth"), ("Geburtsdatum", "date_of_birth"), ("fecha_nacimiento", "date_of_birth"),
    ("date_inscription", "date"), ("created_at", "date"), ("Datum", "date"),
    ("nir", "nir"), ("numéro de sécurité sociale", "nir"), ("N° Sécu", "nir"),
    ("siren", "siren"), ("SIRET", "siret"), ("iban", "iban"), ("RIB", "iban"),
    ("cb", "payment_card"), ("card_number", "payment_card"), ("Kreditkarte", "payment_card"),
    ("hash", "password_hash"), ("password_hash", "password_hash"),
    ("passwd", "password"), ("mdp", "password"), ("Mot de passe", "password"), ("contraseña", "password"),
    ("Passwort", "password"),
    ("ip", "ip_address"), ("adresse_ip", "ip_address"), ("last_ip", "ip_address"), ("user_ip", "ip_address"),
    ("login", "username"), ("pseudo", "username"), ("Benutzername", "username"), ("nom_utilisateur", "username"),
    ("id", "account_id"), ("user_id", "account_id"), ("id_client", "account_id"), ("Kundennummer", "account_id"),
    ("civilité", "civility"), ("Anrede", "civility"), ("sexe", "civility"),
    ("pays", "country"), ("Land", "country"), ("país", "country"),
    ("company_name", None), ("nom_entreprise", None), ("Column_3", None), ("", None), ("notes", None),
    ("hotel", None), ("prenomination", None),
])
def test_header_hint(header: str, kind: str | None) -> None:
    assert header_hint(header) == kind


# ------------------------------------------------------------------------------------------------ columns
CASES = [  # four languages across the kinds, and every kind without a header
    ("Courriel", "email"), ("correo", "email"), (None, "email"),
    ("tel", "phone"), ("Handynummer", "phone"), (None, "phone"),
    ("prénom", "first_name"), ("Vorname", "first_name"), (None, "first_name"),
    ("nom", "last_name"), ("apellido", "last_name"), (None, "last_name"),
    ("full_name", "full_name"), (None, "full_name"),
    ("adresse", "street_address"), ("Strasse", "street_address"), (None, "street_address"),
    ("cp", "postal_code"), ("código postal", "postal_code"), (None, "postal_code"),
    ("ville", "city"), ("Ort", "city"), (None, "city"),
    ("date_naissance", "date_of_birth"), ("Geburtsdatum", "date_of_birth"), (None, "date_of_birth"),
    ("created_at", "date"), (None, "date"),
    ("numero_secu", "nir"), (None, "nir"),
    ("siren", "siren"), (None, "siren"), (None, "siret"),
    ("iban", "iban"), (None, "iban"),
    ("tarjeta", "payment_card"), (None, "payment_card"),
    ("hash", "password_hash"), (None, "password_hash"),
    ("mdp", "password"), ("Passwort", "password"),
    ("adresse ip", "ip_address"), (None, "ip_address"),
    ("login", "username"), (None, "username"),
    ("Kundennummer", "account_id"), (None, "account_id"),
    ("civilité", "civility"), (None, "civility"),
    ("país", "country"), (None, "country"),
]


@pytest.mark.parametrize(("header", "kind"), CASES)
def test_column_is_decided(header: str | None, kind: str) -> None:
    values = _mixture(kind, seed=len(kind) * 31 + len(header or ""))
    guess = detect_column(header or "col_7", values)
    _assert_decided(guess, kind)
    assert guess.header_hint == (header_hint(header) if header else None)


def test_clear_passwords_need_a_header() -> None:
    values = _mixture("password", seed=3)
    assert detect_column("col_2", values).kind is None
    assert detect_column("mdp", values).kind == "password"


@pytest.mark.parametrize(("header", "values_of", "kind"), [
    ("tel", "email", "email"),
    ("email", "phone", "phone"),
    ("prenom", "city", "city"),
    ("date_naissance", "ip_address", "ip_address"),
    ("cp", "email", "email"),
    ("nom", "iban", "iban"),
    ("password", "password_hash", "password_hash"),
    ("iban", "nir", "nir"),
])
def test_values_win_over_a_misleading_header(header: str, values_of: str, kind: str) -> None:
    guess = detect_column(header, _mixture(values_of, seed=11))
    _assert_decided(guess, kind)
    assert guess.header_hint != kind


# ------------------------------------------------------------------------------ identifiers and postal codes
def test_sequential_five_digit_ids_are_no_postal_codes() -> None:
    ids = pl.Series([str(i) for i in range(75_001, 75_001 + ROWS)])  # every one a Paris-like number
    for header in ("id", "col_1", "numero", "cp"):
        assert detect_column(header, ids).kind == "account_id", header


def test_random_unique_five_digit_numbers_are_no_postal_codes() -> None:
    rng = random.Random(5)
    numbers = pl.Series([str(n) for n in rng.sample(range(10_000, 99_999), ROWS)])
    assert detect_column("col_1", numbers).kind != "postal_code"
    assert detect_column("id", numbers).kind == "account_id"


def test_german_codes_are_postal_codes_under_their_header() -> None:
    rng = random.Random(8)
    plz = pl.Series([rng.choice(["10115", "80331", "50667", "60311", "70173", "01067", "04109", "22085"])
                     for _ in range(ROWS)])
    guess = detect_column("PLZ", plz)
    _assert_decided(guess, "postal_code", some_valid=False)  # no French code: decided by form and header


def test_random_postal_codes_are_postal_codes_that_fail() -> None:
    """Made-up codes under "cp": still the postal-code column, with the low validity a verdict weighs."""
    rng = random.Random(9)
    guess = detect_column("cp", pl.Series([f"{rng.randint(10_000, 95_999)}" for _ in range(ROWS)]))
    _assert_decided(guess, "postal_code")
    assert guess.valid / guess.matched < 0.3


def test_uuid_ids() -> None:
    fake = _faker(4)
    _assert_decided(detect_column("col_0", pl.Series([fake.uuid4() for _ in range(ROWS)])), "account_id")


# ------------------------------------------------------------------------------------------------ names
@pytest.mark.parametrize("header", ["nom", "Nachname", "apellido", "last name", "surname"])
def test_rare_surnames_are_last_names_under_their_header(header: str) -> None:
    rng = random.Random(len(header))
    values = pl.Series([rng.choice(RARE_SURNAMES).upper() if rng.random() < 0.3 else rng.choice(RARE_SURNAMES)
                        for _ in range(ROWS)])
    _assert_decided(detect_column(header, values), "last_name")


@pytest.mark.parametrize("header", ["prénom", "Vorname", "nombre", "first name"])
def test_rare_first_names_are_first_names_under_their_header(header: str) -> None:
    rng = random.Random(len(header))
    _assert_decided(detect_column(header, pl.Series([rng.choice(RARE_FIRST_NAMES) for _ in range(ROWS)])),
                    "first_name")


def test_rare_names_without_header_are_not_guessed_as_places_or_first_names() -> None:
    rng = random.Random(2)
    guess = detect_column("col_4", pl.Series([rng.choice(RARE_SURNAMES) for _ in range(ROWS)]))
    assert guess.kind in (None, "last_name")


def test_full_names_of_rare_people_under_their_header() -> None:
    rng = random.Random(6)
    values = pl.Series([f"{rng.choice(RARE_FIRST_NAMES)} {rng.choice(RARE_SURNAMES)}" for _ in range(ROWS)])
    _assert_decided(detect_column("nom complet", values), "full_name")


def test_two_name_columns_split_into_first_and_last_names() -> None:
    """Faker names without headers: the references tell which column is which."""
    fake = _faker(12)
    frame = pl.DataFrame({"c1": [fake.first_name() for _ in range(ROWS)],
                          "c2": [fake.last_name() for _ in range(ROWS)]})
    assert [g.kind for g in detect_columns(frame)] == ["first_name", "last_name"]


def test_prenom_header_makes_the_other_name_column_the_last_name() -> None:
    rng = random.Random(13)
    frame = pl.DataFrame({"prenom": [rng.choice(RARE_FIRST_NAMES) for _ in range(ROWS)],
                          "col_2": [rng.choice(RARE_SURNAMES) for _ in range(ROWS)]})
    guesses = detect_columns(frame)
    assert [g.kind for g in guesses] == ["first_name", "last_name"]
    assert [g.header_hint for g in guesses] == ["first_name", None]


def test_rare_names_under_their_headers_in_one_frame() -> None:
    rng = random.Random(14)
    frame = pl.DataFrame({"Nom": [rng.choice(RARE_SURNAMES) for _ in range(ROWS)],
                          "Prénom": [rng.choice(RARE_FIRST_NAMES) for _ in range(ROWS)]})
    assert [g.kind for g in detect_columns(frame)] == ["last_name", "first_name"]


# ------------------------------------------------------------------------------------------------ neighbours
def test_five_digit_column_beside_a_city_is_a_postal_code() -> None:
    rng = random.Random(15)
    codes = sorted(french_postal_codes())
    rows = [french_postal_codes()[rng.choice(codes)] for _ in range(ROWS)]
    frame = pl.DataFrame({"c1": [r.code for r in rows], "c2": [r.locality.title() for r in rows]})
    assert [g.kind for g in detect_columns(frame)] == ["postal_code", "city"]


def test_a_whole_file_without_headers() -> None:
    fake = _faker(16)
    rng = random.Random(16)
    frame = pl.DataFrame({
        "c0": [str(i) for i in range(1, ROWS + 1)],
        "c1": [rng.choice(["M.", "Mme"]) for _ in range(ROWS)],
        "c2": [fake.first_name() for _ in range(ROWS)],
        "c3": [fake.last_name() for _ in range(ROWS)],
        "c4": [fake.email() for _ in range(ROWS)],
        "c5": [fake.phone_number() for _ in range(ROWS)],
        "c6": _french_codes(rng),
        "c7": _localities(rng),
        "c8": _birth_dates(rng, "%Y-%m-%d"),
        "c9": [_nir(rng) for _ in range(ROWS)],
    })
    kinds = [g.kind for g in detect_columns(frame)]
    assert kinds == ["account_id", "civility", "first_name", "last_name", "email", "phone", "postal_code", "city",
                     "date_of_birth", "nir"]


# ------------------------------------------------------------------------------------------------ dates
def test_dates_are_births_by_the_ages_of_people_or_by_the_header() -> None:
    rng = random.Random(17)
    assert detect_column("col_1", pl.Series(_birth_dates(rng))).kind == "date_of_birth"
    recent = pl.Series(_recent_dates(rng))
    assert detect_column("col_1", recent).kind == "date"
    assert detect_column("date_naissance", recent).kind == "date_of_birth"


def test_a_birth_column_with_impossible_dates_counts_them_invalid() -> None:
    rng = random.Random(18)
    values = _birth_dates(rng)[: ROWS - 10] + ["31/02/1990"] * 5 + ["12/05/2999"] * 5
    guess = detect_column("ddn", pl.Series(values))
    _assert_decided(guess, "date_of_birth")
    assert guess.matched - guess.valid == 10


# ------------------------------------------------------------------------------------------------ mixtures
def test_nir_column_with_wrong_keys_is_still_a_nir_column() -> None:
    rng = random.Random(19)
    values = [_nir(rng) for _ in range(ROWS)]
    for index in range(0, ROWS, 4):  # a quarter with a wrong key: what a fabricated sample looks like
        values[index] = values[index][:13] + f"{(int(values[index][13:]) % 97) + 1:02d}"
    guess = detect_column("col_3", pl.Series(values))
    _assert_decided(guess, "nir")
    assert guess.valid == ROWS - ROWS // 4


def test_card_column_failing_luhn_under_its_header() -> None:
    rng = random.Random(20)
    values = [_card(rng).replace(" ", "") for _ in range(ROWS)]
    values = [v[:-1] + str((int(v[-1]) + 1) % 10) if i % 3 == 0 else v for i, v in enumerate(values)]
    guess = detect_column("numero_carte", pl.Series(values))
    _assert_decided(guess, "payment_card")
    assert guess.matched == ROWS and guess.valid < ROWS


def test_subtypes_are_reported() -> None:
    guess = detect_column("hash", pl.Series([_faker(1).md5() for _ in range(ROWS)]))
    assert guess.subtypes == {"md5": ROWS}
    phones = detect_column("tel", pl.Series(["06 12 34 56 78", "01 44 55 66 77", "+44 20 7946 0958"] * 20))
    assert phones.subtypes == {"fr_mobile": 20, "fr_landline": 20, "foreign": 20}


@pytest.mark.parametrize("values", [[None] * 20, [""] * 20, ["NULL", "\\N", "n/a", None] * 5, []])
def test_empty_columns_are_undecided(values: list[str | None]) -> None:
    guess = detect_column("email", pl.Series(values, dtype=pl.String))
    assert (guess.kind, guess.category, guess.filled, guess.score) == (None, None, 0, 0.0)
    assert guess.header_hint == "email"


def test_mixed_garbage_is_undecided() -> None:
    rng = random.Random(21)
    values = [rng.choice(["oui", "non", "42", "N/A", "blue", "x7", "??", "3.14", "ok"]) for _ in range(ROWS)]
    assert detect_column("col_9", pl.Series(values)).kind is None


def test_only_the_first_rows_are_looked_at() -> None:
    values = pl.Series(["jean.dupont@orange.fr"] * 6000 + ["06 12 34 56 78"] * 6000)
    guess = detect_column("contact", values)
    assert (guess.kind, guess.rows) == ("email", knowledge.load("samples").thresholds.sample_rows)


# ------------------------------------------------------------------------------------------------ the set
def test_every_kind_has_one_detector_and_a_known_category() -> None:
    kinds = knowledge.load("samples").kinds
    categories = knowledge.load("categories").categories
    assert [d.kind for d in DETECTORS] == list(dict.fromkeys(d.kind for d in DETECTORS))
    assert {d.kind for d in DETECTORS} == set(kinds)
    for detector in DETECTORS:
        assert detector.category == kinds[detector.kind].category
        assert detector.category in categories, detector.kind
        assert get(detector.kind) is detector


def test_every_kind_has_hints_in_french() -> None:
    for kind, entry in knowledge.load("samples").kinds.items():
        assert entry.hints.get("fr"), kind


def test_public_surface() -> None:
    assert set(detectors.__all__) == {"DETECTORS", "Column", "ColumnGuess", "Detector", "detect_column",
                                      "detect_columns", "get", "header_hint"}
    assert [f.name for f in dataclasses.fields(ColumnGuess)][:8] == [
        "kind", "category", "score", "header_hint", "matched", "valid", "filled", "subtypes"]
    with pytest.raises(KeyError):
        get("horoscope")
