"""The åtgärdsplan of a year as publishable Markdown: the lägesbild (analysis, focus
areas, medborgardialoger), each problem with the measures that address it (who, which
target), the measures that address no problem, and the flags.

Written to be published: a confidential problem or action is never described, and
there is deliberately no switch to include them; the plan says how many it leaves
out. Which measures belong to the plan and what is flagged is the rule of
``store.review.situation``.
"""

from __future__ import annotations

from datetime import date

from store.exports.minutes import date_year, none
from store.model.situation import SOURCE_KINDS, Problem
from store.repository import Repository
from store.review.situation import (
    NO_MEASURE,
    MeasureItem,
    known_municipality,
    measure_flags,
    plan_measures,
    plan_municipalities,
    problem_rows,
)
from store.rules import calendar as cal
from store.rules import clock
from store.rules.situation import check_year
from store.text import markdown as md
from store.text.i18n import t


def plan_markdown(repo: Repository, year: int, municipality: str | None = None, today: date | None = None) -> str:
    """The plan of ``year`` for one municipality, or for every one with something that year."""
    year = check_year(year)
    today = today or clock.today()
    if municipality:
        names = [known_municipality(repo, municipality)]
        title = t("export.plan.title_one", year=year, municipality=md.inline(names[0]))
    else:
        names = plan_municipalities(repo, year)
        title = t("export.plan.title", year=year)
    blocks = [md.heading(1, title), t("export.plan.made", date=date_year(today))]
    if not names:
        blocks.append(t("export.plan.nothing", year=year))
    for name in names:
        level = 2
        if not municipality:
            blocks.append(md.heading(2, md.inline(name)))
            level = 3
        blocks += _municipality_blocks(repo, name, year, level)
    return md.document(blocks)


def _municipality_blocks(repo: Repository, municipality: str, year: int, level: int) -> list[str]:
    blocks: list[str] = []
    plan = repo.action_plan(municipality, year)
    if plan is not None:
        day = cal.format_date(plan.decided_on) if plan.decided_on else none()
        blocks.append(t("export.plan.decided", body=md.inline(plan.decided_by), date=day))
    else:
        blocks.append(t("export.plan.not_decided"))
    published = repo.publications("plan", str(year))
    published = [p for p in published if not p.municipality or p.municipality.casefold() == municipality.casefold()]
    if published:
        blocks.append(t("export.plan.published", where=", ".join(
            f"{md.inline(p.where)} ({cal.format_date(p.day)})" if p.day else md.inline(p.where) for p in published)))

    blocks.append(md.heading(level, t("export.plan.situation")))
    picture = repo.situation_picture(municipality, year)
    if picture is not None:
        saved = cal.format_date(picture.saved) if picture.saved else none()
        blocks.append(t("export.plan.version", version=picture.version, date=saved))
        if picture.analysis:
            blocks += [md.heading(level + 1, t("export.plan.analysis")), md.block(picture.analysis)]
        if picture.other_information:
            blocks += [md.heading(level + 1, t("export.plan.other")), md.block(picture.other_information)]
        if picture.focus_areas:
            blocks += [md.heading(level + 1, t("export.plan.focus_areas")),
                       md.bullets(md.inline(f) for f in picture.focus_areas)]
    else:
        blocks.append(t("export.plan.no_situation"))
    # The year's medborgardialoger, and earlier ones the year's problems are known from.
    sources = {d for p in repo.problems(municipality, year) if not p.confidential for d in p.dialogue_ids}
    dialogues = repo.dialogues(municipality, year)
    dialogues += [d for d in map(repo.dialogue, sorted(sources)) if d is not None and d not in dialogues]
    if dialogues:
        headers = [t(f"export.plan.col.{c}") for c in ("date", "place", "participants", "raised")]
        rows = [[cal.format_date(d.day) if d.day else none(), md.inline(d.place) or none(),
                 str(d.participants) if d.participants is not None else none(), md.inline(d.raised) or none()]
                for d in dialogues]
        blocks += [md.heading(level + 1, t("export.plan.dialogues")), md.table(headers, rows, right=(2,))]

    rows = problem_rows(repo, municipality, year, include_confidential=False)
    hidden_problems = sum(1 for p in repo.problems(municipality, year) if p.confidential)
    blocks.append(md.heading(level, t("export.plan.problems")))
    if hidden_problems:
        blocks.append(_counted("export.plan.hidden_problems", hidden_problems))
    if not rows:
        blocks.append(t("export.plan.no_problems"))
    for row in rows:
        blocks.append(md.heading(level + 1, _problem_heading(row.problem)))
        blocks += _problem_facts(repo, row.problem)
        public = [m for m in row.measures if not m.confidential]
        if NO_MEASURE in row.flags:
            blocks.append(md.strong(t("export.plan.flag.no_measure")))
        elif public:
            blocks.append(_measure_table(public))
        if len(public) < len(row.measures):
            blocks.append(_counted("export.plan.hidden_measures", len(row.measures) - len(public)))

    measures = plan_measures(repo, municipality, year)
    unlinked = [m for m in measures if measure_flags(m)]
    # Measures of the plan's period that address problems of other years' lägesbilder
    # (one addressing a confidential problem of this year is covered by the line above).
    this_year = {p.id for p in repo.problems(municipality, year)}
    elsewhere = [m for m in measures if m.problem_ids and not this_year.intersection(m.problem_ids)
                 and not m.confidential]
    blocks.append(md.heading(level, t("export.plan.unlinked")))
    if unlinked:
        blocks += [md.strong(t("export.plan.flag.no_problem")), _measure_table(unlinked)]
    else:
        blocks.append(t("export.plan.all_linked"))
    if elsewhere:
        blocks += [md.heading(level, t("export.plan.elsewhere")), _measure_table(elsewhere, with_problems=True)]
    return blocks


def _counted(key: str, count: int) -> str:
    return t(f"{key}.one" if count == 1 else f"{key}.many", count=count)


def _problem_heading(problem: Problem) -> str:
    ref = t("situation.ref.problem", id=problem.id)
    where = ", ".join(md.inline(x) for x in (problem.category, problem.area) if x.strip())
    title = md.inline(problem.title)
    return f"{ref} {title} ({where})" if where else f"{ref} {title}"


def _problem_facts(repo: Repository, problem: Problem) -> list[str]:
    blocks = []
    if problem.description.strip():
        blocks.append(md.block(problem.description))
    sources = [t(f"situation.source.{s}") for s in SOURCE_KINDS if s in problem.sources]
    for dialogue_id in problem.dialogue_ids:
        dialogue = repo.dialogue(dialogue_id)
        if dialogue is not None:
            day = cal.format_date(dialogue.day) if dialogue.day else str(dialogue.year)
            sources.append(t("export.plan.dialogue_source", place=md.inline(dialogue.place) or none(), date=day))
    if sources:
        blocks.append(f"{md.strong(t('export.plan.sources') + ':')} {', '.join(sources)}")
    return blocks


def _measure_table(items: list[MeasureItem], with_problems: bool = False) -> str:
    columns = ["nr", "measure", "owner", "target"] + (["problems"] if with_problems else [])
    headers = [t(f"export.plan.col.{c}") for c in columns]
    rows = []
    for item in items:
        row = [item.label(), md.inline(item.text), md.inline(item.owner) or none(), md.inline(item.target) or none()]
        if with_problems:
            row.append(", ".join(t("situation.ref.problem", id=p) for p in item.problem_ids))
        rows.append(row)
    return md.table(headers, rows)
