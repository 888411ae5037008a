"""Each way an address-book import used to lose or invent something, and the hostile files:
a huge photo (linear, not quadratic), a file over the size limit, and an enormous address book."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.forget import forget_person
from journal.interop import ImportFailed, import_bytes, import_file, read_limited
from journal.interop import people_import as people_import_module
from journal.interop.people_import import ImportOptions, NeedsConfirmation
from journal.interop.vcard import export_vcards
from journal.interop.vcard_read import read_cards
from journal.model import Person
from journal.person_page import maybe_same_people
from journal.store import JournalStore


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    with JournalStore.open(tmp_path / "journal.json", clock) as opened:
        yield opened


def card(*lines: str) -> str:
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(line + "\r\n" for line in lines) + "END:VCARD\r\n"


def test_a_shared_family_email_is_not_identity(store: JournalStore) -> None:
    text = card("UID:family-1", "FN:Eva Braun", "EMAIL:family@example.org") + card(
        "UID:family-2", "FN:Max Braun", "EMAIL:family@example.org"
    )
    summary = import_bytes(store, text.encode(), "family.vcf")
    assert (summary.added, summary.updated) == (2, 0)  # nobody was "updated" in an empty journal
    eva, max_ = store.find_person("Eva Braun"), store.find_person("Max Braun")
    assert eva is not None and max_ is not None and eva.id != max_.id
    assert max_.aliases == [] and eva.aliases == []
    # Noted on both pages as perhaps the same person: the merge action can settle it.
    assert maybe_same_people(store, eva) == [max_] and maybe_same_people(store, max_) == [eva]


def test_cards_with_different_uids_are_never_merged_even_with_one_name(store: JournalStore) -> None:
    text = card("UID:abc", "FN:Jan Novak", "TEL:111") + card("UID:xyz", "FN:Jan Novak", "TEL:222")
    summary = import_bytes(store, text.encode(), "namesakes.vcf")
    assert summary.added == 2 and store.people_count() == 2
    # Importing the same file again finds each by its UID: nothing new.
    again = import_bytes(store, text.encode(), "namesakes.vcf")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_a_card_without_a_uid_updates_the_person_of_the_same_name(store: JournalStore) -> None:
    store.save(Person(name="Jan Novak", company="Acme"))
    summary = import_bytes(store, card("FN:Jan Novak", "TEL:111").encode(), "phone.vcf")
    assert (summary.added, summary.updated) == (0, 1)
    jan = store.find_person("Jan Novak")
    assert jan is not None and jan.company == "Acme" and [p.number for p in jan.phones] == ["111"]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (("N:Novak;Jan;;;",), "Jan Novak"),
        (("NICKNAME:Honza",), "Honza"),
        (("ORG:Tischlerei Jäger;Werkstatt",), "Tischlerei Jäger"),
        (("EMAIL:nobody@example.org",), "nobody@example.org"),
    ],
)
def test_a_card_without_fn_is_named_from_n_nickname_company_or_email(
    store: JournalStore, lines: tuple[str, ...], name: str
) -> None:
    summary = import_bytes(store, card(*lines).encode(), "nameless.vcf")
    assert summary.added == 1 and [p.name for p in store.people()] == [name]


def test_a_card_with_nothing_to_name_is_skipped_with_its_line(store: JournalStore) -> None:
    summary = import_bytes(store, (card("FN:Anna") + card("TEL:123")).encode(), "x.vcf")
    assert summary.added == 1 and summary.skipped[0][0] == "the card at line 5"


def test_a_forgotten_person_is_not_brought_back_by_an_old_export(store: JournalStore) -> None:
    anna = Person(name="Anna Müller", company="Stripe")
    bob = Person(name="Bob Schulz")
    store.save(anna, bob)
    old_export = export_vcards(store.people()).encode()
    forget_person(store, anna.id)
    summary = import_bytes(store, old_export, "old.vcf")
    assert store.find_person("Anna Müller") is None and store.person(anna.id) is None
    assert summary.added == 0 and summary.left_out == {"deleted or forgotten in the journal": 1}
    assert "left out 1 person: deleted or forgotten in the journal (not brought back)" in "\n".join(summary.lines())


def test_a_deleted_person_is_not_recreated_from_a_card_without_uid(store: JournalStore) -> None:
    gone = Person(name="Jörg Weiß")
    store.save(gone)
    store.delete(gone)
    summary = import_bytes(store, card("FN:Jörg Weiß", "TEL:555").encode(), "phone.vcf")
    assert summary.added == 0 and summary.left_out == {"deleted in the journal": 1}
    assert store.people_count() == 0


def test_an_over_long_field_is_shortened_with_a_note_never_the_contact_dropped(store: JournalStore) -> None:
    url = "https://example.org/" + "a" * 800
    note = "Notiz " * 5000
    summary = import_bytes(store, card("FN:Lang Lang", f"URL:{url}", f"NOTE:{note}").encode(), "long.vcf")
    assert summary.added == 1 and summary.skipped == [] and summary.shortened == 1
    person = store.find_person("Lang Lang")
    assert person is not None
    assert len(person.websites[0].url) == 500 and person.websites[0].url.endswith("…")
    assert "shortened" in person.notes and len(person.notes) <= 20_000


def test_export_keeps_the_structured_name_as_imported_and_guesses_none(store: JournalStore) -> None:
    raw = card("FN:Mr. John Richter James Doe Sr.", "N:Doe;John;Richter,James;Mr.;Sr.")
    import_bytes(store, raw.encode(), "john.vcf")
    store.save(Person(name="Maria de la Cruz"))
    text = export_vcards(store.people())
    assert "N:Doe;John;Richter\\,James;Mr.;Sr.\r\n" in text
    assert "N:;Maria de la Cruz;;;\r\n" in text  # no family name made up from the last word
    assert "N:Cruz;" not in text


# ----------------------------------------------------------------------------- hostile files


def photo_card(photo_bytes: int) -> bytes:
    data = base64.b64encode(b"\x89PNG" + b"\x00" * photo_bytes).decode()
    folded = "\r\n ".join(data[i : i + 74] for i in range(0, len(data), 74))
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Foto Grafin\r\nPHOTO;ENCODING=b;TYPE=PNG:{folded}\r\nEND:VCARD\r\n".encode()
    )


def test_a_large_photo_is_unfolded_in_linear_work_not_quadratic(
    store: JournalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vobject.base

    # vobject's line reader calls StringIO.getvalue() once per folded line: quadratic. It is never used.
    monkeypatch.setattr(vobject.base, "getLogicalLines", lambda *a, **k: pytest.fail("getLogicalLines was used"))
    small, large = photo_card(100_000), photo_card(1_600_000)
    # The bytes the logical lines are built from stay within the file's size, at any size:
    # a reader that re-copies a growing line per folded line would need ~ size² / 148 here.
    for raw in (small, large):
        assert read_cards(raw).bytes_joined <= len(raw)
    summary = import_bytes(store, large, "photo.vcf")
    assert summary.added == 1 and summary.not_kept == {"photos": 1}


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path, store: JournalStore) -> None:
    big = tmp_path / "big.vcf"
    big.write_bytes(photo_card(200_000))
    with pytest.raises(ImportFailed) as caught:
        import_file(store, big, max_bytes=100_000)
    assert "import reads at most 0.1 MB" in caught.value.message and "--max-size" in caught.value.message
    assert store.people_count() == 0
    assert read_limited(big, 10_000_000) == big.read_bytes()


def test_an_enormous_address_book_asks_before_adding_that_many_people(
    store: JournalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_import_module, "ASK_ABOVE", 50)
    raw = "".join(card(f"FN:Person {i}") for i in range(60)).encode()
    before = store.path.read_bytes()
    with pytest.raises(NeedsConfirmation) as caught:
        import_bytes(store, raw, "huge.vcf")
    assert caught.value.adding == 60 and "would add 60 people" in caught.value.message
    assert store.path.read_bytes() == before
    asked: list[int] = []
    with pytest.raises(NeedsConfirmation):
        import_bytes(store, raw, "huge.vcf", options=ImportOptions(confirm=lambda n: asked.append(n) or False))
    assert asked == [60] and store.people_count() == 0
    summary = import_bytes(store, raw, "huge.vcf", options=ImportOptions(confirm=lambda n: True))
    assert summary.added == 60
