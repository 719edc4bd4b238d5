"""Word documents (.docx) as articles: mammoth reads the document's structure (headings,
bold, italics, links, lists, quotes, pictures with their alt text) into simple HTML, which
becomes the Markdown the editor keeps. The first top-level heading (or the document's
title) is the headline; each embedded picture becomes an attached photo placed where it
stood. Pure Python, no Qt.

A .docx is a zip of XML parts, and a hostile one can be a zip bomb, an XML bomb or a
reference to a file elsewhere on the machine. So before mammoth reads anything
(core.word_package): the package's declared sizes are checked against the limits below
(zip reading never inflates a part past its declared size), and every XML part is read
once through expat with document type declarations refused, which Word never writes and
which every entity attack needs. Any fault is one sentence naming the file.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from desktop_editor.core.bundle import BundleError
from desktop_editor.core.inputs import UnreadableFile, open_file
from desktop_editor.core.model import Article
from desktop_editor.core.word_package import MAX_DOCX_BYTES, check_package, unreadable

STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p.standfirst:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""


@dataclass
class WordPicture:
    handle: str
    data: bytes
    alt: str


@dataclass
class WordDocument:
    article: Article
    pictures: list[WordPicture] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_word(path: Path) -> WordDocument:
    import mammoth
    import mammoth.images

    from desktop_editor.core.images import MAX_BYTES

    try:
        file, _size = open_file(path, MAX_DOCX_BYTES, "a Word document")
    except UnreadableFile as error:
        raise BundleError(f"{path} {error}.") from None
    pictures: list[WordPicture] = []

    def picture(image) -> dict:
        with image.open() as stream:
            data = stream.read(MAX_BYTES + 1)  # the package's sizes were checked: this is a guard
        if len(data) > MAX_BYTES:
            raise BundleError(f"{path.name}: a picture in it is larger than {MAX_BYTES // 2**20} MB.")
        handle = f"picture-{len(pictures) + 1}"
        pictures.append(WordPicture(handle, data, (image.alt_text or "").strip()))
        return {"src": f"image:{handle}", "alt": (image.alt_text or "").strip()}

    with file:
        try:
            with zipfile.ZipFile(file) as package:
                check_package(package, path.name)
                title = _core_title(package)
            file.seek(0)
            result = mammoth.convert_to_html(
                file, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(picture)
            )
        except BundleError:
            raise
        except Exception as error:  # noqa: BLE001 - whatever the package does to the reader
            raise BundleError(unreadable(path.name, error)) from None
    converter = _Markdown()
    converter.feed(result.value)
    converter.close()
    body, headline, standfirst = converter.result()
    headline = headline or title or path.stem.replace("-", " ").replace("_", " ").strip()
    warnings = [f"{path.name}: {message.message}" for message in result.messages if message.type == "warning"]
    article = Article(headline=headline, standfirst=standfirst, body=body)
    return WordDocument(article, pictures, warnings)


def _core_title(package: zipfile.ZipFile) -> str:
    try:
        core = package.read("docProps/core.xml").decode("utf-8", "replace")
    except KeyError:
        return ""
    match = re.search(r"<dc:title>([^<]*)</dc:title>", core)
    return match.group(1).strip() if match else ""


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


class _Markdown(HTMLParser):
    """The small HTML mammoth writes, as Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.lists: list[list] = []  # [kind, number]
        self.quote = 0
        self.links: list[str] = []
        self.headline = ""
        self.standfirst = ""
        self.heading = 0
        self.block_class = ""

    def _flush(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        if not text:
            return
        if self.heading == 1 and not self.headline:
            self.headline = text
            return
        if self.block_class == "standfirst" and not self.standfirst:
            self.standfirst = text
            return
        if self.heading:
            text = "#" * self.heading + " " + text
        quote = "> " * self.quote
        self.blocks.append(quote + self.prefix + text.replace("\n", "\n" + quote + "  " * bool(self.prefix)))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.heading = int(tag[1]) if tag.startswith("h") else 0
            self.block_class = attrs.get("class", "") or ""
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            indent = "    " * (len(self.lists) - 1)
            self.prefix = indent + ("- " if kind[0] == "ul" else f"{kind[1]}. ")
        elif tag == "blockquote":
            self._flush()
            self.quote += 1
        elif tag in ("strong", "b"):
            self.current.append("**")
        elif tag in ("em", "i"):
            self.current.append("*")
        elif tag == "a":
            self.links.append(attrs.get("href") or "")
            self.current.append("[" if attrs.get("href") else "")
        elif tag == "br":
            self.current.append("  \n")
        elif tag == "img":
            self._flush()
            alt = _MARKDOWN_SPECIAL.sub(r"\\\1", attrs.get("alt") or "")
            self.blocks.append(f"![{alt}]({attrs.get('src', '')})")

    def handle_endtag(self, tag):
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.heading = 0
            self.block_class = ""
        elif tag == "li":
            self._flush()
            self.prefix = ""
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "blockquote":
            self._flush()
            self.quote = max(0, self.quote - 1)
        elif tag in ("strong", "b"):
            self.current.append("**")
        elif tag in ("em", "i"):
            self.current.append("*")
        elif tag == "a":
            href = self.links.pop() if self.links else ""
            if href:
                self.current.append(f"](<{href}>)" if " " in href else f"]({href})")

    def handle_data(self, data):
        self.current.append(_MARKDOWN_SPECIAL.sub(r"\\\1", data))

    def result(self) -> tuple[str, str, str]:
        self._flush()
        groups: list[list[str]] = []
        for block in self.blocks:  # list items of one list stay together (joined once: linear)
            if groups and _is_item(block) and _is_item(groups[-1][-1]):
                groups[-1].append(block)
            else:
                groups.append([block])
        return "\n\n".join("\n".join(group) for group in groups) + "\n", self.headline, self.standfirst


def _is_item(block: str) -> bool:
    return bool(re.match(r"^(?:> )*\s*(?:- |\d+\. )", block))
