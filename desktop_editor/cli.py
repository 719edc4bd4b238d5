"""desktop-editor: with no arguments opens the window; subcommands work headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_editor import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-editor",
        description="An offline article editor for newsrooms. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    store_help = "store file or SQLAlchemy URL (default: $DESKTOP_EDITOR_STORE, else the user data folder)"
    parser.add_argument("--store", metavar="PATH|URL", help=store_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--store", metavar="PATH|URL", help=store_help, default=argparse.SUPPRESS)
        return sub

    sub = command("import", "import an article from a Markdown file with YAML front matter")
    sub.add_argument("file", type=Path, metavar="FILE.md")

    sub = command("attach", "attach photos to an article")
    sub.add_argument("article", metavar="ARTICLE", help="id or slug")
    sub.add_argument("files", type=Path, nargs="+", metavar="FILE")
    sub.add_argument("--caption")
    sub.add_argument("--credit")
    sub.add_argument("--alt")
    sub.add_argument("--handle", help="handle for the photo (one file only)")

    sub = command("export", "export an article as HTML or as a Markdown bundle")
    sub.add_argument("article", metavar="ARTICLE", help="id or slug")
    sub.add_argument("--out", type=Path, required=True, metavar="DIR")
    sub.add_argument("--format", choices=("folder", "zip", "single", "markdown"), default="folder")
    sub.add_argument("--force", action="store_true", help="replace DIR if it exists")

    sub = command("list", "list the articles in the store")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--trash", action="store_true", help="list the trash instead")

    sub = command("show", "show one article")
    sub.add_argument("article", metavar="ARTICLE", help="id or slug")
    sub.add_argument("--json", action="store_true")

    sub = command("search", "full-text search over headline, standfirst and body")
    sub.add_argument("query")
    sub.add_argument("--json", action="store_true")

    sub = command("check", "preflight an article; exit 1 when something blocks export")
    sub.add_argument("article", metavar="ARTICLE", help="id or slug")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desktop_editor.ui.app import run

        return run(args.store)
    from desktop_editor import commands

    try:
        return commands.run(args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except commands.user_errors() as error:
        print(f"desktop-editor: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1

