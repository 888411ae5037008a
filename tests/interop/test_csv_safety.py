from __future__ import annotations

import csv
import io
from datetime import date

from journal.interop.csv import export_csv
from journal.model import Encounter, Person


def test_cells_that_look_like_formulas_are_exported_as_text() -> None:
    anna = Person(name='=HYPERLINK("x")')
    enc = Encounter(
        date=date(2026, 11, 29), person_ids=[anna.id], summary="=1+1", gave="-5 tips", received="+plus", place="@home"
    )
    rows = list(csv.DictReader(io.StringIO(export_csv([enc], [anna]))))
    assert rows[0]["summary"] == "'=1+1"
    assert rows[0]["gave"] == "'-5 tips"
    assert rows[0]["received"] == "'+plus"
    assert rows[0]["place"] == "'@home"
    assert rows[0]["people"].startswith("'=")
    assert rows[0]["date"] == "2026-11-29"
