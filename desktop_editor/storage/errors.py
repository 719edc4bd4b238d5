"""Errors the store raises; each carries one sentence a person can act on."""


class StoreError(Exception):
    """The store cannot do what was asked; str(error) is the sentence to show."""


class NotFound(StoreError):
    pass


class ConflictError(StoreError):
    """A save was based on a version of the article that someone else has since changed."""

    def __init__(self, article_id: int, expected: int, actual: int | None):
        self.article_id = article_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            "This article was changed elsewhere (another window or desk) since you opened it; "
            "your text was not saved over theirs."
        )

    def __reduce__(self):
        # Made again from its own arguments, so it can cross from the store host to the window.
        return type(self), (self.article_id, self.expected, self.actual)


class PasswordRequired(StoreError):
    """A desk server asks for a password that was not given (refused=False) or was wrong
    (refused=True); where is the server as user@host:port/database, never with a password."""

    def __init__(self, sentence: str, where: str = "", refused: bool = False):
        self.where = where
        self.refused = refused
        super().__init__(sentence)

    def __reduce__(self):
        return type(self), (str(self), self.where, self.refused)


class StoreBusy(StoreError):
    """The store's file is locked by another connection; opening it may be tried again."""


class Refused(StoreError):
    """The store will not do this as asked (a handle taken or not valid): trying again will
    not help, unlike a store that is down or busy."""
