"""The app in a real terminal (a pty): a crash exits 1 with a crash log and no local variables on
screen; SIGHUP and SIGTERM save the note typed a moment ago; unsaved forms go to a recovery file."""

from __future__ import annotations

import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from journal import cli
from journal.clock import FixedClock
from journal.store import JournalStore
from journal.ui.app import JournalApp

SECRET = "Zacharias Geheimnisträger"

# Runs `netjournal --db PATH` as the command does; the crash variant breaks the help key first, with a
# person's name in a local variable, as a real bug in a screen would have.
SCRIPT = """
import sys
from journal.ui.app import JournalApp
if sys.argv[2] == "crash":
    def broken_help(self):
        person_note = "SECRET in a local variable"
        raise RuntimeError("help is broken")
    JournalApp.action_help = broken_help
sys.argv = ["netjournal", "--db", sys.argv[1]]
from journal.cli import entry
entry()
""".replace("SECRET", SECRET)


class Terminal:
    """A child process on a pty, its screen output collected as it comes."""

    def __init__(self, journal: Path, mode: str) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(journal), mode],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = b""

    def read(self, timeout: float = 0.2) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _w, _x = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child is gone and the pty closed
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and not predicate():
            self.read()
        assert predicate(), self.output[-2000:]

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.read()
        self.read()
        code = self.proc.wait(timeout=1)
        os.close(self.master)
        return code


@pytest.fixture
def journal(tmp_path: Path, clock: FixedClock) -> Path:
    path = tmp_path / "journal.json"
    JournalStore.open(path, clock).close()
    return path


def started(term: Terminal) -> Callable[[], bool]:
    return lambda: b"Today" in term.output or b"today" in term.output


def test_a_crash_exits_1_with_a_private_crash_log_and_no_locals(journal: Path) -> None:
    term = Terminal(journal, "crash")
    term.wait_for(started(term))
    time.sleep(0.5)
    term.type("?")
    code = term.finish()
    shown = term.output.decode("utf-8", "replace")
    assert code == 1, shown[-2000:]
    assert SECRET not in shown and "person_note" not in shown  # Textual's traceback printed locals
    (log,) = journal.parent.glob("crash-*.log")
    assert str(log) in shown.replace("\r\n", "").replace("\n", "") or log.name in shown
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "RuntimeError: help is broken" in text and "broken_help" in text
    assert SECRET not in text


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_note_typed_just_before_the_signal_is_saved(journal: Path, clock: FixedClock, signum: int) -> None:
    term = Terminal(journal, "run")
    term.wait_for(started(term))
    time.sleep(0.5)
    term.type("w")
    time.sleep(0.3)
    term.type("typed just now")
    time.sleep(0.3)  # well under the note's one-second pause before saving
    with JournalStore.open(journal, clock, readonly=True) as store:
        assert store.day_notes() == [], "the note was saved before the signal: nothing was tested"
    os.killpg(term.proc.pid, signum) if signum == signal.SIGHUP else term.proc.send_signal(signum)
    code = term.finish()
    assert code == 128 + signum, term.output[-2000:]
    with JournalStore.open(journal, clock, readonly=True) as store:
        assert [note.text for note in store.day_notes()] == ["typed just now"]


async def test_a_dirty_form_goes_to_the_recovery_file(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.open_encounter_form()
        await pilot.pause()
        app.screen.query_one("#summary").focus()
        await pilot.press(*"Nobody Yet")
        await pilot.pause()
        assert app.screen.is_dirty  # type: ignore[attr-defined]
        app.stop_on_signal(signal.SIGTERM)
        await pilot.pause()
    assert app.stopped_by == signal.SIGTERM and app.return_code == 128 + signal.SIGTERM
    (item,) = app.recovered
    assert item["kind"] == "encounter" and item["typed"]["summary"] == "Nobody Yet"  # type: ignore[index]


async def test_the_quick_add_box_goes_to_the_recovery_file_too(make_app: Callable[..., JournalApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Anna: half a thought")
        app.stop_on_signal(signal.SIGHUP)
        await pilot.pause()
    assert app.recovered == [{"kind": "quick_add", "day": "2026-11-29", "line": "Anna: half a thought"}]


def test_the_command_line_writes_the_recovery_file(tmp_path: Path, clock: FixedClock) -> None:
    import io

    err = io.StringIO()
    ctx = cli.Context(cli.build_parser([]).parse_args([]), clock, io.StringIO(), err)
    item = {"kind": "quick_add", "day": "2026-11-29", "line": "Nobody Yet"}
    assert cli._report_recovery(ctx, tmp_path / "journal.json", [item]) == 0
    (path,) = tmp_path.glob("journal-recovered-*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and "Nobody Yet" in path.read_text()
    assert str(path) in err.getvalue()
