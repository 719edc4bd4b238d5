"""The headless subcommands of desktop-editor: each reads args and talks to the Store."""

from __future__ import annotations

import json
import sys
from argparse import Namespace
from datetime import datetime

from desktop_editor.core.bundle import BundleError
from desktop_editor.core.model import Article, ArticleSummary, Figure
from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.location import resolve_location
from desktop_editor.storage.store import Store


class CommandError(Exception):
    """A refusal to report as one sentence."""


def user_errors() -> tuple[type[Exception], ...]:
    """The exceptions whose message is a sentence for the user, not a bug report."""
    from desktop_editor.core.export import ExportError
    from desktop_editor.core.images import ImageRejected

    return (StoreError, BundleError, CommandError, ImageRejected, ExportError)


def run(args: Namespace) -> int:
    store = Store(resolve_location(args.store))
    try:
        return HANDLERS[args.command](store, args)
    finally:
        store.close()


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def summary_json(summary: ArticleSummary) -> dict:
    return {
        "id": summary.id,
        "slug": summary.slug,
        "headline": summary.headline,
        "status": str(summary.status),
        "updated": _iso(summary.updated),
        "word_count": summary.word_count,
    }


def figure_json(figure: Figure, lead: str | None) -> dict:
    return {
        "handle": figure.handle,
        "caption": figure.caption,
        "credit": figure.credit,
        "creator": figure.creator,
        "copyright": figure.copyright,
        "alt": figure.alt,
        "extended_description": figure.extended_description,
        "instructions": figure.instructions,
        "width": figure.width,
        "height": figure.height,
        "format": figure.format,
        "sha256": figure.image_sha256,
        "lead": figure.handle == lead,
        "sources": figure.sources,
    }


def article_json(article: Article, figures: list[Figure]) -> dict:
    return {
        "id": article.id,
        "slug": article.slug,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "byline": article.byline,
        "tags": list(article.tags),
        "status": str(article.status),
        "language": article.language,
        "word_target": article.word_target,
        "body": article.body,
        "word_count": article.word_count,
        "lead_image": article.lead_image,
        "images": [figure_json(f, article.lead_image) for f in figures],
        "created": _iso(article.created),
        "updated": _iso(article.updated),
        "version": article.version,
    }


def dump_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(summaries: list[ArticleSummary]) -> None:
    if not summaries:
        print("No articles.")
        return
    for s in summaries:
        updated = s.updated.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{s.id:>5}  {str(s.status):<8} {s.word_count:>6} words  {updated}  {s.slug}  {s.headline}")


def cmd_import(store: Store, args: Namespace) -> int:
    from desktop_editor.workflows import import_bundle

    article = import_bundle(store, args.file)
    print(f"Imported “{article.headline}” as {article.slug} (id {article.id}).")
    return 0


def cmd_attach(store: Store, args: Namespace) -> int:
    from desktop_editor.workflows import attach_files

    article = store.find_article(args.article)
    if args.handle and len(args.files) > 1:
        raise CommandError("--handle can only name one photo; give one file with it.")
    given = {"caption": args.caption, "credit": args.credit, "alt": args.alt}
    added, refused = attach_files(store, article.id, args.files, given, args.handle)
    for figure in added:
        print(f"Attached {figure.handle} ({figure.width}x{figure.height} {figure.format}).")
    for sentence in refused:
        print(f"desktop-editor: {sentence}", file=sys.stderr)
    return 1 if refused else 0


def cmd_list(store: Store, args: Namespace) -> int:
    summaries = store.list_articles(trash=args.trash)
    if args.json:
        dump_json([summary_json(s) for s in summaries])
    else:
        print_table(summaries)
    return 0


def cmd_search(store: Store, args: Namespace) -> int:
    summaries = store.search(args.query)
    if args.json:
        dump_json([summary_json(s) for s in summaries])
    else:
        print_table(summaries)
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
    for figure in figures:
        lead = " (lead)" if figure.handle == article.lead_image else ""
        print(f"  photo {figure.handle}{lead}: {figure.caption or '(no caption)'} — {figure.credit or 'no credit'}")
    print()
    print(article.body)
    return 0


def cmd_check(store: Store, args: Namespace) -> int:
    from desktop_editor.core.preflight import has_errors

    from desktop_editor.workflows import preflight_article

    article = store.find_article(args.article)
    findings = preflight_article(store, article)
    for finding in findings:
        print(f"{finding.severity}: {finding.location}: {finding.message}")
    if not findings:
        print("No problems found.")
    return 1 if has_errors(findings) else 0


def cmd_export(store: Store, args: Namespace) -> int:
    from desktop_editor.core.export import ExportFormat
    from desktop_editor.core.preflight import has_errors

    from desktop_editor.workflows import export, preflight_article

    article = store.find_article(args.article)
    findings = preflight_article(store, article)
    if has_errors(findings):
        for finding in findings:
            print(f"{finding.severity}: {finding.location}: {finding.message}", file=sys.stderr)
        print("desktop-editor: export refused: fix the errors above first.", file=sys.stderr)
        return 1
    written = export(store, article, args.out, ExportFormat(args.format), force=args.force)
    print(f"Exported to {written}")
    return 0


HANDLERS = {
    "import": cmd_import,
    "attach": cmd_attach,
    "list": cmd_list,
    "search": cmd_search,
    "show": cmd_show,
    "check": cmd_check,
    "export": cmd_export,
}
