"""A person's address-book details: phone numbers compared normalised, dates with or without a
year, sub-records that survive the file, and the upgrade of schema-2 journals (schema 3)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
import pytest

from journal.clock import FixedClock
from journal.contacts import PartialDate, parse_partial_date, phone_key
from journal.migrations import SCHEMA
from journal.model import Address, DateEntry, Email, Person, Phone, Relationship, ValidationError, Website
from journal.store import JournalStore
from tests.conftest import stored_document


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("905-555-1234", "(905) 555-1234"),
        ("905-555-1234", "+1 905 555 1234"),
        ("1-905-555-1234", "905.555.1234"),
        ("+49 170 1234567", "0170 1234567"),
        ("+49 170 1234567", "0049 170 1234567"),
        ("+491701234567", "0170/123 45 67"),
    ],
)
def test_one_number_written_two_ways_is_one_number(one: str, other: str) -> None:
    assert phone_key(one) == phone_key(other)


def test_different_numbers_stay_different() -> None:
    assert phone_key("905-555-1234") != phone_key("905-666-1234")
    assert phone_key("BusinessPhone") == "businessphone"  # no digits: compared as text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-03-22", PartialDate(3, 22, 1980)),
        ("19800322", PartialDate(3, 22, 1980)),
        ("--03-22", PartialDate(3, 22)),
        ("--0322", PartialDate(3, 22)),
        ("03-22", PartialDate(3, 22)),
        ("22.3.1980", PartialDate(3, 22, 1980)),
        ("22.3.", PartialDate(3, 22)),
        ("1980-03-22T00:00:00Z", PartialDate(3, 22, 1980)),
        ("1604-03-22", PartialDate(3, 22)),  # Apple's "year omitted"
        ("--02-29", PartialDate(2, 29)),
        ("1980-02-30", None),
        ("2023-02-29", None),
        ("yesterday", None),
        ("13-01", None),
    ],
)
def test_dates_with_and_without_a_year(text: str, expected: PartialDate | None) -> None:
    assert parse_partial_date(text) == expected


def test_a_yearly_date_comes_round() -> None:
    birthday = PartialDate(3, 22, 1980)
    assert birthday.next_from(date(2026, 3, 22)) == date(2026, 3, 22)
    assert birthday.next_from(date(2026, 3, 23)) == date(2027, 3, 22)
    assert birthday.age_on(date(2026, 3, 21)) == 45 and birthday.age_on(date(2026, 3, 22)) == 46
    leap = PartialDate(2, 29)
    assert leap.next_from(date(2026, 1, 1)) == date(2026, 2, 28) and leap.next_from(date(2028, 1, 1)) == date(
        2028, 2, 29
    )


def full_contact() -> Person:
    return Person(
        name="Mr. John Richter James Doe Sr.",
        given_name="John",
        additional_names="Richter,James",
        family_name="Doe",
        name_prefix="Mr.",
        name_suffix="Sr.",
        emails=[Email("john.doe@ibm.com", ["work"], True), Email("john@home.example", ["home"])],
        phones=[Phone("905-555-1234", ["cell"], True), Phone("905-888-1234", ["home", "fax"])],
        addresses=[Address("Silicon Alley 5", "New York", "New York", "12345", "USA", kinds=["home"])],
        birthday="1980-03-22",
        dates=[DateEntry("anniversary", "--06-12")],
        websites=[Website("http://www.ibm.com", ["work"])],
        relationships=[Relationship("spouse", name="Jenny")],
        uid="477343c8e6bf375a9bac1f96a5000837",
    )


def test_a_person_keeps_every_address_book_field_through_the_file(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "journal.json"
    john = full_contact()
    with JournalStore.open(path, clock) as store:
        store.save(john)
    with JournalStore.open(path, clock, readonly=True) as store:
        again = store.person(john.id)
    assert again == john
    stored = next(iter(stored_document(path)["people"].values()))
    assert stored["emails"][0] == {"address": "john.doe@ibm.com", "kinds": ["work"], "preferred": True}
    assert stored["birthday"] == "1980-03-22" and stored["dates"] == [{"label": "anniversary", "date": "--06-12"}]


def test_normalising_keeps_one_of_each_and_one_preferred() -> None:
    person = Person(
        name="Anna",
        emails=[Email("a@x.org", preferred=True), Email("A@X.org"), Email("b@x.org", preferred=True)],
        phones=[Phone("905-555-1234", ["CELL", "internet"]), Phone("(905) 555-1234"), Phone("0170 1234567")],
        birthday="22.3.",
    )
    person.normalise()
    assert [(e.address, e.preferred) for e in person.emails] == [("a@x.org", True), ("b@x.org", False)]
    assert [p.number for p in person.phones] == ["905-555-1234", "0170 1234567"]
    assert person.phones[0].kinds == ["cell"]  # the type's noise ("internet") dropped, names in lower case
    assert person.birthday == "--03-22"


@pytest.mark.parametrize(
    ("change", "field_name"),
    [
        ({"birthday": "someday"}, "birthday"),
        ({"emails": [Email("x" * 501)]}, "emails"),
        ({"dates": [DateEntry("anniversary", "2020-13-01")]}, "dates"),
        ({"relationships": [Relationship("", name="Bob")]}, "relationships"),
        ({"phones": [Phone("1" * 501)]}, "phones"),
    ],
)
def test_wrong_contact_details_are_refused_naming_the_field(change: dict, field_name: str) -> None:
    person = Person(name="Anna", **change)
    person.normalise()
    with pytest.raises(ValidationError) as err:
        person.validate()
    assert err.value.field == field_name


def test_a_sub_record_of_the_wrong_shape_refuses_the_record() -> None:
    with pytest.raises(TypeError):
        Person.from_dict({"id": "x", "name": "A", "emails": ["a@x.org"]})
    with pytest.raises(TypeError):
        Person.from_dict({"id": "x", "name": "A", "phones": [{"number": 170}]})


def schema_2_document() -> dict:
    person = {
        "id": "0f9d8c8e-1111-4aaa-8bbb-000000000001",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-02T00:00:00Z",
        "deleted": None,
        "name": "Anna Müller",
        "aliases": [],
        "company": "",
        "role": "",
        "tags": [],
        "platforms": {
            "LinkedIn": "anna-mueller",
            "e-mail": "anna@stripe.example",
            "e-mail 2": "anna@home.example",
            "phone (work)": "+49 30 1234567",
            "Mobile": "+49 170 1234567",
            "web": "https://anna.example",
            "e-mail 3": "ask Bob",
        },
        "common_ground": "",
        "offers": "",
        "needs": "",
        "how_we_met": "",
        "cadence_days": None,
        "archived": False,
        "snoozed_until": None,
        "notes": "",
    }
    meta = {"id": "meta", "app": "netjournal", "schema": 2, "created": "2026-01-01T00:00:00Z"}
    return {"meta": {"1": meta}, "people": {"1": person}}


def test_schema_2_is_upgraded_with_a_backup_first_and_contacts_leave_the_platforms(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "journal.json"
    old = orjson.dumps(schema_2_document())
    path.write_bytes(old)
    with JournalStore.open(path, clock) as store:
        assert store.migrated_from == 2 and store.pre_migration_backup is not None
        assert store.pre_migration_backup.read_bytes() == old
        anna = store.people()[0]
    assert SCHEMA == 3 and orjson.loads(path.read_bytes())["meta"]["1"]["schema"] == 3
    # A note that is not an address stays where the user wrote it.
    assert anna.platforms == {"LinkedIn": "anna-mueller", "e-mail 3": "ask Bob"}
    assert anna.emails == [Email("anna@stripe.example"), Email("anna@home.example")]
    assert anna.phones == [Phone("+49 30 1234567", ["work"]), Phone("+49 170 1234567", ["cell"])]
    assert anna.websites == [Website("https://anna.example")]
    assert anna.updated == "2026-01-02T00:00:00Z"  # an upgrade is not an edit: merges stay quiet


def test_forgetting_someone_removes_links_to_them_and_their_address_in_others_records(
    tmp_path: Path, clock: FixedClock
) -> None:
    from journal.forget import forget_person

    with JournalStore.open(tmp_path / "journal.json", clock) as store:
        anna = Person(name="Anna Müller", emails=[Email("anna@stripe.example")])
        bob = Person(
            name="Bob Schulz",
            relationships=[Relationship("introduced by", anna.id), Relationship("colleague of", name="Anna Müller")],
            emails=[Email("anna@stripe.example", ["work"])],  # pasted by mistake: her address
            maybe_same=[anna.id],
        )
        store.save(anna, bob)
        forget_person(store, anna.id)
        bob = store.person(bob.id)
        assert bob is not None
        assert bob.relationships == [Relationship("colleague of", name="(forgotten)")]
        assert bob.maybe_same == [] and "anna@stripe.example" not in str(bob.to_dict())
