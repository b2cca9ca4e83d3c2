"""The web app: REST API, OpenAPI schema and the analyst's UI (`create_app`)."""

from .app import create_app

__all__ = ["create_app"]
