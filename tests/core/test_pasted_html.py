"""HTML from the clipboard (a web page, Word, Google Docs) becomes clean Markdown: bold,
italics, links, lists, headings and quotes kept; everything else dropped; nothing executable."""

from __future__ import annotations

from desktop_editor.core.pasted_html import markdown_from_html
from desktop_editor.core.rendering import render_fragment


def test_a_web_page_keeps_bold_italics_links_and_paragraphs():
    html = (
        '<p>The <strong>minister</strong> said <em>nothing</em> new, '
        'according to <a href="https://www.gov.uk/mod" onclick="steal()">the ministry</a>.</p>'
        "<p>Second paragraph.</p>"
    )
    assert markdown_from_html(html) == (
        "The **minister** said *nothing* new, according to [the ministry](https://www.gov.uk/mod).\n\n"
        "Second paragraph."
    )


def test_headings_quotes_and_lists():
    html = (
        "<h1>Big</h1><h2>Background</h2><h4>Detail</h4>"
        "<blockquote><p>We will stand firm.</p></blockquote>"
        "<ul><li>Tanks</li><li>Ships<ul><li>Frigates</li></ul></li></ul>"
        "<ol><li><p>First</p></li><li>Second</li></ol>"
    )
    assert markdown_from_html(html) == (
        "## Big\n\n## Background\n\n### Detail\n\n> We will stand firm.\n\n"
        "- Tanks\n- Ships\n    - Frigates\n\n1. First\n2. Second"
    )


def test_nothing_executable_or_foreign_survives():
    html = (
        "<style>p { color: red }</style><script>alert(1)</script>"
        '<p>Read <a href="javascript:alert(1)">this</a> and <a href="data:text/html,x">that</a>'
        '<img src="x" onerror="alert(2)"><iframe src="https://evil.example"></iframe>'
        "<table><tr><td>cell</td></tr></table></p>"
    )
    markdown = markdown_from_html(html)
    assert "alert" not in markdown and "javascript" not in markdown and "color" not in markdown
    assert "evil" not in markdown and "](" not in markdown and "<" not in markdown
    assert "Read this and that" in markdown and "cell" in markdown


def test_google_docs_bold_and_italics_come_from_styles_and_its_wrapper_is_not_bold():
    html = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234">'
        '<p dir="ltr"><span style="font-weight:400;">Troops </span>'
        '<span style="font-weight:700;">arrived</span><span style="font-weight:400;"> on </span>'
        '<span style="font-style:italic;font-weight:400;">Monday</span></p></b>'
    )
    assert markdown_from_html(html) == "Troops **arrived** on *Monday*"


def test_word_html_drops_its_office_markup_and_keeps_bullets_as_a_list():
    html = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><style>"
        "p.MsoNormal {margin:0cm}</style><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>"
        "</o:OfficeDocumentSettings></xml><![endif]--></head><body>"
        "<p class=MsoNormal><b>Defence</b> spending rose.<o:p></o:p></p>"
        "<p class=MsoListParagraph><![if !supportLists]><span>·<span>&nbsp;&nbsp;</span></span>"
        "<![endif]>More ships<o:p></o:p></p>"
        "<p class=MsoListParagraph><![if !supportLists]><span>·<span>&nbsp;&nbsp;</span></span>"
        "<![endif]>More planes<o:p></o:p></p></body></html>"
    )
    assert markdown_from_html(html) == "**Defence** spending rose.\n\n- More ships\n- More planes"


def test_markdown_characters_in_pasted_text_stay_text():
    html = "<p>5 * 3 = 15 and [not a link] and snake_case and # not a heading</p><p>1. not a list</p>"
    markdown = markdown_from_html(html)
    rendered = render_fragment(markdown)
    assert "<em>" not in rendered and "<a " not in rendered and "<h" not in rendered and "<ol" not in rendered
    assert "5 * 3 = 15" in rendered and "[not a link]" in rendered and "snake_case" in rendered
    assert "1. not a list" in rendered


def test_spaces_inside_emphasis_move_outside_and_empty_emphasis_goes():
    html = "<p>A<strong> bold </strong>move<em> </em>and <a href='https://example.org/a b'>a  link</a></p>"
    assert markdown_from_html(html) == "A **bold** move and [a link](https://example.org/a%20b)"


def test_line_breaks_and_nothing_but_whitespace():
    assert markdown_from_html("<p>One<br>Two</p>") == "One  \nTwo"
    assert markdown_from_html("<p>  </p><div>&nbsp;</div>") == ""
