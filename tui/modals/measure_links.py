"""Two small choices of the law's cycle: which measures address a problem (link and
unlink in one go), and one of a few numbered things (which of a promise's problems to
open in the lägesbild, which promise a meeting records an outcome on).

``MeasureLinksModal`` lists the plan's promises and agreement activities (and what the
problem is linked to now) with the linked ones ticked; actions are measures only
where someone names them, so they are typed by number. It returns the full set of
measures; the screen saves it with ``repo.set_problem_links`` (one transaction).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from store.model.situation import ACTION, Problem
from store.review.situation import link_candidates
from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen
from tui.services import Services
from tui.widgets.table_cells import at_word

MeasureRef = tuple[str, int, "int | None"]



class MeasureLinksModal(DialogScreen[list[MeasureRef] | None]):
    """The measures that address ``problem``; returns all of them, or None on Escape."""

    DEFAULT_CSS = """
    MeasureLinksModal > #dialog {
        width: 100;
    }
    MeasureLinksModal #links-list {
        height: auto;
        max-height: 14;
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", t("situation.form.key.save"), id="links.save",
                tooltip=t("situation.links.key.save.tip")),
        Binding("escape", "cancel", t("situation.form.key.cancel"), id="links.cancel",
                tooltip=t("situation.form.key.cancel.tip")),
    ]
    ENTER_SAVES = True

    def __init__(self, services: Services, problem: Problem, include_confidential: bool = False) -> None:
        super().__init__()
        self.repo = services.repo
        self.problem = problem
        self.include_confidential = include_confidential
        linked = {m.ref for m in self.repo.measures_of_problem(problem.id)}
        candidates = link_candidates(self.repo, problem.municipality, problem.year, problem.id)
        self.choices = [c for c in candidates if c.kind != ACTION]
        # Linked actions stay linked unless their number is taken out of the line.
        self.actions = [c for c in candidates if c.kind == ACTION and c.ref in linked]
        self.linked = linked

    def form_title(self) -> str:
        return t("situation.links.title", ref=t("situation.ref.problem", id=self.problem.id),
                 title=self.problem.title)

    def compose_fields(self) -> ComposeResult:
        yield Label(t("situation.links.label"), classes="field-label")
        if self.choices:
            yield SelectionList[int](*[
                # The line, number and text, fits an 80-column window whatever the number's length.
                (f"{c.label()}  {at_word(c.text, 65 - len(c.label()))}", n, c.ref in self.linked)
                for n, c in enumerate(self.choices)
            ], id="links-list", compact=True)
        else:
            yield Static(Content(t("situation.links.none")), id="dialog-hint")
        yield Label(t("situation.links.actions"), classes="field-label")
        value = ", ".join(str(a.ref_id) for a in self.actions)
        hidden = [a for a in self.actions if a.confidential and not self.include_confidential]
        yield Input(value, id="links-actions", placeholder=t("situation.links.actions_placeholder"))
        hint = t("situation.links.hint")
        if hidden:
            hint += " " + t("situation.links.hidden", count=len(hidden))
        yield Static(Content(hint), id="dialog-hint")

    def on_mount(self) -> None:
        lists = self.query("#links-list")
        (lists.first() if lists else self.query_one("#links-actions", Input)).focus()

    def submit(self) -> list[MeasureRef]:
        lists = self.query("#links-list")
        chosen = [self.choices[n].ref for n in lists.first().selected] if lists else []
        for part in self.query_one("#links-actions", Input).value.replace(";", ",").split(","):
            number = part.strip().lstrip("ÅåAa")
            if not part.strip():
                continue
            if not number.isdigit():
                raise UserError("situation.form.bad_action", text=part.strip())
            self.repo.check_measure(ACTION, int(number))
            chosen.append((ACTION, int(number), None))
        return list(dict.fromkeys(chosen))


class ChoiceModal(DialogScreen[int | None]):
    """One of a few numbered things (a promise's problems, a meeting's promises); returns its number."""

    DEFAULT_CSS = """
    ChoiceModal #numbered-choice {
        height: auto;
        max-height: 45vh;  /* at 24 rows the dialog's buttons stay on screen */
    }
    """

    SAVE_LABEL = "situation.choice.open"

    def __init__(self, title: str, options: list[tuple[int, str]], ok: str = "situation.choice.open") -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.SAVE_LABEL = ok

    def form_title(self) -> str:
        return self.title_text

    def compose_fields(self) -> ComposeResult:
        yield OptionList(*[Option(label, id=str(number)) for number, label in self.options], id="numbered-choice")

    def on_mount(self) -> None:
        options = self.query_one("#numbered-choice", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(str(event.option.id)))

    def submit(self) -> int:
        highlighted = self.query_one("#numbered-choice", OptionList).highlighted
        return self.options[highlighted or 0][0]
