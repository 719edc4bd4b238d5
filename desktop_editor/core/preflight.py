"""Preflight: what a subeditor would reject before the article goes out.

`preflight()` looks at an article snapshot and its figures and returns findings. An error
blocks export; a warning is shown but does not. Each finding says where it is: a field of
the article, a figure handle, or a line of the body (1-based). Pure Python, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC

from desktop_editor.core.body_checks import (
    indented_code_findings,
    inline_photo_findings,
    link_findings,
    other_image_findings,
)
from desktop_editor.core.figure_view import DEFAULT_CREDIT_FORMAT
from desktop_editor.core.findings import FIELD_LABELS, Finding, Severity  # noqa: F401 (re-exported)
from desktop_editor.core.markdown_limits import body_problems
from desktop_editor.core.model import Article, Figure, Status
from desktop_editor.core.references import (  # noqa: F401 (re-exported)
    indented_code_lines,
    FigureReference,
    OtherImage,
    figure_references,
    other_images,
    placed_handles,
)
from desktop_editor.core.review import review_findings
from desktop_editor.core.text import plain_word_count, word_count
from desktop_editor.core.typography import STRAIGHT_QUOTES, TYPESET_FIELDS

STANDFIRST_MAX_WORDS = 60
WORD_TARGET_TOLERANCE = 0.10


@dataclass(frozen=True)
class PreflightSettings:
    credit_required: bool = True  # house setting: a figure without credit blocks export
    credit_format: str = DEFAULT_CREDIT_FORMAT


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)


# --- Rules ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_CREDIT_IN_CAPTION = re.compile(
    r"\(\s*(?:pictures?|photos?|photographs?|photo(?:graph)? by|images?|credits?|source)\s*[:/]",
    re.I,
)
_EMBARGO = re.compile(r"\bembargo", re.I)
_MANDATORY_CREDIT = re.compile(r"\bmandatory\s+(?:credit|byline)|\bmust\s+(?:be\s+)?credit", re.I)
# The credit a mandatory-credit instruction demands: "MANDATORY CREDIT: Jane Doe/Reuters."
_DEMANDED_CREDIT = re.compile(
    r"\bmandatory\s+(?:credit|byline)\s*(?:[:\-–—]|\bto\b)?\s*[\"“']?"
    r"(?P<credit>[^\"”'\n;]+?)[\"”']?\s*(?:[;\n]|\.(?:\s|$)|$)",
    re.I,
)
QUOTE_LIMIT = 300


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


def _credit_typed_into(caption: str, credit: str, credit_format: str) -> bool:
    if _CREDIT_IN_CAPTION.search(caption):
        return True
    prefix = credit_format.split("{credit}", 1)[0].strip()
    if prefix and f"({prefix}".casefold() in caption.casefold():
        return True
    credit = credit.strip()
    return bool(credit) and f"({credit})".casefold() in caption.casefold()


def preflight(
    article: Article,
    figures: Sequence[Figure],
    *,
    unreadable_images: Collection[str] = (),
    slug_taken: bool = False,
    settings: PreflightSettings = PreflightSettings(),
    photo_warnings: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """All findings for article, errors first, then in the order a reader meets them.

    photo_warnings: by handle, what ingest noticed about the picture itself (the ends of
    sentences in the image's metadata "warnings", e.g. "is an animation of 12 frames: only
    the first frame is used"); shown for the photos the page shows.
    """
    limits = [Finding(Severity.ERROR, sentence, field="body") for sentence in body_problems(article.body)]
    if limits:  # the body-wide checks would take long on such a body: its limits come first
        return [*limits, *_article_findings(article, slug_taken)]
    findings = [
        *_article_findings(article, slug_taken),
        *_reference_findings(article, figures),
        *inline_photo_findings(article, settings.credit_required),
        *other_image_findings(article),
        *link_findings(article),
        *indented_code_findings(article),
        *_figure_findings(article, figures, set(unreadable_images), settings, photo_warnings or {}),
    ]
    return sorted(findings, key=lambda finding: finding.severity is not Severity.ERROR)


def _article_findings(article: Article, slug_taken: bool) -> Iterator[Finding]:
    yield from workflow_findings(article)
    yield from review_findings(article.body, article.review)
    if not article.headline.strip():
        yield Finding(Severity.ERROR, "The headline is empty.", field="headline")
    standfirst = article.standfirst.strip()
    if not standfirst:
        yield Finding(Severity.WARNING, "There is no standfirst.", field="standfirst")
    else:
        words = plain_word_count(standfirst)
        if words > STANDFIRST_MAX_WORDS:
            yield Finding(
                Severity.WARNING,
                f"The standfirst has {words} words; keep it to {STANDFIRST_MAX_WORDS} or fewer.",
                field="standfirst",
            )
    for name in TYPESET_FIELDS:
        if any(quote in getattr(article, name) for quote in STRAIGHT_QUOTES):
            yield Finding(
                Severity.WARNING,
                f"The {FIELD_LABELS[name].lower()} has straight quotes; house style uses “ ” and ‘ ’ "
                "(retype them, or paste the text in again).",
                field=name,
            )
    if slug_taken:
        yield Finding(
            Severity.WARNING,
            f"The slug “{article.slug}” is already used by another article.",
            field="slug",
        )
    target = article.word_target
    if target and target > 0:
        words = word_count(article.body)
        if abs(words - target) > target * WORD_TARGET_TOLERANCE:
            direction = "over" if words > target else "under"
            yield Finding(
                Severity.WARNING,
                f"The body has {words} words, {abs(words - target)} {direction} "
                f"the target of {target}.",
                field="word_target",
            )


def _reference_findings(article: Article, figures: Sequence[Figure]) -> Iterator[Finding]:
    by_handle = {figure.handle: figure for figure in figures}
    if article.lead_image:
        lead = by_handle.get(article.lead_image)
        if lead is None:
            yield Finding(
                Severity.ERROR,
                f"The lead image “{article.lead_image}” is not attached to this article.",
                field="lead_image",
                handle=article.lead_image,
            )
        elif not lead.alt.strip():
            yield Finding(
                Severity.ERROR,
                "The lead photo has no alt text.",
                field="alt",
                handle=lead.handle,
            )
    seen: dict[str, int] = {}
    seen_photo: dict[str, tuple[str, int]] = {}
    if article.lead_image and article.lead_image in by_handle:
        seen[article.lead_image] = 0
        seen_photo[by_handle[article.lead_image].image_sha256] = (article.lead_image, 0)
    for reference in figure_references(article.body):
        figure = by_handle.get(reference.handle)
        if figure is None:
            message = (
                "A figure reference has no handle."
                if not reference.handle
                else f"No photo with the handle “{reference.handle}” is attached to this article."
            )
            yield Finding(Severity.ERROR, message, handle=reference.handle or None, line=reference.line)
            continue
        alt = reference.alt if reference.alt is not None else figure.alt
        if not alt.strip():
            yield Finding(
                Severity.ERROR,
                f"The photo “{figure.handle}” has no alt text here.",
                field="alt",
                handle=figure.handle,
                line=reference.line,
            )
        if figure.handle in seen:
            where = "as the lead image" if seen[figure.handle] == 0 else f"on line {seen[figure.handle]}"
            yield Finding(
                Severity.WARNING,
                f"The photo “{figure.handle}” is placed twice; it is already shown {where}.",
                handle=figure.handle,
                line=reference.line,
            )
            continue
        seen[figure.handle] = reference.line
        earlier = seen_photo.get(figure.image_sha256)
        if earlier is not None:
            other, other_line = earlier
            where = "as the lead image" if other_line == 0 else f"on line {other_line}"
            yield Finding(
                Severity.WARNING,
                f"The photo “{figure.handle}” is the same picture as “{other}”, shown {where}.",
                handle=figure.handle,
                line=reference.line,
            )
        else:
            seen_photo[figure.image_sha256] = (figure.handle, reference.line)


def _figure_findings(
    article: Article,
    figures: Sequence[Figure],
    unreadable: set[str],
    settings: PreflightSettings,
    photo_warnings: Mapping[str, Sequence[str]],
) -> Iterator[Finding]:
    placed = set(placed_handles(article))
    for figure in sorted(figures, key=lambda f: f.position):
        handle = figure.handle
        shown = handle in placed
        if handle in unreadable:
            yield Finding(
                Severity.ERROR if shown else Severity.WARNING,
                f"The image file of photo “{handle}” cannot be read back from the store.",
                handle=handle,
            )
        if not shown:
            yield Finding(
                Severity.WARNING,
                f"The photo “{handle}” is attached but never placed in the article.",
                handle=handle,
            )
            continue
        for warning in photo_warnings.get(handle, ()):
            yield Finding(Severity.WARNING, f"The photo “{handle}” {warning}.", handle=handle)
        caption = figure.caption.strip()
        credit = figure.credit.strip()
        alt = figure.alt.strip()
        if not credit:
            yield Finding(
                Severity.ERROR if settings.credit_required else Severity.WARNING,
                f"The photo “{handle}” has no credit.",
                field="credit",
                handle=handle,
            )
        if alt and caption and _normal(alt) == _normal(caption):
            yield Finding(
                Severity.WARNING,
                f"The alt text of photo “{handle}” repeats its caption; describe what the "
                "picture shows instead.",
                field="alt",
                handle=handle,
            )
        if caption and _credit_typed_into(caption, credit, settings.credit_format):
            yield Finding(
                Severity.WARNING,
                f"The caption of photo “{handle}” has the credit typed into it; put it in "
                "the credit field.",
                field="caption",
                handle=handle,
            )
        elif caption and not _SENTENCE_END.search(caption):
            yield Finding(
                Severity.WARNING,
                f"The caption of photo “{handle}” does not end with a full stop.",
                field="caption",
                handle=handle,
            )
        yield from _instruction_findings(figure)


def _quote(text: str) -> str:
    """The instruction as given; a long one is cut after what it demands, never before."""
    if len(text) <= QUOTE_LIMIT:
        return text
    match = _DEMANDED_CREDIT.search(text) or _EMBARGO.search(text) or _MANDATORY_CREDIT.search(text)
    end = max(QUOTE_LIMIT, match.end() if match else 0)
    start = 0 if end <= QUOTE_LIMIT else max(0, (match.start() if match else 0) - 40)
    quoted = text[start:end].strip()
    return ("…" if start else "") + quoted + ("…" if end < len(text) else "")


def _demanded_credit(text: str) -> str:
    match = _DEMANDED_CREDIT.search(text)
    return match.group("credit").strip() if match else ""


def _instruction_findings(figure: Figure) -> Iterator[Finding]:
    instructions = " ".join(figure.instructions.split())
    texts = [("instructions", instructions), ("caption", " ".join(figure.caption.split()))]
    for field, text in texts:
        if not text:
            continue
        kinds = []
        if _EMBARGO.search(text):
            kinds.append("an embargo")
        if _MANDATORY_CREDIT.search(text):
            kinds.append("a mandatory credit")
        if kinds:
            yield Finding(
                Severity.WARNING,
                f"The metadata of photo “{figure.handle}” carries {' and '.join(kinds)}: "
                f"“{_quote(text)}”.",
                field=field,
                handle=figure.handle,
            )
            demanded = _demanded_credit(text)
            if demanded and _normal(demanded) not in _normal(figure.credit):
                given = figure.credit.strip()
                yield Finding(
                    Severity.WARNING,
                    f"The photo “{figure.handle}” must be credited “{demanded}”, but its credit "
                    + (f"is “{given}”." if given else "is empty."),
                    field="credit",
                    handle=figure.handle,
                )
            return
    if instructions:
        yield Finding(
            Severity.WARNING,
            f"The photo “{figure.handle}” comes with instructions: “{instructions}”.",
            field="instructions",
            handle=figure.handle,
        )


def workflow_findings(article: Article) -> Iterator[Finding]:
    """An embargo that has not lifted, or a killed story, blocks the HTML export (the preview,
    the print proof and ninjs, which wires send embargoed, are not held back)."""
    from desktop_editor.core.workflow import under_embargo

    if under_embargo(article):
        when = article.embargo.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        yield Finding(Severity.ERROR, f"The story is under embargo until {when}; it cannot be exported as a page before then.", field="embargo")
    if article.status == Status.KILLED:
        yield Finding(Severity.ERROR, "The story was killed; it is not to be published.", field="status")
