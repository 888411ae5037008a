"""The baseline for start-up: a minimal Textual app (Header, a DataTable with some rows, Footer).

    NETJOURNAL_BENCH_EXIT=1 python bench/minimal_app.py

With NETJOURNAL_BENCH_EXIT set it quits once its first frame has been drawn, exactly like JournalApp
(on_ready, then one more refresh), so bench/run.py can time both the same way.
"""

from __future__ import annotations

import os
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header

ROWS = 40


class MinimalApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Company", "Last seen")
        table.add_rows([(f"Person {i}", f"Company {i % 7}", f"{i} days ago") for i in range(ROWS)])

    def on_ready(self) -> None:
        if os.environ.get("NETJOURNAL_BENCH_EXIT"):
            self.screen.call_after_refresh(self.exit)


if __name__ == "__main__":
    MinimalApp().run()
