"""E-mail addresses: one ``@``, a local part of the characters RFC 5322 allows, a domain of dotted labels
ending in an alphabetic top-level domain ("jean.dupont@orange.fr"; not "jean@localhost", not "jean@@x.fr")."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Detector, rules


class Email(Detector):
    kind = "email"
    screen = "@"
    FORM: ClassVar[str] = r"^[^@\s]+@[^@\s]+$"
    VALID: ClassVar[str] = (
        r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"  # dot-atom local part
        r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})$"
    )
    MAX_LENGTH: ClassVar[int] = 254

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.contains(self.VALID) & (prepared.str.len_bytes() <= self.MAX_LENGTH)

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Free webmail domains against the others (company, school, ISP's own)."""
        good = values.filter(self.valid(values)).str.strip_chars()
        domains = good.str.split("@").list.last().str.to_lowercase()
        free = int(domains.is_in(rules().free_mail_domains).sum())
        return {"free_mail": free, "other_domain": len(good) - free}
