"""What the commands print: JSON objects for scripts, short lines for people."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from desktop_editor.core.authors import to_json as authors_json
from desktop_editor.core.model import Article, ArticleSummary, Figure, Revision


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def summary_json(summary: ArticleSummary) -> dict:
    return {
        "id": summary.id,
        "slug": summary.slug,
        "headline": summary.headline,
        "status": str(summary.status),
        "updated": iso(summary.updated),
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
        "kicker": article.kicker,
        "dateline": article.dateline,
        "byline": article.byline,
        "authors": authors_json(article.authors),
        "tags": list(article.tags),
        "status": str(article.status),
        "language": article.language,
        "word_target": article.word_target,
        "publish_at": iso(article.publish_at),
        "embargo": iso(article.embargo),
        "assignee": article.assignee,
        "desk": article.desk,
        "correction_count": article.correction_count,
        "corrected_at": iso(article.corrected_at),
        "body": article.body,
        "word_count": article.word_count,
        "lead_image": article.lead_image,
        "images": [figure_json(f, article.lead_image) for f in figures],
        "created": iso(article.created),
        "updated": iso(article.updated),
        "deleted": iso(article.deleted),
        "version": article.version,
        "uid": article.uid,
        "conflicts": [dict(conflict) for conflict in article.conflicts],
    }


def revision_json(revision: Revision) -> dict:
    return {
        "id": revision.id,
        "created": iso(revision.created),
        "reason": revision.reason,
        "label": revision.label,
        "headline": revision.headline,
        "word_count": revision.word_count,
    }


def dump_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def print_table(summaries: list[ArticleSummary], snippets: dict[int, str] | None = None) -> None:
    if not summaries:
        print("No articles.")
        return
    for s in summaries:
        print(f"{s.id:>5}  {str(s.status):<8} {s.word_count:>6} words  {local_time(s.updated)}  {s.slug}  {s.headline}")
        if snippets and snippets.get(s.id):
            print(f"       {snippets[s.id]}")


def warn(sentence: str) -> None:
    print(f"desktop-editor: {sentence}", file=sys.stderr)


def print_findings(findings, file=None) -> None:
    for finding in findings:
        print(f"{finding.severity}: {finding.location}: {finding.message}", file=file or sys.stdout)
