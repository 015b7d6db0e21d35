"""The web layer: the HTTP API (web/api), the dashboard pages (web/pages), their templates and static files."""
