"""An incident's report as a download: Markdown, self-contained HTML, or PDF (weasyprint, no network).

Example::

    body, media_type = incident_report(store, 3, "pdf", "fr")
"""

from __future__ import annotations

from breachlens.errors import InputError
from breachlens.store import Store

__all__ = ["FORMATS", "LANGS", "incident_report"]

FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}
LANGS = ("en", "fr")


def _no_fetch(url: str, *_args: object, **_kwargs: object) -> dict[str, object]:
    """weasyprint's URL fetcher: a report never loads anything (its HTML is self-contained)."""
    raise ValueError(f"reports load no resources ({url[:60]})")


def incident_report(store: Store, incident_id: int, fmt: str, lang: str) -> tuple[bytes, str] | None:
    """The report of one incident as bytes and its media type, or None when there is no such incident."""
    from breachlens.report.incident import render_incident_markdown
    from breachlens.report.render import render
    from breachlens.web.views import claim_views, incident_assessment

    if fmt not in FORMATS:
        raise InputError(f"unknown report format; use one of {', '.join(FORMATS)}", input=fmt)
    if lang not in LANGS:
        raise InputError(f"reports are written in {' and '.join(LANGS)}", input=lang)
    row = store.incident(incident_id)
    if row is None:
        return None
    views = claim_views(store, row.incident.claim_ids, row.incident)
    if not views:
        return None
    assessment = incident_assessment(row.incident, [v.claim for v in views], lang)
    if fmt == "md":
        return render_incident_markdown(row.incident, assessment, lang).encode(), FORMATS[fmt]
    html = render(assessment, "html", views[0].document_text or None)
    if fmt == "html":
        return html.encode(), FORMATS[fmt]
    from weasyprint import HTML

    pdf = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return bytes(pdf or b""), FORMATS[fmt]
