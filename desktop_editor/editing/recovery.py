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


def write_recovery_copy(article, body: str, folder: Path | None = None) -> Path | None:
    """Write the headline, standfirst and body as Markdown; say where on stderr.

    article: the open article's fields (core.model.Article). None when even this fails.
    """
    folder = folder or recovery_folder()
    stem = f"{datetime.now():%Y%m%d-%H%M%S}-{article.slug or 'untitled'}"
    text = "\n\n".join(part for part in (f"# {article.headline}", article.standfirst, body) if part.strip()) + "\n"
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
