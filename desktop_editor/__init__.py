"""Desktop Editor: an offline article editor for newsrooms."""

__version__ = "0.1.0"
APP_NAME = "Desktop Editor"
APP_ID = "desktop-editor"
