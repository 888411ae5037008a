"""Real address-book exports (tests/interop/corpus, sources and licences in its README): how many
people each holds, that what a person would miss is kept, and that export → import is lossless."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.interop import import_bytes, import_file
from journal.interop.vcard import export_vcards
from journal.model import Address, DateEntry, Email, Person, Relationship, Website
from journal.store import JournalStore

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    with JournalStore.open(tmp_path / "journal.json", clock) as opened:
        yield opened


def only(store: JournalStore) -> Person:
    people = store.people()
    assert len(people) == 1, [p.name for p in people]
    return people[0]


# (file, people in it, what the import must say it did not keep)
COUNTS = [
    ("ezvcard-John_Doe_ANDROID.vcf", 6, {"photos": 1}),
    ("ezvcard-John_Doe_BLACK_BERRY.vcf", 1, {"photos": 1}),
    ("ezvcard-John_Doe_EVOLUTION.vcf", 1, {}),
    ("ezvcard-John_Doe_GMAIL.vcf", 1, {"phonetic names": 1}),
    ("ezvcard-John_Doe_IPHONE.vcf", 1, {"photos": 1}),
    ("ezvcard-John_Doe_LOTUS_NOTES.vcf", 1, {"photos": 1, "geographic positions": 1, "time zones": 1}),
    ("ezvcard-John_Doe_MAC_ADDRESS_BOOK.vcf", 1, {"photos": 1, "phonetic names": 1}),
    ("ezvcard-John_Doe_MS_OUTLOOK.vcf", 1, {"photos": 1}),
    ("ezvcard-gmail-list.vcf", 3, {}),
    ("ezvcard-gmail-single.vcf", 1, {"phonetic names": 1}),
    ("ezvcard-outlook-2003.vcf", 1, {"encryption keys": 1, "free/busy addresses": 1}),
    (
        "ezvcard-outlook-2007.vcf",
        1,
        {"encryption keys": 1, "free/busy addresses": 1, "photos": 1, "extra phone numbers": 1},
    ),
    ("ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf", 1, {"photos": 1}),
    ("ezvcard-rfc6350-example.vcf", 1, None),
    ("android-v21_multiple_entry.vcf", 3, {"sounds": 3}),
    ("android-v21_complicated.vcf", 1, None),
    ("android-v21_nest.vcf", 1, {}),
    ("thunderbird-export.vcf", 2, {}),
    ("thunderbird-dos_vcard_addressbook.vcf", 1, {}),
]


@pytest.mark.parametrize(("name", "count", "not_kept"), COUNTS)
def test_each_export_brings_everyone_and_says_what_it_did_not_keep(
    store: JournalStore, name: str, count: int, not_kept: dict[str, int] | None
) -> None:
    summary = import_file(store, CORPUS / name)
    assert summary.skipped == [] and summary.added == count == store.people_count()
    if not_kept is not None:
        assert summary.not_kept == not_kept
    if "photos" in (not_kept or {}):
        assert any("not kept: " in line and "photos" in line for line in summary.lines())


# Every address book of the corpus, the CSV layouts too: what they brought goes out as vCards whole.
@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".vcf", ".csv")))
@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_export_then_import_gives_the_same_people(
    tmp_path: Path, clock: FixedClock, store: JournalStore, name: str, version: str
) -> None:
    import_file(store, CORPUS / name)
    text = export_vcards(store.people(), version)
    with JournalStore.open(tmp_path / f"again-{version}.json", clock) as again:
        summary = import_bytes(again, text.encode(), "export.vcf")
        assert summary.added == store.people_count() and summary.skipped == []
        for person in store.people():
            copy = again.person(person.id)
            assert copy is not None, person.name
            strip = ("created", "updated")
            assert {k: v for k, v in copy.to_dict().items() if k not in strip} == {
                k: v for k, v in person.to_dict().items() if k not in strip
            }
        assert export_vcards(again.people(), version) == text


# ----------------------------------------------------------------------------- every field kept, per client


def test_apple_iphone(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-John_Doe_IPHONE.vcf")
    john = only(store)
    assert john.name == "Mr. John Richter James Doe Sr."
    assert john.structured_name == ("Doe", "John", "Richter,James", "Mr.", "Sr.")
    assert (john.aliases, john.company, john.role) == (["Johny"], "IBM, Accounting", "Money Counter")
    assert john.emails == [Email("john.doe@ibm.com", [], True)]
    assert [(p.number, p.kinds, p.preferred) for p in john.phones] == [
        ("905-555-1234", ["cell", "voice"], True),
        ("905-666-1234", ["home", "voice"], False),
        ("905-777-1234", ["work", "voice"], False),
        ("905-888-1234", ["home", "fax"], False),
        ("905-999-1234", ["work", "fax"], False),
        ("905-111-1234", ["pager"], False),
        ("905-222-1234", ["assistantphone"], False),
    ]
    assert john.addresses == [
        Address(
            "Silicon Alley 5,",
            "New York",
            "New York",
            "12345",
            "United States of America",
            kinds=["home"],
            preferred=True,
        ),
        Address("Street4\nBuilding 6\nFloor 8", "New York", "", "12345", "USA", kinds=["work"]),
    ]
    assert john.websites == [Website("http://www.ibm.com")]
    assert john.birthday == "2012-06-06"


def test_android_quoted_printable_utf8_and_a_stray_byte(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-John_Doe_ANDROID.vcf")
    names = sorted(p.name for p in store.people())
    # Two cards have only an e-mail address: they are named by it, not skipped as nameless.
    assert names[:2] == ["jane.doe@company.com", "john.doe@company.com"]
    assert all("Ñ" in name for name in names[2:])
    henry = next(p for p in store.people() if any(e.address == "henry@company.com" for e in p.emails))
    # One value ends in a byte that is not UTF-8: that value gets a replacement mark, the rest is whole.
    assert henry.company.startswith("ÑÑÑÑ") and "�" not in henry.name
    assert henry.tags == []  # Android's system group "My Contacts" is not a tag anyone chose


def test_gmail(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-John_Doe_GMAIL.vcf")
    john = only(store)
    assert john.structured_name == ("Doe", "John", "Richter, James", "Mr.", "Sr.")
    assert john.emails == [Email("john.doe@ibm.com", ["home"])]
    assert john.birthday == "1980-03-22"
    assert john.dates == [DateEntry("anniversary", "1975-03-01")]
    assert john.relationships == [Relationship("spouse", name="Jenny")]
    assert john.websites == [Website("http://www.ibm.com", ["work"])]
    # Gmail writes the whole address into the second part of ADR: kept where the card had it.
    assert john.addresses[0].extended.startswith("Crescent moon drive\n555-asd")
    assert john.addresses[0].lines()[0] == "Crescent moon drive"
    assert john.notes.endswith("Favotire Color: Blue")


def test_gmail_labels_and_legacy_im(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-gmail-single.vcf")
    greg = only(store)
    assert greg.platforms == {"ICQ": "123456789"}
    assert greg.relationships == [
        Relationship("spouse", name="MySpouse"),
        Relationship("CustomRelationship", name="MyCustom"),
    ]
    assert greg.dates == [DateEntry("anniversary", "1970-06-02")]
    assert [a.kinds for a in greg.addresses] == [["home"], ["customadrtype"]]


def test_outlook_21_quoted_printable(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-outlook-2007.vcf")
    mike = only(store)
    assert mike.structured_name == ("Angstadt", "Michael", "", "Mr.", "Jr.")
    assert mike.notes.startswith("This is the NOTE field\t\nI assume it encodes")
    assert mike.birthday == "1922-03-10" and mike.dates == [DateEntry("anniversary", "2012-08-01")]
    assert mike.platforms == {"IM": "im@aim.com"}  # Outlook's X-MS-IMADDRESS
    assert mike.relationships == [
        Relationship("manager", name="TheManagerName"),
        Relationship("assistant", name="TheAssistantName"),
        Relationship("spouse", name="TheSpouse"),
    ]
    assert mike.addresses == [
        Address("222 Broadway", "New York", "NY", "99999", "USA", extended="TheOffice", kinds=["work"], preferred=True)
    ]
    assert "TheProfession" in mike.notes  # ROLE beside TITLE


def test_outlook_2003_keeps_odd_phone_values(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-outlook-2003.vcf")
    john = only(store)
    assert [p.number for p in john.phones] == ["BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"]
    assert john.notes == "This is the note field!!\nSecond line\n\nThird line is empty\n\nTheProfession"
    assert john.company == "Company, The, TheDepartment"


def test_evolution(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-John_Doe_EVOLUTION.vcf")
    john = only(store)
    assert john.uid == "477343c8e6bf375a9bac1f96a5000837"
    assert john.platforms == {"AIM": "johnny5@aol.com"}
    assert john.relationships == [
        Relationship("spouse", name="Maria"),
        Relationship("manager", name="Big Blue"),
        Relationship("assistant", name="Little Red"),
    ]
    assert john.addresses == [
        Address(
            "15 Crescent moon drive",
            "Albaney",
            "New York",
            "12345",
            "United States of America",
            "ASB-123",
            kinds=["home"],
        )
    ]
    assert john.dates == [DateEntry("anniversary", "1980-03-22")]
    assert john.tags == ["VIP"]


def test_thunderbird(store: JournalStore) -> None:
    import_file(store, CORPUS / "ezvcard-thunderbird-MoreFunctionsForAddressBook-extension.vcf")
    john = only(store)
    assert len(john.emails) == 5 and john.emails[0] == Email("doe.john@hotmail.com", [], True)
    assert [w.url for w in john.websites] == ["http://www.private-webpage.com", "http://www.work-webpage.com"]
    assert john.birthday == "1970-09-21" and john.dates == [DateEntry("anniversary", "1990-04-30")]
    assert john.relationships == [Relationship("spouse", name="TheSpouse")]
    assert john.tags == ["category1, category2, category3"]  # one category with escaped commas
    import_file(store, CORPUS / "thunderbird-export.vcf")
    two = store.find_person("contact number two")
    assert two is not None and two.notes == "here's some unicode text…" and two.role == '"worker"'


def test_android_quirks(store: JournalStore) -> None:
    import_file(store, CORPUS / "android-v21_backslash.vcf")
    backslash = only(store)
    # vCard 2.1 escapes only the separator (and a backslash), as Android reads it.
    assert backslash.structured_name == ("", "A;B\\", "C\\;", "D", ":E")
    store.delete(backslash)
    import_file(store, CORPUS / "android-v21_adr_multiple_line.vcf")
    bogus = store.find_person("bogus")
    assert bogus is not None
    assert bogus.addresses[1].street == "Hermann v. Brevern\n9999999\nPackstation 999"  # backslash continuation
    import_file(store, CORPUS / "android-v21_invalid_comment_line.vcf")
    call = store.find_person("Conference Call")
    assert (
        call is not None and call.notes == "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."
    )
    import_file(store, CORPUS / "android-v21_im.vcf")
    nick = store.find_person("Nick")
    assert nick is not None and nick.platforms == {"Google Talk": "hhh@gmail.com"}
    import_file(store, CORPUS / "android-v21_sip.vcf")
    android = store.find_person("Android")
    assert android is not None and android.platforms == {"SIP": "888", "SIP 2": "90-180-360"}


def test_a_korean_utf8_card_beside_a_shift_jis_one_garbles_neither(store: JournalStore) -> None:
    korean = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:김민준\r\nN:김;민준;;;\r\nEND:VCARD\r\n".encode()
    japanese = (CORPUS / "android-v21_japanese_1.vcf").read_bytes()
    import_bytes(store, korean + japanese + korean.replace("김민준".encode(), "이서연".encode()), "mixed.vcf")
    assert sorted(p.name for p in store.people()) == sorted(["김민준", "이서연", "安藤ロイド"])
