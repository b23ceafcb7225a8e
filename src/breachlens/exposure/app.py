"""A FastAPI application with only the exposure routers: for tests, benchmarks and a stand-alone lookup service.

``breachlens serve`` mounts the same routers into the dashboard's application.

Example::

    uvicorn.run(create_app(), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

from fastapi import FastAPI

from breachlens.exposure.service import ExposureService

__all__ = ["create_app"]


def create_app(service: ExposureService | None = None) -> FastAPI:
    """The lookup service: ``/api/v3/...`` (Have I Been Pwned API v3) and ``/lookup`` (the public page)."""
    from breachlens.exposure.api import page_router, router, use_service

    use_service(service)
    app = FastAPI(title="breachlens exposure lookup", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(router)
    app.include_router(page_router)
    return app
