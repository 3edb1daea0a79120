"""The follow-up report's "Så gick det" part of a promise: its outcomes in the period
and its evaluation, and the achieved figure they give (``store.rules.outcomes``), and
where the report was published before. Publishable: outcomes and evaluations are
written to be read by citizens, and carry no confidential text."""

from __future__ import annotations

from datetime import date

from store.exports.minutes import none
from store.model.outcome import Evaluation, Outcome
from store.repository import Repository
from store.rules import calendar as cal
from store.rules.outcomes import achieved, covered_actions
from store.text import markdown as md
from store.text.i18n import t


class PromiseOutcomes:
    """A promise's outcomes and evaluation, read once for a report of [start, end]."""

    def __init__(self, repo: Repository, promise_id: int, start: date, end: date) -> None:
        every = repo.outcomes(promise_id)
        self.covered = covered_actions(o.to_doc() for o in every)
        self.outcomes: list[Outcome] = [o for o in every if o.day is None or start <= o.day <= end]
        self.evaluation: Evaluation | None = repo.evaluation(promise_id)

    def achieved(self, done_in_period: list[int]) -> tuple[int, int]:
        """(figure, done actions counted on their own) for the period."""
        return achieved((o.to_doc() for o in self.outcomes), done_in_period, self.covered)

    def achieved_words(self, done: int, own: int, target: int | None) -> str:
        """"3 av 5 klara åtgärder under perioden" without outcomes; with them, what the
        figure is made of."""
        if not self.outcomes:
            if target is None:
                return t("export.report.achieved_no_target", done=done)
            return t("export.report.achieved_text", done=done, target=target)
        parts = dict(done=done, target=target, outcomes=done - own, actions=own)
        if target is None:
            return t("export.outcome.achieved_no_target", **parts)
        return t("export.outcome.achieved_text", **parts)

    def blocks(self, meeting_label) -> list[str]:
        """The "Så gick det" heading and its lines."""
        items = []
        for outcome in self.outcomes:
            day = cal.format_date(outcome.day) if outcome.day else none()
            extra = [t("export.outcome.source", source=md.inline(outcome.source))] if outcome.source else []
            if outcome.meeting_id:
                extra.append(meeting_label(outcome.meeting_id))
            text = f"{md.strong(str(outcome.count))} {md.block(outcome.text, indent=2)}"
            items.append(f"{day}: {text}" + (f" ({'; '.join(extra)})" if extra else ""))
        blocks = [md.heading(3, t("export.outcome.heading"))]
        blocks.append(md.bullets(items) if items else t("export.outcome.none"))
        if self.evaluation is not None:
            e = self.evaluation
            verdict = md.strong(t(f"outcome.verdict.{e.verdict}"))
            day = cal.format_date(e.day) if e.day else none()
            blocks.append(t("export.outcome.evaluation", verdict=verdict, date=day,
                            justification=md.block(e.justification)))
        return blocks


def published_line(repo: Repository, period: str) -> str:
    """"Publicerad: polisen.se (2026-05-10), sodertalje.se (2026-05-11)" or nothing."""
    found = repo.publications("report", period.strip().upper())
    if not found:
        return ""
    where = [f"{md.inline(p.where)} ({cal.format_date(p.day)})" if p.day else md.inline(p.where) for p in found]
    return t("export.outcome.published", where=", ".join(where))
