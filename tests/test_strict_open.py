"""Records of the wrong shape refuse the journal at open, naming the record and the field, and the
file is left byte-identical; ``import`` of such a journal copy refuses the same way.

The corpus: what hand edits, other tools and broken copies put into journals (issue 12's list).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from journal import cli
from journal.clock import FixedClock
from journal.model import Encounter, LuckyPick, Person
from journal.store import JournalStore, JournalUnreadable
from tests.conftest import journal_bytes

Document = dict[str, Any]


def _journal(path: Path, clock: FixedClock) -> Document:
    """A small valid journal, folded into its document, returned as parsed JSON."""
    with JournalStore.open(path, clock) as store:
        anna = store.add_person(Person(name="Anna Müller", cadence_days=30))
        store.add_encounter(Encounter(date=clock.today(), person_ids=[anna.id], summary="coffee"))
        store.save(LuckyPick(date=clock.today(), person_id=anna.id))
        store.compact()
    return orjson.loads(path.read_bytes())


def _first(document: Document, table: str) -> dict[str, Any]:
    return next(iter(document[table].values()))


def _set(table: str, field: str, value: Any) -> Callable[[Document], None]:
    def edit(document: Document) -> None:
        _first(document, table)[field] = value

    return edit


def _drop_person_id(document: Document) -> None:
    del _first(document, "people")["id"]


def _duplicate_person(document: Document) -> None:
    person = _first(document, "people")
    document["people"]["99"] = {**person, "name": "Anna Copy"}


def _dangling_link(document: Document) -> None:
    _first(document, "encounters")["person_ids"] = ["nobody-has-this-id"]


def _dangling_lucky(document: Document) -> None:
    _first(document, "lucky")["person_id"] = "nobody-has-this-id"


def _drop_encounter_date(document: Document) -> None:
    del _first(document, "encounters")["date"]


def _schema_true(document: Document) -> None:
    document["meta"]["1"]["schema"] = True


def _encounters_null(document: Document) -> None:
    document["encounters"] = None


CORPUS: list[tuple[str, Callable[[Document], None], str]] = [
    ("number as name", _set("people", "name", 42), "field “name”: it holds a number where text belongs"),
    ("list as summary", _set("encounters", "summary", ["a", "b"]), "field “summary”: it holds a list where text"),
    ("cadence as text", _set("people", "cadence_days", "30"), "field “cadence_days”: it holds text where a number"),
    ("cadence of 10**12", _set("people", "cadence_days", 10**12), "field “cadence_days”: The check-in interval"),
    ("default cadence 0", _set("settings", "default_cadence_days", 0), "field “default_cadence_days”"),
    ("unknown channel", _set("encounters", "channel", "telepathy"), "field “channel”: Unknown channel “telepathy”"),
    ("encounters: null", _encounters_null, "the table “encounters” is not a JSON object"),
    ("person without id", _drop_person_id, "field “id”: it is missing"),
    ("encounter without date", _drop_encounter_date, "field “date”: it is missing"),
    ("duplicate ids", _duplicate_person, "the same id is used by two records"),
    ("link to nobody", _dangling_link, "field “person_ids”: it links to a person (nobody-has-this-id)"),
    ("lucky pick of nobody", _dangling_lucky, "field “person_id”: it links to a person (nobody-has-this-id)"),
    ("schema: true", _schema_true, "schema version is missing or invalid"),
    ("bool as number", _set("people", "cadence_days", True), "field “cadence_days”"),
    ("date of words", _set("encounters", "date", "yesterday"), "field “date”: it is not a date"),
    ("text as archived", _set("people", "archived", "yes"), "field “archived”: it holds text where true or false"),
]


@pytest.mark.parametrize(("edit", "fragment"), [(e, f) for _n, e, f in CORPUS], ids=[n for n, _e, _f in CORPUS])
def test_a_record_of_the_wrong_shape_refuses_the_journal_untouched(
    journal_path: Path, clock: FixedClock, edit: Callable[[Document], None], fragment: str
) -> None:
    document = _journal(journal_path, clock)
    edit(document)
    journal_path.write_bytes(orjson.dumps(document))
    before = journal_bytes(journal_path)
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert fragment in caught.value.message, caught.value.message
    assert "untouched" in caught.value.message and caught.value.exit_code == 2
    assert journal_bytes(journal_path) == before
    # Reading commands refuse it the same. (`add`, `people` and the app read encounters lazily and
    # refuse one when they reach it: tests/test_lazy_encounters.py.)
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["--db", str(journal_path), "due"], clock=clock, out=out, err=err) == 2
    assert fragment in err.getvalue() and out.getvalue() == ""
    assert journal_bytes(journal_path) == before
    assert not (journal_path.parent / "backups").exists(), "no backup of a journal that does not open"


@pytest.mark.parametrize(("edit", "fragment"), [(e, f) for _n, e, f in CORPUS], ids=[n for n, _e, _f in CORPUS])
def test_import_of_a_copy_of_the_wrong_shape_changes_nothing(
    tmp_path: Path, clock: FixedClock, edit: Callable[[Document], None], fragment: str
) -> None:
    source = tmp_path / "copy.json"
    document = _journal(source, clock)
    edit(document)
    source.write_bytes(orjson.dumps(document))
    source.with_name("copy.json.log").unlink()
    target = tmp_path / "journal.json"
    with JournalStore.open(target, clock) as store:
        store.add_person(Person(name="Bob"))
    before = journal_bytes(target)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--db", str(target), "import", str(source)], clock=clock, out=out, err=err)
    assert code == 1
    expected = fragment.replace("schema version is missing or invalid", "no valid schema version")
    expected = expected.replace("the table “encounters” is not a JSON object", "the table “encounters” is not a JSON")
    assert expected in err.getvalue(), err.getvalue()
    assert "Nothing was changed" in err.getvalue()
    assert journal_bytes(target) == before


def test_a_saved_change_of_the_wrong_shape_in_the_log_refuses_too(journal_path: Path, clock: FixedClock) -> None:
    _journal(journal_path, clock)
    log = journal_path.with_name(journal_path.name + ".log")
    log.write_bytes(
        log.read_bytes() + b'{"at":"x","records":[{"table":"people","record":{"id":"p9","name":["A","B"]}}]}\n'
    )
    before = journal_bytes(journal_path)
    with pytest.raises(JournalUnreadable) as caught:
        JournalStore.open(journal_path, clock)
    assert "line 2" in caught.value.message and "field “name”" in caught.value.message
    assert journal_bytes(journal_path) == before


def test_long_texts_stored_earlier_still_open(journal_path: Path, clock: FixedClock) -> None:
    """Length limits guard what is typed; a journal holding a longer note is not refused for it."""
    document = _journal(journal_path, clock)
    _first(document, "people")["notes"] = "x" * 50_000
    journal_path.write_bytes(orjson.dumps(document))
    with JournalStore.open(journal_path, clock, readonly=True) as store:
        assert len(store.people()[0].notes) == 50_000


def test_unknown_fields_and_tables_are_kept_as_they_are(journal_path: Path, clock: FixedClock) -> None:
    """A field or table this version does not know (a hand edit, a tool) survives a fold untouched."""
    document = _journal(journal_path, clock)
    _first(document, "people")["pronouns"] = "she/her"
    document["plugins"] = {"1": {"id": "x", "what": "kept"}}
    journal_path.write_bytes(orjson.dumps(document))
    with JournalStore.open(journal_path, clock) as store:
        store.set_day_note(clock.today(), "a change, so that the fold rewrites the file")
        assert store.compact()
    again = orjson.loads(journal_path.read_bytes())
    assert _first(again, "people")["pronouns"] == "she/her"
    assert again["plugins"] == {"1": {"id": "x", "what": "kept"}}
