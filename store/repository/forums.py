"""Forums: looked up by number or name, saved, and the chair a forum's rule gives."""

from __future__ import annotations

from datetime import date

from store.model.forum import Forum
from store.repository.base import RepositoryBase
from store.rules import calendar as cal
from store.rules.names import by_name
from store.text.i18n import UserError


class ForumRecords(RepositoryBase):
    def forums(self) -> list[Forum]:
        return sorted(self._all("forums").values(), key=lambda f: (f.municipality, f.name))

    def forum(self, forum_id: int) -> Forum | None:
        return self._all("forums").get(forum_id)

    def forum_by_name(self, name: str) -> Forum:
        """A forum by id, exact name or unique part of it; one sentence when unknown."""
        return by_name(self.forums(), name, "repo.unknown_forum", "repo.ambiguous_forum")

    def save_forum(self, forum: Forum) -> Forum:
        if not forum.name.strip():
            raise UserError("repo.forum_name_missing")
        clash = [f for f in self.forums() if f.name.lower() == forum.name.strip().lower()]
        if any(f.id != forum.id for f in clash):
            raise UserError("repo.forum_exists", name=forum.name)
        with self.transaction():
            return self._save("forums", forum) if forum.id else self._insert("forums", forum)

    def chair_for(self, forum: Forum, day: date) -> str:
        return cal.chair_for(forum, day, self._all("people"), self._all("organisations"))

