"""The quick-entry line: one line the secretary types while the meeting goes on.

MeetBot-style, in Swedish (in English when that is the language: the words of each
are in ``store.rules.quick_words``). Grammar (tokens are separated by whitespace)::

    [kind] text words … [@owner …] [!due date] [#promise …] [!!]

* kind, first word only, case-insensitive, optionally followed by ``:``
  (``b:`` or ``b: text`` or ``b:text``): ``b``/``beslut`` → decision,
  ``i``/``info``/``information`` → information, ``å``/``a``/``åtgärd``/``atgard``
  → action; in English ``d``/``decision``, ``i``/``info``, ``a``/``action`` (and the
  Swedish ones). No prefix → information. A leading ``i`` is always the prefix, so
  text that starts with the word "I" needs an explicit prefix: ``i: I Ronna …``.
* ``@owner`` – organisation or person, kept raw (the caller resolves it).
  ``@Anna_Berg`` and ``@"Anna Berg"`` give "Anna Berg".
* ``!date`` – due date; see ``store.rules.due_dates``. Multi-word forms work
  unquoted (``!nästa vecka``, ``!v. 50``, ``!om två veckor``, ``!end of the month``):
  the longest run of up to four words after ``!`` that reads as a date is taken, the rest stays
  text. ``!"nästa vecka"`` quotes it explicitly. At most one date per line.
* ``#3`` or ``#L3`` – citizen-promise number, kept raw (the caller resolves it). A
  ``#`` not followed by a number is text (``b # Inte en rubrik``).
* ``!!`` anywhere → confidential (sekretess): as a word of its own, in brackets
  ``(!!)``, or stuck to a word (``uppgift!!``); the mark is taken out of the text.

Markers may stand anywhere in the line; trailing ``,.;:!?`` on them is ignored.
The parser never raises: a problem is reported as a message key in
``QuickEntry.error`` and ``text`` then holds the whole line, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from store.model.constants import INFO
from store.rules import quick_words
from store.rules.due_dates import (
    MAX_DATE_WORDS,
    QUOTES,
    TRAILING_PUNCT,
    UNKNOWN,
    DateParseError,
    parse_due_date,
)
from store.rules.quick_words import ACTION
from store.text.i18n import UserError, t

__all__ = ["ACTION", "CONFIDENTIAL_MARK", "DateParseError", "QuickEntry", "compose_line", "describe",
           "format_date", "parse_due_date", "parse_quick_entry"]

CONFIDENTIAL_MARK = "!!"
# "!!", "(!!)", "[!!]", "!!!" … as a word, or at either end of one ("uppgift!!", "!!Viktigt").
_MARK = r"[(\[]?!{2,}[)\]]?"
_MARK_ALONE = re.compile(rf"{_MARK}[,.;:]?")
_MARK_AFTER = re.compile(rf"(.*[^!(\[\s]){_MARK}([,.;:]?)")
_MARK_BEFORE = re.compile(rf"{_MARK}([^!)\]\s].*)")
_PROMISE_REF = re.compile(r"#([A-Za-zÅÄÖåäö]?[0-9]+)[" + re.escape(TRAILING_PUNCT) + r"]*")


@dataclass
class QuickEntry:
    kind: str                 # INFO | DECISION | ACTION
    text: str                 # markers removed, whitespace normalised; whole line on error
    confidential: bool = False
    owners: list[str] = field(default_factory=list)
    due: date | None = None
    due_text: str | None = None
    promise_refs: list[str] = field(default_factory=list)
    error: str | None = None
    error_params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def _without_mark(token: str) -> tuple[bool, str]:
    """(has a confidentiality mark, the token without it; "" when it was only the mark)."""
    if _MARK_ALONE.fullmatch(token):
        return True, ""
    if m := _MARK_AFTER.fullmatch(token):
        return True, m[1] + m[2]
    if m := _MARK_BEFORE.fullmatch(token):
        return True, m[1]
    return False, token


def _split_kind(words: list[str]) -> tuple[str, list[str]]:
    """Take the kind prefix off the first word (after any leading ``!!``)."""
    lead = 0
    while lead < len(words) and _MARK_ALONE.fullmatch(words[lead]):
        lead += 1
    if lead == len(words):
        return INFO, words
    head, colon, tail = words[lead].partition(":")
    kind = quick_words.words().kinds.get(head.lower())
    if kind is None:
        return INFO, words
    rest = ([tail] if colon and tail else []) + words[lead + 1:]
    return kind, words[:lead] + rest


def _closes_quote(token: str) -> bool:
    rest = token[2:].rstrip(TRAILING_PUNCT)
    return bool(rest) and rest[-1] in QUOTES


def _tokenize(words: list[str]) -> list[str]:
    """Join ``@"…"`` and ``!"…"`` back into one token each."""
    tokens: list[str] = []
    i = 0
    while i < len(words):
        token = words[i]
        if len(token) >= 2 and token[0] in "@!" and token[1] in QUOTES:
            while not _closes_quote(token):
                i += 1
                if i == len(words):
                    raise UserError("quickentry.quote_unclosed", text=token)
                token += " " + words[i]
        tokens.append(token)
        i += 1
    return tokens


def _unquote(body: str) -> str:
    """Marker value: quotes or underscores make multi-word names."""
    body = body.rstrip(TRAILING_PUNCT)
    if body.startswith(tuple(QUOTES)):
        body = body.strip(QUOTES)
    else:
        body = body.replace("_", " ")
    return " ".join(body.split())


def _is_plain(token: str) -> bool:
    return token[:1] not in ("@", "!") and not _PROMISE_REF.fullmatch(token)


def _take_due(tokens: list[str], i: int, today: date, allow_past: bool) -> tuple[date, str, int]:
    """Read the date starting at ``tokens[i]`` (a ``!`` token); return the date,
    the words as typed and the index of the first token after them."""
    body = tokens[i][1:]
    if body.startswith(tuple(QUOTES)):
        phrase = _unquote(body)
        if not phrase:
            raise UserError("quickentry.due_missing")
        return parse_due_date(phrase, today, allow_past), phrase, i + 1
    # A lone "!" followed by a space still introduces the date words after it.
    first = i if body else i + 1
    words = [body] if body else []
    j = i + 1
    while j < len(tokens) and len(words) < MAX_DATE_WORDS and _is_plain(tokens[j]):
        words.append(tokens[j])
        j += 1
    if not words:
        raise UserError("quickentry.due_missing")
    # Longest first; a specific error (30/2, v. 54) is final, "unknown" lets a
    # shorter run try, so "!fredag Polisen ringer" reads the date "fredag".
    for n in range(len(words), 0, -1):
        phrase = " ".join(words[:n])
        try:
            return parse_due_date(phrase, today, allow_past), phrase.rstrip(TRAILING_PUNCT), first + n
        except DateParseError as err:
            if err.key != UNKNOWN:
                raise
    raise DateParseError(UNKNOWN, text=words[0])


def _parse_tokens(kind: str, tokens: list[str], today: date, allow_past: bool) -> QuickEntry:
    entry = QuickEntry(kind=kind, text="")
    text_words: list[str] = []
    unmarked = []
    for token in tokens:
        marked, token = _without_mark(token)
        entry.confidential = entry.confidential or marked
        if token:
            unmarked.append(token)
    tokens = unmarked
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("@"):
            owner = _unquote(token[1:])
            if not owner:
                raise UserError("quickentry.owner_empty")
            entry.owners.append(owner)
        elif ref := _PROMISE_REF.fullmatch(token):
            entry.promise_refs.append(ref[1])
        elif token.startswith("!"):
            due, due_text, i = _take_due(tokens, i, today, allow_past)
            if entry.due_text is not None:
                raise UserError("quickentry.due_twice", first=entry.due_text, second=due_text)
            entry.due, entry.due_text = due, due_text
            continue
        else:
            text_words.append(token)
        i += 1
    entry.text = " ".join(text_words)
    if not entry.text:
        raise UserError(f"quickentry.text_missing.{kind}")
    return entry


def parse_quick_entry(line: str, today: date, allow_past: bool = False) -> QuickEntry:
    """Read one quick-entry line. Never raises; see the module docstring.

    ``allow_past`` lets a due date written with its year lie before today: a line
    logged earlier and corrected now keeps the date it had."""
    words = line.split()
    whole = " ".join(words)
    if not words:
        return QuickEntry(kind=INFO, text="", error="quickentry.empty")
    kind, rest = _split_kind(words)
    try:
        return _parse_tokens(kind, _tokenize(rest), today, allow_past)
    except UserError as err:
        # Keep the whole line and, to be safe, any confidentiality mark.
        marked = any(_without_mark(word)[0] for word in words)
        return QuickEntry(kind=kind, text=whole, confidential=marked,
                          error=err.key, error_params=dict(err.params))


def _owner_token(name: str) -> str:
    return f"@{name}" if len(name.split()) == 1 else f'@"{name}"'


def compose_line(kind: str, text: str, owners: list[str] = (), due: date | None = None,
                 promise_refs: list[str] = (), confidential: bool = False) -> str:
    """A stored line written back in the grammar, so it can be corrected as it was typed."""
    parts = [quick_words.words().letters.get(kind, "i"), text]
    parts += [_owner_token(name) for name in owners]
    parts += [f"!{due.isoformat()}"] if due else []
    parts += [f"#{ref}" for ref in promise_refs]
    parts += [CONFIDENTIAL_MARK] if confidential else []
    return " ".join(parts)


# ----------------------------------------------------------------- preview

def format_date(day: date, today: date | None = None) -> str:
    """Swedish-style day: "fredag 27 november"; the year only when it differs from today's."""
    params = {
        "weekday": t(f"quickentry.weekday.{day.weekday()}"),
        "day": day.day,
        "month": t(f"quickentry.month.{day.month}"),
        "year": day.year,
    }
    with_year = today is not None and day.year != today.year
    return t("quickentry.preview.date_year" if with_year else "quickentry.preview.date", **params)


def describe(entry: QuickEntry, today: date | None = None) -> str:
    """One line saying how the entry will be read, or the error sentence."""
    if not entry.ok:
        return t(entry.error or "", **entry.error_params)
    parts = [t(f"quickentry.kind.{entry.kind}")]
    if entry.owners:
        parts.append(t("quickentry.preview.owners", owners=", ".join(entry.owners)))
    if entry.due is not None:
        parts.append(t("quickentry.preview.due", date=format_date(entry.due, today),
                       week=entry.due.isocalendar()[1]))
    if entry.promise_refs:
        key = "quickentry.preview.ref" if len(entry.promise_refs) == 1 else "quickentry.preview.refs"
        parts.append(t(key, refs=", ".join(entry.promise_refs)))
    if entry.confidential:
        parts.append(t("quickentry.preview.confidential"))
    return " · ".join(parts)
