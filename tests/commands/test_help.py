"""Every subcommand's --help says what it does and what each option means, in both languages."""

from __future__ import annotations

import argparse

import pytest

from journal import i18n
from journal.cli import build_parser, main


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser(None)
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def texts(language: str) -> dict[str, list[str | None]]:
    i18n.set_language(language)
    try:
        return {
            name: [parser.description, *(a.help for a in parser._actions if a.dest != "help")]
            for name, parser in subcommands().items()
        }
    finally:
        i18n.set_language("en")


def test_every_subcommand_has_a_description_and_help_for_each_argument() -> None:
    for name, (description, *helps) in texts("en").items():
        assert description and description.strip(), f"{name} has no description"
        assert all(h and h.strip() for h in helps), f"{name} has an argument without help"


def test_the_descriptions_are_translated() -> None:
    english, german = texts("en"), texts("de")
    assert english.keys() == german.keys()
    for name in english:
        assert german[name][0] != english[name][0], f"{name}: description not translated"


@pytest.mark.parametrize("command", ["people", "due", "lucky", "could-help", "add"])
def test_help_prints_the_description(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: netjournal " + command)
    description = subcommands()[command].description
    assert description is not None and description.split()[0] in out
