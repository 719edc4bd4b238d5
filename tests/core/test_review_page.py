"""Nothing of a suggestion or a comment reaches the page: preview, exports, word count."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop_editor.core import review
from desktop_editor.core.export import ExportError, ExportFormat, export_article
from desktop_editor.core.model import Article
from desktop_editor.core.rendering import BlockRenderer, RenderContext, join_blocks, render_fragment
from desktop_editor.core.text import word_count

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
BODY = "The council voted on Tuesday.\n\nSales rose forty per cent.\n\nA paragraph to cut.\n\nThe end."
REVIEW_WORDS = ("Zanzibar", "Quixotic", "Xylophone")  # words only the review holds


def reviewed_with_ids() -> tuple[str, dict, list[str]]:
    """The body, the data and the ids of the three suggestions and the comment, in text order."""
    body, data, s1 = review.suggest(BODY, {}, 4, 11, "city council", "Sam Sub", NOW)
    start = body.index("A paragraph")
    body, data, s2 = review.suggest(body, data, start, start + len("A paragraph to cut.\n\nThe"), "", "Sam", NOW)
    body, data, s3 = review.suggest(body, data, body.index("end"), body.index("end") + 3, "Zanzibar end", "Sam", NOW)
    body, data, c4 = review.comment_on(body, data, "forty per cent", "Quixotic source?", "Sam", NOW)
    data = review.reply(data, c4, "Xylophone report.", "Ann", NOW)
    return body, data, [s1, s2, s3, c4]


def reviewed() -> tuple[str, dict]:
    body, data, _ = reviewed_with_ids()
    return body, data


def test_the_preview_shows_every_suggestion_accepted_or_with_the_setting_the_original():
    body, _ = reviewed()
    accepted = join_blocks(BlockRenderer().render(body, RenderContext()))
    assert "city council" in accepted and "A paragraph" not in accepted and "Zanzibar end" in accepted
    original = join_blocks(BlockRenderer().render(body, RenderContext(review_text="original")))
    assert "The council" in original and "A paragraph to cut." in original and "Zanzibar" not in original
    for page in (accepted, original):
        assert not any(mark in page for mark in ("{++", "{--", "{~~", "{==", "{>>", "{#", "Quixotic"))
    assert accepted == render_fragment(body)
    assert word_count(body) == len("The city council voted on Tuesday. Sales rose forty per cent. Zanzibar end.".split())


def test_export_is_refused_while_suggestions_are_open_and_nothing_is_written(tmp_path):
    body, data = reviewed()
    article = Article(headline="Council vote", slug="council-vote", body=body, review=data)
    with pytest.raises(ExportError, match="3 suggestions .* must be accepted or rejected"):
        export_article(article, [], lambda sha: b"", tmp_path / "out", ExportFormat.FOLDER)
    assert not (tmp_path / "out").exists()


def exported_texts(tmp_path: Path, article: Article) -> dict[str, str]:
    texts = {}
    for format in (ExportFormat.FOLDER, ExportFormat.ZIP, ExportFormat.SINGLE, ExportFormat.NINJS):
        path = export_article(article, [], lambda sha: b"", tmp_path / format.value, format)
        if format is ExportFormat.ZIP:
            with zipfile.ZipFile(path) as archive:
                texts["zip"] = archive.read("index.html").decode()
        elif format is ExportFormat.SINGLE:
            texts["single"] = path.read_text()
        elif format is ExportFormat.NINJS:
            texts["ninjs"] = json.dumps(json.loads((path / "ninjs.json").read_text()), ensure_ascii=False)
        else:
            texts["folder"] = (path / "index.html").read_text()
    return texts


def test_a_decided_article_exports_only_its_chosen_text_with_no_review_markup(tmp_path):
    body, data, (s1, s2, s3, _) = reviewed_with_ids()
    body, data = review.decide(body, data, s1, True, "Ann", NOW)
    body, data = review.decide(body, data, s2, True, "Ann", NOW)
    body, data = review.decide(body, data, s3, False, "Ann", NOW)  # the comment stays open
    article = Article(headline="Council vote", slug="council-vote", body=body, review=data, word_count=word_count(body))
    texts = exported_texts(tmp_path, article)
    for name, text in texts.items():
        assert "The city council voted on Tuesday." in text, name
        assert "forty per cent" in text and "end." in text and "The end" not in text, name
        assert "A paragraph to cut" not in text, name
        for leak in (*REVIEW_WORDS, "{++", "{--", "{~~", "{==", "{>>", "<<}", "{#", "Sam Sub"):
            assert leak not in text, (name, leak)
    tools = Path(os.environ.get("CHECK_HTML_TOOLS", "~/.cache/check-html")).expanduser()
    if not (shutil.which("java") and shutil.which("chromium") and (tools / "node_modules" / "vnu-jar").is_dir()):
        pytest.skip("the Nu Html Checker and axe are not installed here (tools/install-check-tools)")
    checked = subprocess.run(
        ["/work/shared/tools/check-html", str(tmp_path / "folder" / "index.html")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_check_reports_open_suggestions_as_errors_and_unresolved_comments_as_warnings():
    from desktop_editor.core.preflight import Severity, preflight

    body, data, (s1, s2, s3, c4) = reviewed_with_ids()
    article = Article(headline="Council vote", standfirst="A vote.", body=body, review=data)
    found = [(f.severity, f.location, f.message) for f in preflight(article, []) if f.field == "review"]
    assert found[:3] == [
        (Severity.ERROR, "Line 1, Review", f"Suggestion {s1} by Sam Sub (“council” → “city council”) is not accepted or rejected."),
        (Severity.ERROR, "Line 5, Review", f"Suggestion {s2} by Sam (delete “A paragraph to cut. The”) is not accepted or rejected."),
        (Severity.ERROR, "Line 7, Review", f"Suggestion {s3} by Sam (“end” → “Zanzibar end”) is not accepted or rejected."),
    ]
    assert found[3] == (Severity.WARNING, "Line 3, Review", f"Comment {c4} by Sam on “forty per cent” is not resolved: “Quixotic source?”.")
    body, data = review.decide_all(body, data, False, "Ann", NOW)
    data = review.resolve(data, c4, "Ann", NOW)
    assert not [f for f in preflight(article.replace(body=body, review=data), []) if f.field == "review"]
