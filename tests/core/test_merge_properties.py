"""Property tests of the merge: random edits on two or three laptops and a desk, synced in
random orders (some syncs stopped half-way), always converge, and every word typed is in
the final text or in a revision; every move of the workflow and every reply to a comment
made anywhere is in every replica's history and review."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_editor.core.merge import Side, merge_article

START = {"headline": "Start", "standfirst": "", "byline": "", "tags": [], "status": "draft", "language": "en-GB",
         "word_target": None, "lead_image": None, "publish_at": None, "deleted": False,
         "body": "alpha beta gamma\n\ndelta epsilon\n", "figures": {}, "conflicts": [], "desk": "", "history": [],
         "review": {"c1": {"kind": "comment", "author": "Sam", "at": "2026-05-01T09:00:00+00:00", "text": "Why?",
                           "words": "beta", "resolved": False, "replies": [], "events": []}}}  # fmt: skip


@dataclass
class Replica:
    id: str
    state: dict
    updated: int = 0
    bases: dict = field(default_factory=dict)

    def side(self) -> Side:
        return Side(self.state, f"{self.updated:08d}", self.id, self.id)


class World:
    def __init__(self, laptops: int):
        self.desk = Replica("desk", dict(START))
        self.laptops = [Replica(f"laptop-{n}", dict(START), bases={"desk": dict(START)}) for n in range(laptops)]
        self.clock = 0
        self.typed: set[str] = set()
        self.deleted: set[str] = set()
        self.revisions: list[str] = []  # every revision's body, in every store (they sync)
        self.recorded: set[str] = set()  # moves of the workflow and replies, one per edit

    def tick(self) -> int:
        self.clock += 1
        return self.clock

    def edit(self, replica: Replica, kind: int, where: int, word: str) -> None:
        body = replica.state["body"]
        tokens = re.findall(r"\s+|\S+", body)
        words = [i for i, t in enumerate(tokens) if not t.isspace()]
        if kind == 0 or not words:  # type a new word into a paragraph
            at = words[where % len(words)] if words else 0
            tokens.insert(at, word + " ")
            self.typed.add(word)
        elif kind == 1:  # delete a word
            at = words[where % len(words)]
            self.deleted.add(tokens[at])
            del tokens[at]
        elif kind == 2:  # a new paragraph at the end
            tokens.append(f"\n{word} said so.\n")
            self.typed.add(word)
        else:  # change the headline and the desk
            replica.state = {**replica.state, "headline": word, "desk": word}
        at = f"2026-05-01T{10 + self.clock // 60 % 12:02d}:{self.clock % 60:02d}:00+00:00"
        history = [*replica.state["history"], {"uid": word, "at": at, "from_state": "draft", "to_state": "draft"}]
        entry = dict(replica.state["review"]["c1"])
        entry["replies"] = [*entry["replies"], {"author": replica.id, "at": at, "text": word}]
        self.recorded.add(word)
        replica.state = {**replica.state, "body": "".join(tokens), "history": history, "review": {"c1": entry}}
        replica.updated = self.tick()

    def sync(self, laptop: Replica, whole: bool = True) -> None:
        desk = self.desk
        merged = merge_article(laptop.bases.get("desk"), laptop.side(), desk.side())
        self.revisions += [kept["body"] for kept in merged.kept]
        if merged.state != desk.state:
            desk.state, desk.updated = merged.state, self.tick()
        if not whole:  # stopped after the desk's side was written
            return
        if merged.state != laptop.state:
            laptop.state, laptop.updated = merged.state, self.tick()
        laptop.bases["desk"] = merged.state


WORDS = st.from_regex(r"[a-z]{3,7}", fullmatch=True)
STEP = st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(0, 3), st.integers(0, 200), WORDS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(laptops=st.integers(2, 3), steps=st.lists(STEP, min_size=1, max_size=40))
def test_replicas_converge_and_no_typed_word_is_lost(laptops, steps):
    world = World(laptops)
    for number, (action, who, kind, where, word) in enumerate(steps):
        unique = f"{word}{number}"  # every typed word can be told apart
        laptop = world.laptops[who % laptops]
        if action <= 2:
            world.edit(laptop if action < 2 else world.desk, kind, where, unique)
        elif action == 3:
            world.sync(laptop)
        else:
            world.sync(laptop, whole=False)
    for _ in range(2):
        for laptop in world.laptops:
            world.sync(laptop)
    texts = {laptop.state["body"] for laptop in world.laptops} | {world.desk.state["body"]}
    assert len(texts) == 1
    assert all(laptop.state == world.desk.state for laptop in world.laptops)
    everything = " ".join([*texts, *world.revisions]).split()
    missing = world.typed - world.deleted - set(everything)
    assert not missing, missing
    state = world.desk.state
    assert {move["uid"] for move in state["history"]} == world.recorded
    assert sorted(reply["text"] for reply in state["review"]["c1"]["replies"]) == sorted(world.recorded)
