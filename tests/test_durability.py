"""A journal survives being killed at any moment, with any number of writers at once.

SIGKILL while a line is being appended to the change log, while the log is being folded into the
document, and at random moments: the journal always opens, and every save that was acknowledged
(printed, or a ``netjournal add`` that exited 0) is in it. Kills that must land mid-write are made
certain with a test hook (``NETJOURNAL_TEST_PAUSE``: the writer stops at a named point and says so
on stderr), and every test asserts that its kills happened.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson

from journal.clock import FixedClock
from journal.model import Person
from journal.paths import JournalFiles
from journal.storage import HOST, TEMP_PREFIX
from journal.store import JournalStore
from tests.conftest import stored_document

WRITER = """
import sys
from journal.clock import SystemClock
from journal.model import Person
from journal.store import JournalStore

store = JournalStore.open(sys.argv[1], SystemClock())
print("ready", flush=True)
i = 0
while True:
    person = store.add_person(Person(name=f"Writer {sys.argv[2]}-{i}", notes="x" * 2000))
    print(person.name, flush=True)  # printed only after the save is durable
    i += 1
    if len(sys.argv) > 3 and i % int(sys.argv[3]) == 0:
        store.compact()
"""


def _ballast(path: Path, clock: FixedClock) -> None:
    """A journal of some size, so that folding it takes a while."""
    with JournalStore.open(path, clock) as store:
        store.save(*[Person(name=f"Ballast {i}", notes="y" * 500) for i in range(1500)])
        store.compact()


def _names_in(path: Path) -> set[str]:
    data = orjson.loads(path.read_bytes())  # the document alone: raises if it were broken
    assert data["meta"]["1"]["app"] == "netjournal"
    return {p["name"] for p in stored_document(path)["people"].values()}


def _writer(path: Path, tag: str, *, pause: str = "", fold_every: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "NETJOURNAL_TEST_PAUSE": pause}
    args = [sys.executable, "-c", WRITER, str(path), tag] + ([str(fold_every)] if fold_every else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _wait_for_pause(proc: subprocess.Popen[str], point: str) -> None:
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert line.startswith(f"netjournal-test-pause {point}"), line


def _kill(proc: subprocess.Popen[str]) -> list[str]:
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the writer was killed, not finished"
    return [line for line in out.splitlines() if line and line != "ready"]


def test_kill_mid_append_many_times(journal_path: Path, clock: FixedClock) -> None:
    """Each writer is killed with half of a line written: the half line is ignored and cut off by
    the next writer; every acknowledged save is kept."""
    _ballast(journal_path, clock)
    log = JournalFiles(journal_path).log
    rng = random.Random(20261129)
    confirmed: set[str] = set()
    torn = 0
    for round_no in range(12):
        nth = rng.randint(1, 4)
        proc = _writer(journal_path, str(round_no), pause=f"log-write:30@{nth}")
        _wait_for_pause(proc, "log-write")
        written = _kill(proc)
        assert len(written) == nth - 1, "acknowledged: exactly the saves before the paused one"
        confirmed.update(written)
        torn += not log.read_bytes().endswith(b"\n")
        names = _names_in(journal_path)
        assert confirmed <= names, sorted(confirmed - names)[:3]
        assert f"Writer {round_no}-{nth - 1}" not in names, "a half line is never read as a save"
    assert torn == 12, "every kill left half a line behind"
    with JournalStore.open(journal_path, clock) as store:
        store.add_person(Person(name="After the kills"))
    assert log.read_bytes().count(b"\n") == log.read_bytes().count(b'{"at"') + 1, "no half line is left in the log"
    assert confirmed | {"After the kills"} <= _names_in(journal_path)


def test_kill_while_folding_many_times(journal_path: Path, clock: FixedClock) -> None:
    """Killed with the new document written but not in place, or in place but the log not yet
    restarted: the journal opens with every acknowledged save, and leftovers are cleaned up."""
    _ballast(journal_path, clock)
    confirmed: set[str] = set()
    points = ["compact-rename", "log-rotate"]
    for round_no in range(10):
        point = points[round_no % 2]
        proc = _writer(journal_path, str(round_no), pause=f"{point}:30", fold_every=3)
        _wait_for_pause(proc, point)
        confirmed.update(_kill(proc))
        names = _names_in(journal_path)
        assert len(confirmed) == 3 * (round_no + 1)
        assert confirmed <= names, sorted(confirmed - names)[:3]
        leftovers = [p.name for p in journal_path.parent.iterdir() if p.name.startswith(TEMP_PREFIX)]
        if point == "compact-rename":
            # The new document, written but not in place; the next writer's open removes it.
            assert len(leftovers) == 1 and leftovers[0].startswith(f"{TEMP_PREFIX}{proc.pid}@{HOST}~")
            assert leftovers[0].endswith("~journal.json")
    JournalStore.open(journal_path, clock).close()
    assert not [p for p in journal_path.parent.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert confirmed <= _names_in(journal_path)


def test_sigkill_at_random_moments_never_breaks_the_journal(journal_path: Path, clock: FixedClock) -> None:
    _ballast(journal_path, clock)
    rng = random.Random(7)
    confirmed: set[str] = set()
    kills = 0
    for round_no in range(15):
        proc = _writer(journal_path, str(round_no), fold_every=rng.choice([0, 5]))
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.random() * 0.4)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        kills += proc.returncode == -signal.SIGKILL
        confirmed.update(line for line in out.splitlines() if line)
        names = _names_in(journal_path)
        assert confirmed <= names, sorted(confirmed - names)[:3]
    assert kills == 15
    assert confirmed, "no save completed: the test did not exercise anything"


# Names no quick-add would take for one another (it asks about similar names).
NAMES = [
    "Ada Lovelace",
    "Grace Hopper",
    "Alan Turing",
    "Edsger Dijkstra",
    "Barbara Liskov",
    "Donald Knuth",
    "Frances Allen",
    "Ken Thompson",
    "Margaret Hamilton",
    "Niklaus Wirth",
    "Radia Perlman",
    "Tony Hoare",
    "Hedy Lamarr",
    "John Backus",
    "Karen Jones",
    "Leslie Lamport",
    "Marvin Minsky",
    "Peter Naur",
    "Shafi Goldwasser",
    "Vint Cerf",
]


def _add(path: Path, text: str, pause: str = "") -> subprocess.Popen[str]:
    env = {**os.environ, "NETJOURNAL_DB": str(path), "NETJOURNAL_TEST_PAUSE": pause}
    return subprocess.Popen(
        [sys.executable, "-m", "journal", "add", text],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_every_add_that_exited_zero_is_in_the_file(journal_path: Path, clock: FixedClock) -> None:
    """Every other ``netjournal add`` is killed mid-write (half its line written) or right after its
    line is durable but before it says so; those that exit 0 are all in the journal."""
    _ballast(journal_path, clock)
    succeeded: list[str] = []
    killed = 0
    for i in range(12):
        pause = ("", "log-write:30", "", "log-ack:30")[i % 4]
        proc = _add(journal_path, f"{NAMES[i]}: entry {i}", pause)
        if pause:
            _wait_for_pause(proc, pause.split(":")[0])
            proc.kill()
            proc.communicate()
            assert proc.returncode == -signal.SIGKILL
            killed += 1
        else:
            _out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            succeeded.append(NAMES[i])
        names = _names_in(journal_path)
        assert names >= set(succeeded)
        if pause.startswith("log-write"):
            assert NAMES[i] not in names, "half a line is no save"
    assert killed == 6
    assert len(succeeded) == 6


def test_twenty_adds_at_once_while_the_app_saves_and_folds(journal_path: Path, clock: FixedClock) -> None:
    """20 ``netjournal add`` processes at once, while an open journal (as the app) saves in a worker
    thread and folds the log in another: every add is in the file, and the open journal sees them."""
    _ballast(journal_path, clock)
    stop = threading.Event()
    saved: list[str] = []
    errors: list[BaseException] = []
    with JournalStore.open(journal_path, clock) as app_store:

        def saving() -> None:
            try:
                i = 0
                while not stop.is_set():
                    saved.append(app_store.add_person(Person(name=f"App save {i}")).name)
                    i += 1
            except BaseException as err:
                errors.append(err)

        def folding() -> None:
            try:
                while not stop.is_set():
                    app_store.compact()
                    time.sleep(0.05)
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=saving), threading.Thread(target=folding)]
        for thread in threads:
            thread.start()
        adds = [_add(journal_path, f"{name}: from the shell") for name in NAMES]
        results = [(proc.wait(timeout=120), proc.communicate()[1]) for proc in adds]
        stop.set()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert all(code == 0 for code, _err in results), results
        app_store.poll()
        names = {p.name for p in app_store.people()}
        assert set(NAMES) <= names, "the open journal sees every add"
        assert set(saved) <= names
    stored = _names_in(journal_path)
    assert set(NAMES) <= stored
    assert set(saved) <= stored and len(saved) > 5
