"""Every rule in a screen's or modal's .tcss is scoped by its type: Textual applies each CSS_PATH app-wide."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.screen import Screen

import journal.ui.modals
import journal.ui.screens

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_RULE = re.compile(r"([^{}]+)\{[^{}]*\}")


def _screens_with_css() -> list[tuple[type[Screen], Path]]:
    found = []
    for package in (journal.ui.screens, journal.ui.modals):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and issubclass(cls, Screen) and "CSS_PATH" in vars(cls):
                    found.append((cls, Path(module.__file__ or "").parent / str(cls.CSS_PATH)))
    return found


def test_there_are_screens_with_their_own_css() -> None:
    names = {cls.__name__ for cls, _path in _screens_with_css()}
    assert {"TodayScreen", "PersonScreen", "EncounterForm", "QuickAddModal"} <= names


_SCREENS = _screens_with_css()


@pytest.mark.parametrize(("cls", "path"), _SCREENS, ids=[cls.__name__ for cls, _path in _SCREENS])
def test_every_rule_names_its_screen(cls: type[Screen], path: Path) -> None:
    css = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    selectors = [s.strip() for rule in _RULE.findall(css) for s in rule.split(",")]
    assert selectors
    unscoped = [s for s in selectors if not re.match(rf"{cls.__name__}\b", s)]
    assert unscoped == [], f"{path.name}: scope these by {cls.__name__}"
