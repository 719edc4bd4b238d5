"""Export: the four formats, atomic writes, safe names, clean renditions, hostile input."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw

from desktop_editor.core.bundle import parse_bundle
from desktop_editor.core.export import (
    ExportCancelled,
    ExportError,
    ExportFormat,
    ExportSettings,
    export_article,
    markdown_bundle_text,
    output_path,
)
from desktop_editor.core.export_marks import MARK_FILE
from desktop_editor.core.model import Article, Figure
from desktop_editor.core.renditions import MAX_WIDTH, clean_xmp, make_renditions, target_widths

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
GHOSTSCRIPT_ICC = Path("/usr/share/color/icc/ghostscript")
SERIAL = "SN-4815162342"
MAKER_NOTE = b"SECRET-MAKER-NOTE-0123456789"
COMMENT = b"Owner: Jane Photographer, camera serial 99887766"
GPS_WORDS = (b"GPSLatitude", b"GPSLongitude", b"exif:GPS")


# --- Generated originals ---------------------------------------------------------------


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS R5"  # Model
    exif[0x0112] = orientation
    exif[0x013B] = "Jane Photographer"  # Artist
    details = exif.get_ifd(0x8769)
    details[0xA431] = SERIAL  # BodySerialNumber
    details[0x927C] = MAKER_NOTE  # MakerNote
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (43.0, 28.0, 2.81)
    gps[3] = "E"
    gps[4] = (11.0, 53.0, 6.46)
    return exif


LOCATION_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/">'
    b"<exif:GPSLatitude>43,28.0468N</exif:GPSLatitude><exif:GPSLongitude>11,53.1077E</exif:GPSLongitude>"
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def photo(size=(1200, 800), orientation: int = 1, colour=(180, 90, 40)) -> bytes:
    """A JPEG as a camera writes it: EXIF with GPS, serial, maker note, XMP location, a
    comment and an embedded thumbnail."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 2, size[1]), fill=(220, 20, 20))  # left half red
    draw.rectangle((size[0] // 2, 0, size[0], size[1]), fill=(20, 20, 220))  # right half blue
    exif = camera_exif(orientation)
    thumb = io.BytesIO()
    image.resize((160, 120)).save(thumb, "JPEG")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif, xmp=LOCATION_XMP, comment=COMMENT)
    return buffer.getvalue()


def cmyk_photo(size=(900, 600), icc: bytes | None = None) -> bytes:
    image = Image.new("CMYK", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, size[0], size[1] // 2), fill=(0, 0, 0, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=camera_exif(), **({"icc_profile": icc} if icc else {}))
    return buffer.getvalue()


def png_with_alpha(size=(700, 500), opaque: bool = False) -> bytes:
    image = Image.new("RGBA", size, (30, 120, 200, 255))
    if not opaque:
        ImageDraw.Draw(image).ellipse((50, 50, 300, 300), fill=(255, 255, 255, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=camera_exif())
    return buffer.getvalue()


ORIGINALS = {
    "sha-camera": photo(),
    "sha-turned": photo(size=(1000, 600), orientation=6),
    "sha-cmyk": cmyk_photo(),
    "sha-logo": png_with_alpha(),
}


def figures() -> list[Figure]:
    return [
        Figure("camera", "sha-camera", caption="Workers on the new bridge.", credit="City Council",
               alt="Two workers in orange vests on a steel deck", creator="Jane Photographer",
               copyright="City Council 2026", position=0, format="JPEG"),
        Figure("turned", "sha-turned", caption="The mayor speaks", credit="Ann Lee",
               alt="The mayor at a lectern", position=1, format="JPEG"),
        Figure("cmyk", "sha-cmyk", caption="A print-ready plan.", credit="Agency",
               alt="Plan of the bridge", position=2, format="JPEG"),
        Figure("logo", "sha-logo", caption="The council's logo.", credit="City Council",
               alt="Council logo", position=3, format="PNG"),
    ]  # fmt: skip


def news_article(**changes) -> Article:
    values = dict(
        id=7,
        headline="Council approves new bridge",
        standfirst="The crossing will open in 2028.",
        byline="A Reporter",
        slug="council-approves-new-bridge",
        tags=("transport", "council"),
        language="en-GB",
        body=(
            "The council voted **7-2** on Tuesday.\n\n![](image:turned)\n\n"
            "> \"It is a good day,\" the mayor said.\n\n![](image:cmyk)\n\n![](image:logo)\n"
        ),
        lead_image="camera",
        created=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        updated=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )
    values.update(changes)
    return Article(**values)


def read(sha: str) -> bytes:
    return ORIGINALS[sha]


def export(tmp_path, fmt=ExportFormat.FOLDER, article=None, figs=None, name="out", **kwargs):
    return export_article(
        article or news_article(), figures() if figs is None else figs, kwargs.pop("read_image", read),
        tmp_path / name, fmt, **kwargs,
    )  # fmt: skip


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


# --- HTML inspection ---------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def all(self, tag):
        return [attrs for name, attrs in self.elements if name == tag]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def json_ld(html: str) -> dict:
    (script,) = parse(html).scripts
    return json.loads(script)


# --- Formats -------------------------------------------------------------------------------


def test_folder_has_index_and_images(tmp_path):
    out = export(tmp_path)
    assert out == tmp_path / "out"
    files = tree(out)
    assert "index.html" in files
    for handle, ext in (("camera", "jpg"), ("turned", "jpg"), ("cmyk", "jpg"), ("logo", "png")):
        assert f"images/{handle}-480.{ext}" in files
    assert {"images/camera-960.jpg", "images/camera-1200.jpg"} <= files  # 1600 is not upscaled
    assert "images/turned-600.jpg" in files and "images/turned-960.jpg" not in files
    assert list(tmp_path.iterdir()) == [out]
    for attrs in parse((out / "index.html").read_text()).all("img"):
        for candidate in attrs["srcset"].split(", "):
            assert (out / candidate.split(" ")[0]).is_file()


def test_page_structure(tmp_path):
    html = (export(tmp_path) / "index.html").read_text()
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.all("html") == [{"lang": "en-GB"}]
    assert len(page.all("main")) == 1 and len(page.all("article")) == 1
    assert len(page.all("h1")) == 1 and "Council approves new bridge</h1>" in html
    assert '<p class="standfirst">The crossing will open in 2028.</p>' in html
    assert "By A Reporter" in html
    assert page.all("time") == [{"datetime": "2026-03-02T10:00:00+00:00"}]
    assert {"name": "description", "content": "The crossing will open in 2028."} in page.all("meta")
    properties = {m.get("property"): m.get("content") for m in page.all("meta") if "property" in m}
    assert properties["og:title"] == "Council approves new bridge"
    assert properties["og:description"] == "The crossing will open in 2028."
    assert "og:image" not in properties  # relative, nobody would resolve it: see base_url
    assert {"name": "twitter:card", "content": "summary"} in page.all("meta")
    images = page.all("img")
    assert [i["src"] for i in images] == [
        "images/camera-1200.jpg", "images/turned-600.jpg", "images/cmyk-900.jpg", "images/logo-700.png"
    ]  # fmt: skip
    assert "loading" not in images[0]  # the lead loads at once
    assert all(i["loading"] == "lazy" for i in images[1:])
    for img in images:
        assert img["alt"] and int(img["width"]) > 0 and int(img["height"]) > 0 and img["sizes"]
    assert len(page.all("figure")) == 4 and len(page.all("figcaption")) == 4
    assert "<figcaption>Workers on the new bridge (Picture: City Council).</figcaption>" in html
    assert "<figcaption>The mayor speaks (Picture: Ann Lee).</figcaption>" in html
    assert "<link" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert "@import" not in html and "url(" not in html


def test_json_ld_news_article(tmp_path):
    data = json_ld((export(tmp_path) / "index.html").read_text())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Council approves new bridge"
    assert data["description"] == "The crossing will open in 2028."
    assert data["author"] == [{"@type": "Person", "name": "A Reporter"}]
    assert data["datePublished"] > "2026-03-02T10:00:00+00:00"  # no publish time: now, not created
    assert data["dateModified"] == data["datePublished"]
    assert data["keywords"] == ["transport", "council"]
    lead = data["image"][0]
    assert lead == {
        "@type": "ImageObject", "contentUrl": "images/camera-1200.jpg", "width": 1200,
        "height": 800, "caption": "Workers on the new bridge.",
        "description": "Two workers in orange vests on a steel deck", "creditText": "City Council",
        "copyrightNotice": "City Council 2026",
        "creator": {"@type": "Person", "name": "Jane Photographer"},
    }  # fmt: skip
    assert len(data["image"]) == 4


def test_publish_time_and_base_url_make_absolute_social_metadata(tmp_path):
    published = datetime(2026, 3, 3, 6, 0, tzinfo=UTC)
    settings = ExportSettings(
        base_url="https://news.example/2026/{slug}/", publisher="The Example Gazette",
        publisher_url="https://news.example/", publisher_logo="https://news.example/logo.png",
    )  # fmt: skip
    out = export(tmp_path, article=news_article(publish_at=published), settings=settings)
    html = (out / "index.html").read_text()
    page = parse(html)
    url = "https://news.example/2026/council-approves-new-bridge/"
    assert page.all("link") == [{"rel": "canonical", "href": url}]
    properties = {m.get("property"): m.get("content") for m in page.all("meta") if "property" in m}
    assert properties["og:url"] == url
    assert properties["og:image"] == url + "images/camera-1200.jpg"
    assert properties["og:image:alt"] == "Two workers in orange vests on a steel deck"
    assert properties["og:site_name"] == "The Example Gazette"
    assert properties["article:published_time"] == "2026-03-03T06:00:00+00:00"
    assert {"name": "twitter:card", "content": "summary_large_image"} in page.all("meta")
    assert page.all("time") == [{"datetime": "2026-03-03T06:00:00+00:00"}]
    data = json_ld(html)
    assert data["url"] == data["mainEntityOfPage"] == url
    assert data["datePublished"] == "2026-03-03T06:00:00+00:00"
    assert data["dateModified"] == "2026-03-03T06:00:00+00:00"  # edited before publishing
    assert data["publisher"] == {
        "@type": "Organization", "name": "The Example Gazette", "url": "https://news.example/",
        "logo": {"@type": "ImageObject", "url": "https://news.example/logo.png"},
    }  # fmt: skip
    assert data["image"][0]["contentUrl"] == url + "images/camera-1200.jpg"


def test_remote_images_are_published_as_the_links_written(tmp_path):
    article = news_article(body="See ![the map](https://maps.example/m.png).\n\n![](https://x.example/a.jpg)\n")
    html = (export(tmp_path, article=article, figs=figures()[:1]) / "index.html").read_text()
    assert "Remote image not shown" not in html
    assert re.search(r"<a [^>]*href=\"https://maps.example/m.png\"[^>]*>the map</a>", html)
    assert '>https://x.example/a.jpg</a>' in html
    assert "<img" in html and 'src="https://' not in html


@pytest.mark.parametrize("fmt", [ExportFormat.FOLDER, ExportFormat.ZIP, ExportFormat.SINGLE, ExportFormat.MARKDOWN])
def test_output_gets_the_umasks_permissions(tmp_path, fmt):
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = export(tmp_path, fmt)
    finally:
        os.umask(old)
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode == (0o755 if out.is_dir() else 0o644), oct(mode)
    for path in out.rglob("*") if out.is_dir() else ():
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path


def test_a_folder_that_cannot_be_written_is_one_sentence(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)  # root writes anywhere; a desk does not
    with pytest.raises(ExportError, match="Nothing can be written in .*/new: Permission denied"):
        export(tmp_path / "new")
    assert list(tmp_path.iterdir()) == []  # the folders made for it are gone again


def test_zip_holds_the_same_files(tmp_path):
    fixed = ExportSettings(published=datetime(2026, 3, 3, tzinfo=UTC))  # else: each export's own moment
    folder = export(tmp_path, name="folder", settings=fixed)
    archive = export(tmp_path, ExportFormat.ZIP, name="story", settings=fixed)
    assert archive == tmp_path / "story.zip"
    with zipfile.ZipFile(archive) as bundle:
        assert bundle.testzip() is None
        names = set(bundle.namelist())
        assert names == {p for p in tree(folder) if (folder / p).is_file()} - {MARK_FILE}  # the folder's mark
        assert bundle.read("index.html") == (folder / "index.html").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "story.zip"]


def test_single_file_is_self_contained(tmp_path):
    out = export(tmp_path, ExportFormat.SINGLE, name="page.html")
    assert out == tmp_path / "page.html" and out.is_file()
    html = out.read_text()
    page = parse(html)
    images = page.all("img")
    assert len(images) == 4
    for img in images:
        assert re.match(r"data:image/(jpeg|png);base64,", img["src"])
        assert "srcset" not in img
    assert "images/" not in html
    assert list(tmp_path.iterdir()) == [out]


def test_output_path_rules(tmp_path):
    a = news_article(slug="my-story")
    assert output_path(a, tmp_path / "x", "folder") == tmp_path / "x"
    assert output_path(a, tmp_path / "x", "zip") == tmp_path / "x.zip"
    assert output_path(a, tmp_path / "x.zip", "zip") == tmp_path / "x.zip"
    assert output_path(a, tmp_path / "x", "single") == tmp_path / "x.html"
    assert output_path(a, tmp_path, "single") == tmp_path / "my-story.html"
    assert output_path(a, tmp_path, "zip") == tmp_path / "my-story.zip"


def test_markdown_bundle_keeps_original_bytes_and_round_trips(tmp_path):
    figs = figures()
    out = export(tmp_path, ExportFormat.MARKDOWN, figs=figs, name="bundle")
    assert tree(out) == {
        "article.md", "images", "images/camera.jpg", "images/turned.jpg", "images/cmyk.jpg",
        "images/logo.png", MARK_FILE,
    }  # fmt: skip
    for figure in figs:
        ext = "png" if figure.format == "PNG" else "jpg"
        assert (out / "images" / f"{figure.handle}.{ext}").read_bytes() == ORIGINALS[figure.image_sha256]
    text = (out / "article.md").read_text()
    assert text.startswith("---\nheadline: Council approves new bridge\n")
    bundle = parse_bundle(text, "article.md", base=out)
    original = news_article()
    for name in ("headline", "standfirst", "byline", "slug", "tags", "status", "language",
                 "word_target", "body", "lead_image"):  # fmt: skip
        assert getattr(bundle.article, name) == getattr(original, name), name
    assert [image.handle for image in bundle.images] == [f.handle for f in figs]
    camera = bundle.images[0]
    assert camera.path == (out / "images/camera.jpg").resolve()
    assert camera.fields["credit"] == "City Council"
    assert camera.fields["copyright"] == "City Council 2026"


def test_markdown_bundle_text_quotes_awkward_values():
    a = news_article(headline='Yes: "no" --- # maybe', standfirst="- a list?\n---", tags=("a: b",))
    text = markdown_bundle_text(a, [figures()[0]], {"camera": "images/camera.jpg"})
    front = text.split("\n---\n", 1)[0]
    import yaml

    meta = yaml.safe_load(front.removeprefix("---\n"))
    assert meta["headline"] == a.headline and meta["standfirst"] == a.standfirst
    assert meta["tags"] == ["a: b"]
    assert meta["images"][0]["file"] == "images/camera.jpg"
    assert text.endswith(a.body)


# --- Atomic writes ---------------------------------------------------------------------


def test_failure_reading_second_image_leaves_nothing(tmp_path):
    calls = []

    def flaky(sha):
        calls.append(sha)
        if len(calls) == 2:
            raise OSError("disk read error")
        return read(sha)

    for fmt in ExportFormat:
        calls.clear()
        with pytest.raises(ExportError) as caught:
            export(tmp_path, fmt, read_image=flaky, settings=ExportSettings(workers=1))
        assert "could not be read" in str(caught.value)
        assert list(tmp_path.iterdir()) == [], fmt


def test_failure_leaves_no_created_parent_folders(tmp_path):
    def broken(sha):
        raise KeyError(sha)

    with pytest.raises(ExportError):
        export(tmp_path, name="a/b/out", read_image=broken)
    assert list(tmp_path.iterdir()) == []


def test_undecodable_image_is_one_sentence(tmp_path):
    with pytest.raises(ExportError) as caught:
        export(tmp_path, read_image=lambda sha: b"not an image at all")
    message = str(caught.value)
    assert message.startswith("The photo “") and message.endswith(".") and "\n" not in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_cancel_leaves_nothing(tmp_path, fmt):
    seen = []

    def progress(done, total):
        seen.append((done, total))

    with pytest.raises(ExportCancelled):
        export(tmp_path, fmt, progress=progress, cancelled=lambda: len(seen) >= 2)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_total(tmp_path):
    seen = []
    export(tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_hostile_slug_writes_nothing_outside(tmp_path, fmt):
    root = tmp_path / "root"
    inside = root / "exports"
    inside.mkdir(parents=True)
    a = news_article(slug="../../etc", headline="../../../etc/passwd")
    figs = figures()
    destination = inside if fmt in (ExportFormat.ZIP, ExportFormat.SINGLE) else inside / "story"
    out = export_article(a, figs, read, destination, fmt)
    assert out.resolve().is_relative_to(inside.resolve())
    assert {p.name for p in root.iterdir()} == {"exports"}
    assert {p.name for p in tmp_path.iterdir()} == {"root"}
    if fmt in (ExportFormat.ZIP, ExportFormat.SINGLE):
        assert out.name in ("etc.zip", "etc.html")
    if fmt is ExportFormat.ZIP:
        with zipfile.ZipFile(out) as bundle:
            assert all(not n.startswith(("/", "..")) and ".." not in n.split("/") for n in bundle.namelist())


def test_hostile_handles_become_safe_file_names(tmp_path):
    figs = [figures()[0].replace(handle="../../x y")]
    a = news_article(lead_image="../../x y", body="Text.")
    out = export_article(a, figs, read, tmp_path / "out", ExportFormat.FOLDER)
    assert {p.name for p in tmp_path.iterdir()} == {"out"}
    assert all(name.startswith("images/x-y-") for name in tree(out) if name.startswith("images/"))


# --- Renditions ----------------------------------------------------------------------------


def test_target_widths_never_upscale_and_cap():
    assert target_widths(800, (480, 960, 1600)) == [480, 800]
    assert target_widths(300, (480, 960, 1600)) == [300]
    assert target_widths(6000, (480, 960, 1600, 4000)) == [480, 960, 1600, MAX_WIDTH]
    assert MAX_WIDTH == 2400


def test_renditions_never_upscaled_and_at_most_2400():
    small = make_renditions(photo((640, 480)), "small", (480, 960, 1600), 82)
    assert [(r.width, r.height) for r in small] == [(480, 360), (640, 480)]
    big = make_renditions(photo((5000, 2500)), "big", (480, 3000, 9000), 82)
    assert [r.width for r in big] == [480, 2400]
    assert all(Image.open(io.BytesIO(r.data)).size == (r.width, r.height) for r in big)
    assert big[-1].file_name == "big-2400.jpg"


def test_draft_decoding_keeps_exact_sizes():
    renditions = make_renditions(photo((4000, 3000)), "draft", (480,), 82)
    assert [(r.width, r.height) for r in renditions] == [(480, 360)]


def _jpeg_is_clean(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert "exif" not in image.info
    assert len(image.getexif()) == 0
    assert "comment" not in image.info and "icc_profile" not in image.info
    assert SERIAL.encode() not in data and MAKER_NOTE not in data and b"Canon" not in data
    assert b"Exif\x00\x00" not in data and b"Jane Photographer, camera" not in data
    for word in GPS_WORDS:
        assert word not in data
    assert data.count(b"\xff\xd8") == 1  # no embedded thumbnail
    return image


def test_exported_jpegs_are_clean_and_carry_the_credit(tmp_path):
    out = export(tmp_path)
    jpegs = sorted((out / "images").glob("*.jpg"))
    assert jpegs
    for path in jpegs:
        image = _jpeg_is_clean(path.read_bytes())
        assert image.mode == "RGB"
        assert b"photoshop:Credit" in image.info["xmp"]
    camera = Image.open(out / "images/camera-1200.jpg")
    xmp = camera.info["xmp"].decode()
    assert "<photoshop:Credit>City Council</photoshop:Credit>" in xmp
    assert "Workers on the new bridge." in xmp and "Jane Photographer" in xmp
    assert "City Council 2026" in xmp and "Two workers in orange vests" in xmp
    # the packet is well-formed XML that other tools can read
    import xml.etree.ElementTree as ET

    ET.fromstring(xmp[xmp.index("<x:xmpmeta"): xmp.index("</x:xmpmeta>") + len("</x:xmpmeta>")])


def test_xmp_escapes_markup():
    xmp = clean_xmp(figures()[0].replace(caption="<b>Bold</b> & </x:xmpmeta>", credit="A\x00B"))
    assert b"&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;/x:xmpmeta&gt;" in xmp and b"<photoshop:Credit>AB<" in xmp


def test_orientation_applied(tmp_path):
    (*_, largest) = make_renditions(ORIGINALS["sha-turned"], "turned", (480, 960, 1600), 82)
    assert (largest.width, largest.height) == (600, 1000)  # stored 1000x600, orientation 6
    image = Image.open(io.BytesIO(largest.data)).convert("RGB")
    assert image.size == (600, 1000)
    top = image.getpixel((300, 50))
    bottom = image.getpixel((300, 950))
    assert top[0] > 150 and top[2] < 100  # the stored left half (red) is now on top
    assert bottom[2] > 150 and bottom[0] < 100


def test_cmyk_becomes_rgb():
    renditions = make_renditions(ORIGINALS["sha-cmyk"], "plan", (480,), 82)
    image = _jpeg_is_clean(renditions[0].data).convert("RGB")
    assert Image.open(io.BytesIO(renditions[0].data)).mode == "RGB"
    assert max(image.getpixel((240, 40))) < 40  # full black ink
    assert min(image.getpixel((240, 280))) > 215  # no ink: paper white


@pytest.mark.skipif(not (GHOSTSCRIPT_ICC / "default_cmyk.icc").is_file(), reason="no CMYK ICC profile on this system")
def test_cmyk_with_icc_profile_becomes_rgb():
    data = cmyk_photo(icc=(GHOSTSCRIPT_ICC / "default_cmyk.icc").read_bytes())
    (rendition,) = make_renditions(data, "plan", (480,), 82)
    image = Image.open(io.BytesIO(rendition.data))
    assert image.mode == "RGB" and "icc_profile" not in image.info
    assert min(image.getpixel((240, 280))) > 215


@pytest.mark.skipif(not (GHOSTSCRIPT_ICC / "a98.icc").is_file(), reason="no Adobe RGB ICC profile on this system")
def test_wide_gamut_original_converted_to_srgb():
    icc = (GHOSTSCRIPT_ICC / "a98.icc").read_bytes()
    colour = (60, 170, 80)
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), colour).save(buffer, "JPEG", quality=95, icc_profile=icc)
    (rendition,) = make_renditions(buffer.getvalue(), "green", (300,), 90)
    got = Image.open(io.BytesIO(rendition.data))
    assert "icc_profile" not in got.info
    expected = ImageCms.profileToProfile(
        Image.new("RGB", (1, 1), colour),
        ImageCms.ImageCmsProfile(io.BytesIO(icc)),
        ImageCms.createProfile("sRGB"),
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
    ).getpixel((0, 0))
    assert expected != colour
    pixel = got.getpixel((150, 100))
    assert all(abs(a - b) <= 6 for a, b in zip(pixel, expected, strict=True)), (pixel, expected)


def test_png_with_transparency_stays_png(tmp_path):
    (*_, largest) = make_renditions(ORIGINALS["sha-logo"], "logo", (480, 960), 82, xmp=clean_xmp(figures()[3]))
    assert largest.file_name == "logo-700.png" and largest.mime == "image/png"
    image = Image.open(io.BytesIO(largest.data))
    assert image.mode == "RGBA" and image.getpixel((175, 175))[3] == 0
    xmp = image.info["xmp"]
    assert b"photoshop:Credit" in (xmp if isinstance(xmp, bytes) else xmp.encode())
    assert "exif" not in image.info and SERIAL.encode() not in largest.data


def test_opaque_png_becomes_jpeg():
    (rendition,) = make_renditions(png_with_alpha(opaque=True), "flat", (480,), 82)
    assert rendition.mime == "image/jpeg" and rendition.file_name == "flat-480.jpg"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize(
    "name",
    ["exif-samples/gps/DSCN0010.jpg", "iptc-reference/IPTC-PhotometadataRef-Std2021.1.jpg",
     "metadata-extractor-images/Olympus_FE230-X790.jpg"],
)  # fmt: skip
def test_real_photos_lose_location(name):
    path = CORPUS / "images" / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the corpus")
    for rendition in make_renditions(path.read_bytes(), "real", (480, 960), 82, xmp=clean_xmp(figures()[0])):
        data = rendition.data
        _jpeg_is_clean(data)
        assert b"LocationCreated" not in data and b"LocationShown" not in data
        assert b"Iptc4xmpExt" not in data and b"8BIM" not in data


# --- Hostile input -------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "' onmouseover='alert(1)",
    "<a href=\"javascript:alert(1)\">click</a>",
    "[link](javascript:alert(1))",
    "[link](JaVaScRiPt:alert(1))",
    "[link](java\tscript:alert(1))",
    "[link](&#106;avascript:alert(1))",
    "[link](&#x6A;&#x61;vascript:alert(1))",
    "[link]( javascript:alert(1))",
    "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<object data=\"evil.swf\"></object>",
    "<embed src=\"evil.swf\">",
    "<form action=\"https://evil.example/\"><input name=x></form>",
    "<style>body{background:url(https://evil.example/x)}</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<meta http-equiv=refresh content=\"0;url=https://evil.example\">",
    "<base href=\"https://evil.example/\">",
    "![x](https://evil.example/track.png)",
    "<img src=\"https://evil.example/t.png\">",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7*7 }} {% raw %}",
    "\u2028\u2029 <\u0000script>",
]
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "xlink:href", "poster",
                  "background", "cite", "longdesc", "manifest", "ping"}  # fmt: skip
FORBIDDEN_ELEMENTS = {"svg", "math", "iframe", "object", "embed", "form", "input", "link", "base",
                      "frame", "frameset", "applet", "template"}  # fmt: skip


def hostile_article() -> tuple[Article, list[Figure]]:
    joined = " ".join(HOSTILE)
    body = "\n\n".join(HOSTILE) + "\n\n![<script>alert(1)</script>](image:shot)\n\n" + "\n\n".join(
        f"Inline {text} here." for text in HOSTILE
    )
    a = Article(
        id=666,
        headline="</script><script>alert(1)</script> " + HOSTILE[3],
        standfirst=joined,
        byline="<img src=x onerror=alert(1)> javascript:alert(1)",
        slug="../../etc",
        tags=tuple(HOSTILE[:6]),
        language='en" onload="alert(1)',
        body=body,
        lead_image="lead",
        created=datetime(2026, 3, 1, tzinfo=UTC),
    )
    figs = [
        Figure(handle, "sha-camera", caption=joined, credit=HOSTILE[1], alt=HOSTILE[3],
               creator=HOSTILE[6], copyright=HOSTILE[17], extended_description=joined,
               position=n, format="JPEG")
        for n, handle in enumerate(("lead", "shot"))
    ]  # fmt: skip
    return a, figs


def assert_page_is_inert(html: str) -> None:
    page = parse(html)
    scripts = page.all("script")
    assert scripts == [{"type": "application/ld+json"}], scripts
    assert len(page.all("style")) == 1
    for tag, attrs in page.elements:
        assert tag not in FORBIDDEN_ELEMENTS, tag
        if tag == "meta":
            assert "http-equiv" not in attrs
        for name, value in attrs.items():
            assert not name.lower().startswith("on"), (tag, name)
            if name not in URL_ATTRIBUTES and not (tag == "meta" and attrs.get("property") == "og:image"):
                continue  # text (alt, title, a description) may mention anything, escaped
            compact = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
            assert "javascript:" not in compact and "vbscript:" not in compact, (tag, name, value)
            assert "evil.example" not in compact, (tag, name, value)
            assert not compact.startswith("data:text"), (tag, name, value)
    lowered = html.lower()
    for element in FORBIDDEN_ELEMENTS | {"script"}:
        # every such tag in the source is escaped text, except the one JSON-LD script
        count = len(re.findall(rf"<{element}[\s>/]", lowered))
        assert count == (1 if element == "script" else 0), element
    (script,) = page.scripts
    assert "</" not in script and "<!--" not in script and "<script" not in script.lower()


@pytest.mark.parametrize("fmt", [ExportFormat.FOLDER, ExportFormat.SINGLE, ExportFormat.ZIP])
def test_hostile_fields_are_inert(tmp_path, fmt):
    a, figs = hostile_article()
    out = export_article(a, figs, read, tmp_path / "hostile", fmt)
    if fmt is ExportFormat.FOLDER:
        html = (out / "index.html").read_text()
    elif fmt is ExportFormat.ZIP:
        html = zipfile.ZipFile(out).read("index.html").decode()
    else:
        html = out.read_text()
    assert_page_is_inert(html)
    data = json_ld(html)
    assert data["headline"] == a.headline.strip()  # kept as text, escaped for the script
    assert data["description"] == a.standfirst.strip()
    assert parse(html).all("html")[0]["lang"] == "en-GB"  # a bad language tag falls back
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text
    assert {p.name for p in tmp_path.iterdir()} == {out.name}


def test_hostile_markdown_bundle_round_trips_as_text(tmp_path):
    a, figs = hostile_article()
    out = export_article(a.replace(language="en-GB"), figs, read, tmp_path / "bundle", ExportFormat.MARKDOWN)
    bundle = parse_bundle((out / "article.md").read_text(), "article.md", base=out)
    assert bundle.article.headline == a.headline.strip()
    assert bundle.article.body == a.body
    assert [i.path.parent for i in bundle.images] == [(out / "images").resolve()] * 2
