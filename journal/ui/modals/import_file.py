"""Import a file from the command palette: a journal copy (.json) to merge, or an address book
(vCards, a folder of them, CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from journal.i18n import N_, _
from journal.interop import ImportSummary, import_file
from journal.interop.people_import import ImportOptions, NeedsConfirmation
from journal.ui.base import JournalModal


class ImportFileModal(JournalModal):
    """Asks for a path, imports it in the background (all or nothing) and shows the summary."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="cancel")]
    DEFAULT_CSS = """
    ImportFileModal { align: center top; }
    ImportFileModal > Vertical { margin-top: 4; width: 96; max-width: 95%; height: auto; padding: 1 2;
        background: $panel; border: round $primary; }
    ImportFileModal #import-title { text-style: bold; margin-bottom: 1; }
    ImportFileModal #import-result { margin-top: 1; height: auto; color: $text-muted; }
    ImportFileModal #import-result.error { color: $error; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self._path = Path()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Import a file"), id="import-title")
            yield Static(
                _(
                    "A netjournal backup or a copy from another device (.json) is merged record by record; "
                    "an address book adds and updates people: vCards (.vcf, or a folder of them), or CSV "
                    "from LinkedIn, Google, Outlook or Thunderbird. A file that cannot be read changes nothing."
                )
            )
            yield Input(placeholder=_("path, e.g. ~/Downloads/contacts.vcf"), id="import-path")
            yield Static("", id="import-result", markup=False)  # paths and names from the file

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#import-path")
    def start(self, event: Input.Submitted) -> None:
        if self._busy or not event.value.strip():
            return
        self._run(Path(event.value.strip()).expanduser(), yes=False)

    def _run(self, path: Path, *, yes: bool) -> None:
        self._busy = True
        self._path = path
        self._show(_("Importing {path}…").format(path=path), error=False)
        options = ImportOptions(yes=yes)
        store = self.japp.store  # the action runs in a worker thread, where self.app cannot be looked up
        self.japp.run_save(
            self, lambda: import_file(store, path, options=options), done=self._imported, failed=self._failed
        )

    def _imported(self, summary: ImportSummary) -> None:
        self._busy = False
        self._show("\n".join(summary.lines()), error=False)
        self.app.notify(summary.lines()[0], title=_("Import"))

    def _failed(self, error: Exception) -> None:
        self._busy = False
        if isinstance(error, NeedsConfirmation):
            # Thousands of people at once: ask, then import again with the answer.
            from journal.ui.modals.confirm import ConfirmModal

            self._show(error.message, error=False)
            path = self._path

            def answered(ok: bool | None) -> None:
                if ok:
                    self._run(path, yes=True)

            question = _("Add {n} people to the journal?").format(n=error.adding)
            self.app.push_screen(ConfirmModal(question, yes=_("Add them")), answered)
            return
        self._show(getattr(error, "message", str(error)), error=True)

    def _show(self, text: str, *, error: bool) -> None:
        result = self.query_one("#import-result", Static)
        result.update(text)
        result.set_class(error, "error")

    def action_cancel(self) -> None:
        self.dismiss(None)
