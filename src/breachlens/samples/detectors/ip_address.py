"""IP addresses: IPv4 in dotted decimal with every octet 0-255 and no leading zero ("192.168.1.10"), and IPv6 in
full, compressed ("2001:db8::1") or IPv4-mapped form ("::ffff:192.0.2.1"). ``subtype`` separates v4 and v6, and
private, loopback and link-local addresses from public ones."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Detector

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_V4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_H = r"[0-9A-Fa-f]{1,4}"
_V6 = (
    rf"(?:{_H}:){{7}}{_H}"
    rf"|(?:{_H}:){{1,7}}:"
    rf"|(?:{_H}:){{1,6}}:{_H}"
    rf"|(?:{_H}:){{1,5}}(?::{_H}){{1,2}}"
    rf"|(?:{_H}:){{1,4}}(?::{_H}){{1,3}}"
    rf"|(?:{_H}:){{1,3}}(?::{_H}){{1,4}}"
    rf"|(?:{_H}:){{1,2}}(?::{_H}){{1,5}}"
    rf"|{_H}:(?::{_H}){{1,6}}"
    rf"|:(?:(?::{_H}){{1,7}}|:)"
    rf"|(?:{_H}:){{6}}{_V4}"
    rf"|::(?:[fF]{{4}}(?::0{{1,4}})?:)?{_V4}"
    rf"|(?:{_H}:){{1,4}}:{_V4}"
)


class IpAddress(Detector):
    kind = "ip_address"
    FORM: ClassVar[str] = r"^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z]+)?)$"
    screen = FORM
    V4: ClassVar[str] = rf"^{_V4}$"
    V6: ClassVar[str] = rf"^(?:{_V6})(?:%[0-9A-Za-z]+)?$"
    PRIVATE: ClassVar[str] = (r"^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|127\.|169\.254\.|0\.|100\.(?:6[4-9]|"
                              r"[7-9]\d|1[01]\d|12[0-7])\.|(?i:f[cd][0-9a-f]{2}:|fe[89ab][0-9a-f]:|::1$|::$))")

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM) & prepared.str.contains(r"\d")

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.contains(self.V4) | prepared.str.contains(self.V6)

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """v4 and v6, and how many are private, loopback, link-local or shared (not routable on the Internet)."""
        good = self.prepare(values).filter(self.valid(values))
        v4 = int(good.str.contains(self.V4).sum())
        private = int(good.str.contains(self.PRIVATE).sum())
        counts = {"v4": v4, "v6": len(good) - v4, "private": private}
        return {key: count for key, count in counts.items() if count}
