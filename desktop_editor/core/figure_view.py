"""What a rendered figure needs, and the house style for its caption. No Markdown here, so
the window can load this without loading the renderer."""

from __future__ import annotations

import hashlib
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

    @property
    def digest(self) -> str:
        """Changes whenever anything a rendered block could show changes."""
        h = hashlib.blake2b(digest_size=16)
        h.update(self.credit_format.encode())
        h.update(b"lazy" if self.lazy_images else b"eager")
        for handle in sorted(self.figures):
            h.update(repr(self.figures[handle]).encode())
        return h.hexdigest()


def format_caption(caption: str, credit: str, credit_format: str = DEFAULT_CREDIT_FORMAT) -> str:
    """House style: 'Caption text (Picture: Credit).'; the caption's full stop moves after
    the credit, and no credit means no brackets."""
    caption = caption.strip()
    credit = credit.strip()
    if not credit:
        return caption
    credit_text = credit_format.replace("{credit}", credit)
    if not caption:
        return f"{credit_text}."
    if caption.endswith("."):
        return f"{caption[:-1].rstrip()} ({credit_text})."
    if caption[-1] in "!?…":
        return f"{caption} ({credit_text})"
    return f"{caption} ({credit_text})."
