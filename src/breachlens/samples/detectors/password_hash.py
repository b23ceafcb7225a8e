"""Password hashes, recognised by form: modular crypt formats (bcrypt ``$2a$``/``$2b$``/``$2y$``, argon2
``$argon2id$v=19$m=...``, sha512crypt ``$6$``, sha256crypt ``$5$``, md5crypt ``$1$``, phpass ``$P$``/``$H$``),
Django's ``pbkdf2_sha256$...``, MySQL 4.1+ ``*`` + 40 hex, and bare hex digests by length: MD5 (or NTLM) 32,
SHA-1 40, SHA-256 64, SHA-512 128, in one case throughout; a digest of one repeated character is no hash.
:meth:`PasswordHash.hash_kind` names the scheme of each value; ``subtype`` counts them."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Detector, on_subset

_B64 = r"[./A-Za-z0-9]"


class PasswordHash(Detector):
    kind = "password_hash"
    screen = r"^(?:\$|\*|pbkdf2_|[0-9a-fA-F]{32})"
    # scheme -> anchored pattern, most specific first
    SCHEMES: ClassVar[dict[str, str]] = {
        "bcrypt": rf"^\$2[abxy]?\$\d{{2}}\${_B64}{{53}}$",
        "argon2": r"^\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$",
        "sha512crypt": rf"^\$6\$(?:rounds=\d+\$)?{_B64}{{1,16}}\${_B64}{{86}}$",
        "sha256crypt": rf"^\$5\$(?:rounds=\d+\$)?{_B64}{{1,16}}\${_B64}{{43}}$",
        "md5crypt": rf"^\$(?:1|apr1)\${_B64}{{1,8}}\${_B64}{{22}}$",
        "phpass": rf"^\$[PH]\${_B64}{{31}}$",
        "pbkdf2": r"^pbkdf2_sha(?:1|256|512)\$\d+\$[^$]+\$[A-Za-z0-9+/]+={0,2}$",
        "mysql": r"^\*[0-9A-Fa-f]{40}$",
        "md5": r"^(?:[0-9a-f]{32}|[0-9A-F]{32})$",
        "sha1": r"^(?:[0-9a-f]{40}|[0-9A-F]{40})$",
        "sha256": r"^(?:[0-9a-f]{64}|[0-9A-F]{64})$",
        "sha512": r"^(?:[0-9a-f]{128}|[0-9A-F]{128})$",
    }
    FORM: ClassVar[str] = "|".join(f"(?:{pattern})" for pattern in SCHEMES.values())
    CRYPT: ClassVar[str] = "|".join(f"(?:{pattern})" for name, pattern in SCHEMES.items()
                                    if name not in ("md5", "sha1", "sha256", "sha512"))
    HEX: ClassVar[str] = r"^(?:[0-9a-f]+|[0-9A-F]+)$"
    HEX_LENGTHS: ClassVar[tuple[int, ...]] = (32, 40, 64, 128)

    def form(self, prepared: pl.Series) -> pl.Series:
        """Hex digests by length and alphabet; the crypt formats (rows opening with $, * or pbkdf2) by pattern."""
        h = pl.col("h")
        frame = pl.DataFrame({"h": prepared}).select(
            hexadecimal=(h.str.len_bytes().is_in(self.HEX_LENGTHS) & h.str.contains(self.HEX)).fill_null(False),
            crypt=(h.str.starts_with("$") | h.str.starts_with("*") | h.str.starts_with("pbkdf2_")).fill_null(False))
        hexadecimal, crypt = frame["hexadecimal"], frame["crypt"]
        if not crypt.any():
            return hexadecimal
        return hexadecimal | on_subset(prepared, crypt, lambda rows: rows.str.contains(self.CRYPT))

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        """A bare hex digest is not one character repeated ("000...0", "aaaa...a")."""
        return ~prepared.is_in(_repeated())

    def hash_kind(self, values: pl.Series) -> pl.Series:
        """The scheme of each value ("bcrypt", "md5", ...), null where the value is no hash."""
        prepared = self.prepare(values)
        schemes = [pl.when(pl.col("h").str.contains(pattern)).then(pl.lit(scheme))
                   for scheme, pattern in self.SCHEMES.items()]
        return pl.DataFrame({"h": prepared}).select(pl.coalesce(schemes).alias(values.name)).to_series()

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Valid hashes by scheme: "md5" also stands for NTLM and other 128-bit hex digests."""
        kinds = self.hash_kind(values).filter(self.valid(values))
        return dict(sorted(kinds.value_counts().iter_rows(), key=lambda row: (-row[1], str(row[0]))))


@cache
def _repeated() -> list[str]:
    """Hex digests of one repeated character, at every digest length: placeholders, never a hash."""
    return [char * size for char in "0123456789abcdefABCDEF" for size in (32, 40, 64, 128)]
