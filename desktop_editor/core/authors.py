"""Authors with roles, and the byline made from them in house style. Pure Python, no Qt.

An article's `authors` ((name, role, url), ...) is the structured credit; its `byline`
string stays what older stores, bundles and scripts know, and is the whole credit when the
article has no authors: "Anna Reporter and Ben Writer; additional reporting by Cleo Field;
pictures by Dan Lens".
"""

from __future__ import annotations

from desktop_editor.core.model import Article, Author

# The roles, in the order the byline names them, with the words that introduce them after
# the first group (the writers, named first, need none: the page says "By").
ROLES = {
    "writer": "", "reporter": "", "additional reporting": "additional reporting by",
    "photographer": "pictures by", "editor": "edited by",
}  # fmt: skip


class AuthorsError(ValueError):
    """A list of authors that cannot be read; str() is one sentence."""


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def byline_from(authors: tuple[Author, ...] | list[Author]) -> str:
    groups: dict[str, list[str]] = {}
    for author in authors:
        if author.name.strip():
            lead = ROLES.get(author.role, f"{author.role} by")
            groups.setdefault(lead, []).append(author.name.strip())
    parts = [_joined(names) if not lead else f"{lead} {_joined(names)}" for lead, names in groups.items()]
    return "; ".join(parts)


def credit_line(article: Article) -> str:
    """What the page says after "By": made from the authors, else the byline as typed."""
    return byline_from(article.authors) if article.authors else article.byline.strip()


def parse_authors(text: str, where: str = "--authors") -> tuple[Author, ...]:
    """ "Anna Reporter, Ben Lens:photographer" (role after a colon; writer when absent)."""
    authors = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _, role = (s.strip() for s in part.partition(":"))
        if not name:
            raise AuthorsError(f"{where}: “{part}” has no name before its role.")
        authors.append(Author(name, role.lower() or "writer"))
    return tuple(authors)


def from_front_matter(value: object, where: str) -> tuple[Author, ...]:
    """A bundle's `authors:`: [{name, role, url}] or plain names."""
    if not isinstance(value, list):
        raise AuthorsError(f"{where}: the field “authors” must be a list of names or of {{name, role}}.")
    authors = []
    for entry in value:
        if isinstance(entry, str) and entry.strip():
            authors.append(Author(entry.strip()))
        elif isinstance(entry, dict) and str(entry.get("name") or "").strip():
            role = str(entry.get("role") or "writer").strip().lower()
            authors.append(Author(str(entry["name"]).strip(), role, str(entry.get("url") or "").strip()))
        else:
            raise AuthorsError(f"{where}: each of “authors” needs a name.")
    return tuple(authors)


def to_front_matter(authors: tuple[Author, ...]) -> list[dict]:
    return [{"name": a.name, "role": a.role, **({"url": a.url} if a.url else {})} for a in authors]


def to_json(authors: tuple[Author, ...]) -> list[dict]:
    return [{"name": a.name, "role": a.role, "url": a.url} for a in authors]
