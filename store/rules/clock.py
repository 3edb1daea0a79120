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
    if pendulum is None:
        return datetime.now(TZ).replace(microsecond=0)
    moment = pendulum.now("Europe/Stockholm")
    return datetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute,
        moment.second, tzinfo=TZ,
    )


def today() -> date:
    return now().date()
