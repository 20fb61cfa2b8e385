"""The web layer: an ASGI app (FastAPI) over the library; it renders, it never decides."""

from storydiff.web.app import SERVE_ENV, Limits, create_app, create_app_from_env

__all__ = ["SERVE_ENV", "Limits", "create_app", "create_app_from_env"]
