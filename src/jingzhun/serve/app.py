"""The FastAPI application: routes generated from the rule catalogue, errors as record errors.

Decisions are computed in the event loop (they take well under a millisecond: a thread pool
would cost more than it saves); the response of ``POST /rules/{rule_id}`` is the decision's
own JSON (:meth:`~jingzhun.core.decisions.Decision.to_json`, schema ``decision``), or
``{"decisions": [...]}`` for a ``records`` array.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from jingzhun import __version__
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.dates import as_date
from jingzhun.core.errors import JingzhunError
from jingzhun.core.parameters import ParameterSet
from jingzhun.engine.overlays import with_overlays
from jingzhun.io.kinds import has_record_kind
from jingzhun.rules import catalogue
from jingzhun.serve.openapi import DECISION, ERRORS, PREFIX, components, request_name
from jingzhun.serve.payloads import (
    catalogue_document,
    parameters_document,
    region_code,
    schema_document,
    schema_names,
)
from jingzhun.serve.requests import (
    RejectedRequestError,
    decide,
    envelope_error,
    parse_body,
    read_request,
)

MAX_BODY: Final = 2**20
"""The largest request body accepted (1 MiB); larger is 413."""

JSON: Final = "application/json"
Endpoint = Callable[[Request], Awaitable[Response]]


def served_rules() -> list[RuleSpec]:
    """The rules offered as endpoints: those whose subject has a record kind."""
    return [spec for spec in catalogue() if has_record_kind(spec.subject)]


def create_app(
    *,
    overlays: Sequence[tuple[str, str]] = (),
    show_personal: bool = False,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The service. ``overlays`` are ``(origin, TOML text)`` parameter overlays applied to
    every decision; ``show_personal`` unmasks names and ID numbers in error messages."""
    params = with_overlays(tuple(overlays))
    app = FastAPI(
        title="jingzhun",
        version=__version__,
        description="精准扶贫精准脱贫 rules as a service: every decision explained and cited.",
    )
    specs = served_rules()
    for spec in specs:
        app.add_api_route(
            f"/rules/{spec.id}",
            _rule_endpoint(spec, params, show_personal, max_body),
            methods=["POST"],
            name=spec.id,
            summary=f"{spec.title_zh} / {spec.title_en}",
            description=f"{spec.question_zh}\n\n{spec.question_en}",
            tags=["rules"],
            openapi_extra=_operation(spec),
        )
    _add_documents(app, params)
    _add_error_handlers(app)
    _set_openapi(app, specs)
    return app


async def read_limited(request: Request, max_body: int) -> bytes:
    """The body, refused with 413 once it is larger than ``max_body`` bytes."""
    too_large = RejectedRequestError(
        413, [envelope_error("/", f"请求体过大 / the body is larger than {max_body} bytes")]
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _rule_endpoint(
    spec: RuleSpec, params: ParameterSet, show_personal: bool, max_body: int
) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        body = parse_body(await read_limited(request, max_body))
        wanted = read_request(spec, body, show_personal)
        texts = decide(spec, wanted, params)
        content = texts[0] if wanted.single else '{"decisions": [' + ", ".join(texts) + "]}"
        return Response(content=content.encode("utf-8"), media_type=JSON)

    endpoint.__name__ = "decide_" + spec.id.replace(".", "_")
    return endpoint


def _errors_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": {"$ref": PREFIX + ERRORS}}}}


ERROR_RESPONSES: Final = {
    "400": _errors_response("not JSON / 请求体不是JSON"),
    "413": _errors_response("body too large / 请求体过大"),
    "422": _errors_response("invalid request or records / 请求或记录有误"),
}


def _operation(spec: RuleSpec) -> dict[str, Any]:
    decision = {"$ref": PREFIX + DECISION}
    batch = {
        "type": "object",
        "required": ["decisions"],
        "properties": {"decisions": {"type": "array", "items": decision}},
    }
    return {
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"$ref": PREFIX + request_name(spec)}}},
        },
        "responses": {
            "200": {
                "description": "the decision (record), or the decisions (records)",
                "content": {JSON: {"schema": {"oneOf": [decision, batch]}}},
            },
            **ERROR_RESPONSES,
        },
    }


def _add_documents(app: FastAPI, params: ParameterSet) -> None:
    @app.get("/health", tags=["service"])
    async def health() -> dict[str, Any]:
        """Liveness: the version and the number of rule endpoints."""
        return {"status": "ok", "version": __version__, "rules": len(served_rules())}

    @app.get("/rules", tags=["catalogue"])
    async def rules() -> dict[str, Any]:
        """The rule catalogue (as ``jingzhun rules --json``)."""
        return catalogue_document()

    @app.get("/parameters", tags=["catalogue"], responses={"422": ERROR_RESPONSES["422"]})
    async def parameters(
        on: str, region: str | None = None, province: str | None = None
    ) -> dict[str, Any]:
        """The parameters in force on a date, for a region (as ``jingzhun params --json``)."""
        try:
            day = as_date(on).isoformat()
        except (ValueError, JingzhunError):
            message = f"应为日期 YYYY-MM-DD / expected a date YYYY-MM-DD, got {on[:40]!r}"
            raise RejectedRequestError(422, [envelope_error("?on", message)]) from None
        try:
            code = region_code(region, province)
        except (ValueError, LookupError, JingzhunError) as exc:
            where = "?region" if region else "?province"
            code = exc.code if isinstance(exc, JingzhunError) else None
            raise RejectedRequestError(422, [envelope_error(where, str(exc))], code) from None
        return parameters_document(params, day, code)

    @app.get("/schemas", tags=["catalogue"])
    async def schemas() -> dict[str, list[str]]:
        """The names of the shipped JSON Schemas."""
        return {"schemas": schema_names()}

    @app.get("/schemas/{name}", tags=["catalogue"], responses={"404": ERROR_RESPONSES["422"]})
    async def schema(name: str) -> dict[str, Any]:
        """One shipped JSON Schema (``household`` or ``household.schema.json``)."""
        try:
            return schema_document(name)
        except LookupError as exc:
            code = exc.code if isinstance(exc, JingzhunError) else None
            raise RejectedRequestError(404, [envelope_error("/", str(exc))], code) from None


def _add_error_handlers(app: FastAPI) -> None:
    async def rejected(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RejectedRequestError)
        return JSONResponse(exc.body(), status_code=exc.status)

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = f"{exc.status_code}: {exc.detail}"
        if exc.status_code == 404:
            message = "没有此资源 / not found: see GET /rules and /openapi.json"
        body = RejectedRequestError(exc.status_code, [envelope_error("/", message)]).body()
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    async def invalid(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [
            envelope_error(
                "?" + str(e.get("loc", ("", ""))[-1]) if e.get("loc", ("",))[0] == "query" else "/",
                str(e.get("msg", "invalid")),
            )
            for e in exc.errors()
        ]
        return JSONResponse(RejectedRequestError(422, errors).body(), status_code=422)

    app.add_exception_handler(RejectedRequestError, rejected)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def _set_openapi(app: FastAPI, specs: list[RuleSpec]) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            document.setdefault("components", {}).setdefault("schemas", {}).update(
                components(specs)
            )
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
