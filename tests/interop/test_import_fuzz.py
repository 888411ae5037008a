"""Whatever bytes are given to import, it never crashes and never changes the journal unasked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.interop import ImportFailed, import_bytes
from journal.store import JournalStore
from tests.conftest import journal_bytes
from tests.interop.helpers import fill

NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)

# Random bytes, and random bytes that start like the real thing so they get past the first checks.
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=300).map(lambda b: b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + b),
    st.binary(max_size=300).map(lambda b: b"BEGIN:VCARD\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=" + b),
    st.text(alphabet="BEGIN:VCARDFN;=\r\n \\,.:ä", max_size=200).map(str.encode),
    st.binary(max_size=300).map(lambda b: b'{"meta": {"1": {"app": "netjournal", "schema": 2}}, "people": ' + b),
)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> JournalStore:
    path = tmp_path_factory.mktemp("fuzz") / "journal.json"
    store = JournalStore.open(path, FixedClock(NOW))
    fill(store)
    yield store  # type: ignore[misc]
    store.close()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=CONTENT, name=st.sampled_from(["x.json", "x.vcf", "x.bin"]))
def test_random_bytes_never_crash_import_nor_change_the_journal(
    journal: JournalStore, content: bytes, name: str
) -> None:
    before = journal_bytes(journal.path)
    people = journal.people_count()
    try:
        summary = import_bytes(journal, content, name)
    except ImportFailed as failed:
        assert failed.message and failed.exit_code == 1
        assert journal_bytes(journal.path) == before
        assert journal.people_count() == people
        return
    # Some random bytes are a valid (if odd) vCard: then it only ever adds or updates people.
    assert summary.added + summary.updated + len(summary.skipped) + summary.unchanged >= 1
    if not summary.changed:
        assert journal_bytes(journal.path) == before


def test_a_charset_that_is_no_name_is_guessed_like_an_unknown_one(journal: JournalStore) -> None:
    """Found by the test above: CHARSET=\\x00 made decoding raise ValueError, not LookupError."""
    try:
        import_bytes(journal, b"BEGIN:VCARD\rA;CHARSET=\x00:", "x.vcf")
    except ImportFailed as failed:
        assert failed.exit_code == 1
