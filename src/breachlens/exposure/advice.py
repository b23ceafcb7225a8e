"""What a person should do about a breach that holds their identifier: ``knowledge/advice.yaml``, per exposed data
category and victim sector, in English or French.

Example::

    advise(breaches, "fr")    # [Advice(category="general", ...), Advice(category="phone", ...), ...]
"""

from __future__ import annotations

from collections.abc import Sequence

from breachlens import knowledge
from breachlens.knowledge.schemas import AdviceRules
from breachlens.model import Advice, Exposure, IndexedBreach

__all__ = ["advise", "data_class_names", "exposure_of"]


def _rules() -> AdviceRules:
    rules: AdviceRules = knowledge.load("advice")
    return rules


def _text(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts["en"]


def advise(breaches: Sequence[IndexedBreach], lang: str = "en") -> list[Advice]:
    """The advice for these breaches: the general line, one per exposed category (the sector-specific text when one
    of the breaches is of that sector), then one per victim sector. Empty when there are no breaches."""
    if not breaches:
        return []
    rules = _rules()
    advice = [Advice(category="general", text=_text(rules.general, lang), rule="general")]
    sectors = {b.sector for b in breaches if b.sector}
    categories = sorted({c for b in breaches for c in b.breach.data_categories})
    for category in categories:
        entry = rules.categories.get(category)
        if entry is None:
            continue
        special = sorted(s for s in sectors if s in entry.sectors)
        if special:
            advice.append(Advice(category=category, text=_text(entry.sectors[special[0]], lang),
                                 rule=f"{category}/{special[0]}"))
        else:
            advice.append(Advice(category=category, text=_text(entry.text, lang), rule=category))
    for sector in sorted(sectors):
        if sector in rules.sectors:
            advice.append(Advice(category="general", text=_text(rules.sectors[sector], lang), rule=f"sector/{sector}"))
    return advice


def exposure_of(kind: str, breaches: Sequence[IndexedBreach], lang: str = "en") -> Exposure:
    """A lookup answer: the breaches, their categories and the advice (never the identifier)."""
    categories = sorted({c for b in breaches for c in b.breach.data_categories})
    return Exposure(kind=kind, breaches=[b.breach for b in breaches], data_categories=categories,  # type: ignore[arg-type]
                    advice=advise(breaches, lang), language=lang)


def data_class_names(categories: Sequence[str]) -> list[str]:
    """Have I Been Pwned data-class names for taxonomy keys (the key itself when advice.yaml names none)."""
    names = _rules().data_classes
    return sorted({names.get(c, c.replace("_", " ").capitalize()) for c in categories})
