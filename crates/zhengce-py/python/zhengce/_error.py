"""The package's exception: an input that gave no document."""

from __future__ import annotations


class ExtractError(Exception):
    """An input could not be converted: there is no document to give.

    ``path`` names the input (the path as given, or the ``name`` of bytes);
    ``reason`` says why, in the words of ``zhengce extract``'s report (empty,
    not text, over a limit and which flag raises it, unreadable container,
    time limit, no document on a web page, unreadable file). ``str(error)`` is
    ``"path: reason"``, the CLI's message.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
