"""A vdir (one .vcf per person, khard's and vdirsyncer's layout): export, re-export, import.

The last test syncs through a real CardDAV server: it starts Radicale and runs vdirsyncer."""

from __future__ import annotations

import importlib.util
import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal import cli
from journal.clock import FixedClock
from journal.interop import ImportFailed, import_file
from journal.interop.vdir import STATE_FILE, export_vdir, file_name
from journal.model import DateEntry, Email, Person, Phone, Relationship
from journal.store import JournalStore

CORPUS = Path(__file__).parent / "corpus"
NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Iterator[JournalStore]:
    with JournalStore.open(tmp_path / "journal.json", clock) as opened:
        yield opened


def export(store: JournalStore, folder: Path, version: str = "4.0"):  # type: ignore[no-untyped-def]
    deleted = {r.id for r in store.tombstones("people")}
    return export_vdir(store.people(), deleted, folder, version)


def cards(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.vcf"))}


def comparable(person: Person) -> dict[str, object]:
    return {k: v for k, v in person.to_dict().items() if k not in ("created", "updated")}


def test_one_uid_named_card_per_person_and_a_second_export_writes_nothing(store: JournalStore, tmp_path: Path) -> None:
    anna, bob = Person(name="Anna Müller", birthday="--03-22"), Person(name="Bob Schulz")
    store.save(anna, bob)
    folder = tmp_path / "contacts" / "netjournal"
    result = export(store, folder)
    assert (result.written, result.unchanged, result.removed) == (2, 0, 0)
    assert sorted(cards(folder)) == sorted([f"{anna.id}.vcf", f"{bob.id}.vcf"])
    assert cards(folder)[f"{anna.id}.vcf"].startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    times = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.vcf")}
    again = export(store, folder)
    assert (again.written, again.unchanged) == (0, 2)
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.vcf")} == times
    assert again.lines() == [f"Exported 2 people to {folder}: 0 written, 2 unchanged, 0 removed."]
    # vdirsyncer writes LF line endings and its own folding: still the same card, left alone.
    path = folder / f"{anna.id}.vcf"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    touched = path.stat().st_mtime_ns
    assert export(store, folder).unchanged == 2 and path.stat().st_mtime_ns == touched


def test_a_card_keeps_its_file_name_a_change_rewrites_only_it_and_a_deleted_person_goes(
    store: JournalStore, tmp_path: Path
) -> None:
    anna, bob, carla = Person(name="Anna"), Person(name="Bob"), Person(name="Carla")
    store.save(anna, bob, carla)
    folder = tmp_path / "vdir"
    export(store, folder)
    # A sync tool named Bob's file after the server; a phone added Dora, unknown to the journal.
    (folder / f"{bob.id}.vcf").rename(folder / "server-name-17.vcf")
    dora = b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:dora-on-the-phone\r\nFN:Dora\r\nEND:VCARD\r\n"
    (folder / "dora.vcf").write_bytes(dora)
    bob.phones = [Phone("+49 170 1234567", ["cell"], True)]
    store.save(bob)
    store.delete(carla)
    result = export(store, folder)
    assert (result.written, result.unchanged, result.removed) == (1, 1, 1)
    assert sorted(cards(folder)) == sorted([f"{anna.id}.vcf", "server-name-17.vcf", "dora.vcf"])
    assert b"TEL;PREF=1;TYPE=cell:+49 170 1234567" in cards(folder)["server-name-17.vcf"]
    assert cards(folder)["dora.vcf"] == dora  # not ours: left alone


def test_a_card_changed_elsewhere_with_something_new_is_kept_until_imported(
    store: JournalStore, tmp_path: Path
) -> None:
    anna = Person(name="Anna", emails=[Email("anna@example.org")])
    store.save(anna)
    folder = tmp_path / "vdir"
    export(store, folder)
    path = folder / f"{anna.id}.vcf"
    # A sync brings an edit from the phone: a new number.
    edited = path.read_bytes().replace(b"END:VCARD", b"TEL;TYPE=cell:0170 9999\r\nEND:VCARD")
    path.write_bytes(edited)
    anna.company = "Stripe"
    store.save(anna)
    result = export(store, folder)
    assert result.kept == [path.name] and result.written == 0
    assert path.read_bytes() == edited
    assert "Import the folder first" in result.lines()[1]
    # Imported, the journal has the number; now the export writes the card again, with both.
    summary = import_file(store, folder)
    assert summary.updated == 1
    result = export(store, folder)
    assert (result.written, result.kept) == (1, [])
    assert b"0170 9999" in path.read_bytes() and b"ORG:Stripe" in path.read_bytes()


def test_a_field_removed_in_the_journal_is_removed_from_its_card(store: JournalStore, tmp_path: Path) -> None:
    """What netjournal wrote itself is not "changed elsewhere": removing a phone in the journal
    removes it from the card, and the export does not ask for an import first."""
    anna = Person(name="Anna", phones=[Phone("0170 1"), Phone("030 2")])
    store.save(anna)
    folder = tmp_path / "vdir"
    export(store, folder)
    anna.phones = [Phone("0170 1")]
    store.save(anna)
    result = export(store, folder)
    assert (result.written, result.kept) == (1, [])
    assert b"030 2" not in (folder / f"{anna.id}.vcf").read_bytes()
    assert (folder / STATE_FILE).is_file()


def test_file_names_from_unsafe_uids_are_stable_and_never_overwrite_another_card(tmp_path: Path) -> None:
    assert file_name("urn:uuid:0b8f3c52-4f0e-4c61-8f3e-7a2d7c1e5b90") == "0b8f3c52-4f0e-4c61-8f3e-7a2d7c1e5b90.vcf"
    assert file_name("abc-123@example.org") == "abc-123@example.org.vcf"
    unsafe = file_name("../etc/passwd")
    assert unsafe == file_name("../etc/passwd") and "/" not in unsafe and unsafe.endswith(".vcf")
    assert file_name(".hidden") != ".hidden.vcf"


def test_import_a_vdir_and_its_address_book_subfolders(store: JournalStore, tmp_path: Path, clock: FixedClock) -> None:
    anna = Person(name="Anna", birthday="1980-03-22")
    bob = Person(name="Bob", relationships=[Relationship("introduced by", anna.id)])
    store.save(anna, bob)
    folder = tmp_path / "vdir"
    export(store, folder)
    (folder / "broken.vcf").write_bytes(b"BEGIN:VCARD\r\nFN:Half\r\n")
    with JournalStore.open(tmp_path / "fresh.json", clock) as fresh:
        summary = import_file(fresh, folder)
        assert summary.added == 2
        assert [what for what, _why in summary.skipped] == ["broken.vcf: the card at line 1"]
        assert comparable(fresh.person(bob.id)) == comparable(bob)  # type: ignore[arg-type]
        again = import_file(fresh, folder)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 2)  # merged by UID
    # vdirsyncer with collections: one subfolder per address book.
    books = tmp_path / "books"
    (books / "private").mkdir(parents=True)
    (books / "private" / "anna.vcf").write_bytes((folder / f"{anna.id}.vcf").read_bytes())
    with JournalStore.open(tmp_path / "fresh2.json", clock) as fresh:
        assert import_file(fresh, books).added == 1
    (tmp_path / "empty").mkdir()
    with (
        JournalStore.open(tmp_path / "fresh3.json", clock) as fresh,
        pytest.raises(ImportFailed, match=r"holds no \.vcf files"),
    ):
        import_file(fresh, tmp_path / "empty")


def test_the_cli_exports_a_vdir_and_refuses_the_journals_own_folder(tmp_path: Path, clock: FixedClock) -> None:
    journal = tmp_path / "j" / "journal.json"
    with JournalStore.open(journal, clock) as store:
        store.save(Person(name="Anna"))
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["--db", str(journal), "export", "--format", "vdir", str(tmp_path / "v")], clock=clock, out=out, err=err
    )
    assert code == 0, err.getvalue()
    assert out.getvalue() == f"Exported 1 person to {tmp_path / 'v'}: 1 written, 0 unchanged, 0 removed.\n"
    for bad in (str(tmp_path / "j"), str(tmp_path / "j" / "backups"), "-"):
        out, err = io.StringIO(), io.StringIO()
        code = cli.main(["--db", str(journal), "export", "--format", "vdir", bad], clock=clock, out=out, err=err)
        assert (code == 1 and "Nothing was written" in err.getvalue()) or "A vdir is a folder" in err.getvalue()
    assert sorted(p.name for p in (tmp_path / "j").iterdir() if p.suffix == ".vcf") == []


# ----------------------------------------------------------------------------- a real CardDAV sync


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[str]:
    """A Radicale server on a free local port with one address book; its URL."""
    missing = [name for name in ("radicale", "vdirsyncer") if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed: pip install -e '.[test]' brings them")
    storage = tmp_path / "radicale"
    book = storage / "collection-root" / "user" / "book"
    book.mkdir(parents=True)
    (book / ".Radicale.props").write_text('{"tag": "VADDRESSBOOK"}')
    port = _free_port()
    url = f"http://127.0.0.1:{port}/user/book/"
    log = (tmp_path / "radicale.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(storage),
            "--auth-type",
            "none",
            "--rights-type",
            "authenticated",
            "--logging-level",
            "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                request = urllib.request.Request(url, method="PROPFIND", headers={"Depth": "0"})
                request.add_header("Authorization", "Basic dXNlcjp4")  # user:x
                urllib.request.urlopen(request, timeout=1).close()
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(
                        f"Radicale did not start: {(tmp_path / 'radicale.log').read_text(errors='replace')[-500:]}"
                    )
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _vdirsyncer(config: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vdirsyncer", "-c", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _cli(clock: FixedClock, *argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), clock=clock, out=out, err=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


def test_sync_through_a_carddav_server_with_vdirsyncer_and_back(
    radicale: str, tmp_path: Path, clock: FixedClock
) -> None:
    """export vdir → vdirsyncer → Radicale → vdirsyncer → a second vdir → import: the same people;
    then a change and a deletion travel the same way, and file names stay."""
    journal = tmp_path / "journal.json"
    with JournalStore.open(journal, clock) as store:
        for name in ("ezvcard-John_Doe_IPHONE.vcf", "ezvcard-John_Doe_GMAIL.vcf", "thunderbird-export.vcf"):
            import_file(store, CORPUS / name)
        anna = Person(
            name="Anna Müller",
            given_name="Anna",
            family_name="Müller",
            birthday="--03-22",
            dates=[DateEntry("anniversary", "2015-06-12")],
            emails=[Email("anna@example.org", ["work"], True)],
            phones=[Phone("+49 170 1234567", ["cell"])],
            platforms={"Signal": "+49 170 1234567", "LinkedIn": "anna-mueller"},
            common_ground="Rudern",
        )
        bob = Person(name="Bob Schulz", relationships=[Relationship("introduced by", anna.id)])
        store.save(anna, bob)
        people = {p.id: comparable(p) for p in store.people()}
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(
        f"""[general]
status_path = "{tmp_path / "status"}/"

[pair mine]
a = "my_vdir"
b = "server"
collections = null

[pair theirs]
a = "their_vdir"
b = "server"
collections = null

[storage my_vdir]
type = "filesystem"
path = "{mine}/"
fileext = ".vcf"

[storage their_vdir]
type = "filesystem"
path = "{theirs}/"
fileext = ".vcf"

[storage server]
type = "carddav"
url = "{radicale}"
username = "user"
password = "x"
"""
    )
    theirs.mkdir()
    assert "written" in _cli(clock, "--db", str(journal), "export", "--format", "vdir", str(mine))
    _vdirsyncer(config, "discover")
    assert _vdirsyncer(config, "sync", "mine").count("to server") == len(people)
    assert _vdirsyncer(config, "sync", "theirs").count("to their_vdir") == len(people)
    fresh = tmp_path / "fresh.json"
    assert f"{len(people)} added" in _cli(clock, "--db", str(fresh), "import", str(theirs))
    with JournalStore.open(fresh, clock, readonly=True) as copy:
        assert {p.id: comparable(p) for p in copy.people()} == people

    # The other side changes Bob and forgets Anna, and exports into its vdirsyncer-named folder.
    names = sorted(p.name for p in theirs.glob("*.vcf"))
    with JournalStore.open(fresh, clock) as copy:
        bob_there = copy.person(bob.id)
        assert bob_there is not None
        bob_there.company = "Nordlicht"
        copy.save(bob_there)
    _cli(clock, "--db", str(fresh), "forget", "--yes", "Anna Müller")
    out = _cli(clock, "--db", str(fresh), "export", "--format", "vdir", str(theirs))
    assert f": 1 written, {len(people) - 2} unchanged, 1 removed." in out
    assert sorted(p.name for p in theirs.glob("*.vcf")) == [n for n in names if (theirs / n).exists()]
    assert len(list(theirs.glob("*.vcf"))) == len(people) - 1
    synced = _vdirsyncer(config, "sync", "theirs")
    assert "Copying (updating) item" in synced and "Deleting item" in synced
    _vdirsyncer(config, "sync", "mine")
    assert not (mine / f"{anna.id}.vcf").exists()
    assert b"ORG:Nordlicht" in (mine / f"{bob.id}.vcf").read_bytes()


def test_a_person_whose_card_uid_changed_in_a_merge_keeps_one_card(store: JournalStore, tmp_path: Path) -> None:
    """Anna was exported under her id; then her phone's card (another UID) came in and was taken
    as her: the next export writes that card's file and removes the old one (no UID twice)."""
    anna = Person(name="Anna Müller")
    store.save(anna)
    folder = tmp_path / "vdir"
    export(store, folder)
    phone = b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-anna-1\r\nFN:Anna M\xc3\xbcller\r\nTEL;TYPE=CELL:0170 1\r\nEND:VCARD\r\n"
    (folder / "phone-anna-1.vcf").write_bytes(phone)
    assert import_file(store, folder).updated == 1
    result = export(store, folder)
    assert (result.written, result.removed) == (1, 1)
    assert sorted(cards(folder)) == ["phone-anna-1.vcf"]
    assert b"UID:phone-anna-1" in cards(folder)["phone-anna-1.vcf"] and b"0170 1" in cards(folder)["phone-anna-1.vcf"]
    assert export(store, folder).unchanged == 1


def test_two_files_with_one_persons_uid_become_one(store: JournalStore, tmp_path: Path) -> None:
    anna = Person(name="Anna")
    store.save(anna)
    folder = tmp_path / "vdir"
    export(store, folder)
    copy = (folder / f"{anna.id}.vcf").read_bytes()
    (folder / "a-copy.vcf").write_bytes(copy)  # the same card twice (a sync tool's conflict copy)
    result = export(store, folder)
    assert (result.unchanged, result.removed) == (1, 1)
    assert len(cards(folder)) == 1
