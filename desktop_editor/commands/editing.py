"""Commands that write: import, attach, set, photo, restore, trash, untrash, duplicate.

Every change to an article goes through the store's version check, as the window's saves
do: a script's write based on an older version (--expect-version) is refused, never
applied over someone's typing, and a window open on the article is offered to reload.
"""

from __future__ import annotations

import re
from argparse import Namespace
from datetime import UTC, datetime

from desktop_editor.commands.opening import CommandError
from desktop_editor.commands.output import warn
from desktop_editor.core.model import FIGURE_TEXT_FIELDS, Article, PhotoChange
from desktop_editor.core.typography import typeset_fields
from desktop_editor.storage.store import Store

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")


def _current(store: Store, args: Namespace) -> Article:
    """The article as stored, at the version the script says it read (--expect-version)."""
    article = store.find_article(args.article)
    expected = getattr(args, "expect_version", None)
    return article if expected is None else article.replace(version=expected)


def cmd_import(store: Store, args: Namespace) -> int:
    from desktop_editor.workflows import import_file

    article, warnings = import_file(store, args.file)
    for sentence in warnings:
        warn(sentence)
    print(f"Imported “{article.headline}” as {article.slug} (id {article.id}).")
    return 0


def cmd_attach(store: Store, args: Namespace) -> int:
    from desktop_editor.workflows import attach_files

    article = store.find_article(args.article)
    if args.handle and len(args.files) > 1:
        raise CommandError("--handle can only name one photo; give one file with it.")
    if args.replace and not args.handle:
        raise CommandError("--replace needs --handle, the photo whose picture to replace.")
    given = {"caption": args.caption, "credit": args.credit, "alt": args.alt}
    expected = args.expect_version if args.expect_version is not None else article.version
    added, refused = attach_files(
        store, article.id, args.files, given, args.handle, replace=args.replace, expected_version=expected
    )
    for figure in added:
        print(f"Attached {figure.handle} ({figure.width}x{figure.height} {figure.format}).")
    for sentence in refused:
        warn(sentence)
    return 1 if refused else 0


def parse_publish_at(text: str) -> datetime | None:
    """ISO 8601 date or date-time; without a zone, the local time; "" or "none" clears."""
    text = text.strip()
    if text.lower() in ("", "none"):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"“{text}” is not a date and time; write it like 2026-05-01T09:00 or 2026-05-01T09:00+01:00.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the local time zone
    return moment.astimezone(UTC)


def field_changes(args: Namespace) -> dict:
    changes: dict = {}
    for name in ("headline", "standfirst", "byline", "dateline", "kicker"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value.strip()
    if args.headline is not None and not args.headline.strip():
        raise CommandError("The headline cannot be empty.")
    if args.slug is not None:
        from desktop_editor.core.text import slugify

        slug = slugify(args.slug)
        if not slug:
            raise CommandError(f"“{args.slug}” has nothing a slug can be made of; use letters and digits.")
        changes.update(slug=slug, slug_locked=True)
    if args.tags is not None:
        changes["tags"] = tuple(t.strip() for t in args.tags.split(",") if t.strip())
    if args.language is not None:
        if not _LANGUAGE_TAG.match(args.language.strip()):
            raise CommandError(f"“{args.language}” is not a language tag; use one such as en-GB or fr.")
        changes["language"] = args.language.strip()
    if args.word_target is not None:
        if args.word_target < 0:
            raise CommandError("--word-target must be a positive whole number (0 clears it).")
        changes["word_target"] = args.word_target or None
    if args.publish_at is not None:
        changes["publish_at"] = parse_publish_at(args.publish_at)
    changes = typeset_fields(changes)
    if getattr(args, "body_file", None) is not None:
        changes["body"] = read_body(args.body_file)
    return changes


def read_body(name: str) -> str:
    """The text of --body-file: a regular file or standard input ("-"), UTF-8, no larger
    than a Markdown article may be."""
    import sys

    from desktop_editor.core.bundle import MAX_BUNDLE_BYTES
    from desktop_editor.core.inputs import UnreadableFile, read_file, size_text

    where = "Standard input" if name == "-" else name
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_BUNDLE_BYTES + 1)
            if len(data) > MAX_BUNDLE_BYTES:
                raise UnreadableFile(f"is more than the {size_text(MAX_BUNDLE_BYTES)} an article's body may be")
        else:
            data = read_file(name, MAX_BUNDLE_BYTES, "an article's body")
        text = data.decode("utf-8")
    except UnreadableFile as error:
        raise CommandError(f"{where} {error}.") from None
    except UnicodeDecodeError:
        raise CommandError(f"{where} is not UTF-8 text; the body was left as it was.") from None
    except OSError as error:
        raise CommandError(f"{where} cannot be read ({(error.strerror or str(error)).lower()}).") from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def cmd_set(store: Store, args: Namespace) -> int:
    from desktop_editor.commands import desk

    changes = {**field_changes(args), **desk.set_changes(args)}
    if not changes and args.status is None:
        raise CommandError("Nothing to set; give a field such as --headline, --status or --body-file.")
    article = _current(store, args)
    saved = desk.set_with_status(store, article, changes, args)
    print(f"Saved “{saved.headline}” ({saved.slug}, version {saved.version}).")
    return 0


def cmd_photo(store: Store, args: Namespace) -> int:
    article = _current(store, args)
    handles = [figure.handle for figure in store.figures(article.id)]
    if args.handle not in handles:
        known = ", ".join(handles) or "none"
        raise CommandError(f"This article has no photo “{args.handle}” (its photos: {known}).")
    text = {name: getattr(args, name).strip() for name in FIGURE_TEXT_FIELDS if getattr(args, name, None) is not None}
    position = getattr(args, "position", None)
    if not text and not args.lead and position is None:
        raise CommandError("Nothing to change; give a field such as --caption or --credit, --lead or --position.")
    if position is not None and not 1 <= position <= len(handles):
        raise CommandError(f"--position must be between 1 and {len(handles)}, the number of photos of this article.")
    wanted = article.replace(lead_image=args.handle) if args.lead else article
    figure_text = {args.handle: text} if text else None
    if position is None:
        saved = store.save_article(wanted, figure_text=figure_text)
    else:  # the text, the lead and the new order in one version
        order = [handle for handle in handles if handle != args.handle]
        order.insert(position - 1, args.handle)
        saved, _figures = store.change_photos(wanted, figure_text, PhotoChange.reorder(order))
    print(f"Saved photo {args.handle} of “{saved.headline}” (version {saved.version}).")
    return 0


def cmd_restore(store: Store, args: Namespace) -> int:
    article = _current(store, args)
    revisions = {revision.id: revision for revision in store.list_revisions(article.id)}
    if args.revision not in revisions:
        raise CommandError(f"The article “{article.slug}” has no revision {args.revision}; see `desktop-editor revisions {article.slug}`.")
    restored = store.restore_revision(article, revisions[args.revision])
    print(f"Restored revision {args.revision} of “{restored.headline}” (version {restored.version}); the text before it was kept as a revision.")
    return 0


def cmd_trash(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    if article.deleted is not None:
        raise CommandError(f"“{article.headline}” is already in the trash.")
    store.move_to_trash(article.id)
    print(f"Moved “{article.headline}” to the trash; `desktop-editor untrash {article.slug}` brings it back.")
    return 0


def cmd_untrash(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    if article.deleted is None:
        raise CommandError(f"“{article.headline}” is not in the trash.")
    store.restore_from_trash(article.id)
    print(f"Restored “{article.headline}” from the trash.")
    return 0


def cmd_duplicate(store: Store, args: Namespace) -> int:
    copy = store.duplicate_article(store.find_article(args.article).id)
    print(f"Duplicated as “{copy.headline}”, {copy.slug} (id {copy.id}).")
    return 0


HANDLERS = {
    "import": cmd_import, "attach": cmd_attach, "set": cmd_set, "photo": cmd_photo,
    "restore": cmd_restore, "trash": cmd_trash, "untrash": cmd_untrash, "duplicate": cmd_duplicate,
}  # fmt: skip
