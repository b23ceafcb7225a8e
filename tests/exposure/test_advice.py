"""Advice per exposed data category and victim sector, in English and French (knowledge/advice.yaml)."""

from __future__ import annotations

import pytest

from breachlens import knowledge
from breachlens.exposure.advice import advise, data_class_names
from breachlens.model import Breach, IndexedBreach


def _breach(categories: list[str], sector: str | None = None) -> IndexedBreach:
    return IndexedBreach(number=1, breach=Breach(name="x", title="X", data_categories=categories), sector=sector)


@pytest.mark.parametrize(("category", "words_en", "words_fr"), [
    ("phone", "never give a code", "ne donnez jamais un code"),
    ("email", "phishing", "hameçonnage"),
    ("national_id", "identity fraud", "usurpation d'identité"),
    ("financial", "sepa", "sepa"),
    ("password", "everywhere you used the same one", "partout où vous l'utilisiez"),
])
def test_each_category_has_its_advice_in_both_languages(category: str, words_en: str, words_fr: str) -> None:
    for lang, words in (("en", words_en), ("fr", words_fr)):
        texts = [a.text.lower() for a in advise([_breach([category])], lang) if a.category == category]
        assert len(texts) == 1 and words in texts[0], (lang, texts)


def test_the_sector_changes_the_advice() -> None:
    plain = {a.rule for a in advise([_breach(["phone", "employment"])])}
    telecom = {a.rule for a in advise([_breach(["phone"], "telecom")])}
    jobs = {a.rule for a in advise([_breach(["employment"], "recruitment")], "fr")}
    assert {"phone", "employment"} <= plain and "phone/telecom" in telecom and "sector/telecom" in telecom
    assert "employment/recruitment" in jobs and "sector/recruitment" in jobs


def test_no_breach_no_advice() -> None:
    assert advise([]) == []


def test_every_key_is_known_to_the_taxonomies() -> None:
    rules = knowledge.load("advice")
    categories = knowledge.load("categories").categories
    sectors = knowledge.load("sectors").sectors
    assert set(rules.categories) <= set(categories) and set(rules.data_classes) <= set(categories)
    assert set(rules.sectors) <= set(sectors)
    assert all(set(entry.sectors) <= set(sectors) for entry in rules.categories.values())
    assert all("fr" in entry.text for entry in rules.categories.values())


def test_data_class_names_follow_the_catalogue() -> None:
    assert data_class_names(["email", "phone", "name"]) == ["Email addresses", "Names", "Phone numbers"]
