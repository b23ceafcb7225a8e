"""Each consistency or fabrication check counts right on small frames, and its tallies add up across batches."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.checks import (
    CHECKS,
    Ages,
    EmailDomains,
    EmailPattern,
    NirBirth,
    NirCivility,
    PhoneRegion,
    PostalCodeCity,
    Tally,
    parse_dates,
)


def frame(**columns: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame({name: pl.Series(values, dtype=pl.String) for name, values in columns.items()})


def test_parse_dates_reads_the_usual_spellings() -> None:
    parsed = parse_dates(pl.Series(["1985-03-12", "12/03/1985", "19850312", "12.03.1985", "1985-03-12 10:00:00",
                                    "31/02/1990", "soon", None]))
    assert parsed.dt.to_string("%Y-%m-%d").to_list()[:5] == ["1985-03-12"] * 5
    assert parsed.to_list()[5:] == [None, None, None]


@pytest.mark.parametrize(("code", "city", "checked", "failed"), [
    ("75011", "Paris", 1, 0), ("75011", "PARIS 11E", 1, 0), ("13001", "Marseille", 1, 0),
    ("75011", "Marseille", 1, 1),  # a known city of another département
    ("75011", "Villeneuve-sur-Nowhere", 0, 0),  # unknown: not counted
    ("ABCDE", "Paris", 0, 0),
])
def test_postal_code_city(code: str, city: str, checked: int, failed: int) -> None:
    tally = PostalCodeCity().count(frame(cp=[code], ville=[city]), {"postal_code": ["cp"], "city": ["ville"]})
    assert (tally.checked, tally.failed) == (checked, failed)


@pytest.mark.parametrize(("phone", "code", "checked", "failed"), [
    ("01 42 00 00 00", "75011", 1, 0), ("+33 1 42 00 00 00", "75011", 1, 0), ("0491000000", "13001", 1, 0),
    ("0491000000", "75011", 1, 1),  # a Marseille landline for a Paris address
    ("0612345678", "75011", 0, 0),  # mobiles are not tied to a place
    ("0142", "75011", 0, 0),
])
def test_phone_region(phone: str, code: str, checked: int, failed: int) -> None:
    tally = PhoneRegion().count(frame(tel=[phone], cp=[code]), {"phone": ["tel"], "postal_code": ["cp"]})
    assert (tally.checked, tally.failed) == (checked, failed)


@pytest.mark.parametrize(("nir", "born", "checked", "failed"), [
    ("185037512345642", "1985-03-12", 1, 0), ("1 85 03 75 123 456 42", "12/03/1985", 1, 0),
    ("185047512345642", "1985-03-12", 1, 1),  # April in the NIR, March in the date
    ("190037512345642", "1985-03-12", 1, 1),
    ("185207512345642", "1985-03-12", 0, 0),  # month 20: unknown month, not counted
    ("105037512345642", "2005-03-12", 1, 0), ("105037512345642", "2015-03-12", 1, 1),  # "05" is 2005, not 15
    ("1850375", "1985-03-12", 0, 0),
])
def test_nir_birth(nir: str, born: str, checked: int, failed: int) -> None:
    tally = NirBirth().count(frame(nir=[nir], ddn=[born]), {"nir": ["nir"], "date_of_birth": ["ddn"]})
    assert (tally.checked, tally.failed) == (checked, failed)


@pytest.mark.parametrize(("nir", "civility", "checked", "failed"), [
    ("185037512345642", "M.", 1, 0), ("285037512345642", "Mme", 1, 0), ("285037512345642", "Madame", 1, 0),
    ("185037512345642", "Mme", 1, 1), ("285037512345642", "Monsieur", 1, 1),
    ("185037512345642", "Dr", 0, 0),
])
def test_nir_civility(nir: str, civility: str, checked: int, failed: int) -> None:
    tally = NirCivility().count(frame(nir=[nir], civ=[civility]), {"nir": ["nir"], "civility": ["civ"]})
    assert (tally.checked, tally.failed) == (checked, failed)


def test_nir_civility_over_rows_with_repeated_spellings() -> None:
    nirs = ["185037512345642", "285037512345642", "185037512345642", "285037512345642", "185037512345642"]
    civilities = ["M.", " Mme ", "Madame", None, "m."]  # the man called Madame fails; the missing one is skipped
    tally = NirCivility().count(frame(nir=nirs, civ=civilities), {"nir": ["nir"], "civility": ["civ"]})
    assert (tally.checked, tally.failed) == (4, 1)


def test_email_pattern_finds_one_pattern_for_everyone() -> None:
    firsts = ["Jean", "Marie", "Luc", "Anne"] * 20
    lasts = ["Martin", "Durand", "Petit", "Moreau"] * 20
    regular = frame(prenom=firsts, nom=lasts, mail=[f"{f.lower()}.{n.lower()}@gmail.com"
                                                   for f, n in zip(firsts, lasts, strict=True)])
    varied = frame(prenom=firsts, nom=lasts,
                   mail=[[f"{f.lower()}.{n.lower()}@gmail.com", f"{n.lower()}{i}@free.fr", f"{f[0]}{n}@orange.fr",
                          f"zorro{i}@laposte.net"][i % 4] for i, (f, n) in enumerate(zip(firsts, lasts, strict=True))])
    columns = {"email": ["mail"], "first_name": ["prenom"], "last_name": ["nom"]}
    check = EmailPattern()
    (one,) = check.judge(check.count(regular, columns), "en")
    (many,) = check.judge(check.count(varied, columns), "en")
    assert one.suspicious and one.failed == 80 and "first+last" in one.reason
    assert not many.suspicious


@pytest.mark.parametrize("columns", [{"email": ["mail"], "last_name": ["nom"]},
                                     {"email": ["mail"], "first_name": ["nom"]}, {"email": ["mail"]}])
def test_email_pattern_without_both_name_columns(columns: dict[str, list[str]]) -> None:
    """A sample with an e-mail column and only one name column (or none) is read, not a polars traceback."""
    tally = EmailPattern().count(frame(mail=["j.martin@example.org", "zorro@example.org"], nom=["Martin", "Z"]),
                                 columns)
    assert tally.checked == 2 and sum(tally.counts.values()) == 2


def test_email_pattern_shows_no_letter_of_an_address() -> None:
    """The pattern is a shape: accented letters of a local part are shapes too, not shown as they are."""
    tally = EmailPattern().count(frame(mail=["jean-françois.müller12@example.org"]), {"email": ["mail"]})
    assert list(tally.counts) == [" a-a.a9"]


def test_email_domains_of_accented_local_parts() -> None:
    """The domain follows the @ whatever the letters before it (the byte offset of the @ is not its place)."""
    mails = ["élodie@exemple.fr", "josé.garcía@correo.es", "日本語@例え.jp", "jean@exemple.fr", None]
    tally = EmailDomains().count(frame(mail=mails), {"email": ["mail"]})
    assert tally.counts == {"exemple.fr": 2, "correo.es": 1, "xn--r8jz45g.jp": 1}


def test_email_domains_flags_generator_domains_and_a_single_domain() -> None:
    check = EmailDomains()
    fake = frame(mail=[f"user{i}@example.com" for i in range(100)])
    real = frame(mail=[f"user{i}@{d}" for i, d in enumerate(["gmail.com", "orange.fr", "free.fr", "sfr.fr"] * 25)])
    generator, one_domain = check.judge(check.count(fake, {"email": ["mail"]}), "fr")
    assert generator.suspicious and one_domain.suspicious and "example.com" in generator.reason
    assert not any(c.suspicious for c in check.judge(check.count(real, {"email": ["mail"]}), "en"))


def test_ages() -> None:
    born = ["1985-03-12"] * 90 + ["2024-01-01"] * 5 + ["1890-01-01"] * 5
    tally = Ages().count(frame(ddn=born), {"date_of_birth": ["ddn"]})
    assert (tally.checked, tally.failed) == (100, 10)
    (result,) = Ages().judge(tally, "en")
    assert result.suspicious


def test_tallies_add_up_in_any_order() -> None:
    a, b, c = Tally(3, 1), Tally(5, 2), Tally(7, 0)
    a.counts["x"] = 1
    c.counts["x"] = 2
    assert ((a + b) + c).checked == (a + (b + c)).checked == 15
    assert ((a + b) + c).counts == (a + (b + c)).counts


def test_every_check_has_its_rule_and_message() -> None:
    from breachlens import knowledge

    rules = knowledge.load("sample_checks")
    for check in CHECKS:
        assert check.name in rules.checks and check.name in rules.messages
    assert "email_one_domain" in rules.checks and "vocabulary" in rules.checks and "digits" in rules.checks
