"""The exception tree of breachlens.

::

    BreachlensError                      root of everything we raise on purpose
    ├── InputError(ValueError)           an input we cannot read: empty, binary, missing, too large
    ├── KnowledgeError(ValueError)       a knowledge file that does not validate
    ├── ExtractionError                  extraction could not run on a document
    ├── SourceError                      a source cannot be read or fetched (unreachable, refused, too big)
    ├── SampleFormatError(InputError)    a leaked sample that cannot be read: format, encoding, truncation, bombs
    ├── StoreError                       the database cannot be opened or written
    └── ConfigurationError               a setting or environment variable is wrong

Every error names the input and what is wrong, and says how to fix it where we know. The CLI prints the
message and exits non-zero; it never shows a traceback for these.
"""

from __future__ import annotations


class BreachlensError(Exception):
    """Root of breachlens' exceptions."""

    def __init__(self, message: str, *, input: str | None = None, hint: str | None = None) -> None:
        self.input = input
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        text = super().__str__()
        if self.input:
            text = f"{self.input}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class InputError(BreachlensError, ValueError):
    """An input that cannot be read as text."""


class KnowledgeError(BreachlensError, ValueError):
    """A knowledge file that is missing or does not validate."""


class ExtractionError(BreachlensError):
    """Extraction failed on a document."""


class SourceError(BreachlensError):
    """A source cannot be read or fetched: unreachable, refused by the network policy, too big, garbage."""


class SampleFormatError(InputError):
    """A leaked sample that cannot be read: unknown format, undecodable, truncated, an archive over its limits."""


class StoreError(BreachlensError):
    """The database cannot be opened, read or written."""


class ConfigurationError(BreachlensError):
    """A setting or environment variable is wrong."""
