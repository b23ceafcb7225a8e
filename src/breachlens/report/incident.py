"""The report of an incident: the claim report of the incident as a whole, then its timeline of sources,
credibility and novelty against known breaches."""

from __future__ import annotations

from breachlens.model import Assessment, Incident

__all__ = ["render_incident_markdown"]

_WORDS = {
    "en": {"incident": "Incident", "timeline": "Timeline of sources", "seen": "seen", "source": "source",
           "published": "published", "author": "author", "first_seen": "First seen", "last_seen": "last seen",
           "breach_date": "breach date (claimed)", "credibility": "Credibility", "admiralty": "Admiralty",
           "novelty": "Novelty", "new": "new: no known breach of this victim matches",
           "repost": "probable re-post or repackaging of a known breach",
           "unknown": "cannot be judged (no catalogue imported, or no victim name)", "claims": "Claims",
           "count_range": "records claimed", "sources": "sources", "none": "none", "by_source": "by source"},
    "fr": {"incident": "Incident", "timeline": "Chronologie des sources", "seen": "vu", "source": "source",
           "published": "publié", "author": "auteur", "first_seen": "Vu pour la première fois",
           "last_seen": "vu pour la dernière fois", "breach_date": "date de la fuite (revendiquée)",
           "credibility": "Crédibilité", "admiralty": "Amirauté", "novelty": "Nouveauté",
           "new": "nouvelle : aucune fuite connue de cette victime ne correspond",
           "repost": "probable republication ou reconditionnement d'une fuite connue",
           "unknown": "impossible à juger (aucun catalogue importé, ou victime sans nom)", "claims": "Revendications",
           "count_range": "enregistrements revendiqués", "sources": "sources", "none": "aucune",
           "by_source": "par source"},
}


def _md(text: str) -> str:
    """Text from a source, made inert in Markdown (no links, no HTML, no emphasis)."""
    return "".join("\\" + c if c in "\\`*_[]<>#|!" else c for c in text.replace("\n", " "))


def render_incident_markdown(incident: Incident, assessment: Assessment, lang: str = "en") -> str:
    """The incident's report in Markdown: the claim report, then timeline, credibility and novelty."""
    from breachlens.report.render import render
    from breachlens.report.rules import format_number

    w = _WORDS.get(lang, _WORDS["en"])
    lines = [f"# {w['incident']} {incident.id}", ""]
    lines.append(render(assessment, "markdown").rstrip())
    lines += ["", f"## {w['timeline']}", ""]
    lines.append(f"- {w['first_seen']}: {incident.first_seen:%Y-%m-%d %H:%M} UTC; {w['last_seen']}: "
                 f"{incident.last_seen:%Y-%m-%d %H:%M} UTC; {w['breach_date']}: {incident.breach_date or '—'}")
    if incident.records_range:
        low, high = incident.records_range
        span = format_number(low, lang) if low == high else f"{format_number(low, lang)} – {format_number(high, lang)}"
        lines.append(f"- {w['count_range']}: {span}")
    lines += ["", f"| {w['seen']} | {w['source']} | {w['published']} | {w['author']} |", "| --- | --- | --- | --- |"]
    for s in incident.sightings:
        where = _md(s.source) + (f" ({_md(s.url)})" if s.url and s.url != s.source else "")
        lines.append(f"| {s.seen:%Y-%m-%d %H:%M} | {where} | "
                     f"{s.published.strftime('%Y-%m-%d') if s.published else '—'} | {_md(s.author or '—')} |")
    if incident.credibility is not None:
        c = incident.credibility
        lines += ["", f"## {w['credibility']}: {c.score}/100 ({c.band}, {w['admiralty']} {c.admiralty})", ""]
        for f in c.factors:
            facts = f" ({', '.join(_md(e) for e in f.evidence)})" if f.evidence else ""
            lines.append(f"- {f.name}: {f.value:+g} — {_md(f.reason)}{facts}")
    if incident.novelty is not None:
        n = incident.novelty
        lines += ["", f"## {w['novelty']}: {w[n.status]}", ""]
        for m in n.matches:
            lines.append(f"- {_md(m.title)} ({m.breach_date or '—'}, "
                         f"{format_number(m.count, lang) if m.count else '—'}): {'; '.join(_md(r) for r in m.reasons)}")
    return "\n".join(lines).rstrip() + "\n"
