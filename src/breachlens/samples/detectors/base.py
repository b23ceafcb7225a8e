"""What every column detector is, and the vectorised helpers they share.

A detector is one small class in its own module: its patterns as class constants, ``form`` (does the value have
the kind's shape), ``checks`` (checksum, range, known code) and, where the form alone is ambiguous, ``fit`` (what
the value statistics of a whole column say: reference names, ages, sequences). Everything a profile runs on each
batch (``match``, ``valid``, ``masks``) is polars expressions or numpy arithmetic over the whole series, never a
Python loop per value; ``fit`` runs once per column, on a sample, and may afford more.

Example::

    from breachlens.samples.detectors import get

    nir = get("nir")
    matched, valid = nir.masks(batch["numero_secu"])   # one pass; two boolean series
    valid.sum() / matched.sum()                          # share of NIRs whose key is right
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import polars as pl

from breachlens import knowledge
from breachlens.errors import KnowledgeError

if TYPE_CHECKING:
    from breachlens.knowledge.schemas import SampleKind, Samples

__all__ = ["Column", "Detector", "FixedWidth", "as_integers", "digits_only", "leading_digits", "luhn_array",
           "luhn_valid", "masks_by_width", "on_subset", "rules", "same_digits", "same_digits_array", "share"]


def rules() -> Samples:
    """The validated ``samples.yaml`` (cached by the knowledge loader)."""
    model: Samples = knowledge.load("samples")
    return model


def _kind_entry(kind: str) -> SampleKind:
    try:
        return rules().kinds[kind]
    except KeyError:
        raise KnowledgeError(f"samples.yaml has no kind {kind!r}",
                             hint="add it under kinds: with its category") from None


class Detector:
    """One PII kind of a sample column. Subclasses set ``kind`` and implement ``form`` (and ``checks``)."""

    kind: ClassVar[str]
    category: ClassVar[str]  # taxonomy key, from samples.yaml
    form_weight: ClassVar[float]  # from samples.yaml: how much a value of the form failing the checks counts
    needs_hint: ClassVar[bool]  # from samples.yaml: the form alone cannot decide without a header hint

    # a regular expression every value of the kind's form contains (searched in the value without surrounding
    # blanks): when deciding, a column with no such value skips the detector, all screens in one pass
    screen: ClassVar[str] = ""
    _last: tuple[weakref.ReferenceType[pl.Series], pl.Series, pl.Series] | None = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            entry = _kind_entry(cls.kind)
            cls.category = entry.category
            cls.form_weight = entry.form_weight
            cls.needs_hint = entry.needs_hint

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.kind}>"

    # -------------------------------------------------------------------------------- to implement
    def prepare(self, values: pl.Series) -> pl.Series:
        """The values as ``form`` and ``checks`` read them (done once per call): surrounding blanks removed."""
        return values.cast(pl.String).str.strip_chars()

    def form(self, prepared: pl.Series) -> pl.Series:
        """Whether each prepared value has the kind's form (nulls allowed in the answer: read as False)."""
        raise NotImplementedError

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        """Whether each value passes the kind's checks; only the answers where ``matched`` holds are read."""
        return matched

    # -------------------------------------------------------------------------------- public API
    def match(self, values: pl.Series) -> pl.Series:
        """Boolean mask: the value has the kind's form (null -> False)."""
        return self.form(self.prepare(values)).fill_null(False).alias(self.kind)

    def valid(self, values: pl.Series) -> pl.Series:
        """Boolean mask: the value has the form and passes the checks (checksum, range, known code)."""
        return self.masks(values)[1]

    def masks(self, values: pl.Series) -> tuple[pl.Series, pl.Series]:
        """``(match, valid)`` in one pass: what a profile runs on every batch. The masks of the last series are
        remembered while that series lives, so ``valid`` or ``subtype`` right after cost no second pass."""
        last = self._last
        if last is not None and last[0]() is values and len(last[1]) == len(values):
            return last[1].clone(), last[2].clone()
        matched, valid = self.masks_of_prepared(self.prepare(values))
        self._last = (weakref.ref(values), matched, valid)
        return matched.clone(), valid.clone()

    def masks_of_prepared(self, prepared: pl.Series) -> tuple[pl.Series, pl.Series]:
        """``masks`` of values already through ``prepare``."""
        matched = _false_for_null(self.form(prepared)).alias(self.kind)
        if not matched.any():
            return matched, matched
        return matched, _false_for_null(matched & _false_for_null(self.checks(prepared, matched))).alias(self.kind)

    def masks_and_dates(self, values: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series | None]:
        """``masks`` and, for the date kinds, the dates read from the values of the form (whatever their year;
        null elsewhere), from the same pass: what a profile needs for a column's range and the checks' ages.
        ``values`` come stripped of surrounding blanks (as a profile passes them)."""
        matched, valid = self.masks_of_prepared(self.prepare_stripped(values))
        return matched, valid, None

    def prepare_stripped(self, values: pl.Series) -> pl.Series:
        """``prepare`` of values stripped already: the default preparation (stripping) is skipped."""
        return values.cast(pl.String) if type(self).prepare is Detector.prepare else self.prepare(values)

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """An optional breakdown of the valid values (hash kinds, phone types, card brands); ``{}`` by default."""
        return {}

    def fit(self, column: Column) -> float:
        """How well a column's value statistics fit the kind, 0 to 1 (1: nothing speaks against it)."""
        return 1.0


class Column:
    """A column's sample as the detectors see it when deciding: filled values and statistics, computed once."""

    def __init__(self, name: str, values: pl.Series, *, sample_rows: int | None = None) -> None:
        limits = rules()
        rows = sample_rows or limits.thresholds.sample_rows
        head = values.head(rows).cast(pl.String).str.strip_chars()
        self.name = name
        self.rows = len(head)
        self.values = head.filter(head.is_not_null() & ~head.is_in(limits.empty_values)).alias(name)
        self.filled = len(self.values)
        self._masks: dict[str, tuple[pl.Series, pl.Series]] = {}
        self._has: dict[str, bool] = {}

    def masks(self, detector: Detector) -> tuple[pl.Series, pl.Series]:
        if detector.kind not in self._masks:
            if type(detector).prepare is Detector.prepare:  # the values are stripped already
                self._masks[detector.kind] = detector.masks_of_prepared(self.values)
            else:
                self._masks[detector.kind] = detector.masks(self.values)
        return self._masks[detector.kind]

    def valid_values(self, detector: Detector) -> pl.Series:
        return self.values.filter(self.masks(detector)[1])

    def screened(self, detectors: Sequence[Detector]) -> None:
        """Run the ``screen`` of every detector over the distinct values in one pass (see :meth:`passes`)."""
        patterns = list(dict.fromkeys(d.screen for d in detectors if d.screen and d.screen not in self._has))
        if not patterns:
            return
        found = pl.DataFrame({"v": self.distinct}).select(
            [pl.col("v").str.contains(p).any().alias(str(i)) for i, p in enumerate(patterns)]).row(0)
        self._has.update(zip(patterns, (bool(f) for f in found), strict=True))

    def passes(self, detector: Detector) -> bool:
        """Whether some value passes the detector's screen (always, for a detector without one)."""
        if not detector.screen:
            return True
        if detector.screen not in self._has:
            self.screened([detector])
        return self._has[detector.screen]

    @cached_property
    def distinct(self) -> pl.Series:
        return self.values.unique(maintain_order=True)

    @cached_property
    def distinct_share(self) -> float:
        return len(self.distinct) / self.filled if self.filled else 0.0

    @cached_property
    def integers(self) -> pl.Series | None:
        """The values as integers when every one is a plain number of at most 18 digits, else None."""
        if not self.filled or not self.values.str.contains(r"^\d{1,18}$").all():
            return None
        return self.values.cast(pl.Int64)

    @cached_property
    def is_sequence(self) -> bool:
        """Distinct integers in order or packed in a dense range: what identifiers look like, not real data."""
        numbers = self.integers
        if numbers is None or self.filled < 5 or self.distinct_share < rules().thresholds.unique_share:
            return False
        increasing = bool((numbers.diff().drop_nulls() > 0).all())
        low, high = numbers.min(), numbers.max()
        assert isinstance(low, int) and isinstance(high, int)
        dense = (high - low + 1) <= rules().thresholds.sequence_density * numbers.n_unique()
        return increasing or dense

    @cached_property
    def name_hits(self) -> dict[str, float]:
        """Shares of the distinct values found in the first-name, last-name, full-name and city references."""
        from breachlens.samples.detectors.lexicon import reference_hits

        return reference_hits(self.distinct)


# ------------------------------------------------------------------------------------------ vector helpers
def _false_for_null(mask: pl.Series) -> pl.Series:
    return mask.fill_null(False) if mask.null_count() else mask


_HEAD_ROWS = 2000  # rows whose separators are replaced literally
_LITERAL_FROM = 0.5  # share of the first rows with separators from which they are replaced in every row
_LUHN_BLOCK = np.zeros(10_000, dtype=np.int16)
for _value in range(10_000):
    _total = 0
    for _position, _char in enumerate(reversed(f"{_value:04d}")):
        _digit = int(_char) * (2 if _position % 2 else 1)
        _total += _digit - 9 if _digit > 9 else _digit
    _LUHN_BLOCK[_value] = _total
del _value, _total, _position, _char, _digit


def digits_only(values: pl.Series, separators: str = " .-\u00a0\u202f", pattern: str | None = None) -> pl.Series:
    """The values without the ``separators`` characters ("1 85 05 78 006 084 36" -> "185057800608436"), or
    without every character of the class ``pattern`` when given (``separators`` then the common ones of it).

    When most of the first values have separators, those they use go by literal replacements over the whole
    column, four times cheaper than a regular expression; any other left further down, or all of them when
    few values have any, go by a regular expression on the rows that have some only."""
    pattern = pattern or f"[{re.escape(separators)}]"
    if len(values) <= _HEAD_ROWS:  # a sample: one pass is cheaper than looking first
        return values.str.replace_all(pattern, "")
    head = values.head(_HEAD_ROWS)
    if head.str.contains(pattern).fill_null(False).sum() > _LITERAL_FROM * len(head):
        for separator in separators:
            if head.str.contains(separator, literal=True).any():
                values = values.str.replace_all(separator, "", literal=True)
    leftover = values.str.contains(pattern).fill_null(False)
    if leftover.any():  # scatter writes in place: on a copy, never on the caller's series
        rows = leftover.arg_true()
        values = values.clone().scatter(rows, values.gather(rows).str.replace_all(pattern, ""))
    return values


class FixedWidth:
    """ASCII values of one byte length as a matrix of bytes, for checks that read characters at fixed places
    (IBAN, NIR): numpy over the matrix instead of a regular expression and text rebuilt per value. ``of``
    gives None when the values do not all share one length or are not all ASCII: the caller then goes the
    general way. Separators at the same places in every value are dropped (``without``). The matrix is kept a
    character per row (``columns[i]``: the i-th character of every value), so each step reads contiguous bytes.

    Example::

        fixed = FixedWidth.of(pl.Series(["FR76 3000", "FR76 3001"]))
        fixed.without(b" ").upper().number(4, 8)    # array([3000, 3001])
    """

    MAX_WIDTH: ClassVar[int] = 64

    def __init__(self, columns: np.ndarray) -> None:
        self.columns = columns  # (width, values) uint8

    @property
    def width(self) -> int:
        return int(self.columns.shape[0])

    @property
    def size(self) -> int:
        return int(self.columns.shape[1])

    @classmethod
    def of(cls, values: pl.Series) -> FixedWidth | None:
        """The non-null ``values`` (all of them) as a matrix, or None (nulls, lengths that differ, non-ASCII)."""
        if not len(values) or values.null_count():
            return None
        lengths = values.str.len_bytes()
        width = lengths[0]
        if not 0 < width <= cls.MAX_WIDTH or lengths.min() != lengths.max():
            return None
        joined = values.str.join("").item()
        if not joined.isascii():
            return None
        rows = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(len(values), width)
        return cls(np.ascontiguousarray(rows.T))

    def upper(self) -> FixedWidth:
        lower = (self.columns >= ord("a")) & (self.columns <= ord("z"))
        return FixedWidth(self.columns - lower.view(np.uint8) * np.uint8(32)) if lower.any() else self

    def without(self, separators: bytes) -> FixedWidth | None:
        """The matrix without the places where every value has a separator; None when some value has one where
        others do not (the values are then not written one way)."""
        found = np.zeros(self.columns.shape, dtype=bool)
        for separator in separators:
            found |= self.columns == separator
        anywhere, everywhere = found.any(axis=1), found.all(axis=1)
        if not anywhere.any():
            return self
        if (anywhere != everywhere).any():
            return None
        return FixedWidth(self.columns[~everywhere])

    def between(self, low: str, high: str, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Whether the characters ``start:stop`` of each value all lie between ``low`` and ``high``."""
        part = self.columns[start:stop]
        return np.asarray(((part >= ord(low)) & (part <= ord(high))).all(axis=0))

    def digits(self, start: int, stop: int) -> np.ndarray:
        """Whether the characters ``start:stop`` of each value are all digits."""
        return self.between("0", "9", start, stop)

    def number(self, start: int, stop: int) -> np.ndarray:
        """The characters ``start:stop`` read as a decimal number (int64; meaningful where they are digits)."""
        total = np.zeros(self.size, dtype=np.int64)
        for place in range(start, stop):
            total *= 10
            total += self.columns[place]
            total -= ord("0")
        return total


MaskPair = tuple[np.ndarray, np.ndarray]


def masks_by_width(values: pl.Series, separators: bytes, byte_masks: Callable[[FixedWidth], MaskPair],
                   general: Callable[[pl.Series], tuple[pl.Series, pl.Series]],
                   max_widths: int = 6) -> tuple[pl.Series, pl.Series]:
    """(matched, valid) masks of ``values`` read as ``FixedWidth`` matrices, one per byte length (a column is
    usually written one or two ways: "FR7630006000011234567890189" and "FR76 3000 6000 ..."), upper-cased and
    without the ``separators`` that every value of that length has at the same places; ``byte_masks`` judges
    each matrix. Values that do not fit (non-ASCII, separators in varying places) and columns of more than
    ``max_widths`` lengths go to ``general`` (the detector's usual way), so the answer is the same either way.
    Nulls and empty values are neither matched nor valid."""
    size = len(values)
    # lengths past the widest matrix count as one (general) group: a huge cell must not size the bincount
    lengths = np.minimum(values.str.len_bytes().fill_null(0).to_numpy(), FixedWidth.MAX_WIDTH + 1)
    counts = np.bincount(lengths)
    widths = [w for w in np.flatnonzero(counts) if w]
    if len(widths) > max_widths:
        return general(values)
    matched, valid = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
    for width in widths:
        rows = np.flatnonzero(lengths == width) if counts[width] < size else np.arange(size)
        part = values if rows.size == size else values.gather(rows)
        fixed = FixedWidth.of(part) if width <= FixedWidth.MAX_WIDTH else None
        fixed = fixed.without(separators) if fixed is not None else None
        if fixed is None:
            found = general(part)
            matched[rows], valid[rows] = found[0].to_numpy(), found[1].to_numpy()
        else:
            matched[rows], valid[rows] = byte_masks(fixed.upper())
    return pl.Series(matched), pl.Series(valid)


_REPUNITS = np.array([(10**size - 1) // 9 if size else 1 for size in range(20)], dtype=np.uint64)
_POWERS = np.array([10**size for size in range(20)], dtype=np.uint64)


def as_integers(digits: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Digit strings of up to 19 digits as (unsigned integers, lengths); 0 and length 0 where a value is none."""
    numbers = digits.cast(pl.UInt64, strict=False)
    lengths = digits.str.len_bytes().fill_null(0)
    known = numbers.is_not_null() & (lengths <= 19)
    x = numbers.fill_null(0).to_numpy()
    size = lengths.to_numpy().astype(np.int64)
    mask = known.to_numpy()
    return np.where(mask, x, 0).astype(np.uint64), np.where(mask, size, 0)


def luhn_array(x: np.ndarray) -> np.ndarray:
    """Luhn check of unsigned integers, with a table of the sums of 4-digit blocks: every block starts at an even
    position from the right, so one table serves."""
    low = (x % 100_000_000).astype(np.int64)
    high = x // 100_000_000
    middle = (high % 100_000_000).astype(np.int64)
    top = (high // 100_000_000).astype(np.int64)
    total = np.zeros(len(x), dtype=np.int64)
    for part in (low, middle, top):
        total += _LUHN_BLOCK[part % 10_000]
        total += _LUHN_BLOCK[part // 10_000]
    return total % 10 == 0


def luhn_valid(digits: pl.Series) -> pl.Series:
    """Luhn check of digit strings of up to 19 digits (others: False)."""
    x, size = as_integers(digits)
    return pl.Series(digits.name, luhn_array(x) & (size > 0))


def same_digits_array(x: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Whether integers of ``size`` digits repeat one digit: x = d x 11...1."""
    repunit = _REPUNITS[np.clip(size, 0, 19)]
    digit = x // repunit
    return (size > 0) & (digit <= 9) & (digit * repunit == x)


def same_digits(digits: pl.Series) -> pl.Series:
    """Whether a digit string repeats one digit ("0000000000000000"): a placeholder, never a real number."""
    x, size = as_integers(digits)
    return pl.Series(digits.name, same_digits_array(x, size))


def leading_digits(x: np.ndarray, size: np.ndarray, count: int) -> np.ndarray:
    """The first ``count`` digits of integers of ``size`` digits (fewer digits: padded with zeros on the right)."""
    shift = size.astype(np.int64) - count
    down = x // _POWERS[np.clip(shift, 0, 19)]
    up = down * _POWERS[np.clip(-shift, 0, 19)]
    return np.where(shift >= 0, down, up).astype(np.int64)


def share(mask: pl.Series) -> float:
    """The share of True in a boolean series (nulls count as False), 0 for an empty one."""
    return int(mask.fill_null(False).sum()) / len(mask) if len(mask) else 0.0


def on_subset(values: pl.Series, mask: pl.Series, check: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """``check(values.filter(mask))`` scattered back to full length (False elsewhere): for checks that are
    costly per value or per group, run only where the form matched."""
    result = pl.Series(values.name, np.zeros(len(values), dtype=bool))
    if not mask.any():
        return result
    subset: pl.Series = check(values.filter(mask))
    return result.scatter(mask.arg_true(), subset.fill_null(False))
