"""The web layer: an ASGI app (FastAPI) over the library; it renders, it never decides."""

from storydiff.web.app import Limits, create_app

__all__ = ["Limits", "create_app"]
