"""Saving in the background, the outcome posted back as a message to whoever asked.

``JournalApp.run_save(requester, action, done=…, failed=…)`` runs ``action`` (a write to the
journal) in a worker thread so the UI never waits for the disk. Its outcome comes back as a
:class:`Saved` or :class:`SaveFailed` message posted to ``requester`` (a screen, a dialog or the
app), whose handler (:class:`SaveResults`) runs ``done`` or ``failed`` in the requester's own turn,
between its other messages. A requester that has closed meanwhile gets nothing: Textual drops a
message to a closed node, so a late result never reaches a screen that is gone. The app says
"Not saved" whoever asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message


class Saved(Message, bubble=False):
    """The save ``requester`` asked for is written; ``done`` takes what the action returned."""

    def __init__(self, result: object, done: Callable[[Any], None] | None) -> None:
        super().__init__()
        self.result = result
        self.done = done


class SaveFailed(Message, bubble=False):
    """The save ``requester`` asked for was refused (invalid) or failed (disk); nothing changed."""

    def __init__(self, error: Exception, failed: Callable[[Exception], None] | None) -> None:
        super().__init__()
        self.error = error
        self.failed = failed


class SaveResults:
    """For anything that asks for saves: runs the continuation a result message carries."""

    def on_saved(self, message: Saved) -> None:
        if message.done is not None:
            message.done(message.result)

    def on_save_failed(self, message: SaveFailed) -> None:
        if message.failed is not None:
            message.failed(message.error)
