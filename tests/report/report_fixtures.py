"""Test data of the report tests: a small, fixed slice of the country, authority and sector knowledge.

The report rules read ``countries.yaml``, ``authorities.yaml`` and ``sectors.yaml``; the tests pin their own
entries so that the golden reports do not change when an analyst edits the packaged knowledge.
"""

from __future__ import annotations

from typing import Any

from breachlens.knowledge import schemas
from breachlens.model import Factor, Severity, SeverityBand
from breachlens.report import rules

REAL_OPTIONAL = rules._optional  # the packaged-knowledge reader, for the tests that want it

COUNTRIES = schemas.Countries.model_validate(
    {
        "countries": {
            "FR": {"names": {"en": ["France"], "fr": ["France"]}, "eu": True, "eea": True},
            "DE": {"names": {"en": ["Germany"], "fr": ["Allemagne"]}, "eu": True, "eea": True},
            "NO": {"names": {"en": ["Norway"], "fr": ["Norvège"]}, "eea": True},
            "GB": {"names": {"en": ["United Kingdom"], "fr": ["Royaume-Uni"]}},
            "US": {"names": {"en": ["United States"], "fr": ["États-Unis"]}},
            "IN": {"names": {"en": ["India"], "fr": ["Inde"]}},
            "BR": {"names": {"en": ["Brazil"], "fr": ["Brésil"]}},
            "DZ": {"names": {"en": ["Algeria"], "fr": ["Algérie"]}},
        }
    }
)

AUTHORITIES = schemas.Authorities.model_validate(
    {
        "authorities": {
            "FR": {
                "name": "Commission nationale de l'informatique et des libertés",
                "name_en": "French Data Protection Authority",
                "short": "CNIL",
                "url": "https://www.cnil.fr",
                "breach_url": "https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles",
                "cert": "ANSSI (CERT-FR)",
            },
            "DE": {"name": "Bundesbeauftragte für den Datenschutz", "short": "BfDI", "cert": "BSI"},
            "GB": {
                "name": "Information Commissioner's Office",
                "short": "ICO",
                "breach_url": "https://ico.org.uk/for-organisations/report-a-breach/",
                "law": "UK GDPR",
            },
            "BR": {
                "name": "Autoridade Nacional de Proteção de Dados",
                "short": "ANPD",
                "law": "LGPD",
                "deadline_hours": None,
            },
        }
    }
)

SECTORS = schemas.Sectors.model_validate(
    {
        "sectors": {
            "government": {
                "label": {"en": "government", "fr": "administration publique"},
                "nis2": "essential",
            },
            "healthcare": {
                "label": {"en": "healthcare", "fr": "santé"},
                "nis2": "essential",
                "vulnerable": True,
            },
            "education": {"label": {"en": "education", "fr": "enseignement"}, "vulnerable": True},
            "finance": {"label": {"en": "finance", "fr": "finance"}, "nis2": "essential"},
            "telecom": {
                "label": {"en": "telecommunications", "fr": "télécommunications"},
                "nis2": "essential",
            },
            "e-commerce": {"label": {"en": "e-commerce", "fr": "commerce en ligne"}},
        }
    }
)

FIXTURES: dict[str, Any] = {"countries": COUNTRIES, "authorities": AUTHORITIES, "sectors": SECTORS}


def severity(score: float = 3.5, band: str = "high", scale: int | None = None) -> Severity:
    """A severity built by hand, as the ENISA engine would return it."""
    return Severity(
        score=score,
        band=SeverityBand(band),
        dpc=Factor(
            name="DPC",
            value=3,
            reason="employment data (behavioural), raised by one for the volume",
            evidence=["data_categories=employment"],
        ),
        ei=Factor(
            name="EI",
            value=1,
            reason="full names with contact details identify people directly",
            evidence=["data_categories=name"],
        ),
        cb=Factor(
            name="CB",
            value=0.5,
            reason="offered for sale to unknown buyers (malicious intent)",
            evidence=["claim_type=sale"],
        ),
        factors=[Factor(name="DPC volume adjustment", value=1, reason="more than 1 million records")],
        scale=scale,
    )
