"""The words of the promise dashboard: progress as a bar and in words (never an
invented number), the highlighted promise in full, and where its actions were handled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.content import Content

from store.model.action import Action
from store.model.constants import PARTIES
from store.repository import Repository
from store.review.promises import PromiseProgress
from store.rules import calendar as cal
from store.rules.periods import period_label
from store.text.i18n import t
from tui.widgets.table_cells import fit

BAR_WIDTH = 12

# Theme colour of each state (a theme attribute name) and whether it is bold.
STATE_COLOURS = {
    "on_track": ("success", False),
    "kept": ("success", True),
    "partly_kept": ("warning", False),
    "at_risk": ("warning", True),
    "not_kept": ("error", True),
    "no_target": (None, False),
    "not_started": (None, False),
}


def short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else fit(text, width).rstrip()  # between words


def progress_words(row: PromiseProgress) -> str:
    """"3 / 8" with a target; the linked work without one (no invented number)."""
    if row.target_total is None:
        return t("promises.progress.no_target", linked=len(row.linked), done=row.done)
    return t("promises.progress.target", done=row.done, target=row.target_total)


def progress_bar(row: PromiseProgress, width: int = BAR_WIDTH) -> str:
    if row.target_total is None:
        return ""
    filled = round(width * min(1.0, row.done / row.target_total)) if row.target_total else width
    return "█" * filled + "░" * (width - filled)


def parties_words(parties: list[str]) -> str:
    """The three kinds in their order, then parties named otherwise (Västtrafik)."""
    named = [p for p in parties if p not in PARTIES]
    return ", ".join([t(f"party.{p}") for p in PARTIES if p in parties] + named) or "–"


def progress_cell(row: PromiseProgress, colour: Callable[[str | None], str | None]) -> Text:
    """The bar in the state's theme colour, then done / target in words."""
    text = Text(no_wrap=True)
    bar = progress_bar(row)
    if bar:
        text.append(bar, style=Style(color=colour(STATE_COLOURS[row.state][0]) or colour("primary")))
        text.append(" ")
    text.append(progress_words(row), style="" if bar else "dim")
    return text


def state_cell(state: str, colour: Callable[[str | None], str | None]) -> Text:
    name, bold = STATE_COLOURS.get(state, (None, False))
    return Text(t(f"review.state.{state}"), style=Style(color=colour(name), bold=bold, dim=name is None))


def linked_actions(repo: Repository, row: PromiseProgress, include_confidential: bool,
                   limit: int) -> tuple[list[tuple[Action, int | None]], int]:
    """The promise's actions, newest first, each with the meeting it was last handled in,
    and how many confidential ones were left out. A promise with thousands of actions
    lists the latest ``limit``."""
    hidden = 0
    shown: list[tuple[Action, int | None]] = []
    for action_id in sorted(row.linked, reverse=True):
        action = repo.action(action_id)
        if action is None:
            continue
        if action.confidential and not include_confidential:
            hidden += 1
            continue
        if len(shown) < limit:
            meetings = [e.meeting_id for e in action.history if e.meeting_id]
            shown.append((action, meetings[-1] if meetings else action.origin_meeting_id))
    return shown, hidden


def detail_content(repo: Repository, row: PromiseProgress, include_confidential: bool = False,
                   cycle_first: bool = False) -> Content:
    """The highlighted promise in full: state, period, parties, target, progress, follow-up,
    then what came of it and the problems it addresses (``cycle_parts``); with
    ``cycle_first`` (the lägesbild, which is about that) those come right after the text."""
    p = row.promise
    colour, _bold = STATE_COLOURS.get(row.state, (None, False))
    state_style = f"bold $text-{colour}" if colour else "$text-muted"
    parts: list[Any] = [
        (t("review.promise_ref", id=p.id), "bold"), "  ", (t(f"review.state.{row.state}"), state_style), "\n",
        p.text, "\n",
    ]
    if cycle_first:
        parts += cycle_parts(repo, row, include_confidential)
    parts.append("\n")

    def line(key: str, value: str) -> None:
        if value:
            parts.extend([(t(f"promises.d.{key}"), "$text-muted"), value, "\n"])

    line("municipality", ", ".join(p.all_municipalities()))
    period = period_label(p)
    if p.period_start and p.period_end and p.period_label:
        period += f" ({cal.format_date(p.period_start)} – {cal.format_date(p.period_end)})"
    line("period", period)
    line("parties", parties_words(p.parties))
    line("focus_area", p.focus_area)
    if p.target:
        per = t(f"promises.per.{p.target.per}")
        target = t("promises.d.target_value", count=p.target.count, per=per)
        if row.target_total is not None and row.target_total != p.target.count:
            target += " " + t("promises.d.target_total", total=row.target_total)
        line("target", target)
    else:
        line("target", t("promises.d.no_target"))
    line("progress", progress_words(row) + "  " + t("promises.d.active", active=row.active))
    if row.expected is not None and row.state in ("on_track", "at_risk"):
        line("expected", t("promises.d.expected_value", expected=f"{row.expected:.1f}".replace(".", ",")))
    forum = repo.forum(p.follow_up_forum_id) if p.follow_up_forum_id else None
    follow = ", ".join(x for x in (forum.name if forum else "", p.follow_up_cadence) if x)
    line("follow_up", follow)
    line("effect", p.expected_effect)
    agreement = next((a for a in repo.agreements() if a.id == p.agreement_id), None)
    line("agreement", agreement.name if agreement else "")
    line("comments", p.comments)
    if not cycle_first:
        parts += cycle_parts(repo, row, include_confidential)
    return Content.assemble(*parts)


VERDICT_COLOURS = {"done": "success", "partly": "warning", "not_done": "error"}


def cycle_parts(repo: Repository, row: PromiseProgress, include_confidential: bool) -> list[Any]:
    """"Så gick det": the recorded outcomes, the evaluation and the problems of the
    lägesbild the promise addresses (a confidential one by number only, unless shown)."""
    from tui.screens.action_detail import meeting_words

    parts: list[Any] = ["\n", (t("promises.d.outcomes"), "bold"), "\n"]
    if not row.outcomes:
        parts += [(t("promises.d.no_outcomes"), "$text-muted"), "\n"]
    for outcome in row.outcomes:
        parts += [(outcome["date"] or "–", "bold"), "  ", (str(outcome["count"]), "bold"), " ", outcome["text"]]
        extra = [outcome["source"]] if outcome["source"] else []
        if outcome["meeting"]:
            extra.append(meeting_words(repo, outcome["meeting"]))
        if outcome["actions"]:
            extra.append(t("promises.d.covers", refs=", ".join(
                t("situation.ref.action", id=a) for a in outcome["actions"])))
        if extra:
            parts.append(("  (" + "; ".join(extra) + ")", "$text-muted"))
        parts.append("\n")
    if row.outcomes:
        parts += [(t("promises.d.delete_outcome_hint"), "$text-muted"), "\n"]
    evaluation = row.evaluation
    if evaluation:
        colour = VERDICT_COLOURS.get(evaluation["verdict"], "")
        parts += [(t("promises.d.evaluation"), "$text-muted"),
                  (t(f"outcome.verdict.{evaluation['verdict']}"), f"bold $text-{colour}" if colour else "bold"),
                  f" ({evaluation['date'] or '–'})", "\n", (f"”{evaluation['justification']}”", "italic"), "\n"]
    elif row.target_total is None:
        parts += [(t("promises.d.evaluation"), "$text-muted"), (t("promises.d.not_evaluated"), "$text-muted"),
                  "\n"]
    parts += ["\n", (t("promises.d.problems"), "bold"), "\n"]
    if not row.problems:
        parts += [(f"⚠ {t('situation.flag.no_problem')}", "bold $text-warning"), "\n"]
    for problem_id, title, secret in row.problems:
        ref = t("situation.ref.problem", id=problem_id)
        if secret and not include_confidential:
            parts += [ref, " ", (f"[{t('review.confidential')}]", "$text-muted"), "\n"]
        else:
            marker = f"[{t('review.confidential')}] " if secret else ""
            parts += [ref, " ", (marker, "bold $text-warning"), title, "\n"]
    return parts


def handled_words(repo: Repository, action: Action, names: dict[int, tuple[str, str]]) -> str:
    """"2026-11-02, 2026-11-16 (Måndagsmöte Södertälje)": the meetings the action was handled in.

    Dates first so a narrow column still shows when; the forum follows each run of dates.
    """
    ids = dict.fromkeys([action.origin_meeting_id, *(e.meeting_id for e in action.history)])
    runs: list[tuple[str, list[str]]] = []
    for meeting_id in ids:
        if not meeting_id:
            continue
        if meeting_id not in names:
            meeting = repo.meeting(meeting_id)
            forum = repo.forum(meeting.forum_id) if meeting else None
            names[meeting_id] = (forum.name if forum else "", cal.format_date(meeting.day) if meeting else "?")
        forum_name, day = names[meeting_id]
        if runs and runs[-1][0] == forum_name:
            runs[-1][1].append(day)
        else:
            runs.append((forum_name, [day]))
    words = [", ".join(days) + (f" ({forum})" if forum else "") for forum, days in runs]
    return "; ".join(words) or t("promises.linked.no_meeting")
