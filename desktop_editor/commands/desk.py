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
from desktop_editor.core import corrections, workflow
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
    sub = command("correct", "record a dated correction, update or clarification on a published article")
    sub.add_argument("--text", required=True, metavar="TEXT", help="what was wrong and what is right, as the page will say it")
    sub.add_argument("--kind", choices=corrections.KINDS, default="correction")
    author_option(sub)
    sub = command("publish-due", "publish every scheduled story whose publish time has come", article=False)
    author_option(sub)
    sub.add_argument("--json", action="store_true")
    sub = command("corrections", "the corrections log: every correction, update and clarification in the store", article=False)
    sub.add_argument("--since", metavar="DATE", help="only those made since, e.g. 2026-12-01 or 2026-12-01T09:00+01:00")
    shape = sub.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true")
    shape.add_argument("--csv", action="store_true")


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
    if args.state in workflow.CORRECTION_STATES:
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


def cmd_correct(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    text = corrections.checked_text(args.kind, args.text)
    if article.status != "published":
        raise CommandError(f"Only a published story is corrected; “{article.headline}” is {article.status}, so edit it instead.")
    moves = table()
    moved = store.change_status(article.id, corrections.CORRECTION_MOVES[args.kind], author(args), text, None, moves)
    note = corrections.Correction(moved.corrected_at.astimezone(), args.kind, text)
    print(f"Recorded on “{moved.headline}” (correction {moved.correction_count}; it stays published): {note.note()}")
    return 0


CORRECTION_COLUMNS = ("at", "kind", "article", "slug", "headline", "text", "author")


def correction_json(note: corrections.Correction) -> dict:
    return {
        "at": iso(note.at), "kind": note.kind, "article": note.article_id, "slug": note.slug,
        "headline": note.headline, "text": note.text, "author": note.author,
    }  # fmt: skip


def cmd_corrections(store: Store, args: Namespace) -> int:
    since = parse_since(args.since) if args.since else None
    notes = store.corrections(since)
    if args.json:
        dump_json([correction_json(note) for note in notes])
    elif args.csv:
        import csv
        import sys

        writer = csv.DictWriter(sys.stdout, fieldnames=CORRECTION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(correction_json(note) for note in notes)
    elif not notes:
        print("No corrections recorded" + (f" since {args.since}." if since else "."))
    for note in notes if not (args.json or args.csv) else ():
        print(f"{local_time(note.at)}  {note.slug}  {note.label}: {note.text}  by {note.author or 'someone'}")
    return 0


def cmd_publish_due(store: Store, args: Namespace) -> int:
    from desktop_editor.workflows import publish_due

    report = publish_due(store, author(args), table())
    if args.json:
        dump_json({
            "published": [{"id": a.id, "slug": a.slug, "publish_at": iso(a.publish_at)} for a in report.published],
            "held": [{"id": s.id, "slug": s.slug, "why": why} for s, why in report.held],
        })  # fmt: skip
        return 0
    for article in report.published:
        print(f"Published “{article.headline}” (scheduled for {local_time(article.publish_at)}).")
    for summary, why in report.held:
        print(f"“{summary.headline}” stays scheduled: {why}")
    if not report.published and not report.held:
        print("Nothing is due: no scheduled story's time has come.")
    return 0


def parse_since(text: str) -> datetime:
    """A date (midnight here) or a time; one sentence for anything else."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"“{text}” is not a date; write it like 2026-12-01 or 2026-12-01T09:00+01:00.") from None
    return moment if moment.tzinfo else moment.astimezone()


HANDLERS = {"status": cmd_status, "history": cmd_history, "correct": cmd_correct, "corrections": cmd_corrections,
            "publish-due": cmd_publish_due}  # fmt: skip
