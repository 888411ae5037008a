"""Build hook: compile the translation catalogs (.po → .mo) as part of every install.

Everything else about the package is declared in pyproject.toml. Babel is a build requirement
([build-system] requires), so ``pip install .`` and ``pip install -e .`` both compile the
catalogs with no extra step:

- a wheel (``pip install .``) gets ``journal/locale/<lang>/LC_MESSAGES/*.mo`` in its build
  folder, and no ``.po`` (the runtime would otherwise compare their times);
- an editable install compiles the ``.mo`` next to the ``.po`` in the source tree (they are
  git-ignored), since the package is imported from there.

If a catalog changes after an editable install, ``python scripts/i18n.py compile`` refreshes the
``.mo``; until then ``journal.i18n`` compiles the newer ``.po`` on the fly when Babel is present.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py as _build_py

HERE = Path(__file__).resolve().parent
LOCALE = Path("journal") / "locale"


def compile_catalogs(target_root: Path) -> list[str]:
    """Compile every journal/locale/*/LC_MESSAGES/*.po into target_root/journal/locale/…/*.mo."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((HERE / LOCALE).glob("*/LC_MESSAGES/*.po")):
        relative = po.relative_to(HERE).with_suffix(".mo")
        mo = target_root / relative
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(str(mo))
    return written


class build_py(_build_py):
    """build_py that also compiles the message catalogs."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            # The package is imported from the source tree: compile beside the .po files.
            compile_catalogs(HERE)
            return
        build_root = Path(self.build_lib)
        compile_catalogs(build_root)
        for source in (build_root / LOCALE).rglob("*.po*"):  # .po and .pot stay in the source
            source.unlink()

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = [o for o in super().get_outputs(include_bytecode) if not o.endswith((".po", ".pot"))]
        if not getattr(self, "editable_mode", False):
            build_root = Path(self.build_lib)
            outputs += [
                str(build_root / p.relative_to(HERE).with_suffix(".mo"))
                for p in sorted((HERE / LOCALE).glob("*/LC_MESSAGES/*.po"))
            ]
        return sorted(set(outputs))


setup(cmdclass={"build_py": build_py})
