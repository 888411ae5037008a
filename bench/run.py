"""netjournal benchmarks: one command, a Markdown table on stdout and in bench/RESULTS.md.

    python bench/run.py [--sizes small,medium,large] [--quick] [--no-peers] [--no-write]

Sizes (people / encounters), generated with ``netjournal demo-data --seed 7`` and cached under
bench/.cache/ (keyed by today's date, because the app opens on today and the demo data is dense
around the day it was generated):

    small   500 /   5,000
    medium  5,000 /  50,000
    large   50,000 / 500,000

What is measured (each in a fresh process unless said otherwise):

- open: ``JournalStore.open`` in-process (median of 3 processes), with the JSON parse alone beside it,
  and the process's peak RSS after opening.
Every process runs from compiled ``.pyc`` files, as an installed netjournal (and jrnl, khard, Textual)
does: ``PYTHONDONTWRITEBYTECODE`` is dropped from the children's environment and journal/ is compiled
before the first measurement.

- start-up: ``python -m journal --db X`` under a pseudo-terminal (120×36) from process start until the
  Today screen has been drawn with its data, against a minimal Textual app (Header, DataTable with 40
  rows, Footer, bench/minimal_app.py) measured the same way, runs interleaved. Both quit right after
  their first frame: ``NETJOURNAL_BENCH_EXIT=1`` (JournalApp.on_ready → call_after_refresh → exit);
  the screen text captured from the terminal is checked for today's names. The time includes
  interpreter start and exit.
- search: ``store.search`` on the loaded journal, bench/bench_search.py's ~200 realistic queries
  drawn from the journal's people, 3 passes: median, p95, max, p95 of 1–2 character queries.
- save: quick-add → durable on disk (``plan_quick_add`` + ``commit``: validate, one atomic write with
  fsync) on a copy of the journal; and the longest the main thread waits while a save runs in a
  thread (it ticks every 1 ms; a late tick is a keystroke the UI could not have handled).
- ``netjournal add`` as a whole process (median of N runs), and its peak RSS.
- peers, when installed (``jrnl``, ``khard`` on PATH or beside this Python): ``jrnl TEXT`` and
  ``jrnl -contains WORD`` on the same encounters exported as a jrnl journal, ``khard list`` on the
  same people as a folder of vCards, against ``netjournal add``, ``netjournal people WORD`` and
  ``netjournal people --limit ALL``. Peers run at small and medium only (khard parses every card on
  each run; minutes at 50,000).

Hand-written notes in RESULTS.md between ``<!-- notes -->`` and ``<!-- /notes -->`` survive a re-run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import hashlib
import itertools
import json
import os
import platform
import select
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "RESULTS.md"
PY = sys.executable
SEED = 7
SIZES: dict[str, tuple[int, int]] = {
    "small": (500, 5_000),
    "medium": (5_000, 50_000),
    "large": (50_000, 500_000),
}
PEER_SIZES = ("small", "medium")
TARGET_SIZE = "medium"
NOTES_START, NOTES_END = "<!-- notes -->", "<!-- /notes -->"


@dataclass
class Runs:
    startup: int = 7
    add: int = 7
    saves: int = 12
    search_passes: int = 3
    opens: int = 3
    phases: int = 3
    peers: int = 3
    warmup: bool = True  # one uncounted run first (page cache, .pyc files)
    profile_open: bool = True

    @classmethod
    def quick(cls) -> Runs:
        return cls(startup=3, add=3, saves=5, search_passes=1, opens=1, phases=1, peers=2)

    def scaled(self, size: str) -> Runs:
        """The large journal takes ~10× longer per run: fewer runs, no warm-up (its file was just
        written, so it is in the page cache, and the smaller sizes compiled every .pyc)."""
        if size != "large":
            return self
        return Runs(
            startup=min(self.startup, 3),
            add=min(self.add, 2),
            saves=min(self.saves, 3),
            search_passes=1,
            opens=1,
            phases=1,
            peers=min(self.peers, 2),
            warmup=False,
            profile_open=False,
        )


@dataclass
class SizeResult:
    size: str
    people: int
    encounters: int
    figures: dict[str, Any] = field(default_factory=dict)
    profile: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------------------------------ helpers


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child_env(**extra: str) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE is dropped (see main): an installed netjournal runs from compiled
    # .pyc files, as jrnl, khard and Textual here do; without them every run compiles journal/ anew.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NETJOURNAL_", "TEXTUAL")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", LANG=env.get("LANG") or "C.UTF-8")
    env.update(extra)
    return env


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run_timed(
    argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, check: bool = True
) -> tuple[float, float, bytes]:
    """Run a process to the end: (seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env or child_env(),
        cwd=cwd,
    )
    out, err = proc.communicate()
    # communicate() has reaped the child; its rusage is in RUSAGE_CHILDREN only as a maximum, so
    # ask wait4 through a tiny wrapper instead when memory matters (see run_rusage).
    elapsed = time.perf_counter() - start
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {err.decode(errors='replace')[-2000:]}")
    return elapsed, float("nan"), out


def run_rusage(
    argv: Sequence[str], *, env: dict[str, str] | None = None, check: bool = True
) -> tuple[float, float, bytes]:
    """Like run_timed, but reaps the child with wait4 to get its own peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or child_env()
    )
    assert proc.stdout is not None and proc.stderr is not None
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    streams = {proc.stdout.fileno(): out_chunks, proc.stderr.fileno(): err_chunks}
    while streams:
        ready, _, _ = select.select(list(streams), [], [])
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                streams[fd].append(chunk)
            else:
                del streams[fd]
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    proc.stderr.close()
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {proc.returncode}: {b''.join(err_chunks).decode(errors='replace')[-2000:]}"
        )
    return elapsed, usage.ru_maxrss / 1024, b"".join(out_chunks)


def run_pty(
    argv: Sequence[str],
    env: dict[str, str],
    *,
    cols: int = 120,
    rows: int = 36,
    timeout: float = 300.0,
    shown: Callable[[str], bool] | None = None,
) -> tuple[float, float, bytes, int, float | None]:
    """Run a full-screen program on a pseudo-terminal until it exits: (seconds, peak RSS MB, output,
    rc, seconds until the screen text first satisfied ``shown``)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True
    )
    os.close(slave)
    output = bytearray()
    seen: float | None = None
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.005)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed its side
                    chunk = b""
                if not chunk:
                    break
                output += chunk
                at = time.perf_counter() - start  # when it was written, not when we looked
                if shown is not None and seen is None and shown(strip_ansi(bytes(output))):
                    seen = at
            elif proc.poll() is not None:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                raise RuntimeError(f"{' '.join(argv)} did not exit within {timeout:.0f} s")
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.close(master)
    return elapsed, usage.ru_maxrss / 1024, bytes(output), os.waitstatus_to_exitcode(status), seen


def probe(kind: str, path: Path, *extra: str) -> dict[str, Any]:
    _, rss, out = run_rusage([PY, str(BENCH / "_probe.py"), kind, str(path), *extra])
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    result.setdefault("process_maxrss_mb", rss)
    return result


def fresh_copy(source: Path, name: str) -> Path:
    work = CACHE / "work"
    work.mkdir(parents=True, exist_ok=True)
    target = work / name
    for leftover in (target, target.with_name(target.name + ".lock"), target.with_name(target.name + ".log")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(work / "backups", ignore_errors=True)
    shutil.copyfile(source, target)
    return target


def find_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    beside = Path(PY).parent / name
    return str(beside) if beside.exists() else None


# ------------------------------------------------------------------------------------------ journals


def journal_for(size: str) -> tuple[Path, dict[str, Any]]:
    """The cached demo journal for a size (generating it with `netjournal demo-data` if needed)."""
    people, encounters = SIZES[size]
    today = dt.date.today().isoformat()
    CACHE.mkdir(parents=True, exist_ok=True)
    # Keyed by the generator's source too: a changed demo.py makes a new journal.
    generator = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted((ROOT / "journal").glob("demo*.py")))
    ).hexdigest()[:8]
    path = CACHE / f"{size}-{people}p-{encounters}e-seed{SEED}-{today}-{generator}.json"
    info_path = path.with_suffix(".info.json")
    if path.exists() and info_path.exists():
        return path, json.loads(info_path.read_text())
    for old in CACHE.glob(f"{size}-*"):
        if old.is_file():
            old.unlink()
    log(f"generating {size}: {people:,} people, {encounters:,} encounters (netjournal demo-data)")
    tmp = CACHE / f"tmp-{size}.json"
    tmp.unlink(missing_ok=True)
    seconds, rss, out = run_rusage(
        [
            PY,
            "-m",
            "journal",
            "--db",
            str(tmp),
            "demo-data",
            "--people",
            str(people),
            "--encounters",
            str(encounters),
            "--seed",
            str(SEED),
        ]
    )
    # The journal as one complete document: fold any change log left beside it, then drop the log.
    fold = (
        "from journal.clock import SystemClock; from journal.store import JournalStore; "
        f"s = JournalStore.open({str(tmp)!r}, SystemClock()); s.compact(); s.close()"
    )
    run_timed([PY, "-c", fold])
    tmp.replace(path)
    for companion in (".lock", ".log"):
        tmp.with_name(tmp.name + companion).unlink(missing_ok=True)
    info = {
        "generate_s": seconds,
        "generate_maxrss_mb": rss,
        "bytes": path.stat().st_size,
        "message": out.decode().strip(),
    }
    info_path.write_text(json.dumps(info))
    return path, info


def todays_names(path: Path) -> list[str]:
    """Names on today's encounters (what the Today screen must show), read without the app."""
    code = (
        "import json,sys,datetime;from journal.storage import read_json_file;from pathlib import Path\n"
        "d=read_json_file(Path(sys.argv[1]));t=datetime.date.today().isoformat()\n"
        "ids={p['id']:p['name'] for p in d.get('people',{}).values()}\n"
        "print(json.dumps(sorted({ids[i] for e in d.get('encounters',{}).values() if e['date']==t "
        "for i in e['person_ids'] if i in ids})))"
    )
    _, _, out = run_timed([PY, "-c", code, str(path)])
    return list(json.loads(out))


# ------------------------------------------------------------------------------------------ measures


def strip_ansi(raw: bytes) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]", "", raw.decode("utf-8", "replace"))


def measure_startup(path: Path, runs: int, warmup: bool = True) -> dict[str, Any]:
    names = todays_names(path)
    env = child_env(NETJOURNAL_BENCH_EXIT="1")
    app_argv = [PY, "-m", "journal", "--db", str(fresh_copy(path, "startup.json"))]
    minimal_argv = [PY, str(BENCH / "minimal_app.py")]
    app_times: list[float] = []
    minimal_times: list[float] = []
    app_shown: list[float] = []
    minimal_shown: list[float] = []
    app_rss: list[float] = []
    minimal_rss: list[float] = []
    drawn = True

    def app_data(text: str) -> bool:
        return "Rule" in text and (not names or any(n in text for n in names))

    def minimal_data(text: str) -> bool:
        return "Person 0" in text and "Last seen" in text

    for i in range(0 if warmup else 1, runs + 1):  # run 0 warms the page cache and .pyc files
        for argv, times, shown_times, rss, kind, data in (
            (minimal_argv, minimal_times, minimal_shown, minimal_rss, "minimal", minimal_data),
            (app_argv, app_times, app_shown, app_rss, "app", app_data),
        ):
            seconds, peak, output, code, shown = run_pty(argv, env, shown=data)
            if code != 0:
                raise RuntimeError(f"{kind} start-up run exited {code}: {strip_ansi(output)[-1500:]}")
            drawn = drawn and shown is not None
            if i:
                times.append(seconds)
                shown_times.append(shown if shown is not None else seconds)
                rss.append(peak)
    return {
        # The target: from process start until the screen shows the data (today's encounters; the
        # minimal app's rows), read from the terminal as it is written.
        "app_shown_s": median(app_shown),
        "minimal_shown_s": median(minimal_shown),
        "ratio": median(app_shown) / median(minimal_shown),
        # The whole process, start to exit (quitting right after the first frame).
        "app_s": median(app_times),
        "app_min_s": min(app_times),
        "minimal_s": median(minimal_times),
        "minimal_min_s": min(minimal_times),
        "process_ratio": median(app_times) / median(minimal_times),
        "app_maxrss_mb": max(app_rss),
        "minimal_maxrss_mb": max(minimal_rss),
        "today_encounter_people": len(names),
        "data_drawn": drawn,
        "runs": runs,
    }


def measure_add(path: Path, runs: int, warmup: bool = True) -> dict[str, Any]:
    copy = fresh_copy(path, "add.json")
    times, rss = [], []
    for i in range(0 if warmup else 1, runs + 1):
        seconds, peak, _ = run_rusage(
            [
                PY,
                "-m",
                "journal",
                "--db",
                str(copy),
                "add",
                f"Anna Müller @ Café Einstein #bench: benchmark add {i}; gave: a tip on Rust",
            ]
        )
        if i:  # first run warms caches
            times.append(seconds)
            rss.append(peak)
    return {"add_s": median(times), "add_min_s": min(times), "add_maxrss_mb": max(rss), "runs": runs}


def measure_processes(argvs: dict[str, list[str]], runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median seconds of each command, runs interleaved so that machine noise hits all alike.

    No warm-up run: the files were just written or read (page cache) and the .pyc files exist."""
    times: dict[str, list[float]] = {name: [] for name in argvs}
    for _i in range(runs):
        for name, argv in argvs.items():
            seconds, _, _ = run_timed(argv, env=env)
            times[name].append(seconds)
    return {name: median(values) for name, values in times.items()}


def measure_phases(path: Path, runs: int, profile: bool) -> dict[str, Any]:
    """The app's start-up step by step (median per step), and optionally a cProfile of it."""
    env = child_env(NETJOURNAL_BENCH_EXIT="1")
    copy = fresh_copy(path, "phases.json")
    out = CACHE / "work" / "phases-out.json"
    per_mark: dict[str, list[float]] = {}
    totals: list[float] = []
    for _i in range(runs):
        seconds, _, output, code, _shown = run_pty([PY, str(BENCH / "_probe.py"), "phases", str(copy), str(out)], env)
        if code != 0:
            raise RuntimeError(f"phases probe exited {code}: {strip_ansi(output)[-1500:]}")
        totals.append(seconds * 1000)
        for name, at in json.loads(out.read_text())["marks"]:
            per_mark.setdefault(name, []).append(at)
    result: dict[str, Any] = {
        "marks": [(name, median(v)) for name, v in per_mark.items()],
        "process_ms": median(totals),
    }
    if profile:
        run_pty([PY, str(BENCH / "_probe.py"), "profile-app", str(copy), str(out)], env)
        data = json.loads(out.read_text())
        result["journal_functions"] = data["journal_functions"]
    return result


# ------------------------------------------------------------------------------------------ peers


def export_peers(path: Path) -> tuple[Path, Path]:
    """The journal's encounters as a jrnl journal and its people as a vdir of vCards (cached)."""
    folder = CACHE / "peers" / path.stem
    jrnl_file = folder / "jrnl" / "journal.txt"
    vdir = folder / "vcards"
    if jrnl_file.exists() and vdir.exists():
        return jrnl_file, vdir
    shutil.rmtree(folder, ignore_errors=True)
    code = f"import sys; sys.path.insert(0, {str(BENCH)!r}); import peers; peers.export(sys.argv[1], sys.argv[2], sys.argv[3])"
    run_timed([PY, "-c", code, str(path), str(jrnl_file), str(vdir)])
    return jrnl_file, vdir


def peer_env(config_home: Path) -> dict[str, str]:
    return child_env(XDG_CONFIG_HOME=str(config_home), HOME=str(config_home.parent))


def measure_peers(path: Path, people: int, runs: int) -> dict[str, Any]:
    jrnl, khard = find_tool("jrnl"), find_tool("khard")
    if not jrnl and not khard:
        return {}
    import peers

    jrnl_file, vdir = export_peers(path)
    result: dict[str, Any] = {}
    nj = [PY, "-m", "journal", "--db"]
    ro_copy = fresh_copy(path, "peers-read.json")
    add_copy = fresh_copy(path, "peers-add.json")
    if jrnl:
        home = CACHE / "work" / "jrnl-home"
        shutil.rmtree(home, ignore_errors=True)
        work_txt = home / "journal.txt"
        home.mkdir(parents=True)
        shutil.copyfile(jrnl_file, work_txt)
        _, _, version = run_timed([jrnl, "--version"], env=child_env())
        words = version.decode(errors="replace").split()
        config_home = peers.configure_jrnl(home, work_txt, words[1].lstrip("v") if len(words) > 1 else "")
        env = peer_env(config_home)
        add_text = "Anna Müller @ Café Einstein: benchmark add; gave: a tip on Rust"
        argvs = {
            "netjournal add": [*nj, str(add_copy), "add", add_text],
            "jrnl TEXT": [jrnl, add_text],
        }
        result.update(measure_processes(argvs, runs, env=env))
        argvs = {
            "netjournal people Müller": [*nj, str(ro_copy), "people", "Müller"],
            "jrnl -contains Müller": [jrnl, "-contains", "Müller"],
        }
        result.update(measure_processes(argvs, runs, env=env))
    if khard:
        config_home = peers.configure_khard(CACHE / "work" / "khard-home", vdir)
        env = peer_env(config_home)
        argvs = {
            "netjournal people --limit ALL": [*nj, str(ro_copy), "people", "--limit", str(people + 100)],
            "khard list": [khard, "list"],
        }
        result.update(measure_processes(argvs, runs, env=env))
    return result


# ------------------------------------------------------------------------------------------ the run


def bench_size(size: str, runs: Runs, with_peers: bool) -> SizeResult:
    runs = runs.scaled(size)
    people, encounters = SIZES[size]
    result = SizeResult(size, people, encounters)
    path, info = journal_for(size)
    f = result.figures
    f.update(generate_s=info["generate_s"], generate_maxrss_mb=info["generate_maxrss_mb"], bytes=info["bytes"])
    log(f"{size}: open ×{runs.opens}")
    opens = {mode: [probe("open", path, mode) for _ in range(runs.opens)] for mode in ("parse", "full", "lazy", "rest")}
    f.update(
        parse_ms=median([o["parse_ms"] for o in opens["parse"]]),
        import_ms=median([o["import_ms"] for o in opens["full"]]),
        open_ms=median([o["open_ms"] for o in opens["full"]]),
        open_maxrss_mb=max(o["maxrss_mb"] for o in opens["full"]),
        lazy_open_ms=median([o["open_ms"] for o in opens["lazy"]]),
        lazy_open_maxrss_mb=max(o["maxrss_mb"] for o in opens["lazy"]),
        rest_ms=median([o["rest_ms"] for o in opens["rest"]]),
        rest_maxrss_mb=max(o["maxrss_mb"] for o in opens["rest"]),
    )
    log(f"{size}: start-up ×{runs.startup} (app and minimal app, interleaved)")
    f.update(startup=measure_startup(path, runs.startup, runs.warmup))
    log(f"{size}: start-up step by step ×{runs.phases}")
    f.update(phases=measure_phases(path, runs.phases, profile=size == TARGET_SIZE))
    log(f"{size}: search")
    f.update(search=probe("search", path, str(runs.search_passes)))
    log(f"{size}: save ×{runs.saves}")
    f.update(save=probe("save", fresh_copy(path, "save.json"), str(runs.saves)))
    if size != "large":  # a count, not a time: the same at every size, and the app at large needs >12 GB headless
        log(f"{size}: screen refreshes per quick-add")
        f.update(refreshes=probe("refreshes", fresh_copy(path, "refreshes.json")))
    log(f"{size}: netjournal add ×{runs.add}")
    f.update(add=measure_add(path, runs.add, runs.warmup))
    if runs.profile_open:
        log(f"{size}: profile open and save")
        result.profile = probe("profile", fresh_copy(path, "profile.json"))
    if size == TARGET_SIZE:
        log(f"{size}: anatomy of open and save")
        f.update(anatomy=probe("anatomy", path))
    if with_peers and size in PEER_SIZES:
        log(f"{size}: peers")
        f.update(peers=measure_peers(path, people, runs.peers))
    return result


def fmt_ms(value: float) -> str:
    if value != value:  # NaN
        return "–"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def fmt_s(value: float) -> str:
    return fmt_ms(value * 1000)


def growth(values: list[float]) -> str:
    parts = []
    for a, b in itertools.pairwise(values):
        parts.append(f"×{b / a:.1f}" if a and a == a and b == b else "–")
    return " → ".join(parts)


def main_table(results: list[SizeResult]) -> str:
    head = "| | " + " | ".join(f"{r.size} ({r.people:,} / {r.encounters:,})" for r in results)
    head += " | growth per ×10 |" if len(results) > 1 else " |"
    lines = [head, "|---" * (len(results) + 1 + (len(results) > 1)) + "|"]

    def row(
        label: str, get: Callable[[SizeResult], float], fmt: Callable[[float], str], show_growth: bool = True
    ) -> None:
        values = [get(r) for r in results]
        cells = [fmt(v) for v in values]
        line = f"| {label} | " + " | ".join(cells)
        if len(results) > 1:
            line += " | " + (growth(values) if show_growth else "") + " |"
        else:
            line += " |"
        lines.append(line)

    mb = lambda v: f"{v:.0f} MB"  # noqa: E731
    row("journal file", lambda r: r.figures["bytes"] / 1e6, lambda v: f"{v:.1f} MB")
    row("generate (`demo-data`, whole process, when the cache was made)", lambda r: r.figures["generate_s"], fmt_s)
    row("JSON parse alone (orjson, for scale)", lambda r: r.figures["parse_ms"], fmt_ms)
    row(
        "**open** as the app, `add` and `people` open it (`JournalStore.open(lazy=True)`)",
        lambda r: r.figures["lazy_open_ms"],
        fmt_ms,
    )
    row("  its peak memory (whole process)", lambda r: r.figures["lazy_open_maxrss_mb"], mb)
    row(
        "  then the rest decoded (`load_everything`, the app's background read)", lambda r: r.figures["rest_ms"], fmt_ms
    )
    row("  peak memory with everything decoded", lambda r: r.figures["rest_maxrss_mb"], mb)
    row("open with every record decoded at once (`JournalStore.open`)", lambda r: r.figures["open_ms"], fmt_ms)
    row("  its peak memory (whole process)", lambda r: r.figures["open_maxrss_mb"], mb)
    row(
        "**start-up: Today's encounters on screen** (median, from process start)",
        lambda r: r.figures["startup"]["app_shown_s"],
        fmt_s,
    )
    row("minimal Textual app: its rows on screen", lambda r: r.figures["startup"]["minimal_shown_s"], fmt_s)
    row(
        "**start-up ratio** (target ≤ 1.3× at small, ≤ 2.0× at medium)",
        lambda r: r.figures["startup"]["ratio"],
        lambda v: f"{v:.2f}×",
        False,
    )
    row("whole process, quitting after the first frame", lambda r: r.figures["startup"]["app_s"], fmt_s)
    row("minimal Textual app, the same", lambda r: r.figures["startup"]["minimal_s"], fmt_s)
    row("  ratio of whole processes", lambda r: r.figures["startup"]["process_ratio"], lambda v: f"{v:.2f}×", False)
    row(
        "people named on today's encounters (what Today draws)",
        lambda r: r.figures["startup"]["today_encounter_people"],
        lambda v: f"{v:,.0f}",
    )
    row("app peak memory at start-up", lambda r: r.figures["startup"]["app_maxrss_mb"], mb)
    row("**search** median", lambda r: r.figures["search"]["median_ms"], fmt_ms)
    row("**search** p95", lambda r: r.figures["search"]["p95_ms"], fmt_ms)
    row("search p95, 1–2 characters", lambda r: r.figures["search"]["short_p95_ms"], fmt_ms)
    row("search max", lambda r: r.figures["search"]["max_ms"], fmt_ms)
    row(
        "first search after open (pays for what is built on demand)",
        lambda r: r.figures["search"].get("first_ms", float("nan")),
        fmt_ms,
    )
    row("**save** quick-add → on disk (median)", lambda r: r.figures["save"]["median_ms"], fmt_ms)
    row("**save p95** (target ≤ 20 ms)", lambda r: r.figures["save"]["p95_ms"], fmt_ms)
    row(
        "  the same save through TinyDB's Table API (whole document rewritten)",
        lambda r: r.figures["save"]["tinydb_save_ms"],
        fmt_ms,
    )
    row(
        "**longest UI stall during a save** (target ≤ 16 ms, one frame)",
        lambda r: r.figures["save"]["stall_max_ms"],
        fmt_ms,
    )
    row("  median of per-save longest stalls", lambda r: r.figures["save"]["stall_median_ms"], fmt_ms)
    row("  longest stall with no save (noise floor)", lambda r: r.figures["save"]["idle_stall_max_ms"], fmt_ms, False)
    row(
        "fold the change log into the document (background; after the saves above)",
        lambda r: r.figures["save"]["fold_ms"],
        fmt_ms,
    )
    row("  longest UI stall while folding", lambda r: r.figures["save"]["fold_stall_ms"], fmt_ms)
    row(
        "screen refreshes per quick-add, shown / hidden screens (target 1 / 0)",
        lambda r: _refresh_counts(r.figures["refreshes"]) if "refreshes" in r.figures else float("nan"),
        lambda v: "not run" if v != v else f"{int(v) // 100} / {int(v) % 100}",
        False,
    )
    row("**`netjournal add`** whole process (median; target ≤ 400 ms)", lambda r: r.figures["add"]["add_s"], fmt_s)
    row("`netjournal add` peak memory", lambda r: r.figures["add"]["add_maxrss_mb"], mb)
    return "\n".join(lines)


def _refresh_counts(refreshes: dict[str, Any]) -> float:
    """Shown and hidden screens' refreshes packed in one number (shown × 100 + hidden) for the table."""
    counts: dict[str, int] = refreshes["refreshes"]
    shown = counts.get(refreshes["screen"], 0)
    return shown * 100 + sum(counts.values()) - shown


PEER_ROWS = (
    ("add one entry", "netjournal add", "jrnl TEXT"),
    ("find (search)", "netjournal people Müller", "jrnl -contains Müller"),
    ("list everyone", "netjournal people --limit ALL", "khard list"),
)


def peer_table(results: list[SizeResult]) -> str:
    with_peers = [r for r in results if r.figures.get("peers")]
    if not with_peers:
        return ""
    head = "| task | command | " + " | ".join(f"{r.size} ({r.people:,} / {r.encounters:,})" for r in with_peers)
    head += " | growth |"
    lines = [head, "|---|---|" + "---|" * len(with_peers) + "---|"]
    for task, ours, theirs in PEER_ROWS:
        if not all(theirs in r.figures["peers"] for r in with_peers):
            continue
        for name in (ours, theirs):
            values = [r.figures["peers"][name] for r in with_peers]
            lines.append(
                f"| {task} | `{name.replace('ALL', 'N')}` | "
                + " | ".join(fmt_s(v) for v in values)
                + f" | {growth(values)} |"
            )
        ratios = [r.figures["peers"][ours] / r.figures["peers"][theirs] for r in with_peers]
        lines.append(
            f"| {task} | ratio netjournal / {theirs.split()[0]} | "
            + " | ".join(f"**{v:.2f}×**" for v in ratios)
            + " | |"
        )
    return "\n".join(lines)


def phases_table(results: list[SizeResult]) -> str:
    with_phases = [r for r in results if r.figures.get("phases")]
    if not with_phases:
        return ""
    names = [name for name, _ in with_phases[0].figures["phases"]["marks"]]
    lines = [
        "| step (time since the script started; one step's own time in brackets) | "
        + " | ".join(r.size for r in with_phases)
        + " |",
        "|---" * (len(with_phases) + 1) + "|",
    ]
    previous = {r.size: 0.0 for r in with_phases}
    for name in names:
        cells = []
        for r in with_phases:
            at = dict(r.figures["phases"]["marks"]).get(name, float("nan"))
            cells.append(f"{fmt_ms(at)} ({fmt_ms(at - previous[r.size])})")
            previous[r.size] = at
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append(
        "| whole process as seen from outside (adds interpreter start and exit) | "
        + " | ".join(fmt_ms(r.figures["phases"]["process_ms"]) for r in with_phases)
        + " |"
    )
    return "\n".join(lines)


def anatomy_table(results: list[SizeResult]) -> str:
    rows = []
    for r in results:
        a = r.figures.get("anatomy")
        if not a:
            continue
        rows += [
            f"| open: parse the JSON (orjson, gc paused) | {fmt_ms(a['parse_ms'])} | |",
            f"| open: `from_dict` for {int(a['records']):,} records | {fmt_ms(a['from_dict_ms'])} | |",
            f"| open: sort encounters, index by person | {fmt_ms(a['sort_index_ms'])} | |",
            f"| people search index, `PeopleIndex.rebuild` (at open or at the first search) "
            f"| {fmt_ms(a['search_index_ms'])} | |",
            f"| save: `orjson.dumps` of the whole document in one call | {fmt_ms(a['dumps_ms'])} "
            f"| {fmt_ms(a['dumps_stall_ms'])} |",
            f"| save: `storage.dump_json` (the store's serialiser) | {fmt_ms(a['dump_json_ms'])} "
            f"| {fmt_ms(a['dump_json_stall_ms'])} |",
            f"| save: `storage.dump_json` with the garbage collector paused | {fmt_ms(a['dump_json_nogc_ms'])} "
            f"| {fmt_ms(a['dump_json_nogc_stall_ms'])} |",
            f"| save: `storage.dump_json` after `gc.freeze()` ({int(a['frozen_objects']):,} objects frozen) "
            f"| {fmt_ms(a['dump_json_frozen_ms'])} | {fmt_ms(a['dump_json_frozen_stall_ms'])} |",
            f"| save: TinyDB's per-write table copy (str→int→str keys) | {fmt_ms(a['tinydb_table_ms'])} "
            f"| {fmt_ms(a['tinydb_table_stall_ms'])} |",
            f"| nothing running (noise floor) | | {fmt_ms(a['idle_stall_ms'])} |",
        ]
        header = (
            f"| step at {r.size} ({r.people:,} / {r.encounters:,}), redone outside the store | time "
            "| longest UI stall when run in a thread |"
        )
        return "\n".join([header, "|---|---|---|", *rows])
    return ""


def targets(results: list[SizeResult]) -> str:
    """The live journal's targets (issue 11) and the search targets, each with its verdict."""
    by = {r.size: r for r in results}
    out = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    def line(text: str, ok: bool) -> None:
        out.append(f"- {text} — {verdict(ok)}")

    if "small" in by:
        ratio = by["small"].figures["startup"]["ratio"]
        line(f"First screen with its data at small ≤ 1.3× the bare Textual app: {ratio:.2f}×", ratio <= 1.3)
    if TARGET_SIZE in by:
        f = by[TARGET_SIZE].figures
        ratio = f["startup"]["ratio"]
        drawn = "" if f["startup"]["data_drawn"] else " (the captured screen did not show today's names!)"
        line(
            f"First screen with its data at {TARGET_SIZE} ≤ 2.0× the bare Textual app: {ratio:.2f}×{drawn}",
            ratio <= 2.0,
        )
        p95 = f["save"]["p95_ms"]
        line(f"A save durable on disk at {TARGET_SIZE}: p95 ≤ 20 ms: {p95:.1f} ms", p95 <= 20)
        stall = f["save"]["stall_max_ms"]
        line(f"Longest UI stall while saving at {TARGET_SIZE} ≤ 16 ms: {stall:.1f} ms", stall <= 16)
        add = f["add"]["add_s"] * 1000
        line(f"`netjournal add` whole process at {TARGET_SIZE} ≤ 400 ms: {add:.0f} ms", add <= 400)
        peers = f.get("peers", {})
        if "netjournal people Müller" in peers and "jrnl -contains Müller" in peers:
            ratio = peers["netjournal people Müller"] / peers["jrnl -contains Müller"]
            line(f"`netjournal people QUERY` ≤ 0.6× `jrnl -contains WORD` at {TARGET_SIZE}: {ratio:.2f}×", ratio <= 0.6)
    for r in (r for r in results if "refreshes" in r.figures):
        shown_hidden = _refresh_counts(r.figures["refreshes"])
        shown, hidden = int(shown_hidden) // 100, int(shown_hidden) % 100
        line(
            f"Refreshes per quick-add at {r.size}: {shown} for the shown screen, {hidden} for hidden ones",
            (shown, hidden) == (1, 0),
        )
    if "large" in by:
        f = by["large"].figures
        seconds, peak = f["lazy_open_ms"] / 1000, f["lazy_open_maxrss_mb"]
        line(
            f"50,000 / 500,000 opens (as the app and `add` open it) in ≤ 6 s with ≤ 1 GB: "
            f"{seconds:.1f} s, {peak:,.0f} MB",
            seconds <= 6 and peak <= 1024,
        )
        seconds, peak = (f["lazy_open_ms"] + f["rest_ms"]) / 1000, f["rest_maxrss_mb"]
        out.append(
            f"- (for scale, not a target) with every encounter decoded, as the app holds it after its "
            f"background read: {seconds:.1f} s, {peak:,.0f} MB"
        )
    if "medium" in by:
        s = by["medium"].figures["search"]
        line(
            f"Search at 5,000 people: median ≤ 5 ms and p95 ≤ 16 ms: {s['median_ms']:.2f} / {s['p95_ms']:.2f} ms",
            s["median_ms"] <= 5 and s["p95_ms"] <= 16,
        )
    if "large" in by:
        s = by["large"].figures["search"]
        line(f"Search at 50,000 people: p95 ≤ 50 ms: {s['p95_ms']:.2f} ms", s["p95_ms"] <= 50)
    return "\n".join(out)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    versions = []
    for dist in ("textual", "tinydb", "orjson", "rapidfuzz"):
        with contextlib.suppress(Exception):
            versions.append(f"{dist} {version(dist)}")
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {', '.join(versions)}"
    )


def git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "journal"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}" + (" with uncommitted changes in journal/" if dirty else "")


def write_results(
    results: list[SizeResult],
    started: float,
    load: tuple[tuple[float, ...], tuple[float, ...]],
    args: argparse.Namespace,
    peers_found: dict[str, str | None],
    failures: list[str],
) -> str:
    previous_notes = ""
    if RESULTS.exists():
        text = RESULTS.read_text()
        if NOTES_START in text and NOTES_END in text:
            previous_notes = text[text.index(NOTES_START) + len(NOTES_START) : text.index(NOTES_END)].strip("\n")
    peer_md = peer_table(results)
    found = ", ".join(
        f"{name} ({'found' if where else 'not installed: skipped'})" for name, where in peers_found.items()
    )
    profile_sizes = [r for r in results if r.size in (TARGET_SIZE, "large") and r.profile]
    parts = [
        "# netjournal benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `python bench/run.py --sizes {','.join(r.size for r in results)}"
        f"{' --quick' if args.quick else ''}` in {(time.time() - started) / 60:.1f} min on {git_state()}, on: {machine()}.",
        f"Load average before / after: {' '.join(f'{x:.2f}' for x in load[0])} / {' '.join(f'{x:.2f}' for x in load[1])} "
        "(other work shared the 2 cores; start-up runs are interleaved with the baseline so noise hits both).",
        "Journals: `netjournal demo-data --seed 7` (people / encounters). Method: see the docstring of bench/run.py.",
        "",
        main_table(results),
        "",
        "Growth: factor from one size to the next (each step is ×10 people and ×10 encounters).",
        "",
        "## Targets",
        "",
        targets(results),
        "",
    ]
    if failures:
        parts[-1:-1] = ["", "Sizes that failed (not in the tables): " + "; ".join(failures)]
    if peer_md:
        parts += [
            "## Side by side with jrnl and khard",
            "",
            f"Same encounters exported as a jrnl journal (one entry each, plain text), same people as a folder "
            f"of vCards for khard; whole processes, medians. Peers: {found}.",
            "",
            peer_md,
            "",
        ]
    else:
        parts += ["## Side by side with jrnl and khard", "", f"Skipped: {found}.", ""]
    phases_md = phases_table(results)
    if phases_md:
        parts += [
            "## Start-up, step by step",
            "",
            "The same steps as `netjournal --db X` (bench/_probe.py phases, under a terminal, medians):",
            "",
            phases_md,
            "",
        ]
    anatomy_md = anatomy_table(results)
    if anatomy_md:
        parts += [
            "## Where open and save spend their time",
            "",
            "bench/_probe.py anatomy: each step alone, no profiler; a stall is the longest gap between 1 ms "
            "ticks of the main thread while the step runs in another thread (the GIL held in one go).",
            "",
            anatomy_md,
            "",
        ]
    parts += ["## Notes", "", NOTES_START, previous_notes or "(none yet)", NOTES_END, ""]
    for r in results:
        functions = r.figures.get("phases", {}).get("journal_functions")
        if functions:
            parts += [
                f"## Profile of the app's start-up at {r.size}: our own functions by cumulative time",
                "",
                "cProfile of `app.run()` up to the first frame (journal/… only):",
                "",
                "```",
                functions,
                "```",
                "",
            ]
    for r in profile_sizes:
        parts += [
            f"## Profile at {r.size} ({r.people:,} / {r.encounters:,}), cProfile, top functions by own time",
            "",
            "`JournalStore.open`:",
            "",
            "```",
            r.profile["open"],
            "```",
            "",
            "One quick-add save (`plan_quick_add` + `commit`):",
            "",
            "```",
            r.profile["save"],
            "```",
            "",
        ]
    text = "\n".join(parts)
    if not args.no_write:
        RESULTS.write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="netjournal benchmarks (writes bench/RESULTS.md)")
    parser.add_argument("--sizes", default="small,medium,large", help="comma-separated: small, medium, large")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a rough look in a minute or two)")
    parser.add_argument("--no-peers", action="store_true", help="skip jrnl and khard")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s): {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    runs = Runs.quick() if args.quick else Runs()
    # Compiled once, as an installation is (see child_env).
    subprocess.run(
        [PY, "-m", "compileall", "-q", str(ROOT / "journal"), str(BENCH)],
        env=child_env(),
        stdout=subprocess.DEVNULL,
        check=False,
    )
    started = time.time()
    load_before = os.getloadavg()
    sys.path.insert(0, str(BENCH))
    peers_found = {"jrnl": find_tool("jrnl"), "khard": find_tool("khard")}
    results: list[SizeResult] = []
    failures: list[str] = []
    for size in sizes:
        try:
            results.append(bench_size(size, runs, not args.no_peers))
        except Exception as error:
            log(f"{size} failed: {error}")
            failures.append(f"{size}: {str(error).strip().splitlines()[-1] if str(error).strip() else error!r}")
        (CACHE / "last-run.json").write_text(
            json.dumps([{"size": r.size, "figures": r.figures, "profile": r.profile} for r in results], default=str)
        )
    if not results:
        log("nothing measured")
        return 1
    text = write_results(results, started, (load_before, os.getloadavg()), args, peers_found, failures)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
