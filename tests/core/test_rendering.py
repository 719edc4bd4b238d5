from __future__ import annotations

import re
import subprocess
import sys

import pytest

from desktop_editor.core.rendering import (
    BlockRenderer,
    FigureView,
    RenderContext,
    format_caption,
    join_blocks,
    render_fragment,
    split_blocks,
)

OCEAN = FigureView(
    handle="ocean",
    src="images/ocean-960.jpg",
    alt="A grey helicopter carrier at sea",
    caption="HMS Ocean during BALTOPS 2015 in the Baltic Sea.",
    credit="Crown Copyright",
    width=960,
    height=640,
)
CONTEXT = RenderContext(figures={"ocean": OCEAN})


def test_house_style_moves_the_full_stop_after_the_credit():
    assert (
        format_caption("HMS Ocean during BALTOPS 2015 in the Baltic Sea.", "Crown Copyright")
        == "HMS Ocean during BALTOPS 2015 in the Baltic Sea (Picture: Crown Copyright)."
    )


def test_no_credit_means_no_brackets_and_the_format_is_a_setting():
    assert format_caption("A ship.", "") == "A ship."
    assert format_caption("A ship.", "Navy", "Photo: {credit}") == "A ship (Photo: Navy)."
    assert format_caption("A ship", "Navy") == "A ship (Picture: Navy)."


def test_lone_image_reference_becomes_a_figure_with_alt_and_caption():
    html = render_fragment("Text.\n\n![](image:ocean)\n", CONTEXT)
    assert '<figure class="figure">' in html
    assert 'alt="A grey helicopter carrier at sea"' in html
    assert "<figcaption>HMS Ocean during BALTOPS 2015 in the Baltic Sea (Picture: Crown Copyright).</figcaption>" in html
    assert 'width="960"' in html and 'height="640"' in html


def test_alt_in_brackets_overrides_for_that_place():
    html = render_fragment("![the ship](image:ocean)", CONTEXT)
    assert 'alt="the ship"' in html and "<figcaption>" in html


CAPTION = "<figcaption>HMS Ocean during BALTOPS 2015 in the Baltic Sea (Picture: Crown Copyright).</figcaption>"


@pytest.mark.parametrize(
    "body, before, after",
    [
        ("The ship sailed.\n![](image:ocean)\n", "<p>The ship sailed.</p>", ""),
        ("![](image:ocean)\nThe ship sailed.", "", "<p>The ship sailed.</p>"),
        ("See ![the ship](image:ocean) here.", "<p>See</p>", "<p>here.</p>"),
        ("A line.  \n![](image:ocean)", "<p>A line.</p>", ""),
    ],
)
def test_a_photo_placed_against_text_is_still_a_figure_with_caption_and_credit(body, before, after):
    for html in (render_fragment(body, CONTEXT), join_blocks(BlockRenderer().render(body, CONTEXT))):
        assert CAPTION in html
        assert "<p><img" not in html and "<p><figure" not in html
        figure_at = html.index("<figure")
        assert html[:figure_at].strip() == before
        assert html[html.index("</figure>") + len("</figure>"):].strip() == after


def test_a_photo_in_a_list_item_is_a_figure_there():
    html = render_fragment("- one\n- ![](image:ocean)\n", CONTEXT)
    assert "<li><figure" in html and CAPTION in html


def test_a_remote_image_beside_a_photo_in_one_paragraph_is_still_refused():
    html = render_fragment("Look ![](https://x.test/a.png) and\n![](image:ocean)", CONTEXT)
    assert CAPTION in html and "Remote image not shown" in html
    assert 'src="https://x.test' not in html


def test_unknown_handle_shows_a_visible_warning_not_a_crash():
    html = render_fragment("![](image:nowhere)", CONTEXT)
    assert 'class="figure-missing"' in html
    assert "nowhere" in html


def test_remote_images_never_load_and_show_a_placeholder():
    html = render_fragment("![chart](https://example.com/chart.png)\n\n<img src='http://x.test/a.png' alt='a'>")
    assert "example.com" in html  # named in the placeholder text...
    assert not re.search(r"src=\"https?:", html)  # ...but never requested


def test_typographic_quotes_for_newsroom_copy():
    html = render_fragment('"It is a good day," the mayor said -- and it\'s true.')
    assert "“It is a good day,”" in html
    assert "it’s" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="images/x.jpg" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript&colon;alert(1)">x</a>',
        '<svg onload="alert(1)"><circle r="5"/></svg>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        '<iframe src="https://evil.test"></iframe><object data="x"></object><embed src="x"><form action="x"><input></form>',
        "![x](image:ocean){ onclick=\"alert(1)\" }",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_nothing_executable_survives(hostile):
    html = render_fragment(hostile, CONTEXT).lower()
    assert "<script" not in html
    assert not re.search(r"\son\w+=", html)
    assert "javascript:" not in html and "vbscript:" not in html and "data:text" not in html
    for tag in ("<svg", "<math", "<iframe", "<object", "<embed", "<form", "<style"):
        assert tag not in html


def test_blocks_split_at_blank_lines_but_keep_code_and_lists_whole():
    text = "# Head\n\nPara one.\n\n```\ncode\n\nstill code\n```\n\n- a\n- b\n\n- c\n\nLast."
    blocks = split_blocks(text)
    assert [b.start_line for b in blocks] == [0, 2, 4, 10, 15]
    assert "still code" in blocks[2].text
    assert blocks[3].text.endswith("- c")


def test_block_rendering_matches_whole_document_rendering():
    text = (
        "# Head\n\nA *para* with \"quotes\".\n\n![](image:ocean)\n\n> A quote\n> goes on.\n\n"
        "1. one\n2. two\n\n    indented code\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    blocks = BlockRenderer().render(text, CONTEXT)
    normal = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert normal(join_blocks(blocks)) == normal(render_fragment(text, CONTEXT))


def test_only_changed_blocks_are_rendered_again():
    renderer = BlockRenderer()
    text = "\n\n".join(f"Paragraph {i} of the story." for i in range(50))
    first = renderer.render(text, CONTEXT)
    edited = text.replace("Paragraph 25 of", "Paragraph 25, edited, of")
    calls = []
    original = renderer._renderer.render
    renderer._renderer.render = lambda t, c: calls.append(t) or original(t, c)
    second = renderer.render(edited, CONTEXT)
    assert calls == ["Paragraph 25, edited, of the story."]
    assert [b.key for b in first] != [b.key for b in second]
    assert sum(a.key != b.key for a, b in zip(first, second)) == 1


def test_reference_links_fall_back_to_whole_document_rendering():
    text = "See [the report][r].\n\n[r]: https://example.com/report"
    html = join_blocks(BlockRenderer().render(text, CONTEXT))
    assert 'href="https://example.com/report"' in html


def test_rendering_does_not_scan_installed_packages():
    # Named extensions are looked up among every installed package's entry points, which
    # made the preview's first render about 50 ms slower.
    script = (
        "import sys\n"
        "from desktop_editor.core.rendering import BlockRenderer\n"
        "from desktop_editor.core.figure_view import RenderContext\n"
        "html = ''.join(b.html for b in BlockRenderer().render('Term\\n: Definition\\n\\n| a |\\n|---|\\n| b |', RenderContext()))\n"
        "assert '<dl>' in html and '<table>' in html, html\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_fenced_code_is_rendered_plain_without_loading_pygments():
    # Nothing is highlighted, yet python-markdown's fenced code imports Pygments whenever
    # it is installed (pytest brings it here): a megabyte in the window for nothing.
    script = (
        "import sys\n"
        "from desktop_editor.core.rendering import BlockRenderer\n"
        "from desktop_editor.core.figure_view import RenderContext\n"
        "html = ''.join(b.html for b in BlockRenderer().render('```python\\nprint(1)\\n```', RenderContext()))\n"
        "assert '<pre><code class=\"language-python\">print(1)' in html and '<span' not in html, html\n"
        "import pygments\n"  # still importable by anything that asks for it afterwards
        "print(sorted(n for n in sys.modules if n.startswith('pygments.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
