"""What the command line prints: no control sequences from people's text, quiet on a closed pipe."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from journal import cli
from journal.clock import FixedClock
from journal.model import Encounter, Person, clean_text
from journal.store import JournalStore

HOSTILE = "Eve\x1b]0;title\x07 \x1b[2J\x9b31m\x9d52;c;eA==\x9c\x85\r"


def run(clock: FixedClock, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), clock=clock, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_safe_text_shows_every_control_character_visibly() -> None:
    shown = cli.safe_text(HOSTILE + "\tok\n")
    assert shown == "Eve\\x1b]0;title\\x07 \\x1b[2J\\x9b31m\\x9d52;c;eA==\\x9c\\x85\\x0d\tok\n"
    assert cli.safe_text("Müller-Lüdenscheidt „Ü“ ✦") == "Müller-Lüdenscheidt „Ü“ ✦"


def test_clean_text_strips_c1_controls_too() -> None:
    assert clean_text("a\x9bb\x9dc\x85d\x80e\x9f") == "abcde"
    assert clean_text("Zoë Ärger ÿ ¡") == "Zoë Ärger ÿ ¡"  # U+00A0 and up are letters, kept


def foreign_journal(path: Path, clock: FixedClock) -> Path:
    """A journal file edited outside netjournal: control sequences in names and notes."""
    with JournalStore.open(path, clock) as store:
        eve = Person(name="Eve Placeholder")
        store.save(eve)
        store.save(Encounter(date=clock.today(), person_ids=[eve.id], summary="placeholder"))
        store.compact()  # all of it in the file, to be edited by hand
    data = orjson.loads(path.read_bytes())
    for person in data["people"].values():
        person["name"] = HOSTILE + " Evil"
        person["notes"] = HOSTILE
    for encounter in data["encounters"].values():
        encounter["summary"] = HOSTILE
    path.write_bytes(orjson.dumps(data))
    return path


@pytest.mark.parametrize(
    "argv",
    [["people"], ["people", "evil"], ["show", "Evil"], ["due"], ["lucky"], ["export", "--format", "csv"]],
)
def test_no_command_prints_control_sequences(tmp_path: Path, clock: FixedClock, argv: list[str]) -> None:
    journal = foreign_journal(tmp_path / "journal.json", clock)
    out, err = io.StringIO(), io.StringIO()
    out.isatty = lambda: True  # type: ignore[method-assign]  # what a person sees
    code = cli.main(["--db", str(journal), *argv], clock=clock, out=out, err=err)
    printed = out.getvalue() + err.getvalue()
    assert code == 0, printed
    assert "Evil" in printed or argv[0] in ("due", "lucky")
    assert not any(ch in printed for ch in "\x1b\x07\x9b\x9d\x9c\x85\r")


def test_an_export_holds_the_text_as_the_journal_reads_it(tmp_path: Path, clock: FixedClock) -> None:
    """Control sequences go when a journal is read (journal.codec): an export is what every
    screen and command shows, and the file itself is left as it is."""
    journal = foreign_journal(tmp_path / "journal.json", clock)
    before = journal.read_bytes()
    code, out, _err = run(clock, "--db", str(journal), "export", "--format", "json")
    assert code == 0
    (person,) = orjson.loads(out)["people"].values()
    assert person["name"] == "Eve]0;title [2J31m52;c;eA== Evil"
    assert journal.read_bytes() == before


def test_a_closed_pipe_exits_quietly(tmp_path: Path, clock: FixedClock) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, _text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    journal = foreign_journal(tmp_path / "journal.json", clock)
    err = io.StringIO()
    code = cli.main(["--db", str(journal), "people"], clock=clock, out=ClosedPipe(), err=err)
    assert code == cli.EXIT_BROKEN_PIPE == 141
    assert err.getvalue() == ""


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough people that every listing below overflows a pipe's buffer (64 KiB)."""
    journal = tmp_path_factory.mktemp("big") / "journal.json"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "journal",
            "--db",
            str(journal),
            "demo-data",
            "--people",
            "1500",
            "--encounters",
            "3000",
        ],
        capture_output=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    return journal


@pytest.mark.parametrize(
    "argv", [["people", "--limit", "5000"], ["export", "--format", "json"], ["export", "--format", "csv"]]
)
def test_netjournal_piped_into_head_stops_without_a_traceback(big_journal: Path, argv: list[str]) -> None:
    """`netjournal people | head -1`: the reader leaves after one line; the rest must not crash."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "journal", "--db", str(big_journal), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as head does
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert first.strip()
    assert err == "", err  # no traceback, no BrokenPipeError, no "Exception ignored"
    assert code == 141, "the pipe never broke: the output fit the buffer"


@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(
    "argv",
    [
        ["people"],
        ["people", "--limit", "0"],
        ["show", "Anna Müller"],
        ["pace", "Anna Müller"],
        ["due"],
        ["lucky"],
        ["could-help"],
        ["intros"],
        ["insights"],
        ["chances"],
    ],
)
def test_every_listing_ends_quietly_when_the_reader_is_gone(
    big_journal: Path, argv: list[str], unbuffered: bool
) -> None:
    """`netjournal show … | head`: the reader may be gone before the first line is written (or, with
    buffered output, before the flush at exit); whenever the pipe breaks, the command stops quietly.
    Only a note of what a limit left out may reach stderr, written before the flush."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "journal", "--db", str(big_journal), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert all(line.startswith("… and ") for line in err.splitlines()), err
    assert code == 141
