from journal.cli import entry

entry()
