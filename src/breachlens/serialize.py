"""The JSON layout of a claim (one line per input in ``breachlens analyze --format json``)."""

from __future__ import annotations

from typing import Any

from breachlens.model import Claim, Severity

__all__ = ["claim_to_dict"]


def claim_to_dict(claim: Claim, severity: Severity | None = None) -> dict[str, Any]:
    """The claim as the evaluation layout expects it, with its severity and factors when given."""
    data = claim.model_dump(mode="json")
    if severity is not None:
        data["severity"] = severity.model_dump(mode="json")
    return data
