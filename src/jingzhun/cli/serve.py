"""``jingzhun serve``: the rules as an HTTP service on uvicorn (the ``[serve]`` extra).

Without the extra the command says how to install it and exits with status 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from jingzhun.cli import EXIT_BAD_INPUT, EXIT_OK, _overlays
from jingzhun.engine.signals import say

MISSING = (
    "jingzhun serve 需要 [serve] 扩展 / jingzhun serve needs the [serve] extra: "
    "pip install 'jingzhun[serve]'  (FastAPI and uvicorn; missing: {name})"
)


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a port number 1 to 65535")
    return int(text)


def add_serve_command(sub: Any) -> None:
    """The ``serve`` subcommand and its options."""
    p = sub.add_parser("serve", help="the rules as an HTTP service (FastAPI, the [serve] extra)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    p.add_argument(
        "--overlay",
        action="append",
        metavar="TOML",
        help="an extra parameter overlay file (may be repeated)",
    )
    p.add_argument(
        "--access-log", action="store_true", help="log every request (off: it costs throughput)"
    )
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; status 2 if FastAPI or uvicorn is not installed."""
    overlays = _overlays(args)
    try:
        import uvicorn

        from jingzhun.serve.app import create_app
    except ImportError as exc:
        say(MISSING.format(name=exc.name or exc))
        return EXIT_BAD_INPUT
    app = create_app(overlays=overlays)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=args.access_log)
    return EXIT_OK
