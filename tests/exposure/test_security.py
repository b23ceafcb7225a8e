"""No identifier in clear anywhere under the data directory after ``exposure add``, public breaches included."""

from __future__ import annotations

from pathlib import Path

from exposure_helpers import Dump, run

from breachlens.exposure.normalise import normalise_email, normalise_phone


def _needles(dump: Dump) -> set[bytes]:
    needles: set[bytes] = set()
    for email in dump.emails:
        normalised = normalise_email(email)
        assert normalised is not None
        local = normalised.split("@")[0]
        needles |= {email.encode(), email.lower().encode(), normalised.encode()}
        if len(local) >= 6:  # long enough not to occur by chance in random bytes
            needles |= {local.encode(), local.encode("utf-16-le")}
    for phone in dump.phones:
        normalised = normalise_phone(phone)
        assert normalised is not None
        needles |= {phone.encode(), normalised.encode(), normalised[1:].encode(), phone.replace(" ", "").encode()}
    return needles


def test_no_identifier_in_clear_on_disk(dump: Dump, home: Path) -> None:
    assert run("keys", "create", "--domain", "example.fr", home=home).returncode == 0  # aliases kept, encrypted
    for name, extra in (("closed", ()), ("open", ("--public",))):
        done = run("exposure", "add", str(dump.path), "--breach", name, *extra, home=home)
        assert done.returncode == 0, done.stderr
    assert run("exposure", "check", dump.emails[0], home=home).returncode == 0
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name == "sha1_lo.npy" for p in files) and any(p.parent.name == "domains" for p in files)
    needles = _needles(dump)
    for path in files:
        data = path.read_bytes().lower()
        leaked = [n for n in needles if n.lower() in data]
        assert not leaked, f"{path} holds {leaked[:3]}"
        assert not any(n.lower().decode(errors="ignore") in str(path).lower() for n in needles if len(n) >= 6)
