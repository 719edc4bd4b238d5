"""Preflight and export from the window."""

from __future__ import annotations


class Publishing:
    def __init__(self, window):
        self.window = window
