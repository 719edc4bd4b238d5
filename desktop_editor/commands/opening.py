"""Opening the store for a command: read-only commands never create one, and every way a
store can fail to open (a file in the way, an unknown kind of URL, a missing driver, a
server that is down) is one sentence, with any password in the URL hidden."""

from __future__ import annotations

from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.location import resolve_location, sqlite_path


class CommandError(Exception):
    """A refusal to report as one sentence."""


def shown(url: str) -> str:
    """The URL as it may be printed: never with its password."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://***@{rest.rpartition('@')[2]}" if "@" in rest else url


def redact(text: str, location: str | None) -> str:
    """text with the store URL's password (if any) replaced by ***."""
    if not location or "://" not in location:
        return text
    try:
        from sqlalchemy.engine import make_url

        password = make_url(location).password
    except Exception:
        password = None
        rest = location.partition("://")[2]
        if "@" in rest and ":" in rest.rpartition("@")[0]:
            password = rest.rpartition("@")[0].partition(":")[2]
    if password:
        from urllib.parse import quote

        for form in {str(password), quote(str(password), safe="")}:
            text = text.replace(form, "***")
    return text


def open_store(explicit: str | None, *, create: bool):
    """The store named by --store, $DESKTOP_EDITOR_STORE or the default; a read-only
    command (create=False) refuses where there is no store rather than making one."""
    url = resolve_location(explicit)
    path = sqlite_path(url)
    if path is not None and not create:
        try:
            missing = not path.is_file() or path.stat().st_size == 0
        except OSError:
            missing = True
        if path.is_dir():
            raise CommandError(f"{path} is a folder, not a Desktop Editor store.")
        if missing:
            raise CommandError(
                f"There is no store at {path}; nothing was created. Import an article first, "
                "or give the store with --store."
            )
    if path is not None and create:
        for parent in path.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise CommandError(f"Cannot make a store at {path}: {parent} is a file, not a folder.")
                break
    where = str(path) if path is not None else shown(url)
    try:
        from desktop_editor.storage.store import Store

        return Store(url)
    except StoreError as error:
        raise StoreError(redact(str(error), url)) from None
    except (ImportError, ModuleNotFoundError) as error:
        driver = getattr(error, "name", None) or str(error)
        raise CommandError(
            f"The database driver for {where} is not installed ({driver}); install it or use a SQLite file."
        ) from None
    except OSError as error:
        raise CommandError(f"Cannot open the store {where}: {error.strerror or error}.") from None
    except Exception as error:
        from sqlalchemy import exc

        if isinstance(error, exc.NoSuchModuleError | exc.ArgumentError):
            scheme = url.partition("://")[0]
            raise CommandError(
                f"“{scheme}://” is not a kind of store Desktop Editor can open; give a file path, "
                "sqlite:///PATH or postgresql+psycopg://HOST/DATABASE."
            ) from None
        if isinstance(error, exc.SQLAlchemyError):
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise CommandError(redact(f"The store {where} could not be opened: {reason}", url)) from None
        raise
