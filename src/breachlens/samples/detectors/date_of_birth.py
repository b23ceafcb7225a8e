"""Dates of birth: the date forms of :mod:`.date`, on a real calendar day between 1900 and today. A column of
dates is births only when its header says so or its dates are the ages of people: most of them between the
ages of samples.yaml (14 to 105) and spread over decades; registration or order dates are years, not decades,
old and cluster, so without a header they stay plain dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from breachlens.samples.detectors.base import Column, rules, share
from breachlens.samples.detectors.date import Date


def _today() -> dt.date:
    return dt.date.today()


class DateOfBirth(Date):
    kind = "date_of_birth"

    def checks_dates(self, dates: pl.Series) -> pl.Series:
        today = _today()
        return dates.is_between(dt.date(1900, 1, 1), today)

    def fit(self, column: Column) -> float:
        dates = self.to_date(column.values).drop_nulls()
        if dates.is_empty():
            return 0.0
        limits = rules().thresholds
        today = _today()
        youngest, oldest = limits.dob_ages
        years = dates.dt.year().cast(pl.Int32)
        day_of_year = dates.dt.month().cast(pl.Int32) * 100 + dates.dt.day().cast(pl.Int32)
        ages = today.year - years - (day_of_year > today.month * 100 + today.day).cast(pl.Int32)
        people = share(ages.is_between(youngest, oldest))
        spread = float(np.std(years.to_numpy())) if len(years) > 1 else 0.0
        spread_ok = len(years) < 20 or spread >= limits.dob_min_year_spread
        if people >= limits.dob_people_share and spread_ok:
            return 1.0
        return limits.dob_other_fit
