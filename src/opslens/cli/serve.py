"""`opslens serve`: the HTTP API (and the dashboard) over a store, with uvicorn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from opslens.cli.common import err, one_line_errors, options, plain

if TYPE_CHECKING:
    from opslens.web.config import ServeConfig

Host = Annotated[
    str,
    typer.Option("--host", help="Address to bind; beyond 127.0.0.1 (e.g. 0.0.0.0) it needs --token."),
]
Port = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
Db = Annotated[str | None, typer.Option("--db", help=plain("Store URL or SQLite file [env OPSLENS_DB]."))]
Token = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="OPSLENS_TOKEN",
        show_envvar=False,
        help=plain("Bearer token the write endpoints require (POST /api/analyze, PUT /api/rules) [env OPSLENS_TOKEN]."),
    ),
]
AllowPrivate = Annotated[
    bool | None,
    typer.Option("--allow-private", help="Let POST /api/analyze fetch URLs on private or loopback addresses."),
]


@one_line_errors
def command(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    db: Db = None,
    token: Token = None,
    allow_private: AllowPrivate = None,
) -> None:
    """Serve the HTTP API under /api (described at /api/openapi.json) and the dashboard.

    Example: opslens serve --port 8000 --db opslens.db
    """
    from opslens.web.config import ServeConfig, check_config

    opts = options(db=db, allow_private=allow_private)
    config = ServeConfig(
        store_url=opts.store_url,
        host=host,
        port=port,
        token=token,
        allow_private=opts.allow_private,
        options=opts,
    )
    check_config(config)  # before uvicorn and the store: a refusal is one line, not a traceback
    _run(config)


def _run(config: ServeConfig) -> None:
    import uvicorn

    from opslens.store.engine import mask
    from opslens.web.app import create_app

    where = f"[{config.host}]" if ":" in config.host else config.host
    err.print(f"OpsLens API on http://{where}:{config.port}/api (store {mask(config.store_url)})", markup=False)
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="info", server_header=False)
