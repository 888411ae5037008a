"""Time enters the domain through a clock object, never from the wall clock directly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware datetime in UTC."""
        ...

    def today(self) -> date:
        """The user's local calendar date."""
        ...

    def local_now(self) -> datetime:
        """The user's local wall-clock time (for "what time is it", never for stamps)."""
        ...


class SystemClock:
    """The real clock; only the CLI and the app construct it."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return datetime.now().astimezone().date()

    def local_now(self) -> datetime:
        return datetime.now().astimezone()


@dataclass
class FixedClock:
    """A clock that stands still (tests, screenshots, benchmarks)."""

    at: datetime

    def now(self) -> datetime:
        return self.at.astimezone(UTC)

    def today(self) -> date:
        return self.at.date()

    def local_now(self) -> datetime:
        return self.at  # the moment as given is the local wall clock, as today() reads it

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.at = self.at + timedelta(**delta)


def timestamp(moment: datetime) -> str:
    """UTC ISO 8601 with a Z, to the microsecond, so strings sort as times do."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
