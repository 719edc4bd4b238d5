"""Sync between two stores (a laptop's and the desk's): both end up holding the same articles,
photos, photo text, revisions, trash and newsroom words, every change of either side kept.

First the two stores' change counters are compared with those noted when the two last
agreed in full: while neither moved, that is all a sync reads. Otherwise, which articles to
look at comes from comparing each store's (uid, version, number of photos) with the marks
noted when the two last agreed (sync_bases), so no article's text is read unless it changed. Each
article is merged (core.merge) against that base, then written to the desk and then here,
each in one transaction with its new base; photos travel first, one transaction each. So a
sync stopped at any moment leaves whole articles and whole photos, and the next one
completes it: a merge of what is already merged changes nothing, revisions and photos are
known by their identities and never stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_editor.core.merge import Side, merge_article, merge_set
from desktop_editor.storage import replica
from desktop_editor.storage.replica import Changed
from desktop_editor.storage.store import Store
from desktop_editor.storage.tables import new_uid


@dataclass
class SyncReport:
    sent: int = 0  # articles changed on the desk by this sync
    received: int = 0  # articles changed here
    merged: int = 0  # articles changed on both sides since they last agreed
    photos_sent: int = 0
    photos_received: int = 0
    revisions_sent: int = 0
    revisions_received: int = 0
    words_sent: int = 0
    words_received: int = 0
    conflicts: list = field(default_factory=list)  # {article, field, handle, kept, other, other_from}
    left: list = field(default_factory=list)  # uids changed while syncing: the next sync takes them
    changed_here: list = field(default_factory=list)  # ids of the articles this sync changed in the local store
    desk_id: str = ""  # the desk's store id

    @property
    def nothing_to_do(self) -> bool:
        counts = (self.sent, self.received, self.merged, self.photos_sent, self.photos_received,
                  self.revisions_sent, self.revisions_received, self.words_sent, self.words_received)  # fmt: skip
        return not any(counts) and not self.conflicts and not self.left


class _Peer:
    """One store in a sync: its id, name, index of articles, and the base lookups."""

    def __init__(self, store: Store, name: str):
        self.store, self.name = store, name
        with store._read() as session:  # the counter first: a change after it is seen next time
            self.id = replica.store_id(session)
            self.changes = replica.changes(session)
        self.index: dict = {}
        self.slugs: dict[str, str] = {}

    def read_index(self) -> None:
        with self.store._read() as session:
            self.index = replica.index(session)

    def read(self, uid: str):
        """(state, revision uids) of an article, or (None, set())."""
        with self.store._read() as session:
            row = replica.row_of(session, uid)
            if row is None:
                return None, set()
            self.slugs[uid] = row.slug
            return replica.read_state(session, row), replica.revision_uids(session, row.id)


def sync(local: Store, desk: Store, local_name: str, desk_name: str) -> SyncReport:
    """Sync local with desk (the names are how people know each store)."""
    here, there = _Peer(local, local_name), _Peer(desk, desk_name)
    report = SyncReport(desk_id=there.id)
    with local._read() as session:
        bases = replica.bases(session, there.id)
    counters = bases.pop(replica.CHANGES, None)
    if here.changes and there.changes and counters == (here.changes, there.changes):
        return report  # neither store changed since they last agreed in full
    here.read_index()
    there.read_index()
    for uid in sorted(set(here.index) | set(there.index)):
        ours, theirs, base = here.index.get(uid), there.index.get(uid), bases.get(uid)
        if base is not None:
            same_here = ours is None or ours.mark == base.local_mark
            same_there = theirs is None or theirs.mark == base.peer_mark
            if same_here and same_there:
                continue  # nothing changed, or emptied from a trash with nothing new elsewhere
        try:
            _article(here, there, uid, base, report)
        except Changed:
            report.left.append(uid)
    _words(here, there, report)
    if not report.left and here.changes and there.changes:
        with local._write() as session:  # the counters read before anything else was
            replica.put_base(session, there.id, replica.CHANGES, here.changes, there.changes, {})
    return report


def _base_state(here: _Peer, there: _Peer, uid: str, base: replica.Base | None) -> dict | None:
    """What the two stores last agreed on uid, as noted here; but when the desk took a write
    from here after that (a sync stopped between its write there and its write here, or an
    article's first sync), what it took from here, noted there with that write: both sides
    have come from it since, whatever else the desk took meanwhile."""
    with there.store._read() as session:
        noted_there = replica.noted(session, here.id, uid)
    if noted_there is not None and (base is None or replica.later(noted_there.local_mark, base.peer_mark)):
        return noted_there.state
    with here.store._read() as session:
        agreed = replica.noted(session, there.id, uid)
    return agreed.state if agreed is not None else None


def _article(here: _Peer, there: _Peer, uid: str, base, report: SyncReport) -> None:
    ours, our_revisions = here.read(uid)
    theirs, their_revisions = there.read(uid)
    if ours is None or theirs is None:
        state = ours if ours is not None else theirs
        merged_state, kept = state, ()
    else:
        base_state = _base_state(here, there, uid, base)
        merged = merge_article(
            base_state,
            Side(ours, here.index[uid].updated, here.id, here.name),
            Side(theirs, there.index[uid].updated, there.id, there.name),
        )
        merged_state, kept = merged.state, [replica.merge_revision(k, new_uid()) for k in merged.kept]
        if merged_state != ours and merged_state != theirs:
            report.merged += 1
        report.conflicts += [{"article": uid, **c} for c in merged.conflicts]
    photos = {f["image_sha256"] for f in merged_state["figures"].values()}
    report.photos_sent += _photos(here, there, photos)
    report.photos_received += _photos(there, here, photos)
    source = here if ours is not None else there
    edited = _edited(merged_state, ours, theirs, here.index.get(uid), there.index.get(uid))
    desk_mark, sent, _id = _write(there, theirs, merged_state, uid, source, our_revisions - their_revisions, kept, here.id,
                                  edited=edited, noted=ours)
    report.sent += theirs != merged_state
    report.revisions_sent += sent
    try:
        _mark, received, local_id = _write(here, ours, merged_state, uid, there if theirs is not None else here,
                                 their_revisions - our_revisions, kept, there.id, desk_mark, edited=edited)
    except Changed:
        if ours is not None:  # what the desk took from here is what the next merge starts from
            with here.store._write() as session:
                replica.put_base(session, there.id, uid, here.index[uid].mark, desk_mark, ours)
        raise
    report.received += ours != merged_state
    if ours != merged_state:
        report.changed_here.append(local_id)
    report.revisions_received += received


def _edited(state: dict, ours: dict | None, theirs: dict | None, our_entry, their_entry) -> str:
    """When what state holds was last edited: the time of the side it came from whole, else
    (a merge of both) the later of the two."""
    if state == theirs and their_entry is not None:
        return their_entry.updated
    if state == ours and our_entry is not None:
        return our_entry.updated
    return max(entry.updated for entry in (our_entry, their_entry) if entry is not None)


def _photos(source: _Peer, target: _Peer, wanted: set[str]) -> int:
    """Copy the originals target lacks and source has, one transaction each."""
    with target.store._read() as session:
        missing = replica.missing_images(session, wanted)
    with source.store._read() as session:
        missing -= replica.missing_images(session, missing)  # the source lacks them too
    for sha256 in sorted(missing):
        with source.store._read() as session:
            payload = replica.image_out(session, sha256)
        with target.store._write() as session:
            replica.image_in(session, payload)
    return len(missing)


def _write(target: _Peer, before: dict | None, state: dict, uid: str, source: _Peer, revisions: set[str],
           kept: list, peer: str, peer_mark: str = "", edited: str | None = None, noted: dict | None = None) -> tuple[str, int, int]:
    """One transaction in target: the merged state (unless it holds it), the revisions it
    lacks, the merge's kept revisions and the new base (noted: the state to note as the
    base instead: on the desk, what it took from the laptop). Returns (its mark,
    revisions added, the article's id there)."""
    payloads = []
    if revisions:
        with source.store._read() as session:
            row = replica.row_of(session, uid)
            payloads = replica.revisions_out(session, row.id, revisions)
    with target.store._write() as session:
        row = replica.row_of(session, uid)
        expected = target.index.get(uid)
        if (row is None) != (expected is None) or (row is not None and replica.mark(session, row) != expected.mark):
            raise Changed(uid)
        if before != state:  # a new article takes the other store's slug, or the next free one
            row = replica.apply_state(session, row, state, uid, source.slugs.get(uid, ""), edited)
        added = replica.revisions_in(session, row.id, [*payloads, *kept])
        mark = replica.mark(session, row)
        # the desk's side first: its base cannot know the mark this store will have
        replica.put_base(session, peer, uid, mark, peer_mark, state if noted is None else noted)
        return mark, added, row.id


def _words(here: _Peer, there: _Peer, report: SyncReport) -> None:
    """The word lists merged as sets against what the two last agreed on; the desk's change
    counter marks each note, so a sync stopped between the desk's write and this store's
    starts from what the desk took from here, as for articles."""
    with here.store._read() as session:
        ours = replica.word_set(session)
        agreed = replica.noted(session, there.id, replica.WORDS)
    with there.store._read() as session:
        theirs = replica.word_set(session)
        desk_mark = replica.changes(session)
        noted_there = replica.noted(session, here.id, replica.WORDS)
    base = agreed.state if agreed is not None else None
    if noted_there is not None and (agreed is None or replica.later(noted_there.local_mark, agreed.peer_mark)):
        base = noted_there.state
    was = set(base) if base is not None else set()
    wanted = merge_set(was, ours, theirs)
    if base is not None and ours == theirs == wanted == was:
        return
    if theirs != wanted:
        with there.store._write() as session:
            replica.set_words(session, wanted - theirs, theirs - wanted)
            desk_mark = replica.changes(session)
            replica.put_base(session, here.id, replica.WORDS, desk_mark, "", sorted(ours))
        report.words_sent += len(wanted ^ theirs)
    with here.store._write() as session:
        replica.set_words(session, wanted - ours, ours - wanted)
        replica.put_base(session, there.id, replica.WORDS, "", desk_mark, sorted(wanted))
    report.words_received += len(wanted ^ ours)


def waiting_count(local: Store, desk_id: str | None) -> int:
    """Articles changed here since this store last agreed with the desk desk_id (all of
    them when it is not known): what a sync would send."""
    with local._read() as session:
        marks = replica.index(session)
        if not desk_id:
            peers = replica.peers(session)
            desk_id = peers[0] if len(peers) == 1 else None
        agreed = replica.bases(session, desk_id) if desk_id else {}
    return sum(1 for uid, entry in marks.items() if uid not in agreed or agreed[uid].local_mark != entry.mark)
