"""vCard import (2.1, 3.0, 4.0 as real address books write them) and vCard 4.0 export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.interop import ImportFailed, import_bytes, import_file
from journal.interop.vcard import export_vcards, merge_person
from journal.model import Person
from journal.store import JournalStore

FIXTURES = Path(__file__).parent.parent / "fixtures" / "vcf"
NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    with JournalStore.open(tmp_path / "journal.json", clock) as opened:
        yield opened


def person(store: JournalStore, name: str) -> Person:
    found = store.find_person(name)
    assert found is not None, f"{name} not imported; have {[p.name for p in store.people()]}"
    return found


# ----------------------------------------------------------------------------- each version and quirk


def test_vcard_21_quoted_printable_charset_soft_breaks_and_photo(store: JournalStore) -> None:
    summary = import_file(store, FIXTURES / "v21_quoted_printable.vcf")
    assert (summary.added, summary.updated, summary.skipped) == (2, 0, [])
    juergen = person(store, "Jürgen Müller")
    assert juergen.company == "Bäckerei Groß"
    assert juergen.role == "Geschäftsführer, Vertrieb"  # 2.1 does not escape commas: keep them
    assert juergen.platforms == {
        "phone": "+49 30 1234567",
        "phone 2": "+49 170 7654321",
        "e-mail": "juergen@baeckerei-gross.example",
    }
    # ISO-8859-1 quoted-printable over a soft line break.
    assert juergen.notes == "Grüße aus Köln; backt das beste Brot der Stadt, sagt er selbst. Mag Äpfel."
    assert person(store, "Ayşe Öztürk").platforms == {"e-mail": "ayse@example.de"}


def test_vcard_21_windows_1252_with_unfolded_photo(store: JournalStore) -> None:
    import_file(store, FIXTURES / "v21_windows1252.vcf")
    bjoern = person(store, "Björn Weiß")
    assert (bjoern.company, bjoern.role) == ("Steuerkanzlei Krüger", "Steuerberater – Partner")
    assert bjoern.platforms == {"e-mail": "bjoern.weiss@kanzlei-krueger.example"}


def test_vcard_30_google_groups_escapes_folding(store: JournalStore) -> None:
    summary = import_file(store, FIXTURES / "v30_google.vcf")
    assert summary.added == 2
    anna = person(store, "Anna Müller")
    assert anna.role == "Engineering Manager, Payments"
    assert anna.platforms == {
        "e-mail": "anna@stripe.example",
        "e-mail 2": "anna.mueller@mail.example",
        "phone": "+49 170 1234567",
        "LinkedIn": "https://www.linkedin.com/in/anna-mueller",
        "web": "https://anna.example",
    }
    assert anna.tags == ["Konferenz"]  # Google's "myContacts" is not a tag anyone chose
    assert anna.notes == (
        "Kennengelernt auf der PyCon, Berlin.\nMag Rudern und Wörterrätsel; spricht über "
        "Rust in der Zahlungsabwicklung. Übernächste Woche wieder in der Stadt."
    )
    assert person(store, "Chloé Dubois").company == "Sciences Po"


def test_vcard_30_apple_social_profiles(store: JournalStore) -> None:
    import_file(store, FIXTURES / "v30_apple.vcf")
    juergen = person(store, "Dr. Jürgen Weiß")
    assert juergen.company == "Ruderclub Wannsee e.V., Vorstand"
    assert juergen.role == "Vorsitzender"
    assert juergen.platforms == {
        "e-mail": "juergen@ruderclub.example",
        "phone": "+49 171 7654321",
        "LinkedIn": "http://www.linkedin.com/in/juergenweiss",
        "XING": "Juergen_Weiss",
        "web": "https://ruderclub.example",
    }


def test_vcard_40_khard(store: JournalStore) -> None:
    import_file(store, FIXTURES / "v40_khard.vcf")
    zoe = person(store, "Zoë Ünal")
    assert zoe.id == "0b5ba1c8-3f53-4a2e-9b59-2a7f5f0f7e11"  # the card's UID, free in this journal
    assert zoe.aliases == ["Zozo", "Zoë U."]
    assert (zoe.company, zoe.role) == ("Grüne Wiese GmbH", "Gründerin")
    assert zoe.tags == ["Gründerinnen", "Klima"]
    assert zoe.platforms == {
        "e-mail": "zoe@gruene-wiese.example",
        "phone": "+49-160-5550123",
        "web": "https://zoe.example",
        "Mastodon": "https://chaos.social/@zoe",
    }
    assert zoe.notes == "Trifft sich gern zum Kaffee; mag Fahrräder."


def test_several_cards_duplicates_and_skips(store: JournalStore) -> None:
    summary = import_file(store, FIXTURES / "several.vcf")
    # Käthe Böhm once; "Kaethe Boehm" is the same folded name, "Dr. K. Böhm" the same e-mail.
    assert (summary.added, summary.updated) == (2, 2)
    assert summary.skipped == [("the card at line 1", "no name")]
    assert sorted(p.name for p in store.people()) == ["Käthe Böhm", "Tischlerei Jäger"]
    kaethe = person(store, "Käthe Böhm")
    assert kaethe.platforms == {"e-mail": "kaethe@praxis-boehm.example", "phone": "+49 30 4711"}
    assert kaethe.role == "Zahnärztin"
    assert kaethe.aliases == ["Dr. K. Böhm"]  # found again by that name next time
    lines = summary.lines()
    assert lines[0] == "Imported several.vcf: 2 added, 2 updated, 1 skipped."
    assert "skipped 1: no name (the card at line 1)" in lines[1]


# ----------------------------------------------------------------------------- people already there


def test_existing_people_are_updated_not_duplicated(store: JournalStore) -> None:
    store.save(
        Person(
            name="Anna Mueller",
            company="Stripe Berlin",
            role="",
            notes="Eigene Notiz.",
            platforms={"e-mail": "anna@stripe.example"},
        )
    )
    summary = import_file(store, FIXTURES / "v30_google.vcf")
    assert (summary.added, summary.updated) == (1, 1)
    anna = person(store, "Anna Müller")
    assert anna.name == "Anna Mueller"  # what the user wrote stays
    assert anna.company == "Stripe Berlin"
    assert anna.role == "Engineering Manager, Payments"  # empty fields are filled in
    assert anna.notes.startswith("Eigene Notiz.\n\nKennengelernt")
    assert anna.platforms["e-mail 2"] == "anna.mueller@mail.example"
    again = import_file(store, FIXTURES / "v30_google.vcf")
    assert (again.added, again.updated) == (0, 0)
    assert [why for _what, why in again.skipped] == ["already in the journal, nothing new"] * 2
    assert store.people_count() == 2


def test_merge_person_never_overwrites() -> None:
    mine = Person(name="Anna", company="A", platforms={"e-mail": "a@x"}, cadence_days=10)
    theirs = Person(name="Anna", company="B", platforms={"e-mail": "A@X", "phone": "1"}, cadence_days=99)
    merged = merge_person(mine, theirs)
    assert merged is not None
    assert (merged.company, merged.cadence_days) == ("A", 10)
    assert merged.platforms == {"e-mail": "a@x", "phone": "1"}
    assert mine.platforms == {"e-mail": "a@x"}  # the stored record is not touched


# ----------------------------------------------------------------------------- export → import


def test_export_import_round_trip_is_unchanged(tmp_path: Path, clock: FixedClock, store: JournalStore) -> None:
    people = [
        Person(
            name="Anna Müller",
            aliases=["Anni", "A. M., Dr."],
            company="Grüne; Wiese, GmbH",
            role="Chefin, Vertrieb",
            tags=["rust", "Gründerinnen"],
            platforms={
                "e-mail": "anna@x.example",
                "e-mail (privat)": "anna@home.example",
                "phone": "+49 170 1",
                "LinkedIn": "anna-mueller",
                'My Blue: sky; "x", y': "@anna",
                "web": "https://anna.example",
                "XING": "Anna_Mueller",
            },
            common_ground="Rudern\nund Rätsel",
            offers="Rust-Reviews",
            needs="Kita-Platz",
            how_we_met="PyCon",
            cadence_days=21,
            archived=True,
            snoozed_until=date(2026, 12, 24),
            notes="Zeile eins\\zwei; drei, vier\nZeile zwei",
        ),
        Person(name="Bob", platforms={}),
        Person(name="Bob", company="Another Bob"),  # namesakes: their UIDs keep them apart
        Person(name="Ça va Ünal-Weiß"),
    ]
    store.save(*people)
    text = export_vcards(store.people())
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert text.count("BEGIN:VCARD") == 4
    with JournalStore.open(tmp_path / "fresh.json", clock) as fresh:
        summary = import_bytes(fresh, text.encode("utf-8"), "people.vcf")
        assert summary.added == 4
        for original in people:
            copy = fresh.person(original.id)
            assert copy is not None
            strip = {"created", "updated"}
            assert {k: v for k, v in copy.to_dict().items() if k not in strip} == {
                k: v for k, v in original.to_dict().items() if k not in strip
            }
        assert export_vcards(fresh.people()) == text


# ----------------------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken_no_end.vcf", "broken_no_end.vcf, line 1: this vCard has no END:VCARD"),
        ("broken_garbage.vcf", "broken_garbage.vcf, line 4: this is not a vCard line"),
        ("broken_charset.vcf", "broken_charset.vcf, line 3: the text cannot be decoded"),
    ],
)
def test_malformed_vcards_leave_the_journal_byte_identical(store: JournalStore, name: str, message: str) -> None:
    store.save(Person(name="Someone"))
    before = store.path.read_bytes()
    with pytest.raises(ImportFailed) as caught:
        import_file(store, FIXTURES / name)
    assert caught.value.message.startswith(message)
    assert caught.value.message.endswith("Nothing was changed.")
    assert store.path.read_bytes() == before
    assert [p.name for p in store.people()] == ["Someone"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello",
        b"END:VCARD\r\n",
        b"BEGIN:VCARD\r\nBEGIN:VCARD\r\nEND:VCARD\r\n",
        b"\xff\xfe\x00\xd8",
        "BEGIN:VCARD\nFN:Ä\nEND:VCARD\nstray text here\n".encode(),
    ],
)
def test_odd_vcard_bytes_fail_cleanly(store: JournalStore, content: bytes) -> None:
    before = store.path.read_bytes()
    with pytest.raises(ImportFailed):
        import_bytes(store, content, "odd.vcf")
    assert store.path.read_bytes() == before


def test_utf16_and_bom(store: JournalStore) -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörg Weiß\r\nEND:VCARD\r\n"
    import_bytes(store, card.encode("utf-16"), "outlook.vcf")
    import_bytes(store, b"\xef\xbb\xbf" + card.replace("Jörg", "Jürgen").encode(), "bom.vcf")
    assert sorted(p.name for p in store.people()) == ["Jörg Weiß", "Jürgen Weiß"]


def test_a_line_folded_inside_a_character(store: JournalStore) -> None:
    # Octet-based folding (RFC 2426) may cut a UTF-8 character in two.
    raw = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Käthe Böhm\r\nEND:VCARD\r\n".encode()
    cut = raw.index("ö".encode()) + 1
    import_bytes(store, raw[:cut] + b"\r\n " + raw[cut:], "cut.vcf")
    assert [p.name for p in store.people()] == ["Käthe Böhm"]
