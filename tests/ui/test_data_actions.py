"""Backup now and import a file, from the command palette."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from journal.interop.vcard import export_vcards
from journal.store import JournalStore
from journal.ui.app import JournalApp
from journal.ui.modals.import_file import ImportFileModal
from tests.ui.conftest import SIZE, small_journal


async def run_palette_command(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_back_up_now_writes_a_backup(make_app: Callable[..., JournalApp], journal_path: Path) -> None:
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        before = set((journal_path.parent / "backups").glob("*manual*"))
        await run_palette_command(pilot, "Back up now")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (backup,) = set((journal_path.parent / "backups").glob("*manual*")) - before
        assert "Anna Müller" in backup.read_text()


async def test_import_vcards_adds_people_and_shows_the_summary(
    make_app: Callable[..., JournalApp], tmp_path: Path, clock
) -> None:
    other = JournalStore.open(tmp_path / "other.json", clock)
    from journal.model import Person

    other.add_person(Person(name="Zoë Dubois", company="Mistral"))
    vcf = tmp_path / "contacts.vcf"
    vcf.write_text(export_vcards(other.people()), encoding="utf-8")
    other.close()
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await run_palette_command(pilot, "Import a file")
        assert isinstance(app.screen, ImportFileModal)
        app.screen.query_one(Input).value = str(vcf)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 added" in str(app.screen.query_one("#import-result", Static).render())
        assert app.store.find_person("Zoë Dubois") is not None


async def test_import_a_vdir_folder(make_app: Callable[..., JournalApp], tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.interop.vdir import export_vdir
    from journal.model import Person

    with JournalStore.open(tmp_path / "other.json", clock) as other:
        other.save(Person(name="Zoë Dubois", birthday="--03-22"), Person(name="Yusuf Kaya"))
        export_vdir(other.people(), set(), tmp_path / "contacts")
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await run_palette_command(pilot, "Import a file")
        app.screen.query_one(Input).value = str(tmp_path / "contacts")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 added" in str(app.screen.query_one("#import-result", Static).render())
        zoe = app.store.find_person("Zoë Dubois")
        assert zoe is not None and zoe.birthday == "--03-22"


async def test_a_broken_file_changes_nothing_and_says_why(
    make_app: Callable[..., JournalApp], tmp_path: Path, journal_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"people": ')
    app = make_app(small_journal)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.first_frame_drawn  # so the fold after it has started: wait for it too
        await app.workers.wait_for_complete()
        before = journal_path.read_bytes()
        await run_palette_command(pilot, "Import a file")
        app.screen.query_one(Input).value = str(broken)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = app.screen.query_one("#import-result", Static)
        assert result.has_class("error")
        assert journal_path.read_bytes() == before
