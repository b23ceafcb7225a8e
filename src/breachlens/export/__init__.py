"""Exports to the tools analysts already use: STIX 2.1 (OpenCTI, TAXII), MISP, CSV/Parquet, Atom/RSS.

* :mod:`.stix` — :func:`~breachlens.export.stix.incidents_bundle` (stix2 library, validated by stix2-validator);
* :mod:`.misp` — :func:`~breachlens.export.misp.incident_event` (pymisp, ``victim`` object, taxonomy tags);
* :mod:`.tables` — :func:`~breachlens.export.tables.incidents_csv`, :func:`~breachlens.export.tables.write_parquet`;
* :mod:`.feeds` — Atom/RSS documents and the FastAPI ``router`` serving ``/feeds/incidents.atom|rss``.

Each module imports its heavy library inside its functions; import the module you need.

Example::

    from breachlens.export.stix import incidents_bundle
    print(incidents_bundle([incident]).serialize(pretty=True))
"""

from __future__ import annotations

__all__: list[str] = []
