"""A body's limits are declared and explained, and everything done with a body (word
count, check, rendering) takes time in proportion to its length, whatever it holds."""

from __future__ import annotations

import time

import pytest

from desktop_editor.core.export import ExportError, export_article
from desktop_editor.core.markdown_limits import MAX_BODY_CHARACTERS, defuse, nesting_depth
from desktop_editor.core.model import Article
from desktop_editor.core.preflight import Severity, preflight
from desktop_editor.core.rendering import render_fragment
from desktop_editor.core.text import word_count

DEEP_QUOTE = "> " * 2000 + "Deep.\n"


def nested_list(levels: int, indent: str = "  ") -> str:
    return "".join(f"{indent * level}- level {level}\n" for level in range(levels))


def test_nesting_is_measured_for_lists_and_quotes():
    assert nesting_depth("Plain.\n\n- a\n  - b\n    - c\n- d\n") == 3
    assert nesting_depth(nested_list(60, "    ")) == 60
    assert nesting_depth("> a\n> > b\n> > > - c\n") == 4
    assert nesting_depth(DEEP_QUOTE) == 2000


@pytest.mark.parametrize(
    "body, said",
    [
        (DEEP_QUOTE, "The body is nested 2,000 levels deep (lists and quotes); the page allows 50."),
        (nested_list(80), "The body is nested 80 levels deep (lists and quotes); the page allows 50."),
        ("[a](b) " * 10_001, "The body has 10,001 links; the page allows 10,000."),
        ("word " * (MAX_BODY_CHARACTERS // 5 + 1), "The body is 2,000,005 characters long; the page allows 2,000,000."),
    ],
)
def test_the_check_explains_each_limit_and_the_export_and_preview_keep_to_it(tmp_path, body, said):
    article = Article(id=1, headline="Limits", body=body)
    started = time.monotonic()
    errors = [f.message for f in preflight(article, []) if f.severity is Severity.ERROR]
    assert errors == [said]
    with pytest.raises(ExportError, match="Nothing was exported"):
        export_article(article, [], lambda sha: b"", tmp_path / "out", "folder")
    assert render_fragment(body) == f'<p class="limit">{said}</p>'
    assert time.monotonic() - started < 5
    assert list(tmp_path.iterdir()) == []


def test_openers_that_never_close_are_shown_as_typed():
    assert render_fragment("[a](" * 3 + " and `code and 2 < 3 [x](y)") == (
        '<p>[a]([a]([a]( and `code and 2 &lt; 3 <a href="y" rel="noopener noreferrer">x</a></p>'
    )
    assert render_fragment("```\n[a](\n```\n") == "<pre><code>[a](\n</code></pre>"
    assert defuse("[a](b) and `[x](` and <b>bold</b>") == "[a](b) and `[x](` and <b>bold</b>"


PATTERNS = {
    "unclosed links": "[a](", "unclosed images": "![a](", "unclosed brackets": "[",
    "unclosed backticks": "`a ", "unclosed tags": "<a ", "links": "[a](b) ", "paragraphs": "a\n\n",
    "list items": "- a\n", "quotes": "> a\n\n", "emphasis": "*a* ", "nested brackets": "[[[[a]]]] ",
}  # fmt: skip


def _seconds(body: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        word_count(body)
        preflight(Article(id=1, headline="Timing", body=body), [])
        render_fragment(body)
        best = min(best, time.perf_counter() - started)
    return best


# Each "&lt;" that stands for a "<" which never closes is one inline match, and
# python-markdown rebuilds the paragraph's text after every match: a paragraph of tens of
# thousands of them still costs more than its share (0.4 s for 10,000, 2.8 s for 30,000).
@pytest.mark.parametrize("name", list(PATTERNS))
def test_ten_times_the_body_takes_about_ten_times_as_long(name):
    pattern = PATTERNS[name]
    small, large = _seconds(pattern * 1000), _seconds(pattern * 10000)
    assert large / max(small, 0.005) < 25, f"{name}: {small:.3f} s, then {large:.3f} s for ten times as much"
