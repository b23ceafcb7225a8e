"""Cross-field consistency and fabrication checks over a sample, one small class each.

A check looks at the columns it needs (by kind: ``postal_code``, ``city``, ``nir``, ...) in one batch and returns
a :class:`Tally` (values looked at, values failing, and counters it needs); tallies of batches add up, in any
order, so a sample of any size (or its batches spread over a cluster) is checked in one pass. ``judge`` turns
the total into :class:`~breachlens.model.SampleCheck` results with their reason, suspicious or not by the
thresholds of ``knowledge/sample_checks.yaml``.

Example::

    tally = sum((check.count(batch, columns) for batch in batches), Tally())
    results = check.judge(tally, lang="fr")
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, ClassVar, Literal

import polars as pl

from breachlens import knowledge
from breachlens.model import SampleCheck
from breachlens.samples.reference import city_consistent, department_of

__all__ = ["CHECKS", "Check", "Columns", "Shared", "Tally", "parse_dates", "say"]

Columns = dict[str, list[str]]  # kind -> the columns of that kind, in file order

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y%m%d", "%d/%m/%y",
                "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")


@dataclass
class Tally:
    """What a check saw in some batches; adding two tallies gives what it saw in both."""

    checked: int = 0
    failed: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.checked + other.checked, self.failed + other.failed, self.counts + other.counts)


class Shared:
    """What the parts of one batch compute once and share, from any thread: each column's dates as its profile
    read them, and values several checks or the fingerprints derive (normalised e-mails and phones, NIR parts).

    Example::

        shared = Shared()
        parts = shared.once(("nir", "numero_secu"), lambda: nir_parts(batch, "numero_secu"))
    """

    def __init__(self) -> None:
        self.dates: dict[str, pl.Series] = {}  # column -> dates, full length, null where none
        self._lock = threading.Lock()
        self._entries: dict[object, _Once] = {}

    def once(self, key: object, compute: Callable[[], Any]) -> Any:
        """``compute()`` the first time ``key`` is asked for (another thread asking meanwhile waits for it)."""
        with self._lock:
            entry = self._entries.setdefault(key, _Once())
        with entry.lock:
            if not entry.done:
                entry.value, entry.done = compute(), True
        return entry.value


@dataclass
class _Once:
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: bool = False
    value: Any = None


def _shared(shared: Shared | None, key: object, compute: Callable[[], Any]) -> Any:
    return shared.once(key, compute) if shared is not None else compute()


def normalised(batch: pl.DataFrame, column: str, kind: str, shared: Shared | None = None) -> pl.Series:
    """The identifiers of ``column`` (``kind`` e-mail or phone) normalised as the fingerprints hash them."""
    from breachlens.samples.fingerprint import normalise_identifiers

    series: pl.Series = _shared(shared, (kind, column), lambda: normalise_identifiers(kind, batch[column]))
    return series


def _rules() -> Any:
    return knowledge.load("sample_checks")


def say(key: str, lang: str, **values: object) -> str:
    """The reason ``key`` of ``sample_checks.yaml`` in ``lang`` (English when missing), filled with ``values``."""
    texts = _rules().messages[key]
    return str((texts.get(lang) or texts["en"]).format(**values))


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "0%"


def parse_dates(values: pl.Series) -> pl.Series:
    """Dates written in the usual ways of dumps (ISO, dd/mm/yyyy, yyyymmdd, with a time), null otherwise.

    A column is written in one or two ways: the formats are chosen on its first thousand values, so the whole
    column is parsed with those only (a value in another format is read as null)."""
    text = values.str.strip_chars()
    head = text.drop_nulls().head(1000)
    formats = [fmt for fmt in DATE_FORMATS if head.str.strptime(pl.Date, fmt, strict=False).null_count() < head.len()]
    if not formats:
        return pl.Series(values.name, [None] * values.len(), dtype=pl.Date)
    parsed = [text.str.strptime(pl.Date, fmt, strict=False) for fmt in formats]
    return pl.select(pl.coalesce(parsed)).to_series().alias(values.name)


def _digits(values: pl.Series) -> pl.Series:
    return values.str.replace_all(r"[^0-9A-Ba-b]", "")


class Check:
    """One consistency or fabrication test: which column kinds it needs, how it counts, how it judges."""

    name: ClassVar[str]
    kind: ClassVar[Literal["consistency", "validity", "fabrication", "freshness"]]
    needs: ClassVar[tuple[str, ...]]
    reads_dates: ClassVar[bool] = False  # counts from the dates of a date column (``shared.dates`` in ``count``)
    sampled: ClassVar[bool] = False  # a statistic of the sample: a profile counts it on some batches only

    def applies(self, columns: Columns) -> bool:
        return all(columns.get(kind) for kind in self.needs)

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        """What the check sees in ``batch``. ``shared``: what other parts of the batch's profile computed (dates
        of the date columns, normalised identifiers), so nothing is computed twice; computed here when missing."""
        raise NotImplementedError

    @staticmethod
    def _dates(batch: pl.DataFrame, column: str, shared: Shared | None) -> pl.Series:
        if shared is not None and column in shared.dates:
            return shared.dates[column]
        return parse_dates(batch[column])

    def judge(self, tally: Tally, lang: str) -> list[SampleCheck]:
        return [self._result(tally, lang)] if tally.checked else []

    def _limits(self) -> tuple[float, int]:
        rule = _rules().checks[self.name]
        return rule.suspicious_above, rule.min_checked

    def _result(self, tally: Tally, lang: str, **values: object) -> SampleCheck:
        above, minimum = self._limits()
        rate = tally.failed / tally.checked if tally.checked else 0.0
        return SampleCheck(name=self.name, kind=self.kind, checked=tally.checked, failed=tally.failed,
                           reason=say(self.name, lang, failed=tally.failed, checked=tally.checked,
                                      rate=_rate(tally.failed, tally.checked), **values),
                           suspicious=tally.checked >= minimum and rate > above)


class PostalCodeCity(Check):
    """A French postal code and the city beside it must belong together (same locality or département)."""

    name = "postal_code_city"
    kind = "consistency"
    needs = ("postal_code", "city")

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        pairs = (batch.select(code=pl.col(columns["postal_code"][0]).str.strip_chars(),
                              city=pl.col(columns["city"][0]))
                 .drop_nulls().group_by("code", "city").len())
        tally = Tally()
        for code, city, n in pairs.iter_rows():
            verdict = city_consistent(code, city)
            if verdict is None:
                continue
            tally.checked += n
            tally.failed += 0 if verdict else n
        return tally


@cache
def _zone_of_department() -> dict[str, str]:
    zones: dict[str, list[str]] = _rules().reference.landline_zones
    return {department: zone for zone, departments in zones.items() for department in departments}


class PhoneRegion(Check):
    """A French landline (01-05) belongs to the numbering zone of the place the person lives."""

    name = "phone_region"
    kind = "consistency"
    needs = ("phone", "postal_code")

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        phones = normalised(batch, columns["phone"][0], "phone", shared)  # E.164: +33 then 9 digits in France
        frame = (pl.DataFrame({"phone": phones, "code": batch[columns["postal_code"][0]]})
                 .filter(pl.col("phone").str.starts_with("+33"), pl.col("phone").str.len_bytes() == 12)
                 .select(zone="0" + pl.col("phone").str.slice(3, 1), code=pl.col("code").str.strip_chars())
                 .filter(pl.col("zone").is_in(["01", "02", "03", "04", "05"]))
                 .group_by("zone", "code").len())
        zones = _zone_of_department()
        tally = Tally()
        for zone, code, n in frame.iter_rows():
            department = department_of(code) if code else None
            expected = zones.get(department) if department else None
            if expected is None:
                continue
            tally.checked += n
            tally.failed += 0 if expected == zone else n
        return tally


def _nir_parts(batch: pl.DataFrame, column: str) -> pl.DataFrame:
    nir = _digits(batch[column].fill_null(""))
    return pl.DataFrame({"sex": nir.str.slice(0, 1), "yy": nir.str.slice(1, 2), "mm": nir.str.slice(3, 2),
                         "ok": nir.str.len_chars().is_in([13, 15])})


class NirBirth(Check):
    """The year and month of birth coded in a NIR match the date of birth."""

    name = "nir_birth"
    kind = "consistency"
    needs = ("nir", "date_of_birth")
    reads_dates = True

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        parts = _shared(shared, ("nir", columns["nir"][0]), lambda: _nir_parts(batch, columns["nir"][0]))
        born = self._dates(batch, columns["date_of_birth"][0], shared)
        month = pl.col("mm").cast(pl.Int32, strict=False)
        frame = parts.with_columns(born=born).filter(
            pl.col("ok"), pl.col("born").is_not_null(), month.is_between(1, 12))  # 20+ codes an unknown month
        # compared as numbers (no text built per row); a year that is not two digits does not match
        same = ((pl.col("yy").cast(pl.Int32, strict=False) == pl.col("born").dt.year().mod(100))
                & (month == pl.col("born").dt.month())).fill_null(False)
        failed = frame.select((~same).sum()).item()
        return Tally(frame.height, int(failed or 0))


@cache
def _sex_of_civility() -> dict[str, str]:
    words: dict[str, list[str]] = _rules().reference.civility
    return {word: sex for sex, items in words.items() for word in items}


class NirCivility(Check):
    """The sex digit of a NIR (1 man, 2 woman) matches the civility (M., Mme, Monsieur, Madame...)."""

    name = "nir_civility"
    kind = "consistency"
    needs = ("nir", "civility")

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        parts = _shared(shared, ("nir", columns["nir"][0]), lambda: _nir_parts(batch, columns["nir"][0]))
        words = batch[columns["civility"][0]]
        distinct = words.drop_nulls().unique()  # a handful (M., Mme, Monsieur): each read once, then looked up
        sexes = (distinct.str.to_lowercase().str.replace_all(r"[.\s]", "")
                 .replace_strict(_sex_of_civility(), default=None, return_dtype=pl.String))
        civility = words.replace_strict(distinct, sexes, default=None, return_dtype=pl.String)
        frame = parts.with_columns(expected=civility).filter(pl.col("ok"), pl.col("expected").is_not_null(),
                                                             pl.col("sex").is_in(["1", "2"]))
        failed = frame.select((pl.col("sex") != pl.col("expected")).sum()).item()
        return Tally(frame.height, int(failed or 0))


def _fold_name(expr: pl.Expr) -> pl.Expr:
    """Lower case ASCII letters only: accents split off (NFKD) then dropped with everything else."""
    return expr.str.to_lowercase().str.normalize("NFKD").str.replace_all(r"[^a-z]", "")


class EmailPattern(Check):
    """Real users write their addresses many ways; a generator writes them all one way.

    The pattern mix is a statistic: it is read on the first ``ROWS`` rows of a batch, and a profile reads it on
    the batches it samples for statistics (``sampled``)."""

    name = "email_pattern"
    kind = "fabrication"
    needs = ("email",)
    sampled = True
    ROWS: ClassVar[int] = 20_000

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        batch = batch.head(self.ROWS)
        local = pl.col(columns["email"][0]).str.to_lowercase().str.extract(r"^([^@\s]+)@", 1)
        none = pl.lit(None, pl.String)  # typed: a Null literal has no .str (a sample with no first-name column)
        first = _fold_name(pl.col(columns["first_name"][0])) if columns.get("first_name") else none
        last = _fold_name(pl.col(columns["last_name"][0])) if columns.get("last_name") else none
        shape = (local.str.replace_all(r"\p{L}+", "a").str.replace_all(r"[0-9]+", "9"))
        letters = local.str.replace_all(r"[^a-z]", "")
        named = (pl.when(first.is_not_null() & last.is_not_null() & (first.str.len_chars() > 0))
                 .then(pl.when(letters == first + last).then(pl.lit("first+last"))
                       .when(letters == last + first).then(pl.lit("last+first"))
                       .when(letters == first.str.slice(0, 1) + last).then(pl.lit("f+last"))
                       .when(letters == last).then(pl.lit("last"))
                       .when(letters == first).then(pl.lit("first"))
                       .otherwise(pl.lit("other")))
                 .otherwise(pl.lit("")))
        frame = batch.select(pattern=pl.concat_str([named, pl.lit(" "), shape])).drop_nulls()
        counts = Counter(dict(frame.group_by("pattern").len().iter_rows()))
        return Tally(frame.height, 0, counts)

    def judge(self, tally: Tally, lang: str) -> list[SampleCheck]:
        if not tally.checked:
            return []
        pattern, top = tally.counts.most_common(1)[0]
        return [self._result(Tally(tally.checked, top), lang, pattern=pattern.strip())]


class EmailDomains(Check):
    """The mix of e-mail domains: generator or throwaway domains, or one domain for nearly everyone."""

    name = "email_domains"
    kind = "fabrication"
    needs = ("email",)

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        addresses = normalised(batch, columns["email"][0], "email", shared)  # valid ones, lower-cased
        # a normalised address has one @ and an ASCII domain: the domain is what follows the @, sliced at its
        # byte offset (8 ms a batch, a split 20 ms); that offset counts characters only where the local part is
        # ASCII too, so the few others are split
        domain = addresses.str.slice(addresses.str.find("@", literal=True) + 1)
        foreign = (addresses.str.len_bytes() != addresses.str.len_chars()).fill_null(False)
        if foreign.any():
            rows = foreign.arg_true()
            domain = domain.scatter(rows, addresses.gather(rows).str.split_exact("@", 1).struct.field("field_1"))
        domains = pl.DataFrame({"domain": domain}).drop_nulls()
        counts = Counter(dict(domains.group_by("domain").len().iter_rows()))
        return Tally(domains.height, 0, counts)

    def judge(self, tally: Tally, lang: str) -> list[SampleCheck]:
        if not tally.checked:
            return []
        generators = set(_rules().reference.generator_domains)
        found = {d: n for d, n in tally.counts.items() if d in generators}
        results = [self._result(Tally(tally.checked, sum(found.values())), lang,
                                domains=", ".join(sorted(found, key=lambda d: -found[d])[:3]) or "—")]
        domain, top = tally.counts.most_common(1)[0]
        above, minimum = _rules().checks["email_one_domain"].suspicious_above, _rules().checks[
            "email_one_domain"].min_checked
        results.append(SampleCheck(name="email_one_domain", kind="fabrication", checked=tally.checked, failed=top,
                                   reason=say("email_one_domain", lang, rate=_rate(top, tally.checked),
                                              checked=tally.checked, domain=domain),
                                   suspicious=tally.checked >= minimum and top / tally.checked > above))
        return results


class Ages(Check):
    """Dates of birth that give an impossible age for a customer (under 15, over 105, in the future)."""

    name = "ages"
    kind = "fabrication"
    needs = ("date_of_birth",)
    reads_dates = True

    def count(self, batch: pl.DataFrame, columns: Columns, shared: Shared | None = None) -> Tally:
        reference = _rules().reference
        today = date.today()
        born = self._dates(batch, columns["date_of_birth"][0], shared).drop_nulls()
        age = (today.year - born.dt.year()).cast(pl.Int32)
        failed = ((age < reference.min_age) | (age > reference.max_age)).sum()
        return Tally(born.len(), int(failed or 0))


CHECKS: tuple[Check, ...] = (PostalCodeCity(), PhoneRegion(), NirBirth(), NirCivility(), EmailPattern(),
                             EmailDomains(), Ages())
