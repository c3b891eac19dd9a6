"""The analyst's desk: a local web UI and a REST API over a corpus (`newsint serve`).

    from newsint.web import create_app
    app = create_app("newsint.db")                  # any ASGI server runs it
    app = create_app(corpus, token="s3cret")        # required when bound beyond loopback

docs/web.md describes the routes and the security model.
"""

from newsint.web.app import create_app

__all__ = ["create_app"]
