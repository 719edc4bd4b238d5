"""desktop-editor: with no arguments opens the window; subcommands work headless."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop_editor import __version__

FIGURE_OPTIONS = ("caption", "credit", "creator", "copyright", "alt", "extended-description", "instructions")


def build_parser() -> argparse.ArgumentParser:
    from desktop_editor.commands import desk, review

    parser = argparse.ArgumentParser(
        prog="desktop-editor",
        description="An offline article editor for newsrooms. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test", action="store_true",
        help="check this installation headless: open a temporary store, import, render and export "
        "a sample article, then exit (0 when all is well)",
    )  # fmt: skip
    store_help = (
        "store file or SQLAlchemy URL (default: $DESKTOP_EDITOR_STORE, else where move-store put it, "
        "else the user data folder)"
    )
    parser.add_argument("--store", metavar="PATH|URL", help=store_help)
    parser.add_argument(
        "--desk", metavar="URL",
        help="the desk server the window syncs with, for this session (default: $DESKTOP_EDITOR_DESK, "
        "else Preferences → Sync)",
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, article: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--store", metavar="PATH|URL", help=store_help, default=argparse.SUPPRESS)
        if article:
            sub.add_argument("article", metavar="ARTICLE", help="id or slug")
        return sub

    def expect_version(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--expect-version", type=int, metavar="N",
            help="refuse unless the article is still at version N (as read by show --json)",
        )  # fmt: skip

    def house_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--credit-format", metavar="TEXT", help="house credit format, e.g. 'Picture: {credit}'")
        sub.add_argument(
            "--require-credit", action=argparse.BooleanOptionalAction, default=None,
            help="a shown photo without a credit blocks export (default: the settings file, else yes)",
        )  # fmt: skip
        sub.add_argument("--strict", action="store_true", help="warnings block too")

    sub = command("import", "import an article: Markdown with YAML front matter, or a Word .docx", article=False)
    sub.add_argument("file", type=Path, metavar="FILE.md|FILE.docx")

    sub = command("attach", "attach photos to an article")
    sub.add_argument("files", type=Path, nargs="+", metavar="FILE")
    sub.add_argument("--caption")
    sub.add_argument("--credit")
    sub.add_argument("--alt")
    sub.add_argument("--handle", help="handle for the photo (one file only); refused if the article has it")
    sub.add_argument("--replace", action="store_true", help="with --handle: put the new picture in that photo's place")
    expect_version(sub)

    sub = command("set", "change an article's fields")
    sub.add_argument("--headline")
    sub.add_argument("--standfirst")
    sub.add_argument("--byline")
    sub.add_argument("--dateline", metavar="PLACE", help="where the story was filed from, e.g. BRUSSELS ('' clears)")
    sub.add_argument("--kicker", metavar="TEXT", help="the small label above the headline, e.g. Analysis ('' clears)")
    sub.add_argument("--tags", metavar="A,B,C", help="comma-separated; '' clears")
    sub.add_argument("--slug")
    sub.add_argument("--language", metavar="TAG", help="e.g. en-GB")
    sub.add_argument("--word-target", type=int, metavar="N", help="0 clears it")
    sub.add_argument("--publish-at", metavar="WHEN", help="ISO 8601, e.g. 2026-05-01T09:00+01:00; 'none' clears")
    sub.add_argument("--body-file", metavar="FILE", help="replace the body with this UTF-8 Markdown file ('-': standard input)")
    desk.set_options(sub)
    expect_version(sub)

    sub = command("photo", "change a photo's text, its place among the photos, or make it the lead image")
    sub.add_argument("handle", metavar="HANDLE")
    for option in FIGURE_OPTIONS:
        sub.add_argument(f"--{option}", metavar="TEXT")
    sub.add_argument("--lead", action="store_true", help="make this photo the lead image")
    sub.add_argument("--position", type=int, metavar="N", help="move this photo to place N among the article's photos (1: first)")
    expect_version(sub)

    desk.add_commands(command)
    review.add_commands(command)

    sub = command("revisions", "list an article's revisions")
    sub.add_argument("--json", action="store_true")

    sub = command("restore", "put back a revision (the current text is kept as a revision first)")
    sub.add_argument("revision", type=int, metavar="REVISION", help="a revision id from `revisions`")
    expect_version(sub)

    command("trash", "move an article to the trash")
    command("untrash", "bring an article back from the trash")
    command("duplicate", "copy an article with its photos")

    sub = command("list", "list the articles in the store", article=False)
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--trash", action="store_true", help="list the trash instead")

    sub = command("show", "show one article")
    sub.add_argument("--json", action="store_true")

    sub = command("search", "search headline, standfirst, byline, tags, captions and body", article=False)
    sub.add_argument("query")
    sub.add_argument("--json", action="store_true")

    sub = command("check", "preflight an article; exit 1 when something blocks export")
    house_options(sub)

    sub = command("export", "check, then export an article as HTML or as a Markdown bundle")
    sub.add_argument("--out", type=Path, required=True, metavar="DIR")
    sub.add_argument("--format", choices=("folder", "zip", "single", "markdown", "ninjs"), default="folder")
    sub.add_argument("--force", action="store_true", help="replace DIR if it exists")
    house_options(sub)
    sub.add_argument("--base-url", metavar="URL", help="the published page's address ({slug} is replaced)")
    sub.add_argument("--publisher", metavar="NAME", help="the publisher named in the page's metadata")
    sub = command("words", "the newsroom's word list: words every desk's spelling checker accepts", article=False)
    sub.add_argument("action", choices=("list", "add", "remove"), nargs="?", default="list")
    sub.add_argument("words", nargs="*", metavar="WORD")

    sub = command("sync", "send what changed here to the desk server and take what changed there", article=False)
    sub.add_argument("--desk", metavar="PATH|URL", help="the desk's store (default: $DESKTOP_EDITOR_DESK, else desk in house-style.toml)")
    sub.add_argument("--json", action="store_true")

    command(
        "upgrade-store", "upgrade a shared store to this version's layout (desks on older versions "
        "are then told which version to install)", article=False,
    )  # fmt: skip
    sub = command("move-store", "copy the store to a new file, check the copy, and use it from now on "
                  "(the old file is left where it was)", article=False)  # fmt: skip
    sub.add_argument("new_path", type=Path, metavar="NEW_PATH")
    return parser


def window_arguments(arguments: list[str]) -> argparse.Namespace | None:
    """The window's own command line (nothing, --store PATH|URL, --desk URL) read without building
    every command's parser, which would cost each start of the window about 17 ms. None for
    anything else: a command, --help, --version, a mistake, which the full parser answers."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--store")
    parser.add_argument("--desk")
    try:
        args, rest = parser.parse_known_args(arguments)
    except argparse.ArgumentError:
        return None
    if rest or any(value is not None and value.startswith("-") for value in (args.store, args.desk)):
        return None
    return argparse.Namespace(store=args.store, desk=args.desk, self_test=False, command=None)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["--store-host"]:
        # How the window starts its store host where there is no `python -m` (a bundle's
        # executable is the app itself: see storage.host_process.host_command).
        from desktop_editor.storage import host

        host.main(arguments[1:])  # exits
    if arguments[:1] == ["--picture-worker"]:  # the same for the window's picture worker
        from desktop_editor.core import picture_worker

        picture_worker.main()
        return 0
    args = window_arguments(arguments) or build_parser().parse_args(argv)
    if args.self_test:
        from desktop_editor.self_test import run_self_test

        return run_self_test()
    if args.command is None:
        from desktop_editor.ui.app import run

        if args.desk:  # read where the window reads the desk (ui.common.sync_watch)
            os.environ["DESKTOP_EDITOR_DESK"] = args.desk
        return run(args.store)
    from desktop_editor import commands
    from desktop_editor.storage import credentials

    credentials.set_password_hook(credentials.terminal_prompt)  # a desk server may ask
    location = args.store or _environment_store()
    _stop_on_signals()
    try:
        if args.command == "move-store":
            from desktop_editor.commands.moving import cmd_move_store

            return cmd_move_store(args)
        if args.command == "sync":
            from desktop_editor.commands.syncing import cmd_sync

            return cmd_sync(args)
        return upgrade_store(args.store) if args.command == "upgrade-store" else commands.run(args)
    except Stopped as stop:
        print(f"Stopped by {stop.name}; nothing half-written was left behind.", file=sys.stderr)
        return 128 + stop.number
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except commands.user_errors() as error:
        sentence = " ".join(commands.redact(str(error), location).split())  # one line
        print(f"desktop-editor: {sentence}", file=sys.stderr)
        return 1
    except OSError as error:  # a file or folder the command was given cannot be used
        where = f" ({error.filename})" if error.filename else ""
        print(f"desktop-editor: {error.strerror or error}{where}.", file=sys.stderr)
        return 1


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the command is, so that what it was writing is
    cleaned up on the way out as for Ctrl+C (an export's staging folder, for one)."""

    def __init__(self, number: int) -> None:
        import signal

        super().__init__(number)
        self.number = number
        self.name = signal.Signals(number).name


def _stop_on_signals() -> None:
    import signal

    def stop(number, _frame):
        raise Stopped(number)

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, stop)


def upgrade_store(explicit: str | None) -> int:
    """desktop-editor upgrade-store: the one way a shared store's layout is upgraded."""
    from desktop_editor.storage import credentials, schema
    from desktop_editor.storage.location import resolve_location
    from desktop_editor.storage.store import Store

    credentials.set_password_hook(credentials.terminal_prompt)
    with Store(resolve_location(explicit), upgrade=True) as store:
        if store.created:
            print(f"Set up a new store at {store.display} (schema {schema.HEAD_REVISION}).")
        elif store.upgraded_from is None:
            print(f"{store.display} already has this version's layout (schema {schema.HEAD_REVISION}).")
        else:
            print(
                f"Upgraded {store.display} from schema {store.upgraded_from} to {schema.HEAD_REVISION}; "
                f"every desk now needs Desktop Editor {schema.APP_VERSION} or later."
            )
    return 0


def _environment_store() -> str | None:
    from desktop_editor.storage.location import STORE_ENVIRONMENT_VARIABLE

    return os.environ.get(STORE_ENVIRONMENT_VARIABLE)
