"""``jingzhun serve``: the rules as an HTTP service (FastAPI on uvicorn, the ``[serve]`` extra).

One ``POST /rules/{rule_id}`` endpoint per rule of the catalogue that reads records, generated
from the catalogue; ``GET /rules``, ``/parameters``, ``/schemas/{name}``, ``/health`` and an
OpenAPI document built from the shipped JSON Schemas. Every bad request is a 4xx whose body
lists the loaders' record errors. The web framework is imported only by
:func:`create_app` (and :mod:`jingzhun.serve.app`): ``import jingzhun`` stays cheap and the
core works without the extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(**kwargs: Any) -> FastAPI:
    """The ASGI application (see :func:`jingzhun.serve.app.create_app`)."""
    from jingzhun.serve.app import create_app as create

    return create(**kwargs)
