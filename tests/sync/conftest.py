"""The sync tests use the storage tests' desk server (DESKTOP_EDITOR_TEST_POSTGRES)."""

from tests.storage.conftest import backend_url, pg_url  # noqa: F401
