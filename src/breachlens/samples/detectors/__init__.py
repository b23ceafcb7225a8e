"""Column detectors of leaked samples: what PII kind a column holds, decided from its values.

One detector class per kind, each in its own module (``email``, ``phone``, ``nir``, ``iban``...), all built on
:class:`~breachlens.samples.detectors.base.Detector`: ``match`` (the value has the kind's form), ``valid``
(it also passes the kind's checks: checksum, range, known code, plausible date), ``masks`` (both in one pass)
and ``subtype`` (a breakdown: hash schemes, phone types, card schemes). They are vectorised over polars series,
so a profile can run the chosen detector on every batch of a large dump.

``detect_column`` decides one column from a sample of its values, with its header as a hint (``header_hint``);
``detect_columns`` decides a whole frame and uses the neighbours of each column. The header hints, the data
category of each kind and the thresholds are knowledge: ``breachlens/knowledge/samples.yaml``.

Example::

    import polars as pl
    from breachlens.samples.detectors import detect_columns, get

    frame = pl.DataFrame({"mail": ["jean.dupont@orange.fr"], "tel": ["06 12 34 56 78"]})
    [(g.name, g.kind, g.category) for g in detect_columns(frame)]
    # [("mail", "email", "email"), ("tel", "phone", "phone")]
    get("phone").valid(frame["tel"])  # the mask a profile computes batch after batch
"""

from breachlens.samples.detectors.base import Column, Detector
from breachlens.samples.detectors.detect import (
    DETECTORS,
    ColumnGuess,
    detect_column,
    detect_columns,
    get,
    header_hint,
)

__all__ = ["DETECTORS", "Column", "ColumnGuess", "Detector", "detect_column", "detect_columns", "get",
           "header_hint"]
