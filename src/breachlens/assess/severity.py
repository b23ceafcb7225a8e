"""Severity of a claimed breach by the ENISA (2013) method: SE = DPC x EI + CB.

The method's tables live in ``knowledge/enisa.yaml``; this module applies them to the facts of a claim and
explains every number. ``enisa_score`` is the bare formula, for the method's own test vectors.

Example::

    severity = assess_severity(claim)
    print(severity.score, severity.band, severity.dpc.reason)
"""

from __future__ import annotations

from breachlens import knowledge
from breachlens.knowledge.schemas import Enisa, EnisaClass
from breachlens.model import Claim, Factor, Severity, SeverityBand

__all__ = ["assess_severity", "enisa_score", "band_of"]

_CLASS_ORDER = ("simple", "behavioural", "financial", "sensitive")


def _say(texts: dict[str, str], lang: str, **values: object) -> str:
    template = texts.get(lang) or texts["en"]
    return template.format(**values)


def _rules() -> Enisa:
    rules: Enisa = knowledge.load("enisa")
    return rules


def band_of(score: float) -> SeverityBand:
    """The severity band of score ``score`` (low < 2 <= medium < 3 <= high < 4 <= very high)."""
    for band in _rules().bands:
        if score >= band.min - 1e-9:
            return SeverityBand(band.band)
    return SeverityBand.low  # pragma: no cover - the schema guarantees a band at 0


def enisa_score(dpc: float, ei: float, confidentiality: float = 0, integrity: float = 0, availability: float = 0,
                malicious: float = 0) -> tuple[float, SeverityBand]:
    """SE = DPC x EI + CB and its band, from the method's components."""
    score = round(dpc * ei + confidentiality + integrity + availability + malicious, 4)
    return score, band_of(score)


def _labels(keys: list[str], lang: str) -> str:
    categories = knowledge.load("categories").categories
    return ", ".join(categories[k].label.get(lang, categories[k].label["en"]) if k in categories else k
                     for k in keys)


def _dpc(claim: Claim, lang: str) -> tuple[Factor, list[Factor]]:
    rules = _rules()
    categories = knowledge.load("categories").categories
    known = [k for k in claim.data_categories if k in categories]
    base_class: EnisaClass
    if not known:
        base_class = "simple"
        base_reason = _say(rules.no_data.reason, lang)
        drivers: list[str] = []
    else:
        base_class = max((categories[k].enisa for k in known), key=_CLASS_ORDER.index)
        drivers = [k for k in known if categories[k].enisa == base_class]
        base_reason = f"{_say(rules.dpc_labels[base_class], lang)}: {_labels(drivers, lang)}"
    base = rules.dpc_base[base_class]
    adjustments: list[Factor] = []
    used_groups: set[str] = set()
    flags = set(claim.flags)
    sector = claim.victim.sector if claim.victim else None
    for rule in rules.dpc_adjustments:
        if rule.group in used_groups or (rule.base and base_class not in rule.base):
            continue
        if rule.flags_any and not flags & set(rule.flags_any):
            continue
        if rule.sectors_any and sector not in rule.sectors_any:
            continue
        if rule.min_categories is not None and len(known) < rule.min_categories:
            continue
        used_groups.add(rule.group)
        facts = [f"flags={f}" for f in rule.flags_any if f in flags]
        if rule.sectors_any:
            facts.append(f"victim.sector={sector}")
        if rule.min_categories is not None:
            facts.append(f"data_categories={len(known)}")
        reason = _say(rule.reason, lang, sector=sector, n_categories=len(known))
        adjustments.append(Factor(name=f"DPC {rule.id}", value=rule.delta, reason=reason, evidence=facts))
    value = min(4, max(1, base + sum(int(a.value) for a in adjustments)))
    reason = base_reason
    if adjustments:
        reason += "; " + "; ".join(f"{a.reason} ({a.value:+g})" for a in adjustments)
    dpc = Factor(name="DPC", value=value, reason=reason, evidence=[f"data_categories={k}" for k in drivers])
    return dpc, adjustments


def _ei(claim: Claim, lang: str) -> Factor:
    rules = _rules()
    categories = knowledge.load("categories").categories
    known = [k for k in claim.data_categories if k in categories]
    present = set(known)
    for combination in rules.ei_combinations:
        others = [k for k in combination.any_of if k in present]
        if set(combination.all_of) <= present and others:
            return Factor(name="EI", value=combination.value,
                          reason=_say(combination.reason, lang, others=_labels(others, lang)),
                          evidence=[f"data_categories={k}" for k in [*combination.all_of, *others]])
    if not known:
        value = rules.ei_levels["medium"]
        label = _say(rules.ei_labels[value], lang)
        reason = {"en": f"{label}: no data category is named",
                  "fr": f"{label} : aucune catégorie de données nommée"}
        return Factor(name="EI", value=value, reason=reason.get(lang, reason["en"]))
    value = max(rules.ei_levels[categories[k].identifying] for k in known)
    drivers = [k for k in known if rules.ei_levels[categories[k].identifying] == value]
    label = _say(rules.ei_labels[value], lang)
    sep = " : " if lang == "fr" else ": "
    return Factor(name="EI", value=value, reason=f"{label}{sep}{_labels(drivers, lang)}",
                  evidence=[f"data_categories={k}" for k in drivers])


def _cb(claim: Claim, lang: str) -> tuple[Factor, list[Factor]]:
    cb = _rules().cb
    parts: list[Factor] = []
    claim_type = str(claim.claim_type)
    confidentiality = cb.confidentiality.get(claim_type) or cb.confidentiality.get("other")
    if confidentiality is not None and confidentiality.value:
        parts.append(Factor(name="CB confidentiality", value=confidentiality.value,
                            reason=_say(confidentiality.reason, lang), evidence=[f"claim_type={claim_type}"]))
    flags = set(claim.flags)
    if cb.integrity.flag in flags:
        parts.append(Factor(name="CB integrity", value=cb.integrity.value, reason=_say(cb.integrity.reason, lang),
                            evidence=[f"flags={cb.integrity.flag}"]))
    for availability in cb.availability:
        if availability.flag in flags:
            parts.append(Factor(name="CB availability", value=availability.value,
                                reason=_say(availability.reason, lang), evidence=[f"flags={availability.flag}"]))
            break
    if claim_type in cb.malicious.claim_types:
        parts.append(Factor(name="CB malicious intent", value=cb.malicious.value,
                            reason=_say(cb.malicious.reason, lang), evidence=[f"claim_type={claim_type}"]))
    total = round(sum(p.value for p in parts), 4)
    reason = "; ".join(f"{p.reason} (+{p.value:g})" for p in parts) or (
        "aucune circonstance aggravante établie" if lang == "fr" else "no aggravating circumstance established")
    evidence = sorted({e for p in parts for e in p.evidence})
    return Factor(name="CB", value=total, reason=reason, evidence=evidence), parts


def assess_severity(claim: Claim, lang: str = "en") -> Severity:
    """The ENISA severity of ``claim``, every component with its reason (worded in ``lang``)."""
    dpc, adjustments = _dpc(claim, lang)
    ei = _ei(claim, lang)
    cb, parts = _cb(claim, lang)
    score, band = enisa_score(dpc.value, ei.value, sum(p.value for p in parts))
    scale = claim.records
    if scale is None and claim.records_range is not None:
        scale = claim.records_range[1]
    return Severity(score=score, band=band, dpc=dpc, ei=ei, cb=cb, factors=[*adjustments, *parts], scale=scale)
