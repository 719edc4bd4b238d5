"""The open article, without Qt: what is being edited, when it is saved, and what to ask.

The window reports edits to `OpenArticle` and shows what it reports; `ports` names the few
things it needs from outside (a store, a clock, a worker, a way to ask the person), so the
same code runs in the window and in tests with a fake clock and a real SQLite store.
"""
