"""What a rendered figure needs, and the house style for its caption. No Markdown here, so
the window can load this without loading the renderer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_CREDIT_FORMAT = "Picture: {credit}"
IMAGE_SCHEME = "image:"  # ![](image:HANDLE) places the article's photo HANDLE


@dataclass(frozen=True, slots=True)
class FigureView:
    """What the renderer needs to show one image: where it is and what to say about it."""

    handle: str
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""
    width: int = 0
    height: int = 0
    srcset: str = ""
    sizes: str = ""


@dataclass(frozen=True, slots=True)
class RenderContext:
    figures: Mapping[str, FigureView] = field(default_factory=dict)
    credit_format: str = DEFAULT_CREDIT_FORMAT
    lazy_images: bool = True  # body images load lazily; the lead figure never does
    # An image from elsewhere (not an attached photo): "placeholder" shows a note in its
    # place (the preview, which never reaches the network); "link" publishes it as the link
    # the author wrote (the export, whose pages never fetch anything from elsewhere).
    remote_images: str = "placeholder"
    # Suggestions in the page: "accepted" (the preview's default) or "original" (core.critic).
    review_text: str = "accepted"
    # How the preview writes the dateline in the first paragraph (core.dateline).
    dateline_format: str = "{PLACE} —"

    @property
    def digest(self) -> str:
        """Changes whenever anything a rendered block could show changes."""
        import hashlib  # not at import: the window loads this module before its first frame

        h = hashlib.blake2b(digest_size=16)
        h.update(self.credit_format.encode())
        h.update(b"lazy" if self.lazy_images else b"eager")
        h.update(self.remote_images.encode())
        h.update(self.review_text.encode())
        h.update(self.dateline_format.encode())
        for handle in sorted(self.figures):
            h.update(repr(self.figures[handle]).encode())
        return h.hexdigest()


# A label someone typed into the credit field ("Picture: AP"), which the house style adds.
_CREDIT_LABEL = re.compile(
    r"^\s*(?:pictures?|photos?|photographs?|photo(?:graph)?\s+by|images?|credits?)\s*[:/]\s*", re.I
)


def credit_text(credit: str, credit_format: str = DEFAULT_CREDIT_FORMAT) -> str:
    """The credit in house style, without doubling a label the credit already carries:
    "Picture: AP" with the format "Picture: {credit}" stays "Picture: AP"."""
    credit = credit.strip()
    prefix = credit_format.split("{credit}", 1)[0].strip()
    if prefix:
        bare = _CREDIT_LABEL.sub("", credit, count=1).strip()
        if bare:
            credit = bare
    return credit_format.replace("{credit}", credit)


def format_caption(caption: str, credit: str, credit_format: str = DEFAULT_CREDIT_FORMAT) -> str:
    """House style: 'Caption text (Picture: Credit).'; the caption's full stop moves after
    the credit, an ellipsis, ! or ? stays where it is, and no credit means no brackets."""
    caption = caption.strip()
    credit = credit.strip()
    if not credit:
        return caption
    credited = credit_text(credit, credit_format)
    if not caption:
        return f"{credited}."
    if caption.endswith(("...", "…")) or caption[-1] in "!?":
        return f"{caption} ({credited})"
    if caption.endswith("."):
        return f"{caption[:-1].rstrip()} ({credited})."
    return f"{caption} ({credited})."
