"""Journals from other versions, opened the way people open them: ``netjournal`` (the app) and
``netjournal add``.

- A journal of the previous schema (1: an encounter linked one person by ``person_id``, no
  tombstones, day notes without ids) is upgraded, after a byte-for-byte backup of the old file,
  and every record comes through: the app opens on it and shows the upgraded data.
- A journal of a newer schema is refused with exit status 2 and a message, the app does not
  start, and the file is left byte-identical (no backup, no temp file, nothing written).
- If the disk refuses the upgraded file, nothing changes and the old file stays as it was.

(tests/test_store.py covers the store's own migration step on a tiny file.)
"""

from __future__ import annotations

import asyncio
import errno
import io
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from journal import cli
from journal.clock import FixedClock
from journal.migrations import SCHEMA
from journal.ui.app import JournalApp
from tests.conftest import DiskFault
from tests.reliability.conftest import SIZE, assert_valid_journal, small_demo_journal


def schema_1_journal(path: Path, clock: FixedClock) -> dict[str, Any]:
    """A realistic schema-1 file: a demo journal written the way version 1 stored it."""
    small_demo_journal(path, clock, people=20, encounters=120)
    document = orjson.loads(path.read_bytes())
    for table in ("people", "encounters", "days", "settings"):
        records = document.get(table) or {}
        for doc_id in [d for d, r in records.items() if r.get("deleted") is not None]:
            del records[doc_id]  # no tombstones in version 1
        for record in records.values():
            record.pop("deleted", None)
            record.pop("updated", None)
    for record in document["encounters"].values():
        record["person_id"] = record.pop("person_ids")[0]  # one person an encounter
    for number, record in enumerate(document["days"].values(), 1):
        record["id"] = str(number)
    document.pop("lucky", None)
    for record in document["meta"].values():
        record["schema"] = 1
    path.write_bytes(orjson.dumps(document))
    path.with_name(path.name + ".log").unlink(missing_ok=True)  # version 1 had no change log
    return document


def run_cli(clock: FixedClock, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class HeadlessRun:
    """Stands in for ``JournalApp.run`` so ``netjournal`` opens the real app, headless, and we
    can look at what it shows."""

    def __init__(self) -> None:
        self.started = 0
        self.seen: dict[str, Any] = {}

    def __call__(self, app: JournalApp, *args: Any, **kwargs: Any) -> None:
        self.started += 1

        async def look() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                self.seen["screen"] = app.screen.id
                self.seen["encounters today"] = len(app.store.encounters_on(app.clock.today()))
                self.seen["rows"] = app.screen.query_one("#encounters").option_count
                await pilot.press("q")
                await pilot.pause()

        asyncio.run(look())


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> HeadlessRun:
    runner = HeadlessRun()
    monkeypatch.setattr(JournalApp, "run", lambda app, *args, **kwargs: runner(app, *args, **kwargs))
    return runner


def test_the_app_upgrades_a_schema_1_journal_after_a_backup(
    tmp_path: Path,
    clock: FixedClock,
    headless: HeadlessRun,
) -> None:
    path = tmp_path / "journal.json"
    old = schema_1_journal(path, clock)
    original = path.read_bytes()

    code, _out, err = run_cli(clock, "--db", str(path))

    assert code == 0, err
    assert headless.started == 1
    assert "Upgraded the journal from schema 1" in err
    backups = sorted((tmp_path / "backups").glob("*schema1-before-upgrade*"))
    assert len(backups) == 1 and str(backups[0]) in err
    assert backups[0].read_bytes() == original, "the backup is the old file, byte for byte"
    counts = assert_valid_journal(path, clock)
    assert counts["people"] == len(old["people"])
    assert counts["encounters"] == len(old["encounters"])
    assert counts["days"] == len(old["days"])
    upgraded = orjson.loads(path.read_bytes())
    assert upgraded["meta"]["1"]["schema"] == SCHEMA
    links = {r["id"]: r["person_ids"] for r in upgraded["encounters"].values()}
    assert links == {r["id"]: [r["person_id"]] for r in old["encounters"].values()}
    assert sorted(r["id"] for r in upgraded["days"].values()) == sorted(
        f"day-{r['date']}" for r in old["days"].values()
    )
    # The app showed the upgraded journal: today's encounters are on the Today screen.
    assert headless.seen["screen"] == "today"
    assert headless.seen["encounters today"] > 0
    assert headless.seen["rows"] == headless.seen["encounters today"]

    # Opening it again is a plain open: no second upgrade, no second backup.
    code, _out, err = run_cli(clock, "--db", str(path), "add", "Anna Müller: after the upgrade")
    assert code == 0, err
    assert "Upgraded" not in err
    assert len(list((tmp_path / "backups").glob("*schema1-before-upgrade*"))) == 1


@pytest.mark.parametrize(
    "command", [[], ["add", "Anna Müller: from the future"], ["people", "anna"]], ids=["app", "add", "people"]
)
def test_a_newer_journal_is_refused_untouched(
    tmp_path: Path,
    clock: FixedClock,
    headless: HeadlessRun,
    command: list[str],
) -> None:
    path = small_demo_journal(tmp_path / "journal.json", clock)
    document = orjson.loads(path.read_bytes())
    document["meta"]["1"]["schema"] = SCHEMA + 1
    document["meta"]["1"]["feature_from_the_future"] = {"kept": True}
    path.write_bytes(orjson.dumps(document))
    original = path.read_bytes()
    files_before = sorted(p.name for p in tmp_path.rglob("*"))

    code, out, err = run_cli(clock, "--db", str(path), *command)

    assert code == 2
    assert f"schema {SCHEMA + 1}" in err and "newer netjournal" in err
    assert out == ""
    assert headless.started == 0, "the app must not start on a journal it cannot read"
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.rglob("*") if p.name != "journal.json.lock") == [
        name for name in files_before if name != "journal.json.lock"
    ], "no backup, no temp file"


@pytest.mark.parametrize("step", ["write", "fsync", "rename"])
def test_an_upgrade_the_disk_refuses_changes_nothing(
    tmp_path: Path, clock: FixedClock, headless: HeadlessRun, disk: DiskFault, step: str
) -> None:
    path = tmp_path / "journal.json"
    schema_1_journal(path, clock)
    original = path.read_bytes()
    disk.fail(errno.ENOSPC, at=step, only=lambda target: target == path)
    code, _out, err = run_cli(clock, "--db", str(path))
    assert code != 0
    assert disk.refused == 1
    assert os.strerror(errno.ENOSPC) in err and "Traceback" not in err
    assert headless.started == 0
    assert path.read_bytes() == original
    assert not path.with_name(path.name + ".log").exists()
    disk.heal()
    code, _out, err = run_cli(clock, "--db", str(path))
    assert code == 0, err
    assert headless.started == 1
    assert_valid_journal(path, clock)


@pytest.mark.parametrize("step", ["open", "write", "fsync", "rename"])
def test_an_upgrade_whose_backup_cannot_be_written_changes_nothing(
    tmp_path: Path, clock: FixedClock, headless: HeadlessRun, disk: DiskFault, step: str
) -> None:
    """No upgrade without the backup of the old file: a message, exit status 2, the file as it was."""
    path = tmp_path / "journal.json"
    schema_1_journal(path, clock)
    original = path.read_bytes()
    disk.fail(errno.ENOSPC, at=step, only=lambda target: target.parent.name == "backups")
    for command in ([], ["add", "Anna Müller: after the upgrade"]):
        code, out, err = run_cli(clock, "--db", str(path), *command)
        assert code == 2, err
        assert "needs an upgrade from schema 1" in err and os.strerror(errno.ENOSPC) in err
        assert "Traceback" not in err and out == ""
        assert path.read_bytes() == original
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != "backups") == [
            "journal.json",
            "journal.json.lock",
        ]
    assert headless.started == 0
    assert disk.refused == 2
    disk.heal()
    code, _out, err = run_cli(clock, "--db", str(path), "add", "Anna Müller: after the upgrade")
    assert code == 0, err
    assert "Upgraded the journal from schema 1" in err
