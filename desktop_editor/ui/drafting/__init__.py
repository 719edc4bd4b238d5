"""Writing: the Markdown editor, metadata form, find bar, live preview and the reporter's dialogs."""
