"""Commands that only read: list, show, search, revisions. None of them creates a store."""

from __future__ import annotations

from argparse import Namespace

from desktop_editor.commands.output import (
    article_json,
    dump_json,
    local_time,
    print_table,
    revision_json,
    summary_json,
)
from desktop_editor.storage.store import Store


def cmd_list(store: Store, args: Namespace) -> int:
    summaries = store.list_articles(trash=args.trash)
    if args.json:
        dump_json([summary_json(s) for s in summaries])
    else:
        print_table(summaries)
    return 0


def cmd_search(store: Store, args: Namespace) -> int:
    found = store.search_snippets(args.query)
    if args.json:
        dump_json([{**summary_json(summary), "snippet": snippet} for summary, snippet in found])
    else:
        print_table([summary for summary, _ in found], {s.id: snippet for s, snippet in found})
    return 0


def cmd_show(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    figures = store.figures(article.id)
    if args.json:
        dump_json(article_json(article, figures))
        return 0
    print(article.headline or "(no headline)")
    if article.standfirst:
        print(article.standfirst)
    print(f"slug {article.slug} · {article.status} · {article.word_count} words · by {article.byline or '—'}")
    if article.publish_at:
        print(f"to be published {local_time(article.publish_at)}")
    if article.deleted:
        print(f"in the trash since {local_time(article.deleted)}")
    for figure in figures:
        lead = " (lead)" if figure.handle == article.lead_image else ""
        print(f"  photo {figure.handle}{lead}: {figure.caption or '(no caption)'} — {figure.credit or 'no credit'}")
    print()
    print(article.body)
    return 0


def cmd_revisions(store: Store, args: Namespace) -> int:
    article = store.find_article(args.article)
    revisions = store.list_revisions(article.id)
    if args.json:
        dump_json([revision_json(r) for r in revisions])
        return 0
    if not revisions:
        print("No revisions.")
    for r in revisions:
        name = f"“{r.label}” " if r.label else ""
        print(f"{r.id:>5}  {local_time(r.created)}  {name}({r.reason}) {r.word_count} words  {r.headline}")
    return 0


HANDLERS = {"list": cmd_list, "search": cmd_search, "show": cmd_show, "revisions": cmd_revisions}
