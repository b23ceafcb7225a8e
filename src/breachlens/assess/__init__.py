"""Assessment: from a claim to everything we conclude about it.

``assess(claim)`` composes the stages in one visible order: severity (ENISA method), regulatory obligations,
insights, mitigations per audience and a headline. Each stage is a plain function of the claim (and the
severity); the knowledge they use is data under ``breachlens/knowledge/``.
"""

from __future__ import annotations

from breachlens.model import Assessment, Claim

__all__ = ["assess"]


def assess(claim: Claim, lang: str = "en") -> Assessment:
    """Assess ``claim``: severity, obligations, insights, mitigations and headline, worded in ``lang``.

    Example::

        assessment = assess(claim, lang="fr")
        print(assessment.headline)
    """
    from breachlens.assess.severity import assess_severity
    from breachlens.report import rules

    severity = assess_severity(claim, lang)
    return Assessment(
        claim=claim,
        severity=severity,
        obligations=rules.obligations(claim, severity, lang),
        insights=rules.insights(claim, severity, lang),
        mitigations=rules.mitigations(claim, severity, lang),
        headline=rules.headline(claim, lang),
        language=lang,
    )
