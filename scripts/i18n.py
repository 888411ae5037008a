#!/usr/bin/env python3
"""Translation catalogs: extract, update, compile, check.

    python scripts/i18n.py update        # re-extract journal/ → netjournal.pot, merge into every .po,
                                         # compile the .mo files, and report what is untranslated
    python scripts/i18n.py check         # exit 1, listing every untranslated/fuzzy/broken message
    python scripts/i18n.py compile       # .po → .mo beside them (editable installs)
    python scripts/i18n.py extract       # only write journal/locale/netjournal.pot
    python scripts/i18n.py init LANG     # start a new language from the template

Messages are the string literals in calls of ``_``, ``ngettext`` and ``N_`` anywhere under
``journal/`` (Babel's Python extractor). A comment starting with ``Translators:`` right above
the call is copied into the catalog for the translator. The ``humanize`` catalog next to the
app's own is written by hand (it corrects humanize's German) and is only compiled here.

Tests import this file (tests/test_i18n.py) and use the same extractor and checks.
Requires Babel (``pip install -e ".[test]"`` brings it).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "journal"
LOCALE = PACKAGE / "locale"
DOMAIN = "netjournal"
POT = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("Translators:",)
WIDTH = 100
TEMPLATE_HEADER = (
    "# Messages of netjournal, extracted from journal/ by scripts/i18n.py.\n"
    "# Do not edit: run `python scripts/i18n.py update` (see docs/i18n.md).\n#"
)


def version() -> str:
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r"__version__\s*=\s*[\"']([^\"']+)", text)
    return match.group(1) if match else "0"


# ---------------------------------------------------------------- extract


def extract() -> Catalog:
    """Every message in journal/, with its file(s) and translator comments."""
    catalog = Catalog(
        project="netjournal",
        version=version(),
        charset="utf-8",
        fuzzy=False,
        header_comment=TEMPLATE_HEADER,
        last_translator="netjournal developers",
        language_team="netjournal developers",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
    ):
        path = (PACKAGE / filename).relative_to(ROOT).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def _render(catalog: Catalog, **options: object) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_by_file=True, include_lineno=False, ignore_obsolete=True, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


_DATE_HEADERS = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.M)


def _write_if_changed(path: Path, content: bytes) -> bool:
    """Write unless only the date headers differ (keeps the diff quiet)."""
    if path.exists() and _DATE_HEADERS.sub(b"", path.read_bytes()) == _DATE_HEADERS.sub(b"", content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def write_template() -> Catalog:
    template = extract()
    if _write_if_changed(POT, _render(template)):
        print(f"wrote {POT.relative_to(ROOT)} ({len(template)} messages)")
    return template


# ---------------------------------------------------------------- update / init / compile


def po_path(lang: str, domain: str = DOMAIN) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def load(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name)


def update(template: Catalog) -> None:
    for lang in languages():
        path = po_path(lang)
        catalog = load(path)
        catalog.update(template, update_header_comment=False, keep_user_comments=True)
        if _write_if_changed(path, _render(catalog)):
            print(f"updated {path.relative_to(ROOT)}")


def init(lang: str, template: Catalog) -> None:
    path = po_path(lang)
    if path.exists():
        sys.exit(f"{path.relative_to(ROOT)} exists already; use update")
    catalog = Catalog(
        locale=lang,
        project="netjournal",
        version=version(),
        charset="utf-8",
        fuzzy=False,
        header_comment=f"# netjournal in {lang}. Translate here; see docs/i18n.md.\n#",
        last_translator="netjournal developers",
        language_team="netjournal developers",
    )
    catalog.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_render(catalog))
    print(f"created {path.relative_to(ROOT)}; add {lang!r} to LANGUAGES in journal/i18n.py")


def compile_all() -> None:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        catalog = load(po)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        print(f"compiled {po.with_suffix('.mo').relative_to(ROOT)}")


# ---------------------------------------------------------------- check

_BRACE = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")
_PERCENT = re.compile(r"%(\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx%]")


def placeholders(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """{name} fields (a set) and %-conversions (in order; named ones sorted)."""
    braces = frozenset(match.group(1) for match in _BRACE.finditer(text.replace("{{", "").replace("}}", "")))
    percents = [m.group(0) for m in _PERCENT.finditer(text) if m.group(0) != "%%"]
    named = sorted(p for p in percents if p.startswith("%("))
    positional = [p for p in percents if not p.startswith("%(")]
    return braces, tuple(named + positional)


@dataclass(frozen=True)
class Problem:
    kind: str
    msgid: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {self.msgid!r}" + (f" — {self.detail}" if self.detail else "")


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def check_message(message: Message, nplurals: int) -> list[Problem]:
    ids = _ids(message)
    key = ids[0]
    strings = tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)
    if message.fuzzy:
        return [Problem("fuzzy (check the translation, then remove the fuzzy flag)", key)]
    if len(ids) > 1 and len(strings) != nplurals:
        return [Problem("plural", key, f"{len(strings)} forms, the language has {nplurals}")]
    if not all(s and s.strip() for s in strings):
        return [Problem("untranslated", key)]
    problems = []
    if len(ids) == 1:
        if placeholders(strings[0]) != placeholders(key):
            problems.append(Problem("placeholders differ", key, repr(strings[0])))
    else:
        source = [placeholders(i) for i in ids]
        allowed = frozenset().union(*(b for b, _ in source))
        for _index, string in enumerate(strings):
            braces, percents = placeholders(string)
            if not braces <= allowed:
                problems.append(Problem("unknown placeholder", key, repr(string)))
        # the last (plural) form must keep every field of msgid_plural
        braces, percents = placeholders(strings[-1])
        if braces != source[-1][0] or percents != source[-1][1]:
            problems.append(Problem("placeholders differ in the plural form", key, repr(strings[-1])))
    return problems


def check(lang: str, template: Catalog | None = None) -> list[Problem]:
    """Everything in the source must be in the catalog, translated, with the same placeholders."""
    template = extract() if template is None else template
    catalog = load(po_path(lang))
    problems = []
    for message in template:
        if not message.id:
            continue
        entry = catalog.get(message.id, context=message.context)
        if entry is None:
            problems.append(Problem("missing from the catalog (run: python scripts/i18n.py update)", _ids(message)[0]))
            continue
        if isinstance(message.id, (list, tuple)) != isinstance(entry.id, (list, tuple)):
            problems.append(Problem("singular/plural mismatch (run update)", _ids(message)[0]))
            continue
        problems.extend(check_message(entry, catalog.num_plurals))
    return problems


def check_humanize(lang: str) -> list[Problem]:
    path = po_path(lang, "humanize")
    if not path.exists():
        return [Problem("missing", str(path.relative_to(ROOT)))]
    catalog = load(path)
    return [p for message in catalog if message.id for p in check_message(message, catalog.num_plurals)]


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("update", "check", "compile", "extract", "init"))
    parser.add_argument("lang", nargs="?")
    args = parser.parse_args(argv)
    if args.command == "compile":
        compile_all()
        return 0
    if args.command == "init":
        if not args.lang:
            parser.error("init needs a language code, e.g. fr")
        init(args.lang, write_template())
        return 0
    template = write_template()
    if args.command == "extract":
        return 0
    if args.command == "update":
        update(template)
        compile_all()
    status = 0
    for lang in languages():
        problems = check(lang, template) + check_humanize(lang)
        total = len([m for m in template if m.id])
        print(
            f"{lang}: {total - len({p.msgid for p in problems})}/{total} messages ready"
            + (f", {len(problems)} problem(s):" if problems else "")
        )
        for problem in problems:
            print(f"  {problem}")
        if problems:
            status = 1
    return status if args.command == "check" else 0


if __name__ == "__main__":
    sys.exit(main())
