"""The store's boundary is declared once (storage.interface): the Store implements every
operation, the store host serves exactly those, the window's client implements each as an
explicit method, and nothing else crosses to the store's process."""

from __future__ import annotations

import inspect
import pickle

import pytest

from desktop_editor.storage.client import StoreClient
from desktop_editor.storage.errors import StoreError
from desktop_editor.storage.host import Server
from desktop_editor.storage.interface import OPERATIONS, StoreOperations
from desktop_editor.storage.store import Store
from desktop_editor.ui.common.store_opener import LazyStore

NOT_OPERATIONS = {"close", "session"}  # the client closes its host itself; a Session cannot travel


def public_methods(cls) -> set[str]:
    """Public methods of cls and the classes it is made from."""
    return {
        name for base in cls.__mro__[:-1] for name, value in vars(base).items()
        if not name.startswith("_") and callable(value)
    }  # fmt: skip


def test_every_public_method_of_the_store_is_a_declared_operation():
    undeclared = public_methods(Store) - NOT_OPERATIONS - OPERATIONS
    assert not undeclared, f"Store methods not in storage.interface.StoreOperations: {sorted(undeclared)}"
    assert OPERATIONS <= public_methods(Store)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_the_store_and_the_client_take_the_declared_arguments(name):
    declared = inspect.signature(getattr(StoreOperations, name))
    for implementation in (Store, StoreClient):
        found = inspect.signature(getattr(implementation, name))
        assert list(found.parameters) == list(declared.parameters), f"{implementation.__name__}.{name}{found}"
        assert found.return_annotation == declared.return_annotation, f"{implementation.__name__}.{name}"


def test_the_client_and_the_window_store_declare_their_methods_and_forward_nothing_by_name():
    assert OPERATIONS <= public_methods(StoreClient)
    for cls in (StoreClient, LazyStore):
        assert "__getattr__" not in vars(cls)
    client = StoreClient("sqlite:////nowhere/store.sqlite", start=False)  # starts no host
    assert not hasattr(client, "no_such_operation") and not client.ready


def test_the_host_refuses_anything_that_is_not_a_declared_operation(store):
    server = Server(store, b"key")
    for name in ("session", "close", "_write", "engine"):
        ok, error = pickle.loads(server.reply(pickle.dumps((name, (), {}))))
        assert not ok and isinstance(error, StoreError), name
    ok, count = pickle.loads(server.reply(pickle.dumps(("article_count", (), {}))))
    assert ok and count == 0
