"""Check and export: preflight panel, export dialog and controller."""
