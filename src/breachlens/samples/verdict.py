"""The verdict on a leaked sample, with its reasons: plausible, recycled, fabricated or inconclusive.

Order of the rules (thresholds in ``knowledge/sample_checks.yaml``, ``verdict``):

1. too few rows, or no column with checkable personal data: **inconclusive**;
2. a registered dump holds at least ``recycled_overlap`` of the sample's identifiers: **recycled** (which dump,
   how much) — real data, already known;
3. at least ``fabricated_signals`` suspicious checks, or one checksum check failing ``strong_failure`` of the
   time: **fabricated**, every sign listed;
4. otherwise **plausible**.

Example::

    verdict, reasons = decide(rows, columns, checks, overlaps, "en")
"""

from __future__ import annotations

from collections.abc import Sequence

from breachlens import knowledge
from breachlens.model import Claim, ColumnProfile, Overlap, SampleCheck, SampleReport, SampleVerdictKind
from breachlens.samples.checks import say

__all__ = ["compare_with_claim", "decide"]

CHECKABLE = ("email", "phone", "nir", "iban", "payment_card", "siren", "siret", "date_of_birth", "first_name",
             "last_name", "full_name", "postal_code", "street_address", "password_hash", "ip_address")


def decide(rows: int, columns: Sequence[ColumnProfile], checks: Sequence[SampleCheck], overlaps: Sequence[Overlap],
           lang: str = "en") -> tuple[SampleVerdictKind, list[str]]:
    """The verdict and the reasons behind it, strongest first."""
    rules = knowledge.load("sample_checks").verdict
    if rows < rules.min_rows:
        return SampleVerdictKind.inconclusive, [say("verdict_few_rows", lang, rows=rows, minimum=rules.min_rows)]
    if not any(c.kind in CHECKABLE for c in columns):
        return SampleVerdictKind.inconclusive, [say("verdict_no_identifiers", lang)]
    best = max(overlaps, key=lambda o: o.ratio, default=None)
    if best is not None and best.ratio >= rules.recycled_overlap:
        return SampleVerdictKind.recycled, [say("verdict_recycled", lang, shared=best.shared,
                                                identifiers=best.sample_identifiers, rate=f"{best.ratio:.0%}",
                                                dump=best.dump)]
    suspicious = sorted((c for c in checks if c.suspicious), key=lambda c: -c.failure_rate)
    strong = [c for c in suspicious if c.kind == "validity" and c.failure_rate >= rules.strong_failure]
    if len(suspicious) >= rules.fabricated_signals or strong:
        return (SampleVerdictKind.fabricated,
                [say("verdict_fabricated", lang, count=len(suspicious))] + [c.reason for c in suspicious])
    return SampleVerdictKind.plausible, [say("verdict_plausible", lang, checks=len(checks), rows=rows)]


def compare_with_claim(report: SampleReport, claim: Claim, lang: str = "en") -> list[str]:
    """How the sample compares with what the seller claimed: its size against the count, the data categories."""
    lines = []
    rows = report.read.rows
    if claim.records:
        if rows > claim.records:
            lines.append(say("claim_rows_more", lang, rows=rows, records=claim.records))
        else:
            lines.append(say("claim_rows", lang, rows=rows, records=claim.records,
                             share=f"{rows / claim.records:.4%}".rstrip("0").rstrip(".")))
    claimed = set(claim.data_categories) - {"other"}
    found = set(report.data_categories)
    if claimed:
        missing, extra = sorted(claimed - found), sorted(found - claimed)
        if missing:
            lines.append(say("claim_missing", lang, categories=", ".join(missing)))
        if extra:
            lines.append(say("claim_extra", lang, categories=", ".join(extra)))
        if not missing:
            lines.append(say("claim_agrees", lang))
    return lines
