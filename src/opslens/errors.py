"""One exception tree. The library raises these; the CLI turns them into one clear line.

Every `InputError` concerns one article only: a batch records it (`ErrorRecord`) and goes on.
"""

from __future__ import annotations


class OpsLensError(Exception):
    """Base of every error OpsLens raises on purpose."""

    code = "error"


class InputError(OpsLensError):
    """One input could not be turned into an article. `origin` names the input."""

    code = "bad_input"

    def __init__(self, message: str, origin: str | None = None):
        super().__init__(message)
        self.origin = origin
        self.detail = message  # without the origin: an error record names its origin apart

    def __str__(self) -> str:
        return f"{self.origin}: {self.detail}" if self.origin else self.detail


class UnreadableInputError(InputError):
    code = "unreadable"


class EmptyInputError(InputError):
    code = "empty"


class BinaryInputError(InputError):
    code = "binary"


class EncodingError(InputError):
    code = "encoding"


class InputTooLargeError(InputError):
    code = "too_large"


class MalformedInputError(InputError):
    code = "malformed"


class NoTextError(InputError):
    code = "no_text"


class FetchError(InputError):
    code = "fetch_failed"


class BlockedAddressError(FetchError):
    code = "blocked_address"


class ConfigError(OpsLensError):
    code = "config"


class ModelError(OpsLensError):
    code = "model"


class StoreError(OpsLensError):
    code = "store"


class NotFoundError(StoreError):
    code = "not_found"


class MissingStoreError(StoreError):
    """A command that only reads was pointed at a store that does not exist (a mistyped --db)."""

    code = "no_store"
