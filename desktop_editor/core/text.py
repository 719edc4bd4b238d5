"""Words, reading time and slugs: the small text rules every layer shares."""

from __future__ import annotations

import re
import unicodedata

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
# Link text and address stop at the next bracket, so openers that never close cost no more
# than their own length: the count is linear in the body's length.
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S.*$", re.M)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # stops at the next "<": linear however many never close
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>]*>")
_WORD = re.compile(r"[^\W_](?:[\w'’.\-]*[^\W_])?")

READING_WORDS_PER_MINUTE = 230


def word_count(markdown_text: str) -> int:
    """Count the words a reader sees: markup, image references, URLs and tags are not words.

    Code blocks are kept: a reader sees their text. Suggestions count as accepted; comments
    and review ids are not words (core.critic).
    """
    from desktop_editor.core.critic import clean

    text = _IMAGE.sub(" ", clean(markdown_text))
    text = _LINK.sub(r" \1 ", text)
    text = _REFERENCE_DEF.sub(" ", text)
    text = _AUTOLINK.sub(" ", text)
    text = _TAG.sub(" ", text)
    return sum(1 for _ in _WORD.finditer(text))


def plain_word_count(text: str) -> int:
    """Words in plain text (a headline, a standfirst)."""
    return sum(1 for _ in _WORD.finditer(text))


def reading_minutes(words: int) -> int:
    return max(1, round(words / READING_WORDS_PER_MINUTE)) if words else 0


def counted(number: int, thing: str, things: str | None = None) -> str:
    """"1 photo", "2 photos": a number with its noun in the singular or the plural."""
    return f"{number} {thing if number == 1 else things or thing + 's'}"


def slug_as_typed(text: str) -> str:
    """What the slug field shows while someone types: the slug with a hyphen already
    standing where a space or mark was just typed ("Trump NATO " shows "trump-nato-")."""
    text = re.sub(r"(?<=\w)['’](?=\w)", "", text)  # an apostrophe inside a word: "mayors"
    normalized = unicodedata.normalize("NFKD", text)
    ascii_text = normalized.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).lstrip("-")


def slugify(text: str, max_length: int = 80) -> str:
    """A URL- and file-safe slug: lowercase ASCII letters, digits and single hyphens."""
    slug = slug_as_typed(text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def handle_from_filename(name: str) -> str:
    """An image handle ([a-z0-9-]) from a file name: 'HMS Ocean_01.JPG' -> 'hms-ocean-01'."""
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    return slugify(stem, max_length=48) or "image"


def unique_name(base: str, taken: set[str] | frozenset[str]) -> str:
    """base, or base-2, base-3... whichever is not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


_FIGURE_REFERENCE = re.compile(r"(!\[[^\]]*\]\(\s*image:)([^)\s]+)(\s*\))")


def rename_figure_references(body: str, old: str, new: str) -> str:
    """Point every `image:OLD` reference at `image:NEW`."""
    return _FIGURE_REFERENCE.sub(
        lambda m: f"{m.group(1)}{new}{m.group(3)}" if m.group(2) == old else m.group(0), body
    )
