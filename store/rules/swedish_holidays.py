"""Sweden's holidays (röda dagar) and the three eves everyone takes off, by the rules in
force since 2005, when Nationaldagen replaced Annandag pingst (lag 1989:253 om allmänna
helgdagar, as changed by SFS 2004:1093).

These few rules spare the app the ``holidays`` library on its first screen: importing
it and making one year's calendar with it takes about 110 ms, a fifth of the app's
start. Years before 2005 (other rules) are asked of the library, as before. A test
compares every year from 2005 to 2100 with the library's answer (the library has none
after 2100; these rules go on).
"""

from __future__ import annotations

from datetime import date, timedelta

CURRENT_RULES_SINCE = 2005


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_from(first: date) -> date:
    return first + timedelta(days=(5 - first.weekday()) % 7)


def holidays_of_year(year: int) -> dict[date, str]:
    """Holidays and the three eves of ``year`` (from 2005 on), name by date."""
    if year < CURRENT_RULES_SINCE:
        raise ValueError(year)
    easter = easter_sunday(year)
    midsummer = _saturday_from(date(year, 6, 20))
    named = [  # the holidays, then the eves: the library's order, for days with two names
        (date(year, 1, 1), "Nyårsdagen"),
        (date(year, 1, 6), "Trettondedag jul"),
        (easter - timedelta(days=2), "Långfredagen"),
        (easter, "Påskdagen"),
        (easter + timedelta(days=1), "Annandag påsk"),
        (date(year, 5, 1), "Första maj"),
        (easter + timedelta(days=39), "Kristi himmelsfärdsdag"),
        (date(year, 6, 6), "Nationaldagen"),
        (easter + timedelta(days=49), "Pingstdagen"),
        (midsummer, "Midsommardagen"),
        (_saturday_from(date(year, 10, 31)), "Alla helgons dag"),
        (date(year, 12, 25), "Juldagen"),
        (date(year, 12, 26), "Annandag jul"),
        (midsummer - timedelta(days=1), "Midsommarafton"),
        (date(year, 12, 24), "Julafton"),
        (date(year, 12, 31), "Nyårsafton"),
    ]
    days: dict[date, str] = {}
    for day, name in named:  # two on one day (1 May and Ascension): both, as the library says
        days[day] = f"{days[day]}; {name}" if day in days else name
    return dict(sorted(days.items()))
