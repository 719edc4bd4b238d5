"""The preview's own URL scheme, which Qt WebEngine needs to know before the application
starts. Kept apart from the preview so registering it loads nothing else."""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineUrlScheme

SCHEME = b"desktop-editor"


def register_scheme() -> None:
    """Must run before the QApplication exists."""
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.ContentSecurityPolicyIgnored
    )
    QWebEngineUrlScheme.registerScheme(scheme)
