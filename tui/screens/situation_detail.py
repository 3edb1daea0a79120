"""The words of the lägesbild screen: the rows of its two tables, the line about the
lägesbild and the plan's decision, and the detail pane of a problem or a measure.

A promise's detail is the promise dashboard's (``promise_detail``): its progress,
outcomes, evaluation and problems; an action's is the actions screen's, with its
dated history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.content import Content

from store.model.constants import DONE
from store.model.situation import ACTION, ACTIVITY, PROMISE, SOURCE_KINDS, Problem
from store.repository import Repository
from store.review.promises import PromiseProgress
from store.review.situation import NO_MEASURE, MeasureItem, ProblemRow
from store.rules import calendar as cal
from store.text.i18n import t
from tui.screens import action_detail, promise_detail
from tui.widgets.situation_tables import FLAG, UNLINKED_KEY, MeasureLine, ProblemLine

ACTION_COLOURS = {DONE: "success", "in_progress": "warning", "cancelled": ""}


def measure_key(item: MeasureItem) -> str:
    if item.kind == ACTIVITY:
        return f"{ACTIVITY}:{item.ref_id}:{item.activity_key}"
    return f"{item.kind}:{item.ref_id}"


def source_words(problem: Problem) -> str:
    return ", ".join(t(f"situation.source.{s}") for s in SOURCE_KINDS if s in problem.sources)


def problem_lines(rows: list[ProblemRow], unlinked: int) -> list[ProblemLine]:
    """One line a problem, then one for the plan's measures that address no problem."""
    lines = [
        ProblemLine(
            key=f"problem:{row.problem.id}",
            ref=t("situation.ref.problem", id=row.problem.id),
            title=row.problem.title,
            category=row.problem.category,
            area=row.problem.area,
            sources=source_words(row.problem),
            measures=", ".join(m.label() for m in row.measures),
            flag=t("situation.flag.no_measure") if NO_MEASURE in row.flags else "",
            confidential=row.problem.confidential,
        )
        for row in rows
    ]
    if unlinked:
        lines.append(ProblemLine(key=UNLINKED_KEY, title=t("situation.tui.unlinked_row", count=unlinked),
                                 flag=t("situation.flag.no_problem")))
    return lines


def measure_lines(repo: Repository, items: list[MeasureItem], progress: dict[int, PromiseProgress],
                  today: date, include_confidential: bool) -> tuple[list[MeasureLine], int]:
    """The measures as rows, and how many confidential ones were left out."""
    lines, hidden = [], 0
    for item in items:
        if item.confidential and not include_confidential:
            hidden += 1
            continue
        line = MeasureLine(key=measure_key(item), ref=item.label(), text=item.text, owner=item.owner,
                           confidential=item.confidential, kind=item.kind, ref_id=item.ref_id,
                           activity_key=item.activity_key, problems=list(item.problem_ids))
        if item.kind == PROMISE and item.ref_id in progress:
            row = progress[item.ref_id]
            line.state = t(f"review.state.{row.state}")
            line.state_colour = promise_detail.STATE_COLOURS.get(row.state, (None, False))[0] or ""
            line.result = (t("situation.tui.result", done=row.done, target=row.target_total)
                           if row.target_total is not None else str(row.done))
        elif item.kind == ACTION:
            action = repo.action(item.ref_id)
            if action is not None:
                overdue = action.is_overdue(today)
                line.state = t(f"status.action.{action.status}") + (" " + t("situation.tui.overdue") if overdue
                                                                     else "")
                line.state_colour = "error" if overdue else ACTION_COLOURS.get(action.status, "")
                line.result = cal.format_date(action.due) if action.due else ""
        else:
            line.state = t("situation.kind.activity")
            line.result = item.target
        lines.append(line)
    return lines, hidden


def summary_content(repo: Repository, municipality: str, year: int, shown: int, hidden: int,
                    no_measure: int, unlinked: int) -> Content:
    """"Lägesbild version 2 (2026-01-29) · beslutad av … · 5 problem, ⚠ 1 saknar åtgärd"."""
    picture = repo.situation_picture(municipality, year)
    plan = repo.action_plan(municipality, year)
    parts: list[Any] = [(t("situation.tui.heading", municipality=municipality, year=year), "bold"), "  "]
    if picture is not None:
        saved = cal.format_date(picture.saved) if picture.saved else "–"
        parts.append(t("situation.tui.version", version=picture.version, date=saved))
    else:
        parts.append((t("situation.tui.no_picture"), "$text-muted"))
    parts.append(" · ")
    if plan is not None:
        day = cal.format_date(plan.decided_on) if plan.decided_on else "–"
        parts.append(t("situation.tui.decided", body=plan.decided_by, date=day))
    else:
        parts.append((t("situation.tui.not_decided"), "$text-muted"))
    parts += ["\n", t("situation.tui.count", count=shown)]
    if hidden:
        parts += [" ", (t("situation.tui.hidden", count=hidden), "$text-muted")]
    if no_measure:
        parts += [" · ", (f"{FLAG} " + t("situation.tui.no_measure_count", count=no_measure), "bold $text-warning")]
    if unlinked:
        parts += [" · ", (f"{FLAG} " + t("situation.tui.no_problem_count", count=unlinked), "bold $text-warning")]
    return Content.assemble(*parts)


def analysis_text(repo: Repository, municipality: str, year: int) -> str:
    picture = repo.situation_picture(municipality, year)
    if picture is None or not (picture.analysis or picture.focus_areas):
        return t("situation.tui.no_analysis")
    text = t("situation.tui.analysis", text=picture.analysis) if picture.analysis else ""
    if picture.focus_areas:
        text += ("\n" if text else "") + t("situation.tui.focus", areas=", ".join(picture.focus_areas))
    return text


def problem_content(repo: Repository, row: ProblemRow) -> Content:
    """A problem in full: where, how it is known (the medborgardialoger too), its measures."""
    p = row.problem
    parts: list[Any] = [(t("situation.ref.problem", id=p.id), "bold"), "  "]
    if p.confidential:
        parts += [(t("review.confidential"), "bold $text-warning"), "  "]
    if NO_MEASURE in row.flags:
        parts += [(f"{FLAG} {t('situation.flag.no_measure')}", "bold $text-warning")]
    parts += ["\n", (p.title, "bold"), "\n\n"]

    def line(key: str, value: str) -> None:
        if value:
            parts.extend([(t(f"situation.d.{key}"), "$text-muted"), value, "\n"])

    line("category", p.category)
    line("area", p.area)
    line("noted", cal.format_date(p.noted) if p.noted else "")
    line("sources", source_words(p))
    for dialogue in filter(None, map(repo.dialogue, p.dialogue_ids)):
        day = cal.format_date(dialogue.day) if dialogue.day else str(dialogue.year)
        who = t("situation.d.participants", count=dialogue.participants) if dialogue.participants is not None else ""
        line("dialogue", ", ".join(x for x in (day, dialogue.place, who) if x))
        if dialogue.raised:
            parts.extend(["  ", (f"”{dialogue.raised}”", "italic"), "\n"])
    if p.description:
        parts += ["\n", p.description, "\n"]
    parts += ["\n", (t("situation.d.measures", count=len(row.measures)), "$text-muted"), "\n"]
    parts += [(t("situation.d.problem_hint"), "$text-muted")]
    return Content.assemble(*parts)


def unlinked_content() -> Content:
    return Content.assemble((f"{FLAG} {t('situation.flag.no_problem')}", "bold $text-warning"), "\n\n",
                            t("situation.d.unlinked"))


def measure_content(repo: Repository, line: MeasureLine, progress: dict[int, PromiseProgress], today: date,
                    include_confidential: bool) -> Content:
    """The measure under the cursor: a promise as the dashboard shows it (outcomes,
    evaluation, problems), an action with its history, an activity with its agreement."""
    if line.kind == PROMISE and line.ref_id in progress:
        content = promise_detail.detail_content(repo, progress[line.ref_id], include_confidential, cycle_first=True)
        return Content.assemble(content, "\n", (t("situation.d.promise_hint"), "$text-muted"))
    if line.kind == ACTION:
        action = repo.action(line.ref_id)
        if action is not None:
            return action_detail.detail_content(repo, action, None, today)
    agreement = repo.agreement(line.ref_id) if line.kind == ACTIVITY else None
    parts: list[Any] = [(line.ref, "bold"), "  ", (t("situation.kind.activity"), "$text-accent"), "\n",
                        line.text, "\n\n"]
    if agreement is not None:
        parts += [(t("situation.d.agreement"), "$text-muted"), agreement.name, "\n"]
    if line.owner:
        parts += [(t("situation.d.owner"), "$text-muted"), line.owner, "\n"]
    if line.result:
        parts += [(t("situation.d.target"), "$text-muted"), line.result, "\n"]
    return Content.assemble(*parts)
