"""Errors with stable codes, so users and tests can tell failures apart (as spaCy's errors.py)."""

from __future__ import annotations


class UnspinError(Exception):
    """Base class: every error unspin raises on purpose carries a code and a plain reason."""

    code = "E000"

    def __init__(self, reason: str) -> None:
        super().__init__(f"[{self.code}] {reason}")
        self.reason = reason


class InputError(UnspinError):
    """A document could not be read: empty, binary, too large, undecodable, malformed row."""

    code = "E001"


class FetchError(InputError):
    """A URL could not be fetched (unreachable, timeout, too large, not text)."""

    code = "E002"


class OffsetError(UnspinError):
    """A span points outside the document's text: a bug in a component, never user input."""

    code = "E003"


class ComponentError(UnspinError):
    """An unknown component, or one whose requirements are not met."""

    code = "E004"


class ModelError(UnspinError):
    """A model artifact is missing, corrupt or made for another unspin version."""

    code = "E005"
