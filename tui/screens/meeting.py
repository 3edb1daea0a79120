"""The meeting screen: kept open for a whole meeting while the secretary logs it live.

The screen mediates: a ``MeetingSession`` (store) owns the live loop — it reads each
typed line once, queues it, stores it in one transaction, and keeps the undo stack —
and the screen hands it what the secretary does and shows what comes back. Around the
quick-entry line: who attends, the agenda (and the item new lines are filed under),
the log of this meeting (lines not stored yet last), and the forum's earlier actions
to follow up, each handled with one key.

What the lines do lives in ``meeting_lines`` and what the panels do in
``meeting_panels``; here are the layout, loading and showing. The screen loads only
this meeting, its entries and actions and the forum's open actions, so it opens fast
however old the store is.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from textual import events
from textual._styles_cache import StylesCache
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from store.model.action import Action
from store.model.constants import HELD, PRESENT
from store.model.meeting import Entry, Meeting
from store.rules import calendar as cal
from store.rules.agenda import current_item, filed_under
from store.session.meeting_session import MeetingSession
from store.text.i18n import t
from tui.events import StoreChanged
from tui.screens.base import StoreScreen
from tui.screens.meeting_chain import ChainMixin
from tui.screens.meeting_layout import FOCUS_MODE_CSS, PANELS, LayoutMixin
from tui.screens.meeting_lines import ACTION, ENTRY, LinesMixin, _short
from tui.screens.meeting_panels import PanelsMixin
from tui.services import Services
from tui.widgets.attendance import AttendanceLine, AttendancePanel
from tui.widgets.follow_up import FollowUpPanel
from tui.widgets.footer import KeyFooter
from tui.widgets.meeting_log import AgendaLine, AgendaPanel, LogLine, MeetingLog
from tui.widgets.quick_entry import QuickEntry

__all__ = ["MeetingScreen", "_short"]

def _collect_closed_screen() -> None:
    """Free what a closed meeting screen held, once the app has removed it.

    Textual 8.2's ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method: its
    1024 keys hold the style caches (and rendered lines) of widgets long gone, ~10,000
    objects per meeting opened. With those kept and the closed screen's own cycles left
    for later, the garbage collector's full passes grew to 40-100 ms and fell, every
    other time, in the middle of opening the next meeting."""
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)  # gone once Textual fixes it
    if clear is not None:
        clear()
    gc.collect()


def _binding(key: str, action: str, name: str, **kwargs: Any) -> Binding:
    return Binding(key, action, t(f"meeting.key.{name}"), id=f"meeting.{name}",
                   tooltip=t(f"meeting.key.{name}.tip"), **kwargs)


class MeetingScreen(LayoutMixin, LinesMixin, PanelsMixin, ChainMixin, StoreScreen):
    # Focus the input straight away: every focus change made the footer rebuild its
    # keys, which was a third of the time this screen took to appear.
    AUTO_FOCUS = "#entry-input"
    DEFAULT_CSS = """
    MeetingScreen #meeting-header {
        height: auto;
        padding: 0 1;
        background: $primary-background;
    }
    MeetingScreen #meeting-title {
        text-style: bold;
        color: $text;
    }
    MeetingScreen #meeting-meta {
        color: $text-muted;
    }
    MeetingScreen #meeting-meta.-held {
        color: $success;
    }
    MeetingScreen #meeting-body {
        height: 1fr;
    }
    MeetingScreen #meeting-side {
        width: 32%;
        min-width: 34;
        max-width: 46;
    }
    MeetingScreen #meeting-main {
        width: 1fr;
    }
    """ + FOCUS_MODE_CSS

    BINDINGS = [
        _binding("escape", "back", "back", show=False),
        _binding("ctrl+z", "undo", "undo"),
        _binding("ctrl+r", "edit", "edit"),
        _binding("ctrl+n", "next_item", "next_item"),
        _binding("ctrl+t", "focus_panel('attendance')", "attendance"),
        _binding("ctrl+g", "focus_panel('agenda')", "agenda"),
        _binding("ctrl+l", "focus_panel('log')", "log"),
        _binding("ctrl+f", "focus_panel('follow-up')", "follow_up"),
        # Once a meeting: in the command palette and F1, not in the crowded footer.
        _binding("ctrl+o", "set_chair", "chair", show=False),
        _binding("ctrl+s", "set_secretary", "secretary", show=False),
        _binding("f8", "outcome", "outcome"),
        _binding("f9", "close_meeting", "close"),
        _binding("f10", "approve", "approve"),
        _binding("ctrl+y", "set_justerare", "justerare", show=False),
        _binding("ctrl+b", "amend", "amend", show=False),
    ]

    def __init__(self, services: Services, meeting_id: int) -> None:
        super().__init__(services)
        self.meeting_id = meeting_id
        self.session = MeetingSession(self.repo, meeting_id, self.today)
        self.meeting: Meeting | None = None
        self.entries: list[Entry] = []
        self.actions: list[Action] = []  # created in this meeting
        self.follow_up: list[Action] = []
        self.current_key: int | None = None  # the agenda item new lines are filed under
        self._last_saved: str | None = None
        self._own_modal = False
        self._shown_once = False
        self.show_panel("log")

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # No Textual Header here: the two lines below say more, and it cost ~80 ms to open.
        with Vertical(id="meeting-header"):
            yield Static(Content(""), id="meeting-title", markup=False)
            yield Static(Content(""), id="meeting-meta", markup=False)
        with Horizontal(id="meeting-body"):
            with Vertical(id="meeting-side"):
                yield AttendancePanel(id="attendance")
                yield AgendaPanel(id="agenda")
            with Vertical(id="meeting-main"):
                yield MeetingLog(id="log")
                yield FollowUpPanel(id="follow-up")
        yield QuickEntry(id="quick-entry")
        yield KeyFooter(compact=True)

    @property
    def quick_entry(self) -> QuickEntry:
        return self.query_one("#quick-entry", QuickEntry)

    def on_mount(self) -> None:
        self._size_classes(self.app.size)
        self._panel_subtitles()
        if not self.reload(select_newest=True):
            return
        self.quick_entry.show_preview(t("meeting.preview.hint"), "hint")
        self.quick_entry.focus_input()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Back from another screen (export, help …): what it changed is shown. Back
        # from one of our own dialogs: the dialog's callback already refreshed.
        if not self._shown_once:
            self._shown_once = True  # the first resume is the opening: on_mount loaded
            # Every widget was styled as it was mounted, just now: Textual's restyling
            # of the whole screen (which runs after this handler) would do it again.
            event.refresh_styles = False
            return
        if self._own_modal:
            self._own_modal = False
            return
        if self.meeting is not None:
            self.reload()

    def on_unmount(self) -> None:
        # The app is busy removing this screen (it pops it, or exits): once that is done,
        # nothing refers to the screen any more and its garbage can go.
        self.session.stop_amending()  # a rättelse is made by someone present, not by whoever opens it next
        self.app.call_next(_collect_closed_screen)

    def on_store_changed(self, message: StoreChanged) -> None:
        # Another process (a second window, `samverkan log`) committed: show it.
        self.reload()

    def ask(self, modal: ModalScreen[Any], done: Callable[[Any], None]) -> None:
        """Open one of this screen's dialogs; keys typed from now on go to it."""
        self._own_modal = True
        self.app.push_screen(modal, done)

    # -- where keys go ------------------------------------------------------------

    def route_key(self, event: events.Key) -> bool:
        """A letter typed in a panel that is not one of its keys goes to the quick-entry
        line (the App asks before handing the key on, so the keys after it follow)."""
        focused = self.focused
        if isinstance(focused, PANELS) and event.is_printable and event.key not in self.active_bindings:
            self.set_focus(self.quick_entry.input)
        return False

    def export_subject(self) -> dict[str, Any]:
        """An export started here (the palette, F9's offer) is about this meeting and its forum."""
        meeting = self.meeting
        return {"meeting_id": self.meeting_id, "forum_id": meeting.forum_id if meeting else None}

    def action_focus_panel(self, name: str) -> None:
        # Now, not after the keys already typed: those after ctrl+t are the panel's.
        self.show_panel(name)
        self.set_focus(self.query_one(f"#{name}"))

    def action_outcome(self) -> None:
        """An outcome (utfall) reported in this meeting: which promise, then the form."""
        from store.review.promises import promises_of_meeting
        from tui.modals.measure_links import ChoiceModal
        from tui.modals.outcome_form import record_outcome
        from tui.widgets.table_cells import at_word

        meeting = self.meeting
        if meeting is None:
            return
        promises = promises_of_meeting(self.repo, meeting.forum_id, meeting.day)
        if not promises:
            self.notify(t("meeting.outcome.no_promises"), severity="warning")
            return

        def chosen(promise_id: int | None) -> None:
            promise = self.repo.promise(promise_id) if promise_id else None
            if promise is not None:
                record_outcome(self, self.services, promise, lambda _promise_id: self.action_focus_entry(),
                               meeting_id=meeting.id)

        options = [(p.id, f"{t('review.promise_ref', id=p.id)}  {at_word(p.text, 70)}") for p in promises]
        self.app.push_screen(ChoiceModal(t("meeting.outcome.choose"), options, ok="meeting.outcome.ok"), chosen)

    def action_focus_entry(self) -> None:
        self.show_panel("log")
        self.set_focus(self.quick_entry.input)

    # -- loading ---------------------------------------------------------------

    def reload(self, select_newest: bool = False) -> bool:
        repo = self.repo
        meeting = repo.meeting(self.meeting_id)
        if meeting is None:
            self.notify(t("repo.unknown_meeting", ref=self.meeting_id), severity="error")
            self.app.pop_screen()
            return False
        self.meeting = meeting
        self._load_lines()
        self._load_follow_up()
        keys = [item.key for item in meeting.agenda]
        if self.current_key not in keys:
            self.current_key = self._latest_item(keys)
        self.show_header()
        self.show_attendance()
        self.show_agenda()
        self.show_log(select=self._newest_key() if select_newest else None)
        self.show_follow_up()
        return True

    def _load_lines(self) -> None:
        repo = self.repo
        self.entries = repo.entries(self.meeting_id)
        self.actions = [a for a in repo.actions_of_meeting(self.meeting_id)
                        if a.origin_meeting_id == self.meeting_id]

    def _latest_item(self, keys: list[int]) -> int | None:
        """Reopened mid-meeting: carry on under the item of the last line logged."""
        assert self.meeting is not None
        found = current_item(self.meeting.agenda, [*self.entries, *self.actions])
        return found if found is not None else (keys[0] if keys else None)

    def _newest_key(self) -> str | None:
        lines = [(e.created, f"{ENTRY}:{e.id}") for e in self.entries if e.created]
        lines += [(a.created, f"{ACTION}:{a.id}") for a in self.actions if a.created]
        return max(lines)[1] if lines else None

    # -- showing ---------------------------------------------------------------

    def _item_label(self, key: int | None) -> str:
        assert self.meeting is not None
        for number, item in enumerate(self.meeting.agenda, start=1):
            if item.key == key:
                label = t("meeting.agenda.item", number=number, title=item.title)
                time, _over = self._item_time(item)
                return f"{label} · {time}" if time else label
        return t("meeting.agenda.no_item")

    def show_header(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        forum = repo.forum(meeting.forum_id)
        forum_name = forum.name if forum else "–"
        self.title = forum_name
        end = cal.format_time(meeting.end) if meeting.end else ""
        self.query_one("#meeting-title", Static).update(Content(self.fit_header(t(
            "meeting.header.title",
            forum=forum_name,
            date=cal.format_long(meeting.day),
            year=meeting.day.year,
            week=cal.week_label(meeting.day),
            time=cal.format_time(meeting.start) + (f"–{end}" if end else ""),
            place=meeting.location or "–",
        ))))
        chair = repo.meeting_chair(meeting) or "–"
        if meeting.chair:
            chair = t("meeting.header.chair_changed", chair=chair)
        meta = self.query_one("#meeting-meta", Static)
        meta.set_class(meeting.status == HELD, "-held")
        words = t(
            "meeting.header.meta",
            chair=chair,
            secretary=meeting.secretary or "–",
            status=t(f"status.meeting.{meeting.status}"),
            item=self._item_label(self.current_key),
        ) + "  ·  " + self.justering_words()
        if getattr(self.app, "demo", False):
            words += "  ·  " + t("app.subtitle_demo")
        meta.update(Content(self.fit_header(words)))

    def show_attendance(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        panel = self.query_one(AttendancePanel)
        present = sum(1 for a in meeting.attendance if a.status == PRESENT)
        panel.border_title = t("meeting.attendance.title", present=present, total=len(meeting.attendance))
        panel.set_rows([
            AttendanceLine(index=i, name=a.name, organisation=a.organisation, status=a.status, guest=a.guest)
            for i, a in enumerate(meeting.attendance)
        ])

    def show_agenda(self, select: int | None = None) -> None:
        meeting = self.meeting
        assert meeting is not None
        counts: dict[int | None, int] = {}
        for line in [*self.entries, *self.actions]:
            counts[line.agenda_key] = counts.get(line.agenda_key, 0) + 1
        panel = self.query_one(AgendaPanel)
        panel.border_title = t("meeting.agenda.title")
        panel.show_time(any(item.minutes for item in meeting.agenda))
        rows = []
        for n, item in enumerate(meeting.agenda, start=1):
            time, over = self._item_time(item, short=True)
            rows.append(AgendaLine(key=item.key, number=n, title=item.title, current=item.key == self.current_key,
                                   count=counts.get(item.key, 0), time=time, over=over))
        panel.set_rows(rows, select_key=f"item:{select}" if select is not None else None)

    def show_log(self, select: str | None = None) -> None:
        meeting = self.meeting
        assert meeting is not None
        keys = [item.key for item in meeting.agenda]
        groups: dict[int | None, list[tuple[Any, LogLine]]] = {key: [] for key in [None, *keys]}
        me = self.repo.writer()  # a line someone else wrote says whose it is
        # Where the minutes will put each line: a line without an item (logged from the
        # command line) under the item the meeting was on, else under "Övrigt".
        lines = [*self.entries, *self.actions]
        filed = dict(zip(map(id, lines), filed_under(meeting.agenda, lines)))
        for entry in self.entries:
            line = LogLine(key=f"{ENTRY}:{entry.id}", kind=t(f"kind.{entry.kind}"), text=entry.text,
                           time=cal.format_time(entry.created) if entry.created else "",
                           confidential=entry.confidential, by=entry.by if entry.by != me else "")
            groups[filed[id(entry)]].append((entry.created, line))
        for action in self.actions:
            written = action.history[0].by if action.history else ""  # made with its first history line
            person = self.repo.person(action.owner_person_id)
            org = self.repo.organisation(action.owner_organisation_id)
            line = LogLine(key=f"{ACTION}:{action.id}", kind=t("kind.action"), text=action.text,
                           time=cal.format_time(action.created) if action.created else "",
                           owner=person.name if person else (org.name if org else ""),
                           due=action.due.isoformat() if action.due else "", confidential=action.confidential,
                           by=written if written != me else "")
            groups[filed[id(action)]].append((action.created, line))
        rows: list[LogLine] = []
        # Agenda order; "Övrigt" (lines under no item, the agenda without one) last.
        for number, key in [*enumerate(keys, start=1), (0, None)]:
            members = sorted(groups[key], key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1].key))
            current = key == self.current_key and key is not None
            if not members and not current:
                continue
            if key is None:
                rows.append(LogLine(key="item:none", kind="", text=t("meeting.log.other"),
                                    heading=True, editable=False))
            else:
                rows.append(LogLine(key=f"item:{key}", kind=t("meeting.log.item", number=number),
                                    text=meeting.agenda[number - 1].title, heading=True, current=current,
                                    editable=False))
            rows.extend(line for _, line in members)
        rows.extend(self.queued_rows())
        self.chain_marks(rows)
        log = self.query_one(MeetingLog)
        count = len(self.entries) + len(self.actions)
        log.border_title = t("meeting.log.title", count=count)
        if not count and not self.session.queue:
            rows.append(LogLine(key="empty", text=t("meeting.log.empty"), heading=False, editable=False))
        log.set_rows(rows, select_key=select)
