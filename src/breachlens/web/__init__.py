"""The analysts' web dashboard and REST API (FastAPI + Jinja2, served by ``breachlens serve``).

``create_app()`` in :mod:`breachlens.web.app` builds the application; this package imports nothing heavy, so
that the store's triage hooks can be used without FastAPI.

Example::

    from breachlens.web.app import create_app
    app = create_app()          # uvicorn.run(app, host="127.0.0.1", port=8000)
"""
