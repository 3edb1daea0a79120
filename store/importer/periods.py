"""The period a promise runs for, as texts write it: "2020", "2019/2020", "2021-2022",
"2023-03-01 – 2024-02-29", "1 januari 2023 - 31 december 2024", "september 2021 t o m
september 2022", "juni 2017-juni 2018", "oktober 2018 - oktober 2019".
"""

from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name: number for number, names in enumerate(
    ("januari jan", "februari feb", "mars mar", "april apr", "maj", "juni jun", "juli jul",
     "augusti aug", "september sept sep", "oktober okt", "november nov", "december dec"), start=1)
    for name in names.split()}
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TO = r"\s*(?:[-–—]|till(?:\s+och\s+med)?|t\.?\s?o\.?\s?m\.?)\s*"
_ISO_DATE = r"(\d{4}-\d{2}-\d{2})"
_DATES = re.compile(_ISO_DATE + _TO + _ISO_DATE)
_DAY_DATES = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\s+((?:19|20)\d{2})" + _TO
                        + r"(\d{1,2})\s+" + _MONTH + r"\s+((?:19|20)\d{2})\b", re.I)
_MONTH_RANGE = re.compile(r"\b" + _MONTH + r"\s+((?:19|20)\d{2})" + _TO + _MONTH
                          + r"\s+((?:19|20)\d{2})\b", re.I)
_YEAR_PAIR = re.compile(r"\b((?:19|20)\d{2})\s*[/\-–—]\s*((?:19|20)\d{2}|\d{2})(?![\d-])")
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?![\d-])")
# A year a bullet does its work in: "under 2018", "under hösten 2015", "gäller 2018".
_YEAR_OF_WORK = re.compile(r"\b(?:under|för|gäller)\s+(?:(?:hösten|våren|sommaren|vintern|året)\s+)?"
                           r"((?:19|20)\d{2})\b", re.I)

Period = tuple[str, date, date]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period | None:
    """(label as published, first day, last day) of the first period ``text`` names."""
    if found := _DATES.search(text):
        try:
            start, end = date.fromisoformat(found.group(1)), date.fromisoformat(found.group(2))
            if start <= end:
                return found.group(0), start, end
        except ValueError:  # "2023-02-30": fall back to the years
            pass
    if found := _DAY_DATES.search(text):
        d1, m1, y1, d2, m2, y2 = found.groups()
        try:
            start = date(int(y1), MONTHS[m1.lower()], int(d1))
            end = date(int(y2), MONTHS[m2.lower()], int(d2))
            if start <= end:
                return found.group(0), start, end
        except ValueError:
            pass
    if found := _MONTH_RANGE.search(text):
        m1, y1, m2, y2 = found.groups()
        start, end = date(int(y1), MONTHS[m1.lower()], 1), _month_end(int(y2), MONTHS[m2.lower()])
        if start <= end:
            return found.group(0), start, end
    if found := _YEAR_PAIR.search(text):
        first, second = int(found.group(1)), found.group(2)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if first <= last <= first + 10:
            return found.group(0), date(first, 1, 1), date(last, 12, 31)
    if found := _YEAR.search(text):
        year = int(found.group(1))
        return found.group(1), date(year, 1, 1), date(year, 12, 31)
    return None


def years_of_work(text: str) -> list[int]:
    """Years a bullet says the work happens in ("under 2018"), for texts that give no period."""
    return [int(y) for y in _YEAR_OF_WORK.findall(text)]


def period_of_years(years: list[int]) -> Period | None:
    if not years:
        return None
    first, last = min(years), max(years)
    if last - first > 4:
        return None
    label = str(first) if first == last else f"{first}-{last}"
    return label, date(first, 1, 1), date(last, 12, 31)
