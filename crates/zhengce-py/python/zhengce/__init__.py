"""zhengce: Chinese government policy documents into structured data.

The Rust extractor of the ``zhengce`` command line, as a Python package::

    import zhengce
    doc = zhengce.extract("plan.docx")          # a path: str or os.PathLike
    doc = zhengce.extract(raw, name="plan.txt")  # bytes: the document itself
    docs = zhengce.extract_many(paths)           # in parallel, GIL released
    frame = zhengce.targets_frame(d for d in docs if isinstance(d, dict))

A document is the dict form of the JSON ``zhengce extract`` writes (the
schema is ``schemas/document.schema.json``): the extractor writes that JSON
and the package parses it, so ``json.dumps(doc, indent=2, ensure_ascii=False)``
plus a newline gives back the CLI's file byte for byte.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Tuple, Union

from . import _zhengce
from ._error import ExtractError
from ._frame import TARGET_COLUMNS, targets_frame, targets_schema, targets_table

__all__ = [
    "ExtractError",
    "extract",
    "extract_json",
    "extract_many",
    "targets_frame",
    "targets_table",
    "targets_schema",
    "TARGET_COLUMNS",
    "SCHEMA_VERSION",
    "EXTRACTOR_VERSION",
]

SCHEMA_VERSION: str = _zhengce.SCHEMA_VERSION
EXTRACTOR_VERSION: str = _zhengce.EXTRACTOR_VERSION

Data = Union[bytes, bytearray, str, "os.PathLike[str]"]
Limits = Mapping[str, Optional[Union[int, float]]]


def extract_json(data: Data, *, name: Optional[str] = None, limits: Optional[Limits] = None) -> str:
    """The document's JSON text, byte for byte the file ``zhengce extract``
    writes for it.

    ``data`` is the document (``bytes``/``bytearray``) or the path of a file
    (``str`` or ``os.PathLike``). ``name`` names the document in
    ``source.path`` and in errors; its extension picks the reader (``.txt``,
    ``.html``…, ``.docx``; a ``.txt`` holding a web page is read as HTML). It
    defaults to the path as given, or ``document.txt`` for bytes.

    ``limits`` takes the CLI's limits by their flag names: ``max_input_bytes``,
    ``max_docx_bytes``, ``max_docx_ratio``, ``max_xml_depth``, ``max_targets``,
    ``timeout`` (seconds per document; 0 or None: none). Unset ones keep the
    CLI's defaults; an unknown name is a ``ValueError``.

    Raises :class:`ExtractError` when the input gives no document (empty,
    binary, over a limit, unreadable), with its ``path`` and ``reason``.
    The extraction runs with the GIL released.
    """
    return _zhengce.extract_json(data, name=name, limits=None if limits is None else dict(limits))


def extract(data: Data, *, name: Optional[str] = None, limits: Optional[Limits] = None) -> dict[str, Any]:
    """The document as a dict: the JSON of ``zhengce extract``, parsed.

    Arguments and errors are those of :func:`extract_json`.
    """
    return json.loads(extract_json(data, name=name, limits=limits))


def extract_many(
    inputs: Iterable[Union[Data, Tuple[str, Data]]],
    threads: Optional[int] = None,
    *,
    limits: Optional[Limits] = None,
) -> list[Union[dict[str, Any], ExtractError]]:
    """Extracts many inputs in parallel, on ``threads`` threads (default: all
    cores), with the GIL released.

    Each input is a path (``str``/``os.PathLike``), bytes, or a
    ``(name, bytes)`` pair. Returns one entry per input, in input order: the
    document dict, or the :class:`ExtractError` (not raised) for an input that
    gave none, so that one bad file does not stop the batch.
    """
    results: Sequence[Union[str, ExtractError]] = _zhengce.extract_many_json(
        list(inputs), threads=threads, limits=None if limits is None else dict(limits)
    )
    return [r if isinstance(r, ExtractError) else json.loads(r) for r in results]
