"""The last resort when the store cannot take the text at exit: a Markdown file beside it."""

from __future__ import annotations

import os
import sys
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
    name = f"{datetime.now():%Y%m%d-%H%M%S}-{article.slug or 'untitled'}.md"
    text = f"# {article.headline}\n\n{article.standfirst}\n\n{body}\n".replace("\n\n\n", "\n\n")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        temporary = path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        print(f"desktop-editor: your text could not be saved anywhere ({error}).", file=sys.stderr)
        return None
    print(f"desktop-editor: the store could not take your text; it was written to {path}.", file=sys.stderr)
    return path
