"""The same data for the peers: encounters as a jrnl journal, people as a vdir of vCards.

Used by bench/run.py; reads the journal file as plain JSON (no store, no lock).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _jrnl_entry(enc: dict, names: dict[str, str]) -> str:
    who = ", ".join(names.get(pid, "?") for pid in enc.get("person_ids") or [])
    title = who + (f" @ {enc['place']}" if enc.get("place") else "") + ": " + (enc.get("summary") or "").rstrip(".")
    body = []
    for label, key in (
        ("in common", "common_ground"),
        ("exchanged", "experience"),
        ("gave", "gave"),
        ("got", "received"),
    ):
        if enc.get(key):
            body.append(f"{label}: {enc[key]}")
    if enc.get("tags"):
        body.append(" ".join("#" + t for t in enc["tags"]))
    stamp = f"{enc['date']} {enc.get('time') or '18:00'}"
    return f"[{stamp}] {title}." + ("\n" + "\n".join(body) if body else "") + "\n"


def _vcard_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _vcard(person: dict) -> str:
    name = person["name"]
    first, _, last = name.removeprefix("Dr. ").rpartition(" ")
    if not first:
        first, last = last, ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{person['id']}",
        f"FN:{_vcard_escape(name)}",
        f"N:{_vcard_escape(last)};{_vcard_escape(first)};;;",
    ]
    if person.get("aliases"):
        lines.append("NICKNAME:" + ",".join(_vcard_escape(a) for a in person["aliases"]))
    if person.get("company"):
        lines.append(f"ORG:{_vcard_escape(person['company'])}")
    if person.get("role"):
        lines.append(f"TITLE:{_vcard_escape(person['role'])}")
    platforms = person.get("platforms") or {}
    if platforms.get("e-mail"):
        lines.append(f"EMAIL;TYPE=INTERNET:{platforms['e-mail']}")
    if platforms.get("phone"):
        lines.append(f"TEL;TYPE=CELL:{platforms['phone']}")
    if person.get("tags"):
        lines.append("CATEGORIES:" + ",".join(_vcard_escape(t) for t in person["tags"]))
    note = "\n".join(x for x in (person.get("how_we_met"), person.get("common_ground"), person.get("notes")) if x)
    if note:
        lines.append(f"NOTE:{_vcard_escape(note)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def export(journal: str, jrnl_file: str, vdir: str) -> None:
    from journal.storage import read_json_file

    data = read_json_file(Path(journal))
    people = [p for p in (data.get("people") or {}).values() if not p.get("deleted")]
    names = {p["id"]: p["name"] for p in people}
    encounters = [e for e in (data.get("encounters") or {}).values() if not e.get("deleted")]
    encounters.sort(key=lambda e: (e["date"], e.get("time") or "18:00", e.get("created") or ""))
    target = Path(jrnl_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        for enc in encounters:
            handle.write(_jrnl_entry(enc, names))
            handle.write("\n")
    folder = Path(vdir)
    folder.mkdir(parents=True, exist_ok=True)
    for person in people:
        (folder / f"{person['id']}.vcf").write_text(_vcard(person), encoding="utf-8")


def configure_jrnl(home: Path, journal_file: Path, version: str = "") -> Path:
    """A jrnl config in ``home/config`` pointing at ``journal_file``; returns the XDG_CONFIG_HOME."""
    config_home = home / "config"
    (config_home / "jrnl").mkdir(parents=True, exist_ok=True)
    (config_home / "jrnl" / "jrnl.yaml").write_text(
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal_file}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        + (f"version: '{version}'\n" if version else ""),
        encoding="utf-8",
    )
    return config_home


def configure_khard(home: Path, vdir: Path) -> Path:
    """A khard config in ``home/config`` with one address book, ``vdir``; returns the XDG_CONFIG_HOME."""
    config_home = home / "config"
    (config_home / "khard").mkdir(parents=True, exist_ok=True)
    (config_home / "khard" / "khard.conf").write_text(f"[addressbooks]\n[[demo]]\npath = {vdir}\n", encoding="utf-8")
    return config_home
