"""The review on the real command line: list, comment, decide, export and a bundle round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run
from tests.storage.conftest import POSTGRES_URL, empty_postgres

BUNDLE = """---
headline: Council approves bridge
standfirst: The crossing opens in 2028.
review:
  s1: {kind: substitution, author: Sam Sub, at: "2026-05-01T09:00:00+01:00"}
  s2: {kind: deletion, author: Sam Sub, at: "2026-05-01T09:01:00+01:00"}
---
The {~~council~>city council~~}{#s1} voted 7-2 on Tuesday.{-- It rained.--}{#s2}

Traffic will be diverted.
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> str:
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("DESKTOP_EDITOR_TEST_POSTGRES is not set (no PostgreSQL server here)")
        return empty_postgres()
    return str(tmp_path / "store.sqlite")


def imported(store: str, tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(BUNDLE)
    run(store, "import", str(tmp_path / "story.md"))


def listed(store: str) -> list[dict]:
    return json.loads(run(store, "review", "council-approves-bridge", "--json").stdout)


def test_a_subeditors_pass_from_the_command_line(store, tmp_path):
    imported(store, tmp_path)
    added = run(store, "comment", "council-approves-bridge", "--on", "7-2", "--text", "Source for this figure?",
                "--author", "Sam Sub")  # fmt: skip
    c3 = added.stdout.split()[1]  # "Comment ID added (version N)."
    assert added.stdout.startswith(f"Comment {c3} added") and c3 not in BUNDLE
    assert [(i["id"], i["kind"], i["author"]) for i in listed(store)] == [
        ("s1", "substitution", "Sam Sub"), (c3, "comment", "Sam Sub"), ("s2", "deletion", "Sam Sub"),
    ]
    assert listed(store)[0]["at"] == "2026-05-01T09:00:00+01:00"
    check = run(store, "check", "council-approves-bridge", check=False)
    assert check.returncode == 1 and "Suggestion s1 by Sam Sub" in check.stdout + check.stderr
    refused = run(store, "export", "council-approves-bridge", "--out", str(tmp_path / "page"), check=False)
    assert refused.returncode == 1 and not (tmp_path / "page").exists()

    run(store, "review", "council-approves-bridge", "--accept", "s1", "--reject", "s2",
        env={"DESKTOP_EDITOR_AUTHOR": "Ann Reporter"})  # fmt: skip
    run(store, "review", "council-approves-bridge", "--reply", c3, "Council minutes, p. 4.", "--resolve", c3,
        "--author", "Ann Reporter")  # fmt: skip
    assert run(store, "review", "council-approves-bridge").stdout.strip() == "No open suggestions or comments."
    assert run(store, "check", "council-approves-bridge").returncode == 0
    run(store, "export", "council-approves-bridge", "--out", str(tmp_path / "page"))
    page = (tmp_path / "page" / "index.html").read_text()
    assert "The city council voted 7-2 on Tuesday. It rained.</p>" in page
    for leak in ("Source for this figure", "Council minutes", "{==", "{#", "<<}"):
        assert leak not in page
    history = json.loads(run(store, "show", "council-approves-bridge", "--json").stdout)
    assert history["body"].startswith("The city council voted {==7-2==}")


def test_the_bundle_round_trip_keeps_every_suggestion_comment_author_and_time(store, tmp_path):
    imported(store, tmp_path)
    run(store, "comment", "council-approves-bridge", "--on", "diverted", "--text", "Which roads?", "--author", "Kim")
    run(store, "export", "council-approves-bridge", "--out", str(tmp_path / "bundle"), "--format", "markdown")
    text = (tmp_path / "bundle" / "article.md").read_text()
    assert "{~~council~>city council~~}{#s1}" in text and "author: Kim" in text
    before = listed(store)
    other = str(tmp_path / "other.sqlite")
    run(other, "import", str(tmp_path / "bundle" / "article.md"))
    assert listed(other) == before


def test_mistakes_are_one_sentence_and_change_nothing(store, tmp_path):
    imported(store, tmp_path)
    cases = [
        (("review", "council-approves-bridge", "--accept", "s9"), "There is no open suggestion s9 in the article. Nothing was changed."),
        (("review", "council-approves-bridge", "--resolve", "s1"), "There is no comment s1 in the article."),
        (("comment", "council-approves-bridge", "--on", "bridge", "--text", "x"), "“bridge” is not in the article's text"),
        (("comment", "council-approves-bridge", "--on", "council", "--text", "x"), "is inside a suggestion or comment"),
        (("review", "council-approves-bridge", "--accept", "s1", "--expect-version", "0"), "changed elsewhere"),
    ]
    for args, sentence in cases:
        result = run(store, *args, check=False)
        assert result.returncode == 1 and sentence in result.stderr, (args, result.stderr)
    assert len(listed(store)) == 2
    assert json.loads(run(store, "show", "council-approves-bridge", "--json").stdout)["version"] == 1
