"""The settings form's values read into validated Settings, and the platforms it offers."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from journal.folding import platform_key
from journal.i18n import _
from journal.model import (
    Settings,
    ValidationError,
    clean_list,
)
from journal.person_edit import parse_cadence
from journal.store import JournalStore

# Offered in the settings besides the platforms already in use (rule 5: choose a few of them).
COMMON_PLATFORMS: tuple[str, ...] = (
    "LinkedIn",
    "XING",
    "e-mail",
    "phone",
    "Signal",
    "WhatsApp",
    "Threema",
    "Mastodon",
    "Bluesky",
    "GitHub",
)


def platform_choices(store: JournalStore, limit: int = 20) -> list[str]:
    """The platforms to choose from: the active ones, the common ones, and those your people use most."""
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for person in store.people():
        for name in person.platforms:
            key = platform_key(name)
            counts[key] = counts.get(key, 0) + 1
            spelling.setdefault(key, name)
    used = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    out: dict[str, str] = {}
    for name in [*store.settings.active_platforms, *COMMON_PLATFORMS, *(spelling[k] for k in used)]:
        out.setdefault(platform_key(name), name)
    return list(out.values())


def edited_settings(settings: Settings, values: dict[str, Any]) -> Settings:
    """A copy of ``settings`` with the settings form's values, normalised and validated.

    ``active_platforms`` is a list; ``default_cadence_days`` text as :func:`parse_cadence` reads it;
    ``skills`` comma-separated text; ``language`` "" for the system's; ``theme`` a name or "".
    """
    changes: dict[str, Any] = {}
    if "active_platforms" in values:
        changes["active_platforms"] = list(values["active_platforms"])
    if "default_cadence_days" in values:
        days = parse_cadence(str(values["default_cadence_days"]))
        if days is None:
            raise ValidationError("default_cadence_days", _("Give a number of days, e.g. 42, or 6w."))
        changes["default_cadence_days"] = days
    if "skills" in values:
        changes["skills"] = clean_list(values["skills"])
    if "language" in values:
        changes["language"] = values["language"] or None
    if "theme" in values:
        changes["theme"] = values["theme"] or None
    updated = replace(settings, **changes)
    updated.normalise()
    updated.validate()
    return updated


# Rule 5: more active platforms than this earns a gentle word.
FEW_PLATFORMS = 3
