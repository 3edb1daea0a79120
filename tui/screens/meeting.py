"""The meeting screen: kept open for a whole meeting while the secretary logs it live.

Every Enter on the quick-entry line is one durable commit through
``store.session.live.commit`` (the same path as ``samverkan log``); when a line cannot be
stored the sentence is shown and the typed text stays in the input. Around the
line: who attends, the agenda (and the item new lines are filed under), the log of
this meeting, and the forum's earlier actions to follow up, each handled with one key.

The screen mediates: the panels post Messages, the screen calls the store and hands
the panels fresh rows. It loads only this meeting, its entries and actions and the
forum's open actions, so it opens fast however old the store is.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import date
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
from store.model.constants import DONE, HELD, IN_PROGRESS, PRESENT, STRUCK
from store.model.meeting import Entry, Meeting
from store.model.people import Person
from store.rules import calendar as cal
from store.rules.quickentry import describe, parse_quick_entry
from store.session.live import Resolved, commit, resolve
from store.text.i18n import UserError, t
from tui.events import StoreChanged
from tui.keymap import key_for
from tui.modals.action_update import DueDateModal, ProgressModal
from tui.modals.agenda_item import AgendaItemModal
from tui.modals.confirm import ConfirmModal, PromptModal
from tui.modals.entry_edit import EntryEdit, EntryEditModal
from tui.modals.guest import GuestModal
from tui.modals.owner import OwnerChoice, OwnerModal, OwnerOption
from tui.screens.base import StoreScreen
from tui.services import Services
from tui.widgets.attendance import AttendanceLine, AttendancePanel
from tui.widgets.follow_up import DUE, FollowUpLine, FollowUpPanel
from tui.widgets.footer import KeyFooter
from tui.widgets.meeting_log import AgendaLine, AgendaPanel, LogLine, MeetingLog
from tui.widgets.quick_entry import QuickEntry

ENTRY = "entry"
ACTION = "action"
CHANGE = "change"  # a follow-up change, on the undo stack
SHORT = 60  # characters of a line quoted back in a notification


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


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


class MeetingScreen(StoreScreen):
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
    """

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
        _binding("f9", "close_meeting", "close"),
    ]

    def __init__(self, services: Services, meeting_id: int) -> None:
        super().__init__(services)
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.entries: list[Entry] = []
        self.actions: list[Action] = []  # created in this meeting
        self.follow_up: list[Action] = []
        self.current_key: int | None = None  # the agenda item new lines are filed under
        # Lines created and follow-up changes made in this screen session, newest last:
        # (ENTRY or ACTION, id), or (CHANGE, n) with _changes[n] = (action id, its history
        # length after the change, status and due date before it).
        self.undo_stack: list[tuple[str, int]] = []
        self._changes: dict[int, tuple[int, int, str, date | None]] = {}
        self._change_tokens = itertools.count(1)
        self._last_saved: str | None = None
        self._own_modal = False
        self._shown_once = False

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
        # Each panel names the key that jumps to it, as the app runs (terminal or browser).
        panels = {"attendance": ("meeting.attendance", "ctrl+t"), "agenda": ("meeting.agenda", "ctrl+g"),
                  "log": ("meeting.log", "ctrl+l"), "follow-up": ("meeting.follow_up", "ctrl+f")}
        for panel, (binding_id, key) in panels.items():
            self.query_one(f"#{panel}").border_subtitle = key_for(self.app, binding_id, key)
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
        self.app.call_next(_collect_closed_screen)

    def on_store_changed(self, message: StoreChanged) -> None:
        # Another process (a second window, `samverkan log`) committed: show it.
        self.reload()

    def ask(self, modal: ModalScreen[Any], done: Callable[[Any], None]) -> None:
        self._own_modal = True
        self.app.push_screen(modal, done)

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

    def _load_follow_up(self) -> None:
        repo = self.repo
        meeting = self.meeting
        assert meeting is not None
        found = {a.id: a for a in repo.open_actions_of_forum(meeting.forum_id, before=meeting.start)
                 if a.origin_meeting_id != meeting.id}
        # Handled here already (done, struck …): keep them in the list with their new status.
        for action in repo.actions_of_meeting(meeting.id):
            if action.origin_meeting_id != meeting.id:
                found[action.id] = action
        # Rows stay where they were when handled (a new due date does not make the row
        # jump away from under the cursor); new ones go by due date after them.
        place = {a.id: n for n, a in enumerate(self.follow_up)}
        self.follow_up = sorted(
            found.values(), key=lambda a: (place.get(a.id, len(place)), a.due or date.max, a.id)
        )

    def _latest_item(self, keys: list[int]) -> int | None:
        """Reopened mid-meeting: carry on under the item of the last line logged."""
        lines = [*self.entries, *self.actions]
        lines = [line for line in lines if line.agenda_key in keys and line.created]
        if lines:
            return max(lines, key=lambda line: line.created).agenda_key
        return keys[0] if keys else None

    def _newest_key(self) -> str | None:
        lines = [(e.created, f"{ENTRY}:{e.id}") for e in self.entries if e.created]
        lines += [(a.created, f"{ACTION}:{a.id}") for a in self.actions if a.created]
        return max(lines)[1] if lines else None

    # -- showing ---------------------------------------------------------------

    def _item_label(self, key: int | None) -> str:
        assert self.meeting is not None
        for number, item in enumerate(self.meeting.agenda, start=1):
            if item.key == key:
                return t("meeting.agenda.item", number=number, title=item.title)
        return t("meeting.agenda.no_item")

    def show_header(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        forum = repo.forum(meeting.forum_id)
        forum_name = forum.name if forum else "–"
        self.title = forum_name
        end = cal.format_time(meeting.end) if meeting.end else ""
        self.query_one("#meeting-title", Static).update(Content(t(
            "meeting.header.title",
            forum=forum_name,
            date=cal.format_long(meeting.day),
            year=meeting.day.year,
            week=cal.week_label(meeting.day),
            time=cal.format_time(meeting.start) + (f"–{end}" if end else ""),
            place=meeting.location or "–",
        )))
        chair = repo.meeting_chair(meeting) or "–"
        if meeting.chair:
            chair = t("meeting.header.chair_changed", chair=chair)
        meta = self.query_one("#meeting-meta", Static)
        meta.set_class(meeting.status == HELD, "-held")
        meta.update(Content(t(
            "meeting.header.meta",
            chair=chair,
            secretary=meeting.secretary or "–",
            status=t(f"status.meeting.{meeting.status}"),
            item=self._item_label(self.current_key),
        )) + (Content("  ·  " + t("app.subtitle_demo")) if getattr(self.app, "demo", False) else Content("")))

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
        panel.set_rows(
            [AgendaLine(key=item.key, number=n, title=item.title, current=item.key == self.current_key,
                        count=counts.get(item.key, 0))
             for n, item in enumerate(meeting.agenda, start=1)],
            select_key=f"item:{select}" if select is not None else None,
        )

    def show_log(self, select: str | None = None) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        keys = [item.key for item in meeting.agenda]
        groups: dict[int | None, list[tuple[Any, LogLine]]] = {key: [] for key in [None, *keys]}
        for entry in self.entries:
            line = LogLine(
                key=f"{ENTRY}:{entry.id}",
                kind=t(f"kind.{entry.kind}"),
                text=entry.text,
                time=cal.format_time(entry.created) if entry.created else "",
                confidential=entry.confidential,
            )
            group = entry.agenda_key if entry.agenda_key in keys else None
            groups[group].append((entry.created, line))
        for action in self.actions:
            person = repo.person(action.owner_person_id)
            org = repo.organisation(action.owner_organisation_id)
            line = LogLine(
                key=f"{ACTION}:{action.id}",
                kind=t("kind.action"),
                text=action.text,
                time=cal.format_time(action.created) if action.created else "",
                owner=person.name if person else (org.name if org else ""),
                due=action.due.isoformat() if action.due else "",
                confidential=action.confidential,
            )
            group = action.agenda_key if action.agenda_key in keys else None
            groups[group].append((action.created, line))
        rows: list[LogLine] = []
        # Agenda order; lines under no item (e.g. logged from the command line) last.
        for number, key in [*enumerate(keys, start=1), (0, None)]:
            members = sorted(groups[key], key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1].key))
            current = key == self.current_key and key is not None
            if not members and not current:
                continue
            if key is None:
                rows.append(LogLine(key="item:none", kind="", text=t("meeting.agenda.no_item"),
                                    heading=True, editable=False))
            else:
                title = meeting.agenda[number - 1].title
                rows.append(LogLine(key=f"item:{key}", kind=t("meeting.log.item", number=number),
                                    text=title, heading=True, current=current, editable=False))
            rows.extend(line for _, line in members)
        log = self.query_one(MeetingLog)
        count = len(self.entries) + len(self.actions)
        log.border_title = t("meeting.log.title_one" if count == 1 else "meeting.log.title", count=count)
        if not count:
            rows.append(LogLine(key="empty", text=t("meeting.log.empty"), heading=False, editable=False))
        log.set_rows(rows, select_key=select)

    def show_follow_up(self, select: int | None = None) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        today = self.today()
        rows = []
        handled = 0
        for action in self.follow_up:
            person = repo.person(action.owner_person_id)
            org = repo.organisation(action.owner_organisation_id)
            here = any(event.meeting_id == meeting.id for event in action.history)
            handled += here
            rows.append(FollowUpLine(
                action_id=action.id,
                text=action.text,
                owner=person.name if person else (org.name if org else ""),
                due=action.due.isoformat() if action.due else "",
                status=action.status,
                overdue=action.is_overdue(today),
                handled=here,
            ))
        panel = self.query_one(FollowUpPanel)
        panel.border_title = t("meeting.follow.title", open=len(rows) - handled, handled=handled)
        panel.set_rows(rows, select_key=f"action:{select}" if select is not None else None)

    # -- the quick-entry line ----------------------------------------------------

    def on_quick_entry_changed(self, message: QuickEntry.Changed) -> None:
        if message.text.strip():
            self._last_saved = None
        self.show_preview(message.text)

    def show_preview(self, text: str) -> None:
        """Parse and resolve the line (no store scan: names are cached) and say how it reads."""
        entry_line = self.quick_entry
        if not text.strip():
            if self._last_saved:
                entry_line.show_preview(self._last_saved, "saved")
            else:
                entry_line.show_preview(t("meeting.preview.hint"), "hint")
            return
        today = self.today()
        parsed = parse_quick_entry(text, today)
        if not parsed.ok:
            entry_line.show_preview(describe(parsed, today), "error")
            return
        resolved = resolve(self.repo, parsed, self.meeting)
        entry_line.show_preview(self._describe(resolved), "ok" if resolved.ok else "error")

    def _describe(self, resolved: Resolved) -> str:
        today = self.today()
        owner = self._owner_label(resolved)
        if owner and not resolved.unknown_owners and not resolved.ambiguous:
            # Say who was found ("Anna Sjöberg (Södertälje kommun)") instead of what was typed.
            parts = describe(replace(resolved.entry, owners=[]), today).split(" · ")
            parts.insert(1, t("quickentry.preview.owners", owners=owner))
        else:
            parts = [describe(resolved.entry, today)]
        if resolved.promise is not None:
            parts.append(t("meeting.preview.promise_is", text=_short(resolved.promise.text)))
        forum = self.repo.forum(self.meeting.forum_id) if self.meeting else None
        if not resolved.entry.confidential and forum is not None and forum.confidential_default:
            parts.append(t("meeting.preview.confidential_default"))
        parts.append(t("meeting.preview.under", item=self._item_label(self.current_key)))
        text = " · ".join(parts)
        if resolved.ambiguous and not resolved.unknown_promises:
            token, names = next(iter(resolved.ambiguous.items()))
            return t("meeting.preview.ambiguous_owner", owner=token, names=", ".join(names), line=text)
        if resolved.unknown_owners and not resolved.ambiguous:
            return t("meeting.preview.unknown_owner", owner=resolved.unknown_owners[0], line=text)
        problem = resolved.error()
        return t("meeting.preview.problem", problem=str(problem), line=text) if problem else text

    @staticmethod
    def _owner_label(resolved: Resolved) -> str:
        if resolved.person is not None:
            org = resolved.organisation
            return f"{resolved.person.name} ({org.name})" if org else resolved.person.name
        return resolved.organisation.name if resolved.organisation is not None else ""

    def on_quick_entry_submitted(self, message: QuickEntry.Submitted) -> None:
        text = message.text
        if not text.strip():
            return
        parsed = parse_quick_entry(text, self.today())
        resolved = resolve(self.repo, parsed, self.meeting)
        if parsed.ok and (resolved.unknown_owners or resolved.ambiguous) and not resolved.unknown_promises:
            self._ask_owner(text, resolved, [*resolved.ambiguous, *resolved.unknown_owners], [])
            return
        self._commit(text, resolved, [])

    def _ask_owner(self, text: str, resolved: Resolved, tokens: list[str],
                   chosen: list[tuple[str, OwnerChoice]]) -> None:
        repo = self.repo
        organisations = repo.organisations()
        options = [OwnerOption(label=o.name, organisation_id=o.id) for o in organisations]
        for person in repo.people():
            org = repo.organisation(person.organisation_id)
            label = f"{person.name} ({org.name})" if org else person.name
            options.append(OwnerOption(label=label, person_id=person.id, organisation_id=org.id if org else None))
        options.sort(key=lambda o: o.label.casefold())
        token = tokens[0]

        def answered(choice: OwnerChoice | None) -> None:
            if choice is None:
                self.quick_entry.show_preview(t("meeting.owner.cancelled", owner=token), "error")
                self.quick_entry.focus_input()
                return
            chosen.append((token, choice))
            if len(tokens) > 1:
                self._ask_owner(text, resolved, tokens[1:], chosen)
            else:
                self._commit(text, resolved, chosen)

        self.ask(OwnerModal(token, [(o.id, o.name) for o in organisations], options,
                            candidates=resolved.ambiguous.get(token, ())), answered)

    def _commit(self, text: str, resolved: Resolved, chosen: list[tuple[str, OwnerChoice]]) -> None:
        repo = self.repo
        meeting = self.meeting
        assert meeting is not None
        try:
            # One transaction: a new owner is only kept if the line itself is stored.
            with repo.transaction():
                for token, choice in chosen:
                    self._apply_owner(resolved, choice)
                    if token in resolved.unknown_owners:
                        resolved.unknown_owners.remove(token)
                    resolved.ambiguous.pop(token, None)
                stored = commit(repo, meeting, resolved, self.current_key)
        except UserError as error:
            self._refuse(str(error))
            return
        except Exception as error:  # noqa: BLE001 - the typed line must survive any failure
            self.log.error(error)
            self._refuse(t("meeting.error.unexpected", error=type(error).__name__))
            return
        kind = ACTION if isinstance(stored, Action) else ENTRY
        self.undo_stack.append((kind, stored.id))
        label = t("kind.action") if kind == ACTION else t(f"kind.{stored.kind}")
        self._last_saved = t("meeting.preview.saved", time=cal.format_time(stored.created) if stored.created
                             else "", kind=label, text=_short(stored.text))
        entry_line = self.quick_entry
        if entry_line.value == text:
            entry_line.clear()
        self.show_preview(entry_line.value)
        entry_line.focus_input()
        self._load_lines()
        self.show_log(select=f"{kind}:{stored.id}")
        self.show_agenda()

    def _apply_owner(self, resolved: Resolved, choice: OwnerChoice) -> None:
        repo = self.repo
        if choice.is_new:
            person = repo.save_person(Person(name=choice.new_name, organisation_id=choice.new_organisation_id))
            if resolved.person is None:
                resolved.person = person
                resolved.organisation = resolved.organisation or repo.organisation(choice.new_organisation_id)
            return
        if choice.person_id and resolved.person is None:
            resolved.person = repo.person(choice.person_id)
        if choice.organisation_id and resolved.organisation is None:
            resolved.organisation = repo.organisation(choice.organisation_id)

    def _refuse(self, sentence: str) -> None:
        """The line was not stored: say why, keep the typed text where it is."""
        self.notify(sentence, severity="error", timeout=8)
        self.quick_entry.show_preview(sentence, "error")
        self.quick_entry.focus_input()

    # -- undo, edit, delete ------------------------------------------------------

    def _line(self, key: str) -> Entry | Action | None:
        kind, _, ident = key.partition(":")
        if not ident.isdigit():
            return None
        repo = self.repo
        return repo.entry(int(ident)) if kind == ENTRY else repo.action(int(ident)) if kind == ACTION else None

    def _line_label(self, line: Entry | Action) -> str:
        return t("kind.action") if isinstance(line, Action) else t(f"kind.{line.kind}")

    def action_undo(self) -> None:
        repo = self.repo
        while self.undo_stack:
            kind, ident = self.undo_stack.pop()
            if kind == CHANGE:
                self._undo_change(*self._changes.pop(ident))
                return
            line = self._line(f"{kind}:{ident}")
            if line is None:
                continue  # already removed (x in the log, another window)
            try:
                if kind == ENTRY:
                    repo.delete_entry(ident)
                else:
                    repo.delete_action(ident)
            except UserError as error:
                self.undo_stack.append((kind, ident))
                self.notify(str(error), severity="error", timeout=8)
                return
            self.notify(t("meeting.undo.done", kind=self._line_label(line), text=_short(line.text)))
            self._last_saved = None
            self.show_preview(self.quick_entry.value)
            self._load_lines()
            self.show_log(select=self._newest_key())
            self.show_agenda()
            return
        self.notify(t("meeting.undo.nothing"), severity="warning")

    def _undo_change(self, action_id: int, history_len: int, status: str, due: date | None) -> None:
        reverted = self.guard(self.repo.revert_action_change, action_id, history_len, status, due)
        if reverted is None:
            return  # changed again since: the sentence is shown, nothing else to undo
        self.notify(t("meeting.undo.follow", id=reverted.id, text=_short(reverted.text),
                      status=t(f"status.action.{reverted.status}"),
                      due=reverted.due.isoformat() if reverted.due else "–"))
        self._load_follow_up()
        self.show_follow_up(select=reverted.id)

    def action_edit(self) -> None:
        log = self.query_one(MeetingLog)
        key = log.line_key() if log.has_focus else None
        if key is None:
            key = next((f"{k}:{i}" for k, i in reversed(self.undo_stack) if self._line(f"{k}:{i}")), None)
        key = key or self._newest_key()
        if key is None:
            self.notify(t("meeting.edit.nothing"), severity="warning")
            return
        self._edit(key)

    def on_meeting_log_edit_requested(self, message: MeetingLog.EditRequested) -> None:
        self._edit(message.key)

    def _edit(self, key: str) -> None:
        line = self._line(key)
        if line is None:
            self.notify(t("meeting.edit.gone"), severity="warning")
            self.reload()
            return
        current = EntryEdit(text=line.text, kind=ACTION if isinstance(line, Action) else line.kind,
                            confidential=line.confidential)

        def edited(change: EntryEdit | None) -> None:
            if change is not None:
                self._save_edit(key, change)

        self.ask(EntryEditModal(current), edited)

    def _save_edit(self, key: str, change: EntryEdit) -> None:
        repo = self.repo
        try:
            with repo.transaction():
                line = self._line(key)  # fresh, after other windows' commits
                if line is None:
                    raise UserError("meeting.edit.gone")
                line.text = change.text
                line.confidential = change.confidential
                if isinstance(line, Action):
                    repo.save_action(line)
                else:
                    line.kind = change.kind
                    repo.save_entry(line)
        except UserError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.notify(t("meeting.edit.saved", kind=self._line_label(line), text=_short(line.text)))
        self._load_lines()
        self.show_log(select=key)

    def on_meeting_log_delete_requested(self, message: MeetingLog.DeleteRequested) -> None:
        line = self._line(message.key)
        if line is None:
            self.reload()
            return
        kind, _, ident = message.key.partition(":")

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            repo = self.repo
            work = repo.delete_entry if kind == ENTRY else repo.delete_action
            if self.guard(work, int(ident)) is None and self._line(message.key) is None:
                self.undo_stack = [(k, i) for k, i in self.undo_stack if f"{k}:{i}" != message.key]
                self.notify(t("meeting.delete.done", kind=self._line_label(line), text=_short(line.text)))
                self._load_lines()
                self.show_log()
                self.show_agenda()

        self.ask(ConfirmModal(t("meeting.delete.title"),
                              t("meeting.delete.question", kind=self._line_label(line), text=line.text)),
                 confirmed)

    # -- attendance --------------------------------------------------------------

    def _change_meeting(self, work: Callable[..., Meeting], *args: Any, gone: str = "") -> bool:
        """Run one store change of this meeting and keep what it returns.

        ``gone`` names the refusal for a row or item that is no longer there (another
        window changed the meeting): that is no error here, the fresh meeting is shown.
        """
        repo = self.repo
        try:
            meeting = work(self.meeting_id, *args)
        except UserError as error:
            fresh = repo.meeting(self.meeting_id) if gone and error.key == gone else None
            if fresh is None:
                self.notify(str(error), severity="error", timeout=8)
                return False
            meeting = fresh
        self.meeting = meeting
        return True

    def on_attendance_panel_toggle(self, message: AttendancePanel.Toggle) -> None:
        if self._change_meeting(self.repo.cycle_attendance, message.index,
                                gone="repo.unknown_attendance_row"):
            self.show_attendance()

    def on_attendance_panel_add_guest(self, message: AttendancePanel.AddGuest) -> None:
        names = [o.name for o in self.repo.organisations()]

        def added(guest: Any) -> None:
            if guest is None:
                return
            if self._change_meeting(self.repo.add_guest, guest.name, guest.organisation, guest.role):
                self.show_attendance()
                panel = self.query_one(AttendancePanel)
                panel.move_cursor(row=panel.row_count - 1)
                self.notify(t("meeting.guest.added", name=guest.name))

        self.ask(GuestModal(names), added)

    # -- agenda ------------------------------------------------------------------

    def _set_current(self, key: int | None) -> None:
        self.current_key = key
        self.show_header()
        self.show_agenda(select=key)
        self.show_log()
        self.show_preview(self.quick_entry.value)

    def on_agenda_panel_current_chosen(self, message: AgendaPanel.CurrentChosen) -> None:
        self._set_current(message.key)
        self.quick_entry.focus_input()

    def action_next_item(self) -> None:
        assert self.meeting is not None
        keys = [item.key for item in self.meeting.agenda]
        if not keys:
            self.notify(t("meeting.agenda.empty"), severity="warning")
            return
        index = keys.index(self.current_key) + 1 if self.current_key in keys else 0
        if index >= len(keys):
            self.notify(t("meeting.agenda.last"), severity="warning")
            return
        self._set_current(keys[index])

    def on_agenda_panel_add_requested(self, message: AgendaPanel.AddRequested) -> None:
        after = next((i.title for i in self.meeting.agenda if i.key == message.after_key), "") \
            if self.meeting else ""

        def added(title: str | None) -> None:
            if not title:
                return
            if self._change_meeting(self.repo.add_agenda_item, title, message.after_key):
                assert self.meeting is not None
                # The new item has the largest key of the meeting.
                self._set_current(max(item.key for item in self.meeting.agenda))
                self.quick_entry.focus_input()
                self.notify(t("meeting.agenda.added", title=title))

        self.ask(AgendaItemModal(after), added)

    def on_agenda_panel_move_requested(self, message: AgendaPanel.MoveRequested) -> None:
        if self._change_meeting(self.repo.move_agenda_item, message.key, message.delta,
                                gone="repo.unknown_agenda_item"):
            self.show_header()
            self.show_agenda(select=message.key)
            self.show_log()

    # -- chair, secretary, closing -----------------------------------------------

    def action_set_chair(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        repo = self.repo
        forum = repo.forum(meeting.forum_id)
        by_rule = repo.chair_for(forum, meeting.day) if forum else ""

        def chosen(name: str | None) -> None:
            if name is None:
                return
            # The store clears the override when the name is the one the rule gives.
            if self._change_meeting(repo.set_chair, name):
                self.show_header()
                self.notify(t("meeting.chair.saved", chair=repo.meeting_chair(self.meeting) or "–"))

        self.ask(PromptModal(t("meeting.chair.title"), t("meeting.chair.label"),
                             value=repo.meeting_chair(meeting),
                             hint=t("meeting.chair.hint", rule=by_rule or "–")), chosen)

    def action_set_secretary(self) -> None:
        meeting = self.meeting
        assert meeting is not None

        def chosen(name: str | None) -> None:
            if name is None:
                return
            if self._change_meeting(self.repo.set_secretary, name):
                self.show_header()

        self.ask(PromptModal(t("meeting.secretary.title"), t("meeting.secretary.label"),
                             value=meeting.secretary), chosen)

    def action_close_meeting(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        if meeting.status == HELD:
            self._offer_export()
            return
        forum = self.repo.forum(meeting.forum_id)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                self.quick_entry.focus_input()
                return

            if self._change_meeting(self.repo.mark_held):
                self.show_header()
                self.notify(t("meeting.close.done"))
                self._offer_export()

        self.ask(ConfirmModal(t("meeting.close.title"),
                              t("meeting.close.question", forum=forum.name if forum else "",
                                date=cal.format_long(meeting.day)),
                              word=t("meeting.close.word"), yes=t("meeting.close.yes")), confirmed)

    def _offer_export(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.open_export()
            else:
                self.quick_entry.focus_input()

        self.ask(ConfirmModal(t("meeting.export.title"), t("meeting.export.question"),
                              yes=t("meeting.export.yes")), answered)

    def open_export(self) -> None:
        self._own_modal = False  # coming back from the export screen reloads
        self.app.open("export", "minutes", meeting_id=self.meeting_id)

    # -- follow-up of earlier actions --------------------------------------------

    def on_follow_up_panel_handle(self, message: FollowUpPanel.Handle) -> None:
        action = next((a for a in self.follow_up if a.id == message.action_id), None)
        if action is None:
            return
        if message.how in (DONE, STRUCK):
            self._change_action(action, status=message.how)
        elif message.how == IN_PROGRESS:
            self.ask(ProgressModal(action.text),
                     lambda note: note is not None and self._change_action(action, status=IN_PROGRESS, note=note))
        elif message.how == DUE:
            self.ask(DueDateModal(action.text, action.due, self.today()),
                     lambda due: due is not None and self._change_action(action, due=due))

    def _change_action(self, action: Action, status: str | None = None, due: date | None = None,
                       note: str = "") -> bool:
        before = self.repo.action(action.id) or action
        changed = self.guard(self.repo.change_action, action.id, meeting_id=self.meeting_id,
                                 status=status, due=due, note=note)
        if changed is None:
            return False
        if len(changed.history) > len(before.history):  # ctrl+z takes it back
            token = next(self._change_tokens)
            self._changes[token] = (changed.id, len(changed.history), before.status, before.due)
            self.undo_stack.append((CHANGE, token))
        if due is not None:
            what = t("meeting.follow.new_due", date=due.isoformat(), week=cal.week_label(due))
        else:
            what = t(f"status.action.{changed.status}")
        self.notify(t("meeting.follow.changed", id=changed.id, text=_short(changed.text), what=what))
        self._load_follow_up()
        self.show_follow_up(select=changed.id)
        return True

    # -- focus and leaving -------------------------------------------------------

    def action_focus_panel(self, name: str) -> None:
        self.query_one(f"#{name}").focus()

    def action_focus_entry(self) -> None:
        self.quick_entry.focus_input()

    def action_back(self) -> None:
        if self.quick_entry.value.strip():
            # Leaving would drop a line the secretary has not stored yet.
            self.notify(t("meeting.back.unsaved"), severity="warning", timeout=6)
            self.quick_entry.focus_input()
            return
        self.app.pop_screen()
