"""move-store: copy the store to a new file, verify the copy, and use it from then on."""

from __future__ import annotations

import os
from argparse import Namespace


def cmd_move_store(args: Namespace) -> int:
    from desktop_editor.commands.opening import CommandError
    from desktop_editor.core.text import counted
    from desktop_editor.storage.location import STORE_ENVIRONMENT_VARIABLE, remember_store, resolve_location
    from desktop_editor.storage.move import check_target, in_use, move_store

    location = resolve_location(args.store)
    source, target = check_target(location, args.new_path)
    if in_use(source):
        raise CommandError(
            f"The store at {source} is open in a window or another program: close it first, "
            "or move it from the window (Edit → Preferences → Move store…)."
        )
    moved = move_store(location, target)
    print(f"Copied and checked {counted(moved.articles, 'article')} and {counted(moved.images, 'image')} (schema {moved.revision}).")
    print(moved.sentence())
    if args.store or os.environ.get(STORE_ENVIRONMENT_VARIABLE):
        print(f"The default store is unchanged: name the new one with --store {moved.target}.")
    else:
        remember_store(moved.target)
        print("Desktop Editor opens it from now on (--store and DESKTOP_EDITOR_STORE still choose another).")
    return 0
