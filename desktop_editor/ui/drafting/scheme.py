"""The preview's own URL scheme, which Qt WebEngine must know before it makes its first
profile or page. Registered when the preview module is first imported, after the window
is on screen: loading Qt WebEngine earlier would delay the window's first frame."""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineUrlScheme

SCHEME = b"desktop-editor"


def register_scheme() -> None:
    """Must run before Qt WebEngine makes any profile or page (later calls are ignored)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.ContentSecurityPolicyIgnored
    )
    QWebEngineUrlScheme.registerScheme(scheme)
