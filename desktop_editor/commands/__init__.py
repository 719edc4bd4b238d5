"""The headless subcommands of desktop-editor: each reads args and talks to the Store.

Grouped by what they do: reading (list, show, search, revisions), editing (import,
attach, set, photo, restore, trash, untrash, duplicate), publishing (check, export) and
the newsroom's word list (words).
Every user mistake becomes one sentence (see user_errors); no URL's password is shown.
"""

from __future__ import annotations

from argparse import Namespace

from desktop_editor.commands.opening import CommandError, open_store, redact  # noqa: F401


def user_errors() -> tuple[type[Exception], ...]:
    """The exceptions whose message is a sentence for the user, not a bug report."""
    from desktop_editor.core.bundle import BundleError
    from desktop_editor.core.corrections import CorrectionRefused
    from desktop_editor.core.export import ExportError
    from desktop_editor.core.house_style import HouseStyleError
    from desktop_editor.core.workflow import WorkflowRefused
    from desktop_editor.core.images import ImageRejected
    from desktop_editor.storage.errors import StoreError
    from desktop_editor.workflows import ExportRefused

    return (StoreError, BundleError, CommandError, ImageRejected, ExportError, HouseStyleError, ExportRefused, WorkflowRefused,
            CorrectionRefused)


WRITING = {"import", "attach", "set", "photo", "restore", "trash", "untrash", "duplicate", "status", "correct"}


def run(args: Namespace) -> int:
    from desktop_editor.commands import desk, editing, publishing, reading, review, words

    handlers = {**reading.HANDLERS, **editing.HANDLERS, **publishing.HANDLERS, **words.HANDLERS, **desk.HANDLERS,
                **review.HANDLERS}  # fmt: skip
    writes = args.command in WRITING or (args.command == "words" and args.action == "add")
    store = open_store(args.store, create=writes)
    try:
        return handlers[args.command](store, args)
    finally:
        store.close()
