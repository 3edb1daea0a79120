"""Raise a line to another forum: which forum, and the text that travels.

A confidential line (SSPF, ``!!``) starts with an empty text and a warning: it never
travels as it stands, so the dialog stays open until a new, anonymised text is
written (the store checks the same rule again when the line is raised).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from store.model.forum import Forum
from store.rules.escalation import travelling_text
from store.rules.forms.fields import FormError
from store.text.i18n import UserError, t
from tui.modals.confirm import DialogScreen


@dataclass
class EscalationRequest:
    forum_id: int
    text: str


class EscalateModal(DialogScreen[EscalationRequest | None]):
    """Returns the forum and the text to raise, or None on Escape."""

    DEFAULT_CSS = """
    EscalateModal #escalate-warning {
        color: $warning;
        height: auto;
        margin-bottom: 1;
    }
    """

    SAVE_LABEL = "escalate.raise"

    def __init__(self, forums: list[Forum], line_text: str, confidential: bool) -> None:
        super().__init__()
        self.forums = forums
        self.line_text = line_text
        self.confidential = confidential

    def form_title(self) -> str:
        return t("escalate.title")

    def compose_fields(self) -> ComposeResult:
        yield Label(t("escalate.forum"), classes="field-label")
        yield Select([(f.name, f.id) for f in self.forums], value=self.forums[0].id, allow_blank=False,
                     id="escalate-forum")
        if self.confidential:
            yield Static(Content(t("escalate.confidential")), id="escalate-warning")
        yield Label(t("escalate.text_anonymised" if self.confidential else "escalate.text"), classes="field-label")
        yield Input("" if self.confidential else self.line_text, id="escalate-text",
                    placeholder=t("escalate.placeholder") if self.confidential else "")

    def on_mount(self) -> None:
        self.query_one("#escalate-text" if self.confidential else "#escalate-forum").focus()

    def submit(self) -> EscalationRequest:
        typed = self.query_one("#escalate-text", Input).value
        try:
            text = travelling_text(self.line_text, self.confidential, typed)
        except UserError as problem:
            raise FormError("text", problem.key, **problem.params) from None
        forum_id = self.query_one("#escalate-forum", Select).value
        return EscalationRequest(int(forum_id), text)  # type: ignore[arg-type]

    def focus_field(self, field: str) -> None:
        self.query_one(f"#escalate-{field}").focus()
