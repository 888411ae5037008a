"""A journal survives being killed at any moment: SIGKILL during writes never leaves it unreadable."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson

from journal.clock import FixedClock
from journal.model import Person
from journal.store import JournalStore

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
    print(person.name, flush=True)  # printed only after the write is durable
    i += 1
"""


def _ballast(path: Path, clock: FixedClock) -> None:
    """Make each write take a while, so kills land mid-write."""
    with JournalStore.open(path, clock) as store, store.transaction():
        for i in range(1500):
            store.add_person(Person(name=f"Ballast {i}", notes="y" * 500))


def _names_in(path: Path) -> set[str]:
    data = orjson.loads(path.read_bytes())  # raises if the file were broken
    assert data["meta"]["1"]["app"] == "netjournal"
    return {p["name"] for p in data["people"].values()}


def test_sigkill_mid_write_never_breaks_the_file_nor_loses_a_confirmed_write(
    journal_path: Path, clock: FixedClock
) -> None:
    _ballast(journal_path, clock)
    rng = random.Random(20261129)
    confirmed: set[str] = set()
    interrupted = 0
    for round_no in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(journal_path), str(round_no)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.random() * 0.3)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        confirmed.update(line for line in out.splitlines() if line)
        names = _names_in(journal_path)
        assert confirmed <= names, sorted(confirmed - names)[:3]
        # A temp file left behind shows this kill landed in the middle of a write.
        interrupted += any(p.name.startswith(".netjournal-tmp-") for p in journal_path.parent.iterdir())
    assert confirmed, "no write completed: the test did not exercise anything"
    assert interrupted, "no kill interrupted a write: the test did not exercise the crash path"
    JournalStore.open(journal_path, clock).close()  # opening cleans up what kills left behind
    assert not [p for p in journal_path.parent.iterdir() if p.name.startswith(".netjournal-tmp-")]


def test_every_add_that_exited_zero_is_in_the_file(journal_path: Path, clock: FixedClock) -> None:
    _ballast(journal_path, clock)
    rng = random.Random(7)
    env = {**os.environ, "NETJOURNAL_DB": str(journal_path)}
    succeeded: list[str] = []
    for i in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-m", "journal", "add", f"Adder {i}: entry {i}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        try:
            code = proc.wait(timeout=0.3 + rng.random() * 0.6)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = proc.wait()
        if code == 0:
            succeeded.append(f"Adder {i}")
        assert _names_in(journal_path) >= set(succeeded)
