"""Markdown to a safe HTML fragment, whole or block by block.

python-markdown does the parsing; our figure extension (figure_markdown) turns every
`![](image:HANDLE)` into a captioned <figure>; nh3 then removes anything executable. The preview
renders block by block and re-renders only the blocks that changed; the export renders the
same blocks, so both show the same thing.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension

from desktop_editor.core.critic import clean, spans_blocks
from desktop_editor.core.figure_markdown import (  # noqa: F401 (re-exported)
    FigureExtension,
    figure_element,
    image_attributes,
    missing_figure_element,
    remote_image_element,
)
from desktop_editor.core.figure_view import (  # noqa: F401 (re-exported)
    DEFAULT_CREDIT_FORMAT,
    IMAGE_SCHEME,
    FigureView,
    RenderContext,
    format_caption,
)
from desktop_editor.core.markdown_inline import use_linear_inline
from desktop_editor.core.markdown_limits import body_problems, defuse, restore_openers
from desktop_editor.core.text import word_count


def markdown_extensions() -> list[Extension]:
    """python-markdown's Extra (its seven parts), Smarty and Sane Lists, made here: named
    instead, each would be looked up among the installed packages' entry points, which reads
    every package's metadata (about 50 ms on the preview's first render)."""
    from markdown.extensions.abbr import AbbrExtension
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.def_list import DefListExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.md_in_html import MarkdownInHtmlExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.smarty import SmartyExtension
    from markdown.extensions.tables import TableExtension

    extra = [_fenced_code(), FootnoteExtension(), AttrListExtension(), DefListExtension(),
             TableExtension(), AbbrExtension(), MarkdownInHtmlExtension()]  # fmt: skip
    return [*extra, SmartyExtension(), SaneListExtension()]


def _fenced_code() -> Extension:
    """Fenced code blocks, never highlighted (CodeHilite is not enabled). Their module imports
    Pygments all the same when it is installed (as it is beside the tests), for nothing: 1 MB
    and 5 ms on the preview's first render. It is kept out while that module loads."""
    if "markdown.extensions.fenced_code" in sys.modules or "pygments" in sys.modules:
        from markdown.extensions.fenced_code import FencedCodeExtension
    else:
        sys.modules["pygments"] = None  # `import pygments` raises ImportError meanwhile
        try:
            from markdown.extensions.fenced_code import FencedCodeExtension
        finally:
            del sys.modules["pygments"]
    return FencedCodeExtension()


ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"title", "class", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "div": {"role"},
    "abbr": {"title"},
}
# Plain links and mail; our own image scheme for the preview, data: for self-contained
# exports. Relative URLs pass. _filter_attribute narrows what each attribute may hold.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "desktop-editor", "data"}
# An image may only come from the store (preview), the export's own images/ folder or an
# embedded image: a page never fetches anything from elsewhere.
LOCAL_IMAGE_PREFIXES = ("desktop-editor:", "images/", "data:image/")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute in ("src", "srcset"):
        return value if value.strip().lower().startswith(LOCAL_IMAGE_PREFIXES) else None
    if attribute == "href" and value.strip().lower().startswith("data:"):
        return None
    return value


def sanitize(html: str) -> str:
    return _repair(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=_filter_attribute,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
            filter_style_properties={"text-align"},
        )
    )


# nh3 serializes every attribute value in double quotes, so start tags can be read safely.
_START_TAG = re.compile(r'<(a|img)((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*(/?)>')
_ATTRIBUTE_NAME = re.compile(r'\s([^\s"\'>/=]+)(?:="[^"]*")?')


def _repair(html: str) -> str:
    """Keep sanitized output valid: an <img> whose source was removed goes, one without alt
    gets an empty alt; a link whose href was removed loses its rel too."""

    def fix(match: re.Match) -> str:
        tag, attributes = match.group(1), match.group(2)
        names = set(_ATTRIBUTE_NAME.findall(attributes))
        if tag == "img":
            if not names & {"src", "srcset"}:
                return ""
            if "alt" not in names:
                return f'<img{attributes} alt="">'
        elif "href" not in names and "rel" in names:
            return "<a" + re.sub(r'\srel="[^"]*"', "", attributes) + ">"
        return match.group(0)

    return _START_TAG.sub(fix, html)


class MarkdownRenderer:
    """One python-markdown instance with our extensions. Not thread-safe: one per thread."""

    def __init__(self) -> None:
        self._figures = FigureExtension()
        self._md = markdown.Markdown(
            extensions=[*markdown_extensions(), self._figures], output_format="html"
        )
        use_linear_inline(self._md)  # python-markdown's own pass is quadratic in the blocks

    def render(self, text: str, context: RenderContext) -> str:
        self._figures.context = context
        self._figures.inline_handles = []
        self._md.reset()
        text = clean(text, context.review_text)  # the one place review markup leaves the page
        problems = body_problems(text)
        if problems:  # what the page cannot be made of is said in its place (core.markdown_limits)
            return f'<p class="limit">{html.escape(problems[0])}</p>'
        return sanitize(restore_openers(self._md.convert(defuse(text))))

    @property
    def inline_handles(self) -> list[str]:
        """The photos the last render placed as inline pictures, without caption or credit
        (in a heading, a link or emphasis, where a figure cannot stand)."""
        return list(self._figures.inline_handles)


def render_fragment(text: str, context: RenderContext | None = None) -> str:
    """The whole body as one sanitized HTML fragment."""
    return MarkdownRenderer().render(text, context or RenderContext())


def inline_photo_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line, handle) of each photo the page can only show inline, without its
    caption and credit."""
    from desktop_editor.core.references import figure_references

    renderer, found = MarkdownRenderer(), []
    for block in split_blocks(text):
        if IMAGE_SCHEME not in block.text:
            continue
        renderer.render(block.text, RenderContext())
        inline = renderer.inline_handles
        for reference in figure_references(block.text):
            if reference.handle in inline:
                inline.remove(reference.handle)
                found.append((block.start_line + reference.line, reference.handle))
    return found


# --- Block by block -------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}[.)])\s")
# Constructs whose meaning reaches across blocks: reference links, footnotes,
# abbreviations and raw HTML blocks. A body with any of them is rendered whole.
_CROSS_BLOCK = re.compile(r"^ {0,3}(?:\[[^\]]+\]:|\*\[[^\]]+\]:|<[A-Za-z!])|\[\^", re.M)


@dataclass(frozen=True, slots=True)
class Block:
    start_line: int  # 0-based line in the body where this block starts
    text: str


def split_blocks(text: str) -> list[Block]:
    """Split Markdown into independently renderable blocks at blank lines.

    Fenced code stays whole; indented continuations and the items of one list stay with the
    block they belong to.
    """
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    fence: str | None = None
    lines = text.split("\n")

    def flush(next_start: int) -> None:
        nonlocal current, start
        if current:
            chunk = "\n".join(current)
            previous = blocks[-1] if blocks else None
            if previous is not None and _continues(previous.text, chunk):
                blocks[-1] = Block(previous.start_line, previous.text + "\n\n" + chunk)
            else:
                blocks.append(Block(start, chunk))
        current = []
        start = next_start

    for number, line in enumerate(lines):
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = _FENCE_OPEN.match(line)
        if opening:
            if not current:
                start = number
            current.append(line)
            fence = opening.group(1)[0] * 3
            continue
        if not line.strip():
            flush(number + 1)
            continue
        if not current:
            start = number
        current.append(line)
    flush(len(lines))
    return blocks


def _continues(previous: str, chunk: str) -> bool:
    if chunk[:1] in (" ", "\t"):
        return True
    return bool(_LIST_ITEM.match(chunk) and _LIST_ITEM.match(previous.split("\n", 1)[0]))


def needs_whole_document(text: str) -> bool:
    return _CROSS_BLOCK.search(text) is not None


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    key: str  # stable identity of (block text, context): equal keys, equal HTML
    start_line: int
    html: str
    words: int  # words a reader sees in this block


class BlockRenderer:
    """Renders a body as blocks, re-rendering only blocks whose text or context changed.

    Everything per block (HTML, word count, whether it reaches across blocks) is cached, so
    a keystroke costs the work of one block, not of the whole article.
    """

    def __init__(self) -> None:
        self._renderer = MarkdownRenderer()
        self._cache: dict[str, tuple[str, int]] = {}
        self._crossing: dict[str, bool] = {}
        self._keys: dict[str, str] = {}  # block text -> its key, from the last render

    def _text_keys(self, blocks: list[Block]) -> list[str]:
        # A block that has not changed since the last render costs a dict lookup, not a hash.
        known, keys = self._keys, {}
        for block in blocks:
            keys[block.text] = known.get(block.text) or _key(block.text)
        self._keys = keys
        return [keys[block.text] for block in blocks]

    def render(self, text: str, context: RenderContext) -> list[RenderedBlock]:
        digest = context.digest
        blocks = split_blocks(text)
        text_keys = self._text_keys(blocks)
        crossing = {key: self._crossing.get(key) for key in text_keys}
        for block, key in zip(blocks, text_keys):
            if crossing[key] is None:
                crossing[key] = needs_whole_document(block.text)
        self._crossing = crossing
        if any(crossing.values()) or spans_blocks(text):  # a suggestion over a blank line too
            blocks, text_keys = [Block(0, text)], [_key(text)]
        cache: dict[str, tuple[str, int]] = {}
        result = []
        for block, text_key in zip(blocks, text_keys):
            key = text_key + digest[:12]  # the block's text and what it was rendered with
            entry = cache.get(key) or self._cache.get(key)
            if entry is None:
                entry = (self._renderer.render(block.text, context), word_count(block.text))
            cache[key] = entry
            result.append(RenderedBlock(key, block.start_line, *entry))
        self._cache = cache
        return result


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def join_blocks(blocks: list[RenderedBlock]) -> str:
    return "\n".join(block.html for block in blocks)
