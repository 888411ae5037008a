"""CSV import: LinkedIn, Google (both layouts), Outlook (Windows-1252, English and German),
Thunderbird, and netjournal's own people and encounters CSV (sources of the files in
tests/interop/corpus/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal.clock import FixedClock
from journal.contacts import PartialDate
from journal.forget import forget_person
from journal.interop import ImportFailed, import_bytes, import_file
from journal.interop.contacts_csv import detect_layout, parse_csv_date
from journal.interop.csv import export_csv, export_people_csv, from_spreadsheet, spreadsheet_safe
from journal.interop.csv_read import decode_text, read_table
from journal.interop.people_import import ImportOptions
from journal.interop.vcard import export_vcards
from journal.model import Address, DateEntry, Email, Encounter, Person, Phone, Relationship, Website
from journal.store import JournalStore

CORPUS = Path(__file__).parent / "corpus"


def by_name(store: JournalStore) -> dict[str, Person]:
    return {p.name: p for p in store.people()}


def fields_of(record: Any) -> dict[str, Any]:
    return {k: v for k, v in record.to_dict().items() if k not in ("created", "updated")}


# ----------------------------------------------------------------------------- LinkedIn


def test_linkedin_connections_with_preamble_bom_crlf_and_quoted_commas(store: JournalStore) -> None:
    raw = (CORPUS / "linkedin-Connections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNotes:\r\n") and b"\r\n" in raw
    summary = import_file(store, CORPUS / "linkedin-Connections.csv")
    assert (summary.added, summary.updated, summary.unchanged) == (6, 0, 0)
    # The row with nothing but a date is named, not silently dropped.
    assert summary.skipped == [("the row at line 10", "nothing to name them by (no name, nickname, company or e-mail)")]
    people = store.people()
    joerg = next(p for p in people if p.name == "Jörg Weiß")
    assert (joerg.given_name, joerg.family_name) == ("Jörg", "Weiß")
    assert joerg.company == "Nordlicht Software GmbH, Hamburg"  # a quoted comma
    assert joerg.role == "Head of Product, Payments"  # position → role
    assert joerg.platforms == {"LinkedIn": "joerg-weiss"}  # profile address → handle
    assert joerg.how_we_met == "Connected on LinkedIn on 2023-01-03"  # "03 Jan 2023"
    assert joerg.emails == []
    priya = next(p for p in people if p.name == "Priya Sharma")
    assert priya.role == 'Senior Engineer "Platform"'
    assert priya.platforms == {"LinkedIn": "priya-sharma-9z8y7x"}  # the trailing slash is not the handle's
    first = next(p for p in people if p.platforms.get("LinkedIn") == "anna-mueller-1a2b3c")
    assert first.emails == [Email("anna.mueller@example.org")]
    assert first.how_we_met == "Connected on LinkedIn on 2024-03-12"


def test_two_connections_of_one_name_are_two_people_and_a_reimport_changes_nothing(store: JournalStore) -> None:
    import_file(store, CORPUS / "linkedin-Connections.csv")
    annas = [p for p in store.people() if p.name == "Anna Müller"]
    assert sorted(p.platforms["LinkedIn"] for p in annas) == ["anna-mueller-1a2b3c", "anna-mueller-hamburg"]
    assert {p.company for p in annas} == {"Stripe", "Hapag-Lloyd"}
    again = import_file(store, CORPUS / "linkedin-Connections.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 6)
    assert store.people_count() == 6


def test_a_connection_is_found_by_their_profile_whatever_their_name_says(store: JournalStore) -> None:
    store.save(
        Person(name="Anni Mueller", platforms={"LinkedIn": "https://www.linkedin.com/in/anna-mueller-1a2b3c/"}),
        Person(name="Anna Müller", platforms={"LinkedIn": "someone-else"}, company="Bakery"),
    )
    summary = import_file(store, CORPUS / "linkedin-Connections.csv")
    anni = store.find_person("Anni Mueller")
    assert anni is not None and anni.company == "Stripe" and "Anna Müller" in anni.aliases
    bakery = next(p for p in store.people() if p.company == "Bakery")
    assert bakery.aliases == [] and bakery.role == ""  # another profile: another Anna
    assert summary.updated == 1 and summary.added == 5


def test_the_older_linkedin_layout_without_profile_addresses(store: JournalStore) -> None:
    summary = import_file(store, CORPUS / "linkedin-Connections-2018.csv")
    assert summary.added == 2 and summary.skipped == []
    eva = by_name(store)["Eva Lindqvist"]
    assert (eva.company, eva.role, eva.how_we_met) == (
        "Volvo Cars, Gothenburg",
        "Designer",
        "Connected on LinkedIn on 2017-02-02",
    )


# ----------------------------------------------------------------------------- Google


def test_google_current_layout_keeps_every_field(store: JournalStore) -> None:
    summary = import_file(store, CORPUS / "google-contacts-2024.csv")
    assert summary.added == 3 and summary.skipped == []
    assert summary.not_kept == {"photos": 1}
    people = by_name(store)
    joerg = people["Dr. Jörg Weiß"]
    assert joerg.structured_name == ("Weiß", "Jörg", "", "Dr.", "")
    assert joerg.aliases == ["Jö"]
    assert (joerg.company, joerg.role) == ("Nordlicht Software GmbH, Payments", "Head of Product")
    assert joerg.tags == ["Sailing", "Work"]  # "* myContacts" and "* starred" are Google's own groups
    assert joerg.emails == [
        Email("joerg@nordlicht.example", ["work"], True),  # "* Work": the star is the primary one
        Email("joerg.weiss@example.net", ["home"]),  # "a ::: b": two addresses of one kind
        Email("jw@example.org", ["home"]),
    ]
    assert joerg.phones == [Phone("+49 170 1234567", ["cell"]), Phone("040 123456-0", ["work"])]
    assert joerg.addresses == [Address("Elbchaussee 12", "Hamburg", "", "22763", "Germany", kinds=["home"])]
    assert joerg.birthday == "1979-12-02"
    assert joerg.dates == [DateEntry("anniversary", "2005-06-18")]
    assert joerg.relationships == [Relationship("spouse", name="Maria Weiß")]
    assert joerg.platforms == {"LinkedIn": "https://www.linkedin.com/in/joerg-weiss"}
    assert joerg.notes == "Met at PyCon Berlin.\nLikes sailing.\nShoe size: 44"  # a custom field
    assert people["Eva Lindqvist"].birthday == "--03-22"  # no year
    bakery = people["Bäckerei Sonnenschein"]  # no name: named by the company
    assert bakery.tags == ["Neighbourhood"] and bakery.phones == [Phone("030 9876543", ["work"])]


def test_google_older_layout_from_roundcubes_test_suite(store: JournalStore) -> None:
    summary = import_file(store, CORPUS / "roundcube-gmail.csv")
    assert summary.added == 1 and summary.skipped == [] and summary.not_kept == {}
    person = store.people()[0]
    assert person.name == "Prefix Firstname Middle Lastname Suffix"
    assert person.structured_name == ("Lastname", "Firstname", "Middle", "Prefix", "Suffix")
    assert person.aliases == ["nick"] and person.birthday == "1975-12-12"
    assert person.notes == 'note"note'
    assert person.tags == ["Test"]  # "* My Contacts ::: Test"
    assert [(e.address, e.kinds, e.preferred) for e in person.emails] == [
        ("home@aaa.pl", ["home"], True),
        ("work@email.pl", ["work"], False),
        ("unknown@email.com", [], False),
        ("other@email.com", ["other"], False),
    ]
    assert [(p.number, p.kinds) for p in person.phones] == [
        ("pager", ["pager"]),
        ("mainphone", ["main"]),
        ("homephone", ["home"]),
        ("homefax", ["home", "fax"]),
        ("mobile", ["cell"]),
        ("workphone", ["work"]),
        ("workfax", ["work", "fax"]),
    ]
    assert person.addresses == [
        Address("home_street", "home_city", "home_state", "home_zip", "home_country", "home_pobox", kinds=["home"]),
        Address("work_street", "work_city", "", "work_zip", "work_country", kinds=["work"]),
    ]
    assert (person.company, person.role) == ("company", "jobtitle")
    assert person.relationships == [Relationship("spouse", name="spouse")]
    assert person.websites == [Website("test.com"), Website("home.page.com")]


# ----------------------------------------------------------------------------- Outlook, Thunderbird


def test_outlook_windows_1252_in_english(store: JournalStore) -> None:
    raw = (CORPUS / "outlook-2016-en.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    summary = import_file(store, CORPUS / "outlook-2016-en.csv")
    assert summary.added == 3 and summary.skipped == []
    people = by_name(store)
    renee = people["Renée Çelik"]
    assert (renee.company, renee.role) == ("Café Müller, Einkauf", "Inhaberin")
    assert renee.notes == "Röstet selbst – fragt nach Äthiopien, „Yirgacheffe“.\nZweite Zeile.\nHobby: Radfahren"
    assert renee.birthday == "1984-04-15" and renee.dates == [DateEntry("anniversary", "2012-06-01")]
    assert renee.tags == ["Kunden", "Nachbarschaft"]
    assert renee.emails == [Email("renee@cafe-mueller.example")]
    assert renee.phones == [
        Phone("0171 7654321", ["cell"]),
        Phone("+49 30 1234567", ["work"]),
        Phone("+49 30 1234568", ["work", "fax"]),
    ]
    assert renee.addresses == [
        Address("Oranienstraße 5\nHinterhaus", "Berlin", "", "10997", "Deutschland", kinds=["work"])
    ]
    assert renee.relationships == [
        Relationship("spouse", name="Tomás Çelik"),
        Relationship("introduced by", name="Jörg Weiß"),
    ]
    assert renee.websites == [Website("http://www.cafe-mueller.example/")]
    john = people["Mr. John Q. Public Jr."]
    assert john.birthday == "1970-12-31"  # 12/31/1970, month first
    assert john.phones[0] == Phone("217-555-0100", [], True)  # the primary phone
    assert john.relationships == [Relationship("manager", name="Wile E. Coyote")]
    # "0/0/00", "Normal", "False", "Unspecified": Outlook's way of saying nothing, left out.
    assert "Normal" not in john.notes and john.dates == [] and john.notes == ""
    assert people["Stadtwerke Musterstadt"].phones == [Phone("0800 1234567", ["work", "main"])]


def test_outlook_with_german_column_names(store: JournalStore) -> None:
    summary = import_file(store, CORPUS / "outlook-de.csv")
    assert summary.added == 1 and summary.skipped == []
    juergen = store.people()[0]
    assert (juergen.name, juergen.company, juergen.role) == ("Jürgen Weiß", "Müller & Söhne KG", "Geschäftsführer")
    assert juergen.birthday == "1968-07-03"  # 3.7.1968
    assert juergen.phones == [Phone("+49 172 9876543", ["cell"]), Phone("0211 123456", ["work"])]
    assert juergen.tags == ["Geschäftlich", "Golf"]
    assert juergen.relationships == [
        Relationship("spouse", name="Sabine Weiß"),
        Relationship("introduced by", name="Renée Çelik"),
    ]
    assert juergen.notes == "Spielt Golf in Ratingen."


def test_thunderbird_csv_named_by_the_display_name(store: JournalStore) -> None:
    summary = import_file(store, CORPUS / "thunderbird-export.csv")
    assert summary.added == 2 and summary.skipped == []
    two = by_name(store)["contact number two"]
    assert two.structured_name == ("two", "contact", "", "", "")
    assert two.emails == [Email("contact2@invalid", [], True)]
    assert (
        two.notes
        == "here's some unicode text…\nCustom 1: custom, 1\nCustom 2: custom\t2\nCustom 3: custom3\nCustom 4: custom\n4"
    )


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("linkedin-Connections.csv", "linkedin"),
        ("linkedin-Connections-2018.csv", "linkedin"),
        ("google-contacts-2024.csv", "google"),
        ("roundcube-gmail.csv", "google"),
        ("outlook-2016-en.csv", "outlook"),
        ("outlook-de.csv", "outlook"),
        ("thunderbird-export.csv", "thunderbird"),
    ],
)
def test_each_layout_is_told_by_its_header(name: str, layout: str) -> None:
    table = read_table(decode_text((CORPUS / name).read_bytes()), lambda h: detect_layout(h) is not None)
    assert table is not None and detect_layout(table.header) == layout


@pytest.mark.parametrize(
    "name",
    [
        "linkedin-Connections.csv",
        "google-contacts-2024.csv",
        "roundcube-gmail.csv",
        "outlook-2016-en.csv",
        "outlook-de.csv",
    ],
)
def test_people_from_csv_survive_a_vcard_round_trip(
    tmp_path: Path, clock: FixedClock, store: JournalStore, name: str
) -> None:
    import_file(store, CORPUS / name)
    text = export_vcards(store.people())
    with JournalStore.open(tmp_path / "again.json", clock) as again:
        import_bytes(again, text.encode(), "export.vcf")
        assert {p.id: fields_of(p) for p in again.people()} == {p.id: fields_of(p) for p in store.people()}


# ----------------------------------------------------------------------------- the import's rules


def test_a_deleted_person_is_not_brought_back_by_a_csv(store: JournalStore) -> None:
    gone = store.add_person(Person(name="Priya Sharma"))
    store.delete(gone)
    summary = import_file(store, CORPUS / "linkedin-Connections.csv")
    assert "Priya Sharma" not in by_name(store)
    assert summary.left_out == {"deleted in the journal": 1}
    assert any("left out 1 person: deleted in the journal" in line for line in summary.lines())


def test_a_shared_email_in_a_csv_is_noted_not_merged(store: JournalStore) -> None:
    family = store.add_person(Person(name="Chen Li", emails=[Email("chen.wei@example.com")]))
    summary = import_file(store, CORPUS / "linkedin-Connections.csv")
    chen = by_name(store)["Chen Wei"]
    assert chen.id != family.id and chen.maybe_same == [family.id]
    assert summary.maybe_same == 1


def test_format_names_the_layout_and_a_wrong_one_changes_nothing(tmp_path: Path, store: JournalStore) -> None:
    renamed = tmp_path / "export.txt"
    renamed.write_bytes((CORPUS / "linkedin-Connections.csv").read_bytes())
    assert import_file(store, renamed, "linkedin").added == 6
    with pytest.raises(ImportFailed, match="is not a Thunderbird CSV"):
        import_file(store, CORPUS / "outlook-de.csv", "thunderbird")
    assert store.people_count() == 6


def test_an_unknown_csv_is_refused_with_its_header(tmp_path: Path, store: JournalStore) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("Kundennummer,Umsatz\n1,200\n")
    with pytest.raises(ImportFailed, match="its header begins “Kundennummer, Umsatz”"):
        import_file(store, odd)
    assert store.people_count() == 0


def test_a_csv_without_a_csv_name_is_told_by_its_header(tmp_path: Path, store: JournalStore) -> None:
    download = tmp_path / "download"
    download.write_bytes((CORPUS / "google-contacts-2024.csv").read_bytes())
    assert import_file(store, download).added == 3


def test_utf16_csv_as_older_google_exports_are(tmp_path: Path, store: JournalStore) -> None:
    text = (CORPUS / "roundcube-gmail.csv").read_text("utf-8")
    path = tmp_path / "google.csv"
    path.write_bytes(text.encode("utf-16"))
    assert import_file(store, path).added == 1
    assert store.people()[0].emails[0].address == "home@aaa.pl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", PartialDate(3, 12, 2024)),
        ("03 Jan 2023", PartialDate(1, 3, 2023)),
        ("7-Feb-22", PartialDate(2, 7, 2022)),
        ("Mar 12, 2024", PartialDate(3, 12, 2024)),
        ("4/15/1984", PartialDate(4, 15, 1984)),
        ("20/01/1991", PartialDate(1, 20, 1991)),  # the first number cannot be a month: day first
        ("3.7.1968", PartialDate(7, 3, 1968)),
        ("12. März 2024", PartialDate(3, 12, 2024)),
        ("--03-22", PartialDate(3, 22)),
        ("1979-12-02", PartialDate(12, 2, 1979)),
        ("0/0/00", None),
        ("1/1/4501", None),
        ("", None),
        ("someday", None),
        ("2/30/2020", None),
    ],
)
def test_csv_dates(text: str, expected: PartialDate | None) -> None:
    assert parse_csv_date(text) == expected


# ----------------------------------------------------------------------------- netjournal's own CSV


def rich_journal(store: JournalStore) -> dict[str, Any]:
    """Everyone from the vCard corpus, plus people and encounters with every field."""
    for name in ("ezvcard-John_Doe_IPHONE.vcf", "ezvcard-John_Doe_EVOLUTION.vcf", "android-v21_multiple_entry.vcf"):
        import_file(store, CORPUS / name)
    bob = Person(name="Bob; Schulz", aliases=["Bobby", "B;S"], tags=["[x]"], cadence_days=30, archived=True)
    anna = Person(
        name="=Anna Müller",
        platforms={"LinkedIn": "anna-mueller", "Signal (via Bob)": "+49 170 1"},
        birthday="--03-22",
        dates=[DateEntry("name day", "--07-26")],
        relationships=[Relationship("introduced by", bob.id), Relationship("partner of", name="Maria")],
        snoozed_until=date(2026, 12, 24),
        common_ground="Rudern\nam Wannsee",
        offers="-5 tips",
        needs="+1",
        notes="'=literal",
        maybe_same=[bob.id],
    )
    store.save(bob, anna)
    meeting = Encounter(
        date=date(2026, 11, 20),
        time="10:30",
        person_ids=[anna.id, bob.id],
        occasion="event",
        place="@home",
        channel="video",
        direction="outreach",
        summary='Coffee; talked about Rust, "async"\nand rowing',
        common_ground="=SUM(A1)",
        experience="x",
        gave="intro to Carla",
        received="a book tip",
        by_chance=True,
        lucky=True,
        follow_up=date(2026, 12, 1),
        tags=["python", "rust"],
    )
    store.save(meeting, Encounter(date=date(2026, 1, 2), person_ids=[bob.id]))
    return {"anna": anna, "bob": bob, "meeting": meeting}


def test_people_and_encounters_csv_round_trip_loses_nothing(
    tmp_path: Path, clock: FixedClock, store: JournalStore
) -> None:
    rich_journal(store)
    people_csv = export_people_csv(store.people()).encode()
    encounters_csv = export_csv(store.encounters(), store.people()).encode()
    with JournalStore.open(tmp_path / "copy.json", clock) as copy:
        assert import_bytes(copy, people_csv, "people.csv").added == store.people_count()
        assert import_bytes(copy, encounters_csv, "encounters.csv").added == 2
        assert {p.id: fields_of(p) for p in copy.people()} == {p.id: fields_of(p) for p in store.people()}
        assert {e.id: fields_of(e) for e in copy.encounters()} == {e.id: fields_of(e) for e in store.encounters()}
        # Both files again: nothing changes, and the exports are the same.
        again = [import_bytes(copy, people_csv, "people.csv"), import_bytes(copy, encounters_csv, "encounters.csv")]
        assert [(s.added, s.updated, s.changed) for s in again] == [(0, 0, False), (0, 0, False)]
        assert export_people_csv(copy.people()).encode() == people_csv


def test_encounters_csv_alone_brings_its_people_by_id_and_name(
    tmp_path: Path, clock: FixedClock, store: JournalStore
) -> None:
    made = rich_journal(store)
    encounters_csv = export_csv(store.encounters(), store.people()).encode()
    people_csv = export_people_csv(store.people()).encode()
    with JournalStore.open(tmp_path / "copy.json", clock) as copy:
        summary = import_bytes(copy, encounters_csv, "encounters.csv")
        assert summary.added == 2 and sorted(summary.new_people) == ["=Anna Müller", "Bob; Schulz"]
        assert any("2 people were not in the journal yet and were added" in line for line in summary.lines())
        assert copy.person(made["anna"].id) is not None  # their ids came along
        later = import_bytes(copy, people_csv, "people.csv")  # the people file fills them in
        assert later.updated == 2
        assert fields_of(copy.person(made["anna"].id)) == fields_of(store.person(made["anna"].id))  # type: ignore[arg-type]


def test_encounters_csv_rows_by_name_and_an_unclear_name_is_skipped(store: JournalStore) -> None:
    store.save(Person(name="Anna Müller", aliases=["Anni"]), Person(name="Anna Schmidt", aliases=["Anni"]))
    store.save(Person(name="Bob Schulz"))
    text = (
        "date,people,summary,follow_up\r\n"
        "2026-11-20,Bob Schulz,Kaffee,2026-12-01\r\n"
        "2026-11-21,Anna Müller; Carla Rossi,Lunch,\r\n"
        "2026-11-22,anni,Hallo,\r\n"
        "not a date,Bob Schulz,x,\r\n"
    ).encode()
    summary = import_bytes(store, text, "log.csv")
    assert summary.added == 2 and summary.new_people == ["Carla Rossi"]
    assert [why for _what, why in summary.skipped] == [
        "“anni” could mean 2 people in the journal; give their ids in person_ids",
        "“not a date” is not a date; use YYYY-MM-DD, e.g. 2026-11-29.",
    ]
    kaffee = next(e for e in store.encounters() if e.summary == "Kaffee")
    assert kaffee.follow_up == date(2026, 12, 1)


def test_deleted_encounters_and_people_stay_deleted(store: JournalStore) -> None:
    made = rich_journal(store)
    old = export_csv(store.encounters(), store.people()).encode()
    for encounter in store.encounters():
        store.delete(encounter)
    summary = import_bytes(store, old, "old.csv")
    assert store.encounter_count() == 0 and not summary.changed
    assert summary.left_out == {"deleted in the journal": 2}
    store.delete(made["bob"])
    moved = old.replace(made["meeting"].id.encode(), b"00000000-0000-4000-8000-000000000002")
    summary = import_bytes(store, moved, "old.csv")
    (meeting,) = store.encounters()
    assert meeting.person_ids == [made["anna"].id]  # Bob's place in it is not brought back
    assert store.person(made["bob"].id) is None


def test_an_old_encounters_csv_does_not_bring_a_forgotten_name_back(store: JournalStore) -> None:
    made = rich_journal(store)
    old = export_csv(store.encounters(), store.people()).encode()
    store.save(Person(name="Carla Rossi"))
    forget_person(store, made["bob"].id)
    fresh = old.replace(made["meeting"].id.encode(), b"00000000-0000-4000-8000-000000000001")
    summary = import_bytes(store, fresh, "old.csv")
    assert summary.added == 1 and summary.forgotten == 1
    added = store.encounter("00000000-0000-4000-8000-000000000001")
    assert added is not None and added.person_ids == [made["anna"].id]
    assert not any(p.name == "Bob; Schulz" for p in store.people())


def test_strict_imports_nothing_when_a_row_fails(store: JournalStore) -> None:
    text = b"date,people,summary\r\n2026-11-20,Bob,x\r\nnope,Bob,y\r\n"
    with pytest.raises(ImportFailed, match="with --strict nothing was imported"):
        import_bytes(store, text, "log.csv", options=ImportOptions(strict=True))
    assert store.encounter_count() == 0 and store.people_count() == 0


@pytest.mark.parametrize("value", ["=1+1", "'=x", "''@y", "-5 tips", "+plus", "@home", "'plain", "plain", ""])
def test_spreadsheet_protection_is_taken_off_exactly(value: str) -> None:
    assert from_spreadsheet(spreadsheet_safe(value)) == value
