"""What storage raises when the data cannot be used as it is; each message says what to do."""


class StorageError(RuntimeError):
    """The database cannot be used as it is; the message says what to do."""
