"""The one place that asks what time it is, so tests can freeze it (pendulum.travel_to).

Importing pendulum costs about 20 ms, a large part of a one-shot command like
``samverkan actions --open``. Until something has imported it, nothing can have
frozen its clock, so the standard library answers; once it is loaded, pendulum does.
"""

from __future__ import annotations

import sys
from datetime import date, datetime

from store.model.constants import TZ


def now() -> datetime:
    pendulum = sys.modules.get("pendulum")
    # Microseconds are kept: lines logged within one second (a burst of typed-ahead
    # lines, an action and the information after it) keep the order they were logged
    # in wherever they are listed by time.
    if pendulum is None:
        return datetime.now(TZ)
    moment = pendulum.now("Europe/Stockholm")
    return datetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute,
        moment.second, moment.microsecond, tzinfo=TZ,
    )


def today() -> date:
    return now().date()


# The dates a user may give. Weeks, series, holidays and periods are computed a little
# beyond a date (the next two weeks, twelve months on), which Python's dates cannot
# do at year 9999 or before year 1; no forum meets and no action is due out there.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST
