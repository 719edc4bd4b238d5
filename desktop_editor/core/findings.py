"""A finding of the check: how bad it is, what it says and where it is (a field, a photo or
a line of the body). Pure Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FIELD_LABELS = {
    "headline": "Headline",
    "standfirst": "Standfirst",
    "byline": "Byline",
    "kicker": "Kicker",
    "dateline": "Dateline",
    "slug": "Slug",
    "body": "Body",
    "word_target": "Word target",
    "lead_image": "Lead image",
    "embargo": "Embargo",
    "status": "Status",
    "review": "Review",
    "caption": "caption",
    "credit": "credit",
    "alt": "alt text",
    "instructions": "instructions",
}


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str
    field: str | None = None
    handle: str | None = None
    line: int | None = None  # 1-based line in the body

    @property
    def location(self) -> str:
        """A short human description of where the finding is, e.g. 'Line 12, photo “bridge”'."""
        parts = []
        if self.line is not None:
            parts.append(f"Line {self.line}")
        if self.handle is not None:
            photo = f"photo “{self.handle}”"
            if self.field and self.field in FIELD_LABELS and self.field not in _ARTICLE_FIELDS:
                photo += f", {FIELD_LABELS[self.field]}"
            parts.append(photo)
        elif self.field is not None:
            parts.append(FIELD_LABELS.get(self.field, self.field.replace("_", " ").capitalize()))
        return ", ".join(parts) if parts else "Article"

    def __str__(self) -> str:
        return f"{self.severity}: {self.location}: {self.message}"


_ARTICLE_FIELDS = {"headline", "standfirst", "byline", "kicker", "dateline", "slug", "body", "word_target", "lead_image"}
