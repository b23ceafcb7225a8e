"""Which of the owner's data flows a leaked sample came from: canary records first, schema similarity second.

The owner registers each flow (an export to partner X, a CRM copy, a backup) with its *canary records*:
fake identities planted in that flow only. A sample holding a flow's canaries was copied from that flow (or
from a copy of it): that is near proof. A flow may also carry a *schema fingerprint* — its column names
(folded), their kinds, the dominant shape of their values (``99 99 99 99 99``, ``a@a.a``, ``9999-99-99``) and its
delimiter — which ranks the flows when no canary shows up: a sample written like the partner export probably
comes from it, which is a lead, not proof.

A flow is one JSON file, ``$BREACHLENS_HOME/flows/<name>.json``: name, date, canary record count, the keyed
hashes of the canaries' identifiers (hex) with the canary record each belongs to (so a record whose e-mail and
phone both match counts once), and the schema fingerprint. No value in clear.

Example::

    hashes, records = canary_hashes(canary_frame, kinds, secret)
    Flows().add("partner-x", hashes, canaries=canary_frame.height, schema=schema_of(...), records=records)
    Flows().attribute(identifier_hashes(sample, kinds, secret), schema_of(...))
    # [FlowMatch(flow="partner-x", canaries=3, reasons=["3 of 20 canary records of partner-x are in the sample"])]
"""

from __future__ import annotations

import builtins
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from breachlens.errors import InputError, StoreError
from breachlens.model import FlowMatch
from breachlens.samples.fingerprint import (
    HASH_FORMAT,
    as_hashes,
    check_hash_format,
    check_name,
    identifier_hashes_with_rows,
    in_sorted,
    read_json,
    sorted_unique,
    write_json,
)
from breachlens.settings import settings

__all__ = ["Flows", "RegisteredFlow", "SchemaFingerprint", "canary_hashes", "fold_header", "schema_of",
           "schema_similarity", "value_shape"]

SHAPE_VALUES = 1000  # values per column looked at for its dominant shape
MIN_SCHEMA_SIMILARITY = 0.3  # below this, a flow without canaries in the sample is left out
FUZZY_NAME = 85  # rapidfuzz ratio from which two folded column names are taken for the same
WEIGHTS = {"names": 0.35, "order": 0.15, "kinds": 0.2, "shapes": 0.2, "delimiter": 0.1}
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", " ": "space"}
_PLAIN_SHAPES = {"a", "A", "Aa"}  # shapes too common to be worth a reason on their own


# ------------------------------------------------------------------------------------------------ schema
@dataclass(frozen=True)
class SchemaFingerprint:
    """How a file is laid out, without its values: folded column names, kinds, dominant value shapes, delimiter."""

    columns: tuple[str, ...]
    kinds: tuple[str | None, ...]
    shapes: tuple[str, ...]
    delimiter: str | None = None

    def __post_init__(self) -> None:
        if not len(self.columns) == len(self.kinds) == len(self.shapes):
            raise InputError("a schema needs one kind and one shape per column",
                             input=f"{len(self.columns)} columns, {len(self.kinds)} kinds, {len(self.shapes)} shapes")

    def to_json(self) -> dict[str, Any]:
        return {"columns": list(self.columns), "kinds": list(self.kinds), "shapes": list(self.shapes),
                "delimiter": self.delimiter}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SchemaFingerprint:
        return cls(columns=tuple(data["columns"]), kinds=tuple(data["kinds"]), shapes=tuple(data["shapes"]),
                   delimiter=data.get("delimiter"))


_NOT_ALNUM = re.compile(r"[\W_]+")
_TOKENS = re.compile(r"[^\W_]+|\s+|.", re.DOTALL)


def fold_header(name: str) -> str:
    """A column name without accents, case, spaces or punctuation: ``"Téléphone-Portable"`` -> ``telephoneportable``."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _NOT_ALNUM.sub("", text)


def value_shape(value: str, limit: int = 64) -> str:
    """The shape of a value: each digit 9 (for runs of digits only), each run of letters and digits ``a``, ``A``
    or ``Aa`` by its case, whitespace runs one space, other characters kept. ``"06 12 34 56 78"`` ->
    ``99 99 99 99 99``, ``"jean.dupont92@gmail.com"`` -> ``a.a@a.a``, ``"Jean-Pierre"`` -> ``Aa-Aa``,
    ``"1985-03-12"`` -> ``9999-99-99``."""
    parts = []
    for token in _TOKENS.findall(value.strip()):
        if token.isdigit():
            parts.append("9" * len(token))
        elif token[0].isalnum():
            if token.isupper():
                parts.append("A")
            elif token[0].isupper() and token[1:].islower():
                parts.append("Aa")
            else:
                parts.append("a")
        elif token.isspace():
            parts.append(" ")
        else:
            parts.append(token)
    return "".join(parts)[:limit]


def _dominant_shape(values: pl.Series) -> str:
    """The most common shape of the first ``SHAPE_VALUES`` filled values ("" for an empty column)."""
    texts = values.cast(pl.String, strict=False).str.strip_chars()
    texts = texts.filter(texts.str.len_chars() > 0).head(SHAPE_VALUES)
    shapes = Counter(value_shape(text) for text in texts.to_list())
    if not shapes:
        return ""
    return max(shapes.items(), key=lambda item: (item[1], item[0]))[0]


def schema_of(columns: Sequence[str], kinds: Sequence[str | None], sample: pl.DataFrame,
              delimiter: str | None) -> SchemaFingerprint:
    """The schema fingerprint of a file: ``columns`` as read (folded here), their ``kinds`` (from the detectors),
    the dominant shape of up to ``SHAPE_VALUES`` values of each column of ``sample``, and its ``delimiter``."""
    if len(columns) != len(kinds):
        raise InputError("a schema needs one kind per column", input=f"{len(columns)} columns, {len(kinds)} kinds")
    shapes = []
    for column in columns:
        if column in sample.columns:
            shapes.append(_dominant_shape(sample.get_column(column)))
        else:
            shapes.append("")
    return SchemaFingerprint(columns=tuple(fold_header(column) for column in columns), kinds=tuple(kinds),
                             shapes=tuple(shapes), delimiter=delimiter)


def _pair_columns(a: SchemaFingerprint, b: SchemaFingerprint) -> tuple[list[tuple[int, int]], int, list[str]]:
    """Column pairs (index in a, index in b): by same name, by alike name, then by same kind, in order.
    Returns the pairs, how many are by (same or alike) name, and the alike pairs in words."""
    pairs: list[tuple[int, int]] = []
    free_b = dict(enumerate(b.columns))
    for i, name in enumerate(a.columns):
        match = next((j for j, other in free_b.items() if other == name and name), None)
        if match is not None:
            pairs.append((i, match))
            del free_b[match]
    alike: list[str] = []
    paired_a = {i for i, _ in pairs}
    for i, name in enumerate(a.columns):
        if i in paired_a or not name or not free_b:
            continue
        best = process.extractOne(name, free_b, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME)
        if best is not None:
            j = best[2]
            pairs.append((i, j))
            paired_a.add(i)
            alike.append(f"{name} ~ {free_b.pop(j)}")
    by_name = len(pairs)
    for i, kind in enumerate(a.kinds):
        if i in paired_a or kind is None:
            continue
        match = next((j for j in sorted(free_b) if b.kinds[j] == kind), None)
        if match is not None:
            pairs.append((i, match))
            paired_a.add(i)
            del free_b[match]
    return pairs, by_name, alike


def _longest_increasing(values: Sequence[int]) -> int:
    tails: list[int] = []
    for value in values:
        position = int(np.searchsorted(tails, value))
        if position == len(tails):
            tails.append(value)
        else:
            tails[position] = value
    return len(tails)


def _delimiter_name(delimiter: str) -> str:
    return _DELIMITERS.get(delimiter, repr(delimiter))


def schema_similarity(a: SchemaFingerprint, b: SchemaFingerprint) -> tuple[float, list[str]]:
    """How alike two schemas are, 0-1, and why: column names (same or alike), their order, the kinds of data,
    the shapes of the values, the delimiter. Each part is scored 0-1 and weighted by ``WEIGHTS``; a part that
    cannot be told (no delimiter known, fewer than two columns in common) is left out of the average."""
    width = max(len(a.columns), len(b.columns))
    if not width:
        return 0.0, []
    pairs, by_name, alike = _pair_columns(a, b)
    named = pairs[:by_name]
    same_names = by_name - len(alike)
    scores: dict[str, float] = {"names": by_name / width}
    reasons: list[str] = []
    if same_names:
        reasons.append(f"same {same_names} of {width} column names")
    if alike:
        reasons.append(f"{len(alike)} column name{'s' if len(alike) > 1 else ''} alike ({', '.join(alike[:3])})")

    if len(named) >= 2:
        in_order = _longest_increasing([j for _, j in sorted(named)])
        scores["order"] = in_order / len(named)
        if in_order == len(named) == len(a.columns) == len(b.columns) and all(i == j for i, j in named):
            reasons.append("same column order")
        elif in_order == len(named):
            reasons.append(f"the {len(named)} shared columns in the same order")
        else:
            reasons.append(f"{in_order} of {len(named)} shared columns in the same order")

    kinds_a = Counter(kind for kind in a.kinds if kind)
    kinds_b = Counter(kind for kind in b.kinds if kind)
    if kinds_a or kinds_b:
        common = kinds_a & kinds_b
        scores["kinds"] = sum(common.values()) / max(sum(kinds_a.values()), sum(kinds_b.values()))
        if common and kinds_a == kinds_b:
            reasons.append(f"same kinds of data ({', '.join(sorted(common))})")
        elif common:
            reasons.append(f"{sum(common.values())} kinds of data in common ({', '.join(sorted(common))})")

    shaped = max(sum(1 for shape in a.shapes if shape), sum(1 for shape in b.shapes if shape))
    if shaped:
        same_shape = [(i, j) for i, j in pairs if a.shapes[i] and a.shapes[i] == b.shapes[j]]
        scores["shapes"] = len(same_shape) / shaped
        telling = [(i, j) for i, j in same_shape if a.shapes[i] not in _PLAIN_SHAPES][:3]
        for i, _ in telling:
            reasons.append(f"{a.kinds[i] or a.columns[i]} written {a.shapes[i]} in both")
        if len(same_shape) > len(telling):
            reasons.append(f"same value shapes in {len(same_shape)} of {shaped} columns")
        differing = [(i, j) for i, j in pairs if a.shapes[i] and b.shapes[j] and a.shapes[i] != b.shapes[j]
                     and a.kinds[i] and a.kinds[i] == b.kinds[j]][:2]
        for i, j in differing:
            reasons.append(f"{a.kinds[i]} written {a.shapes[i]} in one, {b.shapes[j]} in the other")

    if a.delimiter is not None and b.delimiter is not None:
        scores["delimiter"] = 1.0 if a.delimiter == b.delimiter else 0.0
        if a.delimiter == b.delimiter:
            reasons.append(f"same delimiter ({_delimiter_name(a.delimiter)})")
        else:
            reasons.append(f"different delimiters ({_delimiter_name(a.delimiter)}, {_delimiter_name(b.delimiter)})")

    total = sum(WEIGHTS[part] for part in scores)
    score = sum(WEIGHTS[part] * value for part, value in scores.items()) / total
    return round(score, 3), reasons


# ------------------------------------------------------------------------------------------------ canaries
def canary_hashes(frame: pl.DataFrame, kinds: Mapping[str, str | None], secret: bytes, *,
                  region: str = "FR") -> tuple[np.ndarray, np.ndarray]:
    """The keyed hashes of the canary records' identifiers and, for each, its record (row of ``frame``)."""
    hashes, records = identifier_hashes_with_rows(frame, kinds, secret, region=region)
    if not hashes.size:
        return hashes, records
    pairs = np.unique(np.stack([hashes, records.astype(np.uint64)]), axis=1)
    return pairs[0].copy(), pairs[1].astype(np.int64)


@dataclass(frozen=True)
class RegisteredFlow:
    """A data flow of the owner, as stored: no value, only counts, keyed hashes and the schema fingerprint."""

    name: str
    added_at: datetime
    canaries: int  # canary records planted in the flow
    identifiers: int  # canary identifier hashes
    schema: SchemaFingerprint | None = None


@dataclass(frozen=True)
class _StoredFlow:
    flow: RegisteredFlow
    hashes: np.ndarray
    records: np.ndarray


class Flows:
    """The owner's data flows, under ``<home>/flows/`` (``home``: BREACHLENS_HOME)."""

    def __init__(self, home: Path | None = None) -> None:
        self.folder = (settings().home if home is None else Path(home)) / "flows"

    def add(self, name: str, canary_hashes: np.ndarray, canaries: int, schema: SchemaFingerprint | None, *,
            records: np.ndarray | None = None, now: datetime | None = None) -> RegisteredFlow:
        """Register (or replace) the flow ``name``: its canaries' identifier hashes with, in ``records``, the
        canary record of each (from ``canary_hashes``; without it each hash is its own record), the number
        of canary records, and its schema fingerprint (or None)."""
        check_name(name, "flow")
        hashes = as_hashes(canary_hashes)
        owners = np.arange(hashes.size, dtype=np.int64) if records is None else np.asarray(records, dtype=np.int64)
        if owners.shape != hashes.shape:
            raise InputError("one canary record per hash is needed", input=f"flow {name!r}",
                             hint=f"{hashes.size} hashes but {owners.size} records")
        distinct = int(np.unique(owners).size)
        if canaries < distinct:
            raise InputError(f"{canaries} canary records declared but the hashes come from {distinct}",
                             input=f"flow {name!r}")
        if not hashes.size and schema is None:
            raise InputError("a flow needs canary records or a schema to be recognised by", input=f"flow {name!r}",
                             hint="give the canary file, a schema sample, or both")
        flow = RegisteredFlow(name=name, added_at=now or datetime.now(UTC), canaries=int(canaries),
                              identifiers=int(hashes.size), schema=schema)
        write_json(self._path(name), {
            "format": HASH_FORMAT, "name": name, "added_at": flow.added_at.isoformat(), "canaries": flow.canaries,
            "canary_hashes": [f"{int(value):016x}" for value in hashes],
            "canary_records": [int(value) for value in owners],
            "schema": schema.to_json() if schema is not None else None,
        })
        return flow

    def remove(self, name: str) -> bool:
        """Forget the flow ``name``; False if there was none."""
        check_name(name, "flow")
        try:
            self._path(name).unlink()
        except FileNotFoundError:
            return False
        return True

    def list(self) -> builtins.list[RegisteredFlow]:
        """The flows, by name."""
        return [stored.flow for stored in self._load_all()]

    def attribute(self, sample_hashes: np.ndarray, schema: SchemaFingerprint | None, *,
                  min_similarity: float = MIN_SCHEMA_SIMILARITY) -> builtins.list[FlowMatch]:
        """The flows the sample may come from: those whose canary records are in it (most records first); when
        no canary matched, the flows whose schema is at least ``min_similarity`` alike (most alike first)."""
        sample = sorted_unique(sample_hashes)
        by_canary: builtins.list[FlowMatch] = []
        by_schema: builtins.list[FlowMatch] = []
        for stored in self._load_all():
            flow = stored.flow
            similarity = 0.0
            schema_reasons: builtins.list[str] = []
            if schema is not None and flow.schema is not None:
                similarity, schema_reasons = schema_similarity(schema, flow.schema)
            found = in_sorted(stored.hashes, sample)
            matched = int(np.unique(stored.records[found]).size) if found.any() else 0
            if matched:
                reasons = [f"{matched} of {flow.canaries} canary records of {flow.name} are in the sample: "
                           "they exist only in this flow, so the sample was copied from it or from a copy of it"]
                if schema_reasons:
                    reasons.append(f"schema similarity {similarity:.2f}: " + "; ".join(schema_reasons))
                by_canary.append(FlowMatch(flow=flow.name, canaries=matched, schema_similarity=similarity,
                                           reasons=reasons))
            elif similarity >= min_similarity and similarity > 0:
                reasons = [f"no canary record of {flow.name} in the sample, but its schema is "
                           f"{similarity:.0%} alike", *schema_reasons]
                by_schema.append(FlowMatch(flow=flow.name, schema_similarity=similarity, reasons=reasons))
        if by_canary:
            return sorted(by_canary, key=lambda m: (-m.canaries, -m.schema_similarity, m.flow))
        return sorted(by_schema, key=lambda m: (-m.schema_similarity, m.flow))

    def _path(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def _load_all(self) -> builtins.list[_StoredFlow]:
        if not self.folder.is_dir():
            return []
        flows = []
        for path in sorted(self.folder.glob("*.json")):
            if not path.name.startswith("."):
                flows.append(self._load(path))
        return flows

    def _load(self, path: Path) -> _StoredFlow:
        data = read_json(path, "flow")
        check_hash_format(data, path, f"add the flow {path.stem!r} again with its canary file "
                                      "(`breachlens owner flow add`)")
        try:
            hashes = np.array([int(value, 16) for value in data["canary_hashes"]], dtype=np.uint64)
            records = np.array(data["canary_records"], dtype=np.int64)
            schema = SchemaFingerprint.from_json(data["schema"]) if data.get("schema") else None
            flow = RegisteredFlow(name=str(data["name"]), added_at=datetime.fromisoformat(data["added_at"]),
                                  canaries=int(data["canaries"]), identifiers=int(hashes.size), schema=schema)
        except (KeyError, TypeError, ValueError, InputError) as error:
            raise StoreError(f"the flow file does not hold a flow ({error})", input=str(path),
                             hint="delete it, or add the flow again") from error
        if records.shape != hashes.shape:
            raise StoreError("the flow file has not one record per canary hash", input=str(path),
                             hint="delete it, or add the flow again")
        return _StoredFlow(flow, hashes, records)
