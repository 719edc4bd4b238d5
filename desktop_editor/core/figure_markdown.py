"""Our python-markdown extension for pictures: `![](image:HANDLE)` becomes a <figure> with
the photo's caption and credit wherever it stands (alone in a paragraph, against text, in a
list item); an image from anywhere else becomes a note or a link, never a request."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from desktop_editor.core.figure_view import IMAGE_SCHEME, FigureView, RenderContext, format_caption


def figure_element(view: FigureView, credit_format: str, alt: str | None, lazy: bool) -> etree.Element:
    figure = etree.Element("figure", {"class": "figure"})
    img = etree.SubElement(figure, "img", image_attributes(view, alt, lazy))
    img.tail = None
    caption = format_caption(view.caption, view.credit, credit_format)
    if caption:
        figcaption = etree.SubElement(figure, "figcaption")
        figcaption.text = caption
    return figure


def image_attributes(view: FigureView, alt: str | None, lazy: bool) -> dict[str, str]:
    attributes = {"src": view.src, "alt": view.alt if alt is None else alt}
    if view.width and view.height:
        attributes["width"] = str(view.width)
        attributes["height"] = str(view.height)
    if view.srcset:
        attributes["srcset"] = view.srcset
        attributes["sizes"] = view.sizes or "100vw"
    if lazy:
        attributes["loading"] = "lazy"
    attributes["decoding"] = "async"
    return attributes


def missing_figure_element(handle: str) -> etree.Element:
    box = etree.Element("div", {"class": "figure-missing", "role": "note"})
    box.text = f"No photo with the handle “{handle}” is attached to this article."
    return box


def remote_image_element(src: str, alt: str, mode: str = "placeholder") -> etree.Element:
    """An image that is not an attached photo: a note in the preview; in an export, the
    link the author wrote (a page never fetches an image from elsewhere)."""
    if mode == "link":
        link = etree.Element("a", {"href": src, "class": "remote-image"})
        link.text = alt or src
        return link
    box = etree.Element("span", {"class": "remote-image"})
    label = f"{alt} ({src})" if alt else src
    box.text = f"[Remote image not shown: {label}]"
    return box


class _FigureProcessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, owner: FigureExtension):
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        context = self.owner.context
        _stand_photos_apart(root)
        replaced: set[int] = set()
        for parent in list(root.iter()):
            if id(parent) in replaced:
                continue
            for index, child in enumerate(list(parent)):
                if child.tag == "p" and _is_lone_image(child):
                    replaced.add(id(child))
                    parent[index] = self._figure_for(child[0], context)
                elif child.tag == "img":
                    replacement = self._inline_image(child, context)
                    if replacement is not None:
                        replacement.tail = child.tail
                        parent[index] = replacement

    def _figure_for(self, img: etree.Element, context: RenderContext) -> etree.Element:
        src = img.get("src", "")
        alt = img.get("alt") or None
        if not src.startswith(IMAGE_SCHEME):
            return _wrap_p(remote_image_element(src, alt or "", context.remote_images))
        handle = src[len(IMAGE_SCHEME):].strip()
        view = context.figures.get(handle)
        if view is None:
            return missing_figure_element(handle)
        return figure_element(view, context.credit_format, alt, context.lazy_images)

    def _inline_image(self, img: etree.Element, context: RenderContext) -> etree.Element | None:
        src = img.get("src", "")
        alt = img.get("alt") or None
        if not src.startswith(IMAGE_SCHEME):
            return remote_image_element(src, alt or "", context.remote_images)
        handle = src[len(IMAGE_SCHEME):].strip()
        self.owner.inline_handles.append(handle)
        view = context.figures.get(handle)
        if view is None:
            box = etree.Element("span", {"class": "figure-missing"})
            box.text = f"[No photo “{handle}”]"
            return box
        return etree.Element("img", image_attributes(view, alt, context.lazy_images))


# Elements that may hold a <figure> beside text: a photo placed in one becomes a figure
# where it stands. In a heading, a link or emphasis it can only stay an inline picture.
_FLOW_PARENTS = {"li", "dd", "td", "th", "blockquote", "div"}


def _is_photo(element: etree.Element) -> bool:
    return element.tag == "img" and element.get("src", "").startswith(IMAGE_SCHEME)


def _stand_photos_apart(root: etree.Element) -> None:
    """A photo placed against text (no blank line above or below it, or mid-sentence) is
    still a figure with its caption and credit: its paragraph is split around it, and in a
    list item or table cell it becomes a figure in place."""
    for parent in list(root.iter()):
        children = list(parent)
        if not any(child.tag == "p" and not _is_lone_image(child) and any(map(_is_photo, child))
                   for child in children) and not (parent.tag in _FLOW_PARENTS and any(map(_is_photo, children))):
            continue
        for index in range(len(children) - 1, -1, -1):
            child = children[index]
            if child.tag == "p" and not _is_lone_image(child) and any(map(_is_photo, child)):
                parent[index:index + 1] = _split_paragraph(child)
        if parent.tag in _FLOW_PARENTS:
            for index, child in enumerate(list(parent)):
                if _is_photo(child):
                    lone = _wrap_p(child)
                    lone.tail, child.tail = child.tail, None
                    parent[index] = lone


def _split_paragraph(p: etree.Element) -> list[etree.Element]:
    """p as paragraphs of text with each photo in a paragraph of its own between them."""
    pieces: list[etree.Element] = []
    current = etree.Element("p")
    current.text = p.text
    for child in list(p):
        if not _is_photo(child):
            current.append(child)
            continue
        pieces.append(current)
        lone = etree.Element("p")
        lone.append(child)
        pieces.append(lone)
        current = etree.Element("p")
        current.text, child.tail = child.tail, None
    pieces.append(current)
    kept = [piece for piece in pieces if _trim(piece)]
    for piece in kept:
        piece.tail = "\n"
    if kept:
        kept[-1].tail = p.tail
    return kept


def _trim(p: etree.Element) -> bool:
    """Strip the whitespace and line break a split leaves at a paragraph's edges; False
    when nothing is left."""
    while len(p) and p[-1].tag == "br" and not (p[-1].tail or "").strip():
        p.remove(p[-1])
    p.text = (p.text or "").lstrip() or None
    if len(p):
        p[-1].tail = (p[-1].tail or "").rstrip() or None
    else:
        p.text = (p.text or "").rstrip() or None
    return bool(len(p) or p.text)


def _is_lone_image(p: etree.Element) -> bool:
    return (
        len(p) == 1
        and p[0].tag == "img"
        and not (p.text or "").strip()
        and not (p[0].tail or "").strip()
    )


def _wrap_p(element: etree.Element) -> etree.Element:
    p = etree.Element("p")
    p.append(element)
    return p


class FigureExtension(Extension):
    def __init__(self, **kwargs):
        self.context = RenderContext()
        self.inline_handles: list[str] = []  # photos the last render could only show inline
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (python-markdown API)
        # After "inline" (priority 20) has made <img> elements and attr_list (8) has read
        # the attributes written after them.
        md.treeprocessors.register(_FigureProcessor(md, self), "figures", 7)
