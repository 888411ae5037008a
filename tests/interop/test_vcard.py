"""vCard import (2.1, 3.0, 4.0 as real address books write them) and vCard 4.0 export."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.interop import ImportFailed, import_bytes, import_file
from journal.interop.people_import import merge_person
from journal.interop.vcard import export_vcards
from journal.model import Email, Person, Phone, Website
from journal.store import JournalStore
from tests.conftest import journal_bytes

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
    assert [(p.number, p.kinds) for p in juergen.phones] == [
        ("+49 30 1234567", ["work", "voice"]),
        ("+49 170 7654321", ["cell"]),
    ]
    assert [e.address for e in juergen.emails] == ["juergen@baeckerei-gross.example"]
    assert juergen.platforms == {}
    # ISO-8859-1 quoted-printable over a soft line break.
    assert juergen.notes == "Grüße aus Köln; backt das beste Brot der Stadt, sagt er selbst. Mag Äpfel."
    assert [e.address for e in person(store, "Ayşe Öztürk").emails] == ["ayse@example.de"]


def test_vcard_21_windows_1252_with_unfolded_photo(store: JournalStore) -> None:
    import_file(store, FIXTURES / "v21_windows1252.vcf")
    bjoern = person(store, "Björn Weiß")
    assert (bjoern.company, bjoern.role) == ("Steuerkanzlei Krüger", "Steuerberater – Partner")
    assert [e.address for e in bjoern.emails] == ["bjoern.weiss@kanzlei-krueger.example"]


def test_vcard_30_google_groups_escapes_folding(store: JournalStore) -> None:
    summary = import_file(store, FIXTURES / "v30_google.vcf")
    assert summary.added == 2
    anna = person(store, "Anna Müller")
    assert anna.role == "Engineering Manager, Payments"
    assert [e.address for e in anna.emails] == ["anna@stripe.example", "anna.mueller@mail.example"]
    assert [p.number for p in anna.phones] == ["+49 170 1234567"]
    assert anna.platforms == {"LinkedIn": "https://www.linkedin.com/in/anna-mueller"}
    assert [w.url for w in anna.websites] == ["https://anna.example"]
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
    assert juergen.platforms == {"LinkedIn": "http://www.linkedin.com/in/juergenweiss", "XING": "Juergen_Weiss"}
    assert [e.address for e in juergen.emails] == ["juergen@ruderclub.example"]
    assert [p.number for p in juergen.phones] == ["+49 171 7654321"]
    assert [w.url for w in juergen.websites] == ["https://ruderclub.example"]


def test_vcard_40_khard(store: JournalStore) -> None:
    import_file(store, FIXTURES / "v40_khard.vcf")
    zoe = person(store, "Zoë Ünal")
    assert zoe.id == "0b5ba1c8-3f53-4a2e-9b59-2a7f5f0f7e11"  # the card's UID, free in this journal
    assert zoe.aliases == ["Zozo", "Zoë U."]
    assert (zoe.company, zoe.role) == ("Grüne Wiese GmbH", "Gründerin")
    assert zoe.tags == ["Gründerinnen", "Klima"]
    assert zoe.platforms == {"Mastodon": "https://chaos.social/@zoe"}
    assert [e.address for e in zoe.emails] == ["zoe@gruene-wiese.example"]
    assert [p.number for p in zoe.phones] == ["+49-160-5550123"]
    assert [w.url for w in zoe.websites] == ["https://zoe.example"]
    assert zoe.notes == "Trifft sich gern zum Kaffee; mag Fahrräder."


def test_several_cards_naming_duplicates_and_shared_addresses(store: JournalStore) -> None:
    summary = import_file(store, FIXTURES / "several.vcf")
    # A card with only an e-mail is named by it; one with only a company by that.
    # "Kaethe Boehm" is Käthe Böhm's folded name: the same person. "Dr. K. Böhm" only shares her
    # e-mail: a new person, noted as perhaps the same on both pages.
    assert (summary.added, summary.updated, summary.skipped) == (4, 0, [])
    assert summary.combined == 1 and summary.maybe_same == 1
    assert sorted(p.name for p in store.people()) == [
        "Dr. K. Böhm",
        "Käthe Böhm",
        "Tischlerei Jäger",
        "nobody@example.org",
    ]
    kaethe = person(store, "Käthe Böhm")
    assert [e.address for e in kaethe.emails] == ["kaethe@praxis-boehm.example"]
    assert [p.number for p in kaethe.phones] == ["+49 30 4711"]
    doctor = person(store, "Dr. K. Böhm")
    assert doctor.role == "Zahnärztin" and doctor.maybe_same == [kaethe.id]
    lines = summary.lines()
    assert lines[0] == "Imported several.vcf: 4 added, 0 updated, 0 skipped."
    assert any("may be the same as" in line for line in lines)


# ----------------------------------------------------------------------------- people already there


def test_existing_people_are_updated_not_duplicated(store: JournalStore) -> None:
    store.save(
        Person(
            name="Anna Mueller",
            company="Stripe Berlin",
            role="",
            notes="Eigene Notiz.",
            emails=[Email("anna@stripe.example")],
        )
    )
    summary = import_file(store, FIXTURES / "v30_google.vcf")
    assert (summary.added, summary.updated) == (1, 1)
    anna = person(store, "Anna Müller")
    assert anna.name == "Anna Mueller"  # what the user wrote stays
    assert anna.company == "Stripe Berlin"
    assert anna.role == "Engineering Manager, Payments"  # empty fields are filled in
    assert anna.notes.startswith("Eigene Notiz.\n\nKennengelernt")
    assert [e.address for e in anna.emails] == ["anna@stripe.example", "anna.mueller@mail.example"]
    again = import_file(store, FIXTURES / "v30_google.vcf")
    assert (again.added, again.updated, again.unchanged, again.skipped) == (0, 0, 2, [])
    assert store.people_count() == 2


def test_merge_person_never_overwrites() -> None:
    mine = Person(name="Anna", company="A", emails=[Email("a@x")], cadence_days=10, birthday="1980-03-22")
    theirs = Person(
        name="Anna",
        company="B",
        emails=[Email("A@X", preferred=True)],
        phones=[Phone("905-555-1234")],
        cadence_days=99,
        birthday="1981-01-01",
    )
    merged = merge_person(mine, theirs)
    assert merged is not None
    assert (merged.company, merged.cadence_days, merged.birthday) == ("A", 10, "1980-03-22")
    assert merged.emails == [Email("a@x")] and merged.phones == [Phone("905-555-1234")]
    assert mine.emails == [Email("a@x")] and mine.phones == []  # the stored record is not touched


def test_merging_three_exports_of_one_person_numbers_handles_once() -> None:
    first = Person(name="Anna", platforms={"LinkedIn": "a", "LinkedIn 2": "b"})
    third = Person(name="Anna", platforms={"LinkedIn": "a", "LinkedIn 2": "c"})
    merged = merge_person(first, third)
    assert merged is not None and merged.platforms == {"LinkedIn": "a", "LinkedIn 2": "b", "LinkedIn 3": "c"}


# ----------------------------------------------------------------------------- export → import


def test_export_import_round_trip_is_unchanged(tmp_path: Path, clock: FixedClock, store: JournalStore) -> None:
    people = [
        Person(
            name="Anna Müller",
            aliases=["Anni", "A. M., Dr."],
            company="Grüne; Wiese, GmbH",
            role="Chefin, Vertrieb",
            tags=["rust", "Gründerinnen"],
            platforms={"LinkedIn": "anna-mueller", 'My Blue: sky; "x", y': "@anna", "XING": "Anna_Mueller"},
            emails=[Email("anna@x.example", ["work"], True), Email("anna@home.example", ["home"])],
            phones=[Phone("+49 170 1", ["cell"]), Phone("+49 30 2", ["work", "fax"], True)],
            websites=[Website("https://anna.example")],
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


def test_instant_messaging_handles_go_out_as_impp_that_other_address_books_read(
    tmp_path: Path, clock: FixedClock, store: JournalStore
) -> None:
    anna = Person(
        name="Anna",
        platforms={
            "Skype": "anna.m",
            "Jabber": "anna@jabber.example",
            "Google Talk": "anna@gmail.example",
            "Signal (via Bob)": "+49 170 1",
            "LinkedIn": "anna-mueller",
            "SIP": "sip:anna@voip.example",
        },
    )
    store.save(anna)
    for version in ("4.0", "3.0"):
        text = export_vcards(store.people(), version)
        assert "IMPP;X-SERVICE-TYPE=Skype:skype:anna.m\r\n" in text
        assert "IMPP;X-SERVICE-TYPE=Jabber:xmpp:anna@jabber.example\r\n" in text
        assert "IMPP;X-SERVICE-TYPE=GoogleTalk:gtalk:anna@gmail.example\r\n" in text
        assert "IMPP;X-SERVICE-TYPE=SIP:sip:anna@voip.example\r\n" in text  # not sip:sip:
        assert "IMPP;X-SERVICE-TYPE=Signal:sgnl:+49 170 1\r\n" in text  # "(via Bob)" is not the service
        assert "X-SOCIALPROFILE;TYPE=linkedin:anna-mueller\r\n" in text
        # Another address book sees the IMPP and the profile without netjournal's own lines.
        foreign = "".join(line + "\r\n" for line in text.splitlines() if "X-NETJOURNAL-KEY" not in line)
        with JournalStore.open(tmp_path / f"other-{version}.json", clock) as other:
            import_bytes(other, foreign.encode(), "anna.vcf")
            assert other.people()[0].platforms == {
                "Google Talk": "anna@gmail.example",
                "Jabber": "anna@jabber.example",
                "SIP": "anna@voip.example",
                "Skype": "anna.m",
                "LinkedIn": "anna-mueller",
                "Signal": "+49 170 1",
            }
        # netjournal itself gets every platform back under its own name.
        with JournalStore.open(tmp_path / f"again-{version}.json", clock) as again:
            import_bytes(again, text.encode(), "anna.vcf")
            assert again.people()[0].platforms == {**anna.platforms, "SIP": "anna@voip.example"}


# ----------------------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("broken_no_end.vcf", "the card has no END:VCARD"),
        ("broken_garbage.vcf", "line 4 is not a vCard property"),
    ],
)
def test_a_malformed_card_is_skipped_naming_its_line_and_strict_imports_nothing(
    store: JournalStore, name: str, reason: str
) -> None:
    from journal.interop.people_import import ImportOptions

    store.save(Person(name="Someone"))
    before = journal_bytes(store.path)
    with pytest.raises(ImportFailed) as caught:
        import_file(store, FIXTURES / name, options=ImportOptions(strict=True))
    assert reason in caught.value.message and "with --strict nothing was imported" in caught.value.message
    assert journal_bytes(store.path) == before
    summary = import_file(store, FIXTURES / name)
    assert [why for _what, why in summary.skipped] == [reason]


def test_a_value_in_a_charset_it_is_not_keeps_the_card(store: JournalStore) -> None:
    summary = import_file(store, FIXTURES / "broken_charset.vcf")
    assert summary.added == 1 and summary.skipped == []


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"hello",
        b"END:VCARD\r\n",
        b"\xff\xfe\x00\xd8",
    ],
)
def test_odd_vcard_bytes_fail_cleanly(store: JournalStore, content: bytes) -> None:
    before = journal_bytes(store.path)
    with pytest.raises(ImportFailed):
        import_bytes(store, content, "odd.vcf")
    assert journal_bytes(store.path) == before


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
