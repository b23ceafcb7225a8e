"""breachlens: turn what criminals post about stolen data into evidenced intelligence.

The public surface::

    from breachlens import analyze
    claim = analyze("selling France Travail database, 22M lines, nom, prénom, email, tel - 2500$")
    claim.victim.name, claim.records, claim.price.amount, claim.evidence

Everything not listed in ``__all__`` may change between versions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from breachlens.errors import (
    BreachlensError,
    ConfigurationError,
    ExtractionError,
    InputError,
    KnowledgeError,
    SourceError,
    StoreError,
)
from breachlens.model import (
    Assessment,
    Claim,
    ClaimType,
    Document,
    Evidence,
    Factor,
    Obligation,
    Price,
    SampleReport,
    SampleVerdictKind,
    Severity,
    SeverityBand,
    Statement,
    Victim,
)

if TYPE_CHECKING:
    from breachlens.exposure.index import ExposureIndex

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "BreachlensError",
    "Claim",
    "ClaimType",
    "ConfigurationError",
    "Document",
    "Evidence",
    "ExposureIndex",
    "ExtractionError",
    "Factor",
    "InputError",
    "KnowledgeError",
    "Obligation",
    "Price",
    "SampleReport",
    "SampleVerdictKind",
    "Severity",
    "SeverityBand",
    "Statement",
    "SourceError",
    "StoreError",
    "Victim",
    "__version__",
    "analyze",
    "assess",
    "profile_sample",
]


def analyze(text: str, source: str = "-", *, language: str | None = None) -> Claim:
    """The evidenced claim that ``text`` (plain text or HTML) makes.

    Every value of the claim carries an :class:`Evidence` whose ``text`` equals ``claim_text[start:end]``,
    where ``claim_text`` is the document text (HTML is converted to text first; see
    :func:`breachlens.extract.pipeline.prepare`).
    """
    from breachlens.extract.pipeline import extract, prepare

    if not isinstance(text, str):
        raise InputError(f"analyze() takes text (str), not {type(text).__name__}", input=source)
    return extract(prepare(text, source=source), language=language)


def assess(claim: Claim, lang: str = "en") -> Any:
    """Severity (ENISA), obligations, insights and mitigations for ``claim``: an :class:`Assessment`."""
    from breachlens.assess import assess as _assess

    return _assess(claim, lang=lang)


def profile_sample(path: str | Any, *, lang: str = "en", against: list[str] | None = None) -> SampleReport:
    """Verify a leaked sample file: its columns, checks, overlap with registered dumps, the owner's flows and a
    verdict (plausible, recycled, fabricated, inconclusive). Nothing from the file is stored.

    See :func:`breachlens.samples.profile.verify_sample` for every option (claim, limits, Dask).
    """
    from breachlens.samples.profile import verify_sample

    return verify_sample(path, lang=lang, against=against)


def __getattr__(name: str) -> Any:
    """``ExposureIndex`` loads numpy, so it is imported when first asked for, keeping ``import breachlens`` light."""
    if name == "ExposureIndex":
        from breachlens.exposure.index import ExposureIndex

        return ExposureIndex
    raise AttributeError(f"module 'breachlens' has no attribute {name!r}")
