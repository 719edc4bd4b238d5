"""desktop-editor sync: this store and the desk server exchange what changed on either side.

The desk is --desk, else $DESKTOP_EDITOR_DESK, else `desk = "..."` in house-style.toml: any
store URL (the newsroom's PostgreSQL server) or a SQLite file.
"""

from __future__ import annotations

import os
import socket
from argparse import Namespace

from desktop_editor.commands.opening import CommandError, open_store, redact, shown
from desktop_editor.commands.output import dump_json

DESK_ENVIRONMENT_VARIABLE = "DESKTOP_EDITOR_DESK"


def desk_location(args: Namespace) -> str:
    if args.desk:
        return args.desk
    if os.environ.get(DESK_ENVIRONMENT_VARIABLE):
        return os.environ[DESK_ENVIRONMENT_VARIABLE]
    from desktop_editor.core import house_style

    desk = house_style.load().desk
    if not desk:
        raise CommandError(
            "No desk server is set: give --desk URL, set DESKTOP_EDITOR_DESK, or put "
            f"desk = \"postgresql+psycopg://HOST/DATABASE\" in {house_style.settings_path()}."
        )
    return desk


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def cmd_sync(args: Namespace) -> int:
    from desktop_editor.storage.errors import StoreError
    from desktop_editor.storage.location import store_url
    from desktop_editor.storage.sync import sync

    desk_url = store_url(desk_location(args))
    local = open_store(args.store, create=True)
    try:
        if store_url(local.url) == desk_url:
            raise CommandError("The desk is this store itself; give the desk server's address with --desk.")
        try:
            desk = open_store(desk_url, create=True)
        except (StoreError, CommandError) as error:
            raise CommandError(f"The desk {shown(desk_url)} cannot be reached, so nothing was synced: {redact(str(error), desk_url)}") from None
        try:
            report = sync(local, desk, local_name=f"{socket.gethostname()} ({local.display})", desk_name=desk.display)
        finally:
            desk.close()
    finally:
        local.close()
    if args.json:
        dump_json({
            "sent": report.sent, "received": report.received, "merged": report.merged,
            "photos_sent": report.photos_sent, "photos_received": report.photos_received,
            "revisions_sent": report.revisions_sent, "revisions_received": report.revisions_received,
            "words_sent": report.words_sent, "words_received": report.words_received,
            "conflicts": report.conflicts, "left_for_next_sync": report.left,
            "nothing_to_do": report.nothing_to_do,
        })  # fmt: skip
        return 0
    if report.nothing_to_do:
        print("Nothing to sync: this store and the desk hold the same.")
        return 0
    print(
        f"Sent {_plural(report.sent, 'article')}, {_plural(report.photos_sent, 'photo')}, "
        f"{_plural(report.revisions_sent, 'revision')}; received {_plural(report.received, 'article')}, "
        f"{_plural(report.photos_received, 'photo')}, {_plural(report.revisions_received, 'revision')}; "
        f"merged {_plural(report.merged, 'article')}; {_plural(len(report.conflicts), 'conflict')}."
    )
    for conflict in report.conflicts:
        where = f"photo {conflict['handle']} {conflict['field']}" if conflict["handle"] else conflict["field"]
        print(f"  Conflict in {where}: kept “{conflict['kept']}”, the other value “{conflict['other']}” is in show --json.")
    if report.left:
        print(f"  {_plural(len(report.left), 'article')} changed while syncing; sync again to take them.")
    return 0
