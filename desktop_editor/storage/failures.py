"""Every database failure as one sentence a person can act on.

Never the SQL, never the parameters (an article's body), never a password, never
psycopg's multi-line text: the sentence names what happened and what to do.
"""

from __future__ import annotations

import re

from sqlalchemy import exc
from sqlalchemy.engine import make_url

from desktop_editor.storage.errors import StoreError

NOT_ANSWERING = "The desk server is not answering; your text is kept here and will be saved when it is back."

# SQLSTATE codes (PostgreSQL; psycopg gives them as error.sqlstate).
UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"
SERIALIZATION_FAILURE = "40001"
DEADLOCK = "40P01"
QUERY_CANCELED = "57014"  # statement_timeout
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout
ADMIN_SHUTDOWN = ("57P01", "57P02", "57P03")  # the server is stopping or restarting
TOO_MANY_CONNECTIONS = "53300"
INVALID_PASSWORD = ("28P01", "28000")
UNDEFINED_DATABASE = "3D000"
INSUFFICIENT_PRIVILEGE = "42501"
READ_ONLY = "25006"
DISK_FULL = "53100"

RETRYABLE = {UNIQUE_VIOLATION, SERIALIZATION_FAILURE, DEADLOCK}


def display_url(url: str) -> str:
    """A store's URL as a person may see it: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def server_name(url: str) -> str:
    """user@host:port/database, for a sentence about a desk server."""
    try:
        parsed = make_url(url)
    except Exception:
        return display_url(url)
    user = f"{parsed.username}@" if parsed.username else ""
    port = f":{parsed.port}" if parsed.port else ""
    return f"{user}{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def sqlstate(error: BaseException) -> str | None:
    original = getattr(error, "orig", error)
    return getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)


def first_line(error: BaseException, secrets: tuple[str, ...] = ()) -> str:
    """The driver's message, first line only, with any secret blotted out."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip()
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = lines[0] if lines else type(original).__name__
    # psycopg: 'connection failed: connection to server at "h" (1.2.3.4), port 5432 failed: FATAL:  ...'
    line = re.sub(r"^.*?\bfailed:\s*(FATAL:\s*)?", "", line) if "connection to server" in line else line
    line = re.sub(r"^(FATAL|ERROR):\s*", "", line)
    return line.rstrip(".") if line else type(original).__name__


def is_disconnect(error: BaseException) -> bool:
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    if sqlstate(error) in ADMIN_SHUTDOWN:
        return True
    text = str(getattr(error, "orig", error)).lower()
    return any(
        words in text
        for words in (
            "server closed the connection", "connection is lost", "connection is closed",
            "terminating connection", "consuming input failed", "connection timed out",
            "could not receive data", "could not send data", "ssl syscall", "eof detected",
            "connection reset", "broken pipe", "the connection is lost",
        )
    )  # fmt: skip


def is_retryable(error: BaseException) -> bool:
    """Another desk did the same at the same moment: running the transaction again settles it."""
    return sqlstate(error) in RETRYABLE or isinstance(error, exc.IntegrityError) and sqlstate(error) is None


def connection_sentence(error: BaseException, url: str, timeouts: dict | None = None) -> str:
    """Why a desk server could not be reached or logged into, in one sentence."""
    name = server_name(url)
    secrets = (make_url(url).password or "",) if "://" in url else ()
    text = str(getattr(error, "orig", None) or error).lower()
    state = sqlstate(error)
    connect = int((timeouts or {}).get("connect_timeout", 0)) or None
    if state in INVALID_PASSWORD or "password authentication failed" in text:
        return f"The desk server {name} refused the password; check it (PGPASSWORD or ~/.pgpass) and try again."
    if "no password supplied" in text:
        return (
            f"The desk server {name} asks for a password and none was given; set PGPASSWORD, "
            "add it to ~/.pgpass or put it in the store's URL."
        )
    if state == UNDEFINED_DATABASE or ("database" in text and "does not exist" in text):
        return f"The desk server {name} has no such database; check the store's address."
    if "role" in text and "does not exist" in text:
        return f"The desk server {name} has no such user; check the user name in the store's address."
    if state == TOO_MANY_CONNECTIONS or "too many clients" in text or "remaining connection slots" in text:
        return f"The desk server {name} has no free connections; ask whoever runs it to allow more, and try again."
    if "timeout expired" in text or "timed out" in text:
        within = f" within {connect} s" if connect else ""
        return f"The desk server {name} did not answer{within}; check the network and that the server is running."
    if "connection refused" in text:
        return f"Nothing answers at {name}: the desk server is not running there, or the address is wrong."
    if "could not translate host name" in text or "name or service not known" in text or "nodename nor servname" in text:
        return f"The desk server's name in {name} cannot be found; check the store's address and the network."
    if "no pg_hba.conf entry" in text or state == INSUFFICIENT_PRIVILEGE:
        return f"The desk server {name} does not let this desk in; ask whoever runs it to allow this user from here."
    if state in ADMIN_SHUTDOWN or "starting up" in text or "shutting down" in text:
        return f"The desk server {name} is restarting; try again in a moment."
    return f"The desk server {name} could not be reached: {first_line(error, secrets)}."


def call_sentence(error: BaseException, url: str, timeouts: dict | None = None) -> str:
    """Why a call on an open store failed, in one sentence."""
    state = sqlstate(error)
    seconds = (timeouts or {})
    if is_disconnect(error) or (isinstance(error, exc.OperationalError) and state is None and "://" in url
                                and not url.startswith("sqlite")):
        return NOT_ANSWERING  # the connection went, or a fresh one could not be made
    if state == QUERY_CANCELED:
        limit = seconds.get("statement_timeout")
        took = f" in {limit:g} s" if limit else ""
        return f"The desk server did not finish{took}; your text is kept here and saving will be tried again."
    if state == LOCK_NOT_AVAILABLE:
        return "Another desk is saving the same article right now; your text is kept here and saving will be tried again."
    if state in RETRYABLE or isinstance(error, exc.IntegrityError):
        return "Another desk made the same change at the same moment; try again."
    if state == READ_ONLY:
        return "The desk server is read-only just now (a standby, or maintenance); your text is kept here."
    if state == DISK_FULL:
        return "The desk server's disk is full; your text is kept here. Ask whoever runs it to free some space."
    if state == INSUFFICIENT_PRIVILEGE:
        return "The desk server does not let this user change the store; ask whoever runs it."
    if isinstance(error, exc.OperationalError) and "://" in url and not url.startswith("sqlite"):
        return connection_sentence(error, url, timeouts)
    secrets = (make_url(url).password or "",) if "://" in url else ()
    return f"The store could not do that: {first_line(error, secrets)}."


def store_error(sentence: str) -> StoreError:
    return StoreError(sentence)
