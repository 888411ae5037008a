"""In-process measurements, each run in a fresh interpreter by bench/run.py; prints one JSON object.

    python bench/_probe.py open PATH MODE       one way to open (parse, full, lazy, rest): time, peak memory
    python bench/_probe.py search PATH [PASSES] query → ranked people, per query
    python bench/_probe.py save PATH [N]        quick-add → durable on disk; longest UI stall during a save
    python bench/_probe.py profile PATH         cProfile of open and of one save (text, top functions)
    python bench/_probe.py anatomy PATH         where open and save spend their time, step by step
    python bench/_probe.py phases PATH OUT      under a terminal: the app's start-up phases → JSON in OUT
    python bench/_probe.py profile-app PATH OUT under a terminal: cProfile of the app up to its first frame

``save`` and ``profile`` write to PATH: give them a copy.
"""

from __future__ import annotations

import cProfile
import gc
import io
import json
import pstats
import random
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _clock():  # type: ignore[no-untyped-def]
    from journal.clock import SystemClock

    return SystemClock()


def probe_open(path: Path, mode: str) -> dict[str, float]:
    """One way of opening, alone in this process (its peak memory is this way's own):

    ``parse``: the JSON parse alone (orjson); ``full``: ``JournalStore.open``, every record decoded;
    ``lazy``: ``JournalStore.open(lazy=True)``, as the app, ``add`` and ``people`` open it; ``rest``:
    the lazy open, then ``load_everything`` (what the app decodes after its first frame)."""
    t0 = time.perf_counter()
    from journal.storage import parse_json_bytes
    from journal.store import JournalStore

    t1 = time.perf_counter()
    result: dict[str, float] = {"import_ms": (t1 - t0) * 1000}
    if mode == "parse":
        raw = path.read_bytes()
        t2 = time.perf_counter()
        data = parse_json_bytes(raw)
        result["parse_ms"] = (time.perf_counter() - t2) * 1000
        del data, raw
    else:
        t2 = time.perf_counter()
        store = JournalStore.open(path, _clock(), readonly=True, lazy=mode != "full")
        result["open_ms"] = (time.perf_counter() - t2) * 1000
        if mode == "rest":
            t3 = time.perf_counter()
            store.load_everything()
            result["rest_ms"] = (time.perf_counter() - t3) * 1000
        result["people"], result["encounters"] = store.people_count(), store.encounter_count()
        store.close()
    result["maxrss_mb"] = maxrss_mb()
    return result


def _queries(people: list, seed: int = 7) -> tuple[list[str], str]:  # type: ignore[type-arg]
    """bench_search.py's ~200 realistic queries, drawn from this journal's people."""
    try:
        from bench_search import queries  # owned by the search benchmark; reused for the same query mix

        return queries(people, seed), "bench_search.queries"
    except Exception:
        rng = random.Random(seed)
        names = [p.name for p in people]
        out = [rng.choice(names)[: rng.randint(1, 8)] for _ in range(200)]
        return out, "fallback"


def probe_search(path: Path, passes: int) -> dict[str, object]:
    from journal.store import JournalStore

    with JournalStore.open(path, _clock(), readonly=True) as store:
        qs, source = _queries(store.people())
        t0 = time.perf_counter()
        store.search(qs[0])  # the first keystroke after opening pays for anything built on demand
        first_ms = (time.perf_counter() - t0) * 1000
        for q in qs:  # warm lazy caches, as the first keystrokes would
            store.search(q)
        times: list[float] = []
        short: list[float] = []
        for _ in range(passes):
            for q in qs:
                t0 = time.perf_counter()
                store.search(q)
                elapsed = (time.perf_counter() - t0) * 1000
                times.append(elapsed)
                if len(q.replace(" ", "")) <= 2:
                    short.append(elapsed)
    return {
        "queries": len(qs),
        "source": source,
        "first_ms": first_ms,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "max_ms": max(times),
        "short_p95_ms": percentile(short, 0.95) if short else 0.0,
    }


def _save_once(store, i: int) -> float:  # type: ignore[no-untyped-def]
    from journal.entry.plan import commit, plan_line

    line = f"Anna Müller @ Café Einstein #bench: benchmark save {i}; gave: a tip on Rust"
    t0 = time.perf_counter()
    plan = plan_line(store, line, store.clock)
    commit(store, plan)
    return (time.perf_counter() - t0) * 1000


def _max_gap_while(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Run ``action`` in a thread; meanwhile tick every 1 ms here and return (longest gap, duration) in ms.

    A tick that comes late is a keystroke the UI thread could not have handled: the saving thread
    held the GIL (or the machine was busy)."""
    done = threading.Event()

    def worker() -> None:
        try:
            action()
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    longest = 0.0
    start = last = time.perf_counter()
    thread.start()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    thread.join()
    return longest * 1000, (time.perf_counter() - start) * 1000


def _max_gap_idle(duration_ms: float) -> float:
    longest = 0.0
    end = time.perf_counter() + duration_ms / 1000
    last = time.perf_counter()
    while last < end:
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    return longest * 1000


def probe_save(path: Path, n: int) -> dict[str, object]:
    from journal.store import JournalStore

    with JournalStore.open(path, _clock()) as store:
        store.warm_up()  # as the app does after its first frame: the search index is built
        _save_once(store, -1)  # warm-up (first person lookup, imports)
        saves = [_save_once(store, i) for i in range(n)]
        gaps: list[float] = []
        durations: list[float] = []
        for i in range(max(3, n // 2)):
            gap, duration = _max_gap_while(lambda i=i: _save_once(store, 1000 + i))
            gaps.append(gap)
            durations.append(duration)
        idle = [_max_gap_idle(statistics.median(durations)) for _ in range(3)]
        encounters = store.encounter_count()
        log_bytes = store.files.log.stat().st_size if store.files.log.exists() else 0
        # Folding the change log into the document: the cost a save no longer pays, now paid in the
        # background after the first frame, at exit, and when the log passes its bound.
        fold_gap, fold_ms = _max_gap_while(store.compact)
    # The same one-record save made the classic way, through TinyDB's Table API on the document
    # (TinyDB(path) with netjournal's atomic storage): the whole file is rewritten per save.
    tinydb_ms = _tinydb_save_ms(path, repeats=1 if encounters > 200_000 else 3)
    return {
        "n": n,
        "median_ms": statistics.median(saves),
        "p95_ms": percentile(saves, 0.95),
        "max_ms": max(saves),
        "stall_max_ms": max(gaps),
        "stall_median_ms": statistics.median(gaps),
        "idle_stall_max_ms": max(idle),
        "encounters_after": encounters,
        "log_bytes": log_bytes,
        "fold_ms": fold_ms,
        "fold_stall_ms": fold_gap,
        "tinydb_save_ms": tinydb_ms,
        "bytes": path.stat().st_size,
        "maxrss_mb": maxrss_mb(),
    }


def _tinydb_save_ms(path: Path, repeats: int) -> float:
    from tinydb import TinyDB

    from journal.tinydb_storage import AtomicJSONStorage

    db = TinyDB(path, storage=AtomicJSONStorage)
    table = db.table("bench")
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        table.insert({"n": i})
        times.append((time.perf_counter() - t0) * 1000)
    db.close()
    return statistics.median(times)


def probe_refreshes(path: Path) -> dict[str, object]:
    """Screen refreshes caused by one quick-add in the app (headless), with five screens installed.

    Counts calls of each screen's ``refresh_data``: the shown screen should redraw once, hidden
    ones not at all (they catch up when shown)."""
    import asyncio
    from collections import Counter

    from textual.widgets import Input

    from journal.store import JournalStore
    from journal.ui.app import JournalApp
    from journal.ui.base import JournalScreen
    from journal.ui.navigation import DESTINATIONS

    counts: Counter[str] = Counter()
    for dest in DESTINATIONS:
        cls = dest.load()
        original = cls.refresh_data

        def counting(self: JournalScreen, _original=original) -> None:  # type: ignore[no-untyped-def]
            counts[type(self).__name__] += 1
            _original(self)

        cls.refresh_data = counting  # type: ignore[method-assign]
    store = JournalStore.open(path, _clock())
    from journal.resolve import match_name

    # Someone the quick-add line names unambiguously (so that no picker opens).
    name = next(p.name for p in store.people() if " " in p.name and match_name(store, p.name).kind == "exact")

    async def run() -> dict[str, object]:
        app = JournalApp(store, _clock())
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause(0.5)
            for key in ("h", "d", "i", "g", "t"):  # install other screens, so that they listen
                await pilot.press(key)
                await pilot.pause(0.3)
            await app.workers.wait_for_complete()
            counts.clear()
            before = store.encounter_count()
            await pilot.press("ctrl+n")
            await pilot.pause(0.2)
            app.screen.query_one(Input).value = f"{name}: benchmark refresh count"
            await pilot.press("enter")
            for _ in range(50):
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
                if store.encounter_count() > before and type(app.screen).__name__ == "TodayScreen":
                    break
            await pilot.pause(0.5)
            return {
                "refreshes": dict(counts),
                "screen": type(app.screen).__name__,
                "saved": store.encounter_count() > before,
            }

    try:
        return asyncio.run(run())
    finally:
        store.close()


def _top(profile: cProfile.Profile, limit: int, sort: str) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats(sort).print_stats(limit)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    return "\n".join(lines[start:])


def probe_profile(path: Path) -> dict[str, object]:
    from journal.store import JournalStore

    gc.collect()
    prof = cProfile.Profile()
    prof.enable()
    store = JournalStore.open(path, _clock())
    prof.disable()
    open_text = _top(prof, 14, "tottime")
    _save_once(store, -1)
    prof = cProfile.Profile()
    prof.enable()
    _save_once(store, 0)
    prof.disable()
    save_text = _top(prof, 14, "tottime")
    store.close()
    return {"open": open_text, "save": save_text}


def probe_anatomy(path: Path) -> dict[str, float]:
    """The steps of JournalStore.open and of a save, redone one by one outside the store (no profiler),
    with the longest tick gap (UI stall) each serialisation step causes when it runs in a thread."""
    import orjson

    from journal.model import TABLES
    from journal.search import PeopleIndex
    from journal.storage import dump_json, parse_json_bytes

    out: dict[str, float] = {}
    raw = path.read_bytes()
    t0 = time.perf_counter()
    data = parse_json_bytes(raw)
    out["parse_ms"] = (time.perf_counter() - t0) * 1000
    gc.disable()
    t0 = time.perf_counter()
    records = {table: [cls.from_dict(r) for r in (data.get(table) or {}).values()] for table, cls in TABLES.items()}
    out["from_dict_ms"] = (time.perf_counter() - t0) * 1000
    out["records"] = sum(len(v) for v in records.values())
    encounters, people = records["encounters"], records["people"]
    t0 = time.perf_counter()
    ordered = sorted(encounters, key=lambda e: (e.date, e.time or "", e.created))
    by_person: dict[str, list] = {}  # type: ignore[type-arg]
    for enc in ordered:
        for pid in enc.person_ids:
            by_person.setdefault(pid, []).append(enc)
    out["sort_index_ms"] = (time.perf_counter() - t0) * 1000
    last = {p.id: (by_person[p.id][-1].date if p.id in by_person else None) for p in people}
    t0 = time.perf_counter()
    PeopleIndex().rebuild(people, last)
    out["search_index_ms"] = (time.perf_counter() - t0) * 1000
    gc.enable()
    del records, encounters, people, ordered, by_person

    def timed(action, n: int = 3) -> float:  # type: ignore[no-untyped-def]
        values = []
        for _ in range(n):
            t = time.perf_counter()
            action()
            values.append((time.perf_counter() - t) * 1000)
        return statistics.median(values)

    def stall(action, n: int = 5) -> float:  # type: ignore[no-untyped-def]
        return max(_max_gap_while(action)[0] for _ in range(n))

    out["dumps_ms"] = timed(lambda: orjson.dumps(data))
    out["dumps_stall_ms"] = stall(lambda: orjson.dumps(data))
    out["dump_json_ms"] = timed(lambda: dump_json(data))  # what the store calls, however it does it
    out["dump_json_stall_ms"] = stall(lambda: dump_json(data))

    def dump_json_gc_paused() -> None:
        gc.disable()
        try:
            dump_json(data)
        finally:
            gc.enable()

    out["dump_json_nogc_ms"] = timed(dump_json_gc_paused)
    out["dump_json_nogc_stall_ms"] = stall(dump_json_gc_paused)
    table = data.get("encounters") or {}

    def tinydb_round_trip() -> None:  # what TinyDB's Table._update_table does to a table on every write
        converted = {int(k): v for k, v in table.items()}
        {str(k): v for k, v in converted.items()}

    out["tinydb_table_ms"] = timed(tinydb_round_trip)
    out["tinydb_table_stall_ms"] = stall(tinydb_round_trip)
    # Last, as it changes the process for good: move everything loaded so far out of the collector's
    # reach (gc.freeze), as an app could right after opening the journal.
    gc.collect()
    gc.freeze()
    out["frozen_objects"] = gc.get_freeze_count()
    out["dump_json_frozen_ms"] = timed(lambda: dump_json(data))
    out["dump_json_frozen_stall_ms"] = stall(lambda: dump_json(data))
    out["idle_stall_ms"] = _max_gap_idle(300)
    return out


def probe_phases(path: Path, out: Path, profile: bool) -> None:
    """What `netjournal --db PATH` does, step by step (as journal.cli.run_app), timed from here.

    Run under a pseudo-terminal with NETJOURNAL_BENCH_EXIT=1: the app quits after its first frame."""
    marks: list[tuple[str, float]] = []
    start = time.perf_counter()

    def mark(name: str) -> None:
        marks.append((name, (time.perf_counter() - start) * 1000))

    from journal import cli

    mark("import journal.cli")
    cli.build_parser(["--db", str(path)])
    mark("build the argument parser (no command module: the app needs none)")
    from journal.store import JournalStore

    store = JournalStore.open(path, _clock(), lazy=True)
    mark("JournalStore.open (lazy, as the app opens it)")
    from journal.ui.app import JournalApp

    mark("import journal.ui.app (textual and the UI)")
    app = JournalApp(store, _clock())
    mark("JournalApp()")
    prof = cProfile.Profile() if profile else None
    first_frame = app._on_first_frame

    def first_frame_marked() -> None:  # one refresh after Ready: the first frame is on screen
        if prof:
            prof.disable()
        mark("app.run → first frame drawn")
        first_frame()

    real_exit = app.exit

    def exit_marked(*args, **kwargs):  # type: ignore[no-untyped-def]
        mark("what waited for the first frame started (due list, other rows); quit")
        real_exit(*args, **kwargs)

    app._on_first_frame = first_frame_marked  # type: ignore[method-assign]
    app.exit = exit_marked  # type: ignore[method-assign]
    if prof:
        prof.enable()
    app.run()
    mark("app.run returned (app shut down)")
    store.close()
    del app, store
    gc.collect()
    mark("journal freed from memory")
    result: dict[str, object] = {"marks": marks}
    if prof:
        result["journal_functions"] = _top_journal(prof, 12)
        result["all"] = _top(prof, 12, "tottime")
    out.write_text(json.dumps(result))


def _top_journal(profile: cProfile.Profile, limit: int) -> str:
    """The slowest of our own functions (journal/…), by cumulative time."""
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if f"{Path(ROOT, 'journal')}" in filename:
            rel = Path(filename).relative_to(ROOT)
            rows.append((cumtime, tottime, ncalls, f"{rel}:{line}({func})"))
    rows.sort(reverse=True)
    lines = [f"{'cumtime':>8} {'tottime':>8} {'calls':>7}  function"]
    lines += [f"{cum:8.3f} {tot:8.3f} {n:7d}  {name}" for cum, tot, n, name in rows[:limit]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    command, path = argv[0], Path(argv[1])
    if command in ("phases", "profile-app"):
        probe_phases(path, Path(argv[2]), profile=command == "profile-app")
        return 0
    if command == "open":
        sys.stdout.write(json.dumps(probe_open(path, argv[2])) + "\n")
        sys.stdout.flush()
        return 0
    extra = int(argv[2]) if len(argv) > 2 else None
    result: dict[str, object]
    if command == "search":
        result = probe_search(path, extra or 3)
    elif command == "save":
        result = probe_save(path, extra or 10)
    elif command == "profile":
        result = probe_profile(path)
    elif command == "refreshes":
        result = probe_refreshes(path)
    elif command == "anatomy":
        result = probe_anatomy(path)
    else:
        raise SystemExit(f"unknown probe {command!r}")
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
