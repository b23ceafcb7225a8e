"""The language of a text (ISO 639-1), by lingua restricted to the languages we read."""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["detect_language", "SUPPORTED"]

SUPPORTED = ("en", "fr", "es", "de", "it", "pt", "nl", "ru")


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_languages(*languages).with_minimum_relative_distance(0.05).build()


def detect_language(text: str, sample: int = 300) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short or unclear."""
    chunk = text[:sample]
    if len(chunk) < 12 or sum(1 for word in chunk.split() if word.isalpha()) < 3:
        return None
    language = _detector().detect_language_of(chunk)
    if language is None:
        return None
    return str(language.iso_code_639_1.name).lower()
