"""Input a hang-up kept (journal.recovery) is offered back at the next start: put back into the
day's note, the encounter form, a person's form or the quick-add box, or let go; the file goes
once that is done, and stays (offered again) when the answer is "later"."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from textual.widgets import Input, Static, TextArea

from journal import recovery
from journal.model import DayNote
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.encounter_form import EncounterForm
from journal.ui.modals.quick_add import QuickAddModal
from journal.ui.modals.recovered import RecoveredModal
from tests.ui.conftest import SIZE, small_journal

SUNDAY = date(2026, 11, 29)
STOPPED = datetime(2026, 11, 28, 22, 15)


async def settle(app: JournalApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def keep(journal: Path, *items: dict[str, object]) -> Path:
    return recovery.write_recovery(journal, list(items), STOPPED)


async def test_a_kept_form_and_note_are_offered_and_put_back(
    make_app: Callable[..., JournalApp], journal_path: Path
) -> None:
    def fill(store: JournalStore) -> None:
        small_journal(store)
        store.save(DayNote(date=SUNDAY, text="morning: coffee"))

    app = make_app(fill)
    anna = app.store.find_person("Anna Müller")
    assert anna is not None
    path = keep(
        journal_path,
        {"kind": "day_note", "day": "2026-11-29", "text": "evening: the talk"},
        {
            "kind": "encounter",
            "day": "2026-11-29",
            "encounter_id": None,
            "people": [{"id": anna.id, "name": "Anna Müller"}, {"id": "x", "name": "Zoe Neu"}],
            "typed": {"summary": "planned the sprint", "place": "Café Kranzler"},
            "confirmed_new": [],
        },
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, RecoveredModal)
        text = str(modal.query_one("#recovered-items", Static).render())
        assert "the note for Sun 29 Nov 2026: “evening: the talk”" in text
        assert "the encounter form: Anna Müller, Zoe Neu “planned the sprint”" in text
        await pilot.press("enter")  # "Put it back" has the focus
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, EncounterForm) and form.is_dirty
        values = form.values()
        assert [p.name for p in values.people] == ["Anna Müller", "Zoe Neu"]
        assert values.typed["summary"] == "planned the sprint" and values.typed["place"] == "Café Kranzler"
        note = app.store.day_note(SUNDAY)
        assert note is not None and note.text == "morning: coffee\n\nevening: the talk"
        assert not path.exists()
        await pilot.press("ctrl+s")  # asks about the new person Zoe Neu, then saves
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert any(e.summary == "planned the sprint" for e in app.store.encounters_on(SUNDAY))
        assert app.screen.query_one("#day-note", TextArea).text == "morning: coffee\n\nevening: the talk"


async def test_the_quick_add_line_is_put_back_into_the_box(
    make_app: Callable[..., JournalApp], journal_path: Path
) -> None:
    app = make_app(small_journal)
    keep(journal_path, {"kind": "quick_add", "day": "2026-11-28", "line": "Bob: half a thought"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.click("#restore")
        await settle(app, pilot)
        box = app.screen
        assert isinstance(box, QuickAddModal) and box.day == date(2026, 11, 28)
        assert box.query_one(Input).value == "Bob: half a thought"


async def test_discard_removes_the_file_and_later_keeps_it(
    make_app: Callable[..., JournalApp], journal_path: Path
) -> None:
    app = make_app(small_journal)
    path = keep(journal_path, {"kind": "quick_add", "day": "2026-11-29", "line": "Bob: later"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RecoveredModal)
        await pilot.press("escape")  # later
        await settle(app, pilot)
        assert not isinstance(app.screen, RecoveredModal) and path.exists()
    app2 = make_app()
    async with app2.run_test(size=SIZE) as pilot:
        await settle(app2, pilot)
        assert isinstance(app2.screen, RecoveredModal)
        await pilot.click("#discard")
        await settle(app2, pilot)
        assert not path.exists() and not isinstance(app2.screen, QuickAddModal)


async def test_another_journals_file_is_not_offered(make_app: Callable[..., JournalApp], journal_path: Path) -> None:
    app = make_app(small_journal)
    other = keep(journal_path.with_name("work.json"), {"kind": "quick_add", "day": "2026-11-29", "line": "x"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not isinstance(app.screen, RecoveredModal) and other.exists()


def test_an_earlier_versions_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "recovered-20261128-221500.json"
    path.write_text(
        json.dumps(
            {
                "day note 2026-11-28": "late thoughts",
                "EncounterForm 2": {"people": [{"id": "p1", "name": "Anna"}], "typed": {"summary": "s"}},
            }
        )
    )
    assert recovery.recovery_files(tmp_path / "journal.json") == [path]
    items = recovery.read_recovery(path).items
    assert [i["kind"] for i in items] == ["day_note", "encounter"]
    assert items[0]["text"] == "late thoughts"


def test_merged_note_never_loses_or_doubles_text() -> None:
    assert recovery.merged_note("", "new") == "new"
    assert recovery.merged_note("start", "start and more") == "start and more"
    assert recovery.merged_note("all of it", "of it") == "all of it"
    assert recovery.merged_note("stored", "kept") == "stored\n\nkept"


def test_a_form_is_described_by_the_first_text_typed_in_it() -> None:
    form = {"kind": "encounter", "people": [{"id": "p", "name": "Anna"}], "typed": {"summary": ""}}
    assert recovery.describe(form) == "the encounter form: Anna"
    form["typed"] = {"summary": "", "common_ground": "both row"}
    assert recovery.describe(form) == "the encounter form: Anna “both row”"
