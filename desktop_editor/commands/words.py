"""desktop-editor words: the newsroom's word list, which every desk's spelling checker accepts."""

from __future__ import annotations

from argparse import Namespace

from desktop_editor.commands.opening import CommandError
from desktop_editor.storage.store import Store


def cmd_words(store: Store, args: Namespace) -> int:
    if args.action == "list":
        if args.words:
            raise CommandError("`words list` takes no words; did you mean `words add`?")
        for word in store.newsroom_words():
            print(word)
        return 0
    if not args.words:
        raise CommandError(f"Name the words to {args.action}, e.g. `desktop-editor words {args.action} BALTOPS`.")
    for word in args.words:
        if args.action == "add":
            added = store.add_newsroom_word(word)
            print(f"Added {word}." if added else f"{word} is already on the list.")
        else:
            removed = store.remove_newsroom_word(word)
            print(f"Removed {word}." if removed else f"{word} was not on the list.")
    return 0


HANDLERS = {"words": cmd_words}
