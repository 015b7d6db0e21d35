"""The web side of OpsLens: the HTTP API under /api, the dashboard's pages and their static files.

    from opslens.web.app import ServeConfig, create_app
    app = create_app(ServeConfig(store_url="sqlite:///opslens.db"))

`opslens serve` runs it with uvicorn.
"""
