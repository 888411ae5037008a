"""Export from the command palette: the format, the file; what `netjournal export` writes."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from journal.i18n import N_, _
from journal.interop import EXPORT_FORMATS, export_bytes
from journal.targets import TargetExists, write_target
from journal.ui.base import JournalModal

FORMAT_LABELS = {
    "vcf": N_("Everyone as vCards (.vcf), for an address book"),
    "csv": N_("Encounters as CSV, one row each"),
    "people-csv": N_("People as CSV, one row each"),
    "ics": N_("A calendar (.ics): birthdays and follow-ups"),
    "json": N_("A complete backup (.json)"),
}
SUFFIXES = {"vcf": ".vcf", "csv": ".csv", "people-csv": ".csv", "ics": ".ics", "json": ".json"}


def default_path(fmt: str, day: str) -> str:
    """Where an export goes unless the user says otherwise: the home folder, dated."""
    name = "netjournal-people" if fmt == "people-csv" else "netjournal"
    return f"~/{name}-{day}{SUFFIXES[fmt]}"


class ExportFileModal(JournalModal):
    """Asks for a format and a path, writes in the background, asks before replacing a file."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]
    DEFAULT_CSS = """
    ExportFileModal { align: center top; }
    ExportFileModal > Vertical { margin-top: 4; width: 96; max-width: 95%; height: auto; padding: 1 2;
        background: $panel; border: round $primary; }
    ExportFileModal #export-title { text-style: bold; margin-bottom: 1; }
    ExportFileModal #export-path { margin-top: 1; }
    ExportFileModal #export-result { margin-top: 1; height: auto; color: $text-muted; }
    ExportFileModal #export-result.error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self._suggested = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Export"), id="export-title")
            yield Select(
                [(_(FORMAT_LABELS[f]), f) for f in ("vcf", "csv", "people-csv", "ics", "json") if f in EXPORT_FORMATS],
                value="vcf",
                allow_blank=False,
                id="export-format",
            )
            yield Input(id="export-path", placeholder=_("file, e.g. ~/contacts.vcf"))
            yield Static(_("enter writes the file · esc cancels"), id="export-result", markup=False)

    def on_mount(self) -> None:
        self._suggest("vcf")
        self.query_one("#export-path", Input).focus()  # the format above: shift+tab

    def _suggest(self, fmt: str) -> None:
        """Put the default file name for ``fmt`` in the box, unless the user typed one of their own."""
        box = self.query_one("#export-path", Input)
        if box.value in ("", self._suggested):
            self._suggested = default_path(fmt, self.japp.clock.today().isoformat())
            box.value = self._suggested

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._suggest(event.value)
            self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if not self._busy and event.value.strip():
            self.write(Path(event.value.strip()).expanduser(), overwrite=False)

    def write(self, target: Path, *, overwrite: bool) -> None:
        fmt = str(self.query_one("#export-format", Select).value)
        store = self.japp.store
        self._busy = True
        self._show(_("Writing {path}…").format(path=target), error=False)

        def export() -> Path | TargetExists:
            try:
                return write_target(target, export_bytes(store, fmt), store.path, overwrite=overwrite)
            except TargetExists as exists:
                return exists  # not a failure: a question for the user

        self.japp.run_save(self, export, done=lambda result: self._written(target, result), failed=self._failed)

    def _written(self, target: Path, result: Path | TargetExists) -> None:
        self._busy = False
        if isinstance(result, TargetExists):
            from journal.ui.modals.confirm import ConfirmModal

            def answered(ok: bool | None) -> None:
                if ok:
                    self.write(target, overwrite=True)

            self._show(result.message, error=True)
            question = _("{path} already exists. Replace it?").format(path=target)
            self.app.push_screen(ConfirmModal(question, yes=_("Replace")), answered)
            return
        self.app.notify(_("Exported to {path}.").format(path=result), title=_("Export"))
        self.close(result)

    def _failed(self, error: Exception) -> None:
        self._busy = False
        self._show(getattr(error, "message", str(error)), error=True)

    def _show(self, text: str, *, error: bool) -> None:
        result = self.query_one("#export-result", Static)
        result.update(text)
        result.set_class(error, "error")

    def action_cancel(self) -> None:
        self.dismiss(None)
