"""Type stubs of the extension module (see zhengce/__init__.py for the API)."""

import os
from typing import Any, Mapping, Optional, Union

from ._error import ExtractError

SCHEMA_VERSION: str
EXTRACTOR_VERSION: str

def extract_json(
    data: Union[bytes, bytearray, str, os.PathLike[str]],
    *,
    name: Optional[str] = None,
    limits: Optional[Mapping[str, Any]] = None,
) -> str: ...
def extract_many_json(
    inputs: list[Any],
    *,
    threads: Optional[int] = None,
    limits: Optional[Mapping[str, Any]] = None,
) -> list[Union[str, ExtractError]]: ...
