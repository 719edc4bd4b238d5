"""The desk's workflow on the command line: status, history, and set's --status, --embargo,
--assignee and --desk. Every move goes through core.workflow's table (widened by the house
style's workflow_shortcuts, if any) and is recorded by the store with who and when."""

from __future__ import annotations

import argparse
from argparse import Namespace
from datetime import datetime
from typing import TYPE_CHECKING

from desktop_editor.commands.opening import CommandError
from desktop_editor.commands.output import dump_json, iso, local_time
from desktop_editor.core import workflow
from desktop_editor.core.model import Article

if TYPE_CHECKING:
    from desktop_editor.storage.store import Store

AUTHOR_VARIABLE = workflow.AUTHOR_VARIABLE


def add_commands(command) -> None:
    """status and history, added to the command line's subcommands (cli.build_parser)."""
    sub = command("status", "move an article through the workflow (or, with no STATE, show where it can go)")
    sub.add_argument("state", nargs="?", choices=workflow.TARGETS, metavar="STATE", help=" | ".join(workflow.TARGETS))
    sub.add_argument("--note", metavar="TEXT", help="why, kept with the move")
    author_option(sub)
    sub.add_argument("--expect-version", type=int, metavar="N", help="refuse unless the article is still at version N")
    sub = command("history", "the article's workflow history: who moved it, when, from and to")
    sub.add_argument("--json", action="store_true")


def author_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--author", metavar="NAME", help=f"who makes the move (default: ${AUTHOR_VARIABLE}, else the login name)")


def set_options(sub: argparse.ArgumentParser) -> None:
    """set's workflow options."""
    sub.add_argument("--status", choices=workflow.TARGETS, metavar="STATE", help="a move through the workflow, as `status` makes it")
    sub.add_argument("--embargo", metavar="WHEN", help="not to be published before, with a time zone, e.g. 2026-05-01T09:00+01:00; 'none' lifts it")
    sub.add_argument("--assignee", metavar="NAME", help="who works on it now ('' clears)")
    sub.add_argument("--desk", metavar="NAME", help="e.g. News, Sport, Pictures ('' clears)")
    sub.add_argument("--authors", metavar="NAME[:ROLE],...", help="e.g. 'Anna Reporter, Ben Lens:photographer' (writer when no role; '' clears)")
    author_option(sub)


def author(args: Namespace) -> str:
    given = getattr(args, "author", None)
    if given is not None and given.strip():
        return given.strip()
    return workflow.user_name()


def table() -> workflow.Workflow:
    from desktop_editor.core import house_style

    shortcuts = house_style.load().workflow_shortcuts
    try:
        return workflow.parse_shortcuts(shortcuts, f"The settings file {house_style.settings_path()}: workflow_shortcuts")
    except workflow.WorkflowRefused as error:
        raise CommandError(str(error)) from None


def parse_embargo(text: str) -> datetime | None:
    """ISO 8601 with its time zone, as every desk must read it alike; "" or "none" lifts it."""
    from desktop_editor.commands.editing import parse_publish_at

    moment = parse_publish_at(text)  # one sentence for what is not a time
    if moment is not None and datetime.fromisoformat(text.strip()).tzinfo is None:
        text = text.strip()
        raise CommandError(f"An embargo needs a time zone, so that every desk reads it alike: write it like {text}+01:00 or {text}Z.")
    return moment


def set_changes(args: Namespace) -> dict:
    """The workflow's fields set gives, other than the status."""
    changes: dict = {}
    if getattr(args, "embargo", None) is not None:
        changes["embargo"] = parse_embargo(args.embargo)
    if getattr(args, "authors", None) is not None:
        from desktop_editor.core.authors import AuthorsError, parse_authors

        try:
            changes["authors"] = parse_authors(args.authors)
        except AuthorsError as error:
            raise CommandError(str(error)) from None
    for name in ("assignee", "desk"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = " ".join(value.split())
    return changes


def check_move(article: Article, state: str, moves: workflow.Workflow) -> None:
    try:
        moves.check(article, state)
    except workflow.WorkflowRefused as refusal:
        raise CommandError(str(refusal)) from None


def set_with_status(store: Store, article: Article, changes: dict, args: Namespace) -> Article:
    """set: the fields, then the move (checked before anything is written, so a refused move
    leaves the fields as they were too)."""
    state = getattr(args, "status", None)
    if state == str(article.status):
        state = None  # already there: nothing to move
    moves = table() if state else None
    if state:
        check_move(article.replace(**changes), state, moves)
    if not state:
        return store.save_article(article.replace(**changes))
    return store.change_status(article.id, state, author(args), "", article.version, moves, article.replace(**changes))


def cmd_status(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    moves = table()
    if args.state is None:
        allowed = moves.allowed(article.status)
        where = workflow.listed(allowed, "or") if allowed else "nowhere: a killed story stays killed"
        print(f"“{article.headline}” is {article.status}; it can go to {where}.")
        return 0
    if args.expect_version is not None:
        article = article.replace(version=args.expect_version)
    check_move(article, args.state, moves)
    moved = store.change_status(article.id, args.state, author(args), args.note or "", args.expect_version, moves)
    if args.state == workflow.CORRECTED:
        print(f"Recorded correction {moved.correction_count} of “{moved.headline}”; it stays published.")
    else:
        print(f"Moved “{moved.headline}” from {article.status} to {moved.status} (version {moved.version}).")
    return 0


def transition_json(move: workflow.Transition) -> dict:
    return {"at": iso(move.at), "author": move.author, "from": move.from_state, "to": move.to_state, "note": move.note}


def cmd_history(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    moves = store.history(article.id)
    if args.json:
        dump_json([transition_json(move) for move in moves])
        return 0
    if not moves:
        print(f"“{article.headline}” has not moved yet; it is {article.status}.")
    for move in moves:
        note = f"  — {move.note}" if move.note else ""
        print(f"{local_time(move.at)}  {move.from_state} → {move.to_state}  by {move.author or 'someone'}{note}")
    return 0


HANDLERS = {"status": cmd_status, "history": cmd_history}
