"""newsint: a sourced picture from a pile of news articles.

from newsint import analyze
result = analyze(open("page.txt").read(), published="2023-04-13")
print(result.to_json())

from newsint import Corpus
corpus = Corpus("newsint.db")        # or Corpus("postgresql://user@host/db")
corpus.ingest(["articles/"])
corpus.stories(); corpus.claims(min_sources=2); corpus.entities(); corpus.timeline()
"""

from typing import TYPE_CHECKING, Any

from newsint.api import analyze, analyze_paths
from newsint.config import Config, load_config
from newsint.model import SCHEMA, Analysis
from newsint.version import __version__

if TYPE_CHECKING:
    from newsint.corpus.api import Corpus

__all__ = [
    "SCHEMA",
    "Analysis",
    "Config",
    "Corpus",
    "__version__",
    "analyze",
    "analyze_paths",
    "load_config",
]


def __getattr__(name: str) -> Any:
    # Corpus pulls in SQLAlchemy (half a second): loaded on first use, not on `import newsint`.
    if name == "Corpus":
        from newsint.corpus.api import Corpus

        return Corpus
    raise AttributeError(f"module 'newsint' has no attribute {name!r}")
