"""The hostile inputs, each made by a function on the spot (nothing hostile is kept in the
repository): what an attacker or an unlucky user hands the app, and what it must say."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.docx import CONTENT_TYPES, DOCUMENT_RELS, PACKAGE_RELS, STYLES, W, _picture, story_docx
from tests.hostile.bombs import png, zip_archive
from tests.hostile.harness import Case
from tests.images import photo

STORY = """---
headline: "Council approves new bridge"
lead_image: bridge
images:
  - handle: bridge
    file: bridge.jpg
    caption: "The new bridge as planned."
    credit: "City Council"
    alt: "Artist's impression of a cable-stayed bridge over the river"
---
The council voted **7-2** on Tuesday, and the ferries will stop.
"""
SLUG = "council-approves-new-bridge"
GIB = 1 << 30
MIB = 1 << 20


def make_store(folder: Path) -> Path:
    """A store in folder holding the story above, ready to export."""
    from desktop_editor.storage.store import Store
    from desktop_editor.workflows import import_file

    (folder / "bundle").mkdir(parents=True, exist_ok=True)
    (folder / "bundle" / "bridge.jpg").write_bytes(photo(800, 533))
    (folder / "bundle" / "story.md").write_text(STORY, encoding="utf-8")
    path = folder / "store.sqlite"
    with Store(str(path)) as store:
        import_file(store, folder / "bundle" / "story.md")
    return path


def with_body(folder: Path, body: str, slug: str) -> str:
    """An article with this body in the case's store, ready to export; its slug."""
    from desktop_editor.core.model import Article
    from desktop_editor.storage.store import Store

    with Store(str(folder / "store.sqlite")) as store:
        article = store.create_article_with_photos(Article(headline="Hostile body", slug=slug, body=body), [])
    return article.slug


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _zero(folder: Path, name: str) -> Path:
    path = folder / name
    path.symlink_to("/dev/zero")
    return path


def _docx(parts: dict, *, document: str | tuple | None = None, rels: str | None = None) -> bytes:
    members = {
        "[Content_Types].xml": CONTENT_TYPES.encode(), "_rels/.rels": PACKAGE_RELS.encode(),
        "word/_rels/document.xml.rels": (rels or DOCUMENT_RELS).encode(), "word/styles.xml": STYLES.encode(),
    }  # fmt: skip
    members["word/document.xml"] = document if isinstance(document, tuple) else (document or "").encode()
    members.update(parts)
    return zip_archive(members)


def _document(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}"><w:body>'
        f"{body}</w:body></w:document>"
    )


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _import(name: str, data: Callable[[], bytes]) -> Callable[[Path], list[str]]:
    return lambda folder: ["import", str(_write(folder, name, data()))]


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a0 "hahahahahahahahahaha">'
    + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
)
TEXT_RUN = f'<w:p><w:r><w:t>{"The council voted on Tuesday. " * 30}</w:t></w:r></w:p>'


def _text_bomb(mib: int = 2048) -> bytes:
    head, tail = _document("|").split("|")
    block = (TEXT_RUN * (MIB // len(TEXT_RUN))).encode()
    return _docx({}, document=(block, mib, head.encode(), tail.encode()))  # about 2 GiB of text


def _picture_bomb() -> bytes:
    body = "<w:p><w:r><w:t>Pictured.</w:t></w:r></w:p>" + f"<w:p>{_picture('A bridge')}</w:p>"
    return _docx({"word/media/bridge.jpeg": (b"\0" * MIB, 2048)}, document=_document(body))


def _xxe_rels() -> bytes:
    rels = DOCUMENT_RELS.replace(
        "<Relationships", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Relationships'
    ).replace('Target="https://council.example/vote"', 'Target="&x;"')
    return _docx({}, document=_document('<w:p><w:r><w:t>Hello</w:t></w:r></w:p>'), rels=rels)


def _corrupt_zip() -> bytes:
    good = story_docx(photo(64, 48))
    return good[:30] + bytes(range(256)) * 8 + good[2000:]


def _export(slug_of: Callable[[Path], str], format: str = "folder") -> Callable[[Path], list[str]]:
    return lambda folder: ["export", slug_of(folder), "--out", str(folder / "out"), "--format", format]


def _nested(levels: int, indent: str = "  ") -> str:
    return "".join(f"{indent * level}- level {level}\n" for level in range(levels))


def _attach_picture(width: int, height: int, mode: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        return ["attach", SLUG, str(_write(folder, f"huge-{mode.replace(';', '')}.png", png(width, height, mode)))]

    return build


def _export_picture(width: int, height: int, mode: str) -> Callable[[Path], list[str]]:
    """A huge picture placed in an article (stored without the checks of attach, as an older
    version could have), then the article exported."""

    def build(folder: Path) -> list[str]:
        import hashlib

        from desktop_editor.core.model import Article, Figure
        from desktop_editor.storage.store import Store

        data = png(width, height, mode)
        sha = hashlib.sha256(data).hexdigest()
        with Store(str(folder / "store.sqlite")) as store:
            body = "Above.\n\n![](image:huge)\n"
            article = store.create_article_with_photos(Article(headline="Huge", slug="huge", body=body), [])
            figure = Figure(handle="huge", image_sha256=sha, alt="A huge grey field", credit="Staff", caption="Grey.")
            store.add_photos(article.id, [(_Stored(sha, data, width, height), figure)])
        return ["export", "huge", "--out", str(folder / "out")]

    return build


class _Stored:
    """An image already checked, as the store's add_photos takes it."""

    def __init__(self, sha: str, data: bytes, width: int, height: int) -> None:
        self.sha256, self.data, self.width, self.height = sha, data, width, height
        self.format, self.metadata = "PNG", {}


def _force_over_user_files(folder: Path) -> list[str]:
    out = folder / "out"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    return ["export", SLUG, "--out", str(out), "--force"]


CASES = [
    Case("attach-fifo", lambda f: ["attach", SLUG, str(_fifo(f, "photo.jpg"))], "is a pipe"),
    Case("import-fifo-md", lambda f: ["import", str(_fifo(f, "story.md"))], "is a pipe"),
    Case("import-fifo-docx", lambda f: ["import", str(_fifo(f, "story.docx"))], "is a pipe"),
    Case("import-dev-zero-md", lambda f: ["import", str(_zero(f, "story.md"))], "is a device"),
    Case("import-dev-zero-docx", lambda f: ["import", str(_zero(f, "story.docx"))], "is a device"),
    Case("attach-dev-zero", lambda f: ["attach", SLUG, "/dev/zero"], "is a device"),
    Case("attach-directory", lambda f: ["attach", SLUG, str(Path(shutil.copytree(f / "bundle", f / "x.jpg")))], "is a directory"),
    Case("import-directory", lambda f: ["import", str(Path(shutil.copytree(f / "bundle", f / "x.md")))], "is a directory"),
    Case("docx-text-bomb", _import("bomb.docx", _text_bomb), "bomb.docx"),
    Case("docx-text-part-200mb", _import("part.docx", lambda: _text_bomb(200)), "its part word/document.xml would unpack to 200 MB"),
    Case("docx-picture-bomb", _import("bomb.docx", _picture_bomb), "bomb.docx"),
    Case("docx-billion-laughs", _import("laughs.docx", lambda: _docx({}, document=_document("<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>", LAUGHS))), "laughs.docx"),
    Case("docx-xxe-document", _import("xxe.docx", lambda: _docx({}, document=_document("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'))), "xxe.docx"),
    Case("docx-xxe-rels", _import("xxe-rels.docx", _xxe_rels), "xxe-rels.docx"),
    Case("docx-malformed-xml", _import("broken.docx", lambda: _docx({}, document="<w:document><w:body><w:p>")), "broken.docx"),
    Case("docx-corrupt-zip", _import("corrupt.docx", _corrupt_zip), "corrupt.docx"),
    Case("export-nested-lists-5000", _export(lambda f: with_body(f, _nested(5000), "lists")), "characters long"),
    Case("export-nested-lists-2000-4sp", _export(lambda f: with_body(f, _nested(2000, "    "), "lists")), "characters long"),
    Case("export-nested-lists-1000", _export(lambda f: with_body(f, _nested(1000), "lists")), "nested 1,000 levels deep"),
    Case("export-nested-quotes-5000", _export(lambda f: with_body(f, "".join("> " * n + "q\n" for n in range(1, 5000, 50)) + "> " * 5000 + "deep\n", "quotes")), "levels deep"),
    Case("import-unclosed-links-200k", _import("links.md", lambda: ("---\nheadline: Links\n---\n" + "[a](" * 200_000).encode())),
    Case("export-unclosed-links-9000", _export(lambda f: with_body(f, "[a](" * 9_000 + "\n", "links"))),
    Case("export-unclosed-links-20k", _export(lambda f: with_body(f, "[a](" * 20_000 + "\n", "links")), "20,000 links"),
    Case("import-body-50mb", _import("big.md", lambda: ("---\nheadline: Big\n---\n" + "word " * 10 * MIB).encode()), "big.md"),
    Case("export-body-50mb", _export(lambda f: with_body(f, "The council voted. " * (50 * MIB // 19), "big")), "characters long"),
    Case("attach-156mp-rgba-png", _attach_picture(13000, 12000, "RGBA"), "huge-RGBA.png"),
    Case("attach-156mp-rgb16-png", _attach_picture(13000, 12000, "RGB;16"), "huge-RGB16.png"),
    Case("attach-156mp-grey16-png", _attach_picture(13000, 12000, "I;16"), "", 30.0),
    Case("export-156mp-rgba-png", _export_picture(13000, 12000, "RGBA"), "huge"),
    Case("export-156mp-grey16-png", _export_picture(13000, 12000, "I;16"), "", 30.0),
    Case("attach-100mp-rgba-png", _attach_picture(10000, 10000, "RGBA"), "", 30.0),
    Case("export-100mp-rgba-png", _export_picture(10000, 10000, "RGBA"), "", 30.0),
    Case("export-156mp-grey-png", _export_picture(13000, 12000, "L"), "", 30.0),
    Case("export-force-over-user-files", _force_over_user_files, "notes.txt"),
]
