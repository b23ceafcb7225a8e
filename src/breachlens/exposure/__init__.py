"""The exposure index and the lookup service: "was this e-mail or phone number in a breach, and what should I do?"

* :mod:`~breachlens.exposure.index` — keyed hashes of identifiers in sorted, memory-mapped arrays;
* :mod:`~breachlens.exposure.ingest` — a dump (any sample format) to hashes;
* :mod:`~breachlens.exposure.api` — the Have I Been Pwned API v3 (``router``) and the public page (``page_router``);
* :mod:`~breachlens.exposure.keys`, :mod:`~breachlens.exposure.limits` — API keys (stored hashed) and rate limits;
* :mod:`~breachlens.exposure.advice` — what to do, per data category and sector (``knowledge/advice.yaml``).

Example::

    from breachlens.exposure import ExposureIndex, normalise_identifier
    ExposureIndex().lookup(normalise_identifier("jean.dupont@orange.fr"))
"""

from breachlens.exposure.index import ExposureIndex
from breachlens.exposure.normalise import Identifier, normalise_identifier

__all__ = ["ExposureIndex", "Identifier", "normalise_identifier"]
