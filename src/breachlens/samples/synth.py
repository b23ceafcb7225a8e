"""Synthetic samples of a stolen customer database, for tests, demos and benchmarks.

A *realistic* sample (``fabricated=False``) is consistent row by row, as a real dump is: the civility matches the
sex, the French NIR carries the sex, birth year and month of ``date_naissance`` and a valid key, the postal code
exists and ``ville`` is its locality (from :mod:`breachlens.samples.reference`), a landline's zone matches the
postal code's region, e-mails are derived from the names over a realistic provider mix, IBANs pass both the RIB key
and the mod-97 check, birth dates follow an adult age pyramid, registrations never lie in the future, and a few
cells are empty and a few rows duplicated, as in real exports.

A *fabricated* sample (``fabricated=True``) starts from the same rows and applies a seeded random choice of the
fakes sellers post (:data:`FABRICATION_STRATEGIES`), each to its own share of rows, so that no single check
exposes every fabricated file; :func:`fabrication_plan` says which strategies a seed picks.

Names, streets and company domains are pools built once from Faker; every column is then drawn with vectorised
numpy indexes and composed with polars string operations, and the CSV is written in batches, so a million rows take
seconds and memory stays bounded. The same options and seed always give the same file (the dump's date, ``as_of``,
is fixed by default for that reason).

Example::

    synthesize("synthetic.csv", SynthOptions(rows=1_000_000, seed=7))
    synthesize("fake.csv", SynthOptions(rows=5_000, fabricated=True, seed=7))
    cut("synthetic.csv", "cut.csv", 1_000)       # a random 1,000-row sample "cut from the dump"
"""

from __future__ import annotations

import importlib
import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

from breachlens.errors import ConfigurationError, InputError, SampleFormatError

if TYPE_CHECKING:
    import polars as pl

__all__ = ["DEFAULT_AS_OF", "DEFAULT_COLUMNS", "FABRICATION_STRATEGIES", "LOCALES", "SynthOptions", "cut",
           "fabrication_plan", "synthesize"]

DEFAULT_COLUMNS = ("civilite", "nom", "prenom", "email", "telephone", "adresse", "code_postal", "ville",
                   "date_naissance", "nir", "iban", "date_inscription")

LOCALES = ("fr_FR", "en_US", "es_ES", "de_DE")

DEFAULT_AS_OF = date(2026, 1, 1)

FABRICATION_STRATEGIES = (
    "nir_random_digits",        # NIR made of random digits: the key fails
    "nir_inconsistent",         # NIR with a valid key whose sex, birth year or month contradict the row
    "iban_bad_checksum",        # FR76 followed by random digits: mod 97 fails
    "postal_code_invalid",      # postal codes that do not exist
    "city_mismatch",            # ville drawn independently of code_postal
    "phone_random_digits",      # 0 and nine uniform digits (impossible ranges), 06 00 00 .., 08 99 ..
    "email_one_pattern",        # prenom.nom@gmail.com for every row
    "email_generator_domains",  # example.com, example.org, test.com, ...
    "small_vocabulary",         # the same 20 first names and 20 last names over and over
    "birth_uniform",            # birth dates uniform over 1900-2020: minors and 110-year-olds
    "sequential_numbers",       # phones, accounts and registration times increasing row after row
    "too_clean",                # no empty cell, no duplicate row
)
_FILE_WIDE = frozenset({"email_one_pattern", "small_vocabulary", "too_clean"})
_CHECKABLE = ("nir_random_digits", "nir_inconsistent", "iban_bad_checksum", "postal_code_invalid", "city_mismatch",
              "phone_random_digits")
_FR_ONLY = frozenset({"nir_random_digits", "nir_inconsistent"})

_BATCH_ROWS = 100_000
_DUPLICATE_RATE = 0.005
# share of empty cells in the optional columns of a realistic sample
_EMPTY_RATES = {"civilite": 0.01, "telephone": 0.03, "adresse": 0.02, "date_naissance": 0.015, "nir": 0.025,
                "iban": 0.03}
# adult age bands (years) and their shares among the customers of a French consumer service
_AGE_BANDS = ((18, 25, 12.0), (25, 35, 19.0), (35, 45, 19.0), (45, 55, 18.0), (55, 65, 15.0), (65, 75, 11.0),
              (75, 85, 5.0), (85, 96, 1.0))
_DAYS_PER_YEAR = 365.2425
_ADULT_DAYS = 6575  # 18 years


@dataclass(frozen=True)
class SynthOptions:
    """What :func:`synthesize` writes.

    ``locale``: ``fr_FR`` in full; ``en_US``, ``es_ES`` and ``de_DE`` give names, e-mail, phone and address (and an
    IBAN of the country for ``es_ES`` and ``de_DE``), no NIR. ``columns``: a subset of :data:`DEFAULT_COLUMNS` in the
    order wanted (default: every column the locale has). ``as_of``: the day the dump was taken (latest registration).
    """

    rows: int
    locale: str = "fr_FR"
    fabricated: bool = False
    seed: int = 0
    delimiter: str = ","
    columns: tuple[str, ...] | None = None
    as_of: date = DEFAULT_AS_OF


# --------------------------------------------------------------------------------------------------------------
# reference knowledge of the generator (what real French customer tables look like)

_FR_EMAIL_DOMAINS = (
    ("gmail.com", 35.0), ("hotmail.fr", 11.0), ("orange.fr", 9.0), ("free.fr", 6.0), ("yahoo.fr", 5.5),
    ("sfr.fr", 4.5), ("laposte.net", 4.5), ("wanadoo.fr", 4.0), ("outlook.fr", 3.5), ("hotmail.com", 3.0),
    ("icloud.com", 2.5), ("live.fr", 2.5), ("outlook.com", 1.0), ("gmx.fr", 1.0), ("neuf.fr", 1.0),
    ("bbox.fr", 0.8), ("yahoo.com", 0.7), ("aol.com", 0.5), ("club-internet.fr", 0.5), ("numericable.fr", 0.3),
)
_US_EMAIL_DOMAINS = (
    ("gmail.com", 40.0), ("yahoo.com", 15.0), ("hotmail.com", 10.0), ("outlook.com", 8.0), ("icloud.com", 7.0),
    ("aol.com", 5.0), ("comcast.net", 4.0), ("att.net", 3.0), ("msn.com", 2.0), ("live.com", 2.0),
)
_DE_EMAIL_DOMAINS = (
    ("gmail.com", 25.0), ("gmx.de", 20.0), ("web.de", 20.0), ("t-online.de", 10.0), ("yahoo.de", 5.0),
    ("outlook.de", 5.0), ("hotmail.de", 5.0), ("freenet.de", 3.0), ("icloud.com", 3.0), ("posteo.de", 1.0),
)
_ES_EMAIL_DOMAINS = (
    ("gmail.com", 45.0), ("hotmail.com", 20.0), ("yahoo.es", 8.0), ("outlook.es", 8.0), ("hotmail.es", 5.0),
    ("telefonica.net", 3.0), ("icloud.com", 3.0), ("live.com", 3.0), ("ono.com", 1.0),
)
_COMPANY_EMAIL_SHARE = 0.03
_GENERATOR_DOMAINS = ("example.com", "example.org", "example.net", "test.com", "test.fr", "domain.com")

# local part patterns of e-mail addresses and their shares
_EMAIL_PATTERNS = (
    ("prenom.nom", 28.0), ("prenomnom", 9.0), ("p.nom", 6.0), ("pnom", 4.0), ("nom.prenom", 5.0),
    ("prenom.nomYY", 6.0), ("prenomNN", 10.0), ("nomNN", 6.0), ("prenom_nom", 4.0), ("prenom-nom", 2.0),
    ("handle", 12.0), ("prenom.nomN", 8.0),
)

# common French street names, beside the Faker pool ("rue Martin", "avenue de Lebon")
_FR_STREET_NAMES = (
    "des Lilas", "de la République", "Victor Hugo", "Jean Jaurès", "de la Gare", "du Général de Gaulle", "Pasteur",
    "de l'Église", "du Moulin", "des Écoles", "de la Mairie", "Gambetta", "Jean Moulin", "du Stade", "de la Paix",
    "des Roses", "du Château", "de la Fontaine", "des Peupliers", "des Acacias", "de Verdun", "Voltaire",
    "Émile Zola", "Anatole France", "de la Liberté", "du 8 Mai 1945", "du 11 Novembre", "Carnot", "Foch",
    "Louis Pasteur", "des Tilleuls", "du Port", "de Paris", "des Jardins", "du Bourg", "des Vignes", "de la Poste",
    "des Champs", "du Marché", "des Prés", "du Lavoir", "Saint-Martin", "des Cerisiers", "du Bois", "des Mimosas",
    "du Maréchal de Lattre de Tassigny", "Paul Bert", "Jules Ferry", "Aristide Briand", "du Maréchal Leclerc",
    "Charles de Gaulle", "de la Libération", "des Alouettes", "du Commerce", "de Strasbourg", "Nationale",
    "des Platanes", "du Centre", "de la Croix", "des Chênes", "Principale", "du Soleil", "de Bretagne", "Pierre Curie",
    "Marcel Pagnol", "Albert Camus", "Georges Clemenceau", "des Hirondelles", "de la Source", "du Pont",
)
_FR_STREET_TYPES = (("rue", 55.0), ("avenue", 12.0), ("boulevard", 5.0), ("chemin", 6.0), ("allée", 5.0),
                    ("impasse", 6.0), ("place", 3.0), ("route", 5.0), ("quai", 1.0), ("square", 1.0),
                    ("résidence", 1.0))

# the big cities (folded locality, département, thousands of inhabitants), to weight postal codes toward them
_FR_BIG_CITIES = (
    ("PARIS", "75", 2100), ("MARSEILLE", "13", 870), ("LYON", "69", 520), ("TOULOUSE", "31", 500), ("NICE", "06", 340),
    ("NANTES", "44", 320), ("MONTPELLIER", "34", 300), ("STRASBOURG", "67", 290), ("BORDEAUX", "33", 260),
    ("LILLE", "59", 235), ("RENNES", "35", 225), ("REIMS", "51", 180), ("TOULON", "83", 180),
    ("ST ETIENNE", "42", 173), ("LE HAVRE", "76", 166), ("DIJON", "21", 160), ("GRENOBLE", "38", 158),
    ("ANGERS", "49", 157), ("NIMES", "30", 150), ("VILLEURBANNE", "69", 150), ("CLERMONT FERRAND", "63", 147),
    ("LE MANS", "72", 145), ("AIX EN PROVENCE", "13", 145), ("BREST", "29", 140), ("TOURS", "37", 137),
    ("AMIENS", "80", 134), ("LIMOGES", "87", 130), ("ANNECY", "74", 130), ("PERPIGNAN", "66", 120),
    ("BOULOGNE BILLANCOURT", "92", 120), ("METZ", "57", 120), ("BESANCON", "25", 117), ("ORLEANS", "45", 116),
    ("ROUEN", "76", 114), ("ST DENIS", "93", 113), ("ARGENTEUIL", "95", 110), ("MONTREUIL", "93", 110),
    ("MULHOUSE", "68", 108), ("CAEN", "14", 105), ("NANCY", "54", 104),
)
_FR_PEOPLE_PER_CODE = 11.0  # thousands: 68 million people over about 6,000 postal codes
_FR_CITY_BOOST = 0.5        # "a bit": half of the population weight

# landline zones (ARCEP): 01 Île-de-France, 02 north-west, 03 north-east, 04 south-east, 05 south-west
_FR_PHONE_ZONES = {
    1: "75 77 78 91 92 93 94 95",
    2: "14 18 22 27 28 29 35 36 37 41 44 45 49 50 53 56 61 72 76 85",
    3: "02 08 10 21 25 39 51 52 54 55 57 58 59 60 62 67 68 70 71 80 88 89 90",
    4: "01 03 04 05 06 07 11 13 15 26 30 34 38 42 43 48 63 66 69 73 74 83 84 2A 2B",
    5: "09 12 16 17 19 23 24 31 32 33 40 46 47 64 65 79 81 82 86 87",
}
# kinds of French numbers: national significant number's first digit, share
_FR_PHONE_KINDS = (("mobile6", 55.0), ("mobile7", 15.0), ("landline", 22.0), ("voip9", 8.0))
_FR_PHONE_FORMATS = (("0612345678", 45.0), ("06 12 34 56 78", 30.0), ("+33612345678", 12.0),
                     ("+33 6 12 34 56 78", 5.0), ("06.12.34.56.78", 5.0), ("0033612345678", 3.0))

# NIR place of birth: INSEE codes of the countries most French residents born abroad come from
_NIR_COUNTRIES = (352, 350, 351, 139, 127, 134, 131, 109, 208, 132, 140, 122, 114, 341, 335, 322, 326, 243, 216)
_NIR_BIRTHPLACE = (("same", 55.0), ("france", 37.0), ("abroad", 6.0), ("overseas", 2.0))

# French bank codes (code banque) seen on customers' RIBs
_FR_BANK_CODES = (
    (30004, 12.0), (30003, 10.0), (30002, 7.0), (20041, 8.0), (10278, 6.0), (30066, 4.0), (10096, 2.0),
    (11306, 2.0), (13106, 2.0), (13306, 2.0), (14406, 2.0), (16006, 2.0), (16606, 2.0), (17206, 2.0), (18206, 2.0),
    (19106, 2.0), (17515, 3.0), (13335, 2.0), (14505, 2.0), (16275, 2.0), (10107, 2.0), (30056, 1.5), (40618, 3.0),
    (30438, 1.5), (16958, 2.0), (12869, 1.0), (15589, 1.5), (18315, 1.0), (10207, 1.5), (13507, 1.5),
)
_DE_BANK_CODES = (10010010, 10020890, 10070000, 10090000, 20040000, 20050550, 25050180, 30020900, 37040044,
                  43060967, 50010517, 50040000, 50070010, 60050101, 66050101, 70020270, 76026000, 79050000)
_ES_BANKS = (("0049", 20.0), ("2100", 18.0), ("0182", 15.0), ("0081", 8.0), ("2038", 6.0), ("0128", 4.0),
             ("0075", 5.0), ("1465", 4.0), ("2085", 4.0), ("0487", 2.0), ("3058", 3.0), ("0073", 2.0))

_CIVILITIES = {
    "fr_FR": (("M.", "Mme"), ("M", "Mme"), ("Monsieur", "Madame"), ("M.", "MME")),
    "en_US": (("Mr.", "Ms."), ("Mr", "Mrs")),
    "de_DE": (("Herr", "Frau"),),
    "es_ES": (("Sr.", "Sra."), ("D.", "Dña.")),
}
_COUNTRY = {"fr_FR": "FR", "en_US": "US", "de_DE": "DE", "es_ES": "ES"}
_EMAIL_DOMAINS = {"fr_FR": _FR_EMAIL_DOMAINS, "en_US": _US_EMAIL_DOMAINS, "de_DE": _DE_EMAIL_DOMAINS,
                  "es_ES": _ES_EMAIL_DOMAINS}
# name sources: Faker person locale and its share of the population
_NAME_SOURCES = {
    "fr_FR": (("fr_FR", 0.55), ("fr_BE", 0.15), ("fr_CA", 0.07), ("fr_CH", 0.05), ("fr_DZ", 0.08), ("pt_PT", 0.04),
              ("it_IT", 0.03), ("es_ES", 0.03)),
    "en_US": (("en_US", 1.0),),
    "de_DE": (("de_DE", 1.0),),
    "es_ES": (("es_ES", 1.0),),
}
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿŒœ' -]+$")


# --------------------------------------------------------------------------------------------------------------
# pools: built once per locale with Faker and the reference packages


@dataclass(frozen=True)
class _Pool:
    """Strings to draw from, with cumulative weights."""

    values: Any  # pl.Series of str
    cdf: np.ndarray

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(self.cdf, rng.random(n), side="right"), len(self.cdf) - 1)

    def __len__(self) -> int:
        return len(self.cdf)


def _pool(items: Sequence[tuple[str, float]]) -> _Pool:
    import polars as pl

    weights = np.asarray([w for _, w in items], dtype=np.float64)
    cdf = np.cumsum(weights / weights.sum())
    return _Pool(pl.Series([v for v, _ in items], dtype=pl.String), cdf)


def _cdf(weights: Sequence[float]) -> np.ndarray:
    array = np.asarray(weights, dtype=np.float64)
    return np.cumsum(array / array.sum())


def _pick(cdf: np.ndarray, rng: np.random.Generator, n: int) -> np.ndarray:
    return np.minimum(np.searchsorted(cdf, rng.random(n), side="right"), len(cdf) - 1)


def _fold_key(text: str) -> str:
    """A name as it appears in an e-mail address: lower case ASCII, no space nor apostrophe."""
    text = text.replace("ß", "ss").replace("æ", "ae").replace("Æ", "ae").replace("œ", "oe").replace("Œ", "oe")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9-]", "", text)


@dataclass(frozen=True)
class _Names:
    first: Any  # pl.Series: male names then female names
    first_key: Any
    male: np.ndarray  # cdf over the male part
    female: np.ndarray  # cdf over the female part
    n_male: int
    last: Any
    last_key: Any
    last_cdf: np.ndarray


def _faker_person(locale: str) -> Any:
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _weighted_names(attribute: str, sources: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """Names of several Faker locales merged, each locale's weights scaled to its share. Lists without weights
    get a Zipf law, as real name frequencies follow: fr_FR last names in their order (of frequency), the others
    (alphabetical) in a fixed shuffled order."""
    spread = np.random.default_rng(20240601)
    merged: dict[str, float] = {}
    for locale, share in sources:
        values = getattr(_faker_person(locale), attribute, None)
        if not values:
            continue
        if isinstance(values, dict):
            items = [(str(k), float(v)) for k, v in values.items()]
        else:
            ranks = range(len(values)) if locale == "fr_FR" and attribute == "last_names" else \
                spread.permutation(len(values))
            offset = 60.0 if attribute == "last_names" else 15.0
            items = [(str(v), 1.0 / (int(rank) + offset)) for v, rank in zip(values, ranks, strict=True)]
        items = [(name.strip(), w) for name, w in items if _LATIN_NAME.match(name.strip()) and _fold_key(name)]
        total = sum(w for _, w in items)
        for name, w in items:
            merged[name] = merged.get(name, 0.0) + share * w / total
    return list(merged.items())


@cache
def _names(locale: str) -> _Names:
    import polars as pl

    sources = _NAME_SOURCES[locale]
    male = _weighted_names("first_names_male", sources)
    female = _weighted_names("first_names_female", sources)
    last = _weighted_names("last_names", sources)
    first_values = [v for v, _ in male] + [v for v, _ in female]
    return _Names(
        first=pl.Series(first_values, dtype=pl.String),
        first_key=pl.Series([_fold_key(v) for v in first_values], dtype=pl.String),
        male=_cdf([w for _, w in male]), female=_cdf([w for _, w in female]), n_male=len(male),
        last=pl.Series([v for v, _ in last], dtype=pl.String),
        last_key=pl.Series([_fold_key(v) for v, _ in last], dtype=pl.String),
        last_cdf=_cdf([w for _, w in last]),
    )


@dataclass(frozen=True)
class _Places:
    code: Any  # pl.Series of postal codes
    city: Any  # pl.Series of localities (same index)
    cdf: np.ndarray
    department: np.ndarray  # index into _FR_DEPARTMENTS (fr_FR only)
    zone: np.ndarray  # landline zone 1-5 (fr_FR only)
    known_codes: np.ndarray  # sorted integers of the existing codes


# the départements as written in a NIR, then 97 (overseas) and 99 (abroad)
_FR_DEPARTMENTS = tuple([f"{d:02d}" for d in range(1, 20)] + ["2A", "2B"] + [f"{d:02d}" for d in range(21, 96)]
                        + ["97", "99"])
_FR_DEPARTMENT_NUMBER = np.asarray([19 if d == "2A" else 18 if d == "2B" else int(d) for d in _FR_DEPARTMENTS],
                                   dtype=np.int64)
_FR_OVERSEAS = _FR_DEPARTMENTS.index("97")
_FR_ABROAD = _FR_DEPARTMENTS.index("99")


@cache
def _places(locale: str) -> _Places:
    import polars as pl

    if locale == "fr_FR":
        from breachlens.samples.reference import french_postal_codes

        zone_of = {d: zone for zone, departments in _FR_PHONE_ZONES.items() for d in departments.split()}
        codes = sorted(french_postal_codes().values(), key=lambda c: c.code)
        per_city: dict[tuple[str, str], int] = {}
        for c in codes:
            per_city[(c.locality, c.department)] = per_city.get((c.locality, c.department), 0) + 1
        big = {(name, dept): people for name, dept, people in _FR_BIG_CITIES}
        weights = []
        for c in codes:
            people = big.get((c.locality, c.department))
            share = per_city[(c.locality, c.department)]
            weights.append(1.0 + (_FR_CITY_BOOST * people / _FR_PEOPLE_PER_CODE / share if people else 0.0))
        return _Places(
            code=pl.Series([c.code for c in codes], dtype=pl.String),
            city=pl.Series([c.locality for c in codes], dtype=pl.String),
            cdf=_cdf(weights),
            department=np.asarray([_FR_DEPARTMENTS.index(c.department) for c in codes], dtype=np.int64),
            zone=np.asarray([zone_of[c.department] for c in codes], dtype=np.int64),
            known_codes=np.asarray(sorted({int(c.code) for c in codes}), dtype=np.int64),
        )
    from countrystatecity_postal_codes import get_postcodes_of_country

    entries = sorted({(e.code, e.localityName or "") for e in get_postcodes_of_country(_COUNTRY[locale])})
    cities = [city for _, city in entries]
    if not any(cities):  # the reference has no localities for this country: Faker's city names
        invented = _faker_values(locale, "city", 2000)
        cities = [invented[i % len(invented)] for i in range(len(entries))]
    return _Places(
        code=pl.Series([code for code, _ in entries], dtype=pl.String),
        city=pl.Series(cities, dtype=pl.String),
        cdf=_cdf([1.0] * len(entries)),
        department=np.zeros(len(entries), dtype=np.int64),
        zone=np.zeros(len(entries), dtype=np.int64),
        known_codes=np.asarray(sorted({int(code) for code, _ in entries if code.isdigit()}), dtype=np.int64),
    )


def _faker_values(locale: str, method: str, count: int) -> list[str]:
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(0)
    return [str(getattr(fake, method)()) for _ in range(count)]


@cache
def _streets(locale: str) -> _Pool:
    """Street names: Faker's (about 3,000 distinct) and, for France, the common names with their street types."""
    faker_streets = sorted(set(_faker_values(locale, "street_name", 4000)))
    items = [(name, 1.0) for name in faker_streets]
    if locale == "fr_FR":
        common = [(f"{kind} {name}", share) for kind, share in _FR_STREET_TYPES for name in _FR_STREET_NAMES]
        total = sum(w for _, w in common)
        # as many draws from the common names as from the Faker pool, the common names weighted by street type
        items += [(name, w / total * len(faker_streets)) for name, w in common]
    return _pool(items)


@cache
def _words(locale: str) -> _Pool:
    """Words for e-mail handles ("soleil84")."""
    module = locale if locale in ("fr_FR", "de_DE", "es_ES") else "en_US"
    words = importlib.import_module(f"faker.providers.lorem.{module}").Provider.word_list
    keys = sorted({_fold_key(w) for w in words if len(_fold_key(w)) >= 4 and "-" not in w})
    return _pool([(w, 1.0) for w in keys])


@cache
def _company_domains(locale: str) -> _Pool:
    domains = sorted({d.lower() for d in _faker_values(locale, "domain_name", 400)})
    return _pool([(d, 1.0) for d in domains])


@cache
def _email_domains(locale: str) -> _Pool:
    items = list(_EMAIL_DOMAINS[locale])
    total = sum(w for _, w in items)
    companies = _company_domains(locale)
    share = total * _COMPANY_EMAIL_SHARE / (1 - _COMPANY_EMAIL_SHARE) / len(companies)
    items += [(d, share) for d in companies.values.to_list()]
    return _pool(items)


@dataclass(frozen=True)
class _Phones:
    prefixes: np.ndarray  # leading digits of national significant numbers, as integers
    prefix_width: np.ndarray  # how many digits each prefix has
    digits: np.ndarray  # how many random digits follow it
    cdf: np.ndarray
    zone: np.ndarray  # fr_FR: landline zone of each prefix (0: not geographic)
    country_code: int
    trunk: str


@cache
def _phones(locale: str) -> _Phones:
    """Prefixes of valid numbers, checked once with phonenumbers: draws append random digits to them."""
    import phonenumbers
    from phonenumbers import PhoneNumberType

    region = _COUNTRY[locale]
    country_code = phonenumbers.country_code_for_region(region)
    checker = random.Random(0)

    def valid(nsn: str, kinds: tuple[int, ...]) -> bool:
        number = phonenumbers.parse(f"+{country_code}{nsn}")
        return phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in kinds

    def random_digits(count: int) -> str:
        return "".join(str(checker.randrange(10)) for _ in range(count))

    mobile = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
    fixed = (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
    found: list[tuple[str, int, float, int]] = []  # prefix, random digits after it, weight, zone
    if region == "FR":
        for name, share in _FR_PHONE_KINDS:
            lead = {"mobile6": "6", "mobile7": "7", "voip9": "9"}.get(name)
            candidates = [f"{lead}{i:02d}" for i in range(100)] if lead else [
                f"{z}{i:02d}" for z in range(1, 6) for i in range(100)]
            wanted = mobile if lead in ("6", "7") else (PhoneNumberType.VOIP,) if lead == "9" else fixed
            good = [p for p in candidates if all(valid(p + random_digits(6), wanted) for _ in range(3))]
            # landlines are drawn again in the zone of the postal code
            found += [(p, 6, share / len(good), 0 if lead else int(p[0])) for p in good]
    else:
        for wanted, share in ((mobile, 70.0), (fixed, 30.0)):
            example = phonenumbers.example_number_for_type(region, wanted[0])
            if example is None:
                continue
            nsn = phonenumbers.national_significant_number(example)
            prefixes: set[str] = set()
            for _ in range(4000):
                candidate = nsn[0] + random_digits(len(nsn) - 1)
                if valid(candidate, wanted) and all(valid(candidate[:-4] + random_digits(4), wanted)
                                                    for _ in range(3)):
                    prefixes.add(candidate[:-4])
                if len(prefixes) >= 300:
                    break
            found += [(p, 4, share / len(prefixes), 0) for p in sorted(prefixes)]
    return _Phones(prefixes=np.asarray([int(p) for p, _, _, _ in found]),
                   prefix_width=np.asarray([len(p) for p, _, _, _ in found]),
                   digits=np.asarray([d for _, d, _, _ in found]), cdf=_cdf([w for _, _, w, _ in found]),
                   zone=np.asarray([z for _, _, _, z in found]), country_code=country_code,
                   trunk="0" if region == "DE" else "")


# --------------------------------------------------------------------------------------------------------------
# checks computed vectorised


def _nir_key(number: np.ndarray) -> np.ndarray:
    """97 - (number mod 97) for the 13 first digits (2A/2B already replaced by 19/18)."""
    return 97 - number % 97


def _mod97(parts: Sequence[tuple[np.ndarray, int]]) -> np.ndarray:
    """The remainder mod 97 of the number written by concatenating each (value, digits) part."""
    remainder = np.zeros(len(parts[0][0]), dtype=np.int64)
    for value, width in parts:
        remainder = (remainder * 10**width + value % 97) % 97
    return remainder


def _iban_check(bban_remainder: np.ndarray, country: str) -> np.ndarray:
    """IBAN check digits from the BBAN's remainder mod 97 (the BBAN followed by the country letters and 00)."""
    letters = int("".join(str(ord(ch) - 55) for ch in country) + "00")
    return 98 - (bban_remainder * 10**6 + letters) % 97


def _es_ccc_digit(value: np.ndarray) -> np.ndarray:
    """A Spanish CCC control digit over a 10-digit value."""
    total = np.zeros(len(value), dtype=np.int64)
    for position, weight in enumerate((1, 2, 4, 8, 5, 10, 9, 7, 3, 6)):
        total += (value // 10 ** (9 - position)) % 10 * weight
    digit = 11 - total % 11
    return np.where(digit == 11, 0, np.where(digit == 10, 1, digit))


# --------------------------------------------------------------------------------------------------------------
# the plan of a fabricated sample


def fabrication_plan(options: SynthOptions) -> dict[str, float]:
    """The fake strategies a fabricated sample uses (strategy -> share of rows), picked from the seed: four to
    seven strategies, at least two of them visible to a checksum or reference check. Empty when not fabricated."""
    if not options.fabricated:
        return {}
    rng = np.random.default_rng([options.seed, 0xFAB])
    unusable = set() if options.locale == "fr_FR" else set(_FR_ONLY)
    if options.locale == "en_US":  # no IBAN, and cities not tied to postal codes
        unusable |= {"iban_bad_checksum", "city_mismatch"}
    usable = [s for s in FABRICATION_STRATEGIES if s not in unusable]
    checkable = [s for s in _CHECKABLE if s in usable]
    chosen = [str(s) for s in rng.choice(checkable, size=2, replace=False)]
    rest = [s for s in usable if s not in chosen]
    chosen += [str(s) for s in rng.choice(rest, size=int(rng.integers(2, 6)), replace=False)]
    return {s: 1.0 if s in _FILE_WIDE else round(float(rng.uniform(0.3, 1.0)), 2)
            for s in FABRICATION_STRATEGIES if s in chosen}


# --------------------------------------------------------------------------------------------------------------
# one batch of rows


@dataclass(frozen=True)
class _Context:
    options: SynthOptions
    columns: tuple[str, ...]
    plan: dict[str, float]
    names: _Names
    places: _Places
    streets: _Pool
    phones: _Phones
    words: _Pool
    domains: _Pool
    civility: tuple[str, str]
    birth_format: str
    upper_last_names: bool
    registration_years: int
    vocabulary_first: np.ndarray
    vocabulary_last: np.ndarray


def _context(options: SynthOptions, columns: tuple[str, ...]) -> _Context:
    locale = options.locale
    style = np.random.default_rng([options.seed, 0x57])
    names = _names(locale)
    civilities = _CIVILITIES[locale]
    vocabulary = np.random.default_rng([options.seed, 0x20])
    return _Context(
        options=options, columns=columns, plan=fabrication_plan(options), names=names, places=_places(locale),
        streets=_streets(locale), phones=_phones(locale), words=_words(locale), domains=_email_domains(locale),
        civility=civilities[int(style.integers(len(civilities)))],
        birth_format=("%d/%m/%Y", "%Y-%m-%d")[int(style.integers(2))] if locale == "fr_FR" else
        {"en_US": "%m/%d/%Y", "de_DE": "%d.%m.%Y", "es_ES": "%d/%m/%Y"}[locale],
        upper_last_names=bool(style.random() < 0.65) and locale == "fr_FR",
        registration_years=int(style.integers(3, 9)),
        vocabulary_first=np.concatenate([
            vocabulary.choice(names.n_male, 10, replace=False),
            names.n_male + vocabulary.choice(len(names.female), 10, replace=False)]),
        vocabulary_last=vocabulary.choice(len(names.last_cdf), 20, replace=False),
    )


def _digits(expr: pl.Expr, width: int) -> pl.Expr:
    import polars as pl

    return expr.cast(pl.Int64).cast(pl.String).str.zfill(width)


def _choose(selector: pl.Expr, branches: Sequence[pl.Expr]) -> pl.Expr:
    import polars as pl

    chained: Any = pl.when(selector == 0).then(branches[0])
    for index, branch in enumerate(branches[1:], start=1):
        chained = chained.when(selector == index).then(branch)
    return chained.otherwise(branches[-1])


@dataclass
class _Draws:
    """The random streams of one batch: ``rng`` for what real rows look like, ``fake`` for the fabrication."""

    n: int
    row: np.ndarray  # row numbers in the whole file
    rng: np.random.Generator
    fake: np.random.Generator
    plan: dict[str, float]

    def mask(self, strategy: str) -> np.ndarray:
        """The rows a fabrication strategy applies to (none when the plan does not use it)."""
        share = self.plan.get(strategy, 0.0)
        return self.fake.random(self.n) < share if share else np.zeros(self.n, dtype=bool)


def _batch(ctx: _Context, start: int, n: int, seen: _Seen) -> pl.DataFrame:
    import polars as pl

    seed = ctx.options.seed
    batch = 1 + start // _BATCH_ROWS
    draws = _Draws(n=n, row=np.arange(start, start + n, dtype=np.int64), plan=ctx.plan,
                   rng=np.random.default_rng([seed, batch]), fake=np.random.default_rng([seed, 0xFA, batch]))
    frame: dict[str, Any] = {}
    female, birth, uniform_birth = _who(ctx, draws, frame)
    place = _where(ctx, draws, frame)
    sequential = _phone_numbers(ctx, draws, frame, place)
    _email_parts(ctx, draws, frame, birth)
    _registration(ctx, draws, frame, birth, uniform_birth, sequential)
    if ctx.options.locale == "fr_FR":
        _nir(ctx, draws, frame, female, birth, place)
    iban_country, bban = _iban(ctx, draws, frame, sequential)

    df = pl.DataFrame(frame)
    df = df.with_columns(_email_local(df, draws.fake, ctx.plan))
    df = _dedupe_emails(df, ctx.plan, seen)
    out = df.select(_output_columns(ctx, iban_country, bban))
    if "too_clean" not in ctx.plan:
        out = _blank(out, draws.rng)
        out = _duplicate(out, draws.rng)
    return out.select(ctx.columns)


def _who(ctx: _Context, draws: _Draws, frame: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sex, names and birth date; returns (female, birth, rows with a uniform fabricated birth date)."""
    rng, n, names, options = draws.rng, draws.n, ctx.names, ctx.options
    female = rng.random(n) < 0.515
    first = np.where(female, names.n_male + _pick(names.female, rng, n), _pick(names.male, rng, n))
    last = _pick(names.last_cdf, rng, n)
    vocabulary = draws.mask("small_vocabulary")
    if vocabulary.any():
        chosen = draws.fake.integers(0, 10, n)
        first = np.where(vocabulary, ctx.vocabulary_first[np.where(female, 10 + chosen, chosen)], first)
        last = np.where(vocabulary, ctx.vocabulary_last[draws.fake.integers(0, 20, n)], last)
    bands = _pick(_cdf([w for _, _, w in _AGE_BANDS]), rng, n)
    low = np.asarray([a for a, _, _ in _AGE_BANDS])[bands]
    high = np.asarray([b for _, b, _ in _AGE_BANDS])[bands]
    age_days = ((low + rng.random(n) * (high - low)) * _DAYS_PER_YEAR).astype(np.int64)
    latest = options.as_of.replace(year=options.as_of.year - 18, day=min(options.as_of.day, 28))
    birth = np.minimum(np.datetime64(options.as_of, "D") - age_days, np.datetime64(latest, "D"))  # 18 at least
    uniform_birth = draws.mask("birth_uniform")
    if uniform_birth.any():
        first_day, last_day = np.datetime64("1900-01-01"), np.datetime64("2020-12-31")
        spread = draws.fake.integers(0, int((last_day - first_day).astype(int)) + 1, n)
        birth = np.where(uniform_birth, first_day + spread, birth)
    frame.update(female=female, first=names.first.gather(first), first_key=names.first_key.gather(first),
                 last=names.last.gather(last), last_key=names.last_key.gather(last), birth=birth,
                 birth_yy=_year(birth) % 100, lower_names=rng.random(n) < 0.01)
    return female, birth, uniform_birth


def _year(day: np.ndarray) -> np.ndarray:
    return day.astype("datetime64[Y]").astype(np.int64) + 1970


def _where(ctx: _Context, draws: _Draws, frame: dict[str, Any]) -> np.ndarray:
    """Postal code, city and street; returns the index of each row's postal code in the reference."""
    import polars as pl

    rng, n, places = draws.rng, draws.n, ctx.places
    place = _pick(places.cdf, rng, n)
    frame.update(code=places.code.gather(place), city=places.city.gather(place),
                 number=np.minimum(1 + rng.geometric(0.035, n), 399),
                 extension=_pick(_cdf([95.0, 3.5, 1.5]), rng, n),  # "", " bis", " ter"
                 street=ctx.streets.values.gather(ctx.streets.draw(rng, n)))
    invalid_code = draws.mask("postal_code_invalid")
    if invalid_code.any():
        code = draws.fake.integers(0, 100000, n)
        code = np.where(np.isin(code, places.known_codes), 99000 + code % 1000, code)
        frame["code"] = pl.Series(np.char.zfill(code.astype(str), 5)).zip_with(pl.Series(invalid_code), frame["code"])
    mismatch = draws.mask("city_mismatch")
    if mismatch.any():
        other = places.city.gather(draws.fake.integers(0, len(places.cdf), n))
        frame["city"] = other.zip_with(pl.Series(mismatch), frame["city"])
    return place


def _phone_numbers(ctx: _Context, draws: _Draws, frame: dict[str, Any], place: np.ndarray) -> np.ndarray:
    """National significant numbers and how each is written; returns the rows of the sequential block."""
    rng, n, phones, fake = draws.rng, draws.n, ctx.phones, draws.fake
    prefix = _pick(phones.cdf, rng, n)
    if ctx.options.locale == "fr_FR":  # a landline gets a prefix of the zone of its postal code
        landline = phones.zone[prefix] > 0
        zone = ctx.places.zone[place]
        for z in range(1, 6):
            candidates = np.flatnonzero(phones.zone == z)
            rows = landline & (zone == z)
            prefix[rows] = candidates[rng.integers(0, len(candidates), int(rows.sum()))]
    width = phones.digits[prefix]
    nsn = phones.prefixes[prefix] * 10**width + rng.integers(0, 10**width)
    nsn_width = phones.prefix_width[prefix] + width
    random_phone = draws.mask("phone_random_digits")
    if random_phone.any():
        how = fake.integers(0, 4, n)
        invented = np.select(
            [how == 0, how == 1, how == 2],
            [fake.integers(0, 10**9, n),                # 0 and nine uniform digits
             600000000 + fake.integers(0, 10**4, n),    # 06 00 00 xx xx
             899000000 + fake.integers(0, 10**6, n)],   # 08 99 ..
            700000000 + fake.integers(0, 3 * 10**7, n))  # 070, 071, 072: never allocated
        nsn = np.where(random_phone, invented, nsn)
        nsn_width = np.where(random_phone, 9, nsn_width)
    sequential = np.zeros(n, dtype=bool)
    if "sequential_numbers" in draws.plan:
        block = int(draws.plan["sequential_numbers"] * n)
        offset = int(fake.integers(0, n - block + 1))
        sequential[offset:offset + block] = True
        nsn = np.where(sequential, 600000000 + draws.row % 10**8, nsn)
        nsn_width = np.where(sequential, 9, nsn_width)
    style = _pick(_cdf([w for _, w in _FR_PHONE_FORMATS]), rng, n) if ctx.options.locale == "fr_FR" else \
        rng.integers(0, 3, n)
    frame.update(nsn=nsn, nsn_width=nsn_width, phone_style=style)
    return sequential


def _email_parts(ctx: _Context, draws: _Draws, frame: dict[str, Any], birth: np.ndarray) -> None:
    """What e-mail local parts are made of beside the names, and the provider."""
    rng, n = draws.rng, draws.n
    size = rng.random(n)
    number = np.where(size < 0.6, rng.integers(1, 100, n),
                      np.where(size < 0.85, rng.integers(100, 1000, n), _year(birth)))
    dedupe = rng.integers(2, 1000, (3, n))
    frame.update(pattern=_pick(_cdf([w for _, w in _EMAIL_PATTERNS]), rng, n),
                 domain=ctx.domains.values.gather(ctx.domains.draw(rng, n)),
                 handle=ctx.words.values.gather(ctx.words.draw(rng, n)),
                 short_number=number, dedupe1=dedupe[0], dedupe2=dedupe[1], dedupe3=dedupe[2],
                 case=_pick(_cdf([95.0, 3.0, 2.0]), rng, n))  # as typed: lower, Capitalised, UPPER


def _registration(ctx: _Context, draws: _Draws, frame: dict[str, Any], birth: np.ndarray,
                  uniform_birth: np.ndarray, sequential: np.ndarray) -> None:
    """Registration time: more recent more often, as a growing service's; adult at registration, never after the
    dump (fabricated birth dates keep their contradictions)."""
    rng, n = draws.rng, draws.n
    as_of = np.datetime64(ctx.options.as_of, "D")
    span = ctx.registration_years * 365
    day = as_of - 1 - (span * (1.0 - np.sqrt(rng.random(n)))).astype(np.int64)
    day = np.where(uniform_birth, day, np.minimum(np.maximum(day, birth + _ADULT_DAYS), as_of - 1))
    seconds = day.astype("datetime64[s]").astype(np.int64) + rng.normal(15 * 3600, 4 * 3600, n).astype(np.int64) % 86400
    if sequential.any():
        first = int(np.datetime64(ctx.options.as_of, "s").astype(np.int64)) - span * 86400
        step = max(1, span * 86400 // max(ctx.options.rows, 1))
        seconds = np.where(sequential, first + draws.row * step, seconds)
    frame["registered"] = seconds


def _nir(ctx: _Context, draws: _Draws, frame: dict[str, Any], female: np.ndarray, birth: np.ndarray,
         place: np.ndarray) -> None:
    """French NIR: sex, birth year and month, place of birth, order number and key."""
    import polars as pl

    rng, n, fake, places = draws.rng, draws.n, draws.fake, ctx.places
    birthplace = _pick(_cdf([w for _, w in _NIR_BIRTHPLACE]), rng, n)
    department = np.select(
        [birthplace == 0, birthplace == 1, birthplace == 2],
        [places.department[place], places.department[_pick(places.cdf, rng, n)], np.full(n, _FR_ABROAD)],
        np.full(n, _FR_OVERSEAS))
    commune = np.select(
        [birthplace == 2, birthplace == 3],
        [np.asarray(_NIR_COUNTRIES)[rng.integers(0, len(_NIR_COUNTRIES), n)],  # 99 + country
         100 * rng.integers(1, 5, n) + rng.integers(1, 30, n)],  # 97 + 1xx: Guadeloupe .. Réunion
        np.minimum(1 + rng.geometric(0.012, n), 899))
    order = rng.integers(1, 1000, n)
    sex = np.where(female, 2, 1)
    yy = _year(birth) % 100
    mm = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    inconsistent = draws.mask("nir_inconsistent")
    if inconsistent.any():
        how = fake.integers(0, 3, n)
        sex = np.where(inconsistent & (how == 0), 3 - sex, sex)
        yy = np.where(inconsistent & (how == 1), (yy + fake.integers(1, 40, n)) % 100, yy)
        mm = np.where(inconsistent & (how == 2), (mm + fake.integers(0, 11, n)) % 12 + 1, mm)
    body = (sex * 10**12 + yy * 10**10 + mm * 10**8 + _FR_DEPARTMENT_NUMBER[department] * 10**6
            + commune * 10**3 + order)
    random_nir = draws.mask("nir_random_digits")
    key = np.where(random_nir, fake.integers(0, 100, n), _nir_key(body))
    body = np.where(random_nir, fake.integers(1, 3, n) * 10**12 + fake.integers(0, 10**12, n), body)
    frame.update(nir_body=body, nir_department=pl.Series(_FR_DEPARTMENTS).gather(department), nir_key=key,
                 nir_plain=random_nir)


def _iban(ctx: _Context, draws: _Draws, frame: dict[str, Any],
          sequential: np.ndarray) -> tuple[str | None, list[pl.Expr]]:
    """Bank account parts with their check digits; returns the IBAN's country and the BBAN's parts."""
    import polars as pl

    country = {"fr_FR": "FR", "de_DE": "DE", "es_ES": "ES"}.get(ctx.options.locale)
    if country is None:
        return None, []
    rng, n = draws.rng, draws.n
    account = rng.integers(0, 10**10, n)
    if sequential.any():
        account = np.where(sequential, 10**9 + draws.row, account)
    if country == "FR":
        bank = np.asarray([b for b, _ in _FR_BANK_CODES])[_pick(_cdf([w for _, w in _FR_BANK_CODES]), rng, n)]
        branch = rng.integers(0, 100000, n)
        account = account + rng.integers(0, 10, n) * 10**10  # 11 digits
        key = 97 - (89 * bank + 15 * branch + 3 * account) % 97  # clé RIB
        parts = [(bank, 5), (branch, 5), (account, 11), (key, 2)]
    elif country == "DE":
        bank = np.asarray(_DE_BANK_CODES)[rng.integers(0, len(_DE_BANK_CODES), n)]
        parts = [(bank, 8), (account, 10)]
    else:
        bank = np.asarray([int(b) for b, _ in _ES_BANKS])[_pick(_cdf([w for _, w in _ES_BANKS]), rng, n)]
        branch = rng.integers(0, 10000, n)
        control = _es_ccc_digit(bank * 10**4 + branch) * 10 + _es_ccc_digit(account)
        parts = [(bank, 4), (branch, 4), (control, 2), (account, 10)]
    check = _iban_check(_mod97(parts), country)
    bad = draws.mask("iban_bad_checksum")
    if bad.any():  # the same shape with random digits: mod 97 fails (96 times in 97)
        check = np.where(bad, 76 if country == "FR" else draws.fake.integers(2, 99, n), check)
        index = [width for _, width in parts].index(11 if country == "FR" else 10)
        parts[index] = (np.where(bad, draws.fake.integers(0, 10**10, n), parts[index][0]), parts[index][1])
    frame.update({f"bban{i}": value for i, (value, _) in enumerate(parts)})
    frame.update(iban_check=check, iban_spaced=rng.random(n) < 0.2)
    return country, [_digits(pl.col(f"bban{i}"), width) for i, (_, width) in enumerate(parts)]


def _email_local(df: pl.DataFrame, fake: np.random.Generator, plan: dict[str, float]) -> list[pl.Expr]:
    import polars as pl

    n = df.height
    first, last = pl.col("first_key"), pl.col("last_key")
    flat_first = first.str.replace_all("-", "")
    yy = _digits(pl.col("birth_yy"), 2)
    number = pl.col("short_number").cast(pl.String)
    branches = {
        "prenom.nom": pl.concat_str([first, pl.lit("."), last]),
        "prenomnom": pl.concat_str([flat_first, last]),
        "p.nom": pl.concat_str([first.str.slice(0, 1), pl.lit("."), last]),
        "pnom": pl.concat_str([first.str.slice(0, 1), last]),
        "nom.prenom": pl.concat_str([last, pl.lit("."), first]),
        "prenom.nomYY": pl.concat_str([first, pl.lit("."), last, yy]),
        "prenomNN": pl.concat_str([flat_first, number]),
        "nomNN": pl.concat_str([last, number]),
        "prenom_nom": pl.concat_str([first, pl.lit("_"), last]),
        "prenom-nom": pl.concat_str([flat_first, pl.lit("-"), last]),
        "handle": pl.concat_str([pl.col("handle"), number]),
        "prenom.nomN": pl.concat_str([first, pl.lit("."), last, (pl.col("short_number") % 10).cast(pl.String)]),
    }
    local = _choose(pl.col("pattern"), [branches[name] for name, _ in _EMAIL_PATTERNS])
    domain: pl.Expr = pl.col("domain")
    regular = np.zeros(n, dtype=bool)
    if "email_one_pattern" in plan:
        regular[:] = True
        local = branches["prenom.nom"]
        domain = pl.lit("gmail.com")
    if "email_generator_domains" in plan:
        generated = fake.random(n) < plan["email_generator_domains"]
        choice = pl.Series(_GENERATOR_DOMAINS).gather(fake.integers(0, len(_GENERATOR_DOMAINS), n))
        domain = pl.when(pl.lit(pl.Series(generated))).then(pl.lit(choice)).otherwise(domain)
    return [local.alias("local"), domain.alias("email_domain"), pl.lit(pl.Series(regular)).alias("regular")]


@dataclass
class _Seen:
    """Hashes of the e-mail addresses written so far, sorted (8 bytes an address), so that addresses stay unique
    across batches."""

    hashes: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64))

    def taken(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.hashes):
            return np.zeros(len(hashes), dtype=bool)
        index = np.minimum(np.searchsorted(self.hashes, hashes), len(self.hashes) - 1)
        return np.asarray(self.hashes[index] == hashes)

    def add(self, hashes: np.ndarray) -> None:
        # two sorted runs: the stable sort (timsort) merges them in linear time
        self.hashes = np.sort(np.concatenate([self.hashes, np.sort(hashes)]), kind="stable")


def _dedupe_emails(df: pl.DataFrame, plan: dict[str, float], seen: _Seen) -> pl.DataFrame:
    """A real table has one account per address: a taken address gets digits, as the sign-up form asks."""
    import polars as pl

    if "email_one_pattern" in plan:
        return df
    address = pl.concat_str([pl.col("local"), pl.lit("@"), pl.col("email_domain")])
    for extra in ("dedupe1", "dedupe2", "dedupe3"):
        keys = df.select(address.hash(seed=0).alias("hash"), address.is_first_distinct().alias("first"))
        taken = ~keys["first"].to_numpy() | seen.taken(keys["hash"].to_numpy())
        if not taken.any():
            break
        df = df.with_columns(
            pl.when(pl.lit(pl.Series(taken))).then(pl.concat_str([pl.col("local"), pl.col(extra).cast(pl.String)]))
            .otherwise(pl.col("local")).alias("local"))
    seen.add(df.select(address.hash(seed=0)).to_series().to_numpy())
    return df


def _output_columns(ctx: _Context, iban_country: str | None, bban: list[pl.Expr]) -> list[pl.Expr]:
    import polars as pl

    locale = ctx.options.locale
    lower = pl.col("lower_names")
    last = pl.col("last").str.to_uppercase() if ctx.upper_last_names else pl.col("last")
    columns: dict[str, pl.Expr] = {
        "civilite": pl.when(pl.col("female")).then(pl.lit(ctx.civility[1])).otherwise(pl.lit(ctx.civility[0])),
        "nom": pl.when(lower).then(pl.col("last").str.to_lowercase()).otherwise(last),
        "prenom": pl.when(lower).then(pl.col("first").str.to_lowercase()).otherwise(pl.col("first")),
        "code_postal": pl.col("code"),
        "ville": pl.col("city"),
        "date_naissance": pl.col("birth").dt.strftime(ctx.birth_format),
        "date_inscription": pl.from_epoch(pl.col("registered"), time_unit="s").dt.strftime("%Y-%m-%d %H:%M:%S"),
        "adresse": _address(locale),
        "telephone": _phone(ctx),
    }
    email = pl.concat_str([pl.col("local"), pl.lit("@"), pl.col("email_domain")])
    columns["email"] = _choose(pl.when(pl.col("regular")).then(0).otherwise(pl.col("case")),
                               [email, pl.concat_str([pl.col("local").str.slice(0, 1).str.to_uppercase(),
                                                      pl.col("local").str.slice(1), pl.lit("@"),
                                                      pl.col("email_domain")]),
                                email.str.to_uppercase()])
    if locale == "fr_FR":
        plain = pl.concat_str([_digits(pl.col("nir_body"), 13), _digits(pl.col("nir_key"), 2)])
        body = _digits(pl.col("nir_body"), 13)
        with_department = pl.concat_str([body.str.slice(0, 5), pl.col("nir_department"), body.str.slice(7),
                                         _digits(pl.col("nir_key"), 2)])
        columns["nir"] = pl.when(pl.col("nir_plain")).then(plain).otherwise(with_department)
    if iban_country:
        compact = pl.concat_str([pl.lit(iban_country), _digits(pl.col("iban_check"), 2), *bban])
        length = {"FR": 27, "DE": 22, "ES": 24}[iban_country]
        spaced = pl.concat_str([compact.str.slice(i, 4) for i in range(0, length, 4)], separator=" ")
        columns["iban"] = pl.when(pl.col("iban_spaced")).then(spaced).otherwise(compact)
    return [expr.alias(name) for name, expr in columns.items() if name in ctx.columns]


def _address(locale: str) -> pl.Expr:
    import polars as pl

    extension = _choose(pl.col("extension"), [pl.lit(""), pl.lit(" bis"), pl.lit(" ter")])
    number = pl.col("number").cast(pl.String)
    if locale in ("fr_FR", "en_US"):
        return pl.concat_str([number, extension, pl.lit(" "), pl.col("street")])
    separator = ", " if locale == "es_ES" else " "
    return pl.concat_str([pl.col("street"), pl.lit(separator), number])


def _phone(ctx: _Context) -> pl.Expr:
    import polars as pl

    phones = ctx.phones
    nsn = pl.col("nsn").cast(pl.String).str.zfill(pl.col("nsn_width"))
    cc = f"+{phones.country_code}"
    if ctx.options.locale == "fr_FR":
        pairs = [nsn.str.slice(i, 2) for i in (1, 3, 5, 7)]
        lead = nsn.str.slice(0, 1)
        national = pl.concat_str([pl.lit("0"), nsn])
        return _choose(pl.col("phone_style"), [
            national,
            pl.concat_str([pl.concat_str([pl.lit("0"), lead]), *pairs], separator=" "),
            pl.concat_str([pl.lit(cc), nsn]),
            pl.concat_str([pl.lit(cc), lead, *pairs], separator=" "),
            pl.concat_str([pl.concat_str([pl.lit("0"), lead]), *pairs], separator="."),
            pl.concat_str([pl.lit("0033"), nsn]),
        ])
    if ctx.options.locale == "en_US":
        spaced = pl.concat_str([pl.lit("("), nsn.str.slice(0, 3), pl.lit(") "), nsn.str.slice(3, 3), pl.lit("-"),
                                nsn.str.slice(6)])
    elif ctx.options.locale == "de_DE":
        spaced = pl.concat_str([pl.lit("0"), nsn.str.slice(0, 3), pl.lit(" "), nsn.str.slice(3)])
    else:
        spaced = pl.concat_str([nsn.str.slice(0, 3), nsn.str.slice(3, 3), nsn.str.slice(6)], separator=" ")
    return _choose(pl.col("phone_style"), [pl.concat_str([pl.lit(cc), nsn]),
                                           pl.concat_str([pl.lit(phones.trunk), nsn]), spaced])


def _blank(df: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """A few empty cells in the optional columns."""
    import polars as pl

    blanks = []
    for name, rate in _EMPTY_RATES.items():
        if name in df.columns:
            empty = pl.Series(rng.random(df.height) < rate)
            blanks.append(pl.when(pl.lit(empty)).then(None).otherwise(pl.col(name)).alias(name))
    return df.with_columns(blanks) if blanks else df


def _duplicate(df: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """A few rows repeated (exports of joined tables, double sign-ups): a copy of an earlier row of the batch."""
    import polars as pl

    n = df.height
    if n < 2:
        return df
    index = np.arange(n)
    copies = np.flatnonzero(rng.random(n) < _DUPLICATE_RATE)
    copies = copies[copies > 0]
    index[copies] = (rng.random(len(copies)) * copies).astype(np.int64)
    return df.select(pl.all().gather(index))


# --------------------------------------------------------------------------------------------------------------
# public API


def _columns(options: SynthOptions) -> tuple[str, ...]:
    supported = [c for c in DEFAULT_COLUMNS
                 if not (c == "nir" and options.locale != "fr_FR") and not (c == "iban" and options.locale == "en_US")]
    if options.columns is None:
        return tuple(supported)
    unknown = [c for c in options.columns if c not in DEFAULT_COLUMNS]
    if unknown:
        raise ConfigurationError(f"unknown column(s) {', '.join(unknown)}", input="columns",
                                 hint=f"choose among {', '.join(DEFAULT_COLUMNS)}")
    missing = [c for c in options.columns if c not in supported]
    if missing:
        raise ConfigurationError(f"{options.locale} has no {', '.join(missing)}", input="columns",
                                 hint="NIR is French only; en_US has no IBAN")
    if len(set(options.columns)) != len(options.columns) or not options.columns:
        raise ConfigurationError("columns must be distinct and at least one", input="columns")
    return tuple(options.columns)


def _check(options: SynthOptions) -> None:
    if not isinstance(options.rows, int) or options.rows < 0:
        raise ConfigurationError(f"rows must be a whole number >= 0, not {options.rows!r}", input="rows")
    if options.locale not in LOCALES:
        raise ConfigurationError(f"unsupported locale {options.locale!r}", input="locale",
                                 hint=f"choose among {', '.join(LOCALES)}")
    if len(options.delimiter) != 1 or options.delimiter in "\"\r\n":
        raise ConfigurationError(f"delimiter must be one character other than a quote or newline, "
                                 f"not {options.delimiter!r}", input="delimiter")


def synthesize(path: str | Path, options: SynthOptions, *,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Write a synthetic sample to ``path`` (UTF-8 CSV with a header) and return the number of rows written.

    ``progress(done, total)`` is called after each batch. Same options, same file."""
    _check(options)
    columns = _columns(options)
    ctx = _context(options, columns)
    written = 0
    seen = _Seen()
    with _create(path) as handle:
        for start in range(0, max(options.rows, 1), _BATCH_ROWS):
            n = min(_BATCH_ROWS, options.rows - start)
            df = _batch(ctx, start, n, seen) if n > 0 else _empty(columns)
            df.write_csv(handle, include_header=start == 0, separator=options.delimiter)
            written += df.height
            if progress is not None:
                progress(written, options.rows)
    return written


def _create(path: str | Path) -> BinaryIO:
    try:
        return open(path, "wb")
    except OSError as error:
        raise InputError(f"cannot write: {error.strerror}", input=str(path),
                         hint="give a path in an existing, writable directory") from error


def _empty(columns: tuple[str, ...]) -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame({c: pl.Series([], dtype=pl.String) for c in columns})


def _records(handle: BinaryIO) -> Iterator[bytes]:
    """CSV records as bytes, a quoted field spanning lines kept whole (an odd count of quotes so far means the
    record goes on)."""
    pending = b""
    quotes = 0
    for line in handle:
        pending += line
        quotes += line.count(b'"')
        if quotes % 2 == 0:
            yield pending if pending.endswith(b"\n") else pending + b"\n"
            pending, quotes = b"", 0
    if pending:
        yield pending if pending.endswith(b"\n") else pending + b"\n"


def cut(source: str | Path, path: str | Path, rows: int, *, seed: int = 0) -> int:
    """Write to ``path`` a random subset of ``rows`` records of the CSV ``source`` (a sample "cut from a dump"),
    header kept and records in their original order, and return how many were written (all of them when the
    source has fewer). Streams the source once (reservoir sampling); the bytes of each record are kept as they are.
    """
    if not isinstance(rows, int) or rows < 0:
        raise ConfigurationError(f"rows must be a whole number >= 0, not {rows!r}", input="rows")
    source_path = Path(source)
    if not source_path.is_file():
        raise InputError("no such file", input=str(source_path), hint="give the path of an existing CSV file")
    if Path(path).exists() and Path(path).samefile(source_path):
        raise InputError("the output is the source dump itself: writing the cut would replace it", input=str(path),
                         hint="give another output path")
    chooser = random.Random(seed)
    reservoir: list[tuple[int, bytes]] = []
    with source_path.open("rb") as handle:
        records = _records(handle)
        header = next(records, None)
        if header is None or not header.strip():
            raise SampleFormatError("empty file: no header", input=str(source_path),
                                    hint="cut needs a CSV whose first line names the columns")
        # Algorithm L (Li, 1994): skips ahead between replacements instead of drawing for every record
        weight = math.exp(math.log(chooser.random() or 1e-300) / rows) if rows else 0.0
        next_pick = rows
        for index, record in enumerate(records):
            if index < rows:
                reservoir.append((index, record))
                if index == rows - 1:
                    next_pick = index + _skip(chooser, weight)
                continue
            if rows and index == next_pick:
                reservoir[chooser.randrange(rows)] = (index, record)
                weight *= math.exp(math.log(chooser.random() or 1e-300) / rows)
                next_pick = index + _skip(chooser, weight)
    reservoir.sort()
    with _create(path) as out:
        out.write(header)
        out.writelines(record for _, record in reservoir)
    return len(reservoir)


def _skip(chooser: random.Random, weight: float) -> int:
    if weight >= 1.0:
        return 1
    if weight <= 0.0:
        return 1 << 62
    return int(math.log(chooser.random() or 1e-300) / math.log1p(-weight)) + 1
