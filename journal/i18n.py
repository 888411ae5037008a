"""The one translation mechanism: gettext, with catalogs shipped inside the package.

Every user-visible string goes through ``_`` (or ``ngettext``) at the moment it is shown,
so switching the language at start-up changes everything. ``N_`` marks a string for
extraction where it must be stored untranslated (labels in tables, choices).

Catalogs live in ``journal/locale/<lang>/LC_MESSAGES/<domain>.po`` and are compiled to ``.mo``
when the package is built or installed (``setup.py``; editable installs compile next to the
``.po``). Two domains are used:

- ``netjournal``: every message of the app, extracted from the source by ``scripts/i18n.py``,
  plus argparse's own messages (argparse's gettext is routed through ours, see ``ARGPARSE_MESSAGES``);
- ``humanize``: corrected German for humanize's relative times ("vor 3 Tagen", not "vor 3 Tage"),
  used by ``journal.phrases.since``.

When a ``.mo`` is missing or older than its ``.po`` (a developer just edited or updated the
catalog), the ``.po`` is compiled on the fly into a private temporary folder, if Babel is
installed; otherwise the existing ``.mo`` is used. The English path never touches a catalog.
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


def _code(value: str) -> str:
    """ "de_DE.UTF-8" → "de"; "C.UTF-8" → "c"; "" → ""."""
    return value.split(":")[0].split("_")[0].split(".")[0].split("@")[0].split("-")[0].strip().lower()


def detect_language(
    explicit: str | None = None, configured: str | None = None, environ: dict[str, str] | None = None
) -> str:
    """--lang, else the settings, else LC_ALL/LC_MESSAGES/LANG, else English.

    The environment follows POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is
    set decides; a language we do not have (or "C"/"POSIX") means English.
    """
    for choice in (explicit, configured):
        if choice:
            code = _code(choice)
            if code in LANGUAGES:
                return code
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = _code(value)
            return code if code in LANGUAGES else "en"
    return "en"


def set_language(language: str) -> None:
    """Switch every later ``_()`` (and argparse's messages) to ``language``; unknown means English."""
    global _translation, _language
    _language = language if language in LANGUAGES else "en"
    if _language == "en":
        _translation = gettext.NullTranslations()
    else:
        folder = catalog_dir(DOMAIN, _language)
        if folder is None:
            _translation = gettext.NullTranslations()
        else:
            _translation = gettext.translation(DOMAIN, folder, languages=[_language], fallback=True)
    _route_argparse()


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark for extraction only; translate later with ``_``."""
    return message


# ---------------------------------------------------------------- catalogs on disk

_compiled: dict[tuple[str, str, int], Path] = {}


def catalog_dir(domain: str, lang: str) -> Path | None:
    """The folder holding ``<lang>/LC_MESSAGES/<domain>.mo`` freshest for this run, or None.

    Normally the package's own ``locale`` folder. If the ``.mo`` is missing or older than the
    ``.po`` beside it (a source checkout after an edit), the ``.po`` is compiled into a temporary
    folder with Babel, when Babel is installed (it is a build and test dependency, not a runtime one).
    """
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    try:
        po_mtime = po.stat().st_mtime_ns
    except OSError:
        po_mtime = None
    mo_fresh = mo.exists() and (po_mtime is None or mo.stat().st_mtime_ns >= po_mtime)
    if mo_fresh:
        return LOCALE_DIR
    if po_mtime is not None:
        key = (domain, lang, po_mtime)
        if key not in _compiled:
            folder = _compile_to_temp(po, domain, lang)
            if folder is not None:
                _compiled[key] = folder
        if key in _compiled:
            return _compiled[key]
    return LOCALE_DIR if mo.exists() else None


def _compile_to_temp(po: Path, domain: str, lang: str) -> Path | None:
    try:
        import babel  # noqa: F401
    except ImportError:
        return None
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="netjournal-locale-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = folder / lang / "LC_MESSAGES" / f"{domain}.mo"
    target.parent.mkdir(parents=True)
    compile_catalog(po, target)
    return folder


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile one ``.po`` to ``.mo`` with Babel (fuzzy and empty entries are left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as handle:
        write_mo(handle, catalog)


# ---------------------------------------------------------------- argparse

# argparse translates its own words ("usage: ", "options", errors) with the stdlib gettext
# bound at import time; ``_route_argparse`` points it at our catalog instead. Listed here so
# that the extractor puts them in our catalog (as of Python 3.11–3.13).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),  # 3.12+; give help= explicitly on 3.11
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _argparse_plurals() -> None:  # never called: it shows the extractor argparse's plural message
    ngettext("expected %s argument", "expected %s arguments", 1)


def _route_argparse() -> None:
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
