"""What the secretary sees when the disk is full: a sentence, and the line still on screen."""

from __future__ import annotations

import errno
from datetime import date

from textual.widgets import Input

from store.persistence import journal as persistence
from store.repository import Repository
from tui.widgets.meeting_log import MeetingLog


async def test_full_disk_keeps_the_typed_line_and_says_so(demo_repo, make_app, monkeypatch) -> None:
    forum = demo_repo.forum_by_name("Måndagsmöte Södertälje")
    meeting = demo_repo.ensure_meeting(forum, date(2026, 11, 23))
    app = make_app(demo_repo)
    line = "b Polisen genomför riktad insats mot mopeder i Ronna"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.open("meeting", meeting.id)
        await pilot.pause()
        entry = app.screen.query_one(Input)
        entry.value = line
        real_write = persistence.os.write

        def full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(persistence.os, "write", full)
        await pilot.press("enter")
        await pilot.pause()
        # Nothing typed is lost: Enter took the line, and the log shows it as not stored.
        assert entry.value == ""
        log = app.screen.query_one(MeetingLog)
        assert [(row.text, row.state) for row in log.rows_data if row.state] == [(line, "failed")]
        messages = [str(n.message) for n in app._notifications]
        assert any("disken är full" in m for m in messages), messages
        monkeypatch.setattr(persistence.os, "write", real_write)
        await pilot.press("enter")  # space freed: Enter on the empty line tries again
        await pilot.pause()
        assert entry.value == "" and not [row for row in log.rows_data if row.state]
    with Repository(demo_repo.path) as repo:
        texts = [e.text for e in repo.entries(meeting.id)]
    assert texts.count("Polisen genomför riktad insats mot mopeder i Ronna") == 1
