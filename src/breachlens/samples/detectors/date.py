"""Dates that are not births (registration, last login, order, expiry): ISO ("1990-03-14", with or without a
time), day first ("14/03/1990", "14-03-1990", "14.03.1990"), compact ("19900314"), and month first where day
first cannot be ("03/31/1990"). A value is valid when it is a real calendar day ("31/02/1990" is not) in the
years of samples.yaml. :meth:`Date.to_date` gives the parsed dates, for the oldest and newest of a column."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import polars as pl

from breachlens.samples.detectors.base import Detector, rules

_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?)?$"


class Date(Detector):
    kind = "date"
    FORM: ClassVar[str] = (r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|(?:18|19|20)\d{6})"
                           + _TIME)
    screen = FORM
    DAY: ClassVar[str] = r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{8})"
    # (label, strptime format), tried in this order after the format most of the first values have
    FORMATS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("iso", "%Y-%m-%d"), ("day_first", "%d/%m/%Y"), ("day_first", "%d-%m-%Y"), ("day_first", "%d.%m.%Y"),
        ("iso", "%Y/%m/%d"), ("iso", "%Y.%m.%d"), ("compact", "%Y%m%d"), ("month_first", "%m/%d/%Y"),
        ("month_first", "%m-%d-%Y"),
    )

    ORDER_ROWS: ClassVar[int] = 50  # first values that choose the format tried first

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def parse(self, prepared: pl.Series) -> tuple[pl.Series, pl.Series]:
        """(dates, index in FORMATS of the format that read each one) of prepared values; null and -1 where none
        could. The format most of the first values have reads the whole series; the others only the rest."""
        day = prepared.str.slice(0, 10) if (prepared.str.len_bytes() > 10).any() else prepared
        order = self._order(day)
        dates = day.str.to_date(self.FORMATS[order[0]][1], strict=False)
        used = pl.select(pl.when(dates.is_not_null()).then(order[0]).otherwise(-1).cast(pl.Int8)).to_series()
        pending = (prepared.is_not_null() & dates.is_null()).fill_null(False)
        if pending.any():
            rows = pending.arg_true()
            rest = prepared.gather(rows).str.extract(self.DAY, 1)
            found = rest.clear(len(rest)).cast(pl.Date)
            which = pl.Series(np.full(len(rest), -1, dtype=np.int8))
            for index in order:
                missing = found.is_null() & rest.is_not_null()
                if not missing.any():
                    break
                parsed = rest.str.to_date(self.FORMATS[index][1], strict=False)
                which = pl.select(pl.when(missing & parsed.is_not_null()).then(index).otherwise(which)
                                  .cast(pl.Int8)).to_series()
                found = found.fill_null(parsed)
            dates = dates.scatter(rows, found)
            used = used.scatter(rows, which)
        return dates.alias(prepared.name), used.alias("format")

    def _order(self, day: pl.Series) -> list[int]:
        """The formats, the one that reads the first values first: the first format to read them all, else the
        one that reads most (a column is nearly always written one way)."""
        head = day.drop_nulls().head(self.ORDER_ROWS)
        best, best_read = 0, -1
        for index, (_, fmt) in enumerate(self.FORMATS if len(head) else ()):
            read = int(head.str.to_date(fmt, strict=False).is_not_null().sum())
            if read > best_read:
                best, best_read = index, read
            if read == len(head):
                break
        return [best] + [i for i in range(len(self.FORMATS)) if i != best]

    def to_date(self, values: pl.Series) -> pl.Series:
        """The valid values as dates (pl.Date), null elsewhere."""
        prepared = self.prepare(values)
        matched = self.form(prepared).fill_null(False)
        dates, _ = self.parse(prepared.zip_with(matched, prepared.clear(len(prepared))))
        return dates.zip_with(self.checks_dates(dates).fill_null(False), dates.clear(len(dates)))

    def checks_dates(self, dates: pl.Series) -> pl.Series:
        """Whether parsed dates are plausible for the kind: here, in the years of samples.yaml."""
        low, high = rules().thresholds.date_years
        return dates.dt.year().is_between(low, high)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        dates, _ = self.parse(prepared.zip_with(matched, prepared.clear(len(prepared))))
        return self.checks_dates(dates)

    def masks_and_dates(self, values: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series | None]:
        """One parse gives the masks and the dates (``masks`` would parse, then the range and ages again)."""
        prepared = self.prepare_stripped(values)
        matched = self.form(prepared).fill_null(False).alias(self.kind)
        dates, _ = self.parse(prepared.zip_with(matched, prepared.clear(len(prepared))))
        valid = (matched & self.checks_dates(dates).fill_null(False)).alias(self.kind)
        return matched, valid, dates

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """How the valid dates are written: iso, day_first, month_first, compact; with_time counted apart."""
        prepared = self.prepare(values)
        valid = self.valid(values)
        _, used = self.parse(prepared.zip_with(valid, prepared.clear(len(prepared))))
        counts: dict[str, int] = {}
        for index, count in used.filter(valid).value_counts().iter_rows():
            label = self.FORMATS[index][0]
            counts[label] = counts.get(label, 0) + count
        timed = int(prepared.filter(valid).str.contains(r"\d:\d\d").sum())
        if timed:
            counts["with_time"] = timed
        return counts
