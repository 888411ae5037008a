"""The one translation mechanism: gettext, with catalogs shipped inside the package.

Every user-visible string goes through ``_`` (or ``ngettext``) at the moment it is shown,
so switching the language at start-up changes everything. ``N_`` marks a string for
extraction where it must be stored untranslated (labels in tables, choices).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "netjournal"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "de")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def detect_language(explicit: str | None = None, configured: str | None = None,
                    environ: dict[str, str] | None = None) -> str:
    """--lang, else the settings, else LC_ALL/LC_MESSAGES/LANG, else English."""
    for choice in (explicit, configured):
        if choice:
            code = choice.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = value.split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "en"
    return "en"


def set_language(language: str) -> None:
    global _translation, _language
    _language = language if language in LANGUAGES else "en"
    if _language == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark for extraction only; translate later with ``_``."""
    return message
