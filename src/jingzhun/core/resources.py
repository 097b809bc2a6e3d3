"""Access to the data files shipped inside the package (never the network, never ``../shared``)."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def data_path(*parts: str) -> Traversable:
    """Return the packaged file ``jingzhun/<parts...>``."""
    path = resources.files("jingzhun")
    for part in parts:
        path = path / part
    return path


@cache
def load_json(*parts: str) -> Any:
    """Read a packaged JSON file once and cache it."""
    return json.loads(data_path(*parts).read_text(encoding="utf-8"))


def load_toml_text(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def list_data(*parts: str) -> list[Traversable]:
    """List the files of a packaged folder, sorted by name."""
    folder = data_path(*parts)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_file()), key=lambda p: p.name)
