"""What the app loads before its first frame: only what Today needs (start-up time is measured
in bench/; this guards against a module-level import pulling a heavy one back in)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Loaded later, when something asks for them: search, the recovered-input dialog and its forms,
# the lucky encounter and give-first matching, the insights and the pacing rules (who is due),
# the day note's text area (Today's side pane follows the first frame), the other kinds of field
# (Textual itself imports Select). TinyDB and secrets are not loaded by the app at all (TinyDB is
# what the tests and the benchmark open the document with: journal.tinydb_storage).
NOT_AT_START = (
    "rapidfuzz",
    "journal.recovery",
    "journal.entry.form",
    "journal.lucky",
    "journal.givefirst",
    "journal.birthdays",
    "journal.insights",
    "journal.pacing",
    "textual.widgets._text_area",
    "tinydb",
    "secrets",
    "textual.widgets._selection_list",
    "textual.widgets._radio_set",
    "textual.widgets._switch",
    "textual.widgets._checkbox",
)

SCRIPT = """
import functools, json, sys
from journal import cli
from journal.ui.app import JournalApp

JournalApp.run = functools.partialmethod(JournalApp.run, headless=True)

at_first_frame = []
on_ready = JournalApp.on_ready

def ready(self):
    at_first_frame.extend(sys.modules)  # Ready follows the first frame
    on_ready(self)

JournalApp.on_ready = ready
code = cli.main(["--db", sys.argv[1]])
print(json.dumps({"code": code, "modules": sorted(at_first_frame)}))
"""


def test_the_first_frame_loads_only_what_today_needs(tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    subprocess.run([sys.executable, "-m", "journal", "--db", str(journal), "add", "Anna Müller: coffee"], check=True)
    env = {**os.environ, "NETJOURNAL_BENCH_EXIT": "1"}  # the app quits once its first frame is drawn
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(journal)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    modules = set(result["modules"])
    assert "journal.ui.screens.today" in modules and "textual.widgets._option_list" in modules  # it ran
    assert not [name for name in NOT_AT_START if name in modules]


COLLECTOR_SCRIPT = """
import gc, sys
from journal import cli
from journal.ui.app import JournalApp

def say(text):
    sys.stdout.write(text + "\\n")
    sys.stdout.flush()

on_ready = JournalApp.on_ready
on_first_frame = JournalApp._on_first_frame

def ready(self):
    say(f"laid out: {gc.isenabled()}")
    on_ready(self)

def first_frame(self):
    on_first_frame(self)
    say(f"drawn: {gc.isenabled()}")

JournalApp.on_ready = ready
JournalApp._on_first_frame = first_frame
JournalApp.run = lambda self, _run=JournalApp.run: _run(self, headless=True)
sys.argv = ["netjournal", "--db", sys.argv[1]]
cli.entry()
"""


def test_the_collector_is_off_while_the_app_starts_and_on_once_it_is_drawn(tmp_path: Path) -> None:
    # Start-up objects all stay: collecting while they are made walks them for nothing (bench/).
    journal = tmp_path / "journal.json"
    subprocess.run([sys.executable, "-m", "journal", "--db", str(journal), "add", "Anna Müller: coffee"], check=True)
    done = subprocess.run(
        [sys.executable, "-c", COLLECTOR_SCRIPT, str(journal)],
        env={**os.environ, "NETJOURNAL_BENCH_EXIT": "1"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.splitlines() == ["laid out: False", "drawn: True"]
