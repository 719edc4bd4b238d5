"""Property test of sync between real stores: two laptops, each writing its own paragraph of
one story (words typed and deleted), synced with a desk in any order, some syncs with a save
landing on the laptop half-way through (someone typing as it runs) and some stopped half-way
(the process killed). Once they have all synced again, every store holds each laptop's
paragraph exactly as that laptop last wrote it: no word deleted comes back, none typed is lost.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_editor.core.model import Article
from desktop_editor.storage.store import Store
from desktop_editor.storage.sync import sync
from tests.sync.meanwhile import Desk, Stopped, killed

LAPTOPS = ("a", "b")


class Newsroom:
    def __init__(self, folder: Path):
        self.desk = Desk(folder / "desk.sqlite")
        self.stores = {name: Store(folder / f"{name}.sqlite") for name in LAPTOPS}
        self.words = {name: [f"{name}0"] for name in LAPTOPS}  # each laptop's paragraph, as it wrote it
        self.typed = 0
        self.slug = self.stores["a"].create_article(Article(headline="Tide tables", body=self.body())).slug
        for name in ("a", "b", "a"):
            self.sync(name)

    def body(self) -> str:
        return "\n\n".join(" ".join(self.words[name]) for name in LAPTOPS)

    def article(self, name: str) -> Article:
        return self.stores[name].find_article(self.slug)

    def edit(self, name: str, position: int, delete: bool) -> None:
        """The laptop's own paragraph changed by one word, the rest as its store holds it."""
        words = self.words[name]
        if delete and words:
            del words[position % len(words)]
        else:
            self.typed += 1
            words.insert(position % (len(words) + 1), f"{name}{self.typed}")
        stored = self.article(name)
        paragraphs = stored.body.split("\n\n")
        paragraphs[LAPTOPS.index(name)] = " ".join(words)
        self.stores[name].save_article(stored.replace(body="\n\n".join(paragraphs)))

    def sync(self, name: str) -> None:
        sync(self.stores[name], self.desk, local_name=name, desk_name="desk")

    def close(self) -> None:
        for store in (self.desk, *self.stores.values()):
            store.close()


edits = st.tuples(st.just("edit"), st.sampled_from(LAPTOPS), st.integers(0, 9), st.booleans())
syncs = st.tuples(st.just("sync"), st.sampled_from(LAPTOPS), st.sampled_from(["whole", "typed meanwhile", "killed"]), st.integers(0, 9), st.booleans())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(edits, syncs), min_size=1, max_size=12))
def test_every_laptops_last_words_reach_every_store_whatever_happens_during_syncs(steps):
    with tempfile.TemporaryDirectory() as folder:
        room = Newsroom(Path(folder))
        try:
            for step in steps:
                if step[0] == "edit":
                    _, name, position, delete = step
                    room.edit(name, position, delete)
                    continue
                _, name, how, position, delete = step
                if how == "typed meanwhile":
                    room.desk.meanwhile = lambda name=name, p=position, d=delete: room.edit(name, p, d)
                elif how == "killed":
                    room.desk.meanwhile = killed
                try:
                    room.sync(name)
                except Stopped:
                    pass
                room.desk.meanwhile = None
            for name in ("a", "b", "a", "b"):  # everyone back online: each syncs in turn
                room.sync(name)
            expected = room.body()
            held = {name: room.article(name).body for name in LAPTOPS}
            held["desk"] = room.desk.find_article(room.slug).body
            assert held == {"a": expected, "b": expected, "desk": expected}, steps
        finally:
            room.close()

