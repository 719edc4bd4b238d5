"""One desk in a race: run by tests/storage/test_races.py as `python -m tests.storage.racer
URL PLAN_FILE`, several at once. The plan (JSON) says when to start, how far apart the steps are and
what each step does; each step's outcome is printed as one JSON line. Nothing here catches
anything but the store's own StoreError: any other failure is a traceback on stderr."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace


def main() -> None:
    url, plan = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    from desktop_editor.core.model import Article, Figure
    from desktop_editor.storage.errors import StoreError
    from desktop_editor.storage.store import Store

    def wait(step_number: int) -> None:
        time.sleep(max(0.0, plan["start"] + step_number * plan["slot"] - time.time()))

    store = None
    if not plan.get("open_in_race"):
        store = Store(url)
    for number, step in enumerate(plan["steps"]):
        wait(number)
        action = step["action"]
        try:
            if action == "open":
                store = Store(url)
                value = store.article_count()
            elif action == "new_article":
                value = store.create_article(Article()).slug
            elif action == "same_headline":
                value = store.create_article(Article(headline=step["headline"], body="Crews were called at dawn.")).slug
            elif action == "attach":
                image = SimpleNamespace(
                    sha256=step["sha256"], data=bytes.fromhex(step["data"]), format="JPEG", width=640,
                    height=427, metadata={},
                )  # fmt: skip
                (figure,) = store.add_photos(step["article_id"], [(image, Figure(handle=step["handle"], image_sha256=step["sha256"], caption=step["caption"]))])
                value = figure.handle
            elif action == "thumbnail":
                store.put_thumbnail(step["sha256"], step["size"], bytes.fromhex(step["data"]))
                value = store.thumbnail(step["sha256"], step["size"]).hex()
            elif action == "caption":
                value = store.update_figure(
                    step["article_id"], step["handle"], expected_version=step["version"], caption=step["caption"]
                ).caption
            else:
                raise ValueError(action)
            print(json.dumps({"ok": True, "action": action, "value": value}), flush=True)
        except StoreError as error:
            kind = type(error).__name__
            print(json.dumps({"ok": False, "action": action, "error": str(error), "kind": kind}), flush=True)
    if store is not None:
        store.close()


if __name__ == "__main__":
    main()
