"""The last resort when the store cannot take the text at exit: a Markdown file beside it."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path


def recovery_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("desktop-editor", appauthor=False)) / "recovered"


def write_recovery_copy(article, body: str, folder: Path | None = None, photo_text=None, photo_changes=()) -> Path | None:
    """Write the headline, standfirst and body as Markdown, then any photo text and photo
    changes not yet stored; say where on stderr. None when even this fails.

    article: the open article's fields (core.model.Article); photo_text: {handle: {field:
    value}}; photo_changes: core.model.PhotoChange, as asked for.
    """
    folder = folder or recovery_folder()
    stem = f"{datetime.now():%Y%m%d-%H%M%S}-{article.slug or 'untitled'}"
    parts = [f"# {article.headline}", article.standfirst, body]
    if photo_text:
        lines = [f"- {handle}, {name}: {value}" for handle, text in photo_text.items() for name, value in text.items()]
        parts.append("## Photo text not saved\n\n" + "\n".join(lines))
    if photo_changes:
        lines = [f"- {change.kind} {change.handle or ', '.join(change.handles)} {change.new_handle}".rstrip() for change in photo_changes]
        parts.append("## Photo changes not made\n\n" + "\n".join(lines))
    text = "\n\n".join(part for part in parts if part.strip()) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False) as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        for number in itertools.count(1):  # never over another window's copy of the same second
            path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
            try:
                os.link(file.name, path)  # fails, rather than replaces, where the name is taken
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links: take the first free name
                if path.exists():
                    continue
                os.replace(file.name, path)
                break
            os.unlink(file.name)
            break
    except OSError as error:
        print(f"desktop-editor: your text could not be saved anywhere ({error}).", file=sys.stderr)
        return None
    print(f"desktop-editor: the store could not take your text; it was written to {path}.", file=sys.stderr)
    return path
