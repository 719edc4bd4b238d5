"""A desk on which something happens just after it takes a sync's write: a save on the laptop
being synced (someone typing as the sync runs), or the sync's process killed."""

from __future__ import annotations

from contextlib import contextmanager

from desktop_editor.storage.store import Store


class Stopped(Exception):
    """The sync's process killed."""


def killed() -> None:
    raise Stopped


class Desk(Store):
    """meanwhile() runs once, just after the desk took a sync's next write."""

    meanwhile = None

    @contextmanager
    def _write(self):
        with super()._write() as session:
            yield session
        then, self.meanwhile = self.meanwhile, None
        if then is not None:
            then()
