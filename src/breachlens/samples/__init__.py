"""Leaked samples: read what sellers publish, profile its columns, check it, compare it, and give a verdict.

Modules: ``readers`` (formats, encodings, archives), ``detectors`` (one class per PII kind), ``reference``
(postal codes and other shipped reference data), ``synth`` (realistic and fabricated synthetic samples),
``fingerprint`` (keyed hashes of identifiers, registered dumps, overlap), ``attribution`` (the owner's data
flows: canaries and schema similarity), ``profile`` (per-batch profile and checks) and ``verdict``.
"""
