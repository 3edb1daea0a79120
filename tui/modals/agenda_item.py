"""A new agenda item (dagordningspunkt): one title."""

from __future__ import annotations

from store.text.i18n import t
from tui.modals.confirm import PromptModal


class AgendaItemModal(PromptModal):
    """Returns the new item's title, or None on Escape."""

    def __init__(self, after: str = "") -> None:
        hint = t("meeting.agenda_modal.after", title=after) if after else ""
        super().__init__(
            t("meeting.agenda_modal.title"),
            t("meeting.agenda_modal.label"),
            hint=hint,
            required="meeting.agenda_modal.empty",
        )
