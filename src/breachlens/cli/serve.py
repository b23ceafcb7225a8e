"""``breachlens serve``: the analysts' dashboard and REST API, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["serve_command"]


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 exposes it to the network.")] =
        "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port to listen on.")] = 8000,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn's log level: info, warning, error.")] =
        "info",
    forwarded_allow_ips: Annotated[str | None, typer.Option(
        "--forwarded-allow-ips", metavar="ADDRESSES",
        help="Behind a TLS proxy: the proxy's addresses (comma-separated, or *), whose X-Forwarded-For and "
             "X-Forwarded-Proto headers are trusted, so that rate limits see the real client and cookies are "
             "marked Secure. Unset: those headers are ignored.")] = None,
) -> None:
    """Serve the dashboard (sign in with an account from `breachlens users add`) and the REST API under /api/.

    Failed sign-ins are throttled per client address and per account (see docs/web.md).

    Example: breachlens serve --port 8000
    """
    import uvicorn

    from breachlens.store import Store
    from breachlens.store.web import users
    from breachlens.web.app import create_app

    with Store() as store:
        if not users(store):
            typer.echo("No account yet: create one with `breachlens users add NAME --role admin`.", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}, reachable from other machines; put TLS in front of it.", err=True)
    typer.echo(f"breachlens dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C to stop)")
    trusted = (forwarded_allow_ips or "").strip() or None
    uvicorn.run(create_app(), host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=trusted is not None, forwarded_allow_ips=trusted)
