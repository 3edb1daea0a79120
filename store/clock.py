"""The one place that asks what time it is, so tests can freeze it (pendulum.travel_to)."""

from __future__ import annotations

from datetime import date, datetime

import pendulum

from store.models import TZ


def now() -> datetime:
    moment = pendulum.now("Europe/Stockholm")
    return datetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute,
        moment.second, tzinfo=TZ,
    )


def today() -> date:
    return now().date()
