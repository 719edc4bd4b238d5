"""The subeditor's review on the command line: review (list, accept, reject, resolve) and
comment. Each decision is saved through the same version check as `set`, with who (--author,
else $DESKTOP_EDITOR_AUTHOR, else the login name) and when, in the article's review
(core.review)."""

from __future__ import annotations

from argparse import Namespace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop_editor.commands.editing import _current
from desktop_editor.commands.opening import CommandError
from desktop_editor.commands.output import dump_json, local_time
from desktop_editor.core import review
from desktop_editor.core.review import ReviewError, ReviewItem

if TYPE_CHECKING:
    from desktop_editor.storage.store import Store


def add_commands(command) -> None:
    """review and comment, added to the command line's subcommands (cli.build_parser)."""
    from desktop_editor.commands.desk import author_option

    sub = command("review", "list the open suggestions and comments, or accept, reject or resolve them")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--accept", nargs="+", default=[], metavar="ID", help="accept these suggestions")
    sub.add_argument("--reject", nargs="+", default=[], metavar="ID", help="reject these suggestions")
    sub.add_argument("--accept-all", action="store_true", help="accept every open suggestion")
    sub.add_argument("--reject-all", action="store_true", help="reject every open suggestion")
    sub.add_argument("--resolve", nargs="+", default=[], metavar="ID", help="resolve these comments")
    sub.add_argument("--reopen", nargs="+", default=[], metavar="ID", help="reopen these resolved comments")
    sub.add_argument("--reply", nargs=2, action="append", default=[], metavar=("ID", "TEXT"), help="reply to a comment")
    _common(sub, author_option)
    sub = command("comment", "comment on exact words of an article's text")
    sub.add_argument("--on", required=True, metavar="WORDS", help="the exact words, found once in the text")
    sub.add_argument("--text", required=True, metavar="TEXT", help="the comment")
    _common(sub, author_option)


def _common(sub, author_option) -> None:
    author_option(sub)
    sub.add_argument("--expect-version", type=int, metavar="N", help="refuse unless the article is still at version N")


def item_json(item: ReviewItem, body: str) -> dict:
    line = body.count("\n", 0, item.start) + 1 if item.start is not None else None
    result = {"id": item.id, "kind": item.kind, "state": item.state, "author": item.author, "at": item.at, "line": line}
    if item.suggestion:
        result.update(old=item.old, new=item.new)
    else:
        result.update(words=item.words, text=item.text, replies=list(item.replies))
    return result


def _when(at: str) -> str:
    try:
        return local_time(datetime.fromisoformat(at))
    except ValueError:
        return at or "?"


def _line(item: ReviewItem) -> str:
    head = f"{item.id:<5} {item.kind:<12} {item.author or '?'}, {_when(item.at)}: "
    if item.kind == "insertion":
        return head + f"add “{item.new}”"
    if item.kind == "deletion":
        return head + f"delete “{item.old}”"
    if item.kind == "substitution":
        return head + f"“{item.old}” → “{item.new}”"
    detached = " (its words were deleted)" if item.state == review.DETACHED else ""
    lines = [head + f"on “{item.words}”{detached}: {item.text}"]
    lines += [f"{'':6}↳ {r.get('author') or '?'}, {_when(r.get('at', ''))}: {r.get('text', '')}" for r in item.replies]
    return "\n".join(lines)


def cmd_review(store: Store, args: Namespace) -> int:
    deciding = any((args.accept, args.reject, args.accept_all, args.reject_all, args.resolve, args.reopen, args.reply))
    article = _current(store, args)
    if deciding:
        if args.accept_all and args.reject_all:
            raise CommandError("Give --accept-all or --reject-all, not both.")
        article = _decide(store, article, args)
    items = review.unresolved(article.body, article.review)
    if args.json:
        dump_json([item_json(item, article.body) for item in items])
    elif not items:
        print("No open suggestions or comments.")
    else:
        for item in items:
            print(_line(item))
    return 0


def _decide(store: Store, article, args: Namespace):
    from desktop_editor.commands.desk import author

    who, now = author(args), datetime.now(UTC)
    body, data = article.body, article.review
    try:
        for item_id in args.accept:
            body, data = review.decide(body, data, item_id, True, who, now)
        for item_id in args.reject:
            body, data = review.decide(body, data, item_id, False, who, now)
        if args.accept_all or args.reject_all:
            body, data = review.decide_all(body, data, args.accept_all, who, now)
        for item_id, text in args.reply:
            data = review.reply(data, item_id, text, who, now)
        for item_id in args.resolve:
            data = review.resolve(data, item_id, who, now)
        for item_id in args.reopen:
            data = review.resolve(data, item_id, who, now, reopen=True)
    except ReviewError as error:
        raise CommandError(f"{error} Nothing was changed.") from None
    saved = store.save_article(article.replace(body=body, review=data))
    decided = len(review.open_suggestions(article.body)) - len(review.open_suggestions(saved.body))
    print(f"Saved as version {saved.version}: {decided} suggestion{'' if decided == 1 else 's'} decided.")
    return saved


def cmd_comment(store: Store, args: Namespace) -> int:
    from desktop_editor.commands.desk import author

    article = _current(store, args)
    try:
        body, data, item_id = review.comment_on(
            article.body, article.review, args.on, args.text, author(args), datetime.now(UTC)
        )
    except ReviewError as error:
        raise CommandError(str(error)) from None
    saved = store.save_article(article.replace(body=body, review=data))
    print(f"Comment {item_id} added (version {saved.version}).")
    return 0


HANDLERS = {"review": cmd_review, "comment": cmd_comment}
