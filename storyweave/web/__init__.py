"""The web UI and REST API: ``create_app(db_path)`` gives an ASGI app (FastAPI); ``storyweave serve`` runs it."""

from storyweave.web.app import create_app

__all__ = ["create_app"]
