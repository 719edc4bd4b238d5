"""Three-way merges of an article against the state two stores last agreed on. No Qt, no SQL.

An article's state is a plain JSON-able dict (see storage.replica): its fields, body,
trash flag, photos {handle: {image_sha256, position, caption, ...}} and open conflicts.
merge_article(base, local, remote) gives the one state both stores then hold; the same
inputs give the same result wherever it runs, so every replica converges.

- Body: merged paragraph by paragraph (lines) against the base; where both sides changed
  the same paragraph, word by word inside it. Words inserted at the same place on both
  sides are both kept (the later side's first). Where both sides changed the same words
  differently, the later side's words stand in the text and the other side's whole article
  is kept as a revision "merged with changes from STORE": no word is ever dropped.
- Fields and photo text: changed on one side, that change wins; changed on both sides to
  different values, the later side's value (ties: the greater store id) wins, and the other
  is recorded in `conflicts` until someone settles it.
- An article trashed on one side and edited on the other comes back with the edits.
- Sets (the newsroom's word list, the open conflicts) merge additions and removals.
- Records only grow (core.merge_records): the workflow history is the union of both sides'
  moves, the review data of both sides' entries, replies and events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from desktop_editor.core.merge_records import corrections, merge_history, merge_review

# What in an article's state has a rule of its own; every other key is a field merged one
# value at a time (storage.replica decides which of the article's columns travel; the slug
# stays each store's own, so a clash between two new stories is resolved there, not merged).
RECORDS = ("body", "figures", "conflicts", "review", "history")
DERIVED = ("correction_count", "corrected_at")  # counted again from the merged history
FIGURE_FIELDS = (
    "image_sha256", "position", "caption", "credit", "alt", "extended_description", "creator",
    "copyright", "instructions",
)  # fmt: skip
QUIET_FIELDS = ("position", "deleted", *DERIVED)  # settled by a rule, never shown as a conflict
_TOKENS = re.compile(r"\s+|\S+")


@dataclass(frozen=True, slots=True)
class Side:
    """One store's article: its state, when it last changed (ISO 8601 UTC), the store's id
    and a name people know it by."""

    state: dict
    updated: str
    store: str
    name: str


@dataclass(frozen=True, slots=True)
class Merged:
    state: dict
    # Whole articles to keep as revisions, the side whose words lost in the text:
    # {"label", "headline", "standfirst", "body", "fields", "figures"}.
    kept: tuple = ()
    conflicts: tuple = ()  # the conflicts this merge found (also in state["conflicts"])

    @property
    def clean(self) -> bool:
        return not self.kept and not self.conflicts


# Three-way merge of sequences ----------------------------------------------------------


def _alike_everywhere(item: str) -> bool:
    return item in ("\n", " ")


def _matching_blocks(base: Sequence, other: Sequence) -> list[tuple[int, int, int]]:
    """SequenceMatcher's matching blocks (base at, other at, size), with the common start and
    end taken off first: an edit in one place of a long story then compares only the stretch
    around it (the blank lines between paragraphs, all alike, otherwise make the comparison
    of a 20,000-word text take tens of milliseconds)."""
    n, m = len(base), len(other)
    head, limit = 0, min(n, m)
    while head < limit and base[head] == other[head]:
        head += 1
    tail = 0
    while tail < limit - head and base[n - 1 - tail] == other[m - 1 - tail]:
        tail += 1
    blocks = [(0, 0, head)] if head else []
    # Blank lines (and lone spaces between words), all alike, only extend a match, never
    # start one: else a text changed at both ends compares in quadratic time.
    middle = SequenceMatcher(_alike_everywhere, base[head : n - tail], other[head : m - tail], autojunk=False)
    blocks += [(i + head, j + head, size) for i, j, size in middle.get_matching_blocks() if size]
    if tail:
        blocks.append((n - tail, m - tail, tail))
    blocks.append((n, m, 0))
    return blocks


def _sync_regions(base: Sequence, a: Sequence, b: Sequence) -> list[tuple[int, int, int, int, int, int]]:
    """Stretches of base found unchanged in both a and b: (base start, end, a start, end,
    b start, end), ending with an empty one at the end of all three."""
    a_blocks, b_blocks = _matching_blocks(base, a), _matching_blocks(base, b)
    regions, i, j = [], 0, 0
    while i < len(a_blocks) and j < len(b_blocks):
        a_base, a_at, a_size = a_blocks[i]
        b_base, b_at, b_size = b_blocks[j]
        start, end = max(a_base, b_base), min(a_base + a_size, b_base + b_size)
        if start < end:
            a_start, b_start = a_at + start - a_base, b_at + start - b_base
            regions.append((start, end, a_start, a_start + end - start, b_start, b_start + end - start))
        if a_base + a_size < b_base + b_size:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(base), len(a), len(a), len(b), len(b)))
    return regions


def merge_regions(base: Sequence, a: Sequence, b: Sequence) -> Iterator[tuple]:
    """("take", items) for what both agree on or one side alone changed, and
    ("conflict", base items, a items, b items) where both changed the same stretch."""
    z = x = y = 0
    for z_match, z_end, a_match, a_end, b_match, b_end in _sync_regions(base, a, b):
        if a_match > x or b_match > y or z_match > z:
            was, ours, theirs = list(base[z:z_match]), list(a[x:a_match]), list(b[y:b_match])
            if ours == theirs or theirs == was:
                yield ("take", ours)
            elif ours == was:
                yield ("take", theirs)
            else:
                yield ("conflict", was, ours, theirs)
        if z_end > z_match:
            yield ("take", list(base[z_match:z_end]))
        z, x, y = z_end, a_end, b_end


def _joined(first: list[str], second: list[str]) -> list[str]:
    """Both insertions, the first side's first, never glued into one word."""
    if first and second and not first[-1].isspace() and not second[0].isspace():
        return [*first, " ", *second]
    return [*first, *second]


def merge_text(base: str, winner: str, loser: str) -> tuple[str, bool]:
    """(merged text, clean). Paragraphs (lines) first, then words inside a paragraph both
    changed; where both changed the same words, the winner's stand (clean is False)."""
    clean = True
    out: list[str] = []
    lines = (text.splitlines(keepends=True) for text in (base, winner, loser))
    for region in merge_regions(*lines):
        if region[0] == "take":
            out.extend(region[1])
            continue
        tokens = (_TOKENS.findall("".join(part)) for part in region[1:])
        for inner in merge_regions(*tokens):
            if inner[0] == "take":
                out.extend(inner[1])
            elif not inner[1]:  # both inserted at the same place: keep both
                out.extend(_joined(inner[2], inner[3]))
            else:
                out.extend(inner[2])
                clean = False
    return "".join(out), clean


def merge_set(base, local, remote) -> set:
    """Additions and removals on either side both hold."""
    base, local, remote = set(base), set(local), set(remote)
    return (base & local & remote) | (local - base) | (remote - base)


# Articles ------------------------------------------------------------------------------


def _key(value) -> str:
    return json.dumps(value, sort_keys=True)


def fields(*states: dict) -> list[str]:
    """The fields of the states merged one value at a time: all but the RECORDS."""
    return sorted(set().union(*states) - set(RECORDS))


def _agreed(base: dict, name: str, won: dict, lost: dict):
    """What the two sides last agreed on for name. A base noted before the field travelled
    has none: a value set on one side only (the other empty) then wins without a conflict."""
    if not base or name in base:
        return base.get(name)
    empty = [value for value in (won.get(name), lost.get(name)) if not value]
    return empty[0] if empty else None


def _pick(name: str, handle: str, was, ours, theirs, winner: Side, loser: Side, found: list):
    """One value of a field (ours is the winner's)."""
    if ours == theirs or theirs == was:
        return ours
    if ours == was:
        return theirs
    if name not in QUIET_FIELDS:
        found.append({"field": name, "handle": handle, "kept": ours, "other": theirs, "other_from": loser.name})
    return ours


def _figures(base: dict, won: dict, lost: dict, winner: Side, loser: Side, found: list) -> dict:
    result = {}
    for handle in sorted(set(won) | set(lost), key=lambda h: (h not in won, h)):
        was, ours, theirs = base.get(handle), won.get(handle), lost.get(handle)
        if ours is None or theirs is None:
            kept = ours if ours is not None else theirs
            if was is None or kept != was:  # added on one side, or edited where the other removed it
                result[handle] = dict(kept)
            continue
        was = was or {}
        result[handle] = {
            name: _pick(name, handle, was.get(name), ours.get(name), theirs.get(name), winner, loser, found)
            for name in FIGURE_FIELDS
        }
    return result


def changed(base: dict | None, state: dict) -> bool:
    """Whether state differs from base in anything but its trash flag and conflicts."""
    if base is None:
        return True
    return any(base.get(name) != state.get(name) for name in {*base, *state} - {"deleted", "conflicts"})


def merge_article(base: dict | None, local: Side, remote: Side) -> Merged:
    """The state both stores hold after a sync, from what they last agreed on (base; None
    when they never did) and each side's state now."""
    base = base or {}
    if local.state == remote.state:
        return Merged(dict(local.state))
    if remote.state == base:
        return Merged(dict(local.state))
    if local.state == base:
        return Merged(dict(remote.state))
    winner, loser = (local, remote) if (local.updated, local.store) >= (remote.updated, remote.store) else (remote, local)
    won, lost, found = winner.state, loser.state, []
    names = fields(won, lost)
    state = {
        name: _pick(name, "", _agreed(base, name, won, lost), won.get(name), lost.get(name), winner, loser, found)
        for name in names
    }
    if state.get("deleted") and not (won.get("deleted") and lost.get("deleted")):
        # trashed on one side: the edits of the other bring it back
        live = won if not won.get("deleted") else lost
        if changed(base, live):
            state["deleted"] = False
    body, clean = merge_text(base.get("body", ""), won.get("body", ""), lost.get("body", ""))
    state["body"] = body
    state["figures"] = _figures(base.get("figures") or {}, won.get("figures") or {}, lost.get("figures") or {}, winner, loser, found)
    _records(state, base, won, lost)
    if state.get("lead_image") is not None and state["lead_image"] not in state["figures"]:
        state["lead_image"] = None
    open_ones = {_key(c): c for c in (*won.get("conflicts", ()), *lost.get("conflicts", ()), *found)}
    keys = merge_set(map(_key, base.get("conflicts", ())), map(_key, won.get("conflicts", ())), map(_key, lost.get("conflicts", ())))
    keys |= {_key(c) for c in found}
    state["conflicts"] = [open_ones[k] for k in sorted(keys)]
    kept = ()
    if not clean:
        kept = ({"label": f"merged with changes from {loser.name}", **{k: lost.get(k) for k in ("headline", "standfirst", "body")},
                 "fields": {name: lost.get(name) for name in (*names, "review") if name in lost},
                 "figures": lost.get("figures") or {}},)
    return Merged(state, kept, tuple(found))


def _records(state: dict, base: dict, won: dict, lost: dict) -> None:
    """The workflow history and the review data, both sides' kept; the corrections counted."""
    if "history" in won or "history" in lost:
        state["history"] = merge_history(won.get("history"), lost.get("history"))
        count, last = corrections(state["history"])
        if "correction_count" in state and count > (state["correction_count"] or 0):
            state["correction_count"], state["corrected_at"] = count, last
    if "review" in won or "review" in lost:
        state["review"] = merge_review(base.get("review"), won.get("review"), lost.get("review"))
